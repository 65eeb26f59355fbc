"""Positional: links a point rewritten at its own number, where the numbering is kept and so is evidence.

The pass checks this itself: only in a mark-up that keeps the old numbering (most top-level
points already linked kept their number) is a point's number evidence; in a redraft it says
nothing about matter. There a rewrite needs only `positional_share` of `min_score` in wording, and
a neighbour that kept its number too.

Both checks read the two versions alike (the share counts the top-level points of both; a
neighbour may be on either side) and the pairs are tried in an order that does not depend on
which version is called old, so swapping the versions swaps the links and nothing else.
"""

from __future__ import annotations

from collections.abc import Sequence

from ...settings import AlignSettings
from ..ledger import Ledger, Side
from ..scoring import Scoring
from ..similarity import text_similarity


def run(ledger: Ledger, scoring: Scoring, settings: AlignSettings) -> None:
    if not keeps_numbering(ledger, settings.markup_share):
        return
    old, new = ledger.old, ledger.new
    floor = settings.positional_share * settings.min_score
    pairs = [(i, j) for j, q in enumerate(new.provisions) if (i := old.index.get(q.label)) is not None]
    # Earlier links are neighbours of later ones: nearer the start of both versions first, then by label.
    pairs.sort(key=lambda pair: (pair[0] + pair[1], new.provisions[pair[1]].label))
    for i, j in pairs:
        if not (old.free(i) and new.free(j)):
            continue
        if not (old.matchable(i) and new.matchable(j)):
            continue
        wording = text_similarity(old.words[i], new.words[j])
        if wording < floor or not (_neighbour_kept_number(ledger, old, new, i)
                                   or _neighbour_kept_number(ledger, new, old, j)):
            continue
        ledger.link([i], [j], scoring.score([i], [j]), "positional",
                    f"rewritten at the same number {new.provisions[j].label}, between neighbours that kept theirs")


def keeps_numbering(ledger: Ledger, share: float, also: Sequence[tuple[int, int]] = ()) -> bool:
    """True when at least `share` of the top-level points of both versions kept their number: a mark-up,
    not a redraft. `also`: same-numbered pairs (old, new) not linked yet that count as kept (struck slots)."""
    old, new = ledger.old, ledger.new
    tops = [i for i, p in enumerate(old.provisions) if p.depth == 0 and p.label.isdigit()]
    new_tops = sum(1 for q in new.provisions if q.depth == 0 and q.label.isdigit())
    pending = {i for i, _j in also}
    same = sum(
        1 for i in tops
        if i in pending or (i in old.linked and ledger.links[old.linked[i]].one_to_one
                            and new.provisions[ledger.links[old.linked[i]].new[0]].label == old.provisions[i].label)
    )
    return bool(tops) and bool(new_tops) and 2 * same >= share * (len(tops) + new_tops)


def _neighbour_kept_number(ledger: Ledger, side: Side, other: Side, i: int) -> bool:
    """Whether a sibling next to provision i of `side` is linked to one provision of `other` with its own number."""
    siblings = side.siblings[side.provisions[i].parent]
    at = side.sibling_at[i]
    for k in siblings[max(0, at - 1) : at] + siblings[at + 1 : at + 2]:
        held = ledger.partner(side, k)
        if held is None or not held.one_to_one:
            continue
        partner = held.new[0] if side is ledger.old else held.old[0]
        if other.provisions[partner].label == side.provisions[k].label:
            return True
    return False
