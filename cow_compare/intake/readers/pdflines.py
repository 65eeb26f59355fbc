"""Undoes a page layout: drops running headers, footers and page numbers, joins wrapped and hyphenated lines.

Works on the text of each page, line by line, so it can be tested without a PDF. A line is a
running header or footer when it sits among the first or last two lines of a page and the same
line (digits aside, so "Page 3" matches "Page 4") sits there on at least `running_share` of the
pages; a bare page number ("7", "- 7 -", "Page 7 of 9") at a page's edge goes too. A line then
continues the one before unless it opens with a marker (`3.`, `b)`, `-`) or the one before ended
a sentence well short of the page's width, which is how a paragraph's last line looks.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from ..markers import recognise

_EDGE = 2
_PAGE_NUMBER = re.compile(
    r"^[\W_]*(?:page|p\.|pp\.|стр\.|стор\.|с\.|seite|página|strona)?\s*\d{1,4}"
    r"(?:\s*(?:of|/|из|з|von|de|z)\s*\d{1,4})?[\W_]*$", re.I)
_SENTENCE_END = re.compile(r"[.;:!?][\"'»”)\]]*$")
_HYPHENATED = re.compile(r"[^\W\d_]-$")


def _shape(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.split()).lower())


def _edges(lines: list[str]) -> set[int]:
    filled = [i for i, line in enumerate(lines) if line.strip()]
    return set(filled[:_EDGE] + filled[-_EDGE:])


def undo_layout(pages: list[str], *, running_share: float, short_share: float) -> tuple[str, tuple[str, ...]]:
    """Return (text, notes): the pages' text as paragraphs, and what was dropped and joined."""
    page_lines = [page.replace("\r\n", "\n").split("\n") for page in pages]
    seen_on: Counter[str] = Counter()
    for lines in page_lines:
        seen_on.update({_shape(lines[i]) for i in _edges(lines)})
    needed = max(2, math.ceil(running_share * len(pages)))
    running = {shape for shape, count in seen_on.items() if count >= needed}
    dropped: Counter[str] = Counter()
    numbers = 0
    kept: list[tuple[str, int]] = []
    for lines in page_lines:
        edges = _edges(lines)
        widest = max((len(line.strip()) for line in lines), default=0)
        for i, line in enumerate(lines):
            if i in edges and _shape(line) in running and not _PAGE_NUMBER.match(line.strip()):
                dropped[" ".join(line.split())] += 1
            elif i in edges and _PAGE_NUMBER.match(line.strip()):
                numbers += 1
            else:
                kept.append((line.strip(), widest))
    paragraphs, joined, hyphens = _join(kept, short_share)
    notes = [f"running header or footer dropped on {count} page(s): {line[:70]!r}" for line, count in dropped.items()]
    if numbers:
        notes.append(f"page numbers dropped on {numbers} page(s)")
    if joined or hyphens:
        notes.append(f"{joined} line(s) wrapped by the page layout joined to the line before; {hyphens} word(s) "
                     "hyphenated at a line end rejoined")
    return "\n".join(paragraphs).strip("\n") + "\n", tuple(notes)


def _join(lines: list[tuple[str, int]], short_share: float) -> tuple[list[str], int, int]:
    out: list[str] = []
    joined = hyphens = 0
    last_width = 0
    after_blank = True
    for line, widest in lines:
        if not line:
            after_blank = True
            continue
        marked = recognise(line) is not None
        previous = out[-1] if out else ""
        if not previous or marked:
            out.append(line)
        elif after_blank or (_SENTENCE_END.search(previous) and last_width < short_share * widest):
            out += ["", line]  # a new paragraph: a blank line keeps it apart for the parser
        elif _HYPHENATED.search(previous) and line[:1].islower():
            out[-1] = previous[:-1] + line
            hyphens += 1
        elif _HYPHENATED.search(previous):
            out[-1] = previous + line  # a compound broken at its hyphen (Russia-|Ukraine): the hyphen stays
            joined += 1
        else:
            out[-1] = f"{previous} {line}"
            joined += 1
        last_width = len(line)
        after_blank = False
    return out, joined, hyphens
