"""Reads an original, a file or a web address, through the reader its content calls for.

`import` keeps the bytes and the text; `show`, `diff`, `tag` and `report` parse the text of a
file given where a document is expected, whatever its format, with the reader's notes added to
the parser's warnings so they are shown beside them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from ..model import Document, Warning_
from ..settings import Settings, shipped_settings
from .readers import Extracted, read_source
from .sourcefile import read_bytes


@dataclass(frozen=True)
class Original:
    """An original as read: its bytes, its text, and where it came from."""

    data: bytes
    extracted: Extracted
    name: str
    """The file name (a web address's last path part, or its host)."""
    url: str = ""
    """The web address it was fetched from (after redirects), or '' for a file."""
    path: Path | None = None
    """The file it was read from, or None for a web address."""


def read_original(source: str | Path, settings: Settings | None = None) -> Original:
    """Return a file's or a web address's bytes and text; raise an InputError naming it when it cannot be read."""
    settings = settings if settings is not None else shipped_settings()
    from .readers.url import fetch, is_url

    if isinstance(source, str) and is_url(source):
        fetched = fetch(source, settings.intake)
        extracted = read_source(fetched.data, fetched.url, reader=fetched.reader, charset=fetched.charset,
                                settings=settings.intake, limits=settings.limits)
        return Original(fetched.data, extracted, fetched.name, url=fetched.url)
    path = Path(source)
    data = read_bytes(path, max_bytes=settings.limits.max_file_bytes)
    return Original(data, read_source(data, str(path), settings=settings.intake, limits=settings.limits),
                    path.name, path=path)


def document_from_file(path: Path, settings: Settings | None = None) -> Document:
    """Return the document a file holds, in any format a reader takes; the reader's notes become warnings."""
    from .parse import parse_text

    settings = settings if settings is not None else shipped_settings()
    original = read_original(path, settings)
    doc = parse_text(original.extracted.text, str(path), settings=settings.parse, limits=settings.limits)
    notes = tuple(Warning_(0, f"{original.extracted.reader} reader: {note}") for note in original.extracted.notes)
    return replace(doc, warnings=notes + doc.warnings) if notes else doc
