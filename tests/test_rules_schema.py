"""Rule files against the JSON Schema shipped beside them (cow_compare/tags/data/rules.schema.json)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from cow_compare.tags import SHIPPED, parse_ruleset
from cow_compare.tags.rules import REACHES, ROLES, RuleSetError, shipped_path

SCHEMA_PATH = Path(shipped_path(SHIPPED[0])).parent / "rules.schema.json"


@pytest.fixture(scope="module")
def schema() -> dict[str, object]:
    loaded: dict[str, object] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(loaded)
    return loaded


@pytest.mark.parametrize("name", SHIPPED)
def test_every_line_of_a_shipped_rule_file_fits_the_schema(schema: dict[str, object], name: str) -> None:
    validator = jsonschema.Draft202012Validator(schema)
    lines = [line for line in shipped_path(name).read_text(encoding="utf-8").splitlines() if line.strip()]
    # a set based on another (implications.v6: a header line on v5) is checked with the file it names
    assert len(lines) > 5 or json.loads(lines[0]).get("based_on") in SHIPPED
    for number, line in enumerate(lines, 1):
        errors = [e.message for e in validator.iter_errors(json.loads(line))]
        assert not errors, f"{name} line {number}: {errors}"


def test_the_loader_reads_its_vocabulary_from_the_schema(schema: dict[str, object]) -> None:
    rule = schema["$defs"]["rule"]["properties"]  # type: ignore[index]
    assert tuple(rule["role"]["enum"]) == ROLES and tuple(rule["reach"]["enum"]) == REACHES


@pytest.mark.parametrize(("line", "fragment"), [
    ('{"id": "x.1", "tag": "MNF-U", "polarity": "limits", "pattern": "troops", "weight": 2}', "unknown field 'weight'"),
    ('{"id": "x.2", "role": "hint", "pattern": "not"}', "role 'hint' is not one of cue, negation, transparent, boundary"),
    ('{"id": "x.3", "tag": "MNF-U", "polarity": "limits", "pattern": [{"SHAPE": "Xxx"}]}', "token 1 uses 'SHAPE'"),
])
def test_what_the_schema_forbids_the_loader_refuses_with_a_line_number(
        schema: dict[str, object], line: str, fragment: str) -> None:
    validator = jsonschema.Draft202012Validator(schema)
    assert list(validator.iter_errors(json.loads(line)))  # the schema refuses it too
    header = '{"ruleset": "mine.v1", "categories": {}}'
    with pytest.raises(RuleSetError) as caught:
        parse_ruleset(f"{header}\n{line}\n", "mine.jsonl", base=None)
    assert "line 2" in str(caught.value) and fragment in str(caught.value)
