"""Plain-dict views of documents, provisions and tags: the one shape JSON, CSV and tables are made from."""

from __future__ import annotations

from typing import Any

from ..model import Document, Evidence, Provision, Tag


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
    return out


def _evidence_record(e: Evidence) -> dict[str, Any]:
    out: dict[str, Any] = {"start": e.start, "end": e.end, "text": e.text}
    if e.label:
        out["label"] = e.label
    return out
