"""Backups and exchange: every event of a store out as CSV or JSON Lines, and such a file back in.

An export holds every event with every field, the uid included, in the order they were recorded;
importing it into an empty store gives the same events, so the same state. Importing into a store
that already holds some of them skips those (by uid): a colleague's export can be merged, and a
backup imported twice changes nothing.

An import checks every row before writing any: the columns, the action, the analyst, the time, the
version and provision (they must be in the corpus), the tag and polarity (they must be in the rule
set), the evidence and what a retraction retracts. All problems are reported at once with their row
numbers (a spreadsheet's: the header is row 1; in JSON Lines, the line), and nothing is written
unless every row is valid. Rows written by hand need only analyst, action, doc, label, tag and
polarity: the time defaults to now, the fingerprint to the provision's words now, and evidence may
be plain words of the provision, separated by ` | `.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..csvcells import guarded, unguarded
from ..errors import DecisionError, InputError
from ..model import DECISION_ACTIONS, Decision, Evidence
from .record import locate, new_uid, now
from .store import evidence_from_json, evidence_json

if TYPE_CHECKING:
    from .context import Context
    from .store import DecisionStore

COLUMNS = ("event", "uid", "at", "analyst", "action", "doc", "label", "fingerprint", "tag", "polarity", "evidence",
           "rule", "ruleset", "why", "retracts", "tool")
REQUIRED = ("analyst", "action", "doc", "label", "tag", "polarity")
_UID = re.compile(r"^[0-9a-f]{32}$")
_FINGERPRINT = re.compile(r"^[0-9a-f]{12}$")


def event_fields(e: Decision) -> dict[str, Any]:
    """Every field of an event, as exported (evidence as `[[start, end, "words"], ...]`)."""
    return {
        "event": e.event, "uid": e.uid, "at": e.at, "analyst": e.analyst, "action": e.action, "doc": e.doc,
        "label": e.label, "fingerprint": e.fingerprint, "tag": e.tag, "polarity": e.polarity,
        "evidence": [[x.start, x.end, x.text] for x in e.evidence], "rule": e.rule, "ruleset": e.ruleset,
        "why": e.why, "retracts": e.retracts or None, "tool": e.tool,
    }


def export(events: Iterable[Decision], fmt: str) -> str:
    """Return the events as `csv` (evidence as JSON in its cell) or `jsonl` (one object a line)."""
    if fmt == "jsonl":
        return "".join(json.dumps(event_fields(e), ensure_ascii=False) + "\n" for e in events)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for e in events:
        record = event_fields(e)
        record["evidence"] = evidence_json(e.evidence)
        writer.writerow([guarded("" if record[c] is None else record[c]) for c in COLUMNS])
    return out.getvalue()


def read_rows(path: Path) -> tuple[str, list[tuple[int, dict[str, Any]]]]:
    """Return ("row" or "line", [(number, fields)]) from a CSV or JSON Lines file; DecisionError if unreadable."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise DecisionError(f"{path}: no such file; give the CSV (or JSON Lines) file to import") from None
    except IsADirectoryError:
        raise DecisionError(f"{path}: is a folder; give the CSV (or JSON Lines) file to import") from None
    except UnicodeDecodeError:
        raise DecisionError(f"{path}: is not UTF-8 text; save it as UTF-8 CSV") from None
    except OSError as exc:
        raise DecisionError(f"{path}: cannot be read ({exc.strerror})") from None
    if not text.strip():
        raise DecisionError(f"{path}: is empty; nothing to import")
    if path.suffix.lower() in (".jsonl", ".json") or text.lstrip().startswith("{"):
        rows = []
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except json.JSONDecodeError as exc:
                raise DecisionError(f"{path}: line {number} is not JSON ({exc.msg}); each line must be one "
                                    "decision object") from None
            if not isinstance(value, dict):
                raise DecisionError(f"{path}: line {number} is not a JSON object; each line must be one decision")
            rows.append((number, value))
        return "line", rows
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip() for h in reader.fieldnames or []]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise DecisionError(f"{path}: the header row lacks the column{'s' if len(missing) > 1 else ''} "
                            f"{', '.join(missing)}; the columns are {', '.join(COLUMNS)}")
    # A cell the exporter guarded against spreadsheet formulas (`csvcells`) reads back as it was.
    rows = [(number, {(k or "").strip(): unguarded(v) if isinstance(v, str) else v for k, v in row.items()})
            for number, row in enumerate(reader, 2)]
    return "row", rows


