"""The decisions store: migrations, append-only events, the current view, many writers, a killed writer."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from cow_compare.decisions.record import new_uid, now
from cow_compare.decisions.store import APPLICATION_ID, MIGRATIONS, DecisionStore, default_store
from cow_compare.errors import StoreError
from cow_compare.model import Decision
from tests.conftest import PROPOSALS, ROOT

US28 = "us-28-2025-11-20"


def _event(action: str = "confirm", *, analyst: str = "alice", label: str = "8", polarity: str = "prohibits",
           at: str | None = None, retracts: str = "") -> Decision:
    return Decision(0, new_uid(), at or now(), analyst, action, US28, label, "b506cf81131d", "MNF-U",  # type: ignore[arg-type]
                    polarity, retracts=retracts)


def test_a_new_store_records_its_migrations_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "d.sqlite"
    with DecisionStore(path, write=True) as store:
        assert store.integrity() == "ok" and not store.has_events()
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert [r[0] for r in db.execute("SELECT name FROM migrations")] == [name for name, _ in MIGRATIONS]
    # Opening again applies nothing twice.
    DecisionStore(path, write=True).close()
    assert db.execute("SELECT count(*) FROM migrations").fetchone()[0] == len(MIGRATIONS)


def test_the_current_view_is_the_latest_event_not_retracted(tmp_path: Path) -> None:
    with DecisionStore(tmp_path / "d.sqlite", write=True) as store:
        first, = store.append([_event("confirm", at="2025-12-01T10:00:00.000000Z")])
        store.append([_event("reject", analyst="bob", at="2025-12-02T10:00:00.000000Z")])
        assert [(d.action, d.analyst) for d in store.current()] == [("reject", "bob")]
        assert sorted((d.action, d.analyst) for d in store.current(by_analyst=True)) == [
            ("confirm", "alice"), ("reject", "bob")]
        bob = store.current()[0]
        store.append([_event("retract", analyst="bob", retracts=bob.uid)])
        # Bob withdrew his call: Alice's earlier one is in force again, and the trail keeps all three.
        assert [(d.action, d.analyst, d.event) for d in store.current()] == [("confirm", "alice", first.event)]
        assert [d.action for d in store.events()] == ["confirm", "reject", "retract"]
        assert store.event(f"#{first.event}") == first and store.event(first.uid) == first


def test_events_are_never_updated_or_deleted(tmp_path: Path) -> None:
    path = tmp_path / "d.sqlite"
    with DecisionStore(path, write=True) as store:
        store.append([_event()])
    db = sqlite3.connect(path)
    for statement in ("UPDATE events SET analyst = 'mallory'", "DELETE FROM events"):
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            db.execute(statement)
    assert db.execute("SELECT analyst FROM events").fetchall() == [("alice",)]


def test_an_event_already_held_is_not_recorded_twice(tmp_path: Path) -> None:
    event = _event()
    with DecisionStore(tmp_path / "d.sqlite", write=True) as store:
        assert len(store.append([event])) == 1
        assert store.append([event]) == []
        assert len(store.events()) == 1


def test_a_retraction_must_name_an_event_of_the_store(tmp_path: Path) -> None:
    with DecisionStore(tmp_path / "d.sqlite", write=True) as store, pytest.raises(StoreError):
        store.append([_event("retract", retracts="0" * 32)])


def test_eight_writers_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "d.sqlite"
    writers = [subprocess.Popen([sys.executable, "-m", "tests.decision_writer", str(path), str(n), "1000", "50"],
                                cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for n in range(8)]
    for writer in writers:
        out, err = writer.communicate(timeout=120)
        assert writer.returncode == 0 and out == "done\n", err
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("SELECT count(*), count(DISTINCT uid) FROM events").fetchone() == (8000, 8000)
    per_writer = dict(db.execute("SELECT analyst, count(*) FROM events GROUP BY analyst").fetchall())
    assert per_writer == {f"writer-{n}": 1000 for n in range(8)}
    # Each writer's events are all there, each exactly once.
    for n in range(8):
        whys = {row[0] for row in db.execute("SELECT why FROM events WHERE analyst = ?", (f"writer-{n}",))}
        assert whys == {f"{n}/{k}" for k in range(1000)}


def test_a_writer_killed_mid_batch_leaves_the_store_consistent(tmp_path: Path) -> None:
    path = tmp_path / "d.sqlite"
    writer = subprocess.Popen([sys.executable, "-m", "tests.decision_writer", str(path), "0", "600", "200",
                               "--stall-after", "150"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True)
    assert writer.stdout is not None
    assert writer.stdout.readline() == "stalled\n"  # the second batch is 150 rows into its transaction
    writer.send_signal(signal.SIGKILL)
    writer.wait(timeout=30)
    assert writer.returncode == -signal.SIGKILL
    with DecisionStore(path, write=True) as store:
        assert store.integrity() == "ok"
        assert len(store.events()) == 200  # the first batch whole, nothing of the second
        assert len(store.append([_event()])) == 1
        assert len(store.events()) == 201


def test_a_file_that_is_not_a_decisions_store_is_refused(tmp_path: Path) -> None:
    text = tmp_path / "notes.sqlite"
    text.write_text("these are my notes, not a database\n" * 50, encoding="utf-8")
    with pytest.raises(StoreError, match="is not a cow-compare decisions store"):
        DecisionStore(text)
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE t (x)")
    for write in (False, True):
        with pytest.raises(StoreError, match="is an SQLite database but not a cow-compare decisions store"):
            DecisionStore(other, write=write)
    assert text.read_text(encoding="utf-8").startswith("these are my notes")


def test_a_store_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "d.sqlite"
    DecisionStore(path, write=True).close()
    db = sqlite3.connect(path)
    db.execute("INSERT INTO migrations (name, applied_at) VALUES ('0099-from-the-future', '2030-01-01')")
    db.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    db.commit()
    db.close()
    for write in (False, True):
        with pytest.raises(StoreError, match="made by a newer cow-compare"):
            DecisionStore(path, write=write)


def test_the_default_store_is_beside_a_corpus_but_never_in_the_shipped_one(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    mine = tmp_path / "my-corpus"
    assert default_store(mine, PROPOSALS) == mine / ".cow-compare-decisions.sqlite"
    assert default_store(PROPOSALS, PROPOSALS) == tmp_path / "data" / "cow-compare" / "decisions.sqlite"


def test_the_current_query_agrees_with_the_current_views(tmp_path: Path) -> None:
    import random

    rng = random.Random(3)
    events: list[Decision] = []
    for n in range(600):
        if events and rng.random() < 0.1:
            target = rng.choice([e for e in events if e.action != "retract"])
            events.append(_event("retract", analyst=rng.choice("ab"), retracts=target.uid))
            continue
        events.append(_event(rng.choice(["confirm", "reject", "add"]), analyst=rng.choice("abc"),
                             label=rng.choice(["1", "8", "9", "21.b"]), polarity=rng.choice(["prohibits", "limits"]),
                             at=f"2025-12-{1 + n % 3:02d}T10:00:00.{rng.randrange(1000):06d}Z"))
    path = tmp_path / "d.sqlite"
    with DecisionStore(path, write=True) as store:
        store.append(events)
        db = sqlite3.connect(path)
        for view, by_analyst in (("current", False), ("current_by_analyst", True)):
            from_view = sorted(row[0] for row in db.execute(f"SELECT id FROM {view}"))
            assert sorted(d.event for d in store.current(by_analyst=by_analyst)) == from_view
            assert 0 < len(from_view) < len(events)
        assert store.current([US28]) == store.current() and store.current(["eu-e3-2025-11-23"]) == []


def test_the_in_force_table_built_from_an_older_store_then_kept_by_triggers_matches_the_view(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Half the history is written by the schema before `in_force` (so the migration back-fills it),
    the rest through its triggers, in batches, out of time order, with retractions of events on both
    sides of the upgrade."""
    import random

    from cow_compare.decisions import store as module

    rng = random.Random(11)
    events: list[Decision] = []
    for _ in range(400):
        live = [e for e in events if e.action != "retract" and not any(r.retracts == e.uid for r in events)]
        if live and rng.random() < 0.15:
            events.append(_event("retract", analyst="a", retracts=rng.choice(live).uid))
            continue
        events.append(_event(rng.choice(["confirm", "reject", "add"]), analyst=rng.choice("ab"),
                             label=rng.choice(["1", "8", "9"]), polarity=rng.choice(["prohibits", "limits"]),
                             at=f"2025-12-0{1 + rng.randrange(3)}T10:00:00.{rng.randrange(1000):06d}Z"))
    path = tmp_path / "d.sqlite"
    monkeypatch.setattr(module, "MIGRATIONS", MIGRATIONS[:2])
    with DecisionStore(path, write=True) as old:
        old.append(events[:200])
    monkeypatch.setattr(module, "MIGRATIONS", MIGRATIONS)
    db = sqlite3.connect(path)
    with DecisionStore(path, write=True) as store:
        for at in range(200, 400, 37):
            store.append(events[at:at + 37])
            from_view = sorted(row[0] for row in db.execute("SELECT id FROM current"))
            assert sorted(d.event for d in store.current()) == from_view
        assert sorted(row[0] for row in db.execute("SELECT event FROM in_force")) == from_view
        assert any(e.action == "retract" for e in events[:200]) and any(e.action == "retract" for e in events[200:])


