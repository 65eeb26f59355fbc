"""The lineage matrix: every provision thread (one provision followed through the versions) as a row,
every version connected by `lineage.toml` as a column, in date order.

Threads start at each provision of a version that has no parent, and at each provision of a
later version that no earlier thread reached (it was added there). Each is followed forward with
`history.follow`, sharing one cache of comparisons, so the matrix shows exactly what `history`
shows, a version at a time.
"""

from __future__ import annotations

from dataclasses import dataclass

from .corpus import Corpus
from .history import Step, follow
from .model import Document, Report


@dataclass(frozen=True)
class Cell:
    """One version's part of a thread: where the provision is there, and how it got there."""

    labels: tuple[str, ...]
    kind: str
    step: Step


@dataclass(frozen=True)
class Row:
    start: str
    """doc:label where the thread starts."""
    cells: dict[str, Cell]
    """Version id -> its cell; versions the thread does not reach have none."""


@dataclass(frozen=True)
class Matrix:
    versions: tuple[Document, ...]
    rows: tuple[Row, ...]


def lineage_matrix(corpus: Corpus, reports: dict[tuple[str, str], Report] | None = None) -> Matrix:
    """Return the threads of every provision of the versions that lineage.toml connects."""
    cache: dict[tuple[str, str], Report] = {} if reports is None else reports
    connected = {e.parent for e in corpus.edges} | {e.child for e in corpus.edges}
    versions = tuple(corpus.documents[i] for i in corpus.ids if i in connected)
    reached: set[tuple[str, str]] = set()
    rows = []
    for doc in versions:
        for provision in doc.provisions:
            if (doc.id, provision.label) in reached:
                continue
            thread = follow(corpus, f"{doc.id}:{provision.label}", reports=cache)
            cells = {doc.id: Cell(thread.start.labels, "start", thread.start)}
            for step in thread.later:
                cells.setdefault(step.doc.id, Cell(step.labels, step.kind, step))
                reached.update((step.doc.id, label) for label in step.labels)
            rows.append(Row(f"{doc.id}:{provision.label}", cells))
    return Matrix(versions, tuple(rows))
