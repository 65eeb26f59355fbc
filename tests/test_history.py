"""`cow-compare history DOC:LABEL`: one provision through the versions lineage.toml connects."""

from __future__ import annotations

import json

import jsonschema

from cow_compare import Workspace
from cow_compare.render.json_format import schema
from tests.conftest import BASE, BRIEF, FROZEN, MARKUP, REDRAFT, run_cli


def test_point_4_narrowed_by_the_mark_up_and_unreported_in_the_brief(frozen_workspace: Workspace) -> None:
    thread = frozen_workspace.history("dcg-10:4")
    assert [s.doc.id for s in thread.steps] == [BASE, MARKUP, BRIEF, REDRAFT]
    by_doc = {step.doc.id: step for step in thread.steps}
    markup = by_doc[MARKUP]
    assert markup.labels == ("4",) and markup.kind == "modified" and markup.compared_with == f"{BASE}:4"
    assert markup.change is not None
    assert [f.summary for f in markup.change.facts] == ["qualifier added: in peacetime", "qualifier added: permanently"]
    # The brief is known only from summaries: silence there is not a deletion.
    assert (by_doc[BRIEF].labels, by_doc[BRIEF].kind) == ((), "not-reported")
    # So the redraft is compared with the mark-up, where the point was last seen.
    redraft = by_doc[REDRAFT]
    assert (redraft.labels, redraft.kind, redraft.compared_with) == (("4",), "merged", f"{MARKUP}:4")


def test_a_split_is_followed_into_every_part(frozen_workspace: Workspace) -> None:
    thread = frozen_workspace.history("dcg-10:6")
    assert [(s.doc.id, s.labels, s.kind) for s in thread.later] == [
        (MARKUP, ("6",), "identical"), (BRIEF, (), "not-reported"), (REDRAFT, ("5", "6"), "split")]
    assert thread.later[-1].compared_with == f"{MARKUP}:6"


def test_following_back_from_a_later_version(frozen_workspace: Workspace) -> None:
    thread = frozen_workspace.history("dcg-9:4")
    assert [(s.doc.id, s.labels, s.kind, s.compared_with) for s in thread.earlier] == [
        (BRIEF, ("p2",), "modified", f"{REDRAFT}:4"),
        (MARKUP, ("5",), "modified", f"{BRIEF}:p2"),
        (BASE, ("5",), "modified", f"{MARKUP}:5"),
    ]
    assert thread.start.labels == ("4",) and not thread.later


def test_history_json_and_text() -> None:
    result = run_cli("history", "dcg-10:4", "--format", "json", "--corpus", str(FROZEN))
    assert result.returncode == 0
    payload = json.loads(result.stdout)
    jsonschema.validate(payload, schema("history"))
    assert payload["provision"] == f"{BASE}:4"
    assert [s["direction"] for s in payload["steps"]] == ["start", "later", "later", "later"]
    assert [s["kind"] for s in payload["steps"]] == ["start", "modified", "not-reported", "merged"]
    text = run_cli("history", "dcg-10:4", "--no-colour", "--corpus", str(FROZEN))
    assert "    Foreign troops will not be {+permanently +}stationed in Ukraine{+ in peacetime+}.\n" in text.stdout
    assert f"[not reported in this version (known only from summaries); the next one is compared with {MARKUP}:4]" in (
        text.stdout)


def test_a_struck_slot_followed_back_says_where_it_was_struck() -> None:
    # Going back from the mark-up's struck slot 8, the base plan's point 8 is what was deleted into it;
    # "nothing here continues" would say the opposite of what happened.
    text = run_cli("history", "nm-10:8", "--no-colour", "--corpus", str(FROZEN)).stdout
    assert f"{BASE} (2031-03-02)  8  [deleted into {MARKUP}:8]\n" in text
    assert "nothing here continues nm-10-2031-03-09:8]" not in text.split(f"{MARKUP} (2031-03-09)")[0]
    forward = run_cli("history", "dcg-10:8", "--no-colour", "--corpus", str(FROZEN)).stdout
    assert f"{MARKUP} (2031-03-09)  8  [deleted: nothing here continues {BASE}:8]\n" in forward


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
