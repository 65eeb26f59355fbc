"""Classifies each line of a plan's body: blank, heading, editorial note, counter, marked or running text.

A line that carries several provisions (glued points, an inline list) becomes one Line per
provision, all with its line number (`runs` finds where to split).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..settings import ParseSettings
from .markers import Marker, recognise
from .numerals import roman_value
from .runs import split_marked, split_text
from .statuses import is_editorial_line


@lru_cache(maxsize=1)
def _heading_pattern() -> re.Pattern[str]:
    return re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


@lru_cache(maxsize=1)
def _counter_pattern() -> re.Pattern[str]:
    # "1/", "2/" closing a tweet, "1/29" as a page counter: numbering of the page, not of the plan.
    return re.compile(r"^\d{1,3}\s*/\s*(?:\d{1,3})?$")


@dataclass
class Line:
    """A line of the body: where it is, how far it is indented, and what kind of line it is."""

    number: int
    """1-based line in the file."""
    indent: int
    text: str
    """The line without its indentation."""
    kind: str
    """blank, heading, editorial, counter, marker or text."""
    marker: Marker | None = None
    split: str = ""
    """How the provision was found inside the line: `glued` after another point, `inline` as the
    first of a list run together in running text (`run` says how many), else empty."""
    run: int = 0


def classify(body: list[str], first_line: int, settings: ParseSettings) -> list[Line]:
    """Return the body's lines, each with its kind; `first_line` is the file line the body starts on."""
    lines: list[Line] = []
    last_number = 0
    for offset, raw in enumerate(body):
        number = first_line + offset
        expanded = raw.expandtabs(4).rstrip()
        stripped = expanded.lstrip()
        indent = len(expanded) - len(stripped)
        if not stripped:
            lines.append(Line(number, 0, "", "blank"))
        elif _heading_pattern().match(stripped):
            lines.append(Line(number, indent, stripped, "heading"))
        elif is_editorial_line(stripped, settings):
            lines.append(Line(number, indent, stripped, "editorial"))
        elif _counter_pattern().match(stripped):
            lines.append(Line(number, indent, stripped, "counter"))
        else:
            marker = recognise(stripped, settings)
            if marker is not None:
                pieces = split_marked(marker, settings, last_number)
            else:
                inline = split_text(stripped, settings)
                if inline is None:
                    lines.append(Line(number, indent, stripped, "text"))
                    continue
                lead, pieces = inline
                if lead:
                    lines.append(Line(number, indent, lead, "text"))
            for k, piece in enumerate(pieces):
                text = stripped if k == 0 and marker is not None else f"{piece.printed} {piece.rest}".strip()
                split = "inline" if marker is None and k == 0 else "glued" if k > 0 and marker is not None else ""
                lines.append(Line(number, indent, text, "marker", piece, split=split, run=len(pieces)))
                arabic = [r for r in piece.readings if r.kind == "arabic"]
                if arabic and not piece.path:
                    last_number = piece.through or arabic[0].value
    _roman_sections_to_headings(lines)
    return lines


def _roman_sections_to_headings(lines: list[Line]) -> None:
    """`II. Security` followed by arabic-numbered points is a section title, not a provision."""
    marked = [line for line in lines if line.kind == "marker"]
    for this, following in zip(marked, marked[1:], strict=False):
        assert this.marker is not None and following.marker is not None
        printed = this.marker.printed.strip("().")
        is_upper_roman = printed.isupper() and roman_value(printed) is not None
        if is_upper_roman and any(r.kind == "arabic" for r in following.marker.readings):
            this.kind = "heading"
            this.text = f"{printed}. {this.marker.rest}".strip()


def heading_title(line: Line) -> str:
    """The words of a heading line without its # marks (a roman section line is its own title)."""
    match = _heading_pattern().match(line.text)
    return match.group(2) if match else line.text


def take_title(lines: list[Line]) -> str | None:
    """Return the document's title if a level-one heading comes before any other content.

    That heading names the document; it is not a section its provisions stand under, so its
    line is read as blank from then on.
    """
    for line in lines:
        if line.kind == "blank":
            continue
        if line.kind == "heading" and line.text.startswith("# "):
            line.kind = "blank"
            return heading_title(line)
        return None
    return None
