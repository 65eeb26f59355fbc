"""Self-contained HTML reports: a pair report, the index, and the lineage matrix.

Pages are rendered by Jinja2 with autoescape from the same records the JSON output is made of
(`changes.diff_payload`), never from a second computation. CSS and JavaScript are inlined and a
Content-Security-Policy allows exactly those two blocks (by their SHA-256) and nothing from the
network, so even text that slipped past escaping could not run a script or load anything.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from ..model import Change, Document, Matrix, Op, ProvisionTags, Report
from .changes import diff_payload
from .diff_format import context_lines
from .records import document_record, standing_note

IMPLICATION_TAGS = ("MNF-U", "DMZ", "territory")
"""The tags the summary puts first, in this order."""


def safe_url(url: object) -> bool:
    """Only http and https sources become links: never javascript:, data: or a relative path."""
    # fullmatch, not match with `$`, which also matches before a final newline.
    return isinstance(url, str) and re.fullmatch(r"https?://[^\s\"'<>]+", url, re.IGNORECASE) is not None


_OPENERS = {"\u202a": "\u202c", "\u202b": "\u202c", "\u202d": "\u202c", "\u202e": "\u202c",
            "\u2066": "\u2069", "\u2067": "\u2069", "\u2068": "\u2069"}
"""Bidi embeddings and overrides (closed by PDF) and isolates (closed by PDI)."""


def bidi_closed(value: str) -> str:
    """`value` with every bidi embedding, override or isolate it opens closed at its end.

    An unterminated right-to-left override in a title would otherwise run on past the title and
    reverse the report's own words after it; closed, it reverses only the text that carries it.
    """
    if not any(c in _OPENERS or c in "\u202c\u2069" for c in value):
        return value
    open_: list[str] = []
    for c in value:
        if c in _OPENERS:
            open_.append(_OPENERS[c])
        elif c == "\u202c" and open_ and open_[-1] == "\u202c":
            open_.pop()
        elif c == "\u2069" and "\u2069" in open_:
            # A PDI closes its isolate and every embedding opened inside it.
            while open_.pop() != "\u2069":
                pass
    return value + "".join(reversed(open_))


def finalize(value: Any) -> Any:
    """Every value a template prints, bidi-closed (`bidi_closed`); markup stays markup."""
    if isinstance(value, Markup):
        return Markup(bidi_closed(str(value)))
    return bidi_closed(value) if isinstance(value, str) else value


@cache
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("cow_compare", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        keep_trailing_newline=True,
        trim_blocks=False,
        finalize=finalize,
    )
    env.tests["safe_url"] = safe_url
    return env


@cache
def _asset(name: str) -> str:
    return resources.files("cow_compare").joinpath("templates", name).read_text(encoding="utf-8")


def _digest(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def _page(template: str, *, script: bool, **context: Any) -> str:
    from .. import __version__

    css = _asset("report.css")
    js = _asset("report.js") if script else ""
    script_src = f"'{_digest(js)}'" if script else "'none'"
    csp = (f"default-src 'none'; style-src '{_digest(css)}'; script-src {script_src}; img-src 'none'; "
           "connect-src 'none'; font-src 'none'; base-uri 'none'; form-action 'none'")
    page = _environment().get_template(template).render(
        css=Markup(css), script=Markup(js) if script else "", csp=csp, version=__version__, **context)
    return page


def redline(ops: Sequence[Op]) -> Markup:
    """Deleted words struck (<del>), inserted words underlined (<ins>), all text escaped."""
    out = []
    for op in ops:
        text = html.escape(op.text, quote=False)
        out.append(text if op.op == "=" else (f"<del>{text}</del>" if op.op == "-" else f"<ins>{text}</ins>"))
    return Markup("".join(out))


def marked(text: str, evidence: Iterable[str]) -> Markup:
    """The text, escaped, with each evidence phrase wrapped in <mark class="evidence"> (first occurrence)."""
    spans: list[tuple[int, int]] = []
    lowered = text.lower()
    for phrase in sorted(set(evidence), key=lambda p: (-len(p), p)):
        at = lowered.find(phrase.lower()) if phrase else -1
        if at >= 0 and not any(at < end and at + len(phrase) > start for start, end in spans):
            spans.append((at, at + len(phrase)))
    out, last = [], 0
    for start, end in sorted(spans):
        out.append(html.escape(text[last:start], quote=False))
        out.append(f'<mark class="evidence">{html.escape(text[start:end], quote=False)}</mark>')
        last = end
    out.append(html.escape(text[last:], quote=False))
    return Markup("".join(out))


def anchor(doc: Document, label: str) -> str:
    """The permalink id of a provision: `doc-id:label`."""
    return f"{doc.id}:{label}"


@dataclass(frozen=True)
class _Side:
    label: str
    anchor: str
    html: Markup


def _evidence_words(tags: Sequence[dict[str, Any]]) -> list[str]:
    return [e.get("text", "") for t in tags for e in t.get("evidence", [])]


def _shifts(change: Change, record: dict[str, Any]) -> list[str]:
    """How a change moved the implication tags: tag facts first, then tags whose text changed."""
    shifts = [f.summary for f in change.facts if f.kind == "tag"]
    if shifts:
        return shifts
    if change.kind in ("identical", "renumbered", "moved"):
        return []
    names: dict[str, list[str]] = {}
    for t in record["tags"]["to"] or record["tags"]["from"]:
        if t.get("counts", True) and t["polarity"] not in names.setdefault(t["tag"], []):
            names[t["tag"]].append(t["polarity"])
    how = {"deleted": "provision deleted", "added": "provision added"}.get(change.kind, "text changed")
    return [f"{tag}: {', '.join(names[tag])} ({how})" for tag in IMPLICATION_TAGS if tag in names]


def _decided(records: list[dict[str, Any]], side: tuple[ProvisionTags, ...]) -> list[dict[str, Any]]:
    """The side's tag records, each with the decision on it in words (`note`) and whether it is struck."""
    tags = [t for p in side for t in p.own]
    out = []
    for record, tag in zip(records, tags, strict=True):
        if tag.decision is not None:
            record = {**record, "note": standing_note(tag.decision), "struck": tag.rejected}
        out.append(record)
    return out


