"""`cow-compare history DOC:LABEL`: one provision through the versions lineage.toml connects."""

from __future__ import annotations

import json

import jsonschema

from cow_compare import Workspace
from cow_compare.render.json_format import schema
from tests.conftest import run_cli


def test_point_8_narrowed_by_the_e3_and_unreported_after_geneva(workspace: Workspace) -> None:
    thread = workspace.history("us-28:8")
    by_doc = {step.doc.id: step for step in thread.steps}
    assert [s.doc.id for s in thread.steps][0] == "us-28-2025-11-20"
    e3 = by_doc["eu-e3-2025-11-23"]
    assert e3.labels == ("8",) and e3.kind == "modified" and e3.compared_with == "us-28-2025-11-20:8"
    assert e3.change is not None
    assert {"qualifier added: permanently", "qualifier added: in peacetime"} <= {f.summary for f in e3.change.facts}
    # The Geneva text is known only from summaries: silence there is not a deletion.
    assert by_doc["usua-19-2025-11-23"].kind == "not-reported"


def test_a_split_is_followed_into_every_part(workspace: Workspace) -> None:
    thread = workspace.history("us-28:19")
    ua = next(s for s in thread.later if s.doc.id == "ua-20-2025-12-23")
    assert ua.kind == "split" and ua.labels == ("12", "12.option-a", "12.option-b")
    # usua-19 did not report the plant, so ua-20 is compared with the US draft itself.
    assert ua.compared_with == "us-28-2025-11-20:19"


def test_following_back_from_a_later_version(workspace: Workspace) -> None:
    thread = workspace.history("ua-20:14")
    first = thread.steps[0]
    assert (first.doc.id, first.labels, first.kind) == ("us-28-2025-11-20", ("21",), "modified")
    assert thread.start.labels == ("14",) and not thread.later


def test_history_json_and_text() -> None:
    result = run_cli("history", "us-28:8", "--format", "json")
    assert result.returncode == 0
    payload = json.loads(result.stdout)
    jsonschema.validate(payload, schema("history"))
    assert payload["provision"] == "us-28-2025-11-20:8"
    assert [s["direction"] for s in payload["steps"]][:2] == ["start", "later"]
    text = run_cli("history", "us-28:8", "--no-colour")
    assert "NATO agrees that {+troops under +}NATO [-troops-]{+command+}" in text.stdout


def test_history_errors_are_one_line() -> None:
    for args, expected in [
        (("history", "us-28"), "is not DOC:LABEL"),
        (("history", "us-28:99"), "has no provision '99'"),
        (("history", "xx-99:1"), "is not a corpus id"),
        (("history", "us-28:8", "--format", "csv"), "'csv' is not one of 'text', 'json'"),
    ]:
        result = run_cli(*args)
        assert result.returncode == 2, args
        assert result.stdout == ""
        assert len(result.stderr.strip().splitlines()) == 1 and expected in result.stderr, result.stderr
