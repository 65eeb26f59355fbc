"""Export, import and agreement: backups that restore the same state, imports checked row by row, kappa."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from cow_compare.cli import app
from cow_compare.decisions.agreement import cohen_kappa
from cow_compare.decisions.store import DecisionStore
from cow_compare.render.json_format import schema
from tests.test_cli import _one_line_error


def cli(runner: CliRunner, *args: str, ok: tuple[int, ...] = (0,)) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code in ok, (args, result.output, result.stderr)
    return result.stdout


def _decide(runner: CliRunner, store: Path) -> None:
    """A morning's work by three analysts, with a change of mind."""
    for analyst, *args in [
        ("alice", "confirm", "us-28:8", "MNF-U"),
        ("alice", "reject", "us-28:21.b", "territory", "freezes", "--why", "a freeze, not a recognition"),
        ("alice", "add", "us-28:9", "MNF-U", "requires", "--evidence", "fighter jets"),
        ("alice", "confirm", "us-28:22", "territory"),
        ("bob", "confirm", "us-28:8", "MNF-U"),
        ("bob", "confirm", "us-28:21.b", "territory", "freezes"),
        ("bob", "reject", "us-28:22", "territory"),
        ("bob", "confirm", "us-28:9", "MNF-U", "adjacent"),
        ("carol", "reject", "eu-e3:8", "MNF-U", "limits", "--why", "still a ban, only narrower"),
    ]:
        cli(runner, "annotate", *args, "--analyst", analyst, "--store", str(store))
    cli(runner, "annotate", "retract", "#2", "--analyst", "alice", "--why", "on second thought", "--store", str(store))


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_an_export_imports_back_to_the_same_state(runner: CliRunner, tmp_path: Path, fmt: str) -> None:
    first, second = tmp_path / "first.sqlite", tmp_path / "second.sqlite"
    _decide(runner, first)
    backup = tmp_path / f"backup.{fmt}"
    cli(runner, "annotate", "export", "--format", fmt, "-o", str(backup), "--store", str(first))
    assert backup.read_text(encoding="utf-8") == cli(runner, "annotate", "export", "--format", fmt, "--store", str(first))
    out = cli(runner, "annotate", "import", str(backup), "--store", str(second))
    assert out == f"imported 10 decisions from {backup}\n"
    with DecisionStore(first) as a, DecisionStore(second) as b:
        assert a.events() == b.events() and a.current() == b.current()
        assert a.current(by_analyst=True) == b.current(by_analyst=True)
    for args in (("annotate", "list"), ("tag", "eu-e3", "--format", "json"), ("annotate", "agreement")):
        assert cli(runner, *args, "--store", str(first)).replace(str(first), "STORE") == cli(
            runner, *args, "--store", str(second)).replace(str(second), "STORE"), args
    # Importing the same backup again changes nothing.
    again = cli(runner, "annotate", "import", str(backup), "--store", str(second))
    assert again == f"imported 0 decisions from {backup}; 10 already in the store\n"
    assert sqlite3.connect(second).execute("SELECT count(*) FROM events").fetchone() == (10,)


def test_an_export_has_every_field_of_every_event(runner: CliRunner, tmp_path: Path) -> None:
    store = tmp_path / "d.sqlite"
    _decide(runner, store)
    rows = list(csv.DictReader(io.StringIO(cli(runner, "annotate", "export", "--store", str(store)))))
    assert [r["event"] for r in rows] == [str(n) for n in range(1, 11)]
    retraction = rows[-1]
    assert (retraction["action"], retraction["retracts"], retraction["why"]) == (
        "retract", rows[1]["uid"], "on second thought")
    assert json.loads(rows[2]["evidence"]) == [[9, 21, "fighter jets"]]
    for line in cli(runner, "annotate", "export", "--format", "jsonl", "--store", str(store)).splitlines():
        jsonschema.validate(json.loads(line), schema("decision-log")["$defs"]["event"])


def test_a_hand_written_sheet_imports_with_defaults(runner: CliRunner, tmp_path: Path) -> None:
    sheet = tmp_path / "mine.csv"
    sheet.write_text("analyst,action,doc,label,tag,polarity,evidence,why\n"
                     "dana,confirm,us-28-2025-11-20,8,mnf-u,Prohibits,,\n"
                     "dana,add,us-28-2025-11-20,9,DMZ,monitors,fighter jets | Poland,read in the field\n",
                     encoding="utf-8")
    store = tmp_path / "d.sqlite"
    assert cli(runner, "annotate", "import", str(sheet), "--store", str(store)).startswith("imported 2 decisions")
    payload = json.loads(cli(runner, "tag", "us-28", "--format", "json", "--store", str(store)))
    nine = next(p for p in payload["provisions"] if p["label"] == "9")
    added = next(t for t in nine["tags"] if t["tag"] == "DMZ")
    assert (added["state"], added["decided_by"], added["why"]) == ("added", "dana", "read in the field")
    assert [e["text"] for e in added["evidence"]] == ["fighter jets", "Poland"]


