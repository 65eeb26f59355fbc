"""Label: links provisions at the same number when the slot was struck (no words to go by) or is still alike.

A struck slot ("10.d [deleted]") has no words to match on, so its number is all there is; a
same-numbered text `label_similar` alike is the same point lightly edited.
"""

from __future__ import annotations

from ...settings import AlignSettings
from ..ledger import Ledger
from ..scoring import Scoring


def run(ledger: Ledger, scoring: Scoring, settings: AlignSettings) -> None:
    old, new = ledger.old, ledger.new
    for j, q in enumerate(new.provisions):
        i = old.index.get(q.label)
        if i is None or not new.free(j) or not old.free(i):
            continue
        if q.status == "deleted":
            if old.provisions[i].status == "deleted":
                ledger.link([i], [j], 1.0, "label", f"struck in both versions at number {q.label}")
            else:
                ledger.link([i], [j], 1.0, "label", f"struck; the slot is kept at number {q.label}")
            continue
        if not (old.matchable(i) and new.matchable(j)):
            continue
        score = scoring.score([i], [j])
        if score >= settings.label_similar:
            ledger.link([i], [j], score, "label", f"same number, {score:.0%} alike")
