"""How well provisions of the old version fit provisions of the new: pairs, groups, and structure.

Scores are `similarity.Topics` weighted overlaps of stems and topics, in [0, 1], rounded to 3
places so that output never depends on floating-point noise. A group (a split or merge) is scored
as the union of its members' words. Structure (label, parent, depth, place) is kept apart, in
`prior`, so that it only ever breaks near-ties between texts.
"""

from __future__ import annotations

from collections.abc import Sequence

from .ledger import Ledger
from .similarity import Topics


class Scoring:
    """Scores over one ledger's two versions, with word weights taken from both."""

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self.topics = Topics([*ledger.old.bags, *ledger.new.bags])

    def score(self, old: Sequence[int], new: Sequence[int]) -> float:
        """Weighted overlap of the provisions' words and topics (several: their union)."""
        left = frozenset().union(*(self.ledger.old.bags[i] for i in old))
        right = frozenset().union(*(self.ledger.new.bags[j] for j in new))
        return self.topics.similarity(left, right)

    def evidence(self, old: Sequence[int], new: Sequence[int]) -> str:
        """The heaviest shared words and topics, as an analyst reads them: 'nuclear, plant, [energy]'."""
        left = frozenset().union(*(self.ledger.old.bags[i] for i in old))
        right = frozenset().union(*(self.ledger.new.bags[j] for j in new))
        shown = []
        for token in self.topics.shared(left, right):
            shown.append(f"[{token[6:]}]" if token.startswith("topic:") else self.ledger.new.surface.get(token, token))
        return ", ".join(shown) if shown else "nothing in common"

    def pairs_at_least(self, olds: Sequence[int], news: Sequence[int], floor: float, *,
                       reach: int | None = None) -> dict[tuple[int, int], float]:
        """Pairs of these provisions scoring at least `floor`, found without trying every pair.

        `reach`: through a word that very many of them share, each proposes only this many of the
        other side, the nearest in place (`Topics.candidates`); None proposes all.
        """
        old, new = self.ledger.old, self.ledger.new
        found = self.topics.candidates([old.bags[i] for i in olds], [new.bags[j] for j in news], floor, reach=reach,
                                       row_places=[old.position(i) for i in olds],
                                       col_places=[new.position(j) for j in news])
        return {(olds[r], news[c]): score for r, c, score in found}

    def closeness(self, i: int, j: int) -> float:
        """1.0 when two provisions sit at the same relative place in their versions, 0.0 at opposite ends."""
        return 1.0 - abs(self.ledger.old.position(i) - self.ledger.new.position(j))

    def steadiness(self, i: int, j: int) -> float:
        """How good an anchor a link is, in [0, 1]: close in place and well matched.

        Decides which of two provisions that swapped places is the one that moved: the one that
        travelled farther, or if they travelled as far, the one matched less well.
        """
        held = self.ledger.partner(self.ledger.old, i)
        score = held.score if held is not None else 0.0
        return (self.closeness(i, j) + score) / 2.0

    def prior(self, i: int, j: int) -> float:
        """Structural agreement in [0, 1]: same label, linked parents, same depth, near position."""
        old, new = self.ledger.old, self.ledger.new
        p, q = old.provisions[i], new.provisions[j]
        same_label = 1.0 if p.label == q.label else 0.0
        parents_linked = 0.0
        if p.parent is not None and q.parent is not None:
            held = self.ledger.partner(old, old.index[p.parent])
            if held is not None and new.index[q.parent] in held.new:
                parents_linked = 1.0
        same_depth = 1.0 if p.depth == q.depth else 0.0
        near = self.closeness(i, j)
        return (same_label + parents_linked + same_depth + near) / 4.0
