"""The decisions store: one SQLite file per corpus, with append-only events and named migrations.

Where the file is: `location`. The file is SQLite in WAL mode: readers never wait for the
writer, and writers queue behind a busy timeout, so several analysts' processes can record at
once. Every write is one transaction (`BEGIN IMMEDIATE` ... `COMMIT`): a process killed half-way
leaves the events it had committed and nothing of the batch it was writing. Events are never
updated or deleted (triggers refuse it); `current` is a view over them, and `in_force` the same
rows kept as a table by triggers. The schema is built by named migrations, each applied in its own
transaction and recorded in `migrations`; `PRAGMA application_id` marks the file as a decisions
store and `PRAGMA user_version` holds the number of migrations applied, so a store made by a newer
version of the tool is refused instead of misread.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..errors import StoreError
from ..model import Decision, Evidence
from .location import STORE_ENV, STORE_NAME, chosen_store, default_store

__all__ = ["APPLICATION_ID", "MIGRATIONS", "STORE_ENV", "STORE_NAME", "DecisionStore", "chosen_store", "default_store"]

APPLICATION_ID = 0x436F5744
"""`PRAGMA application_id` of a decisions store ("CoWD")."""
BUSY_SECONDS = 60.0
"""How long a writer waits for another's transaction before giving up."""

MIGRATIONS: list[tuple[str, tuple[str, ...]]] = [
    ("0001-events", (
        """CREATE TABLE events (
            id          INTEGER PRIMARY KEY,
            uid         TEXT NOT NULL UNIQUE,
            at          TEXT NOT NULL,
            analyst     TEXT NOT NULL CHECK (analyst <> ''),
            action      TEXT NOT NULL CHECK (action IN ('confirm', 'reject', 'add', 'retract')),
            doc         TEXT NOT NULL,
            label       TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            tag         TEXT NOT NULL,
            polarity    TEXT NOT NULL,
            evidence    TEXT NOT NULL DEFAULT '[]',
            rule        TEXT NOT NULL DEFAULT '',
            ruleset     TEXT NOT NULL DEFAULT '',
            why         TEXT NOT NULL DEFAULT '',
            retracts    TEXT REFERENCES events (uid),
            tool        TEXT NOT NULL DEFAULT '',
            CHECK ((action = 'retract') = (retracts IS NOT NULL))
        )""",
        "CREATE INDEX events_provision ON events (doc, label)",
        "CREATE INDEX events_retracts ON events (retracts) WHERE retracts IS NOT NULL",
        """CREATE TRIGGER events_are_never_updated BEFORE UPDATE ON events
           BEGIN SELECT RAISE(ABORT, 'decision events are append-only: record a new event instead'); END""",
        """CREATE TRIGGER events_are_never_deleted BEFORE DELETE ON events
           BEGIN SELECT RAISE(ABORT, 'decision events are append-only: retract an event instead'); END""",
        # The decision in force on each provision's tag and polarity: the latest event not retracted.
        """CREATE VIEW current AS
           SELECT * FROM (
               SELECT e.*, row_number() OVER (PARTITION BY doc, label, tag, polarity
                                              ORDER BY at DESC, uid DESC) AS newest
               FROM events AS e
               WHERE action <> 'retract'
                 AND NOT EXISTS (SELECT 1 FROM events AS r WHERE r.retracts = e.uid))
           WHERE newest = 1""",
        # The same, analyst by analyst: what each of them last said (for agreement and `list --analyst`).
        """CREATE VIEW current_by_analyst AS
           SELECT * FROM (
               SELECT e.*, row_number() OVER (PARTITION BY analyst, doc, label, tag, polarity
                                              ORDER BY at DESC, uid DESC) AS newest
               FROM events AS e
               WHERE action <> 'retract'
                 AND NOT EXISTS (SELECT 1 FROM events AS r WHERE r.retracts = e.uid))
           WHERE newest = 1""",
    )),
    # What `DecisionStore.current` reads: each provision's events on one tag and polarity, newest last,
    # without touching the table (10,000 events: 1.5 ms for a version instead of 4).
    ("0002-current-index", (
        "CREATE INDEX events_current ON events (doc, label, tag, polarity, at, uid, action)",
    )),
    # The `current` view kept as a table, by triggers in the transaction that appends each event,
    # so a process that finds the store changed reads a version's decisions in force from a few
    # pages (10,000 events: under a millisecond cold, against 3 to 7 for ranking the events_current
    # index). It is derived data, like the view, and rebuilt from the events here: the events stay
    # the record, never updated; a test holds the table to the view after every history Hypothesis makes.
    ("0003-in-force", (
        """CREATE TABLE in_force (
            doc TEXT NOT NULL, label TEXT NOT NULL, tag TEXT NOT NULL, polarity TEXT NOT NULL,
            event INTEGER NOT NULL REFERENCES events (id),
            PRIMARY KEY (doc, label, tag, polarity)
        ) WITHOUT ROWID""",
        "INSERT INTO in_force (doc, label, tag, polarity, event) SELECT doc, label, tag, polarity, id FROM current",
        # A decision (not itself retracted already) takes its provision's tag and polarity unless a
        # newer one holds it: `at || uid` orders as (at, uid) do, as in the view, since times have one width.
        """CREATE TRIGGER in_force_on_decision AFTER INSERT ON events
           WHEN NEW.action <> 'retract' AND NOT EXISTS (SELECT 1 FROM events AS r WHERE r.retracts = NEW.uid)
           BEGIN
               INSERT INTO in_force (doc, label, tag, polarity, event)
               VALUES (NEW.doc, NEW.label, NEW.tag, NEW.polarity, NEW.id)
               ON CONFLICT (doc, label, tag, polarity) DO UPDATE SET event = excluded.event
               WHERE (SELECT at || uid FROM events WHERE id = in_force.event) < NEW.at || NEW.uid;
           END""",
        # A retraction frees its event's place, which falls to the newest decision left standing there.
        """CREATE TRIGGER in_force_on_retraction AFTER INSERT ON events
           WHEN NEW.action = 'retract'
           BEGIN
               DELETE FROM in_force WHERE event = (SELECT id FROM events WHERE uid = NEW.retracts);
               INSERT OR IGNORE INTO in_force (doc, label, tag, polarity, event)
               SELECT e.doc, e.label, e.tag, e.polarity, e.id FROM events AS e, events AS gone
               WHERE gone.uid = NEW.retracts AND e.doc = gone.doc AND e.label = gone.label
                 AND e.tag = gone.tag AND e.polarity = gone.polarity AND e.action <> 'retract'
                 AND NOT EXISTS (SELECT 1 FROM events AS r WHERE r.retracts = e.uid)
               ORDER BY e.at DESC, e.uid DESC LIMIT 1;
           END""",
    )),
]
"""Named migrations in the order they apply; a released one is never edited, only followed by another."""

