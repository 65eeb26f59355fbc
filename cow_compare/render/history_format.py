"""`cow-compare history` output: text (with redlines) and JSON, from one Thread."""

from __future__ import annotations

from typing import Any

from ..model import Standing, Step, Thread
from . import json_format
from .changes import change_record
from .diff_format import redline
from .records import document_record, standing_note, standing_record

HISTORY_SCHEMA = "cow-compare/history/v1"


def _is_later(thread: Thread, step: Step) -> bool:
    """By identity: two steps may hold equal data, and comparing documents field by field is slow."""
    return any(step is later for later in thread.later)


_KNOWN = {"summary": "known only from summaries", "partial": "known only in part"}


def _relation(thread: Thread, step: Step) -> str:
    """How the step stands to the version it was compared with, in words."""
    if step.compared_with is None:
        return "start"
    if step.kind == "not-reported":
        known = _KNOWN.get(step.doc.coverage, step.doc.coverage)
        return f"not reported in this version ({known}); the next one is compared with {step.compared_with}"
    later = _is_later(thread, step)
    # Going back, a deleted step is the text that was struck or dropped in the version after it.
    if step.kind == "deleted" and later:
        return f"deleted: nothing here continues {step.compared_with}"
    if step.kind == "added":
        return f"not here yet: {step.compared_with} was added after this version"
    return f"{step.kind} from {step.compared_with}" if later else f"{step.kind} into {step.compared_with}"


def text(thread: Thread, *, colour: bool = False) -> str:
    """Each version in date order: its id, date, where the provision is, how it changed, the text."""
    start = thread.start
    lines = [f"History of {start.doc.id}:{start.labels[0]} through {len(thread.steps)} versions", ""]
    for step in thread.steps:
        where = ", ".join(step.labels) or "-"
        lines.append(f"{step.doc.id} ({step.doc.date or 'undated'})  {where}  [{_relation(thread, step)}]")
        if step.change is not None and _is_later(thread, step) and step.labels:
            lines.append("    " + redline(step.change.ops, colour=colour))
            lines += [f"    * {fact.summary}" for fact in step.change.facts]
        elif step.labels:
            lines.append("    " + step.text)
        lines += [f"    decision: {_decision_line(s, len(step.labels) > 1)}" for s in step.decisions]
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _decision_line(s: Standing, labelled: bool) -> str:
    where = f"{s.label}: " if labelled else ""
    shown = f"{s.event.tag} {s.event.polarity}"
    struck = s.event.action == "reject" and s.state in ("rejected", "inherited")
    return f"{where}{f'[-{shown}-]' if struck else shown} ({standing_note(s)}; event #{s.event.event})"


def _step_record(thread: Thread, step: Step) -> dict[str, Any]:
    return {
        "document": document_record(step.doc),
        "labels": list(step.labels),
        "kind": step.kind,
        "direction": "start" if step is thread.start else ("later" if _is_later(thread, step) else "earlier"),
        "compared_with": step.compared_with,
        "text": step.text,
        "change": change_record(step.change) if step.change is not None else None,
        "decisions": [standing_record(s) for s in step.decisions],
    }


def json(thread: Thread) -> str:
    """Return the `cow-compare/history/v1` contract."""
    start = thread.start
    return json_format.dumps({
        "schema": HISTORY_SCHEMA,
        "provision": f"{start.doc.id}:{start.labels[0]}",
        "steps": [_step_record(thread, step) for step in thread.steps],
    })
