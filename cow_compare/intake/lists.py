"""Finds the list in a page before the outline is built: where it starts, its sub-headings, its
unmarked sub-lines and where the closing text begins.

A page pasted from a browser holds more than the plan: a headline, a photo caption, a page header
that looks like a bullet, a title that repeats the first point. The list starts at the first
marker whose sequence goes on (`1.` followed later by `2.`, a bullet followed by the same bullet,
an article heading followed by its paragraph `1.`); markers before it are lead text, never
provisions. Inside the list, a short line without a full stop just before a marked line is a
sub-heading; unmarked lines indented under a point, each a sentence, are its sub-items; and after
a list of one-line items, the first unmarked line starts the closing text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from .lines import Line
from .markers import Marker, Reading

LOOKAHEAD = 200
"""How many markers ahead the start of the list looks for the one that continues it."""

SUB_HEADING_WORDS = 10
"""At most this many words make a line without a full stop a sub-heading rather than a sentence."""

_SENTENCE_END = (".", ";", ":", "!", "?", "\u3002", ")", "\u00bb", '"', "\u201d", "\u2026")

Warn = Callable[[int, str], None]


def shape(lines: list[Line], warn: Warn, max_point_number: int) -> None:
    """Mark, in place, the lines that are not what their markers say: lead before the list, sub-headings,
    sub-lines and the start of the closing text. `max_point_number`: no point is numbered above it."""
    _numbers_no_point_has(lines, max_point_number)
    _dotless_runs(lines)
    _likely_markers_without_a_sequence(lines)
    start = _list_start(lines, warn)
    if start is None:
        return
    _sub_headings(lines, start)
    _sub_lines(lines, start)
    _closing_after_one_line_items(lines, start)


def ends_sentence(text: str) -> bool:
    """Whether the text ends a sentence (a full stop, a colon, a closing quote or bracket)."""
    return text.rstrip().endswith(_SENTENCE_END)


def heading_like(text: str) -> bool:
    """Whether a line of text could be a sub-heading: a few words, starting as a sentence does and
    not ending as one (nor with a comma)."""
    return len(text.split()) <= SUB_HEADING_WORDS and not ends_sentence(text) and not text.endswith(",") \
        and starts_sentence(text)


def starts_sentence(text: str) -> bool:
    """Whether the text's first letter is a capital or has no case, as a new sentence starts."""
    for ch in text:
        if ch.isalpha():
            return not ch.islower()
        if ch.isdigit():
            return True
    return False


def _dotless_runs(lines: list[Line]) -> None:
    """`1 Text` followed by `2 Text`: numbers printed without a dot that start a run of their own."""
    marked = [line for line in lines if line.kind == "marker" and line.marker is not None]
    for line, following in zip(marked, marked[1:], strict=False):
        assert line.marker is not None and following.marker is not None
        if line.marker.strength == "continue" and line.marker.readings[0].value == 1 \
                and following.marker.style == line.marker.style and following.marker.readings[0].value == 2:
            line.marker = replace(line.marker, strength="start")


def _likely_markers_without_a_sequence(lines: list[Line]) -> None:
    """A likely marker (`6 January ...`, `9.NATO`) with no marker of the number before it above is text."""
    seen: set[tuple[str, int]] = set()
    for line in lines:
        marker = line.marker
        if line.kind != "marker" or marker is None:
            continue
        if marker.strength != "strong" and not any(
                (r.kind, r.value - 1) in seen or (marker.strength == "start" and r.value == 1) for r in marker.readings):
            line.kind, line.marker = "text", None
            continue
        for r in marker.readings:
            seen.add((r.kind, marker.through or r.value))


def _list_start(lines: list[Line], warn: Warn) -> int | None:
    """Index of the first line of the list; markers before it become lead text."""
    marked = [i for i, line in enumerate(lines) if line.kind == "marker"]
    if not marked:
        return None
    opening = next((n for n in range(len(marked)) if _opens(lines, marked, n)), 0)
    # Markers right above the start, with no text between them, are points quoted out of order.
    while opening > 0 and not any(line.kind == "text" for line in lines[marked[opening - 1] + 1: marked[opening]]):
        opening -= 1
    for i in marked[:opening]:
        line = lines[i]
        assert line.marker is not None
        if line.marker.readings[0].kind != "bullet":
            warn(line.number, f"{line.marker.printed!r} before the list is read as a title or lead text, "
                              "not as a provision")
        line.kind, line.marker = "text", None
    return marked[opening]


