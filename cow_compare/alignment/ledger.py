"""The ledger of an alignment: both versions' provisions and the links made so far.

Passes write links here and read who is still free; nothing here scores or decides.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from ..model import Document, MatchedBy, Provision
from .similarity import bag, content_words, stem


@dataclass
class Side:
    """One version's provisions with what matching needs, precomputed once."""

    provisions: Sequence[Provision]
    bags: list[frozenset[str]]
    words: list[str]
    index: dict[str, int]
    """Label -> provision index."""
    linked: dict[int, int]
    """Provision index -> index of its link in the ledger."""
    siblings: dict[str | None, list[int]]
    """Parent label -> indices of its children in order (None: the top level)."""
    surface: dict[str, str]
    """Stem -> the first word of this version with that stem, to show evidence in words."""
    sibling_at: dict[int, int]
    """Provision index -> its place among its siblings."""

    @classmethod
    def of(cls, doc: Document) -> Side:
        provisions = doc.provisions
        siblings: dict[str | None, list[int]] = defaultdict(list)
        for i, p in enumerate(provisions):
            siblings[p.parent].append(i)
        words = [content_words(p.text) for p in provisions]
        surface: dict[str, str] = {}
        for text in words:
            for w in text.split():
                surface.setdefault(stem(w), w)
        sibling_at = {i: at for group in siblings.values() for at, i in enumerate(group)}
        # Equal bags share one object, so that a text repeated throughout is weighed and scored once.
        interned: dict[frozenset[str], frozenset[str]] = {}
        bags = [interned.setdefault(b, b) for b in (bag(p.text, words=w) for p, w in zip(provisions, words, strict=True))]
        return cls(provisions, bags, words,
                   {p.label: i for i, p in enumerate(provisions)}, {}, siblings, surface, sibling_at)

    def free(self, i: int) -> bool:
        return i not in self.linked

    def matchable(self, i: int) -> bool:
        """A struck slot or an empty text has no words to match on."""
        return self.provisions[i].status != "deleted" and bool(self.words[i])

    def open(self, indices: Sequence[int]) -> list[int]:
        """Those of `indices` still free and with words to match on, in order."""
        return [i for i in indices if self.free(i) and self.matchable(i)]

    def position(self, i: int) -> float:
        return i / max(1, len(self.provisions) - 1)

    def children(self, i: int) -> list[int]:
        return self.siblings.get(self.provisions[i].label, [])


@dataclass
class Pending:
    """A link as the passes see it: provision indices, not yet labels."""

    old: list[int]
    new: list[int]
    score: float
    matched_by: MatchedBy | Literal["dissolved"]
    """The pass that made the link, or `dissolved` for a slot a split or merge replaced."""
    reason: str

    @property
    def one_to_one(self) -> bool:
        return len(self.old) == 1 and len(self.new) == 1


class Ledger:
    """The two versions and the links between them; a provision is in at most one link."""

    def __init__(self, old: Document, new: Document) -> None:
        self.old = Side.of(old)
        self.new = Side.of(new)
        self.links: list[Pending] = []

    def link(self, old: list[int], new: list[int], score: float, matched_by: MatchedBy, reason: str) -> None:
        index = len(self.links)
        self.links.append(Pending(old, new, round(score, 3), matched_by, reason))
        for i in old:
            self.old.linked[i] = index
        for j in new:
            self.new.linked[j] = index

    def dissolve(self, index: int) -> None:
        """Undo link number `index`; its slot stays so that later link numbers keep theirs."""
        pending = self.links[index]
        for i in pending.old:
            self.old.linked.pop(i, None)
        for j in pending.new:
            self.new.linked.pop(j, None)
        self.links[index] = Pending([], [], 0.0, "dissolved", "")

    def partner(self, side: Side, i: int) -> Pending | None:
        """The link holding provision i of `side`, if any."""
        return None if side.free(i) else self.links[side.linked[i]]
