"""Plain-dict views of a comparison: the shape the diff JSON, CSV and text are made from."""

from __future__ import annotations

from typing import Any, Literal

from ..model import Change, ProvisionTags, Report
from .records import document_record, tag_record

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
        "tags": {"from": side_tags(change.tags_from), "to": side_tags(change.tags_to)},
        "tag_shifts": [{"tag": s.tag, "before": list(s.before), "after": list(s.after), "gained": list(s.gained),
                        "lost": list(s.lost)} for s in change.tag_shifts],
    }


def side_tags(side: tuple[ProvisionTags, ...]) -> list[dict[str, Any]]:
    """Return the own-word tags of one side's provisions, each with its provision's label."""
    return [tag_record(t, p.provision.label) for p in side for t in p.own]


def coverage_record(report: Report, side: Literal["old", "new"]) -> dict[str, Any]:
    """How much of one side is known (its coverage) and how much of it has a counterpart."""
    linked, total = report.covered(side)
    doc = report.old if side == "old" else report.new
    return {"coverage": doc.coverage or "full", "linked": linked, "provisions": total}


def diff_payload(report: Report, changes: list[Change]) -> dict[str, Any]:
    """Return the diff contract as Python data, for the given (possibly filtered) changes."""
    return {
        "schema": DIFF_SCHEMA,
        "from": document_record(report.old),
        "to": document_record(report.new),
        "min_score": report.min_score,
        "ruleset": report.ruleset or None,
        "settings": {"name": report.settings, "digest": report.settings_digest},
        "relation": report.relation,
        "coverage": {"from": coverage_record(report, "old"), "to": coverage_record(report, "new")},
        "summary": report.summary,
        **({"languages": languages_record(report)} if report.tag_languages else {}),
        "changes": [change_record(c) for c in changes],
    }


def languages_record(report: Report) -> dict[str, dict[str, Any]]:
    """The language of each tagged side and whether the rule set covers it: {from: {...}, to: {...}}."""
    old, new = report.tag_languages
    return {side: {"doc": x.doc, "language": x.language, "covered": x.covered}
            for side, x in (("from", old), ("to", new))}
