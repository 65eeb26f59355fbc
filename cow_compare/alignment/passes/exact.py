"""Exact: links provisions with the same words whatever their number, since that is the surest evidence.

Several provisions may share one text. Those that also share their number are linked first;
the rest of each text's provisions are then paired in order, the first left on one side with the
first left on the other. Both rules read the versions alike, so swapping them swaps the links.
A provision with no content word ("[...]", "—") is linked by its text like any other: a
version compared with itself is identical throughout. Struck slots are left to the label pass.
Each provision is looked at a bounded number of times, however many share its text.
"""

from __future__ import annotations

from collections import defaultdict

from ...settings import AlignSettings
from ..ledger import Ledger, Side
from ..scoring import Scoring


def run(ledger: Ledger, scoring: Scoring, settings: AlignSettings) -> None:
    old, new = ledger.old, ledger.new
    for i, p in enumerate(old.provisions):
        j = new.index.get(p.label)
        if j is not None and _linkable(old, i) and _linkable(new, j) and new.provisions[j].fingerprint == p.fingerprint:
            ledger.link([i], [j], 1.0, "exact", "same words")
    olds, news = _by_text(old), _by_text(new)
    for fingerprint, left in olds.items():
        right = news.get(fingerprint, [])
        for i, j in zip([i for i in left if old.free(i)], [j for j in right if new.free(j)], strict=False):
            ledger.link([i], [j], 1.0, "exact", f"same words now numbered {new.provisions[j].label}")


def _linkable(side: Side, i: int) -> bool:
    """Free, and not a struck slot (whose text says only that it was struck)."""
    return side.free(i) and side.provisions[i].status != "deleted"


def _by_text(side: Side) -> dict[str, list[int]]:
    """The provisions still linkable, by the fingerprint of their text, in document order."""
    found: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(side.provisions):
        if _linkable(side, i):
            found[p.fingerprint].append(i)
    return found
