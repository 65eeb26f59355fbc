"""The tagging commands as a user runs them: `tag`, `show --tags`, `diff --tag/--no-tags`, `--rules`."""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from cow_compare import parse_text
from cow_compare.cli import app
from cow_compare.pipeline import compare
from cow_compare.render.json_format import schema
from cow_compare.tags import DEFAULT_RULESET
from cow_compare.tags.engine import Tagger

from .conftest import BASE, FROZEN, run_cli
from .test_cli import EVERY_DOCUMENT, _one_line_error


def test_tag_explain_shows_the_done_when_calls() -> None:
    result = run_cli("tag", "us-28", "--explain", "--no-colour")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert re.search(r"^8 +NATO agrees that NATO troops will not be stationed in Ukraine\.\n +MNF-U prohibits +"
                     rf"\({re.escape(DEFAULT_RULESET)}:mnfu\.deploy, confidence 1\.00\)\n +NATO agrees that «NATO troops» will "
                     r"«not» be «stationed» in Ukraine\.$", out, re.M)
    # implications.v3: a force placed in a neighbouring country is adjacent by itself ('jets in Poland')
    assert re.search(r"^9 +European fighter jets .*\n +MNF-U adjacent .*\n +«European fighter» jets will be "
                     r"«based in Poland»\.$", out, re.M)
    point = out.split("\n21 ", 1)[1].split("\n21.a ", 1)[0]
    for line in ("DMZ requires via 21.d", "territory cedes via 21.d", "territory freezes via 21.b",
                 "territory recognizes via 21.a", "territory restores via 21.c"):
        assert line in point, line
    assert "21.a: «Crimea», «Luhansk» and «Donetsk» will be «recognized» «as» «de facto Russian territory»" in point
    assert "21.b: In «Kherson» and «Zaporizhzhia» the «situation» will be «frozen»" in point


def test_tag_text_without_explain_lists_tagged_provisions() -> None:
    out = run_cli("tag", "nm-10", "--corpus", str(FROZEN)).stdout
    assert out.splitlines()[1] == f"{DEFAULT_RULESET} · 7 of 16 provisions tagged · MNF-U 1 · DMZ 5 · territory 1"
    assert re.search(r"^4 +Foreign troops will not be permanently stationed in Ukraine in peacetime\.\n +MNF-U limits$",
                     out, re.M)
    # a ceasefire on land, at sea and in the air fixes the forces where they stand
    assert re.search(r"^1 +Russia and Ukraine will cease all hostilities on land, at sea and in the air .*\n +DMZ requires$",
                     out, re.M)
    assert "\n5 " not in out  # untagged provisions are left out


@pytest.mark.parametrize(("folder", "doc_id"), EVERY_DOCUMENT, ids=[d for _, d in EVERY_DOCUMENT])
def test_tag_json_validates_for_every_document(runner: CliRunner, folder: Path, doc_id: str) -> None:
    result = runner.invoke(app, ["tag", doc_id, "--format", "json", "--corpus", str(folder)])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    jsonschema.validate(payload, schema("tags"))
    texts = {p["label"]: p["text"] for p in payload["provisions"]}
    for p in payload["provisions"]:
        for t in p["tags"]:
            for e in t["evidence"]:
                assert texts[e.get("label", p["label"])][e["start"]:e["end"]] == e["text"]


def test_tag_json_of_a_plan(runner: CliRunner) -> None:
    payload = json.loads(runner.invoke(app, ["tag", "dcg-10", "--format", "json", "--corpus", str(FROZEN)]).output)
    assert payload["schema"] == "cow-compare/tags/v1" and payload["ruleset"] == DEFAULT_RULESET
    assert (payload["language"], payload["covered"]) == ("en", True)
    assert len(payload["provisions"]) == 16
    four = next(p for p in payload["provisions"] if p["label"] == "4")
    assert four["id"] == f"{BASE}:4"
    assert [(t["tag"], t["polarity"], t["rule"], t["source"]) for t in four["tags"]] == [
        ("MNF-U", "prohibits", f"{DEFAULT_RULESET}:mnfu.deploy", "rule")]
    # point 8 ("settled in later negotiations between the two presidents") defers since implications.v3;
    # point 1's ceasefire on land, at sea and in the air requires (a comprehensive one fixes the lines)
    assert payload["summary"] == {"MNF-U": {"prohibits": 1}, "DMZ": {"monitors": 1, "requires": 4},
                                  "territory": {"defers": 1, "restores": 1}}