_COLUMNS = ("id", "uid", "at", "analyst", "action", "doc", "label", "fingerprint", "tag", "polarity", "evidence",
            "rule", "ruleset", "why", "retracts", "tool")
_SELECT = ", ".join(_COLUMNS)


def decision_row(d: Decision) -> tuple[object, ...]:
    """The values of an event's row, in `_COLUMNS` order after `id`."""
    return (d.uid, d.at, d.analyst, d.action, d.doc, d.label, d.fingerprint, d.tag, d.polarity,
            evidence_json(d.evidence), d.rule, d.ruleset, d.why, d.retracts or None, d.tool)


def evidence_json(evidence: Iterable[Evidence]) -> str:
    """Evidence as stored and exported: `[[start, end, "words"], ...]`."""
    return json.dumps([[e.start, e.end, e.text] for e in evidence], ensure_ascii=False)


def evidence_from_json(text: str) -> tuple[Evidence, ...]:
    """The inverse of evidence_json; ValueError when the text is not such a list."""
    data = json.loads(text or "[]")
    if not isinstance(data, list) or not all(
        isinstance(e, list) and len(e) == 3 and isinstance(e[0], int) and isinstance(e[1], int)
        and isinstance(e[2], str) and 0 <= e[0] <= e[1] for e in data
    ):
        raise ValueError('evidence must be a JSON list of [start, end, "words"]')
    return tuple(Evidence(s, e, w) for s, e, w in data)


def _decision(row: tuple[Any, ...]) -> Decision:
    """An event from its row; the columns are the store's own, so they are not checked again here."""
    (event, uid, at, analyst, action, doc, label, fingerprint, tag, polarity, evidence, rule, ruleset, why,
     retracts, tool) = row
    try:
        spans = () if evidence == "[]" else tuple(Evidence(s, e, w) for s, e, w in json.loads(evidence))
    except (ValueError, TypeError):
        spans = ()  # evidence is only shown; a damaged cell must not hide the decision itself
    return Decision(event, uid, at, analyst, action, doc, label, fingerprint, tag, polarity, spans, rule,
                    ruleset, why, retracts or "", tool)


