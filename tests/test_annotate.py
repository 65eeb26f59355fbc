"""`cow-compare annotate` as an analyst runs it, and decisions in `tag`, `show`, `diff`, `history` and reports."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from cow_compare.cli import DECISION_STATES, annotate_app, app
from cow_compare.model import DECISION_STATES as MODEL_STATES
from cow_compare.render.json_format import schema
from cow_compare.tags import DEFAULT_RULESET
from tests.conftest import ROOT, run_cli
from tests.test_cli import _one_line_error


@pytest.fixture()
def store(tmp_path: Path) -> Path:
    return tmp_path / "decisions.sqlite"


def cli(runner: CliRunner, *args: str, ok: tuple[int, ...] = (0,)) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code in ok, (args, result.output, result.stderr)
    return result.stdout


def record(runner: CliRunner, store: Path, *args: str, analyst: str = "alice") -> str:
    return cli(runner, "annotate", *args, "--analyst", analyst, "--store", str(store))


def _tags(payload: dict[str, object], label: str) -> list[dict[str, object]]:
    provisions = payload["provisions"]
    assert isinstance(provisions, list)
    return next(p["tags"] for p in provisions if p["label"] == label)


def test_the_cli_lists_the_models_decision_states() -> None:
    assert DECISION_STATES == MODEL_STATES


def test_confirm_reject_and_add_show_in_tag_output(runner: CliRunner, store: Path) -> None:
    out = record(runner, store, "confirm", "us-28:8", "mnf-u", "--why", "a plain ban on NATO troops")
    assert re.match(r"#1 alice confirmed us-28-2025-11-20:8 MNF-U prohibits \(rule implications\.v\d+:mnfu\.deploy\)$",
                    out.strip())
    record(runner, store, "reject", "us-28:21.b", "territory", "freezes", analyst="bob")
    out = record(runner, store, "add", "us-28:9", "MNF-U", "requires", "--evidence", "fighter jets",
                 "--evidence", "in Poland")
    assert out.strip().endswith("MNF-U requires evidence: fighter jets; in Poland")

    text = cli(runner, "tag", "us-28", "--store", str(store), "--no-colour")
    assert re.search(r"^8 .*\n +MNF-U prohibits \(confirmed by alice \d{4}-\d\d-\d\d\)$", text, re.M)
    assert re.search(r"^21\.b .*\n +\[-territory freezes-\] \(rejected by bob \d{4}-\d\d-\d\d\)$", text, re.M)
    assert re.search(r"^9 .*\n +MNF-U adjacent, MNF-U requires \(added by alice \d{4}-\d\d-\d\d\)$", text, re.M)
    # Point 21 summarises its sub-items: the rejected freeze no longer shows there.
    point = text.split("\n21 ", 1)[1].split("\n21.a ", 1)[0]
    assert "territory recognizes (via 21.a, 21.d)" in point and "freezes" not in point
    # Counts: 21.b's only tag is rejected, so it is no longer a tagged provision.
    assert "9 of 52 provisions tagged · MNF-U 2 · DMZ 2 · territory 6" in text.splitlines()[1]

    explained = cli(runner, "tag", "us-28", "--explain", "--tag", "MNF-U", "--store", str(store), "--no-colour")
    assert re.search(r"MNF-U requires  \(added by alice [\d-]+\)\n +European «fighter jets» will be based «in Poland»\.",
                     explained)
    assert re.search(r"\(implications\.v\d+:mnfu\.deploy, confidence 1\.00; confirmed by alice", explained)

    payload = json.loads(cli(runner, "tag", "us-28", "--format", "json", "--store", str(store)))
    jsonschema.validate(payload, schema("tags"))
    confirmed, = _tags(payload, "8")
    assert (confirmed["state"], confirmed["decided_by"], confirmed["source"], confirmed["counts"]) == (
        "confirmed", "alice", "rule", True)
    assert confirmed["why"] == "a plain ban on NATO troops" and confirmed["event"] == 1
    rejected, = _tags(payload, "21.b")
    assert (rejected["state"], rejected["counts"], rejected["decided_by"]) == ("rejected", False, "bob")
    added = [t for t in _tags(payload, "9") if t["polarity"] == "requires"][0]
    assert (added["source"], added["state"], added["rule"]) == ("analyst", "added", "")
    text9 = next(p["text"] for p in payload["provisions"] if p["label"] == "9")
    assert [text9[e["start"]:e["end"]] for e in added["evidence"]] == ["fighter jets", "in Poland"]
    # The summary counts polarities: the added MNF-U requires is in, the rejected territory freezes out.
    assert payload["summary"]["MNF-U"] == {"adjacent": 1, "prohibits": 1, "requires": 1}
    assert "freezes" not in payload["summary"]["territory"]

    shown = json.loads(cli(runner, "show", "us-28", "--tags", "--format", "json", "--store", str(store)))
    jsonschema.validate(shown, schema("document"))
    assert "[-territory freezes-] (rejected by bob" in cli(runner, "show", "us-28", "--tags", "--store", str(store))

    # The analyst's tags are in the CSV and Markdown too.
    rows = cli(runner, "tag", "us-28", "--format", "csv", "--store", str(store)).splitlines()
    assert rows[0].endswith(",source,state,decided_by,decided_at,inherited_from")
    assert any(r.startswith("us-28-2025-11-20,9,MNF-U,requires,") and ",analyst,added,alice," in r for r in rows)
    assert "| 21.b | territory | ~~freezes~~ (rejected by bob" in cli(
        runner, "tag", "us-28", "--format", "markdown", "--store", str(store))


def test_without_decisions_every_output_keeps_its_bytes(runner: CliRunner, store: Path) -> None:
    plain = {fmt: cli(runner, "tag", "us-28", "--format", fmt) for fmt in ("json", "text", "markdown")}
    diff = cli(runner, "diff", "us-28", "eu-e3", "--format", "json", ok=(1,))
    # A store that exists but holds no decision for these versions changes nothing.
    record(runner, store, "confirm", "eu-berlin:p2", "MNF-U")
    for fmt, before in plain.items():
        assert cli(runner, "tag", "us-28", "--format", fmt, "--store", str(store)) == before, fmt
    assert cli(runner, "diff", "us-28", "eu-e3", "--format", "json", "--store", str(store), ok=(1,)) == diff


def test_a_rejected_tag_leaves_filters_and_shifts_and_an_added_one_joins_them(runner: CliRunner, store: Path) -> None:
    assert "\n8 " in cli(runner, "diff", "us-28", "eu-e3", "--tag", "MNF-U", "--only", "modified", ok=(1,)).replace(
        "MODIFIED  8 -> 8", "\n8 ")
    record(runner, store, "reject", "us-28:8", "MNF-U", "prohibits")
    record(runner, store, "reject", "eu-e3:8", "MNF-U", "limits")
    record(runner, store, "add", "us-28:3", "MNF-U", "prohibits", "--evidence", "NATO")
    diff = cli(runner, "diff", "us-28", "eu-e3", "--tag", "MNF-U", "--store", str(store), ok=(1,))
    assert "8 -> 8" not in diff  # neither side of point 8 carries MNF-U any more
    assert "DELETED  3 -> 3" in diff  # the analyst's tag puts point 3 in the MNF-U view
    full = cli(runner, "diff", "us-28", "eu-e3", "--only", "modified", "--store", str(store), ok=(1,))
    point8 = full.split("MODIFIED  8 -> 8", 1)[1].split("\nMODIFIED", 1)[0]
    assert "MNF-U: prohibits -> limits" not in point8
    assert "tags: [-MNF-U prohibits-] (rejected by alice" in point8
    tagged = cli(runner, "tag", "us-28", "--tag", "MNF-U", "--store", str(store))
    assert "\n8 " not in tagged and "\n3 " in tagged


def test_decisions_follow_their_provision_to_later_versions(runner: CliRunner, store: Path) -> None:
    record(runner, store, "confirm", "us-28:22", "territory", "non-force", "--why", "no change by force")
    record(runner, store, "confirm", "us-28:8", "MNF-U")
    record(runner, store, "reject", "us-28:21.a", "territory", analyst="bob")
    record(runner, store, "confirm", "us-28:19", "territory", "shared-control")
    record(runner, store, "add", "us-28:5", "MNF-U", "requires", "--evidence", "security guarantees")

    e3 = json.loads(cli(runner, "tag", "eu-e3", "--format", "json", "--store", str(store)))
    jsonschema.validate(e3, schema("tags"))
    inherited, = _tags(e3, "22")  # identical
    assert (inherited["state"], inherited["inherited_from"], inherited["decided_by"], inherited["source"]) == (
        "inherited", "us-28-2025-11-20:22", "alice", "rule")
    reworded = _tags(e3, "5")  # reworded: the analyst's tag comes along, applied
    assert [(t["state"], t["source"], t["counts"], t["carried_through"]) for t in reworded] == [
        ("inherited", "inherited", True, "reworded")]
    pending = {t["polarity"]: t for t in _tags(e3, "8")}  # modified: shown, not applied
    assert pending["prohibits"]["state"] == "needs-review" and pending["prohibits"]["counts"] is False
    assert "state" not in pending["limits"]
    assert e3["summary"]["MNF-U"] == {"adjacent": 1, "limits": 1, "requires": 1}
    # 21.a was deleted by the E3: nothing is carried across a struck slot.
    assert all("state" not in t for p in e3["provisions"] for t in p["tags"] if p["label"].startswith("21"))

    # Through the Geneva draft (which does not report these points) to the 20-point plan.
    ua = json.loads(cli(runner, "tag", "ua-20", "--format", "json", "--store", str(store)))
    renumbered, = _tags(ua, "15")
    assert (renumbered["state"], renumbered["inherited_from"]) == ("inherited", "us-28-2025-11-20:22")
    parts = {label: [t for t in _tags(ua, label) if t.get("state")] for label in ("12", "12.option-a", "12.option-b")}
    assert {label: [(t["polarity"], t["state"], t["carried_through"]) for t in tags] for label, tags in parts.items()} == {
        label: [("shared-control", "needs-review", "split")] for label in parts}

    text = cli(runner, "diff", "us-28", "eu-e3", "--context", "--store", str(store), ok=(1,))
    assert re.search(r"IDENTICAL  22 -> 22 .*\n.*\n    tags: territory non-force \(confirmed by alice [\d-]+\) -> "
                     r"territory non-force \(inherited from us-28-2025-11-20:22, confirmed by alice [\d-]+\)", text)

    todo = cli(runner, "annotate", "list", "--state", "needs-review", "--store", str(store))
    assert "eu-e3-2025-11-23:8 " in todo and "ua-20-2025-12-23:12.option-b" in todo
    assert "us-28-2025-11-20:8 " not in todo
    listed = json.loads(cli(runner, "annotate", "list", "ua-20", "--format", "json", "--store", str(store)))
    jsonschema.validate(listed, schema("decisions"))
    assert {(d["provision"], d["state"]) for d in listed["decisions"]} == {
        ("ua-20-2025-12-23:3", "inherited"), ("ua-20-2025-12-23:15", "inherited"),
        ("ua-20-2025-12-23:12", "needs-review"), ("ua-20-2025-12-23:12.option-a", "needs-review"),
        ("ua-20-2025-12-23:12.option-b", "needs-review")}

    # Deciding on the later version resolves what needed review there.
    record(runner, store, "reject", "eu-e3:8", "MNF-U", "prohibits", "--why", "the E3 narrowed the ban")
    todo = cli(runner, "annotate", "list", "eu-e3", "--state", "needs-review", "--store", str(store))
    assert "eu-e3-2025-11-23:8 " not in todo and "eu-e3-2025-11-23:9" not in todo


def test_history_and_log_show_the_decisions_at_each_step(runner: CliRunner, store: Path) -> None:
    record(runner, store, "confirm", "us-28:8", "MNF-U", "--why", "plain ban")
    record(runner, store, "reject", "eu-e3:8", "MNF-U", "limits", analyst="bob")
    record(runner, store, "retract", "1")
    record(runner, store, "confirm", "us-28:8", "MNF-U", "prohibits", analyst="carol")
    history = cli(runner, "history", "us-28:8", "--store", str(store))
    start = history.split("us-28-2025-11-20 (2025-11-20)", 1)[1].split("\n\n", 1)[0]
    assert re.search(r"decision: MNF-U prohibits \(confirmed by carol [\d-]+; event #4\)", start)
    e3 = history.split("eu-e3-2025-11-23 (2025-11-23)", 1)[1].split("\n\n", 1)[0]
    assert re.search(r"decision: \[-MNF-U limits-\] \(rejected by bob [\d-]+; event #2\)", e3)
    assert "needs review: confirmed by carol" in e3
    payload = json.loads(cli(runner, "history", "us-28:8", "--format", "json", "--store", str(store)))
    jsonschema.validate(payload, schema("history"))
    assert [d["state"] for s in payload["steps"] for d in s["decisions"]] == ["confirmed", "rejected", "needs-review"]

    log = cli(runner, "annotate", "log", "us-28:8", "--store", str(store))
    assert re.search(r"#1 .* alice  confirm MNF-U prohibits  \(retracted by #3; rule implications\.v\d+:mnfu\.deploy; "
                     r"why: plain ban\)", log)
    assert re.search(r"#3 .* alice  retract #1 \(MNF-U prohibits\)", log)
    assert re.search(r"eu-e3-2025-11-23  8  \[modified from us-28-2025-11-20:8\]\n    #2 .* bob  reject MNF-U limits", log)
    logged = json.loads(cli(runner, "annotate", "log", "eu-e3:8", "--format", "json", "--store", str(store)))
    jsonschema.validate(logged, schema("decision-log"))
    assert [e["event"] for v in logged["versions"] for e in v["events"]] == [1, 3, 4, 2]


def test_retract_withdraws_a_decision_and_keeps_the_trail(runner: CliRunner, store: Path) -> None:
    record(runner, store, "reject", "us-28:8", "MNF-U")
    assert "#2 alice retracted the event" in record(runner, store, "retract", "#1", "--why", "misread")
    payload = json.loads(cli(runner, "tag", "us-28", "--format", "json", "--store", str(store)))
    assert "state" not in _tags(payload, "8")[0]  # the rule's call stands again
    for event, fragment in (("1", "was already retracted by #2"), ("2", "is itself a retraction"),
                            ("77", "there is no event '77'")):
        result = runner.invoke(app, ["annotate", "retract", event, "--store", str(store)])
        assert result.exit_code == 2 and fragment in _one_line_error(result.stderr)
    assert sqlite3.connect(store).execute("SELECT count(*) FROM events").fetchone() == (2,)


def test_the_analyst_is_the_option_the_environment_or_the_login_name(runner: CliRunner, store: Path) -> None:
    runner.invoke(app, ["annotate", "confirm", "us-28:8", "MNF-U", "--store", str(store)],
                  env={"COW_COMPARE_ANALYST": "dana"})
    result = runner.invoke(app, ["annotate", "confirm", "us-28:9", "MNF-U", "--store", str(store)],
                           env={"COW_COMPARE_ANALYST": None})
    assert result.exit_code == 0, result.stderr
    import getpass

    analysts = [row[0] for row in sqlite3.connect(store).execute("SELECT analyst FROM events ORDER BY id")]
    assert analysts == ["dana", getpass.getuser()]


@pytest.mark.parametrize(("args", "fragment"), [
    (("confirm", "us-28:99", "MNF-U"), "us-28-2025-11-20 has no provision '99'; its labels run 1 ... 28"),
    (("confirm", "uk-99:1", "MNF-U"), "'uk-99' is not a corpus id"),
    (("confirm", "us-28", "MNF-U"), "is not DOC:LABEL"),
    (("confirm", "us-28:8", "NATO"), f"tag 'NATO' is not a category of {DEFAULT_RULESET}; use one of MNF-U, DMZ, territory"),
    (("reject", "us-28:8", "MNF-U", "forbids"),
     "'forbids' is not a polarity of MNF-U; use one of prohibits, limits, permits, requires, adjacent"),
    (("add", "us-28:8", "MNF-U", "requires", "--evidence", "NATO soldiers will"),
     "evidence not in us-28-2025-11-20:8: 'soldiers' is not a word of its text"),
    (("add", "us-28:8", "MNF-U", "requires", "--evidence", "troops NATO"),
     "the words of 'troops NATO' are there but not together"),
    (("add", "us-28:8", "MNF-U", "prohibits"), f"already has MNF-U prohibits from rule {DEFAULT_RULESET}:mnfu.deploy; "
                                               "confirm it instead"),
    (("confirm", "us-28:8", "DMZ"), "shows no DMZ tag to confirm (it shows MNF-U prohibits)"),
    (("confirm", "us-28:21", "territory", "restores"), "only through its sub-items (21.c); confirm it on "
                                                       "us-28-2025-11-20:21.c"),
    (("add", "us-28:8", "DMZ"), "Missing argument 'polarity'"),
    (("list", "--state", "pending"), "--state 'pending' is not a decision state; use one of confirmed, rejected"),
])
def test_bad_decisions_are_one_line_with_exit_2(store: Path, args: tuple[str, ...], fragment: str) -> None:
    result = run_cli("annotate", *args, "--store", str(store), "--analyst", "alice")
    assert result.returncode == 2 and result.stdout == ""
    assert fragment in _one_line_error(result.stderr)
    assert not store.exists() or sqlite3.connect(store).execute("SELECT count(*) FROM events").fetchone() == (0,)


def test_a_store_that_is_not_one_is_refused_only_where_decisions_matter(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("not a database, just notes\n" * 100, encoding="utf-8")
    # Outputs without tags never open the store ...
    assert run_cli("diff", "us-28", "eu-e3", "--no-tags", "--store", str(notes)).returncode == 1
    assert run_cli("list", "--format", "json").returncode == 0
    # ... those with tags, and every annotate command, refuse it in one line.
    for args in (("tag", "us-28"), ("diff", "us-28", "eu-e3"), ("annotate", "confirm", "us-28:8", "MNF-U"),
                 ("annotate", "list")):
        result = run_cli(*args, "--store", str(notes))
        assert result.returncode == 2, args
        assert f"{notes}: is not a cow-compare decisions store" in _one_line_error(result.stderr)
    assert notes.read_text(encoding="utf-8").startswith("not a database")


def test_a_store_from_a_newer_version_is_refused(tmp_path: Path, store: Path) -> None:
    assert run_cli("annotate", "confirm", "us-28:8", "MNF-U", "--store", str(store)).returncode == 0
    db = sqlite3.connect(store)
    db.execute("PRAGMA user_version = 99")
    db.commit()
    db.close()
    result = run_cli("tag", "us-28", "--store", str(store))
    assert result.returncode == 2 and "was made by a newer cow-compare (schema 99" in _one_line_error(result.stderr)


def _without_root_powers() -> None:
    """In the child before exec: drop the capabilities that let root write a read-only file."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2, 3):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "cannot drop a capability")


