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
from .lists import SUB_HEADING_WORDS
from .markers import Reading
from .normalize import typographic
from .outline import Item, Outline
from .statuses import editorial_note

COMMENTARY = "unnumbered text between points kept as an editorial note, not as provision text"
"""The warning on a line of commentary kept as a note (the Markdown writer reads it back from it)."""
EDITORIAL = "editorial note kept apart from the provision text"
"""The warning on an `(Editor's note: ...)` line kept as a note."""


@lru_cache(maxsize=1)
def _full_stop_pattern() -> re.Pattern[str]:
    return re.compile(r"[.!?\u3002][\"')\]\u00bb\u201d]*$")


@lru_cache(maxsize=1)
def _sentence_end_pattern() -> re.Pattern[str]:
    return re.compile(r"[.;!?][\"')\]]*$")


def text_line(outline: Outline, line: Line, after_blank: bool, *, before_points: bool,
              after_points: bool) -> None:
    """Place a line of running text in a document with markers."""
    if outline.paragraph is None and outline.stack and not outline.items[outline.stack[-1].item].parts \
            and not outline.items[outline.stack[-1].item].struck:
        # A bare marker (`1.`, `Point 1`, a lone `-`): its text is the next line or paragraph.
        outline.extend(outline.stack[-1].item, line)
        return
    if not after_blank:
        _leave_finished_sub_item(outline, line)
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
    _leave_finished_sub_item(outline, line)
    target = outline.open_item()
    if target is None:
        _new_paragraph(outline, "preamble", line)
        return
    outline.items[target].notes.append(typographic(plain(line.text)))
    outline.paragraph = target
    outline.warn(line.number, COMMENTARY)


def _leave_finished_sub_item(outline: Outline, line: Line) -> None:
    """A new sentence after the last sub-item of a finished enumeration goes on the point, not the sub-item:
    `- the last sub-item.` then `The point's closing paragraph.` A dash sub-item is finished when it
    ends with a full stop; any sub-item when its siblings end with semicolons and it does not."""
    if outline.paragraph is not None or len(outline.stack) < 2:
        return
    level = outline.stack[-1]
    item = outline.items[level.item]
    if level.kind not in ("bullet", "letter") or line.indent > level.indent or not item.parts \
            or not _starts_a_sentence(line.text):
        return
    own = item.parts[-1].rstrip()
    siblings = [other for other in outline.items if other.parent == item.parent and other is not item
                and other.reading is not None and other.reading.kind == level.kind and other.parts]
    enumerated = bool(siblings) and all(other.parts[-1].rstrip().endswith(";") for other in siblings)
    closed = enumerated and not own.endswith((";", ",", ":"))
    if closed or (level.kind == "bullet" and own.endswith((".", "!", "?"))):
        outline.stack.pop()


def _starts_a_sentence(text: str) -> bool:
    first = next((ch for ch in text if ch.isalnum()), "")
    return bool(first) and not first.islower()


def editorial_line(outline: Outline, line: Line) -> None:
    """Keep an editor's note on its own line with the provision it follows, apart from its text."""
    note = editorial_note(line.text)
    target = outline.open_item()
    if target is None:
        outline.warn(line.number, f"editorial note before any provision kept apart: {note[:60]!r}")
        return
    outline.items[target].notes.append(note)
    outline.warn(line.number, EDITORIAL)


def _new_paragraph(outline: Outline, kind: Literal["preamble", "closing"], line: Line) -> None:
    outline.stack.clear()
    key = outline.keys.paragraph(kind)
    outline.items.append(
        Item(key, None, "", [line.text], line.number, line.number, None, 0, outline.section, outline.section_key)
    )
    outline.paragraph = len(outline.items) - 1


def unnumbered_document(outline: Outline, lines: list[Line]) -> None:
    """No markers anywhere: each paragraph, or each sentence-ended line, is a provision p1, p2, ...

    Where the list is one item a line, the text around it is lead and closing: the list is the
    lines after a line ending in a colon in its paragraph ("Er sieht neun Punkte vor:"), else the
    longest run of paragraphs of three or more lines that each start a sentence (short lines
    without a full stop between them are topic headings). A line starting in lower case continues
    the item above it.
    """
    paragraph: list[Line] = []
    region = _list_region(lines)

    def flush() -> None:
        if not paragraph:
            return
        one_per_line = region is not None or (len(paragraph) > 1 and all(
            _sentence_end_pattern().search(a.text) and b.text[:1].isupper()
            for a, b in zip(paragraph, paragraph[1:], strict=False)
        ))
        groups: list[list[Line]] = []
        for line in paragraph:
            if groups and (not one_per_line or not _starts_a_sentence(line.text)):
                groups[-1].append(line)
            else:
                groups.append([line])
        for group in groups:
            outline.items.append(
                Item(outline.keys.unnumbered(None), Reading("bullet", 0, ""), "", [g.text for g in group],
                     group[0].number, group[-1].number, None, 0, outline.section, outline.section_key)
            )
        paragraph.clear()

    after_blank = True
    headed = region is not None and _punctuated(lines[region[0]: region[1]])
    for index, line in enumerate(lines):
        if region is not None and not region[0] <= index < region[1]:
            flush()
            if line.kind == "text":
                kind: Literal["preamble", "closing"] = "preamble" if index < region[0] else "closing"
                if after_blank or outline.paragraph is None:
                    _new_paragraph(outline, kind, line)
                else:
                    outline.extend(outline.paragraph, line)
            elif line.kind == "heading" and index >= region[1]:
                outline.heading(line)
            after_blank = line.kind == "blank"
            continue
        outline.paragraph = None
        after_blank = line.kind == "blank"
        if line.kind == "text" and not (headed and _topic_heading(line)):
            paragraph.append(line)
            continue
        flush()
        if line.kind in ("heading", "text"):
            outline.heading(line)
        elif line.kind == "editorial":
            # An editor's note joins the paragraph before it.
            outline.paragraph = len(outline.items) - 1 if outline.items else None
            editorial_line(outline, line)
    flush()


