"""Within parents: links sub-items of two linked points at a lower bar, as the parents' link is evidence.

Sub-items that kept their parent need only `parent_share` of `min_score`, and pair in any order:
sub-items are often reordered within a point. The candidate pairs come from the same bounded
search as the fuzzy pass (`Scoring.pairs_at_least`), so a point with thousands of sub-items costs
no matrix.
"""

from __future__ import annotations

from ...settings import AlignSettings
from ..ledger import Ledger
from ..scoring import Scoring


def run(ledger: Ledger, scoring: Scoring, settings: AlignSettings) -> None:
    old, new = ledger.old, ledger.new
    floor = settings.parent_share * settings.min_score
    for held in list(ledger.links):
        if not held.one_to_one:
            continue
        olds = old.open(old.children(held.old[0]))
        news = new.open(new.children(held.new[0]))
        if not olds or not news:
            continue
        found = scoring.pairs_at_least(olds, news, floor, reach=settings.candidate_reach)
        pairs = sorted(((score, i, j) for (i, j), score in found.items()), key=lambda t: (-t[0], t[1], t[2]))
        for score, i, j in pairs:
            if old.free(i) and new.free(j):
                parents = f"{old.provisions[held.old[0]].label} and {new.provisions[held.new[0]].label}"
                ledger.link([i], [j], score, "fuzzy",
                            f"sub-items of linked points {parents}; {score:.0%} alike, shares {scoring.evidence([i], [j])}")