def test_tag_filter_and_csv(runner: CliRunner) -> None:
    result = runner.invoke(app, ["tag", "ua-20", "--tag", "dmz", "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert {r["tag"] for r in rows} == {"DMZ"}
    own = {(r["label"], r["polarity"]) for r in rows if not r["via"]}
    assert own == {("2", "monitors"), ("14.a", "conditional"), ("14.option-a", "requires"),
                   ("14.option-b", "conditional"), ("16", "requires"), ("20", "requires")}
    markdown = runner.invoke(app, ["tag", "ua-20", "--tag", "MNF-U", "--format", "markdown"]).output
    # since implications.v3 monitoring is no task that provides for a force ('monitored' is DMZ's evidence
    # only), and 'only if a referendum approves' is the consent the referendum rule turns back into requires
    assert ("| 14.option-b | MNF-U | requires | international forces; created; only if; referendum; approves |"
            in markdown)


def test_tag_output_is_deterministic() -> None:
    first = run_cli("tag", "ua-20", "--format", "json")
    assert first.returncode == 0 and first.stdout == run_cli("tag", "ua-20", "--format", "json").stdout


def test_show_tags(runner: CliRunner) -> None:
    out = runner.invoke(app, ["show", "us-28", "--tags"]).output
    assert re.search(r"^8 +NATO agrees .*\n +=> MNF-U prohibits$", out, re.M)
    assert re.search(r"^21 +The territorial settlement is as follows:\n +=> DMZ requires \(via 21\.d\)", out, re.M)
    payload = json.loads(runner.invoke(app, ["show", "us-28", "--tags", "--format", "json"]).output)
    jsonschema.validate(payload, schema("document"))
    assert payload["ruleset"] == DEFAULT_RULESET
    assert next(p for p in payload["provisions"] if p["label"] == "9")["tags"][0]["polarity"] == "adjacent"
    plain = json.loads(runner.invoke(app, ["show", "us-28", "--format", "json"]).output)
    assert "tags" not in plain["provisions"][0]


def _blocks(output: str) -> list[str]:
    return [b.splitlines()[0].split("  ")[1] for b in output.split("\n\n")[1:] if b.strip()]


def test_diff_tag_shows_the_narrowing_of_point_4() -> None:
    result = run_cli("diff", "dcg-10", "nm-10", "--tag", "MNF-U", "--no-colour", "--corpus", str(FROZEN))
    assert result.returncode == 1
    assert _blocks(result.stdout) == ["4 -> 4"]
    assert "    * MNF-U: prohibits -> limits\n" in result.stdout
    unchanged = run_cli("diff", "dcg-10", "nm-10", "--tag", "DMZ", "--context", "--no-colour", "--corpus", str(FROZEN))
    assert _blocks(unchanged.stdout) == ["1 -> 1", "2 -> 2", "2.a -> 2.a", "2.b -> 2.b", "3 -> 3"]
    assert "    tags: DMZ requires\n" in unchanged.stdout and "    tags: DMZ monitors\n" in unchanged.stdout


def test_diff_json_carries_tags_and_tag_facts(runner: CliRunner) -> None:
    result = runner.invoke(app, ["diff", "dcg-10", "nm-10", "--format", "json", "--corpus", str(FROZEN)])
    payload = json.loads(result.output)
    jsonschema.validate(payload, schema("diff"))
    assert payload["ruleset"] == DEFAULT_RULESET
    four = next(c for c in payload["changes"] if c["from"] == ["4"])
    assert [(t["label"], t["tag"], t["polarity"]) for t in four["tags"]["from"]] == [("4", "MNF-U", "prohibits")]
    assert [(t["label"], t["tag"], t["polarity"]) for t in four["tags"]["to"]] == [("4", "MNF-U", "limits")]
    assert {"kind": "tag", "before": "MNF-U: prohibits", "after": "MNF-U: limits",
            "summary": "MNF-U: prohibits -> limits"} in four["facts"]


def test_diff_no_tags(runner: CliRunner) -> None:
    payload = json.loads(runner.invoke(app, ["diff", "us-28", "eu-e3", "--no-tags", "--format", "json"]).output)
    jsonschema.validate(payload, schema("diff"))
    assert payload["ruleset"] is None
    assert all(c["tags"] == {"from": [], "to": []} for c in payload["changes"])
    assert not any(f["kind"] == "tag" for c in payload["changes"] for f in c["facts"])


def test_commands_that_do_not_tag_never_import_spacy() -> None:
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from cow_compare.cli import app\n"
        "for args in (['list'], ['show', 'us-28'], ['diff', 'us-28', 'eu-e3', '--no-tags'], ['--help']):\n"
        "    result = CliRunner().invoke(app, args)\n"
        "    assert result.exit_code in (0, 1), (args, result.output)\n"
        "print(sorted(m for m in sys.modules if m == 'spacy' or m.startswith('spacy.')))\n"
    )
    import subprocess

    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_a_tag_shift_is_a_fact_beside_a_kind_that_tagging_does_not_change(tagger: Tagger) -> None:
    old = parse_text("1. Foreign troops will be stationed near the front.\n", "old.md")
    new = parse_text("1. Foreign troops will be stationed in Romania.\n", "new.md")
    untagged = compare(old, new).changes[0]
    change = compare(old, new, tagger=tagger).changes[0]
    assert untagged.kind == change.kind == "modified"
    assert [f.summary for f in untagged.facts] == ["place added: Romania", "place removed: the front line"]
    assert [f.summary for f in change.facts] == [*[f.summary for f in untagged.facts], "MNF-U: requires -> adjacent"]


# -- errors: one line on stderr, exit 2, nothing on stdout ------------------------------------


def _bad_rules(tmp_path: Path) -> Path:
    path = tmp_path / "rules.jsonl"
    path.write_text('{"ruleset": "mine.v1", "categories": {}}\n'
                    '{"id": "x", "tag": "MNF-U", "polarity": "requires", "pattern": [{"LOWER": "x"}\n'
                    '{"id": "y", "tag": "MNF-U", "polarity": "maybe", "pattern": "y"}\n'
                    '{"id": "z", "tag": "MNF-U", "polarity": "requires", "pattern": []}\n', encoding="utf-8")
    return path


@pytest.mark.parametrize("command", [["tag", "us-28"], ["show", "us-28", "--tags"], ["diff", "us-28", "eu-e3"]])
def test_bad_rule_file_lists_every_problem(tmp_path: Path, command: list[str]) -> None:
    path = _bad_rules(tmp_path)
    result = run_cli(*command, "--rules", str(path))
    assert result.returncode == 2 and result.stdout == ""
    line = _one_line_error(result.stderr)
    assert f"{path}: 3 problems: line 2: not valid JSON" in line
    assert "line 3 (y): polarity 'maybe' is not a polarity of MNF-U" in line
    assert "line 4 (z): pattern is empty" in line


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["tag", "us-28", "--tag", "NAVY"], f"tag 'NAVY' is not a category of {DEFAULT_RULESET}; use one of MNF-U, DMZ, territory"),
        (["diff", "us-28", "eu-e3", "--tag", "MNFU"], f"tag 'MNFU' is not a category of {DEFAULT_RULESET}"),
        (["tag", "us-82"], "did you mean"),
        (["tag", "us-28", "--rules", "nowhere.jsonl"], "nowhere.jsonl: no such rule file"),
        (["diff", "us-28", "eu-e3", "--no-tags", "--tag", "DMZ"], "--tag needs tags; drop --no-tags"),
        (["show", "us-28", "--tags", "--format", "markdown"], "holds no tags"),
        (["show", "us-28", "--rules", "policy.v1"], "--rules only matters with --tags"),
    ],
)
def test_tagging_errors(args: list[str], fragment: str) -> None:
    result = run_cli(*args)
    assert result.returncode == 2 and result.stdout == ""
    assert fragment in _one_line_error(result.stderr)


