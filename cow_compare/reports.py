"""Writing HTML reports to a folder: one per pair, the index and the lineage matrix.

Every file is written to a temporary name beside its target and renamed into place, so an
interrupted run never leaves half a report. A batch (`write_all`) is written whole into a
temporary folder first and moved into place only when every file of it was written: a batch that
fails part-way (a comparison that fails, a full disk) leaves the folder as it was. A write that
fails is one line naming the file and why, never a traceback.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import InputError
from .model import Document, Report

if TYPE_CHECKING:
    from .intake.corpus import Corpus
    from .workspace import Workspace

CROSS_PAIRS = (
    ("us-28-2025-11-20", "ua-20-2025-12-23", "the 28 points against the 20-point framework they became"),
    ("us-28-2025-11-20", "eu-24-2025-11-23", "the US draft against the separate European plan"),
    ("eu-berlin-2025-12-15", "cotw-paris-2026-01-06", "the Berlin statement against the Paris Declaration"),
)
"""Pairs analysts compare most that are not a single lineage edge (used when both are in the corpus)."""

Progress = Callable[[str], None]


def report_name(old: Document, new: Document) -> str:
    """The file name of a pair report, after both ids."""
    return f"{old.id}__{new.id}.html"


def write_atomic(path: Path, text: str) -> None:
    """Write text to path through a temporary file in the same folder, then rename.

    Raises InputError in one line when the folder cannot be made or the file cannot be written
    (no permission, a full disk); the temporary file is removed and the target left as it was.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise InputError(f"{path.parent}: cannot write there ({exc.strerror or exc}); pass -o with a writable "
                         "folder") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        # mkstemp makes the file private; a report is meant to be shared.
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise InputError(f"{path}: cannot be written ({exc.strerror or exc}); nothing was changed there; free some "
                         "disk space or pass -o with another folder") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_pair(report: Report, folder: Path, *, navigation: bool = False) -> Path:
    """Write one pair's HTML report into the folder; return its path.

    `navigation` links the page to the batch's index and lineage matrix (only `write_all` writes them).
    """
    from .render.html_format import pair_page

    path = folder / report_name(report.old, report.new)
    write_atomic(path, pair_page(report, navigation=navigation))
    return path


def planned_pairs(corpus: Corpus) -> list[tuple[str, str, str]]:
    """Every lineage edge, then the cross pairs present in the corpus, without repeats."""
    pairs = [(e.parent, e.child, "a lineage step: the second was made from the first") for e in corpus.edges]
    seen = {(a, b) for a, b, _ in pairs}
    for old, new, why in CROSS_PAIRS:
        if old in corpus.documents and new in corpus.documents and (old, new) not in seen:
            pairs.append((old, new, why))
            seen.add((old, new))
    return pairs


def write_all(workspace: Workspace, folder: Path, progress: Progress | None = None) -> list[Path]:
    """Write every planned pair report, the index and the lineage matrix; return the paths written.

    Every comparison is the workspace's: pair reports are tagged unless the workspace was made
    without tags, and the lineage matrix reuses the same comparisons. The batch is written into a
    temporary folder and moved into `folder` only once all of it is written; if anything fails
    before that, `folder` is left untouched (not even created) and the error raised.
    """
    from .render.html_format import IndexEntry, index_page, lineage_page

    corpus = workspace.corpus
    staging, created = _staging_folder(folder)
    try:
        entries, names = [], []
        for old_id, new_id, why in planned_pairs(corpus):
            if progress is not None:
                progress(f"{old_id} -> {new_id}")
            report = workspace.compare(corpus.documents[old_id], corpus.documents[new_id])
            names.append(write_pair(report, staging, navigation=True).name)
            entries.append(IndexEntry(names[-1], report.old, report.new, why, report.summary))
        if progress is not None:
            progress("lineage matrix")
        write_atomic(staging / "lineage.html", lineage_page(workspace.lineage_matrix()))
        write_atomic(staging / "index.html", index_page(entries))
        names += ["lineage.html", "index.html"]
        _move_into_place(staging, folder, names, created)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return [folder / name for name in names]


def _staging_folder(folder: Path) -> tuple[Path, bool]:
    """A new temporary folder on the same file system as `folder`, and whether `folder` is new.

    Beside `folder` when it does not exist yet (the whole batch then moves in one rename), else
    inside it, hidden, so that the moves are renames within one file system.
    """
    created = not folder.exists()
    where = folder.parent if created else folder
    try:
        where.mkdir(parents=True, exist_ok=True)
        if not folder.is_dir() and not created:
            raise NotADirectoryError(20, "Not a directory")
        return Path(tempfile.mkdtemp(dir=where, prefix=f".{folder.name}.batch-")), created
    except OSError as exc:
        raise InputError(f"{folder}: cannot write there ({exc.strerror or exc}); pass -o with a writable "
                         "folder") from None


def _move_into_place(staging: Path, folder: Path, names: list[str], created: bool) -> None:
    """Rename the finished batch into `folder`: the staging folder itself when `folder` is new, else file by file."""
    try:
        if created and not folder.exists():
            os.chmod(staging, 0o777 & ~_umask())  # mkdtemp makes a private folder; a report folder is not
            os.rename(staging, folder)
            return
        for name in names:
            os.replace(staging / name, folder / name)
        staging.rmdir()
    except OSError as exc:
        raise InputError(f"{folder}: the reports could not be moved into place ({exc.strerror or exc}); pass -o with "
                         "a writable folder") from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
