"""Text output shows control characters as escapes, so a document cannot drive the terminal.

A title or provision may hold an escape sequence (clear the screen, retitle the window, hide
text), a carriage return that overwrites the line, or a bidi override that reverses what follows
it. Printed raw, the terminal obeys them; printed here, each shows as `\\x1b`, `\\r`, `\\u202e`.
Newlines and tabs are layout and stay; the renderers' own colour codes stay when colour is on
(exactly those: a document's own colour codes are shown like any other escape).
"""

from __future__ import annotations

import re

CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""C0 controls but newline and tab, DEL, C1 controls, and the bidi marks, embeddings, overrides and isolates."""


def _shown(match: re.Match[str]) -> str:
    code = ord(match.group())
    return {0x0d: "\\r", 0x0c: "\\f", 0x0b: "\\v"}.get(code) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def visible(text: str, *, own_colours: tuple[str, ...] = ()) -> str:
    """`text` with every control character written as an escape, except newlines, tabs and `own_colours`."""
    if not own_colours:
        return CONTROLS.sub(_shown, text)
    kept = re.compile("(" + "|".join(re.escape(c) for c in sorted(set(own_colours), key=len, reverse=True)) + ")")
    return "".join(part if k % 2 else CONTROLS.sub(_shown, part) for k, part in enumerate(kept.split(text)))


def colour_codes() -> tuple[str, ...]:
    """Every colour code the text renderers write."""
    from . import diff_format, tags_format

    return (diff_format.RED, diff_format.GREEN, diff_format.DIM, diff_format.BOLD, diff_format.RESET,
            diff_format.STRIKE, diff_format.UNDERLINE, tags_format.HIGHLIGHT, tags_format.RESET, tags_format.DIM,
            tags_format.STRIKE)
