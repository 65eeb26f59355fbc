"""Reads a Word document (.docx) with python-docx: paragraphs in order, automatic numbering written out.

python-docx opens the package and its parts; `docxnumbering` turns each list paragraph's
numbering into the marker Word shows. Text is read from the runs directly, because tracked
changes hide runs from python-docx's `paragraph.text`: insertions are read as accepted and
deletions as gone (the text Word shows with "No Markup"), and every change is named in the notes,
as are comments, footnotes and page headers, none of which go into the text.
"""

from __future__ import annotations

import re
import zipfile
from io import BytesIO
from typing import Any

from ...errors import SourceFileError, over_limit
from ...settings import IntakeSettings, LimitSettings, shipped_settings
from . import Extracted
from .docxnumbering import Numbering, W

INDENT = "    "
_SKIPPED_ANCESTORS = {f"{W}del", f"{W}moveFrom"}
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_MAX_LISTED = 8


def read(data: bytes, name: str, *, charset: str | None = None, settings: IntakeSettings | None = None,
         limits: LimitSettings | None = None) -> Extracted:
    """Return a DOCX's text with its list numbers, and notes on tracked changes, comments and what was left out."""
    if not data.startswith(b"PK"):
        raise SourceFileError(f"{name}: is not a DOCX file (a DOCX is a zip archive and this is not one); save it "
                              "from Word as .docx, or give the plan as PDF or text")
    _check_unpacked_size(data, name, limits)
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise SourceFileError(f"{name}: is a damaged DOCX file ({exc}); open and re-save it in Word, or give a "
                              "PDF of it") from None
    except Exception as exc:  # noqa: BLE001  # lxml's XML errors and others: a broken part of the package
        raise SourceFileError(f"{name}: is a damaged DOCX file ({type(exc).__name__}); open and re-save it in "
                              "Word, or give a PDF of it") from None
    numbering = Numbering.read(_numbering_root(document), document.styles.element)
    reading = _Reading(numbering)
    for paragraph in document.element.body.iter(f"{W}p"):
        if not any(a.tag == _FALLBACK for a in paragraph.iterancestors()):
            reading.paragraph(paragraph)
    if not "\n".join(reading.lines).strip():
        raise SourceFileError(f"{name}: is a DOCX with no text; check it is the right file, or give a PDF of it")
    notes = reading.change_notes() + _comment_notes(document) + _other_notes(document)
    title = (document.core_properties.title or "").strip() or reading.title
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(reading.lines)).strip("\n") + "\n"
    return Extracted(text=text, encoding="binary", notes=notes, reader="docx", title=title)


