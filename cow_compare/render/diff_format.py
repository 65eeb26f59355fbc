"""`cow-compare diff` output: text (plain or coloured), JSON, Markdown and CSV, from one Report."""

from __future__ import annotations

from ..model import LANGUAGE_NAMES, Change, Op, ProvisionTags, Report, Tag
from . import csv_format, json_format
from .changes import change_record, diff_payload
from .tags_format import name, note

RED, GREEN, DIM, BOLD, RESET = "\033[31m", "\033[32m", "\033[2m", "\033[1m", "\033[0m"
STRIKE, UNDERLINE = "\033[9m", "\033[4m"


_KNOWN = {"summary": "known only from summaries", "partial": "known only in part"}


def summary_line(report: Report) -> str:
    """Return "us-28 -> eu-e3: 13 modified, 10 deleted, ..." with kinds in a fixed order."""
    parts = [f"{n} {kind}" for kind, n in report.summary.items() if n]
    return f"{report.old.id} -> {report.new.id}: {', '.join(parts) or 'nothing to compare'}"


def context_lines(report: Report) -> list[str]:
    """What the counts rest on: a topical (not lineage) comparison, and how much of each side is known."""
    lines = []
    if report.relation == "topical":
        lines.append(f"topical comparison: lineage.toml does not lead from {report.old.id} to {report.new.id}, "
                     "so provisions are linked by subject only")
    if report.old.partial or report.new.partial:
        sides = []
        for side, doc in (("old", report.old), ("new", report.new)):
            linked, total = report.covered(side)  # type: ignore[arg-type]
            known = _KNOWN.get(doc.coverage, "known in full")
            sides.append(f"{doc.id} ({known}): {linked} of {total} provisions have a counterpart")
        lines.append("coverage: " + "; ".join(sides)
                     + "; a provision without one where the other side is known only in part is not-reported")
    lines += language_lines(report)
    return lines


def language_lines(report: Report) -> list[str]:
    """One line per side the rule set could not tag because of its language."""
    return [f"tags: {x.doc} is in {LANGUAGE_NAMES.get(x.language, x.language)} ({x.language}), which {report.ruleset} "
            "does not cover; its provisions were not tagged, so no tags there does not mean no implications"
            for x in report.tag_languages if not x.covered]


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


def _side(side: tuple[ProvisionTags, ...], colour: bool = False) -> str:
    return ", ".join(name(t, colour=colour) + (f" ({note(t)})" if t.decision is not None else "")
                     for p in side for t in p.own) or "(none)"


def tags_line(change: Change, *, colour: bool = False) -> str:
    """Return the tags a change carries when no tag fact already says them: "MNF-U adjacent"; "" if none.

    A change whose tags shifted shows the shift as a fact ("MNF-U: prohibits -> limits") instead,
    unless an analyst decided on one of them: then the tags follow too, with who decided what.
    """
    own = [t for p in (*change.tags_from, *change.tags_to) for t in p.own]
    decided = any(t.decision is not None for t in own)
    if (any(f.kind == "tag" for f in change.facts) and not decided) or not own:
        return ""
    before, after = _side(change.tags_from, colour), _side(change.tags_to, colour)
    if not change.tags_from:
        return after
    if not change.tags_to or before == after:
        return before
    return f"{before} -> {after}"


def text(report: Report, changes: list[Change], *, colour: bool = False) -> str:
    """Return the summary line, then each change: heading, redline, facts."""
    lines = [summary_line(report), *context_lines(report), ""]
    for change in changes:
        head = _heading(change)
        lines.append(f"{BOLD}{head}{RESET}" if colour else head)
        if change.kind != "identical":
            lines.append("    " + redline(change.ops, colour=colour))
        else:
            lines.append("    " + "".join(op.text for op in change.ops))
        for fact in change.facts:
            lines.append(f"    {DIM}* {fact.summary}{RESET}" if colour else f"    * {fact.summary}")
        if tags := tags_line(change, colour=colour):
            lines.append(f"    tags: {tags}")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def json(report: Report, changes: list[Change]) -> str:
    """Return the `cow-compare/diff/v1` contract."""
    return json_format.dumps(diff_payload(report, changes))


def markdown(report: Report, changes: list[Change]) -> str:
    """Return a Markdown change list: a summary table, then one section per change."""
    lines = [f"# {report.old.title} -> {report.new.title}", "",
             f"`{report.old.id}` ({report.old.date}) -> `{report.new.id}` ({report.new.date})", "",
             *[f"> {line}" for line in context_lines(report)], *([""] if context_lines(report) else []),
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
        if tags := tags_line(change):
            lines.append(f"- tags: {tags}")
        if change.facts or tags:
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


CSV_COLUMNS = ("from_doc", "to_doc", "relation", "kind", "from", "to", "score", "matched_by", "renumbered", "moved", "facts",
               "tags_from", "tags_to", "old_text", "new_text", "redline")


def csv(report: Report, changes: list[Change]) -> str:
    """Return one row per change."""
    rows = []
    for change in changes:
        record = change_record(change)
        record["facts"] = [f["summary"] for f in record["facts"]]
        record["tags_from"] = [_csv_tag(p, t) for p in change.tags_from for t in p.own]
        record["tags_to"] = [_csv_tag(p, t) for p in change.tags_to for t in p.own]
        record["old_text"] = "".join(op.text for op in change.ops if op.op in ("=", "-"))
        record["new_text"] = "".join(op.text for op in change.ops if op.op in ("=", "+"))
        record["redline"] = redline(change.ops, colour=False)
        record["from_doc"], record["to_doc"], record["relation"] = report.old.id, report.new.id, report.relation
        rows.append(record)
    return csv_format.table(rows, CSV_COLUMNS)


def _csv_tag(p: ProvisionTags, t: Tag) -> str:
    return f"{p.provision.label} {name(t)}" + (f" ({note(t)})" if t.decision is not None else "")
