"""Plain-text output for a reader at a terminal: aligned columns and an indented provision tree."""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Document, Provision, TaggedDocument
from .records import listing_record
from .tags_format import short

_STATUS_MARK = {"active": "", "deleted": "[deleted] ", "bracketed": "[bracketed] ", "option": "[option] "}


def listing(docs: Sequence[Document]) -> str:
    """Return `list` as aligned columns, one version a line."""
    rows = [listing_record(d) for d in docs]
    header = ("ID", "DATE", "STATUS", "POINTS", "PROV", "PARTIES", "TITLE")
    body = [
        (r["id"], r["date"] or "-", r["status"], str(r["points"]), str(r["provisions"]),
         _short_parties(r["parties"]), r["title"])
        for r in rows
    ]
    widths = [max(len(row[i]) for row in [header, *body]) for i in range(len(header) - 1)]
    lines = []
    for row in [header, *body]:
        cells = [cell.ljust(widths[i]) for i, cell in enumerate(row[:-1])]
        lines.append("  ".join([*cells, row[-1]]).rstrip())
    return "\n".join(lines) + "\n"


def _short_parties(parties: list[str]) -> str:
    if len(parties) <= 2:
        return ", ".join(parties) or "-"
    return f"{parties[0]} +{len(parties) - 1}"


def document(doc: Document, *, warnings: bool = True, tags: TaggedDocument | None = None) -> str:
    """Return `show`: a heading, then every provision indented under its parent (and its tags, if given)."""
    tags_of = {p.provision.label: p.tags for p in tags.provisions} if tags else {}
    when = doc.date.isoformat() if doc.date else "undated"
    head = [f"{doc.id}  {doc.title}", f"{when} · {doc.status} · {', '.join(doc.parties) or 'parties unknown'}"]
    counts = f"{len(doc.top_level)} top-level provisions, {len(doc.provisions)} in all"
    if not doc.numbered:
        counts += " (no printed numbers: labels p1, p2, ... assigned in order)"
    head.append(counts)
    lines = [*head, ""]
    width = max(len(p.label) for p in doc.provisions)
    section = ""
    for p in doc.provisions:
        if p.section != section:
            section = p.section
            lines.append(f"## {section}" if section else "")
        lines.append(_provision_line(p, width))
        lines.extend(f"{'':{width}}   {'    ' * p.depth}(note: {note})" for note in p.notes)
        if tags_of.get(p.label):
            lines.append(f"{'':{width}}   {'    ' * p.depth}=> {short(tags_of[p.label])}")
    if warnings and doc.warnings:
        lines.append("")
        lines.extend(f"warning: line {w.line}: {w.message}" if w.line else f"warning: {w.message}"
                     for w in doc.warnings)
    return "\n".join(lines) + "\n"


def _provision_line(p: Provision, width: int) -> str:
    return f"{p.label:<{width}}   {'    ' * p.depth}{_STATUS_MARK[p.status]}{p.text}".rstrip()
