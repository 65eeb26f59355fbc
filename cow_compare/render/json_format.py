"""JSON output: the contracts of DESIGN.md, each tagged with its schema name."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ..model import Document, TaggedDocument
from .records import document_record, listing_record, provision_record, tag_record

DOCUMENT_SCHEMA = "cow-compare/document/v1"
LIST_SCHEMA = "cow-compare/list/v1"


def dumps(payload: dict[str, Any]) -> str:
    """Serialise with a fixed layout, so the same data always gives the same bytes."""
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def document_payload(doc: Document, tags: TaggedDocument | None = None) -> dict[str, Any]:
    """Return the `show` contract as Python data; with tags, each provision carries `tags` too."""
    provisions = [provision_record(p) for p in doc.provisions]
    if tags is not None:
        for record, tagged in zip(provisions, tags.provisions, strict=True):
            record["tags"] = [tag_record(t) for t in tagged.tags]
    payload = {
        "schema": DOCUMENT_SCHEMA,
        "document": document_record(doc),
        "warnings": [{"line": w.line, "message": w.message} for w in doc.warnings],
        "provisions": provisions,
    }
    if tags is not None:
        payload["ruleset"] = tags.ruleset
    return payload


def document(doc: Document, tags: TaggedDocument | None = None) -> str:
    """Return `show --format json`."""
    return dumps(document_payload(doc, tags))


def listing(docs: Sequence[Document]) -> str:
    """Return `list --format json`."""
    return dumps({"schema": LIST_SCHEMA, "documents": [listing_record(d) for d in docs]})


def schema(name: str) -> dict[str, Any]:
    """Return the shipped JSON Schema for a contract, e.g. schema("document")."""
    from importlib import resources

    text = resources.files("cow_compare").joinpath("schemas", f"{name}.v1.json").read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded
