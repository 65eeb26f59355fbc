"""The numbering report of an import: what the parser made of a source's numbers, and what the reader noticed.

An analyst importing an original wants to know at once whether the points came through: how
many, whether the numbers run without gaps, which slots are struck, what text stood before the
first point or after the last, what was kept apart as an editor's note, and what the reader
saw on the way (the encoding, tracked changes, headers dropped).
"""

from __future__ import annotations

import re

from ..model import Document, NumberingReport


def _short(text: str, width: int = 80) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def numbering_report(doc: Document, *, reader: str, encoding: str, notes: tuple[str, ...]) -> NumberingReport:
    """Return the numbering report of a parsed document and the reader's notes."""
    top = [p for p in doc.provisions if p.depth == 0 and not p.label.startswith(("preamble", "closing"))]
    numbers = [(p.label, int(p.label)) for p in top if p.label.isdigit()]
    gaps = []
    for (before, a), (after, b) in zip(numbers, numbers[1:], strict=False):
        missing = list(range(a + 1, b))
        if missing and b > a:
            shown = str(missing[0]) if len(missing) == 1 else f"{missing[0]}-{missing[-1]}"
            gaps.append(f"{shown} (between {before} and {after})")
    glued = tuple(sorted({w.line for w in doc.warnings if w.message.startswith("two provisions on one line")}))
    return NumberingReport(
        points=len(top), first=top[0].label if top else "", last=top[-1].label if top else "",
        sub_items=sum(1 for p in doc.provisions if p.depth > 0), numbered=doc.numbered, gaps=tuple(gaps),
        glued=glued, struck=tuple(p.label for p in doc.provisions if p.status == "deleted"),
        lead=tuple(_short(p.text) for p in doc.provisions if re.fullmatch(r"preamble(-\d+)?", p.label)),
        trailing=tuple(_short(p.text) for p in doc.provisions if re.fullmatch(r"closing(-\d+)?", p.label)),
        editorial=tuple((p.label, _short(n)) for p in doc.provisions for n in p.notes),
        warnings=tuple((w.line, w.message) for w in doc.warnings),
        reader=reader, encoding=encoding, reader_notes=notes,
    )
