"""The tagger on the third held-out set (tests/tagsets-heldout3): the accuracy the README reports.

The 691 items were written after rounds 1 and 2 of the rules, while round 3 was being written, by a
helper that saw neither the rules, nor the tagger's output, nor any other tag set, and were split
by a salted hash of their ids into a DEV and a TEST half before anyone measured them (split.py).
Nobody who writes rules may read the TEST half or its misses; the figures below are printed on
every run, and the floors guard against a regression. They are what the rule set reaches, rounded
down, and below the 0.90 the issue asks for where the README says so.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cow_compare.tags.engine import Tagger

from .tagsets import heldout
from .tagsets.score import TAGS, Scores

FOLDER = Path(__file__).resolve().parent / "tagsets-heldout3"
F1_AT_LEAST = {"MNF-U": 0.85, "DMZ": 0.86, "territory": 0.85}
PRECISION_AT_LEAST = 0.88
POLARITY_AT_LEAST = 0.76


def half_scores(tagger: Tagger, which: str) -> Scores:
    """Score the tagger on one half of the set (figures only; no text is printed)."""
    return heldout.half_scores(tagger, FOLDER, which)


def second_labeller_scores(which: str) -> Scores:
    """A second person's labels of one half (second-labeller.jsonl), scored against the writer's as the tagger is."""
    return heldout.second_labeller_scores(FOLDER, which)


def test_two_readers_agree_far_above_the_target_so_the_labels_can_hold_the_tagger_to_it() -> None:
    people = second_labeller_scores("test")
    assert all(people.by_tag(tag).f1 >= 0.95 for tag in TAGS) and people.polarity >= 0.95


def test_the_halves_are_fixed_by_the_salted_hash_of_each_id() -> None:
    split = heldout.split_of(FOLDER)
    dev, test = split.load("dev"), split.load("test")
    assert len(dev) + len(test) == len(split.load()) == 691
    assert {i["id"] for i in dev}.isdisjoint({i["id"] for i in test})
    assert split.half("h3-0001") == "dev" and split.half("h3-0005") == "test"


def test_the_held_out_figures(tagger: Tagger, capsys: pytest.CaptureFixture[str]) -> None:
    test = half_scores(tagger, "test")
    design = heldout.half_scores(tagger, FOLDER, "test", "design-labels.jsonl")
    with capsys.disabled():
        print("\n  tags, " + "\n  ".join([*half_scores(tagger, "dev").lines(), *test.lines(), *design.lines()]))
    for tag in TAGS:
        assert test.by_tag(tag).precision >= PRECISION_AT_LEAST, tag
        assert test.by_tag(tag).f1 >= F1_AT_LEAST[tag], tag
    assert test.polarity >= POLARITY_AT_LEAST
