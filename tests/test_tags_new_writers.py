"""The tagger on four sets written after the rules (tests/tagsets-heldout6 to -heldout9): all held out.

Four writers, each with a register of their own (news copy, legal drafting, translated and spoken
English, analysis and social posts), wrote these 1,683 items on 2026-11-30 from the tag definitions
alone, after implications.v5 and its round 7, without seeing the rules, the tagger's output or any
other set; each set was split by a salted hash of its ids on arrival. No rule has been written from
either half, so every item is held out and the whole set is the figure. A later round may read a
DEV half only; the TEST half's figures are printed beside, for that day. implications.v6's learned
layer was trained on these four sets, so they measure the rules (the default, v5), never v6. Floors are what the rule
set reaches on each whole set, rounded down, below the 0.90 the issue asks for where the README says so.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cow_compare.tags.engine import Tagger

from .tagsets import heldout
from .tagsets.score import TAGS

TESTS = Path(__file__).resolve().parent
# set: (items, F1 floor per tag, precision floor, polarity floor), what implications.v5 reaches, rounded down
SETS: dict[str, tuple[int, dict[str, float], float, float]] = {
    "tagsets-heldout6": (430, {"MNF-U": 0.86, "DMZ": 0.92, "territory": 0.84}, 0.84, 0.80),
    "tagsets-heldout7": (415, {"MNF-U": 0.82, "DMZ": 0.86, "territory": 0.74}, 0.81, 0.72),
    "tagsets-heldout8": (409, {"MNF-U": 0.86, "DMZ": 0.85, "territory": 0.75}, 0.82, 0.74),
    "tagsets-heldout9": (429, {"MNF-U": 0.84, "DMZ": 0.84, "territory": 0.82}, 0.82, 0.76),
}


@pytest.mark.parametrize("name", sorted(SETS))
def test_two_readers_agree_above_the_target_so_the_labels_can_hold_the_tagger_to_it(name: str) -> None:
    """Another helper, given only the ids, the texts and the definitions, labelled every item
    (second-labeller.jsonl): F1 0.94 to 0.99 per tag, polarity 0.93 to 0.97 against the writers."""
    people = heldout.second_labeller_scores(TESTS / name, None)
    assert all(people.by_tag(tag).f1 >= 0.94 for tag in TAGS) and people.polarity >= 0.93


@pytest.mark.parametrize("name", sorted(SETS))
def test_the_halves_are_fixed_by_the_salted_hash_of_each_id(name: str) -> None:
    split = heldout.split_of(TESTS / name)
    dev = len(split.load("dev"))
    assert 0.4 < dev / SETS[name][0] < 0.6
    heldout.check_halves(TESTS / name, dev, SETS[name][0] - dev)


@pytest.mark.parametrize("name", sorted(SETS))
def test_the_held_out_figures(tagger: Tagger, name: str, capsys: pytest.CaptureFixture[str]) -> None:
    _items, f1_floor, precision_floor, polarity_floor = SETS[name]
    with capsys.disabled():
        heldout.check_figures(tagger, TESTS / name, None, f1_floor, precision_floor, polarity_floor, (None, "test"))
