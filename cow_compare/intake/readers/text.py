"""Reads plain text and Markdown in whatever encoding it came in, reporting any that is not UTF-8."""

from __future__ import annotations

from ...errors import SourceFileError
from ...settings import IntakeSettings, LimitSettings, shipped_settings
from . import Extracted
from .encoding import decode, normalise_newlines


def read(data: bytes, name: str, *, charset: str | None = None, settings: IntakeSettings | None = None,
         limits: LimitSettings | None = None) -> Extracted:
    """Return the text of a .txt or .md file: UTF-8 (with or without BOM), UTF-16/32 with BOM, or a detected 8-bit code page."""
    settings = settings if settings is not None else shipped_settings().intake
    text, encoding, notes = decode(data, name, declared=charset, candidates=settings.encodings)
    text = normalise_newlines(text)
    if not text.strip():
        raise SourceFileError(f"{name}: is empty; it needs the plan's text, one provision per line or paragraph")
    return Extracted(text=text, encoding=encoding, notes=notes, reader="text")
