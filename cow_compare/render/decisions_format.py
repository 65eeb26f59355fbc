"""`cow-compare annotate` output: recorded events, the list of decisions, a provision's log, agreement."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from ..model import DECISION_STATES, Agreement, Decision, LogStep, Standing, Step
from . import csv_format, json_format
from .records import document_record, event_record, standing_note, standing_record

DECISIONS_SCHEMA = "cow-compare/decisions/v1"
LOG_SCHEMA = "cow-compare/decision-log/v1"
AGREEMENT_SCHEMA = "cow-compare/agreement/v1"
_DONE = {"confirm": "confirmed", "reject": "rejected", "add": "added", "retract": "retracted"}


def recorded(events: Sequence[Decision], skipped: int = 0) -> str:
    """One line per event written: "#3 alice confirmed us-28-2025-11-20:8 MNF-U prohibits (rule ...)"."""
    lines = []
    for e in events:
        if e.action == "retract":
            lines.append(f"#{e.event} {e.analyst} retracted the event {e.retracts} ({e.provision} {e.tag} {e.polarity})")
            continue
        answered = f" (rule {e.rule})" if e.rule else ""
        words = f" evidence: {'; '.join(x.text for x in e.evidence)}" if e.action == "add" and e.evidence else ""
        lines.append(f"#{e.event} {e.analyst} {_DONE[e.action]} {e.provision} {e.tag} {e.polarity}{answered}{words}")
    if skipped:
        lines.append(f"{skipped} decision{'s were' if skipped > 1 else ' was'} already in the store, left as they were")
    return "\n".join(lines) + "\n" if lines else "nothing recorded\n"


def imported(events: Sequence[Decision], skipped: int, path: str) -> str:
    """One line: how many events an import recorded and how many the store held already."""
    return f"imported {len(events)} decision{'s' if len(events) != 1 else ''} from {path}" + (
        f"; {skipped} already in the store" if skipped else "") + "\n"


# --- list ------------------------------------------------------------------------------------

LIST_COLUMNS = ("state", "provision", "tag", "polarity", "event", "decision", "analyst", "at", "inherited_from",
                "why")


def _rows(standings: Sequence[Standing]) -> list[dict[str, Any]]:
    return [{"state": s.state, "provision": s.provision, "tag": s.event.tag, "polarity": s.event.polarity,
             "event": s.event.event, "decision": s.event.action, "analyst": s.event.analyst, "at": s.event.at,
             "inherited_from": s.event.provision if s.carried else "", "why": s.event.why,
             "note": standing_note(s)} for s in standings]


def listing_text(standings: Sequence[Standing], store: str) -> str:
    """Aligned columns, one decision a line, then the count by state."""
    if not standings:
        return f"no decisions to show (store: {store})\n"
    rows = _rows(standings)
    header = ("STATE", "PROVISION", "TAG", "POLARITY", "EVENT", "DECISION", "WHY")
    body = [(r["state"], r["provision"], r["tag"], r["polarity"], f"#{r['event']}", r["note"], r["why"]) for r in rows]
    widths = [max(len(row[i]) for row in [header, *body]) for i in range(len(header) - 1)]
    lines = ["  ".join([*(cell.ljust(widths[i]) for i, cell in enumerate(row[:-1])), row[-1]]).rstrip()
             for row in [header, *body]]
    by_state: Counter[str] = Counter(s.state for s in standings)
    summary = ", ".join(f"{by_state[state]} {state}" for state in DECISION_STATES if by_state[state])
    lines += ["", f"{len(standings)} decision{'s' if len(standings) != 1 else ''}: {summary} (store: {store})"]
    if by_state["needs-review"] or by_state["stale"]:
        lines.append("review one with `cow-compare annotate confirm|reject DOC:LABEL TAG POLARITY`")
    return "\n".join(lines) + "\n"


def listing_json(standings: Sequence[Standing], store: str) -> str:
    return json_format.dumps({"schema": DECISIONS_SCHEMA, "store": store,
                              "decisions": [standing_record(s) for s in standings]})


def listing_csv(standings: Sequence[Standing]) -> str:
    return csv_format.table(_rows(standings), LIST_COLUMNS)


# --- log -------------------------------------------------------------------------------------

def log_text(provision: str, steps: Sequence[LogStep]) -> str:
    """Each version of the provision's thread, with every event recorded on it there."""
    count = sum(len(s.entries) for s in steps)
    lines = [f"Decisions on {provision} and its counterparts: {count} event{'s' if count != 1 else ''} "
             f"in {len(steps)} version{'s' if len(steps) != 1 else ''}", ""]
    for log_step in steps:
        step = log_step.step
        where = ", ".join(step.labels) or "-"
        lines.append(f"{step.doc.id}  {where}  [{_how(step, log_step.later)}]")
        for entry in log_step.entries:
            e = entry.event
            what = (f"retract #{_number(e.retracts, steps)} ({e.tag} {e.polarity})" if e.action == "retract"
                    else f"{e.action} {e.tag} {e.polarity}")
            marks = []
            if len(step.labels) > 1:
                marks.append(f"on {e.label}")
            if entry.retracted_by is not None:
                marks.append(f"retracted by #{entry.retracted_by.event}")
            if entry.stale and e.action != "retract":
                marks.append("made on earlier words: stale")
            if e.rule and e.action in ("confirm", "reject"):
                marks.append(f"rule {e.rule}")
            if e.why:
                marks.append(f"why: {e.why}")
            lines.append(f"    #{e.event}  {e.at[:16].replace('T', ' ')}  {e.analyst}  {what}"
                         + (f"  ({'; '.join(marks)})" if marks else ""))
        if not log_step.entries and step.labels:
            lines.append("    (no decisions recorded here)")
        for s in step.decisions:
            if s.carried:
                lines.append(f"    standing here: {s.event.tag} {s.event.polarity} ({standing_note(s)})")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _how(step: Step, later: bool) -> str:
    """How a version of the thread stands to the one it was compared with, as `history` says it."""
    if step.compared_with is None:
        return "start"
    if step.kind == "not-reported":
        return f"not reported in this version; the next one is compared with {step.compared_with}"
    if not step.labels:
        return f"{step.kind}: nothing here continues {step.compared_with}"
    return f"{step.kind} {'from' if later else 'into'} {step.compared_with}"


