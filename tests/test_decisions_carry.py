"""Decisions through the Workspace: staleness, carrying through the lineage, and one place that applies them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cow_compare import Workspace
from cow_compare.decisions.record import decide
from cow_compare.model import Standing, TaggedDocument
from tests.conftest import PROPOSALS


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    """A copy of the shipped corpus an analyst may edit, with its store beside it (the default place)."""
    folder = tmp_path / "corpus"
    shutil.copytree(PROPOSALS, folder)
    return folder


def _ws(corpus: Path) -> Workspace:
    return Workspace(corpus, store=corpus / ".cow-compare-decisions.sqlite")


def _states(ws: Workspace, doc: str) -> dict[tuple[str, str, str], str]:
    return {(s.label, s.event.tag, s.event.polarity): s.state for s in ws.standings(ws.resolve(doc))}


def _tag(tagged: TaggedDocument, label: str, tag: str, polarity: str) -> tuple[str, str, bool] | None:
    for t in tagged.tags_of(label).tags:
        if (t.tag, t.polarity) == (tag, polarity) and not t.via:
            return (t.decision.state if t.decision else "", t.source, t.counts)
    return None


def test_the_default_store_sits_in_the_corpus_folder_and_is_not_a_document(corpus: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COW_COMPARE_STORE")
    ws = Workspace(corpus)
    decide(ws, "confirm", "us-28:8", "MNF-U", analyst="alice")
    assert (corpus / ".cow-compare-decisions.sqlite").is_file()
    assert len(Workspace(corpus).documents()) == 9  # the corpus reader does not mistake it for a version


def test_a_decision_on_words_that_changed_goes_stale_and_is_not_applied(corpus: Path) -> None:
    ws = _ws(corpus)
    decide(ws, "reject", "us-28:8", "MNF-U", "prohibits", analyst="alice")
    decide(ws, "add", "us-28:9", "DMZ", "monitors", analyst="alice", evidence=["fighter jets"])
    decide(ws, "confirm", "us-28:22", "territory", analyst="alice")
    path = corpus / "us-28-2025-11-20.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("NATO troops will not be stationed", "NATO troops will never be stationed")
                        .replace("European fighter jets", "French fighter jets"), encoding="utf-8")
    fresh = _ws(corpus)
    assert _states(fresh, "us-28") == {("8", "MNF-U", "prohibits"): "stale", ("9", "DMZ", "monitors"): "stale",
                                       ("22", "territory", "non-force"): "confirmed"}
    tagged = fresh.tag("us-28")
    assert _tag(tagged, "8", "MNF-U", "prohibits") == ("stale", "rule", True)  # the rule's call stands
    assert _tag(tagged, "9", "DMZ", "monitors") == ("stale", "analyst", False)  # shown, not counted
    # A stale decision is not carried forward either.
    assert ("8", "MNF-U", "prohibits") not in _states(fresh, "eu-e3")
    # Reviewing it on the new words puts it back in force.
    decide(fresh, "reject", "us-28:8", "MNF-U", "prohibits", analyst="alice")
    assert _states(fresh, "us-28")[("8", "MNF-U", "prohibits")] == "rejected"


def test_a_merge_sends_each_part_for_review_and_a_deletion_ends_the_thread(corpus: Path) -> None:
    ws = _ws(corpus)
    decide(ws, "add", "us-28:10.b", "territory", "defers", analyst="alice")
    decide(ws, "add", "us-28:3", "MNF-U", "prohibits", analyst="alice", evidence=["NATO"])
    ua = _states(ws, "ua-20")
    assert ua[("5.b", "territory", "defers")] == "needs-review"  # 10.b and 10.d were merged into 5.b
    # The E3 kept 10.b word for word and struck point 3: one decision inherited, the other ends there.
    assert _states(ws, "eu-e3") == {("10.b", "territory", "defers"): "inherited"}
    assert not any(label == "3" for label, _, _ in ua)


def test_a_later_decision_wins_and_a_retraction_restores_the_one_before(corpus: Path) -> None:
    ws = _ws(corpus)
    first, = decide(ws, "confirm", "us-28:22", "territory", analyst="alice")
    second, = decide(ws, "reject", "us-28:22", "territory", analyst="bob")
    assert _tag(ws.tag("us-28"), "22", "territory", "non-force") == ("rejected", "rule", False)
    assert _tag(ws.tag("eu-e3"), "22", "territory", "non-force") == ("inherited", "rule", False)
    from cow_compare.decisions.record import retract

    retract(ws, str(second.event), analyst="bob")
    assert _tag(ws.tag("us-28"), "22", "territory", "non-force") == ("confirmed", "rule", True)
    inherited = ws.tag("eu-e3").tags_of("22").tags[0].decision
    assert isinstance(inherited, Standing) and inherited.event == first and inherited.provision.startswith("eu-e3")


def test_every_entry_point_shows_the_same_decisions(corpus: Path) -> None:
    ws = _ws(corpus)
    decide(ws, "reject", "us-28:19", "territory", analyst="alice")
    tagged = ws.tag("eu-e3").tags_of("19").tags
    report = ws.compare("us-28", "eu-e3")
    change = next(c for c in report.changes if c.link.to_labels == ("19",))
    assert change.tags_to[0].tags == tagged
    assert not any(f.kind == "tag" for f in change.facts)  # rejected on both sides: no shift
    steps = ws.history("us-28:19").steps
    assert [(s.doc.id, s.labels, [(d.label, d.state) for d in s.decisions]) for s in steps if s.decisions] == [
        ("us-28-2025-11-20", ("19",), [("19", "rejected")]),
        ("eu-e3-2025-11-23", ("19",), [("19", "inherited")]),
        ("us-20-2025-12-10-znua", ("p6",), [("p6", "needs-review")]),
        ("ua-20-2025-12-23", ("12", "12.option-a", "12.option-b"),
         [("12", "needs-review"), ("12.option-a", "needs-review"), ("12.option-b", "needs-review")])]


def test_no_store_file_means_nothing_is_opened(corpus: Path) -> None:
    ws = _ws(corpus)
    assert ws.decisions is None and ws.standings(ws.resolve("us-28")) == ()
    assert ws.tag("us-28") is ws.tagger.tag_document(ws.resolve("us-28"))
    assert not (corpus / ".cow-compare-decisions.sqlite").exists()
