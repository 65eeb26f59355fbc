"""From the ledger to the links an analyst reads: labels, moved and renumbered flags, new-version order."""

from __future__ import annotations

from ..model import Link
from .ledger import Ledger, Pending
from .runs import longest_increasing
from .scoring import Scoring


def assemble(ledger: Ledger, scoring: Scoring) -> tuple[Link, ...]:
    """The links still standing, in the new version's order.

    A 1:1 link is moved when it is off the longest run of links that keep their order (the
    steadiest such run, so that the provision that jumped is the one called moved).
    """
    live = [p for p in ledger.links if p.old or p.new]
    one_to_one = [p for p in live if p.one_to_one]
    in_order = longest_increasing([(p.old[0], p.new[0]) for p in sorted(one_to_one, key=lambda p: p.old[0])],
                                  scoring.steadiness)
    after = _after_predecessor(ledger)
    live.sort(key=lambda p: _order_key(p, after))
    links = []
    for p in live:
        assert p.matched_by != "dissolved"  # `live` holds only links still standing
        old_labels = tuple(ledger.old.provisions[i].label for i in p.old)
        new_labels = tuple(ledger.new.provisions[j].label for j in p.new)
        renumbered = moved = False
        if p.one_to_one:
            renumbered = old_labels != new_labels
            moved = (p.old[0], p.new[0]) not in in_order
        links.append(Link(old_labels, new_labels, p.score, p.matched_by, p.reason, renumbered, moved))
    return tuple(links)


def _after_predecessor(ledger: Ledger) -> list[float]:
    """For each old provision: where in the new version it goes when it has no counterpart there.

    Right after whatever its nearest old predecessor with a counterpart became (the last of them),
    or before everything (-0.5). One pass over the old version, so a long version mostly deleted
    costs no more than one mostly kept.
    """
    after, last = [], -0.5
    for k in range(len(ledger.old.provisions)):
        after.append(last)
        if k in ledger.old.linked and ledger.links[ledger.old.linked[k]].new:
            last = max(ledger.links[ledger.old.linked[k]].new) + 0.5
    return after


def _order_key(p: Pending, after: list[float]) -> tuple[float, float]:
    """New-version order; a deleted provision goes right after whatever its old predecessor became."""
    if p.new:
        return (float(min(p.new)), float(min(p.old)) if p.old else -1.0)
    i = min(p.old)
    return (after[i], float(i))