def _announcing_line(lines: list[Line]) -> int | None:
    """The first line ending in a colon that has at least two more lines in its paragraph."""
    for index, line in enumerate(lines):
        if line.kind == "text" and line.text.rstrip().endswith((":", "\uff1a")):
            end = _paragraph_end(lines, index)
            if end - index > 2:
                return index
    return None


def _heading_after_prose(lines: list[Line]) -> int | None:
    """Where the items start under a heading line that follows the lead's sentences, inside one block of
    lines ("... a signé la déclaration." / "Key provisions" / three or more lines): the heading's index."""
    for index in range(1, len(lines) - 3):
        line, before = lines[index], lines[index - 1]
        if line.kind != "text" or before.kind != "text" or not _topic_heading(line) \
                or not _full_stop_pattern().search(before.text):
            continue
        end = _paragraph_end(lines, index)
        if end - index > 3 and all(_starts_a_sentence(other.text) for other in lines[index + 1:end]):
            return index
    return None


def _paragraph_end(lines: list[Line], index: int) -> int:
    """The index after the last line of the paragraph the line at `index` is in."""
    end = index + 1
    while end < len(lines) and lines[end].kind == "text":
        end += 1
    return end


def _paragraphs(lines: list[Line]) -> list[tuple[int, int]]:
    """(first, after last) index of each run of text lines."""
    out: list[tuple[int, int]] = []
    index = 0
    while index < len(lines):
        if lines[index].kind == "text":
            end = _paragraph_end(lines, index)
            out.append((index, end))
            index = end
        else:
            index += 1
    return out


def _one_a_line(lines: list[Line]) -> bool:
    """Three or more lines, each starting a sentence and none broken off after a comma or hyphen."""
    return len(lines) >= 3 and all(_starts_a_sentence(line.text) and not line.text.endswith((",", "-"))
                                   for line in lines)


def _punctuated(lines: list[Line]) -> bool:
    """Whether most text lines end with a full stop (so a line without one stands out as a heading)."""
    texts = [line for line in lines if line.kind == "text"]
    return bool(texts) and sum(1 for line in texts if _sentence_end_pattern().search(line.text)) * 3 >= len(texts) * 2


def _topic_heading(line: Line) -> bool:
    return len(line.text.split()) <= SUB_HEADING_WORDS and not _sentence_end_pattern().search(line.text) \
        and not line.text.endswith((",", ":")) and _starts_a_sentence(line.text)


def _list_region(lines: list[Line]) -> tuple[int, int] | None:
    """Where a one-item-a-line list runs (first index, after last), if the text around it is lead or closing."""
    announced = _announcing_line(lines)
    if announced is not None:
        return announced + 1, _paragraph_end(lines, announced)
    headed = _heading_after_prose(lines)
    if headed is not None:
        lines[headed].kind = "heading"
        return headed, _paragraph_end(lines, headed)
    paragraphs = _paragraphs(lines)
    runs: list[tuple[int, int, int]] = []  # first, after last, lines
    for first, end in paragraphs:
        block = lines[first:end]
        joins = bool(runs) and all(line.kind in ("blank", "heading") or (line.kind == "text" and _topic_heading(line))
                                   for line in lines[runs[-1][1]:first])
        if _one_a_line(block):
            if joins:
                runs[-1] = (runs[-1][0], end, runs[-1][2] + len(block))
            else:
                runs.append((first, end, len(block)))
    if not runs:
        return None
    first, end, _count = max(runs, key=lambda run: run[2])
    if first == paragraphs[0][0] and end == paragraphs[-1][1]:
        return None  # the whole text is the list
    return first, end


def warn_if_unnumbered(outline: Outline) -> None:
    """Say so when no provision is printed with a number: the p1, p2 ... labels are the parser's own."""
    if outline.numbered:
        return
    count = sum(1 for item in outline.items if item.parent is None and re.fullmatch(r"p\d+", item.key))
    if count:
        outline.warn(0, f"no printed numbers: provisions labelled p1 to p{count} in document order")