def check(workspace: Context, rows: list[tuple[int, dict[str, Any]]], store: DecisionStore | None,
          *, unit: str = "row") -> list[Decision]:
    """Return the rows as events, in order; DecisionError listing every invalid row when any is."""
    problems: list[str] = []
    events: list[Decision] = []
    seen: set[str] = set()
    retractable = {e.uid for e in store.events()} if store is not None else set()
    for number, row in rows:
        found: list[str] = []
        event = _event(workspace, row, found, seen, retractable)
        if found:
            problems += [f"{unit} {number}: {p}" for p in found]
        elif event is not None:
            events.append(event)
            seen.add(event.uid)
            if event.action != "retract":
                retractable.add(event.uid)
    if not rows:
        problems.append("no decisions in the file")
    if problems:
        bad = len({p.split(":")[0] for p in problems})
        raise DecisionError(f"{bad} of {len(rows)} {unit}s cannot be imported, so nothing was: " + "; ".join(problems))
    return events


def _text(row: dict[str, Any], key: str) -> str:
    value = row.get(key)
    if value is None:
        return ""
    return value.strip() if isinstance(value, str) else str(value)


def _event(workspace: Context, row: dict[str, Any], problems: list[str], seen: set[str],
           retractable: set[str]) -> Decision | None:
    from .. import __version__
    from .record import polarity_name

    for key in REQUIRED:
        if not _text(row, key):
            problems.append(f"{key} is empty")
    if problems:
        return None
    action = _text(row, "action").lower()
    if action not in DECISION_ACTIONS:
        problems.append(f"action {action!r} is not one of {', '.join(DECISION_ACTIONS)}")
    at = _time(_text(row, "at"), problems)
    given = bool(_text(row, "uid"))  # an exported event: restored as it was; else a new one, recorded now
    uid = _text(row, "uid").lower() or new_uid()
    if not _UID.match(uid):
        problems.append(f"uid {uid!r} is not 32 hex digits (leave it empty for a new decision)")
    elif uid in seen:
        problems.append(f"uid {uid} is used by an earlier decision of the file too")
    doc = workspace.corpus.documents.get(_text(row, "doc"))
    provision = None
    if doc is None:
        problems.append(f"doc {_text(row, 'doc')!r} is not a version of the corpus (use its full id, as in "
                        "`cow-compare list`)")
    else:
        provision = next((p for p in doc.provisions if p.label == _text(row, "label")), None)
        if provision is None:
            problems.append(f"{doc.id} has no provision {_text(row, 'label')!r}")
    tag = polarity = ""
    try:
        tag = workspace.tag_name(_text(row, "tag")) or ""
        polarity = polarity_name(workspace, tag, _text(row, "polarity")) or ""
    except InputError as exc:  # naming the valid tags or polarities
        problems.append(str(exc))
    fingerprint = _text(row, "fingerprint").lower() or (provision.fingerprint if provision is not None else "")
    if fingerprint and not _FINGERPRINT.match(fingerprint):
        problems.append(f"fingerprint {fingerprint!r} is not 12 hex digits (leave it empty for the provision's words now)")
    evidence: tuple[Evidence, ...] = ()
    raw = row.get("evidence")
    if isinstance(raw, list):
        raw = json.dumps(raw)
    raw = (raw or "").strip() if isinstance(raw, str) else ""
    if raw.startswith("["):
        try:
            evidence = evidence_from_json(raw)
        except ValueError as exc:
            problems.append(str(exc))
    elif raw and provision is not None:
        try:
            evidence = locate(provision, [part for part in raw.split("|") if part.strip()])
        except DecisionError as exc:
            problems.append(str(exc))
    retracts = _text(row, "retracts").lower()
    if action == "retract":
        if not retracts:
            problems.append("a retract row needs `retracts`: the uid of the event it withdraws")
        elif retracts not in retractable:
            problems.append(f"retracts {retracts!r}, which is neither in the store nor an earlier row")
    elif retracts:
        problems.append(f"only a retract row names an event in `retracts` (this one is {action})")
    if problems or provision is None:
        return None
    return Decision(0, uid, at, " ".join(_text(row, "analyst").split()), action, provision.doc,  # type: ignore[arg-type]
                    provision.label, fingerprint, tag, polarity, evidence, _text(row, "rule"),
                    _text(row, "ruleset"), _why(row, given), retracts, _text(row, "tool") if given else __version__)


def _why(row: dict[str, Any], given: bool) -> str:
    """An exported note exactly as it was; a new one with its spacing tidied, as `--why` is."""
    value = row.get("why")
    text = value if isinstance(value, str) else ""
    return text if given else " ".join(text.split())


def _time(value: str, problems: list[str]) -> str:
    if not value:
        return now()
    try:
        when = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        problems.append(f"at {value!r} is not an ISO 8601 time such as 2025-12-01T10:22:03Z")
        return ""
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def import_file(workspace: Context, path: Path) -> tuple[list[Decision], int]:
    """Check every row of the file, then record them in one transaction; return (recorded, already held)."""
    unit, rows = read_rows(path)
    store = workspace.decisions
    try:
        events = check(workspace, rows, store, unit=unit)
    except DecisionError as exc:
        raise DecisionError(f"{path}: {exc}") from None
    recorded = workspace.record(events)
    return recorded, len(events) - len(recorded)