class DecisionStore:
    """An open decisions store. Reads see the last committed state; `append` writes one transaction."""

    def __init__(self, path: Path, *, write: bool = False) -> None:
        """Open (and with `write`, create or upgrade) the store at `path`; StoreError when it cannot be."""
        self.path = path
        self.writable = write
        self._db, self._can_write = _connect(path, write=write)
        self._ready = False
        try:
            self._check_and_migrate(write)
        except BaseException:
            self._db.close()
            raise

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> DecisionStore:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # --- opening -----------------------------------------------------------------------------

    def _check_and_migrate(self, write: bool) -> None:
        db = self._db
        with self._translated("read"):
            known = self._identify()
        if known is None and not write:
            return  # an empty file: a store with no decisions yet, made on the first write
        # user_version counts the migrations applied, in the transaction that applied the last one.
        outdated = known != len(MIGRATIONS)
        self._ready = not outdated
        if write or (outdated and self._can_write):
            with self._translated("write"):
                if db.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                    db.execute("PRAGMA journal_mode = WAL")
            with self._transaction():
                self._identify()  # again, now that no one else can be creating it
                db.execute(f"PRAGMA application_id = {APPLICATION_ID:d}")
                db.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL,"
                           " tool TEXT NOT NULL DEFAULT '')")
            for name, statements in MIGRATIONS:
                self._migrate(name, statements)
        elif outdated:
            raise StoreError(f"{self.path}: this decisions store needs upgrading to schema {len(MIGRATIONS)} and "
                             "is read-only; make it writable, or read a writable copy")

    def _identify(self) -> int | None:
        """The schema version of a decisions store; None for an empty file; StoreError for anything else."""
        db = self._db
        # One statement, so one snapshot: read apart, another process could create the store in between.
        application, version, tables = db.execute(
            "SELECT (SELECT application_id FROM pragma_application_id), (SELECT user_version FROM pragma_user_version),"
            " (SELECT count(*) FROM sqlite_master)").fetchone()
        if application != APPLICATION_ID:
            if application == 0 and tables == 0:
                return None
            raise StoreError(f"{self.path}: is an SQLite database but not a cow-compare decisions store; "
                             "give --store a decisions store, or a new file name")
        if version > len(MIGRATIONS) or set(self._applied()) - {name for name, _ in MIGRATIONS}:
            raise StoreError(f"{self.path}: this decisions store was made by a newer cow-compare (schema {version}; "
                             f"this version knows {len(MIGRATIONS)}); upgrade cow-compare to use it")
        return int(version)

    def _applied(self) -> list[str]:
        try:
            return [row[0] for row in self._db.execute("SELECT name FROM migrations ORDER BY name")]
        except sqlite3.OperationalError:
            return []

    def _has_schema(self) -> bool:
        """Whether the events table exists (an empty file read before any write has none)."""
        if not self._ready:
            with self._translated("read"):
                self._ready = self._applied() == [name for name, _ in MIGRATIONS]
        return self._ready

    def _migrate(self, name: str, statements: tuple[str, ...]) -> None:
        from .. import __version__

        with self._transaction():
            if self._db.execute("SELECT 1 FROM migrations WHERE name = ?", (name,)).fetchone():
                return
            for statement in statements:
                self._db.execute(statement)
            self._db.execute("INSERT INTO migrations (name, applied_at, tool) VALUES (?, strftime('%Y-%m-%dT%H:%M:%fZ'), ?)",
                             (name, __version__))
            done = self._db.execute("SELECT count(*) FROM migrations").fetchone()[0]
            self._db.execute(f"PRAGMA user_version = {int(done):d}")

    # --- transactions and errors ----------------------------------------------------------------

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        with self._translated("write"):
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    @contextmanager
    def _translated(self, doing: str) -> Iterator[None]:
        try:
            yield
        except sqlite3.DatabaseError as exc:
            raise _store_error(self.path, exc, doing) from None

    # --- reading -------------------------------------------------------------------------------

    def has_events(self) -> bool:
        """Whether any decision was ever recorded."""
        if not self._has_schema():
            return False
        with self._translated("read"):
            return self._db.execute("SELECT 1 FROM events LIMIT 1").fetchone() is not None

    def events(self, docs: Collection[str] | None = None) -> list[Decision]:
        """Every event (retractions included), in the order they were recorded; only these versions' if given."""
        return self._select(f"SELECT {_SELECT} FROM events", docs, "id")

    def current(self, docs: Collection[str] | None = None, *, by_analyst: bool = False) -> list[Decision]:
        """The decision in force on each provision's tag and polarity (each analyst's own, with `by_analyst`).

        The same rows as the `current` (`current_by_analyst`) view (a test checks it), computed for the
        chosen versions only: the view ranks every event of the store, which for one version of a
        10,000-event store takes five times as long. Without `by_analyst` they come from the
        `in_force` table the triggers keep.
        """
        if not self._has_schema():
            return []
        args: list[str] = []
        if docs is not None:
            args = sorted(set(docs))
            if not args:
                return []
        if not by_analyst:
            where = f" WHERE f.doc IN ({', '.join('?' * len(args))})" if docs is not None else ""
            with self._translated("read"):
                found = [_decision(row) for row in self._db.execute(
                    f"SELECT {', '.join('e.' + c for c in _COLUMNS)} FROM in_force AS f "
                    f"JOIN events AS e ON e.id = f.event{where}", args)]
            return sorted(found, key=lambda d: (d.doc, d.label, d.tag, d.polarity, d.analyst))
        keys = ("analyst", "doc", "label", "tag", "polarity")
        where = f"doc IN ({', '.join('?' * len(args))}) AND " if docs is not None else ""
        # The newest event of each group, retracted or not: SQLite takes a bare column of a max()
        # aggregate from the row holding the maximum, and `at || uid` orders as (at, uid) do (times
        # have one width). It reads the events_current index alone.
        newest = (f"SELECT {_SELECT} FROM events WHERE id IN (SELECT id FROM (SELECT id, max(at || uid) FROM events "
                  f"WHERE {where}action <> 'retract' GROUP BY {', '.join(keys)}))")
        with self._translated("read"):
            retracted = {row[0] for row in self._db.execute("SELECT retracts FROM events WHERE retracts IS NOT NULL")}
            found = [_decision(row) for row in self._db.execute(newest, args)]
            # A group whose newest event was retracted falls back on its newest event that was not.
            out = [d for d in found if d.uid not in retracted]
            for d in found:
                if d.uid in retracted:
                    values = [getattr(d, key) for key in keys]
                    for row in self._db.execute(
                            f"SELECT {_SELECT} FROM events WHERE {' AND '.join(f'{k} = ?' for k in keys)} "
                            "AND action <> 'retract' ORDER BY at DESC, uid DESC", values):
                        if row[1] not in retracted:
                            out.append(_decision(row))
                            break
        return sorted(out, key=lambda d: (d.doc, d.label, d.tag, d.polarity, d.analyst))

    def docs(self) -> list[str]:
        """The versions any event is about."""
        if not self._has_schema():
            return []
        with self._translated("read"):
            return [row[0] for row in self._db.execute("SELECT DISTINCT doc FROM events ORDER BY doc")]

    def _select(self, query: str, docs: Collection[str] | None, order: str) -> list[Decision]:
        if not self._has_schema():
            return []
        args: list[str] = []
        if docs is not None:
            args = sorted(set(docs))
            if not args:
                return []
            query += f" WHERE doc IN ({', '.join('?' * len(args))})"
        with self._translated("read"):
            return [_decision(row) for row in self._db.execute(f"{query} ORDER BY {order}", args)]

    def event(self, ref: str) -> Decision | None:
        """The event with this number (`12`, `#12`) or uid; None when there is none."""
        ref = ref.strip().lstrip("#")
        if not self._has_schema():
            return None
        with self._translated("read"):
            if ref.isdigit():
                row = self._db.execute(f"SELECT {_SELECT} FROM events WHERE id = ?", (int(ref),)).fetchone()
            else:
                row = self._db.execute(f"SELECT {_SELECT} FROM events WHERE uid = ?", (ref.lower(),)).fetchone()
        return _decision(row) if row is not None else None

    def retraction_of(self, uid: str) -> Decision | None:
        """The event that retracted the event `uid`, if any."""
        with self._translated("read"):
            row = self._db.execute(f"SELECT {_SELECT} FROM events WHERE retracts = ? ORDER BY id LIMIT 1",
                                   (uid,)).fetchone()
        return _decision(row) if row is not None else None

    def known_uids(self, uids: Collection[str]) -> set[str]:
        """Which of these uids the store already holds."""
        found: set[str] = set()
        if not self._has_schema():
            return found
        items = list(uids)
        with self._translated("read"):
            for at in range(0, len(items), 500):
                chunk = items[at:at + 500]
                found.update(row[0] for row in self._db.execute(
                    f"SELECT uid FROM events WHERE uid IN ({', '.join('?' * len(chunk))})", chunk))
        return found

    def integrity(self) -> str:
        """`PRAGMA integrity_check`: "ok" for a sound file."""
        with self._translated("read"):
            return str(self._db.execute("PRAGMA integrity_check").fetchone()[0])

    # --- writing -------------------------------------------------------------------------------

    def append(self, decisions: Iterable[Decision]) -> list[Decision]:
        """Record the events in one transaction, numbered in order; an event whose uid the store
        already holds is skipped (importing a backup twice changes nothing). Returns those recorded."""
        if not self.writable:
            raise StoreError(f"{self.path}: opened for reading; open it for writing to record decisions")
        recorded = []
        placeholders = ", ".join("?" * (len(_COLUMNS) - 1))
        with self._transaction():
            for d in decisions:
                cursor = self._db.execute(
                    f"INSERT OR IGNORE INTO events ({', '.join(_COLUMNS[1:])}) VALUES ({placeholders})",
                    decision_row(d))
                if cursor.rowcount == 1 and cursor.lastrowid is not None:
                    recorded.append(_with_number(d, cursor.lastrowid))
        return recorded


