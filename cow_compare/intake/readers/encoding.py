"""Decodes a text's or a page's bytes: byte-order mark, declared charset, UTF-8, else charset-normalizer's guess."""

from __future__ import annotations

import codecs
import re

from ...errors import SourceFileError

# Longest marks first: UTF-32's little-endian mark begins with UTF-16's.
_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
         (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def display_name(codec: str) -> str:
    """The name an analyst knows an encoding by: windows-1251 rather than Python's cp1251."""
    name = codecs.lookup(codec).name
    if re.fullmatch(r"cp125\d", name):
        return f"windows-{name[2:]}"
    return {"iso8859-1": "latin-1", "utf-16-le": "utf-16", "utf-16-be": "utf-16"}.get(name, name)


def decode(data: bytes, name: str, *, declared: str | None = None,
           candidates: tuple[str, ...] = ("windows-1251", "windows-1252", "latin-1")) -> tuple[str, str, tuple[str, ...]]:
    """Return (text, encoding, notes) for bytes of text; raise SourceFileError for binary or undecodable bytes.

    A byte-order mark decides; then a charset the source declared (a server's header, a page's
    <meta>); then UTF-8, which random bytes almost never pass; only then charset-normalizer's
    guess among `candidates`, which is reported, since a guess can be wrong on a short text.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec if codec != "utf-8" else "utf-8-sig"), codec, (
                    f"read as {codec} (the file starts with its byte-order mark)",)
            except UnicodeDecodeError as exc:
                raise SourceFileError(f"{name}: starts with a {codec} byte-order mark but is not {codec} "
                                      f"(bad bytes at {exc.start}); re-save the file as UTF-8") from None
    if b"\x00" in data[:8192]:
        raise SourceFileError(f"{name}: is a binary file, not a text, a web page, a PDF or a DOCX; save the plan as "
                              "plain text (UTF-8), HTML, PDF or DOCX")
    if declared:
        try:
            text = data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration is common; fall through to UTF-8 and detection
        else:
            shown = display_name(declared)
            return text, shown, (() if shown == "utf-8" else (f"read as {shown}, as the source declares",))
    try:
        return data.decode("utf-8"), "utf-8", ()
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # only for the rare text that is not UTF-8

    best = from_bytes(data, cp_isolation=list(candidates)).best()
    if best is None or best.encoding is None:
        raise SourceFileError(f"{name}: is not UTF-8 nor any of {', '.join(candidates)} ([intake] encodings); "
                              "re-save the file as UTF-8")
    shown = display_name(best.encoding)
    if shown == "windows-1252" and not any(0x80 <= byte <= 0x9F for byte in data):
        shown = "latin-1"  # the two differ only in 0x80-0x9F: without those bytes it is Latin-1 text
    return str(best), shown, (
        f"not UTF-8: read as {shown}, detected by charset-normalizer; check that the text reads right, "
        "or re-save the file as UTF-8",)


def declared_charset(content_type: str | None) -> str | None:
    """The charset a Content-Type header names (`text/html; charset=windows-1251`), if any."""
    if not content_type:
        return None
    found = re.search(r"charset=[\"']?([\w.:-]+)", content_type, re.I)
    return found.group(1) if found else None


def normalise_newlines(text: str) -> str:
    """Text with every line ending as \\n."""
    return text.replace("\r\n", "\n").replace("\r", "\n")
