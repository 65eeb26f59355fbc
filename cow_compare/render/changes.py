"""Plain-dict views of a comparison: the shape the diff JSON, CSV and text are made from."""

from __future__ import annotations

from typing import Any

from ..model import Change, Report
from .records import document_record

DIFF_SCHEMA = "cow-compare/diff/v1"


def change_record(change: Change) -> dict[str, Any]:
    """Return one change as an object of the `changes` list of the diff contract."""
    link = change.link
    return {
        "kind": change.kind,
        "from": list(link.from_labels),
        "to": list(link.to_labels),
        "score": link.score,
        "matched_by": link.matched_by,
        "reason": link.reason,
        "renumbered": link.renumbered,
        "moved": link.moved,
        "rule": change.rule,
        "ops": [[op.op, op.text] for op in change.ops],
        "facts": [{"kind": f.kind, "before": f.before, "after": f.after, "summary": f.summary}
                  for f in change.facts],
        "tags": {"from": [], "to": []},
    }


def diff_payload(report: Report, changes: list[Change]) -> dict[str, Any]:
    """Return the diff contract as Python data, for the given (possibly filtered) changes."""
    return {
        "schema": DIFF_SCHEMA,
        "from": document_record(report.old),
        "to": document_record(report.new),
        "min_score": report.min_score,
        "summary": report.summary,
        "changes": [change_record(c) for c in changes],
    }
