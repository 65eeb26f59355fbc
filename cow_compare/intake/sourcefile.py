"""Reads a source file as UTF-8 text, refusing what is not a readable text file.

Only regular files are read: a named pipe (FIFO), a device or a socket would block a read for
ever or never end, so it is refused by what `stat` says before anything opens it. A file larger
than `[limits] max_file_bytes` is refused the same way, and the read itself stops one byte past
the limit, so a file that grows while it is read cannot run past it either.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..errors import SourceFileError, over_limit
from ..settings import shipped_settings

_NOT_REGULAR = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def read_text(path: Path, *, max_bytes: int | None = None) -> str:
    """Return the file's text; raise SourceFileError saying what is wrong and how to fix it."""
    return decode_text(read_bytes(path, max_bytes=max_bytes), path)


def check_regular(path: Path) -> os.stat_result:
    """Return the file's status; raise SourceFileError unless it is an existing regular file."""
    try:
        status = path.stat()
    except FileNotFoundError:
        raise SourceFileError(
            f"{path}: no such file; check the path or give a corpus id (see `cow-compare list`)") from None
    except OSError as exc:
        raise SourceFileError(f"{path}: cannot be read ({exc.strerror}); check its permissions") from None
    if stat.S_ISDIR(status.st_mode):
        raise SourceFileError(f"{path}: is a directory; give a text or Markdown file inside it")
    if not stat.S_ISREG(status.st_mode):
        raise SourceFileError(f"{path}: is {kind_of(status.st_mode)}, not a regular file; save the plan to an "
                              "ordinary file and give that")
    return status


def kind_of(mode: int) -> str:
    """What a file that is not a regular one is, in words: `a named pipe (FIFO)`, `a socket`, ..."""
    return next((name for test, name in _NOT_REGULAR if test(mode)), "a special file")


def read_bytes(path: Path, *, max_bytes: int | None = None) -> bytes:
    """Return the file's bytes; raise SourceFileError when it is missing, not a regular file, unreadable or
    larger than `max_bytes` (default: the shipped `[limits] max_file_bytes`)."""
    limit = max_bytes if max_bytes is not None else shipped_settings().limits.max_file_bytes
    status = check_regular(path)
    if status.st_size > limit:
        raise over_limit(str(path), f"the file holds {status.st_size:,} bytes", "max_file_bytes", limit)
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except IsADirectoryError:
        raise SourceFileError(f"{path}: is a directory; give a text or Markdown file inside it") from None
    except OSError as exc:
        raise SourceFileError(f"{path}: cannot be read ({exc.strerror}); check its permissions") from None
    if len(data) > limit:
        raise over_limit(str(path), f"the file holds more than {limit:,} bytes", "max_file_bytes", limit)
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
