"""Alignment, word-level diff and classification on the corpus and on generated texts."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cow_compare import Corpus, align, parse_text
from cow_compare.changes.words import rebuild, tokens, word_ops
from cow_compare.cli import app
from cow_compare.model import Change
from cow_compare.pipeline import compare
from cow_compare.render.json_format import schema

from .conftest import BASE, FROZEN, MARKUP, OTHER, REDRAFT, run_cli


def _kinds(corpus: Corpus, old: str, new: str) -> dict[tuple[tuple[str, ...], tuple[str, ...]], Change]:
    report = compare(corpus.documents[old], corpus.documents[new])
    return {(c.link.from_labels, c.link.to_labels): c for c in report.changes}


def test_a_mark_up_that_keeps_its_numbering(frozen: Corpus) -> None:
    changes = _kinds(frozen, BASE, MARKUP)
    assert {link: c.kind for link, c in changes.items() if c.kind != "identical"} == {
        (("2.a",), ("2.a",)): "modified", (("4",), ("4",)): "modified", (("5",), ("5",)): "modified",
        (("8",), ("8",)): "deleted", (("10",), ("10",)): "reworded",
    }
    assert sum(c.kind == "identical" for c in changes.values()) == 11
    assert [f.summary for f in changes[(("5",), ("5",))].facts] == ["number: 500,000 -> 700,000"]
    assert [f.summary for f in changes[(("4",), ("4",))].facts] == [
        "qualifier added: in peacetime", "qualifier added: permanently"]
    assert [f.summary for f in changes[(("8",), ("8",))].facts] == ["status: active -> deleted"]
    assert changes[(("10",), ("10",))].facts == ()
    assert not any(c.link.renumbered or c.link.moved for c in changes.values())


def test_a_redraft_that_renumbers_splits_and_merges(frozen: Corpus) -> None:
    changes = _kinds(frozen, MARKUP, REDRAFT)
    assert {link: c.kind for link, c in changes.items() if c.kind != "identical"} == {
        (("4", "5"), ("4",)): "merged", (("6",), ("5", "6")): "split",
        (("9",), ("7",)): "renumbered", (("9.a",), ("7.a",)): "renumbered", (("9.b",), ("7.b",)): "renumbered",
        (("10",), ("8",)): "renumbered", (("7",), ("9",)): "moved", (("8",), ()): "deleted",
    }
    assert all(c.link.from_labels == c.link.to_labels for c in changes.values() if c.kind == "identical")
    # Over two steps, the mark-up's rewording and the redraft's new number make one reworded, renumbered link.
    ten = _kinds(frozen, BASE, REDRAFT)[(("10",), ("8",))]
    assert ten.kind == "reworded" and ten.link.renumbered


def test_comparing_a_document_with_itself_is_all_identical(corpus: Corpus) -> None:
    for doc_id in corpus.ids:
        doc = corpus.documents[doc_id]
        report = compare(doc, doc)
        assert {c.kind for c in report.changes} == {"identical"}, doc_id
        assert not report.changed


def test_swapping_versions_swaps_added_and_deleted(frozen: Corpus) -> None:
    a, b = frozen.documents[BASE], frozen.documents[OTHER]
    forward, backward = compare(a, b), compare(b, a)
    gone = {c.link.from_labels for c in forward.changes if c.kind == "deleted" and not c.link.to_labels}
    came = {c.link.to_labels for c in backward.changes if c.kind == "added"}
    assert gone == came


def test_ops_rebuild_both_texts_on_every_corpus_pair(corpus: Corpus) -> None:
    for old, new in [("us-28", "eu-e3"), ("us-28", "ua-20"), ("eu-berlin", "cotw-paris-2026")]:
        a, b = corpus.resolve(old), corpus.resolve(new)
        for change in compare(a, b).changes:
            assert rebuild(change.ops, "-") == " ".join(a.provision(x).text for x in change.link.from_labels)
            assert rebuild(change.ops, "+") == " ".join(b.provision(x).text for x in change.link.to_labels)


TEXT = st.lists(st.sampled_from(["Ukraine", "will", "not", "600,000", "$100 billion", "50%", " ", ", ", ".",
                                 "NATO", "troops", "in peacetime", "may", "Russia", "\u2019"]), max_size=25).map("".join)


@settings(max_examples=300, deadline=None)
@given(TEXT, TEXT)
def test_ops_rebuild_generated_texts(old: str, new: str) -> None:
    ops = word_ops(old, new)
    assert rebuild(ops, "-") == old and rebuild(ops, "+") == new


def test_numbers_are_single_tokens() -> None:
    assert "600,000" in tokens("capped at 600,000 troops")
    assert "$100 billion" in tokens("adds $100 billion to the fund")
    assert "800 000" in tokens("an army of 800 000 in peacetime")
    ops = word_ops("capped at 600,000.", "capped at 800,000.")
    assert [(o.op, o.text) for o in ops if o.op != "="] == [("-", "600,000"), ("+", "800,000")]


def test_typography_alone_is_not_a_change() -> None:
    old = parse_text("1. Russia's forces \u2013 all of them \u2013 leave.\n", "a.md")
    new = parse_text("1. Russia\u2019s  forces - all of them - leave\n", "b.md")
    assert [c.kind for c in compare(old, new).changes] == ["identical"]


def test_reworded_versus_modified() -> None:
    old = parse_text("1. Sovereignty is confirmed.\n2. Elections are held within 100 days.\n", "a.md")
    new = parse_text("1. Sovereignty is reaffirmed.\n2. Elections are held as soon as possible.\n", "b.md")
    kinds = [c.kind for c in compare(old, new).changes]
    assert kinds == ["reworded", "modified"]


def test_diff_json_validates(runner: CliRunner) -> None:
    result = runner.invoke(app, ["diff", "us-28", "eu-e3", "--format", "json", "--context"])
    assert result.exit_code == 1
    payload = json.loads(result.output)
    jsonschema.validate(payload, schema("diff"))
    assert payload["summary"]["identical"] == sum(1 for c in payload["changes"] if c["kind"] == "identical")


def test_diff_only_filters_and_exit_codes(runner: CliRunner) -> None:
    result = runner.invoke(app, ["diff", "us-28", "eu-e3", "--only", "deleted", "--format", "csv"])
    assert result.exit_code == 1
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert rows and all(row["kind"] == "deleted" for row in rows)
    assert {(row["from_doc"], row["to_doc"]) for row in rows} == {("us-28-2025-11-20", "eu-e3-2025-11-23")}
    assert all(row["redline"].startswith("[-") for row in rows if not row["to"])
    same = runner.invoke(app, ["diff", OTHER, OTHER, "--corpus", str(FROZEN)])
    assert same.exit_code == 0
    assert same.output.splitlines()[0] == f"{OTHER} -> {OTHER}: 8 identical"
    assert "IDENTICAL" not in same.output  # identical provisions are listed only with --context


def test_diff_plain_text_redline(runner: CliRunner) -> None:
    result = runner.invoke(app, ["diff", "dcg-10", "nm-10", "--no-colour", "--corpus", str(FROZEN)])
    assert result.exit_code == 1
    assert "    Ukraine's armed forces will be capped at [-500,000-]{+700,000+} personnel.\n" in result.output
    assert "    Foreign troops will not be {+permanently +}stationed in Ukraine{+ in peacetime+}.\n" in result.output
    assert result.output.splitlines()[0] == f"{BASE} -> {MARKUP}: 11 identical, 1 reworded, 3 modified, 1 deleted"


def test_diff_two_plain_files(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("1. NATO troops will not be stationed in Ukraine.\n2. Elections within 100 days.\n")
    b.write_text("1. Elections within 100 days.\n2. NATO troops will not be permanently stationed in Ukraine.\n")
    result = run_cli("diff", str(a), str(b), "--format", "json")
    assert result.returncode == 1
    changes = json.loads(result.stdout)["changes"]
    assert {(tuple(c["from"]), tuple(c["to"]), c["kind"]) for c in changes} == {
        (("2",), ("1",), "renumbered"), (("1",), ("2",), "modified")
    }


def test_diff_errors_are_one_line() -> None:
    for args, fragment in [
        (("diff", "us-28", "nope-99"), "is not a corpus id"),
        (("diff", "us-28", "eu-e3", "--only", "modfied"), "names unknown kind modfied"),
        (("diff", "us-28", "eu-e3", "--min-score", "1.5"), "outside [0, 1]"),
        (("diff", "us-28", "eu-e3", "--min-score", "-0.1"), "outside [0, 1]"),
    ]:
        result = run_cli(*args)
        assert result.returncode == 2, args
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and fragment in lines[0] and "Traceback" not in result.stderr


def test_a_sub_item_that_became_a_point_and_a_point_that_became_a_sub_item() -> None:
    old = parse_text(
        "1. The sovereignty of Ukraine will be reaffirmed.\n"
        "2. Security guarantees will be given on these terms:\n"
        "    a. The United States will be compensated for providing the guarantee.\n"
        "    b. Ukraine forfeits the guarantee if it invades Russia.\n"
        "3. Ukraine's armed forces will be capped at 600,000 personnel.\n"
        "4. Elections will be held in Ukraine within 100 days of signing.\n",
        "old.md",
    )
    new = parse_text(
        "1. The sovereignty of Ukraine will be reaffirmed.\n"
        "2. Security guarantees will be given on these terms:\n"
        "    a. The United States will be compensated for providing the guarantee.\n"
        "    b. Ukraine's armed forces will be capped at 600,000 personnel.\n"
        "3. Ukraine forfeits the guarantee if it invades Russia.\n"
        "4. Elections will be held in Ukraine within 100 days of signing.\n",
        "new.md",
    )
    links = {(link.from_labels, link.to_labels) for link in align(old, new)}
    assert (("2.b",), ("3",)) in links
    assert (("3",), ("2.b",)) in links
    assert (("4",), ("4",)) in links