def _with_number(d: Decision, number: int) -> Decision:
    from dataclasses import replace

    return replace(d, event=number)


def _connect(path: Path, *, write: bool) -> tuple[sqlite3.Connection, bool]:
    """A connection to the store, and whether it may write."""
    if path.is_dir():
        raise StoreError(f"{path}: is a folder; give --store the path of a decisions file, such as {path / 'decisions.sqlite'}")
    if write:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"{path.parent}: cannot create the decisions store's folder ({exc.strerror}); "
                             "give --store a path in a writable folder") from None
        if path.exists() and not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
            raise StoreError(f"{path}: the decisions store is read-only; make it writable, or record with "
                             "--store pointing at a writable copy")
        target, uri = str(path), False
    elif path.exists() and os.access(path, os.W_OK) and os.access(path.parent, os.W_OK):
        target, uri = str(path), False
    else:
        return _read_only(path), False
    try:
        db = sqlite3.connect(target, timeout=BUSY_SECONDS, isolation_level=None, uri=uri, check_same_thread=False)
    except sqlite3.Error as exc:
        raise _store_error(path, exc, "write" if write else "read") from None
    try:
        db.execute("PRAGMA foreign_keys = ON")
        # FULL: a committed decision survives a power cut as well as a killed process.
        db.execute("PRAGMA synchronous = FULL")
    except sqlite3.Error as exc:
        db.close()
        raise _store_error(path, exc, "read") from None
    return db, True


