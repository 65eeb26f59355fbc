"""The tagger on the fifth held-out set (tests/tagsets-heldout5): the TEST half is held out.

The 427 items were written on 2026-11-30 by a helper that saw only the tag definitions (never the
rules, the tagger's output or any other set), and a salted hash of each id split them into a DEV
and a TEST half on arrival, before anyone measured them (tagsets.heldout.SaltedSplit). implications.v5 was measured on
both halves before round 7; round 7 read the DEV half's misses, so the TEST half is the held-out
figure. Figures are printed on every run (never an item or a miss); the floors are what the rule
set reaches on the TEST half, rounded down, below the 0.90 the issue asks for where the README says so.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cow_compare.tags.engine import Tagger

from .tagsets import heldout
from .tagsets.score import TAGS, Scores

FOLDER = Path(__file__).resolve().parent / "tagsets-heldout5"
F1_AT_LEAST = {"MNF-U": 0.88, "DMZ": 0.82, "territory": 0.77}
PRECISION_AT_LEAST = 0.86
POLARITY_AT_LEAST = 0.78


def half_scores(tagger: Tagger, which: str | None) -> Scores:
    """Score the tagger on one half of the set, or on the whole set with None (figures only)."""
    return heldout.half_scores(tagger, FOLDER, which)


def second_labeller_scores(which: str | None) -> Scores:
    """A second reader's labels of one half (second-labeller.jsonl), scored against the writer's as the tagger is."""
    return heldout.second_labeller_scores(FOLDER, which)


def test_two_readers_agree_above_the_target_so_the_labels_can_hold_the_tagger_to_it() -> None:
    people = second_labeller_scores(None)  # F1 0.990 / 0.973 / 0.971, polarity 0.909
    assert all(people.by_tag(tag).f1 >= 0.95 for tag in TAGS) and people.polarity >= 0.90


def test_the_halves_are_fixed_by_the_salted_hash_of_each_id() -> None:
    heldout.check_halves(FOLDER, 212, 215)


def test_the_held_out_figures(tagger: Tagger, capsys: pytest.CaptureFixture[str]) -> None:
    with capsys.disabled():
        heldout.check_figures(tagger, FOLDER, "test", F1_AT_LEAST, PRECISION_AT_LEAST, POLARITY_AT_LEAST,
                              ("dev", "test"))