def test_an_older_store_is_upgraded_by_its_missing_migrations(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cow_compare.decisions import store as module

    path = tmp_path / "d.sqlite"
    monkeypatch.setattr(module, "MIGRATIONS", MIGRATIONS[:1])
    with DecisionStore(path, write=True) as old:
        old.append([_event()])
    monkeypatch.setattr(module, "MIGRATIONS", MIGRATIONS)
    with DecisionStore(path) as store:  # opened to read, a writable store is upgraded first
        assert len(store.current()) == 1
    db = sqlite3.connect(path)
    assert [r[0] for r in db.execute("SELECT name FROM migrations ORDER BY name")] == [n for n, _ in MIGRATIONS]
    assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)


def test_the_stores_state_token_changes_with_every_commit_and_not_with_reading(tmp_path: Path) -> None:
    from cow_compare.decisions.cache import store_token

    path = tmp_path / "d.sqlite"
    assert store_token(path) is None
    with DecisionStore(path, write=True) as store:
        store.append([_event()])
    before = store_token(path)
    with DecisionStore(path) as reader:  # a reader's connection makes and removes an empty WAL
        assert reader.current() and store_token(path) == before
    assert store_token(path) == before
    seen = {before}
    with DecisionStore(path, write=True) as store:
        for n in range(5):
            store.append([_event(label=str(n))])
            seen.add(store_token(path))
    seen.add(store_token(path))  # the last connection's checkpoint on closing
    assert len(seen) == 7