def _read_only(path: Path) -> sqlite3.Connection:
    """A store this process cannot write is still read: read-only, or, when SQLite cannot set up WAL
    reading in a folder it cannot write either, as an immutable file (no one can be writing it then
    but its owner, whose uncheckpointed last writes it would not see)."""
    base = path.resolve().as_uri()
    last: sqlite3.Error | None = None
    for query in ("mode=ro", "mode=ro&immutable=1"):
        try:
            db = sqlite3.connect(f"{base}?{query}", timeout=BUSY_SECONDS, isolation_level=None, uri=True,
                                 check_same_thread=False)
        except sqlite3.Error as exc:
            last = exc
            continue
        try:
            db.execute("PRAGMA application_id").fetchone()
            return db
        except sqlite3.OperationalError as exc:
            db.close()
            last = exc
        except sqlite3.DatabaseError as exc:
            db.close()
            raise _store_error(path, exc, "read") from None
    assert last is not None
    raise _store_error(path, last, "read") from None


def _store_error(path: Path, exc: sqlite3.Error, doing: str) -> StoreError:
    message = str(exc)
    if "readonly" in message or "read-only" in message:
        return StoreError(f"{path}: the decisions store is read-only; make it writable, or record with --store "
                          "pointing at a writable copy")
    if "not a database" in message or "malformed" in message or "encrypted" in message:
        return StoreError(f"{path}: is not a cow-compare decisions store ({message}); give --store a decisions "
                          "store, or a new file name")
    if "locked" in message or "busy" in message:
        return StoreError(f"{path}: the decisions store stayed busy for {BUSY_SECONDS:g} s ({message}); try again")
    if "unable to open" in message:
        return StoreError(f"{path}: cannot open the decisions store to {doing} ({message}); check the path and "
                          "its folder's permissions")
    return StoreError(f"{path}: cannot {doing} the decisions store ({message})")
