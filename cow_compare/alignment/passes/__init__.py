"""The passes of the aligner, one module each, and the order they run in.

Each pass only sees what earlier passes left unlinked, and names itself in the link's
`matched_by`. The order is data (`PASSES`): surest evidence first, so that weaker evidence only
decides what stronger evidence left open.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ...settings import AlignSettings
from ..ledger import Ledger
from ..scoring import Scoring
from . import (
    across_levels,
    exact,
    fuzzy,
    in_order,
    label,
    leftovers,
    positional,
    sibling_groups,
    within_parents,
)

Pass = Callable[[Ledger, Scoring, AlignSettings], None]

PASSES: tuple[tuple[str, Pass], ...] = (
    ("exact", exact.run),
    ("label", label.run),
    ("positional", positional.run),
    ("fuzzy", fuzzy.run),
    ("sibling_groups", sibling_groups.run),
    ("within_parents", within_parents.run),
    ("in_order", in_order.run),
    ("across_levels", across_levels.run),
    ("leftovers", leftovers.run),
)
"""Every pass, by name, in the order `align` runs them."""


def chosen(names: Sequence[str] | None) -> list[Pass]:
    """The passes named, in the order given (None: all of `PASSES`); an unknown name raises ValueError."""
    if names is None:
        return [run for _name, run in PASSES]
    if isinstance(names, str):
        raise TypeError(f"passes must be a sequence of pass names, such as ({names!r},), not a string")
    by_name = dict(PASSES)
    unknown = [name for name in names if name not in by_name]
    if unknown:
        raise ValueError(f"unknown pass{'es' if len(unknown) > 1 else ''} {', '.join(map(repr, unknown))}; "
                         f"the passes are {', '.join(by_name)}")
    return [by_name[name] for name in names]
