"""Alignment: which provisions of an old version became which of a new one (1:1, split, merged, deleted, added).

`align(old, new, settings=...)` returns links covering every provision of both versions. The flow:

- `ledger`      both versions' provisions and the links made so far (who is free, who holds whom);
- `scoring`     how well provisions fit: text similarity (`similarity`), the structural prior,
                closeness in place, steadiness of a link, the shared words shown as evidence;
- `passes`      one module per pass, run in the order `passes.PASSES` names, surest first:
                exact, label, positional, fuzzy (the best pairing, `assignment`), sibling_groups
                (splits and merges, both seen through a `direction.Direction`), within_parents,
                in_order, across_levels, leftovers;
- `assemble`    the ledger as the tuple of `Link`s, in the new version's order, with moved
                (off the longest run in order, `runs`) and renumbered flags.

Every threshold comes from `AlignSettings`. Ties are broken by document order.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Document, Link
from ..settings import AlignSettings, shipped_settings
from .assemble import assemble
from .ledger import Ledger
from .passes import PASSES, chosen
from .scoring import Scoring

__all__ = ["PASSES", "align"]


def align(old: Document, new: Document, *, settings: AlignSettings | None = None,
          passes: Sequence[str] | None = None) -> tuple[Link, ...]:
    """Return links covering every provision of both versions, in the new version's order.

    `passes`: names from `PASSES` to run instead, in the order given (to study one pass, or an
    order); without `leftovers`, provisions no pass linked are missing from the result. An
    unknown name raises ValueError listing the valid ones, before anything runs.
    """
    runs = chosen(passes)
    align_settings = settings if settings is not None else shipped_settings().align
    ledger = Ledger(old, new)
    scoring = Scoring(ledger)
    for run in runs:
        run(ledger, scoring, align_settings)
    return assemble(ledger, scoring)
