"""Properties of the decisions store over generated histories: a slow, obvious reference for the
current view, and backups that restore exactly what they saved."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cow_compare import Workspace
from cow_compare.decisions.csvio import check, export, read_rows
from cow_compare.decisions.store import DecisionStore
from cow_compare.model import TAG_POLARITIES, Decision

US28 = "us-28-2025-11-20"
LABELS = {"8": "b506cf81131d", "9": "b8b444eecf0c", "21.b": "e9c9f1cb1283", "22": "dca1d80da539"}
KEYS = [(tag, polarity) for tag, polarities in TAG_POLARITIES.items() for polarity in polarities[:2]]


@st.composite
def histories(draw: st.DrawFn) -> list[Decision]:
    """Events as analysts make them: calls on a few provisions, changes of mind, some retractions.
    Times are drawn from a small range, so equal times (settled by uid) happen too."""
    events: list[Decision] = []
    for n in range(draw(st.integers(1, 40))):
        live = [e for e in events if e.action != "retract" and not any(r.retracts == e.uid for r in events)]
        at = f"2025-12-0{draw(st.integers(1, 3))}T10:00:0{draw(st.integers(0, 2))}.000000Z"
        uid = f"{n:04x}{draw(st.integers(0, 16**28 - 1)):028x}"
        analyst = draw(st.sampled_from(["alex", "lena", "sam"]))
        if live and draw(st.integers(0, 5)) == 0:
            target = draw(st.sampled_from(live))
            events.append(Decision(0, uid, at, analyst, "retract", target.doc, target.label, target.fingerprint,
                                   target.tag, target.polarity, retracts=target.uid))
            continue
        label = draw(st.sampled_from(sorted(LABELS)))
        tag, polarity = draw(st.sampled_from(KEYS))
        action = draw(st.sampled_from(["confirm", "reject", "add"]))
        events.append(Decision(0, uid, at, analyst, action, US28, label, LABELS[label], tag, polarity,  # type: ignore[arg-type]
                               why=draw(st.sampled_from(["", "plain ban", 'quoted "words", and commas', " spaced\tout "])),
                               ruleset="implications.v1"))
    return events


def reference_current(events: list[Decision], *, by_analyst: bool = False) -> set[str]:
    """The uids in force, worked out the slow, obvious way."""
    retracted = {e.retracts for e in events if e.action == "retract"}
    best: dict[tuple[str, ...], Decision] = {}
    for e in events:
        if e.action == "retract" or e.uid in retracted:
            continue
        key = (e.analyst if by_analyst else "", e.doc, e.label, e.tag, e.polarity)
        if key not in best or (e.at, e.uid) > (best[key].at, best[key].uid):
            best[key] = e
    return {e.uid for e in best.values()}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(events=histories())
def test_the_current_decisions_are_the_latest_not_retracted(events: list[Decision]) -> None:
    with tempfile.TemporaryDirectory() as folder, DecisionStore(Path(folder) / "d.sqlite", write=True) as store:
        store.append(events)
        for by_analyst in (False, True):
            assert {d.uid for d in store.current(by_analyst=by_analyst)} == reference_current(
                events, by_analyst=by_analyst)
            assert {d.uid for d in store.current([US28], by_analyst=by_analyst)} == reference_current(
                events, by_analyst=by_analyst)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(events=histories(), fmt=st.sampled_from(["csv", "jsonl"]))
def test_an_export_imports_back_to_the_same_events(workspace: Workspace, events: list[Decision], fmt: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        first, second = Path(folder) / "first.sqlite", Path(folder) / "second.sqlite"
        with DecisionStore(first, write=True) as store:
            store.append(events)
            saved = store.events()
        backup = Path(folder) / f"backup.{fmt}"
        backup.write_text(export(saved, fmt), encoding="utf-8")
        unit, rows = read_rows(backup)
        with DecisionStore(second, write=True) as store:
            store.append(check(workspace, rows, store, unit=unit))
            assert store.events() == saved
            assert store.current() == DecisionStore(first).current()
