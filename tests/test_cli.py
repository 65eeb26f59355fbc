"""The command line as a user runs it: output formats, schemas, exit codes and one-line errors."""

from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from cow_compare import parse_text
from cow_compare.cli import app
from cow_compare.render.json_format import schema

from .conftest import BASE, BRIEF, FROZEN, MARKUP, OTHER, PROPOSALS, REDRAFT, ROOT, run_cli

SHIPPED_IDS = sorted(path.stem for path in PROPOSALS.glob("*.md"))
FROZEN_IDS = sorted(path.stem for path in FROZEN.glob("*.md"))
EVERY_DOCUMENT = [(PROPOSALS, doc_id) for doc_id in SHIPPED_IDS] + [(FROZEN, doc_id) for doc_id in FROZEN_IDS]


def test_list_text(runner: CliRunner) -> None:
    result = runner.invoke(app, ["list", "--corpus", str(FROZEN)])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split()[:5] == ["ID", "DATE", "STATUS", "POINTS", "PROV"]
    assert [line.split()[0] for line in lines[1:]] == [BASE, MARKUP, BRIEF, REDRAFT, OTHER]
    base = next(line for line in lines if line.startswith(BASE))
    assert re.search(r"2031-03-02\s+leaked\s+11\s+16\s+Danube Contact Group", base)


def test_list_shows_every_shipped_version_once(runner: CliRunner) -> None:
    result = runner.invoke(app, ["list"])
    assert result.exit_code == 0
    assert sorted(line.split()[0] for line in result.output.splitlines()[1:]) == SHIPPED_IDS


def test_list_json_matches_schema(runner: CliRunner) -> None:
    for folder in (PROPOSALS, FROZEN):
        result = runner.invoke(app, ["list", "--format", "json", "--corpus", str(folder)])
        assert result.exit_code == 0
        payload = json.loads(result.output)
        jsonschema.validate(payload, schema("list"))
        dates = [d["date"] for d in payload["documents"]]
        assert dates == sorted(dates)
    brief = next(d for d in payload["documents"] if d["id"] == BRIEF)
    assert brief["status"] == "reported" and brief["points"] == 4 and brief["provisions"] == 4


def test_list_csv(runner: CliRunner) -> None:
    result = runner.invoke(app, ["list", "--format", "csv", "--corpus", str(FROZEN)])
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert [r["id"] for r in rows] == [BASE, MARKUP, BRIEF, REDRAFT, OTHER]
    markup = next(r for r in rows if r["id"] == MARKUP)
    assert markup["parties"] == "Northern Mediators"
    assert (markup["points"], markup["provisions"]) == ("11", "16")


def test_show_json_of_a_plan_with_sub_items(runner: CliRunner) -> None:
    result = runner.invoke(app, ["show", "dcg-10", "--format", "json", "--corpus", str(FROZEN)])
    assert result.exit_code == 0
    payload = json.loads(result.output)
    jsonschema.validate(payload, schema("document"))
    provisions = payload["provisions"]
    top = [p for p in provisions if p["depth"] == 0]
    assert [p["label"] for p in top] == ["preamble", *[str(n) for n in range(1, 11)]]
    parents = sorted({p["parent"] for p in provisions if p["parent"]}, key=int)
    assert parents == ["2", "9"]
    assert payload["document"]["source_path"] == f"corpus/{BASE}.md"
    assert provisions[0]["id"] == f"{BASE}:preamble"
    assert provisions[1]["id"] == f"{BASE}:1"


@pytest.mark.parametrize(("folder", "doc_id"), EVERY_DOCUMENT, ids=[d for _, d in EVERY_DOCUMENT])
def test_show_json_validates_for_every_document(runner: CliRunner, folder: Path, doc_id: str) -> None:
    result = runner.invoke(app, ["show", doc_id, "--format", "json", "--corpus", str(folder)])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    jsonschema.validate(payload, schema("document"))
    assert payload["document"]["id"] == doc_id


def test_show_text_marks_deleted_and_options(runner: CliRunner) -> None:
    e3 = runner.invoke(app, ["show", "eu-e3"]).output
    assert re.search(r"^3\s+\[deleted\] ", e3, re.M)
    ua = runner.invoke(app, ["show", "ua-20"]).output
    assert re.search(r"^12\.option-a\s+\[option\] United States:", ua, re.M)
    assert re.search(r"^14\.option-b\s+\[option\] Ukraine:", ua, re.M)


@pytest.mark.parametrize(("folder", "doc_id"), EVERY_DOCUMENT, ids=[d for _, d in EVERY_DOCUMENT])
def test_show_markdown_parses_back_to_the_same_provisions(runner: CliRunner, folder: Path, doc_id: str) -> None:
    original = json.loads(runner.invoke(app, ["show", doc_id, "--format", "json", "--corpus", str(folder)]).output)
    markdown = runner.invoke(app, ["show", doc_id, "--format", "markdown", "--corpus", str(folder)]).output
    again = parse_text(markdown, "again.md")
    assert again.id == original["document"]["id"]
    keys = ("label", "parent", "depth", "status", "text", "fingerprint", "section", "notes")
    assert [{k: getattr(p, k) if k != "notes" else list(p.notes) for k in keys} for p in again.provisions] == [
        {k: p[k] for k in keys} for p in original["provisions"]
    ]


