"""Places text no marker opens: preamble, closing paragraphs, commentary, documents without markers.

Unmarked text continues the provision above it, unless a blank line separates it: then it is
the preamble (before the first point), a closing paragraph (after the last), or, between two
points, outlet commentary, which is kept as an editorial note and flagged, never merged. A
document without any marker is read paragraph by paragraph (or sentence-ended line by line)
into provisions p1, p2, ...
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

from .inline import plain
from .lines import Line
from .markers import Reading
from .normalize import typographic
from .outline import Item, Outline
from .statuses import editorial_note


@lru_cache(maxsize=1)
def _sentence_end_pattern() -> re.Pattern[str]:
    return re.compile(r"[.;!?][\"')\]]*$")


def text_line(outline: Outline, line: Line, after_blank: bool, *, before_points: bool,
              after_points: bool) -> None:
    """Place a line of running text in a document with markers."""
    if not after_blank:
        target = outline.open_item()
        if target is not None:
            outline.extend(target, line)
            return
    if before_points or after_points:
        _new_paragraph(outline, "preamble" if before_points else "closing", line)
        return
    if outline.paragraph is None and outline.stack and line.indent >= 2:
        outline.extend(outline.stack[-1].item, line)
        return
    # Unindented text after a blank line, with points still to come: outlet commentary.
    target = outline.open_item()
    if target is None:
        _new_paragraph(outline, "preamble", line)
        return
    outline.items[target].notes.append(typographic(plain(line.text)))
    outline.paragraph = target
    outline.warn(line.number, "unnumbered text between points kept as an editorial note, not as provision text")


def editorial_line(outline: Outline, line: Line) -> None:
    """Keep an editor's note on its own line with the provision it follows, apart from its text."""
    note = editorial_note(line.text)
    target = outline.open_item()
    if target is None:
        outline.warn(line.number, f"editorial note before any provision kept apart: {note[:60]!r}")
        return
    outline.items[target].notes.append(note)
    outline.warn(line.number, "editorial note kept apart from the provision text")


def _new_paragraph(outline: Outline, kind: Literal["preamble", "closing"], line: Line) -> None:
    outline.stack.clear()
    key = outline.keys.paragraph(kind)
    outline.items.append(
        Item(key, None, "", [line.text], line.number, line.number, None, 0, outline.section, outline.section_key)
    )
    outline.paragraph = len(outline.items) - 1


def unnumbered_document(outline: Outline, lines: list[Line]) -> None:
    """No markers anywhere: each paragraph, or each sentence-ended line, is a provision p1, p2, ..."""
    paragraph: list[Line] = []

    def flush() -> None:
        if not paragraph:
            return
        one_per_line = len(paragraph) > 1 and all(
            _sentence_end_pattern().search(a.text) and b.text[:1].isupper()
            for a, b in zip(paragraph, paragraph[1:], strict=False)
        )
        groups = [[line] for line in paragraph] if one_per_line else [paragraph]
        for group in groups:
            outline.items.append(
                Item(outline.keys.unnumbered(None), Reading("bullet", 0, ""), "", [g.text for g in group],
                     group[0].number, group[-1].number, None, 0, outline.section, outline.section_key)
            )
        paragraph.clear()

    for line in lines:
        if line.kind == "text":
            paragraph.append(line)
            continue
        flush()
        if line.kind == "heading":
            outline.heading(line)
        elif line.kind == "editorial":
            # An editor's note joins the paragraph before it.
            outline.paragraph = len(outline.items) - 1 if outline.items else None
            editorial_line(outline, line)
    flush()


def warn_if_unnumbered(outline: Outline) -> None:
    """Say so when no provision is printed with a number: the p1, p2 ... labels are the parser's own."""
    if outline.numbered:
        return
    count = sum(1 for item in outline.items if item.parent is None and re.fullmatch(r"p\d+", item.key))
    if count:
        outline.warn(0, f"no printed numbers: provisions labelled p1 to p{count} in document order")