def _numbers_no_point_has(lines: list[Line], max_point_number: int) -> None:
    """A number larger than any point's (`2026.`, a run of digits) that no number one below runs up
    to is text: a year or an amount a hard wrap put at the start of a line. Read as a marker, it
    would decide whether a page has points at all, where its list starts and where its preamble
    ends, and the same year escaped or joined to the line above would decide otherwise."""
    numbers = {r.value for line in lines if line.kind == "marker" and line.marker is not None
               for r in line.marker.readings if r.kind == "arabic"}
    for line in lines:
        marker = line.marker
        if line.kind == "marker" and marker is not None and all(
                r.kind == "arabic" and r.value > max_point_number and r.value - 1 not in numbers
                for r in marker.readings):
            line.kind, line.marker = "text", None


def _opens(lines: list[Line], marked: list[int], n: int) -> bool:
    """Whether the n-th marker starts the list: a later marker continues its sequence, or the next one
    starts a sequence under it (a point with sub-items, an article with its paragraphs)."""
    first = lines[marked[n]]
    marker = first.marker
    assert marker is not None
    kinds = {r.kind for r in marker.readings}
    for step, j in enumerate(marked[n + 1: n + 1 + LOOKAHEAD]):
        other = lines[j].marker
        assert other is not None
        if other.path:  # `1.1` under `1.`: a paragraph of the point, not the next point
            if step == 0 and other.path[0] == str(marker.readings[0].value):
                return True
            continue
        same = [r for r in other.readings if r.kind in kinds]
        if same:
            if "bullet" in kinds:
                # The same bullet at its indentation, or under it: a list whose first item is
                # written further left than the items that follow still starts there.
                return other.printed == marker.printed and lines[j].indent >= first.indent
            return any(o.value == (marker.through or r.value) + 1 for o in same for r in marker.readings
                       if o.kind == r.kind)
        if step == 0 and "bullet" not in kinds and _starts_under(other, marker):
            return True
    return False


def _starts_under(other: Marker, marker: Marker) -> bool:
    """Whether `other` starts a sequence of a kind that goes under `marker`."""
    return any(r.kind == "bullet" or r.value == 1 for r in other.readings) and not any(
        r.kind in ("article", "chapter") for r in other.readings)


def _next_content(lines: list[Line], i: int, step: int) -> Line | None:
    j = i + step
    while 0 <= j < len(lines) and lines[j].kind in ("blank", "counter"):
        j += step
    return lines[j] if 0 <= j < len(lines) else None


def _sub_headings(lines: list[Line], start: int) -> None:
    """`Pagrindiniai memorandumo teiginiai` between a finished point and the next marked line: a heading."""
    for i in range(start + 1, len(lines)):
        line = lines[i]
        if line.kind != "text" or not heading_like(line.text):
            continue
        before, after = lines[i - 1], _next_content(lines, i, 1)
        if after is None or after.kind != "marker":
            continue
        if before.kind == "blank" or (before.kind in ("marker", "text") and ends_sentence(before.text)):
            line.kind = "heading"


def _sub_lines(lines: list[Line], start: int) -> None:
    """Unmarked sentences indented under a point, one a line: its sub-items (`5.p1`, `5.p2`, ...)."""
    i = start
    while i < len(lines):
        point = lines[i]
        if point.kind != "marker" or point.marker is None or point.marker.readings[0].kind == "bullet":
            i += 1
            continue
        j = i + 1
        while j < len(lines) and lines[j].kind == "text" and lines[j].indent >= point.indent + 2 \
                and starts_sentence(lines[j].text) and ends_sentence(lines[j].text):
            j += 1
        run = lines[i + 1: j]
        if len(run) >= 2 and ends_sentence(point.text) and (j == len(lines) or lines[j].kind != "text"):
            for line in run:
                line.kind = "marker"
                line.marker = Marker("", (Reading("bullet", 0, ""),), line.text, "line")
        i = max(j, i + 1)


def _closing_after_one_line_items(lines: list[Line], start: int) -> None:
    """After a list whose items are one line each, unmarked lines that follow the last item without a
    blank line are closing text, not more of the last item."""
    marked = [i for i in range(start, len(lines)) if lines[i].kind == "marker"]
    last = marked[-1]
    if any(i + 1 < len(lines) and lines[i + 1].kind == "text" for i in marked[:-1]):
        return
    after = last + 1
    if after >= len(lines) or lines[after].kind != "text" or len(marked) < 3:
        return
    if not ends_sentence(lines[last].text) or not starts_sentence(lines[after].text) \
            or lines[after].indent > lines[last].indent:
        return
    lines.insert(after, Line(lines[after].number, 0, "", "blank"))
