"""Where cached results live on disk, and how they are written so a reader never sees half a file.

Caches can only make a run faster, never change what it prints: every entry is stored under a
key made of everything it depends on (the input bytes, the code that made it, the settings), and
a missing, unreadable or foreign entry is simply a miss.

The folder is `$COW_COMPARE_CACHE`, else `$XDG_CACHE_HOME/cow-compare`, else `~/.cache/cow-compare`.
`COW_COMPARE_CACHE=off` turns every cache off.
"""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
from pathlib import Path

CACHE_ENV = "COW_COMPARE_CACHE"


def cache_folder() -> Path | None:
    """Where cached results are kept, or None when caching is off."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen:
        return None if chosen.lower() == "off" else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "cow-compare"


PACKAGE = Path(__file__).resolve().parent
"""The cow_compare package folder (it always lies on disk; a plain path keeps start-up short)."""


def code_digest(folder: str, names: tuple[str, ...]) -> str:
    """A digest of some modules' source (`folder` relative to the package), so changed code never reads an old entry."""
    digest = hashlib.sha256()
    for name in names:
        digest.update(f"{folder}/{name}".encode())
        digest.update((PACKAGE / folder / name).read_bytes())
    return digest.hexdigest()


def read_entry(path: Path | None) -> str | None:
    """The text of a cache entry, or None when there is none (or it cannot be read).

    Only a regular file is an entry. The file is opened without waiting and checked once open, so a
    named pipe (or a device) lying under an entry's name is a miss at once instead of a read that
    blocks for ever, even if it was put there after a check by name would have looked.
    """
    if path is None:
        return None
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            return None
        chunks = []
        while chunk := os.read(handle, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks).decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    finally:
        os.close(handle)


def store_entry(path: Path | None, text: str) -> None:
    """Write through a temporary file and rename; a cache that cannot be written is skipped."""
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.", suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, path)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