def _number(uid: str, steps: Sequence[LogStep]) -> str:
    for log_step in steps:
        for entry in log_step.entries:
            if entry.event.uid == uid:
                return str(entry.event.event)
    return uid[:8]


def log_json(provision: str, steps: Sequence[LogStep]) -> str:
    return json_format.dumps({
        "schema": LOG_SCHEMA, "provision": provision,
        "versions": [{
            "document": document_record(s.step.doc), "labels": list(s.step.labels), "kind": s.step.kind,
            "compared_with": s.step.compared_with,
            "events": [{**event_record(e.event), "retracted_by": e.retracted_by.event if e.retracted_by else None,
                        "stale": e.stale} for e in s.entries],
            "standing": [standing_record(x) for x in s.step.decisions],
        } for s in steps],
    })


# --- agreement -------------------------------------------------------------------------------

def agreement_text(pairs: Sequence[Agreement]) -> str:
    """Per tag: each pair's provisions judged by both, agreements and kappa, then where they disagree."""
    if not pairs:
        return "no decisions to compare: agreement needs analysts' confirmations, rejections or additions\n"
    lines: list[str] = []
    for tag in dict.fromkeys(p.tag for p in pairs):
        mine = [p for p in pairs if p.tag == tag]
        names = [f"{p.first} ~ {p.second}" for p in mine]
        width = max(len(n) for n in [*names, "pair"])
        lines += [tag, f"  {'pair':<{width}}  provisions  agreed  kappa"]
        for name, p in zip(names, mine, strict=True):
            kappa = f"{p.kappa:.3f}" if p.kappa is not None else "n/a"
            lines.append(f"  {name:<{width}}  {p.judged:>10}  {p.agreed:>6}  {kappa:>5}")
        for p in mine:
            for d in p.disagreements:
                lines.append(f"  disagree {p.first} ~ {p.second}: {d.provision}: {p.first} {d.first}; "
                             f"{p.second} {d.second}")
        lines.append("")
    lines.append("kappa n/a: no provision judged by both, or both gave every provision one and the same answer")
    return "\n".join(lines) + "\n"


def agreement_json(pairs: Sequence[Agreement]) -> str:
    return json_format.dumps({"schema": AGREEMENT_SCHEMA, "pairs": [
        {"tag": p.tag, "first": p.first, "second": p.second, "provisions": p.judged, "agreed": p.agreed,
         "kappa": p.kappa,
         "disagreements": [{"provision": d.provision, "first": d.first, "second": d.second} for d in p.disagreements]}
        for p in pairs]})
