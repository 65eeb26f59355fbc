"""The command line: each command parses its options, asks the workspace, renders, and exits.

This is the only package that imports typer (and, for progress bars, rich). Library errors and
usage errors alike become one line on stderr and exit status 2; results follow `diff`: 0 for no
changes, 1 for changes. Renderers and the library are imported inside the commands, so `--help`
and `list` do not pay for the aligner, Jinja2 or spaCy.

`options` holds the formats and option bundles every command shares, `shell` what every command
does around its work (one-line errors, writing, colour, the workspace), `commands` the commands on
documents and the entry point, `annotate` the decisions commands (built only when they run).
"""

from __future__ import annotations

from typing import Any

from .commands import app, main
from .options import CHANGE_KINDS, DECISION_STATES

__all__ = ["CHANGE_KINDS", "DECISION_STATES", "annotate_app", "app", "main"]


def __getattr__(name: str) -> Any:
    if name == "annotate_app":  # built on first use: start-up counts
        from .annotate import annotate_app

        return annotate_app
    raise AttributeError(f"module 'cow_compare.cli' has no attribute {name!r}")
