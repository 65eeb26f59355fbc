"""Parsed documents kept on disk, so that `list`, `diff` and the rest need not start the parser.

Importing the parser (markdown-it and the marker patterns) and parsing a corpus costs several
times a bare Python start; reading a parsed document back from JSON costs a few milliseconds. A
document is a pure function of its file's bytes, the name it is shown under, the parse settings
and the intake code, so it is stored under a key made of all four and read back on the next run.
A missing, unreadable or foreign entry is a miss (`cachefiles`): the cache never changes output.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from functools import cache
from typing import Any

from ..cachefiles import PACKAGE, cache_folder, code_digest, read_entry, store_entry
from ..model import Document, Provision, Source, Warning_
from ..settings import LimitSettings, ParseSettings

FORMAT = "cow-compare/document-cache/v1"


@cache
def _intake_digest() -> str:
    """A digest of every intake module and of the model: a parsed document depends on all of them."""
    names = tuple(sorted(p.name for p in (PACKAGE / "intake").glob("*.py")))
    return code_digest("intake", names) + code_digest(".", ("model.py",))


def cache_key(data: bytes, shown: str, settings: ParseSettings, limits: LimitSettings | None = None) -> str:
    """The key of a parsed document: its bytes, its shown name, the parse settings, the limits it was
    checked against, and the intake code."""
    digest = hashlib.sha256(_intake_digest().encode("ascii"))
    digest.update(json.dumps([shown, repr(settings), repr(limits)], ensure_ascii=False).encode("utf-8"))
    digest.update(data)
    return digest.hexdigest()[:32]


def cached_parse(data: bytes, shown: str, settings: ParseSettings, parse: Callable[[], Document], *,
                 limits: LimitSettings | None = None) -> Document:
    """Return the document parsed from `data`, from the cache when it holds it, else by `parse()`.

    `limits`: the limits `parse()` checks against; part of the key, so a lower limit is never
    passed by a document parsed under a higher one.
    """
    folder = cache_folder()
    path = folder / f"doc-{cache_key(data, shown, settings, limits)}.json" if folder is not None else None
    text = read_entry(path)
    if text is not None:
        try:
            return _load(text)
        except (ValueError, KeyError, TypeError):
            pass  # a miss: parse and store
    document = parse()
    store_entry(path, _dump(document))
    return document


def _dump(doc: Document) -> str:
    return json.dumps({
        "format": FORMAT,
        "id": doc.id, "title": doc.title, "date": doc.date.isoformat() if doc.date else None,
        "parties": list(doc.parties), "kind": doc.kind, "status": doc.status, "source_path": doc.source_path,
        "derived_from": list(doc.derived_from),
        "sources": [[s.outlet, s.url, s.note] for s in doc.sources],
        "rendition": doc.rendition, "coverage": doc.coverage, "missing": doc.missing,
        "date_precision": doc.date_precision, "numbered": doc.numbered,
        "warnings": [[w.line, w.message] for w in doc.warnings],
        "provisions": [[p.label, p.number, p.text, p.parent, p.depth, p.status, list(p.lines), p.fingerprint,
                        p.section, list(p.notes)] for p in doc.provisions],
    }, ensure_ascii=False)


def _load(text: str) -> Document:
    """Rebuild a document; ValueError, KeyError or TypeError when the entry does not fit."""
    data: dict[str, Any] = json.loads(text)
    if data.get("format") != FORMAT:
        raise ValueError("another cache format")
    doc_id = data["id"]
    provisions = tuple(
        Provision(doc_id, label, number, body, parent, depth, status, (lines[0], lines[1]), fingerprint,
                  section, tuple(notes))
        for label, number, body, parent, depth, status, lines, fingerprint, section, notes in data["provisions"]
    )
    return Document(
        id=doc_id, title=data["title"], date=dt.date.fromisoformat(data["date"]) if data["date"] else None,
        parties=tuple(data["parties"]), kind=data["kind"], status=data["status"], source_path=data["source_path"],
        provisions=provisions, derived_from=tuple(data["derived_from"]),
        sources=tuple(Source(o, u, n) for o, u, n in data["sources"]), rendition=data["rendition"],
        coverage=data["coverage"], missing=data["missing"], date_precision=data["date_precision"],
        numbered=data["numbered"], warnings=tuple(Warning_(line, message) for line, message in data["warnings"]),
    )
