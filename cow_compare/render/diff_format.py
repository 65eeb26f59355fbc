"""`cow-compare diff` output: text (plain or coloured), JSON, Markdown and CSV, from one Report."""

from __future__ import annotations

from ..model import Change, Op, Report
from . import csv_format, json_format
from .changes import change_record, diff_payload

RED, GREEN, DIM, BOLD, RESET = "\033[31m", "\033[32m", "\033[2m", "\033[1m", "\033[0m"
STRIKE, UNDERLINE = "\033[9m", "\033[4m"


def summary_line(report: Report) -> str:
    """Return "us-28 -> eu-e3: 13 modified, 10 deleted, ..." with kinds in a fixed order."""
    parts = [f"{n} {kind}" for kind, n in report.summary.items() if n]
    return f"{report.old.id} -> {report.new.id}: {', '.join(parts) or 'nothing to compare'}"


def redline(ops: tuple[Op, ...], *, colour: bool) -> str:
    """Return the ops as one line: [-deleted-]{+inserted+}, or struck red and underlined green."""
    out = []
    for op in ops:
        if op.op == "=":
            out.append(op.text)
        elif colour:
            style = f"{RED}{STRIKE}" if op.op == "-" else f"{GREEN}{UNDERLINE}"
            out.append(f"{style}{op.text}{RESET}")
        else:
            out.append(f"[-{op.text}-]" if op.op == "-" else f"{{+{op.text}+}}")
    return "".join(out)


def _heading(change: Change) -> str:
    link = change.link
    old = ", ".join(link.from_labels) or "-"
    new = ", ".join(link.to_labels) or "-"
    detail = []
    if link.moved and change.kind != "moved":
        detail.append("moved")
    if link.renumbered and change.kind not in ("renumbered", "moved"):
        detail.append("renumbered")
    extra = f" ({', '.join(detail)})" if detail else ""
    return f"{change.kind.upper()}{extra}  {old} -> {new}  [{link.matched_by} {link.score:.3f}: {link.reason}]"


def text(report: Report, changes: list[Change], *, colour: bool = False) -> str:
    """Return the summary line, then each change: heading, redline, facts."""
    lines = [summary_line(report), ""]
    for change in changes:
        head = _heading(change)
        lines.append(f"{BOLD}{head}{RESET}" if colour else head)
        if change.kind != "identical":
            lines.append("    " + redline(change.ops, colour=colour))
        else:
            lines.append("    " + "".join(op.text for op in change.ops))
        for fact in change.facts:
            lines.append(f"    {DIM}* {fact.summary}{RESET}" if colour else f"    * {fact.summary}")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def json(report: Report, changes: list[Change]) -> str:
    """Return the `cow-compare/diff/v1` contract."""
    return json_format.dumps(diff_payload(report, changes))


def markdown(report: Report, changes: list[Change]) -> str:
    """Return a Markdown change list: a summary table, then one section per change."""
    lines = [f"# {report.old.title} -> {report.new.title}", "",
             f"`{report.old.id}` ({report.old.date}) -> `{report.new.id}` ({report.new.date})", "",
             "| kind | count |", "| --- | --- |"]
    lines += [f"| {kind} | {n} |" for kind, n in report.summary.items() if n]
    lines.append("")
    for change in changes:
        lines += [f"## {_heading(change)}", ""]
        rendered = "".join(
            op.text if op.op == "=" else (f"~~{op.text}~~" if op.op == "-" else f"**{op.text}**")
            for op in change.ops
        )
        lines += [rendered, ""]
        lines += [f"- {fact.summary}" for fact in change.facts]
        if change.facts:
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


CSV_COLUMNS = ("kind", "from", "to", "score", "matched_by", "renumbered", "moved", "facts", "old_text", "new_text")


def csv(report: Report, changes: list[Change]) -> str:
    """Return one row per change."""
    rows = []
    for change in changes:
        record = change_record(change)
        record["facts"] = [f["summary"] for f in record["facts"]]
        record["old_text"] = "".join(op.text for op in change.ops if op.op in ("=", "-"))
        record["new_text"] = "".join(op.text for op in change.ops if op.op in ("=", "+"))
        rows.append(record)
    return csv_format.table(rows, CSV_COLUMNS)