def test_a_read_only_store_is_read_but_not_written(tmp_path: Path) -> None:
    store = tmp_path / "decisions.sqlite"
    assert run_cli("annotate", "reject", "us-28:8", "MNF-U", "--store", str(store), "--analyst", "alice").returncode == 0
    os.chmod(store, 0o444)
    os.chmod(tmp_path, 0o555)
    try:
        kwargs: dict[str, object] = {"capture_output": True, "text": True, "cwd": ROOT, "check": False}
        if os.geteuid() == 0:
            if not sys.platform.startswith("linux"):
                pytest.skip("running as root, where files are never read-only, on a system without prctl")
            kwargs["preexec_fn"] = _without_root_powers
        base = [sys.executable, "-m", "cow_compare"]
        read = subprocess.run([*base, "tag", "us-28", "--store", str(store)], **kwargs)  # type: ignore[call-overload]
        assert read.returncode == 0, read.stderr
        assert "[-MNF-U prohibits-] (rejected by alice" in read.stdout
        write = subprocess.run([*base, "annotate", "confirm", "us-28:9", "MNF-U", "--analyst", "bob", "--store",
                                str(store)], **kwargs)  # type: ignore[call-overload]
        assert write.returncode == 2, write.stderr
        assert f"{store}: the decisions store is read-only" in _one_line_error(write.stderr)
    finally:
        os.chmod(tmp_path, 0o755)
        os.chmod(store, 0o644)
    assert sqlite3.connect(store).execute("SELECT count(*) FROM events").fetchone() == (1,)


