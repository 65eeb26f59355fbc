"""Exact: links provisions with the same words whatever their number, since that is the surest evidence.

On ties, the one that kept its label wins; otherwise the first in the new version's order.
"""

from __future__ import annotations

from collections import defaultdict

from ...settings import AlignSettings
from ..ledger import Ledger
from ..scoring import Scoring


def run(ledger: Ledger, scoring: Scoring, settings: AlignSettings) -> None:
    old, new = ledger.old, ledger.new
    by_fingerprint: dict[str, list[int]] = defaultdict(list)
    for j, q in enumerate(new.provisions):
        if new.matchable(j):
            by_fingerprint[q.fingerprint].append(j)
    for i, p in enumerate(old.provisions):
        if not old.matchable(i):
            continue
        candidates = [j for j in by_fingerprint.get(p.fingerprint, []) if new.free(j)]
        if not candidates:
            continue
        same_label = [j for j in candidates if new.provisions[j].label == p.label]
        j = (same_label or candidates)[0]
        where = "" if new.provisions[j].label == p.label else f" now numbered {new.provisions[j].label}"
        ledger.link([i], [j], 1.0, "exact", f"same words{where}")
