"""What `annotate list` and `annotate log` show: the decisions standing on versions, and one provision's events.

`listing` is an analyst's view of where things stand, version by version, in document order: what
was decided there, what was inherited, what awaits review and what went stale. `log` is the audit
trail of one provision: every event (retractions too) on it and on its counterparts in every
version its thread reaches, in thread order.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

from ..errors import DecisionError
from ..model import DECISION_STATES, LogEntry, LogStep, Standing
from .view import as_recorded, in_document_order

if TYPE_CHECKING:
    from .context import Context


def listing(workspace: Context, doc_ref: str | None = None, *, analyst: str | None = None,
            states: Collection[str] = (), tag: str | None = None) -> list[Standing]:
    """The decisions standing on one version (or every version of the corpus), filtered by analyst,
    state and tag, in document order."""
    unknown = sorted(set(states) - set(DECISION_STATES))
    if unknown:
        raise DecisionError(f"--state {unknown[0]!r} is not a decision state; use one of {', '.join(DECISION_STATES)}")
    store = workspace.decisions
    if store is None:
        return []
    categories = tuple(workspace.ruleset.categories) if tag else ()
    docs = [workspace.resolve(doc_ref)] if doc_ref is not None else workspace.documents()
    found: list[Standing] = []
    for doc in docs:
        found += in_document_order(workspace.standings(doc, analyst=analyst), doc, categories)
    if doc_ref is None:
        # Decisions on a file outside the corpus: listed as recorded (their words cannot be checked here).
        known = set(workspace.corpus.documents)
        outside = [d for d in store.current(by_analyst=analyst is not None)
                   if d.doc not in known and (analyst is None or d.analyst == analyst)]
        found += in_document_order(list(as_recorded(outside)), None)
    return [s for s in found if (not states or s.state in states) and (tag is None or s.event.tag == tag)]


def log(workspace: Context, ref: str) -> tuple[str, list[LogStep]]:
    """Return (the provision's id, every version of its thread with the events on it, in thread order)."""
    thread = workspace.history(ref)
    start = f"{thread.start.doc.id}:{thread.start.labels[0]}"
    store = workspace.decisions
    events = store.events([s.doc.id for s in thread.steps]) if store is not None else []
    retractions = {e.retracts: e for e in events if e.action == "retract"}
    out = []
    for step in thread.steps:
        fingerprints = {p.label: p.fingerprint for p in step.doc.provisions if p.label in step.labels}
        entries = tuple(LogEntry(e, retractions.get(e.uid), e.fingerprint != fingerprints[e.label])
                        for e in events if e.doc == step.doc.id and e.label in fingerprints)
        out.append(LogStep(step, entries, any(step is later for later in thread.later)))
    return start, out
