"""`import` output: where the document went, and its numbering report, as text or JSON."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from .json_format import dumps

if TYPE_CHECKING:
    from ..model import ImportResult

IMPORT_SCHEMA = "cow-compare/import/v1"


def payload(result: ImportResult) -> dict[str, Any]:
    """Return the `import --format json` contract as Python data."""
    report = result.report
    doc = result.document
    return {
        "schema": IMPORT_SCHEMA,
        "document": {"id": doc.id, "title": doc.title, "date": doc.date.isoformat() if doc.date else None,
                     "path": str(result.path), "original": str(result.original), "sha256": result.sha256},
        "reader": {"name": report.reader, "encoding": report.encoding, "notes": list(report.reader_notes)},
        "numbering": {
            "points": report.points, "first": report.first, "last": report.last, "sub_items": report.sub_items,
            "numbered": report.numbered, "gaps": list(report.gaps), "glued_lines": list(report.glued),
            "struck": list(report.struck), "lead": list(report.lead), "trailing": list(report.trailing),
            "editorial_notes": [{"label": label, "note": note} for label, note in report.editorial],
        },
        "warnings": [{"line": line, "message": message} for line, message in report.warnings],
    }


def json(result: ImportResult) -> str:
    """Return `import --format json`."""
    return dumps(payload(result))


def _listed(items: tuple[str, ...]) -> str:
    return ", ".join(items) if items else "none"


def text(result: ImportResult, *, cwd: Path | None = None) -> str:
    """Return the numbering report an analyst reads after `import`."""
    report, doc = result.report, result.document
    here = cwd if cwd is not None else Path.cwd()

    def shown(path: Path) -> str:
        try:
            return str(path.resolve().relative_to(here.resolve()))
        except ValueError:
            return str(path)

    span = f" ({report.first} to {report.last})" if report.points > 1 else ""
    lines = [
        f"imported {doc.id}  {doc.title}",
        f"  wrote     {shown(result.path)} (original kept as {result.original.name})",
        f"  read as   {report.reader}, {report.encoding}",
        "",
        "numbering",
        f"  points          {report.points}{span}{'' if report.numbered else ', unnumbered: labelled p1, p2, ...'}",
        f"  sub-items       {report.sub_items}",
        f"  gaps            {_listed(report.gaps)}",
        f"  glued, split    {', '.join(f'line {n}' for n in report.glued) or 'none'}",
        f"  struck slots    {_listed(report.struck)}",
    ]
    lines += [f"  lead text       {t}" for t in report.lead] or ["  lead text       none"]
    lines += [f"  trailing text   {t}" for t in report.trailing] or ["  trailing text   none"]
    if report.lead or report.trailing:
        lines.append("                  (kept as preamble/closing, not as points; delete it from the file if it is "
                     "the outlet's own)")
    lines += [f"  editorial note  {label}: {note}" for label, note in report.editorial] or [
        "  editorial notes none"]
    lines += ["", "parser warnings"]
    lines += [f"  line {line}: {message}" if line else f"  {message}" for line, message in report.warnings] or [
        "  none"]
    lines += ["", "reader notes"]
    lines += [f"  {note}" for note in report.reader_notes] or ["  none"]
    return "\n".join(lines) + "\n"
