"""Readers for outside formats: each turns a source's bytes into plain text plus what it noticed.

One module per source type (`text`, `html`, `docx`, `pdf`), each a thin adapter over a library made
for the job, each with `read(data, name) -> Extracted`; `url` fetches a web address and hands the
bytes to one of them. The text they return is what a person would type from the source, one
provision per line or paragraph, list items with their printed or reconstructed markers and
sub-items indented four spaces a level, so the parser reads it like any other text and never
knows where it came from.

`choose` picks the reader from the content first (magic bytes), then from the name's extension,
in the order of SNIFFERS and SUFFIXES.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from io import BytesIO
from pathlib import PurePosixPath

from ...errors import SourceFileError
from ...settings import IntakeSettings, LimitSettings, shipped_settings


@dataclass(frozen=True)
class Extracted:
    """What a reader took from a source: plain text for the parser, and what it noticed on the way."""

    text: str
    """The provisions as plain text, one a line or paragraph, markers printed, sub-items indented."""
    encoding: str
    """The character encoding the bytes were read in (`utf-8`, `windows-1251`, ...); `binary` for PDF and DOCX."""
    notes: tuple[str, ...] = ()
    """What the reader noticed: the encoding it detected, tracked changes, comments, pages, headers dropped."""
    reader: str = "text"
    """Which reader made it: text, html, docx or pdf."""
    title: str | None = None
    """The title the source gives itself (a page's heading, a PDF's or DOCX's properties), if any."""


READERS: tuple[str, ...] = ("text", "html", "docx", "pdf")
"""The readers, by the module that holds each."""

SUFFIXES: dict[str, str] = {
    ".pdf": "pdf", ".docx": "docx", ".html": "html", ".htm": "html", ".xhtml": "html",
    ".txt": "text", ".md": "text", ".markdown": "text", ".text": "text",
}
"""Extensions a reader is chosen by when the content does not tell (anything else is read as text)."""

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _pdf(data: bytes, name: str) -> str | None:
    # The PDF standard lets the header start anywhere in the first 1024 bytes.
    return "pdf" if b"%PDF-" in data[:1024] else None


def _zip(data: bytes, name: str) -> str | None:
    if not data.startswith(b"PK\x03\x04"):
        return None
    try:
        names = set(zipfile.ZipFile(BytesIO(data)).namelist())
    except (zipfile.BadZipFile, OSError):
        return "docx"  # a broken zip: the DOCX reader says what is wrong with it
    if "word/document.xml" in names:
        return "docx"
    raise SourceFileError(f"{name}: is a zip archive but not a Word document (no word/document.xml); "
                          "give the .docx, .pdf, .html or .txt file itself")


def _ole(data: bytes, name: str) -> str | None:
    if not data.startswith(_OLE):
        return None
    raise SourceFileError(f"{name}: is an old Word .doc file or a password-protected .docx; "
                          "save it from Word as .docx without a password, or as PDF")


def _html(data: bytes, name: str) -> str | None:
    head = data[:2048].replace(b"\x00", b"").lstrip(b"\xef\xbb\xbf\xff\xfe \t\r\n").lower()
    return "html" if head.startswith((b"<!doctype html", b"<html", b"<?xml")) and b"<html" in head else None


SNIFFERS: tuple[tuple[str, Callable[[bytes, str], str | None]], ...] = (
    ("pdf", _pdf), ("zip", _zip), ("ole", _ole), ("html", _html),
)
"""What the content says, tried in order; a sniffer returns a reader, None, or raises for a format refused."""


def choose(data: bytes, name: str) -> str:
    """Return the reader for a source: by its magic bytes, else by its name's extension, else text."""
    for _label, sniff in SNIFFERS:
        found = sniff(data, name)
        if found is not None:
            return found
    return SUFFIXES.get(PurePosixPath(name).suffix.lower(), "text")


def read_source(data: bytes, name: str, *, reader: str | None = None, charset: str | None = None,
                settings: IntakeSettings | None = None, limits: LimitSettings | None = None) -> Extracted:
    """Return the text of a source's bytes, read by `reader` (default: `choose(data, name)`).

    `charset` is what a web server declared for a page or a text; `settings` the intake settings
    (default: the shipped ones); `limits` bound what a compressed source may unpack to.
    """
    shipped = shipped_settings()
    settings = settings if settings is not None else shipped.intake
    limits = limits if limits is not None else shipped.limits
    reader = reader or choose(data, name)
    module = import_module(f".{reader}", __name__)  # each reader imports its library only when used
    extracted: Extracted = module.read(data, name, charset=charset, settings=settings, limits=limits)
    return extracted