def pair_page(report: Report, *, navigation: bool = True) -> str:
    """The change report of one pair, from the diff payload of every change.

    `navigation` links to index.html and lineage.html, which only a whole batch (`report --all`) writes.
    """
    old, new = report.old, report.new
    payload = diff_payload(report, list(report.changes))
    old_text = {p.label: p.text for p in old.provisions}
    new_text = {p.label: p.text for p in new.provisions}
    order = {p.label: k for k, p in enumerate(old.provisions)}
    # Where each old provision ended up, so a moved row can point at its old neighbours.
    row_of_old = {label: change.link for change in report.changes for label in change.link.from_labels}
    rows: list[dict[str, Any]] = []
    implications: list[tuple[int, int, int, dict[str, Any]]] = []
    tag_names: set[str] = set()
    for change, record in zip(report.changes, payload["changes"], strict=True):
        link = change.link
        tags_from = _decided(record["tags"]["from"], change.tags_from)
        tags_to = _decided(record["tags"]["to"], change.tags_to)
        # The tag filter sees the tags that count: not one an analyst rejected.
        names = sorted({t["tag"] for t in (*tags_from, *tags_to) if t.get("counts", True)})
        tag_names.update(names)
        flags = [f for f, on in (("moved", link.moved and change.kind != "moved"),
                                 ("renumbered", link.renumbered and change.kind not in ("renumbered", "moved")))
                 if on]
        counterparts = None
        if link.moved and link.from_labels:
            before = [x for x in old_text if order[x] < order[link.from_labels[0]] and "." not in x]
            if before and before[-1] in row_of_old and row_of_old[before[-1]].to_labels:
                was = before[-1]
                counterparts = {"text": "moved: in the old version it came after",
                                "links": [{"label": was, "anchor": anchor(old, was)}]}
        elif change.kind in ("split", "merged"):
            other = link.to_labels if change.kind == "split" else link.from_labels
            doc = new if change.kind == "split" else old
            counterparts = {"text": "split into" if change.kind == "split" else "merged from",
                            "links": [{"label": x, "anchor": anchor(doc, x)} for x in other]}
        evidence_from, evidence_to = _evidence_words(tags_from), _evidence_words(tags_to)
        new_joined = " ".join(new_text[x] for x in link.to_labels)
        row = {
            "kind": change.kind, "flags": flags, "score": link.score, "matched_by": link.matched_by,
            "reason": link.reason, "counterparts": counterparts, "tag_names": names,
            "old": [_Side(x, anchor(old, x), marked(old_text[x], evidence_from)) for x in link.from_labels],
            "new": [_Side(x, anchor(new, x), Markup("")) for x in link.to_labels],
            "new_html": marked(new_joined, evidence_to),
            "redline": redline(change.ops) if change.kind not in ("identical", "renumbered", "moved", "added",
                                                                   "deleted") else None,
            "facts": [f.summary for f in change.facts],
            "tags_from": tags_from, "tags_to": tags_to,
        }
        rows.append(row)
        shifts = _shifts(change, record)
        if shifts and any(t["tag"] in IMPLICATION_TAGS for t in (*tags_from, *tags_to)):
            where_doc, where = (new, link.to_labels) if link.to_labels else (old, link.from_labels)
            rank = min((IMPLICATION_TAGS.index(t["tag"]) for t in (*tags_from, *tags_to)
                        if t["tag"] in IMPLICATION_TAGS), default=len(IMPLICATION_TAGS))
            polarity_shift = any(f.kind == "tag" for f in change.facts)
            implications.append((0 if polarity_shift else 1, rank, len(implications), {
                "anchor": anchor(where_doc, where[0]),
                "where": f"{', '.join(link.from_labels) or '-'} → {', '.join(link.to_labels) or '-'}",
                "kind": change.kind, "shifts": shifts,
            }))
    ordered_tags = [t for t in IMPLICATION_TAGS if t in tag_names] + sorted(tag_names - set(IMPLICATION_TAGS))
    return _page(
        "pair.html.j2", script=True,
        old=document_record(old), new=document_record(new), summary=report.summary, rows=rows,
        implications=[item for *_key, item in sorted(implications, key=lambda t: t[:3])],
        tag_names=ordered_tags, tagged=bool(tag_names), navigation=navigation, context=context_lines(report),
    )


@dataclass(frozen=True)
class IndexEntry:
    file: str
    old: Document
    new: Document
    why: str
    summary: dict[str, int]


def index_page(entries: Sequence[IndexEntry]) -> str:
    return _page("index.html.j2", script=False, entries=entries)


def lineage_page(matrix: Matrix) -> str:
    rows = []
    for row in matrix.rows:
        cells: list[dict[str, Any] | None] = []
        for version in matrix.versions:
            cell = row.cells.get(version.id)
            if cell is None:
                cells.append(None)
                continue
            change = cell.step.change
            cells.append({
                "labels": cell.labels, "kind": cell.kind, "text": cell.step.text,
                "redline": redline(change.ops) if change is not None and cell.labels else None,
            })
        rows.append({"start": row.start, "cells": cells})
    return _page("lineage.html.j2", script=False, versions=[document_record(v) for v in matrix.versions], rows=rows)
