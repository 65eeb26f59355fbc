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
from cow_compare.pipeline import compare
from cow_compare.render.json_format import schema

from .conftest import run_cli


def _by_old_label(corpus: Corpus, old: str, new: str) -> dict[str, object]:
    report = compare(corpus.resolve(old), corpus.resolve(new))
    return {",".join(c.link.from_labels): c for c in report.changes if c.link.from_labels}


def test_e3_markup_changes(corpus: Corpus) -> None:
    changes = _by_old_label(corpus, "us-28", "eu-e3")
    six = changes["6"]
    assert six.kind == "modified"  # type: ignore[attr-defined]
    assert [f.summary for f in six.facts] == ["number: 600,000 -> 800,000", "qualifier added: in peacetime"]  # type: ignore[attr-defined]
    assert changes["3"].kind == "deleted" and changes["3"].link.to_labels == ("3",)  # type: ignore[attr-defined]
    assert changes["10.d"].kind == "deleted"  # type: ignore[attr-defined]
    eight = {f.summary for f in changes["8"].facts}  # type: ignore[attr-defined]
    assert {"qualifier added: permanently", "qualifier added: in peacetime"} <= eight
    assert changes["5"].kind == "reworded"  # type: ignore[attr-defined]
    assert changes["1"].kind == "identical"  # type: ignore[attr-defined]
    assert changes["25"].kind == "modified"  # type: ignore[attr-defined]
    assert changes["20.a"].link.to_labels == ("20",) and changes["20.a"].kind == "renumbered"  # type: ignore[attr-defined]


def test_twenty_points_renumbered_and_merged(corpus: Corpus) -> None:
    changes = _by_old_label(corpus, "us-28", "ua-20")
    assert changes["22"].link.to_labels == ("15",) and changes["22"].kind == "renumbered"  # type: ignore[attr-defined]
    assert changes["18"].link.to_labels == ("11",)  # type: ignore[attr-defined]
    assert changes["20,20.a"].kind == "merged" and changes["20,20.a"].link.to_labels == ("13",)  # type: ignore[attr-defined]
    assert changes["6"].link.to_labels == ("4",)  # type: ignore[attr-defined]


def test_comparing_a_document_with_itself_is_all_identical(corpus: Corpus) -> None:
    for doc_id in corpus.ids:
        doc = corpus.documents[doc_id]
        report = compare(doc, doc)
        assert {c.kind for c in report.changes} == {"identical"}, doc_id
        assert not report.changed


def test_swapping_versions_swaps_added_and_deleted(corpus: Corpus) -> None:
    a, b = corpus.resolve("us-28"), corpus.resolve("ua-20")
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
    same = runner.invoke(app, ["diff", "eu-berlin", "eu-berlin"])
    assert same.exit_code == 0 and "12 identical" not in same.output


def test_diff_plain_text_redline(runner: CliRunner) -> None:
    result = runner.invoke(app, ["diff", "us-28", "eu-e3", "--no-colour"])
    assert "capped at [-600,000-]{+800,000+} personnel{+ in peacetime+}." in result.output
    assert result.output.splitlines()[0].startswith("us-28-2025-11-20 -> eu-e3-2025-11-23: 27 identical")


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
