"""Plain-dict views of documents, provisions and tags: the one shape JSON, CSV and tables are made from."""

from __future__ import annotations

from typing import Any

from ..model import Decision, Document, Evidence, Provision, Standing, Tag


def document_record(doc: Document) -> dict[str, Any]:
    """Return a document's metadata as the `document` object of the JSON contracts."""
    return {
        "id": doc.id,
        "title": doc.title,
        "date": doc.date.isoformat() if doc.date else None,
        "date_precision": doc.date_precision,
        "parties": list(doc.parties),
        "kind": doc.kind,
        "status": doc.status,
        "source_path": doc.source_path,
        "derived_from": list(doc.derived_from),
        "rendition": doc.rendition,
        "coverage": doc.coverage,
        "missing": doc.missing,
        "numbered": doc.numbered,
        "sources": [{"outlet": s.outlet, "url": s.url, "note": s.note} for s in doc.sources],
    }


def provision_record(p: Provision) -> dict[str, Any]:
    """Return a provision as an object of the `provisions` list of the JSON contracts."""
    return {
        "id": p.id,
        "label": p.label,
        "number": p.number,
        "parent": p.parent,
        "depth": p.depth,
        "status": p.status,
        "text": p.text,
        "lines": list(p.lines),
        "fingerprint": p.fingerprint,
        "section": p.section,
        "notes": list(p.notes),
    }


def listing_record(doc: Document) -> dict[str, Any]:
    """Return one row of `cow-compare list`."""
    return {
        "id": doc.id,
        "date": doc.date.isoformat() if doc.date else None,
        "parties": list(doc.parties),
        "status": doc.status,
        "kind": doc.kind,
        "points": len(doc.top_level),
        "provisions": len(doc.provisions),
        "title": doc.title,
        "source_path": doc.source_path,
    }


def tag_record(tag: Tag, label: str | None = None) -> dict[str, Any]:
    """Return one tag as an object of the JSON contracts (with the provision's label when given)."""
    out: dict[str, Any] = {} if label is None else {"label": label}
    out.update({
        "tag": tag.tag,
        "polarity": tag.polarity,
        "evidence": [_evidence_record(e) for e in tag.evidence],
        "rule": tag.rule,
        "source": tag.source,
        "confidence": tag.confidence,
        "via": list(tag.via),
    })
    if tag.decision is not None:
        # Only where a decision stands, so outputs without decisions keep their exact bytes.
        out.update(standing_fields(tag.decision))
        out["counts"] = tag.counts
    return out


def standing_fields(s: Standing) -> dict[str, Any]:
    """The fields a decision adds to a tag object: who decided what, when, where, and its state now."""
    e = s.event
    return {
        "state": s.state,
        "decision": e.action,
        "decided_by": e.analyst,
        "decided_at": e.at,
        "event": e.event,
        "why": e.why,
        "inherited_from": e.provision if s.carried else None,
        "carried_through": s.carried_through or None,
    }


def standing_record(s: Standing) -> dict[str, Any]:
    """One decision standing on a provision: where, on which tag, and `standing_fields`."""
    return {"provision": s.provision, "tag": s.event.tag, "polarity": s.event.polarity, **standing_fields(s),
            "rule": s.event.rule, "ruleset": s.event.ruleset}


def event_record(e: Decision) -> dict[str, Any]:
    """One event of the store, every field: the shape of `annotate export --format jsonl` and `log` JSON."""
    return {
        "event": e.event, "uid": e.uid, "at": e.at, "analyst": e.analyst, "action": e.action, "doc": e.doc,
        "label": e.label, "fingerprint": e.fingerprint, "tag": e.tag, "polarity": e.polarity,
        "evidence": [[x.start, x.end, x.text] for x in e.evidence], "rule": e.rule, "ruleset": e.ruleset,
        "why": e.why, "retracts": e.retracts or None, "tool": e.tool,
    }


_DONE = {"confirm": "confirmed", "reject": "rejected", "add": "added"}


def standing_note(s: Standing) -> str:
    """What an analyst reads beside a tag: "confirmed by alice 2025-12-01", "inherited from us-28-...:8,
    rejected by bob 2025-12-02", "needs review: ... then modified", "stale: ..."."""
    e = s.event
    did = f"{_DONE.get(e.action, e.action)} by {e.analyst} {e.at[:10]}"
    if s.state == "inherited":
        return f"inherited from {e.provision}, {did}"
    if s.state == "needs-review":
        return f"needs review: {did} on {e.provision}, then {s.carried_through or 'changed'}"
    if s.state == "stale":
        return f"stale: {did} on words this provision no longer has"
    return did


def _evidence_record(e: Evidence) -> dict[str, Any]:
    out: dict[str, Any] = {"start": e.start, "end": e.end, "text": e.text}
    if e.label:
        out["label"] = e.label
    return out
