"""Carries decisions forward through the lineage, so a later version starts with what analysts said.

A decision follows its provision along each edge of lineage.toml, through the workspace's own
(untagged, cached) comparison of the two versions, as `history` does:

    identical, renumbered, reworded, moved   -> inherited: applied, naming where it was made and by whom
    modified, split, merged                  -> needs-review: shown, not applied, until an analyst decides
    deleted (or added)                       -> the decision stops there
    not-reported                             -> held: the next version is compared with the last one that
                                                had the provision (the version is known only in part)

A decision that needs review stays so downstream; a stale one (its words changed) is not carried.
A decision made on a version itself always wins over one carried there; of two carried to the same
provision, tag and polarity, the inherited one wins over one awaiting review, then the newer.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from ..model import Decision, DecisionState, Document, Report, Standing
from .view import direct, strongest

if TYPE_CHECKING:
    from ..intake.corpus import Corpus

CARRIED_AS: dict[str, DecisionState] = {
    "identical": "inherited", "renumbered": "inherited", "reworded": "inherited", "moved": "inherited",
    "modified": "needs-review", "split": "needs-review", "merged": "needs-review",
}
"""What a decision becomes on the counterpart a change of each kind leads to (other kinds end it)."""

Compare = Callable[[Document, Document], Report]


def ancestors(corpus: Corpus, doc_id: str) -> set[str]:
    """Every version lineage.toml leads to `doc_id` from (not itself)."""
    parents: dict[str, list[str]] = {}
    for edge in corpus.edges:
        parents.setdefault(edge.child, []).append(edge.parent)
    seen: set[str] = set()
    todo = [doc_id]
    while todo:
        for parent in parents.get(todo.pop(), []):
            if parent not in seen and parent != doc_id:
                seen.add(parent)
                todo.append(parent)
    return seen


class Carrier:
    """The decisions standing on each version of a corpus, computed once per version and kept."""

    def __init__(self, corpus: Corpus, decisions: Mapping[str, Sequence[Decision]], compare: Compare) -> None:
        """`decisions`: the decisions in force, by the version they were made on; `compare`: untagged comparisons."""
        self.corpus = corpus
        self.decisions = decisions
        self.compare = compare
        self._parents: dict[str, list[str]] = {}
        for edge in corpus.edges:
            self._parents.setdefault(edge.child, []).append(edge.parent)
        # version -> (standings placed on its provisions, standings held while it does not report them)
        self._at: dict[str, tuple[list[Standing], list[Standing]]] = {}
        self._visiting: set[str] = set()

    def standings(self, doc: Document) -> list[Standing]:
        """The decisions standing on this version's provisions: made there or carried there."""
        if self.corpus.documents.get(doc.id) is not doc:
            return list(direct(self.decisions.get(doc.id, ()), doc))
        return self._placed_and_held(doc.id)[0]

    def _placed_and_held(self, doc_id: str) -> tuple[list[Standing], list[Standing]]:
        if doc_id in self._at:
            return self._at[doc_id]
        if doc_id in self._visiting:  # a cycle in the lineage: nothing more comes round it
            return [], []
        self._visiting.add(doc_id)
        doc = self.corpus.documents[doc_id]
        placed: list[Standing] = []
        held: list[Standing] = []
        for parent in sorted(self._parents.get(doc_id, [])):
            parent_placed, parent_held = self._placed_and_held(parent)
            if parent_placed:
                more, waiting = self._through(parent_placed, self.corpus.documents[parent], doc)
                placed += more
                held += waiting
            for seen_in in sorted({s.doc for s in parent_held}):
                group = [s for s in parent_held if s.doc == seen_in]
                more, waiting = self._through(group, self.corpus.documents[seen_in], doc)
                placed += more
                held += waiting
        made_here = list(direct(self.decisions.get(doc_id, ()), doc))
        decided = {(s.label, s.event.tag, s.event.polarity) for s in made_here}
        carried = [s for s in strongest(placed) if (s.label, s.event.tag, s.event.polarity) not in decided]
        result = ([*made_here, *carried], _unique(held))
        self._visiting.discard(doc_id)
        self._at[doc_id] = result
        return result

    def _through(self, standings: list[Standing], old: Document, new: Document) -> tuple[list[Standing], list[Standing]]:
        """Where each standing on `old` lands in `new`: (placed there, held because `new` does not report it)."""
        live = [s for s in standings if s.state != "stale"]
        if not live:
            return [], []
        report = self.compare(old, new)
        by_label: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        for change in report.changes:
            for label in change.link.from_labels:
                by_label.setdefault(label, []).append((change.kind, change.link.to_labels))
        placed, held = [], []
        for s in live:
            for kind, to_labels in by_label.get(s.label, []):
                if kind == "not-reported":
                    held.append(s)
                    continue
                becomes = CARRIED_AS.get(kind)
                if becomes is None or not to_labels:
                    continue  # deleted: never carried across a struck slot
                if s.state == "needs-review":
                    becomes, kind = "needs-review", s.carried_through
                placed += [replace(s, doc=new.id, label=label, state=becomes, carried_through=kind)
                           for label in to_labels]
        return placed, held


def _unique(standings: list[Standing]) -> list[Standing]:
    seen: set[tuple[str, str, str]] = set()
    out = []
    for s in standings:
        key = (s.event.uid, s.doc, s.label)
        if key not in seen:
            seen.add(key)
            out.append(s)
    return out
