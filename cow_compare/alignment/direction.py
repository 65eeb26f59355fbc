"""Splits and merges seen from their whole, so that the two are written once.

A split is one old provision (the whole) whose matter is spread over several new ones (its
parts); a merge is the same seen from the new version. The passes that make them (sibling groups,
across levels) ask a `Direction` which side holds the whole and which the parts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .ledger import Ledger, Pending, Side
from .scoring import Scoring


@dataclass(frozen=True)
class Direction:
    """SPLIT (whole in the old version, parts in the new) or MERGE (parts in the old, whole in the new)."""

    matched_by: Literal["split", "merge"]
    whole_on_old: bool
    said: str
    """What the reason says, with `{labels}` for the parts: 'its matter is spread over 3 + 4'."""

    def whole_side(self, ledger: Ledger) -> Side:
        return ledger.old if self.whole_on_old else ledger.new

    def part_side(self, ledger: Ledger) -> Side:
        return ledger.new if self.whole_on_old else ledger.old

    def whole_of(self, held: Pending) -> list[int]:
        return held.old if self.whole_on_old else held.new

    def parts_of(self, held: Pending) -> list[int]:
        return held.new if self.whole_on_old else held.old

    def old_and_new(self, whole: int, parts: list[int]) -> tuple[list[int], list[int]]:
        return ([whole], parts) if self.whole_on_old else (parts, [whole])

    def score(self, scoring: Scoring, whole: int, parts: list[int]) -> float:
        return scoring.score(*self.old_and_new(whole, parts))

    def regroup(self, ledger: Ledger, scoring: Scoring, held: int, whole: int, parts: list[int],
                score: float) -> None:
        """Replace link number `held` (the whole's 1:1 link) by a split or merge of the whole with its parts."""
        part_side = self.part_side(ledger)
        labels = " + ".join(part_side.provisions[k].label for k in parts)
        old, new = self.old_and_new(whole, parts)
        ledger.dissolve(held)
        evidence = scoring.evidence(old, new)
        ledger.link(old, new, score, self.matched_by,
                    f"{self.said.format(labels=labels)} ({score:.0%} together; shares {evidence})")


SPLIT = Direction("split", whole_on_old=True, said="its matter is spread over {labels}")
MERGE = Direction("merge", whole_on_old=False, said="{labels} were combined here")
