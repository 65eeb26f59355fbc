"""Reads a source file as UTF-8 text, refusing what is not a readable text file."""

from __future__ import annotations

from pathlib import Path

from ..errors import SourceFileError


def read_text(path: Path) -> str:
    """Return the file's text; raise SourceFileError saying what is wrong and how to fix it."""
    return decode_text(read_bytes(path), path)


def read_bytes(path: Path) -> bytes:
    """Return the file's bytes; raise SourceFileError when it is missing, a directory or unreadable."""
    if not path.exists():
        raise SourceFileError(f"{path}: no such file; check the path or give a corpus id (see `cow-compare list`)")
    if path.is_dir():
        raise SourceFileError(f"{path}: is a directory; give a text or Markdown file inside it")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceFileError(f"{path}: cannot be read ({exc.strerror}); check its permissions") from None
    return data


def decode_text(data: bytes, path: Path) -> str:
    """Return a file's bytes as text; raise SourceFileError when they are binary, not UTF-8 or empty."""
    if b"\x00" in data[:8192]:
        raise SourceFileError(f"{path}: is a binary file; save the plan as plain text or Markdown (UTF-8)")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SourceFileError(
            f"{path}:{line}: is not UTF-8 (byte 0x{data[exc.start]:02x}); re-save the file as UTF-8"
        ) from None
    if not text.strip():
        raise SourceFileError(f"{path}: is empty; it needs the plan's text, one provision per line or paragraph")
    return text.replace("\r\n", "\n").replace("\r", "\n")
