"""Across levels: links a point to its counterpart's sub-items on its matter: it was flattened or expanded.

24 and its items a, b, d became point 17: the point was flattened (a merge), or, the other way
round, expanded into sub-items (a split). A sub-item joins when at least `child_floor` alike to
the point; a point's options go with it (19 became 12 with its two options), so an option needs
only `gap_share` of `min_score`.
"""

from __future__ import annotations

from ...model import Provision
from ...settings import AlignSettings
from ..direction import MERGE, SPLIT
from ..ledger import Ledger
from ..scoring import Scoring


def run(ledger: Ledger, scoring: Scoring, settings: AlignSettings) -> None:
    for index, held in enumerate(list(ledger.links)):
        if not held.one_to_one:
            continue
        # The parts come from the side with sub-items; the whole is the point that has none.
        for direction in (MERGE, SPLIT):
            whole_side, part_side = direction.whole_side(ledger), direction.part_side(ledger)
            w, seed = direction.whole_of(held)[0], direction.parts_of(held)[0]
            kids = part_side.children(seed)
            if not kids or whole_side.children(w):
                continue
            parts = [seed, *(k for k in part_side.open(kids)
                             if direction.score(scoring, w, [k]) >= _child_floor(settings, part_side.provisions[k]))]
            if len(parts) > 1:
                direction.regroup(ledger, scoring, index, w, parts, direction.score(scoring, w, parts))


def _child_floor(settings: AlignSettings, child: Provision) -> float:
    return settings.gap_share * settings.min_score if child.status == "option" else settings.child_floor
