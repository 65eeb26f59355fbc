"""What every command does around its work: one-line errors, writing the output, colour, the workspace."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import typer

from ..errors import CowCompareError

if TYPE_CHECKING:
    from ..workspace import Workspace

def fail(message: str) -> NoReturn:
    error(message)
    raise typer.Exit(2)


def error(message: str) -> None:
    # One line, whatever the message holds, and no control character a file name or a value brought.
    from ..render.visible import visible

    sys.stderr.write(f"cow-compare: error: {visible(' '.join(message.split()))}\n")


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn the library's errors into one line on stderr and exit status 2."""
    try:
        yield
    except CowCompareError as exc:
        fail(str(exc))


def write(text: str) -> None:
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # `cow-compare diff ... | head`: the reader has what it wanted.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(0) from None
    except OSError as exc:
        fail(f"cannot write the output ({exc.strerror or exc}); check the disk or the file it goes to")


def write_text(text: str, *, colour: bool = False) -> None:
    """Write text output with control characters shown as escapes (`render.visible`), colours kept if on."""
    from ..render.visible import colour_codes, visible

    write(visible(text, own_colours=colour_codes() if colour else ()))


def use_colour(choice: bool | None) -> bool:
    """--colour/--no-colour if given; else colour only on a terminal, and never with NO_COLOR or TERM=dumb."""
    if choice is not None:
        return choice
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return sys.stdout.isatty()


def workspace_for(corpus: Path | None, settings: Path | None = None, *, rules: list[str] | None = None,
               min_score: float | None = None, tags: bool = True, store: str | None = None) -> Workspace:
    from ..workspace import Workspace

    return Workspace(corpus, settings=settings, rules=rules or (), min_score=min_score, tags=tags, store=store)
