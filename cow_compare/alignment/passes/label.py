"""Label: links provisions at the same number when the slot was struck (no words to go by) or is still alike.

A same-numbered text `label_similar` alike is the same point lightly edited. A struck slot
("10.d [deleted]") has no words to match on, so its number is all there is: in a mark-up that
keeps the numbering (`positional.keeps_numbering`, judged once the alike pairs are linked, the
struck slots counting as kept) it
faces whatever the other version holds at its number, whichever version is the old one: struck
in the new version it is a deletion, struck in the old and filled in the new an addition. In a
redraft a number says nothing about matter, so a struck slot there is linked only to a slot
struck at the same number.
"""

from __future__ import annotations

from ...settings import AlignSettings
from ..ledger import Ledger
from ..scoring import Scoring
from .positional import keeps_numbering


def run(ledger: Ledger, scoring: Scoring, settings: AlignSettings) -> None:
    old, new = ledger.old, ledger.new
    facing: list[tuple[int, int]] = []  # a struck slot and live text at the same number
    for j, q in enumerate(new.provisions):
        i = old.index.get(q.label)
        if i is None or not new.free(j) or not old.free(i):
            continue
        struck_old, struck_new = old.provisions[i].status == "deleted", q.status == "deleted"
        if struck_old and struck_new:
            ledger.link([i], [j], 1.0, "label", f"struck in both versions at number {q.label}")
            continue
        if struck_old or struck_new:
            facing.append((i, j))
            continue
        if not (old.matchable(i) and new.matchable(j)):
            continue
        score = scoring.score([i], [j])
        if score >= settings.label_similar:
            ledger.link([i], [j], score, "label", f"same number, {score:.0%} alike")
    if not facing or not keeps_numbering(ledger, settings.markup_share, facing):
        return
    for i, j in facing:
        label = new.provisions[j].label
        if new.provisions[j].status == "deleted":
            ledger.link([i], [j], 1.0, "label", f"struck; the slot is kept at number {label}")
        else:
            ledger.link([i], [j], 1.0, "label", f"the slot struck at number {label} is filled again")
