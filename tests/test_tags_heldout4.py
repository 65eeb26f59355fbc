"""The tagger on the fourth held-out set (tests/tagsets-heldout4): the TEST half is held out.

The 546 items were written by a helper that saw neither the rules, nor the tagger's output, nor
any other tag set, while another helper wrote round 5 of the rules without seeing them; a salted
hash of each id split them into a DEV and a TEST half before anyone measured them (split.py).
Round 5 read neither half; rounds 6 and 7 read the DEV half only, so the TEST half is the held-out figure.
Figures are printed on every run (never an item or a miss); the floors are what the rule set
reaches on the TEST half, rounded down, and below the 0.90 the issue asks for where the README says so.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cow_compare.tags.engine import Tagger

from .tagsets import heldout
from .tagsets.score import TAGS, Scores

FOLDER = Path(__file__).resolve().parent / "tagsets-heldout4"
F1_AT_LEAST = {"MNF-U": 0.87, "DMZ": 0.87, "territory": 0.83}
# 0.83 since round 9 (2026-11-30): on this TEST half territory went from precision 0.846 / recall
# 0.833 (v5) to 0.836 / 0.848 (v7), F1 0.840 to 0.842: one more found, one more false call
PRECISION_AT_LEAST = 0.83
POLARITY_AT_LEAST = 0.77


def half_scores(tagger: Tagger, which: str | None) -> Scores:
    """Score the tagger on one half of the set, or on the whole set with None (figures only)."""
    return heldout.half_scores(tagger, FOLDER, which)


def second_labeller_scores(which: str | None) -> Scores:
    """A second reader's labels of one half (second-labeller.jsonl), scored against the writer's as the tagger is."""
    return heldout.second_labeller_scores(FOLDER, which)


def test_two_readers_agree_far_above_the_target_so_the_labels_can_hold_the_tagger_to_it() -> None:
    people = second_labeller_scores(None)  # F1 0.987 / 0.957 / 0.979, polarity 0.950
    assert all(people.by_tag(tag).f1 >= 0.95 for tag in TAGS) and people.polarity >= 0.94


def test_the_halves_are_fixed_by_the_salted_hash_of_each_id() -> None:
    heldout.check_halves(FOLDER, 278, 268)


def test_the_held_out_figures(tagger: Tagger, capsys: pytest.CaptureFixture[str]) -> None:
    with capsys.disabled():
        heldout.check_figures(tagger, FOLDER, "test", F1_AT_LEAST, PRECISION_AT_LEAST, POLARITY_AT_LEAST,
                              ("dev", "test"))
