"""The lineage matrix: every provision thread (one provision followed through the versions) as a row,
every version connected by `lineage.toml` as a column, in date order.

Threads start at each provision of a version that has no parent, and at each provision of a
later version that no earlier thread reached (it was added there). Each is followed forward with
`history.follow`, sharing one cache of comparisons, so the matrix shows exactly what `history`
shows, a version at a time: the same comparisons, from the same workspace.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .history import follow
from .model import Cell, Matrix, Row

if TYPE_CHECKING:
    from .workspace import Workspace


def lineage_matrix(workspace: Workspace) -> Matrix:
    """Return the threads of every provision of the versions that lineage.toml connects."""
    corpus = workspace.corpus
    connected = {e.parent for e in corpus.edges} | {e.child for e in corpus.edges}
    versions = tuple(corpus.documents[i] for i in corpus.ids if i in connected)
    reached: set[tuple[str, str]] = set()
    rows = []
    for doc in versions:
        for provision in doc.provisions:
            if (doc.id, provision.label) in reached:
                continue
            thread = follow(workspace, f"{doc.id}:{provision.label}")
            cells = {doc.id: Cell(thread.start.labels, "start", thread.start)}
            for step in thread.later:
                cells.setdefault(step.doc.id, Cell(step.labels, step.kind, step))
                reached.update((step.doc.id, label) for label in step.labels)
            rows.append(Row(f"{doc.id}:{provision.label}", cells))
    return Matrix(versions, tuple(rows))
