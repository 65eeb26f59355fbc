"""One answer per provision: every way of asking about two versions gives a provision the same kind.

Over every ordered pair of the shipped corpus and of the frozen corpus, a provision's kind is the
same in `Workspace.compare` with and without tags, in the command line's `diff`, `diff --no-tags`
and `diff --format json`, and, for versions that lineage.toml connects, in every `history` step
and every lineage matrix cell, each read against the comparison of the two versions it names.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from itertools import permutations

import pytest
from typer.testing import CliRunner

from cow_compare import Workspace
from cow_compare.cli import app
from cow_compare.model import Change, Report, Step

from .conftest import FROZEN, PROPOSALS

CORPORA = {"shipped": PROPOSALS, "frozen": FROZEN}
PAIRS = [(name, old, new) for name, folder in CORPORA.items()
         for old, new in permutations(sorted(path.stem for path in folder.glob("*.md")), 2)]
PAIR_IDS = [f"{name}:{old}->{new}" for name, old, new in PAIRS]

Link = tuple[tuple[str, ...], tuple[str, ...]]
# A change heading of the text output: "MODIFIED (moved, renumbered)  3 -> p4  [fuzzy 0.562: ...]".
HEADING = re.compile(r"^(?P<kind>[A-Z-]+)(?: \([a-z, ]+\))?  (?P<old>\S+(?:, \S+)*) -> (?P<new>\S+(?:, \S+)*)  \[")


@pytest.fixture(scope="module")
def tagged() -> dict[str, Workspace]:
    return {name: Workspace(folder, tags=True) for name, folder in CORPORA.items()}


@pytest.fixture(scope="module")
def untagged() -> dict[str, Workspace]:
    return {name: Workspace(folder, tags=False) for name, folder in CORPORA.items()}


def answers(report: Report) -> dict[Link, str]:
    """Every link of a comparison with its kind."""
    return {(c.link.from_labels, c.link.to_labels): c.kind for c in report.changes}


def _labels(shown: str) -> tuple[str, ...]:
    return () if shown == "-" else tuple(shown.split(", "))


def text_answers(output: str) -> dict[Link, str]:
    """The links and kinds of `diff --context` text output, read from its change headings."""
    found: dict[Link, str] = {}
    for line in output.splitlines():
        match = HEADING.match(line)
        if match:
            link = (_labels(match["old"]), _labels(match["new"]))
            assert link not in found, line
            found[link] = match["kind"].lower()
    return found


def _covers_every_provision_once(report: Report) -> None:
    olds = sorted(label for c in report.changes for label in c.link.from_labels)
    news = sorted(label for c in report.changes for label in c.link.to_labels)
    assert olds == sorted(p.label for p in report.old.provisions)
    assert news == sorted(p.label for p in report.new.provisions)


@pytest.mark.parametrize(("corpus", "old", "new"), PAIRS, ids=PAIR_IDS)
def test_tags_never_change_a_kind(tagged: dict[str, Workspace], untagged: dict[str, Workspace],
                                  corpus: str, old: str, new: str) -> None:
    with_tags, without = tagged[corpus].compare(old, new), untagged[corpus].compare(old, new)
    _covers_every_provision_once(without)
    assert answers(with_tags) == answers(without)
    assert with_tags.ruleset and not without.ruleset
    # Tagging adds tag shifts as facts of their own and changes no other fact.
    for a, b in zip(with_tags.changes, without.changes, strict=True):
        assert [f for f in a.facts if f.kind != "tag"] == list(b.facts), a.link


@pytest.mark.parametrize(("corpus", "old", "new"), PAIRS, ids=PAIR_IDS)
def test_the_command_line_gives_the_same_answer_in_every_form(tagged: dict[str, Workspace], corpus: str,
                                                              old: str, new: str) -> None:
    report = tagged[corpus].compare(old, new)
    expected = answers(report)
    where = ["--corpus", str(CORPORA[corpus])]
    runner = CliRunner()
    text = runner.invoke(app, ["diff", old, new, "--context", "--no-colour", *where])
    plain = runner.invoke(app, ["diff", old, new, "--context", "--no-colour", "--no-tags", *where])
    as_json = runner.invoke(app, ["diff", old, new, "--context", "--format", "json", *where])
    exit_code = 1 if report.changed else 0
    assert (text.exit_code, plain.exit_code, as_json.exit_code) == (exit_code, exit_code, exit_code)
    assert text_answers(text.output) == expected
    assert text_answers(plain.output) == expected
    payload = json.loads(as_json.output)
    assert {(tuple(c["from"]), tuple(c["to"])): c["kind"] for c in payload["changes"]} == expected
    counts = Counter(expected.values())
    assert {kind: n for kind, n in payload["summary"].items() if n} == dict(counts)
    summary = ", ".join(f"{n} {kind}" for kind, n in payload["summary"].items() if n)
    assert text.output.splitlines()[0] == plain.output.splitlines()[0] == f"{report.old.id} -> {report.new.id}: {summary}"
    # What the counts rest on is said the same way in text and JSON.
    topical = tagged[corpus].relation(report.old, report.new) == "topical"
    assert payload["relation"] == ("topical" if topical else "lineage")
    partial = report.old.partial or report.new.partial
    for output in (text.output, plain.output):
        head = output.split("\n\n", 1)[0]
        assert ("\ntopical comparison: " in head) == topical
        assert ("\ncoverage: " in head) == partial


@pytest.mark.parametrize(("corpus", "old", "new"), PAIRS, ids=PAIR_IDS)
def test_silence_of_a_partly_known_version_is_never_a_deletion(tagged: dict[str, Workspace], corpus: str,
                                                               old: str, new: str) -> None:
    report = tagged[corpus].compare(old, new)
    for change in report.changes:
        link = change.link
        if link.from_labels and not link.to_labels and report.old.provision(link.from_labels[0]).status != "deleted":
            assert change.kind == ("not-reported" if report.new.partial else "deleted"), link
        if link.to_labels and not link.from_labels and report.new.provision(link.to_labels[0]).status != "deleted":
            assert change.kind == ("not-reported" if report.old.partial else "added"), link


def test_us_28_against_the_geneva_summary(runner: CliRunner) -> None:
    text = runner.invoke(app, ["diff", "us-28", "usua-19", "--no-colour", "--corpus", str(PROPOSALS)])
    payload = json.loads(runner.invoke(app, ["diff", "us-28", "usua-19", "--format", "json", "--context",
                                             "--corpus", str(PROPOSALS)]).output)
    assert payload["relation"] == "lineage" and payload["coverage"]["to"]["coverage"] == "summary"
    uncovered = [c for c in payload["changes"] if c["from"] and not c["to"]]
    assert uncovered and {c["kind"] for c in uncovered} == {"not-reported"}
    assert payload["summary"]["deleted"] == 0
    lines = text.output.splitlines()
    assert lines[1].startswith("coverage: us-28-2025-11-20 (known in full): ")
    assert "usua-19-2025-11-23 (known only from summaries)" in lines[1]
    assert "\nDELETED " not in text.output and "\nNOT-REPORTED  1 -> -  " in text.output


def test_a_pair_outside_the_lineage_is_topical(runner: CliRunner) -> None:
    for folder, old, new in ((PROPOSALS, "us-28", "eu-24"), (FROZEN, "dcg-10", "gs-5")):
        text = runner.invoke(app, ["diff", old, new, "--no-colour", "--corpus", str(folder)])
        assert text.output.splitlines()[1].startswith("topical comparison: lineage.toml does not lead from ")
        payload = json.loads(runner.invoke(app, ["diff", old, new, "--format", "json", "--corpus", str(folder)]).output)
        assert payload["relation"] == "topical"
        backward = json.loads(runner.invoke(app, ["diff", new, old, "--format", "json", "--corpus", str(folder)]).output)
        assert backward["relation"] == "topical"
    # Along the lineage, even over several steps, the comparison is not topical.
    for old, new in (("dcg-10", "nm-10"), ("dcg-10", "dcg-9")):
        text = runner.invoke(app, ["diff", old, new, "--no-colour", "--corpus", str(FROZEN)])
        assert "topical comparison" not in text.output


# -- history and the lineage matrix -------------------------------------------------------------


def expected_step(report: Report, held: tuple[str, ...], *, forward: bool) -> tuple[tuple[str, ...], str]:
    """Where the provisions `held` on one side of a comparison are on the other, and the kind, read
    off the comparison alone: the kinds of every change holding them that reaches the other side,
    or, when none does, the kind of the change that holds them."""
    own: Callable[[Change], tuple[str, ...]] = (lambda c: c.link.from_labels) if forward else (
        lambda c: c.link.to_labels)
    other: Callable[[Change], tuple[str, ...]] = (lambda c: c.link.to_labels) if forward else (
        lambda c: c.link.from_labels)
    changes = [c for c in report.changes if set(own(c)) & set(held)]
    assert changes, held
    there = {label for c in changes for label in other(c)}
    if there:
        side = report.new if forward else report.old
        return tuple(p.label for p in side.provisions if p.label in there), "+".join(
            sorted({c.kind for c in changes if other(c)}))
    return (), changes[0].kind


def check_step(ws: Workspace, step: Step, *, forward: bool) -> None:
    """A history step or matrix cell agrees with the tagged comparison of the versions it names."""
    assert step.compared_with is not None
    doc_id, _, labels = step.compared_with.rpartition(":")
    held = tuple(labels.split(","))
    seen = ws.corpus.documents[doc_id]
    report = ws.compare(seen, step.doc) if forward else ws.compare(step.doc, seen)
    assert (step.labels, step.kind) == expected_step(report, held, forward=forward), (step.doc.id, step.compared_with)


@pytest.mark.parametrize("corpus", sorted(CORPORA))
def test_history_agrees_with_the_comparisons_it_names(tagged: dict[str, Workspace], untagged: dict[str, Workspace],
                                                      corpus: str) -> None:
    ws = untagged[corpus]
    edges = ws.corpus.edges
    connected = sorted({e.parent for e in edges} | {e.child for e in edges})
    steps = 0
    for doc_id in connected:
        for provision in ws.corpus.documents[doc_id].provisions:
            thread = ws.history(f"{doc_id}:{provision.label}")
            for step in thread.later:
                check_step(tagged[corpus], step, forward=True)
            for step in thread.earlier:
                check_step(tagged[corpus], step, forward=False)
            steps += len(thread.later) + len(thread.earlier)
            # Along each lineage edge from this version, the step is the edge's own comparison.
            for edge in edges:
                if edge.parent == doc_id:
                    step = next(s for s in thread.later if s.doc.id == edge.child)
                    assert step.compared_with == f"{doc_id}:{provision.label}"
                if edge.child == doc_id:
                    step = next(s for s in thread.earlier if s.doc.id == edge.parent)
                    assert step.compared_with == f"{doc_id}:{provision.label}"
    assert steps > 2 * len(edges)


@pytest.mark.parametrize("corpus", sorted(CORPORA))
def test_matrix_cells_agree_with_history_and_the_comparisons(tagged: dict[str, Workspace],
                                                             untagged: dict[str, Workspace], corpus: str) -> None:
    ws = untagged[corpus]
    matrix = ws.lineage_matrix()
    assert matrix.rows
    for row in matrix.rows:
        thread = ws.history(row.start)
        later = {step.doc.id: step for step in thread.later}
        for doc_id, cell in row.cells.items():
            if cell.step.compared_with is None:
                assert doc_id == row.start.rpartition(":")[0] and cell.kind == "start"
                continue
            assert (cell.labels, cell.kind) == (later[doc_id].labels, later[doc_id].kind)
            check_step(tagged[corpus], cell.step, forward=True)
