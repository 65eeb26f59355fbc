"""Positional: links a point rewritten at its own number, where the numbering is kept and so is evidence.

The pass checks this itself: only in a mark-up that keeps the old numbering (most top-level
points already linked kept their number) is a point's number evidence; in a redraft it says
nothing about matter. There a rewrite needs only `positional_share` of `min_score` in wording, and
a neighbour that kept its number too.
"""

from __future__ import annotations

from ...settings import AlignSettings
from ..ledger import Ledger
from ..scoring import Scoring
from ..similarity import text_similarity


def run(ledger: Ledger, scoring: Scoring, settings: AlignSettings) -> None:
    if not keeps_numbering(ledger, settings.markup_share):
        return
    old, new = ledger.old, ledger.new
    floor = settings.positional_share * settings.min_score
    for j, q in enumerate(new.provisions):
        i = old.index.get(q.label)
        if i is None or not (old.free(i) and new.free(j)):
            continue
        if not (old.matchable(i) and new.matchable(j)):
            continue
        wording = text_similarity(old.words[i], new.words[j])
        if wording < floor or not _neighbour_kept_number(ledger, i):
            continue
        ledger.link([i], [j], scoring.score([i], [j]), "positional",
                    f"rewritten at the same number {q.label}, between neighbours that kept theirs")


def keeps_numbering(ledger: Ledger, share: float) -> bool:
    """True when at least `share` of the top-level points kept their number: a mark-up, not a redraft."""
    old, new = ledger.old, ledger.new
    tops = [i for i, p in enumerate(old.provisions) if p.depth == 0 and p.label.isdigit()]
    same = sum(
        1 for i in tops
        if i in old.linked and [new.provisions[j].label for j in ledger.links[old.linked[i]].new]
        == [old.provisions[i].label]
    )
    return bool(tops) and same >= share * len(tops)


def _neighbour_kept_number(ledger: Ledger, i: int) -> bool:
    old, new = ledger.old, ledger.new
    siblings = old.siblings[old.provisions[i].parent]
    at = old.sibling_at[i]
    for k in siblings[max(0, at - 1) : at] + siblings[at + 1 : at + 2]:
        held = ledger.partner(old, k)
        if held is not None and len(held.new) == 1 and new.provisions[held.new[0]].label == old.provisions[k].label:
            return True
    return False
