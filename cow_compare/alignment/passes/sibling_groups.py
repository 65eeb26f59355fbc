"""Sibling groups: links a provision to several siblings on the other side that share its words: a split or merge.

10.b and 10.d became 5.b: a weak 1:1 link is widened into a merge (or, from the other side, a
split) while each added sibling makes the fit better. Each round proposes a group for every weak
1:1 link, on both sides, then applies them best first, skipping any that touch a provision an
earlier one changed. Proposing from both sides at once, and repeating while anything changes,
keeps the answer the same whichever version is called old.
"""

from __future__ import annotations

from ...settings import AlignSettings
from ..direction import MERGE, SPLIT, Direction
from ..ledger import Ledger, Pending
from ..scoring import Scoring

Proposal = tuple[float, Direction, int, list[int]]
"""(score, direction, whole, parts)."""


def run(ledger: Ledger, scoring: Scoring, settings: AlignSettings) -> None:
    for _round in range(settings.group_rounds):
        proposals = [*_proposals(ledger, scoring, settings, MERGE), *_proposals(ledger, scoring, settings, SPLIT)]
        # Best first, then the larger group; on a tie merges before splits, then document order.
        proposals.sort(key=lambda t: (-t[0], -len(t[3]), t[1].whole_on_old, t[2], t[3]))
        touched: set[tuple[bool, int]] = set()  # (on the old side?, index)
        changed = False
        for score, direction, w, parts in proposals:
            whole_side, part_side = direction.whole_side(ledger), direction.part_side(ledger)
            keys = {(direction.whole_on_old, w), *((not direction.whole_on_old, k) for k in parts)}
            held = [ledger.partner(part_side, k) for k in parts]
            for link in (h for h in held if h is not None):
                keys.update((True, i) for i in link.old)
                keys.update((False, j) for j in link.new)
            if keys & touched:
                continue
            touched.update(keys)
            for k in parts:
                if not part_side.free(k) and ledger.partner(part_side, k) is not ledger.partner(whole_side, w):
                    ledger.dissolve(part_side.linked[k])
            direction.regroup(ledger, scoring, whole_side.linked[w], w, parts, score)
            changed = True
        if not changed:
            break


def _proposals(ledger: Ledger, scoring: Scoring, settings: AlignSettings, direction: Direction) -> list[Proposal]:
    """For each weak 1:1 link of a whole, the group of nearby parts that fits it best, if any.

    Parts are added one at a time, the best fit first (near-ties to the part nearer the seed),
    while each makes the fit better. Nothing is changed here.
    """
    whole_side, part_side = direction.whole_side(ledger), direction.part_side(ledger)
    found: list[Proposal] = []
    for w in range(len(whole_side.provisions)):
        held = ledger.partner(whole_side, w)
        if held is None or held.score >= settings.strong or not held.one_to_one:
            continue
        seed = direction.parts_of(held)[0]
        whole = whole_side.bags[w]
        siblings = part_side.siblings[part_side.provisions[seed].parent]
        at = part_side.sibling_at[seed]
        # The parts of a merge or split sit near each other: look a few siblings either way.
        nearby = siblings[max(0, at - settings.group_reach) : at + settings.group_reach + 1]
        family = [k for k in nearby
                  if k != seed and part_side.matchable(k)
                  and _spare(scoring, direction, w, k, ledger.partner(part_side, k))
                  and scoring.topics.containment(part_side.bags[k], whole) >= settings.part_floor]
        parts = [seed]
        score = held.score
        while family:
            tried = []
            for k in family:
                fit = direction.score(scoring, w, [*parts, k])
                near = 1.0 / abs(part_side.sibling_at[k] - at)
                tried.append((fit + settings.prior_weight * near, fit, -k))
            _rank, best, k = max(tried)
            k = -k
            if best <= score:
                break
            parts.append(k)
            family.remove(k)
            score = best
        if len(parts) > 1:
            found.append((score, direction, w, sorted(parts)))
    return found


def _spare(scoring: Scoring, direction: Direction, w: int, k: int, held: Pending | None) -> bool:
    """Whether part k, in link `held` if any, may join whole w: free, or held by a weaker claim it gives up.

    A same-number positional link is the weakest evidence there is. A 1:1 link by similarity
    gives its part up when the part fits this whole better than its present partner: with
    repeated boilerplate, half of a split provision can look like some other provision.
    """
    if held is None:
        return True
    if not held.one_to_one or held.matched_by not in ("positional", "fuzzy"):
        return False
    if held.matched_by == "positional":
        return True
    return direction.score(scoring, w, [k]) > held.score