def test_decisions_turned_off_cannot_be_recorded(runner: CliRunner) -> None:
    result = runner.invoke(app, ["annotate", "confirm", "us-28:8", "MNF-U", "--store", "off"])
    assert result.exit_code == 2 and "decisions are turned off" in _one_line_error(result.stderr)


class _Badges(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.badges: list[dict[str, str | None]] = []
        self.struck = 0
        self.notes: list[str] = []
        self._in_note = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "span" and "tag" in (found.get("class") or "").split():
            self.badges.append(found)
        if tag == "s":
            self.struck += 1
        self._in_note = tag == "i" and found.get("class") == "decision"

    def handle_data(self, data: str) -> None:
        if self._in_note:
            self.notes.append(data)
            self._in_note = False


def test_reports_show_decisions_on_the_badges(runner: CliRunner, store: Path, tmp_path: Path) -> None:
    record(runner, store, "reject", "us-28:8", "MNF-U", "--why", "too broad")
    record(runner, store, "confirm", "us-28:22", "territory")
    cli(runner, "report", "us-28", "eu-e3", "-o", str(tmp_path / "out"), "--store", str(store))
    parser = _Badges()
    parser.feed((tmp_path / "out" / "us-28-2025-11-20__eu-e3-2025-11-23.html").read_text(encoding="utf-8"))
    states = sorted(b.get("data-state") or "" for b in parser.badges if b.get("data-state"))
    assert states == ["confirmed", "inherited", "needs-review", "rejected"]
    assert parser.struck == 1
    assert any(n.startswith("(rejected by alice") for n in parser.notes)
    assert any(n.startswith("(inherited from us-28-2025-11-20:22, confirmed by alice") for n in parser.notes)


def test_every_annotate_command_has_help_and_is_in_the_readme(runner: CliRunner) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in annotate_app.registered_commands:
        name = command.name or ""
        assert command.callback is not None and (command.callback.__doc__ or "").strip(), name
        assert f"cow-compare annotate {name}" in readme, f"README does not document `cow-compare annotate {name}`"
        result = runner.invoke(app, ["annotate", name, "--help"])
        assert result.exit_code == 0 and f"Usage: cow-compare annotate {name}" in result.output.replace("root", "cow-compare")


def test_the_store_is_opened_only_for_tagged_outputs_and_only_if_it_exists(tmp_path: Path, store: Path) -> None:
    assert run_cli("annotate", "confirm", "us-28:8", "MNF-U", "--store", str(store), "--analyst", "a").returncode == 0
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from cow_compare.cli import app\n"
        f"store, missing = {str(store)!r}, {str(tmp_path / 'none.sqlite')!r}\n"
        "for args in (['list'], ['show', 'us-28', '--store', store], ['diff', 'us-28', 'eu-e3', '--no-tags', "
        "'--store', store], ['--help'], ['tag', 'us-28', '--store', missing], ['diff', 'us-28', 'eu-e3', "
        "'--store', missing]):\n"
        "    result = CliRunner().invoke(app, args)\n"
        "    assert result.exit_code in (0, 1), (args, result.output)\n"
        "print('sqlite3' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert done.stdout.strip() == "False"
    assert not (tmp_path / "none.sqlite").exists()


def test_an_unchanged_store_is_not_read_again_and_a_changed_one_is(tmp_path: Path, store: Path) -> None:
    cache = tmp_path / "cache"
    env = {**os.environ, "COW_COMPARE_CACHE": str(cache)}
    probe = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from cow_compare.cli import app\n"
        f"result = CliRunner().invoke(app, ['tag', 'eu-e3', '--store', {str(store)!r}])\n"
        "sys.stdout.write(result.stdout)\n"
        "sys.stderr.write(str('sqlite3' in sys.modules))\n"
    )

    def tag() -> tuple[str, str]:
        done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT,
                              env=env)
        return done.stdout, done.stderr

    def decide(*args: str) -> None:
        assert run_cli("annotate", *args, "--store", str(store), "--analyst", "alice", env=env).returncode == 0

    decide("confirm", "us-28:22", "territory")
    first, opened = tag()
    assert opened == "True" and "inherited from us-28-2025-11-20:22" in first
    again, opened = tag()
    assert (again, opened) == (first, "False")  # the same answer, without starting SQLite
    decide("reject", "us-28:22", "territory")
    changed, opened = tag()
    assert opened == "True" and "[-territory non-force-] (inherited from us-28-2025-11-20:22, rejected by alice" in changed
    uncached = run_cli("tag", "eu-e3", "--store", str(store), env={**env, "COW_COMPARE_CACHE": "off"})
    assert uncached.stdout == changed