def test_an_import_reports_every_bad_row_and_writes_nothing(runner: CliRunner, tmp_path: Path) -> None:
    sheet = tmp_path / "bad.csv"
    sheet.write_text("analyst,action,doc,label,tag,polarity,evidence,at,retracts\n"
                     "dana,confirm,us-28-2025-11-20,8,MNF-U,prohibits,,,\n"      # row 2: fine
                     "dana,approve,us-28-2025-11-20,8,MNF-U,prohibits,,,\n"      # row 3: action
                     "dana,confirm,us-99,8,MNF-U,prohibits,,,\n"                 # row 4: doc
                     "dana,confirm,us-28-2025-11-20,99,MNF-U,prohibits,,,\n"     # row 5: label
                     "dana,confirm,us-28-2025-11-20,8,NATO,prohibits,,,\n"       # row 6: tag
                     "dana,add,us-28-2025-11-20,8,DMZ,requires,soldiers,,\n"     # row 7: evidence
                     ",confirm,us-28-2025-11-20,8,MNF-U,prohibits,,yesterday,\n"  # row 8: analyst
                     "dana,retract,us-28-2025-11-20,8,MNF-U,prohibits,,,abc\n",  # row 9: retracts
                     encoding="utf-8")
    store = tmp_path / "d.sqlite"
    result = runner.invoke(app, ["annotate", "import", str(sheet), "--store", str(store)])
    assert result.exit_code == 2
    line = _one_line_error(result.stderr)
    assert "7 of 8 rows cannot be imported, so nothing was" in line
    for fragment in ("row 3: action 'approve' is not one of confirm, reject, add, retract",
                     "row 4: doc 'us-99' is not a version of the corpus",
                     "row 5: us-28-2025-11-20 has no provision '99'",
                     "row 6: tag 'NATO' is not a category",
                     "row 7: evidence not in us-28-2025-11-20:8: 'soldiers'",
                     "row 8: analyst is empty",
                     "row 9: retracts 'abc', which is neither in the store nor an earlier row"):
        assert fragment in line, fragment
    assert "row 2" not in line
    assert not store.exists() or sqlite3.connect(store).execute("SELECT count(*) FROM events").fetchone() == (0,)


@pytest.mark.parametrize(("content", "fragment"), [
    ("", "is empty; nothing to import"),
    ("who,what\nalice,confirm\n", "the header row lacks the columns analyst, action, doc, label, tag, polarity"),
    ('{"analyst": "a"}\nnot json\n', "line 2 is not JSON"),
])
def test_an_unreadable_import_file_is_one_line(runner: CliRunner, tmp_path: Path, content: str, fragment: str) -> None:
    sheet = tmp_path / "in.csv"
    sheet.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["annotate", "import", str(sheet), "--store", str(tmp_path / "d.sqlite")])
    assert result.exit_code == 2 and fragment in _one_line_error(result.stderr)


def test_kappa_matches_a_worked_example() -> None:
    # 50 items: both yes 20, both no 15, first yes second no 5, first no second yes 10.
    first = ["yes"] * 20 + ["no"] * 15 + ["yes"] * 5 + ["no"] * 10
    second = ["yes"] * 20 + ["no"] * 15 + ["no"] * 5 + ["yes"] * 10
    assert cohen_kappa(first, second) == 0.4  # p_o 0.7, p_e 0.5
    assert cohen_kappa(["a", "b", "c"], ["a", "b", "c"]) == 1.0
    assert cohen_kappa(["a", "a"], ["a", "a"]) is None  # every answer the same on both sides: undefined
    assert cohen_kappa([], []) is None


def test_agreement_between_analysts_and_with_the_rules(runner: CliRunner, tmp_path: Path) -> None:
    store = tmp_path / "d.sqlite"
    _decide(runner, store)
    payload = json.loads(cli(runner, "annotate", "agreement", "--format", "json", "--store", str(store)))
    jsonschema.validate(payload, schema("agreement"))
    pairs = {(p["tag"], p["first"], p["second"]): p for p in payload["pairs"]}
    # MNF-U: both judged 8 (prohibits, agreed) and 9 (alice: adjacent + requires; bob: adjacent).
    mnfu = pairs[("MNF-U", "alice", "bob")]
    assert (mnfu["provisions"], mnfu["agreed"]) == (2, 1)
    # Each side's polarities are listed in the rule set's order.
    assert mnfu["disagreements"] == [{"provision": "us-28-2025-11-20:9", "first": "requires, adjacent",
                                      "second": "adjacent"}]
    # territory: alice retracted her rejection of 21.b, so only 22 is judged by both, and they disagree.
    territory = pairs[("territory", "alice", "bob")]
    assert (territory["provisions"], territory["agreed"], territory["kappa"]) == (1, 0, 0.0)
    assert pairs[("territory", "bob", "rules")]["disagreements"] == [
        {"provision": "us-28-2025-11-20:22", "first": "(none)", "second": "non-force"}]
    carol = pairs[("MNF-U", "carol", "rules")]
    assert (carol["provisions"], carol["agreed"], carol["kappa"]) == (1, 0, 0.0)
    never = pairs[("MNF-U", "alice", "carol")]  # they never judged the same provision
    assert (never["provisions"], never["kappa"], never["disagreements"]) == (0, None, [])
    text = cli(runner, "annotate", "agreement", "--tag", "MNF-U", "--store", str(store))
    assert text.startswith("MNF-U\n  pair")
    assert "disagree alice ~ bob: us-28-2025-11-20:9: alice requires, adjacent; bob adjacent" in text
    assert "territory" not in text