def test_show_plain_file_without_front_matter(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "leak.txt"
    path.write_text("Point 1. Ukraine is sovereign.\nPoint 2. NATO troops stay out.\n", encoding="utf-8")
    result = runner.invoke(app, ["show", str(path), "--format", "json"])
    payload = json.loads(result.output)
    assert payload["document"]["id"] == "leak"
    assert [p["text"] for p in payload["provisions"]] == ["Ukraine is sovereign.", "NATO troops stay out."]


def test_corpus_option_and_environment_variable(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "draft.md").write_text('+++\nid = "my-3-2026-02-01"\n+++\n1. A.\n2. B.\n3. C.\n', encoding="utf-8")
    by_option = runner.invoke(app, ["list", "--corpus", str(folder), "--format", "csv"])
    assert [r["id"] for r in csv.DictReader(io.StringIO(by_option.output))] == ["my-3-2026-02-01"]
    by_env = runner.invoke(app, ["show", "my-3"], env={"COW_COMPARE_CORPUS": str(folder)})
    assert by_env.exit_code == 0 and "my-3-2026-02-01" in by_env.output


def test_output_is_deterministic() -> None:
    first = run_cli("show", "ua-20", "--format", "json")
    second = run_cli("show", "ua-20", "--format", "json")
    assert first.returncode == 0 and first.stdout == second.stdout


# -- errors: one line on stderr, exit 2, no traceback -----------------------------------------


def _one_line_error(result_stderr: str) -> str:
    lines = result_stderr.strip().splitlines()
    assert len(lines) == 1, result_stderr
    assert "Traceback" not in result_stderr
    assert lines[0].startswith("cow-compare: error: ")
    return lines[0]


@pytest.mark.parametrize(
    ("make", "fragment"),
    [
        (lambda d: d / "missing.md", "missing.md: no such file"),
        (lambda d: d, "is a directory"),
        (lambda d: (d / "b.bin").write_bytes(b"\x00\x01\x02") and d / "b.bin", "is a binary file"),
        (lambda d: (d / "l.txt").write_bytes(b"1. One\x00\n") and d / "l.txt", "l.txt: is a binary file"),
        (lambda d: (d / "e.md").write_text("\n\n") and d / "e.md", "e.md: is empty"),
        (lambda d: (d / "n.md").write_text('+++\nid = "n"\n+++\n') and d / "n.md", "no provisions found"),
        (lambda d: (d / "f.md").write_text('+++\nid = "f"\n1. One.\n') and d / "f.md", "never closed"),
        (lambda d: (d / "k.md").write_text('+++\nkind = "memo"\n+++\n1. A.\n') and d / "k.md", "`kind` is 'memo'"),
    ],
    ids=["missing", "directory", "binary", "nul-in-text", "empty", "no-provisions", "front-matter",
         "bad-kind"],
)
def test_bad_files(tmp_path: Path, make, fragment: str) -> None:  # type: ignore[no-untyped-def]
    path = make(tmp_path)
    result = run_cli("show", str(path))
    assert result.returncode == 2
    assert result.stdout == ""
    assert fragment in _one_line_error(result.stderr)


def test_real_pages_with_a_repeated_number_are_shown_with_warnings_not_refused(tmp_path: Path) -> None:
    # A title line repeating the first point, and a number printed twice: both used to stop `show` with
    # exit 2; a real rendition is never refused, and the warnings say what was done.
    path = tmp_path / "page.txt"
    path.write_text("1. Ukraine's sovereignty is confirmed\n\nThe outlet publishes the plan in full.\n\n"
                    "1. Ukraine's sovereignty is confirmed.\n2. A ceasefire begins.\n2. Elections follow.\n",
                    encoding="utf-8")
    result = run_cli("show", str(path))
    assert result.returncode == 0, result.stderr
    assert "'1.' before the list is read as a title or lead text" in result.stdout
    assert "label '2' is printed twice (lines 6 and 7): the second is labelled 2-2" in result.stdout
    payload = json.loads(run_cli("show", str(path), "--format", "json").stdout)
    assert [p["label"] for p in payload["provisions"]] == ["preamble", "preamble-2", "1", "2", "2-2"]
    assert [w["line"] for w in payload["warnings"]] == [1, 7]


def test_unknown_id_suggests(tmp_path: Path) -> None:
    result = run_cli("show", "us-82")
    assert result.returncode == 2
    assert "did you mean" in _one_line_error(result.stderr)


def test_ambiguous_prefix() -> None:
    result = run_cli("show", "dcg", "--corpus", str(FROZEN))
    assert result.returncode == 2
    assert f"matches several documents: {BASE}, {REDRAFT}, {BRIEF}; give more of the id" in _one_line_error(
        result.stderr
    )


def test_format_not_offered_by_command() -> None:
    result = run_cli("show", "us-28", "--format", "csv")
    assert result.returncode == 2
    assert "'csv' is not one of 'text', 'json', 'markdown'" in _one_line_error(result.stderr)


def test_bad_corpus_folder(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "lineage.toml").write_text('[[edge]]\nfrom = "a"\nto = "b"\n')
    (folder / "a.md").write_text('+++\nid = "a"\n+++\n1. One.\n')
    env = {**os.environ, "COW_COMPARE_CORPUS": str(folder)}
    result = run_cli("list", env=env)
    assert result.returncode == 2
    assert "edge 1 names unknown id 'b'" in _one_line_error(result.stderr)


# -- documentation ----------------------------------------------------------------------------


def test_every_command_has_help_and_is_in_the_readme(runner: CliRunner) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in app.registered_commands:
        name = command.name or ""
        assert command.callback is not None and (command.callback.__doc__ or "").strip(), name
        assert f"cow-compare {name}" in readme, f"README does not document `cow-compare {name}`"
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0 and "Usage" in result.output


def test_readme_names_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make demo" in readme and "make test" in readme
    assert PROPOSALS.is_dir()
