"""Writing HTML reports to a folder: one per pair, the index and the lineage matrix.

Every file is written to a temporary name beside its target and renamed into place, so an
interrupted run never leaves half a report.
"""

from __future__ import annotations

import os
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
    """Write text to path through a temporary file in the same folder, then rename."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise InputError(f"{path.parent}: cannot write there ({exc.strerror}); pass -o with a writable folder") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        # mkstemp makes the file private; a report is meant to be shared.
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
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
    without tags, and the lineage matrix reuses the same comparisons.
    """
    from .render.html_format import IndexEntry, index_page, lineage_page

    corpus = workspace.corpus
    entries, written = [], []
    for old_id, new_id, why in planned_pairs(corpus):
        if progress is not None:
            progress(f"{old_id} -> {new_id}")
        report = workspace.compare(corpus.documents[old_id], corpus.documents[new_id])
        written.append(write_pair(report, folder, navigation=True))
        entries.append(IndexEntry(written[-1].name, report.old, report.new, why, report.summary))
    if progress is not None:
        progress("lineage matrix")
    write_atomic(folder / "lineage.html", lineage_page(workspace.lineage_matrix()))
    write_atomic(folder / "index.html", index_page(entries))
    return [*written, folder / "lineage.html", folder / "index.html"]