def test_rules_policy_example_from_the_command_line() -> None:
    result = run_cli("tag", "dcg-10", "--rules", "policy.v1", "--tag", "army-size", "--corpus", str(FROZEN))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1] == f"{DEFAULT_RULESET}+policy.v1 · 1 of 16 provisions tagged carrying army-size · army-size 1"
    assert re.search(r"^5 +Ukraine's armed forces will be capped at 500,000 personnel\.\n +army-size caps$",
                     result.stdout, re.M)


PRESS = Path(__file__).resolve().parent / "fixtures" / "tags" / "issue-11-press.md"
# point -> the (tag, polarity, a word its evidence must hold) the issue asks for; none for its false calls
PRESS_CALLS: dict[str, set[tuple[str, str, str]]] = {
    "1": {("MNF-U", "prohibits", "deploy troops in Ukraine")},
    "2": {("MNF-U", "prohibits", "station troops in Ukraine")},
    "3": {("MNF-U", "limits", "permanently")},
    "4": {("MNF-U", "adjacent", "in Poland")},
    "5": {("MNF-U", "prohibits", "foreign military")},
    "6": {("MNF-U", "limits", "consent")},
    "7": {("MNF-U", "requires", "send forces to Ukraine")},
    "8": {("DMZ", "requires", "heavy weapons")},
    "9": {("DMZ", "requires", "A comprehensive, unconditional ceasefire")},
    "10": {("DMZ", "monitors", "verification by the OSCE.")},
    "11": {("territory", "restores", "border")},
    "12": set(), "13": set(),
    "14": {("DMZ", "requires", "line of contact")},
    "15": {("territory", "freezes", "begin from"), ("territory", "exchanges", "swapping territory"),
           ("territory", "non-force", "by force")},
    "16": {("territory", "cedes", "withdraw"), ("territory", "freezes", "recognized as the line")},
}


def test_tag_reads_the_issues_press_wordings_from_a_file() -> None:
    """Issue 11's done-when: `cow-compare tag` on a file of the quoted press wordings tags each one
    correctly, with evidence, and makes none of the false calls it names."""
    result = run_cli("tag", str(PRESS), "--format", "json")
    assert result.returncode == 0, result.stderr
    provisions = {p["label"]: p for p in json.loads(result.stdout)["provisions"]}
    assert set(provisions) == set(PRESS_CALLS)
    for label, expected in PRESS_CALLS.items():
        tags = provisions[label]["tags"]
        assert {(t["tag"], t["polarity"]) for t in tags} == {(tag, polarity) for tag, polarity, _ in expected}, label
        for tag, polarity, word in expected:
            evidence = next(t["evidence"] for t in tags if (t["tag"], t["polarity"]) == (tag, polarity))
            assert word in [e["text"] for e in evidence], (label, tag, polarity)
