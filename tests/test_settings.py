"""Settings as data: the shipped file, overrides with --settings, the digest in JSON, one-line errors."""

from __future__ import annotations

import json
import os
import tomllib
from dataclasses import fields, replace
from pathlib import Path

import jsonschema
import pytest

from cow_compare import Workspace, parse_text
from cow_compare.changes import classify, word_ops
from cow_compare.model import Link
from cow_compare.render.json_format import schema
from cow_compare.settings import SettingsError, load_settings, shipped_settings
from cow_compare.tags import DEFAULT_RULESET
from tests.conftest import PROPOSALS, ROOT, run_cli

SHIPPED = ROOT / "cow_compare" / "data" / "settings.toml"


def test_every_shipped_value_is_documented_by_a_comment() -> None:
    """Each key of data/settings.toml has a comment above it saying what it does."""
    lines = SHIPPED.read_text(encoding="utf-8").splitlines()
    table = tomllib.loads(SHIPPED.read_text(encoding="utf-8"))
    for section, values in table.items():
        if not isinstance(values, dict):
            continue
        for key, value in values.items():
            if isinstance(value, dict):  # a sub-table such as [changes.parties]: its header is commented
                header = lines.index(f"[{section}.{key}]")
                assert lines[header - 1].startswith("#"), f"[{section}.{key}] has no comment"
                continue
            at = next(i for i, line in enumerate(lines) if line.startswith(f"{key} ="))
            assert lines[at - 1].startswith("#"), f"[{section}] {key} has no comment above it"


def test_the_settings_object_holds_every_key_of_the_file() -> None:
    table = tomllib.loads(SHIPPED.read_text(encoding="utf-8"))
    settings = shipped_settings()
    for section in ("align", "changes", "parse", "resolve", "intake"):
        assert {f.name for f in fields(getattr(settings, section))} == set(table[section])


def test_an_override_file_changes_one_value_and_the_digest(tmp_path: Path) -> None:
    mine = tmp_path / "strict.toml"
    mine.write_text("[align]\nmin_score = 0.7\n", encoding="utf-8")
    settings = load_settings(mine)
    assert settings.align.min_score == 0.7
    assert settings.align.gap_share == shipped_settings().align.gap_share
    assert settings.name == "settings.v1+strict.toml"
    assert settings.digest != shipped_settings().digest
    # The same values give the same digest, whatever the file is called.
    other = tmp_path / "same.toml"
    other.write_text("[align]\nmin_score = 0.70\n", encoding="utf-8")
    assert load_settings(other).digest == settings.digest


@pytest.mark.parametrize(("text", "fragment"), [
    ("[align]\nmin_scor = 0.5\n", "unknown key [align] min_scor; the keys of [align] are min_score"),
    ("[align]\nmin_score = 1.5\n", "[align] min_score 1.5 is outside [0, 1]"),
    ("[align]\nmin_score = 'high'\n", "[align] min_score must be a number such as 0.5, not 'high'"),
    ("[changes]\nclause_words = 0\n", "[changes] clause_words 0 must be a whole number of at least 1"),
    ("[changes]\nqualifiers = 'only'\n", "[changes] qualifiers must be a list of words or phrases"),
    ("[tagging]\nx = 1\n", "unknown section [tagging]; the sections are align, changes, parse, resolve, intake"),
    ("[align\nmin_score = 0.5\n", "not valid TOML"),
])
def test_a_bad_settings_file_is_one_line_naming_the_key(tmp_path: Path, text: str, fragment: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SettingsError) as caught:
        load_settings(path)
    assert fragment in str(caught.value) and str(path) in str(caught.value)
    result = run_cli("diff", "us-28", "eu-e3", "--settings", str(path))
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("cow-compare: error: ") and fragment in lines[0]


def test_the_environment_variable_names_a_settings_file(tmp_path: Path) -> None:
    path = tmp_path / "loose.toml"
    path.write_text("[align]\nmin_score = 0.3\n", encoding="utf-8")
    result = run_cli("diff", "us-28", "eu-e3", "--no-tags", "--format", "json",
                     env={**os.environ, "COW_COMPARE_SETTINGS": str(path)})
    payload = json.loads(result.stdout)
    assert payload["settings"]["name"] == "settings.v1+loose.toml"
    assert payload["min_score"] == 0.3


def test_json_outputs_record_the_settings_name_and_digest() -> None:
    result = run_cli("diff", "us-28", "eu-e3", "--format", "json")
    payload = json.loads(result.stdout)
    jsonschema.validate(payload, schema("diff"))
    assert payload["settings"] == {"name": "settings.v1", "digest": shipped_settings().digest}
    assert payload["ruleset"] == DEFAULT_RULESET
    tags = json.loads(run_cli("tag", "us-28", "--format", "json").stdout)
    assert tags["settings"] == payload["settings"]
    with_min = json.loads(run_cli("diff", "us-28", "eu-e3", "--format", "json", "--min-score", "0.6").stdout)
    assert with_min["settings"]["name"] == "settings.v1+min_score=0.6"
    assert with_min["settings"]["digest"] != payload["settings"]["digest"]


def test_changing_a_classifier_threshold_changes_the_answer() -> None:
    """The thresholds in the file are the ones in force: moving one moves the kind of a real change."""
    old = parse_text("1. The parties will hold talks in a neutral capital on humanitarian questions.\n", "old.md")
    new = parse_text("1. The parties will meet somewhere agreed to discuss humanitarian matters.\n", "new.md")
    before, after = old.provisions[0], new.provisions[0]
    link = Link(("1",), ("1",), 0.6, "label", "same number")
    ops = word_ops(before.text, after.text)
    shipped = shipped_settings().changes
    assert classify(link, (before,), (after,), ops, shipped)[0] == "modified"  # a third of the words kept
    loose = replace(shipped, rewrite_below=0.3)
    kind, _rule, facts = classify(link, (before,), (after,), ops, loose)
    assert kind == "reworded" and not facts


def test_a_workspace_takes_settings_and_min_score() -> None:
    strict = Workspace(PROPOSALS, min_score=0.9, tags=False)
    shipped = Workspace(PROPOSALS, tags=False)
    assert strict.settings.align.min_score == 0.9
    linked = sum(1 for c in shipped.compare("us-28", "ua-20").changes if c.link.from_labels and c.link.to_labels)
    linked_strict = sum(1 for c in strict.compare("us-28", "ua-20").changes
                        if c.link.from_labels and c.link.to_labels)
    assert linked_strict < linked