def _check_unpacked_size(data: bytes, name: str, limits: LimitSettings | None) -> None:
    """Refuse a DOCX whose parts would unpack past `[limits] max_unpacked_bytes`, before any is inflated.

    python-docx reads every part of the package into memory. The zip directory declares each part's
    size, and zipfile never inflates a part past what it declares (it stops there and the CRC check
    fails), so the declared sizes bound the memory a zip bomb could take.
    """
    limit = (limits if limits is not None else shipped_settings().limits).max_unpacked_bytes
    try:
        declared = sum(info.file_size for info in zipfile.ZipFile(BytesIO(data)).infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # a broken zip: python-docx says what is wrong with it
    if declared > limit:
        raise over_limit(name, f"is a DOCX whose parts unpack to {declared:,} bytes", "max_unpacked_bytes", limit)


def _numbering_root(document: Any) -> Any:
    try:
        return document.part.numbering_part.element
    except (KeyError, NotImplementedError):
        return None


class _Reading:
    """The lines written so far, and the tracked changes met on the way."""

    def __init__(self, numbering: Numbering) -> None:
        self.numbering = numbering
        self.lines: list[str] = []
        self.inserted: list[str] = []
        self.deleted: list[str] = []
        self.depth: int | None = None
        """The depth of the list item the last paragraph belonged to, None after a plain paragraph."""
        self.title: str | None = None

    def paragraph(self, element: Any) -> None:
        self._changes(element)
        text = _text(element)
        numbered = self.numbering.marker(element)
        ppr = element.find(f"{W}pPr")
        style = self.numbering.style_name(ppr.find(f"{W}pStyle").get(f"{W}val")
                                          if ppr is not None and ppr.find(f"{W}pStyle") is not None else None)
        if not text.strip() and numbered is None:
            self.depth = None
            return
        first, *more = [" ".join(part.split()) for part in text.split("\n")] or [""]
        if numbered is not None:
            marker, depth = numbered
            self.lines.append(f"{INDENT * depth}{marker} {first}".rstrip() if marker else f"{INDENT * depth}{first}")
            self.lines.extend(f"{INDENT * (depth + 1)}{line}" for line in more if line)
            self.depth = depth
            return
        if style == "Title" or style.startswith("Heading"):
            self.title = self.title or (first if style == "Title" else None)
            self.lines += ["", f"{'#' if style == 'Title' else '##'} {first}", ""]
            self.depth = None
            return
        if self.depth is not None and (style.startswith("List") or _indented(ppr)):
            # An indented paragraph right under a list item is more of that item, not commentary.
            self.lines.extend(f"{INDENT * (self.depth + 1)}{line}" for line in (first, *more) if line)
            return
        self.lines += ["", *[line for line in (first, *more) if line], ""]
        self.depth = None

    def _changes(self, element: Any) -> None:
        for tag, found in ((f"{W}ins", self.inserted), (f"{W}moveTo", self.inserted), (f"{W}del", self.deleted),
                           (f"{W}moveFrom", self.deleted)):
            for change in element.iter(tag):
                words = "".join(t.text or "" for t in change.iter(f"{W}t", f"{W}delText")).strip()
                if words:
                    found.append(words)

    def change_notes(self) -> tuple[str, ...]:
        if not self.inserted and not self.deleted:
            return ()
        notes = [f"tracked changes: {len(self.inserted)} insertion(s) read as accepted, {len(self.deleted)} "
                 "deletion(s) read as gone; check them in Word before relying on the wording"]
        notes += [f"tracked insertion: {words[:80]!r}" for words in self.inserted[:_MAX_LISTED]]
        notes += [f"tracked deletion: {words[:80]!r}" for words in self.deleted[:_MAX_LISTED]]
        return tuple(notes)


def _text(paragraph: Any) -> str:
    """The paragraph's text as Word shows it with changes accepted; manual line breaks as newlines."""
    parts: list[str] = []
    for node in paragraph.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr", f"{W}noBreakHyphen"):
        if any(a.tag in _SKIPPED_ANCESTORS for a in node.iterancestors()):
            continue
        if node.tag == f"{W}t":
            parts.append(node.text or "")
        elif node.tag == f"{W}noBreakHyphen":
            parts.append("-")
        elif node.tag == f"{W}tab":
            parts.append(" ")
        elif node.get(f"{W}type") in (None, "textWrapping"):
            parts.append("\n")
    return "".join(parts)


def _indented(ppr: Any) -> bool:
    ind = ppr.find(f"{W}ind") if ppr is not None else None
    if ind is None:
        return False
    left = ind.get(f"{W}left") or ind.get(f"{W}start") or "0"
    return left.lstrip("-").isdigit() and int(left) > 0


def _comment_notes(document: Any) -> tuple[str, ...]:
    try:
        comments = list(document.comments)
    except (KeyError, AttributeError, NotImplementedError):
        return ()
    if not comments:
        return ()
    notes = [f"{len(comments)} comment(s) in the margin, left out of the text"]
    notes += [f"comment by {c.author or 'unknown'}: {' '.join(c.text.split())[:80]!r}" for c in comments[:_MAX_LISTED]]
    return tuple(notes)


def _other_notes(document: Any) -> tuple[str, ...]:
    notes: list[str] = []
    footnotes = sum(1 for _ in document.element.body.iter(f"{W}footnoteReference"))
    if footnotes:
        notes.append(f"{footnotes} footnote(s) left out of the text")
    furniture: list[str] = []
    for section in document.sections:
        for part in (section.header, section.footer):
            if part.is_linked_to_previous:
                continue
            words = " ".join(" ".join(p.text for p in part.paragraphs).split())
            if words and words not in furniture:
                furniture.append(words)
    notes += [f"page header or footer left out: {words[:80]!r}" for words in furniture]
    return tuple(notes)
