"""Leftovers: links each provision still free to nothing, as deleted (old) or added (new), so all are covered."""

from __future__ import annotations

from ...settings import AlignSettings
from ..ledger import Ledger
from ..scoring import Scoring


def run(ledger: Ledger, scoring: Scoring, settings: AlignSettings) -> None:
    for i in range(len(ledger.old.provisions)):
        if ledger.old.free(i):
            ledger.link([i], [], 0.0, "none", f"nothing in the new version is {settings.min_score:.0%} alike")
    for j in range(len(ledger.new.provisions)):
        if ledger.new.free(j):
            ledger.link([], [j], 0.0, "none", f"nothing in the old version is {settings.min_score:.0%} alike")
