"""Reads a PDF's text layer with pypdf, page by page in reading order, then undoes the page layout (`pdflines`).

pypdf is pure Python and reads text in content order, which for the documents and statements a
plan arrives as is reading order; pdfplumber's character geometry was not needed for that, and
would bring pdfminer and a rendering library with it. A PDF that is cut short, damaged or locked
with a password is refused in one line, since half a plan would compare as a plan with points
struck.
"""

from __future__ import annotations

from io import BytesIO
from typing import Any

from ...errors import LimitError, SourceFileError, over_limit
from ...settings import IntakeSettings, LimitSettings, shipped_settings
from . import Extracted
from .pdflines import undo_layout


def read(data: bytes, name: str, *, charset: str | None = None, settings: IntakeSettings | None = None,
         limits: LimitSettings | None = None) -> Extracted:
    """Return a PDF's text with hard wraps joined and running headers, footers and page numbers dropped."""
    settings = settings if settings is not None else shipped_settings().intake
    if b"%PDF-" not in data[:1024]:
        raise SourceFileError(f"{name}: is not a PDF (it does not start with %PDF-); check the file, or give the "
                              "plan as text, HTML or DOCX")
    # A complete PDF ends with %%EOF (incremental updates append more, each ending with one).
    if b"%%EOF" not in data[-2048:]:
        raise SourceFileError(f"{name}: is a PDF cut short (no %%EOF at its end): download it again")
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    notes: list[str] = []
    try:
        reader = PdfReader(BytesIO(data))
        if reader.is_encrypted:
            # Many PDFs are encrypted only to restrict printing or copying, with an empty password to open.
            if not reader.decrypt(""):
                raise SourceFileError(f"{name}: is a password-protected PDF; open it with its password and save or "
                                      "print it to a PDF without one")
            notes.append("encrypted with no password to open (restrictions only): read as usual")
        pages = _page_texts(reader, name, limits if limits is not None else shipped_settings().limits)
        title = str(reader.metadata.title).strip() if reader.metadata and reader.metadata.title else None
    except (SourceFileError, LimitError):
        raise
    except (DependencyError, FileNotDecryptedError):
        raise SourceFileError(f"{name}: is a password-protected PDF; open it with its password and save or print "
                              "it to a PDF without one") from None
    except PdfReadError as exc:
        raise SourceFileError(f"{name}: is a damaged PDF ({exc}); download it again or print it to a new PDF") from None
    except Exception as exc:  # noqa: BLE001  # pypdf raises plain errors on broken objects; never a traceback
        raise SourceFileError(f"{name}: is a damaged PDF ({type(exc).__name__}: {exc}); download it again or print "
                              "it to a new PDF") from None
    if not "".join(pages).strip():
        raise SourceFileError(f"{name}: is a PDF with no text layer (a scan?); run it through OCR, or give the plan "
                              "as text")
    text, layout_notes = undo_layout(pages, running_share=settings.running_line_share,
                                     short_share=settings.short_line_share)
    notes.insert(0, f"{len(pages)} page(s)")
    return Extracted(text=text, encoding="binary", notes=tuple(notes) + layout_notes, reader="pdf",
                     title=title or None)


def _page_texts(reader: Any, name: str, limits: LimitSettings) -> list[str]:
    """The text of each page, stopping at the page that takes the total past `[limits] max_unpacked_bytes`.

    A PDF's content streams are compressed, so a small file can unpack to far more text than any
    plan holds; counting page by page stops it there instead of after every page is inflated
    (pypdf itself caps each stream's inflated size).
    """
    limit = limits.max_unpacked_bytes
    pages, total = [], 0
    for number, page in enumerate(reader.pages, 1):
        text = page.extract_text() or ""
        total += len(text.encode("utf-8"))
        if total > limit:
            raise over_limit(name, f"is a PDF whose text passes {limit:,} bytes by page {number:,}",
                             "max_unpacked_bytes", limit)
        pages.append(text)
    return pages
