"""The rules on ten sets written after implications.v5 (tests/tagsets-heldout6 to -heldout15).

Four writers, each with a register of their own (news copy, legal drafting, translated and spoken
English, analysis and social posts), wrote heldout-6 to -9 (1,683 items) on 2026-11-30 from the tag
definitions alone, after implications.v5, without seeing the rules, the tagger's output or any
other set; each set was split by a salted hash of its ids on arrival. Round 8 (implications.v7, the
default) read their DEV halves, so their TEST halves are the held-out figures and the DEV halves
are fit. Two more writers wrote heldout-10 (official and diplomatic text) and heldout-11
(translated, spoken and posted text) while round 8 was being written, and round 9 (still
implications.v7, before its release) read their DEV halves, so again their TEST halves are held
out. Heldout-12 (analysis and testimony) and heldout-13 (the security side in daily coverage) were
written while round 9 was being written; no rule was written from either, so each whole set is held
out. Heldout-14 (explainers and reference text) and heldout-15 (headlines, alerts and bulletins)
were written after implications.v7's release; no rule or layer was written or trained from either.

The default, implications.v9, is implications.v7's rules with a learned layer that was trained on
heldout-6 to -9 and never moves a tag: so the figures here are v7's, which are the default's tags on
every part; the default's polarity is held to its floors on the parts no layer saw, in
test_tags_v9.py and below (`heldout.UNSEEN_BY_LAYER`). Floors are what v7 reaches on the held-out
part, rounded down, below the 0.90 the issue asks for where the README says so.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cow_compare.tags.engine import Tagger

from .tagsets import heldout
from .tagsets.score import TAGS

TESTS = Path(__file__).resolve().parent


class Held:
    """A set's size, DEV half, the half held out (None: the whole set), and the floors: F1 per tag,
    precision and polarity accuracy there (what implications.v7, the default's rules, reaches, rounded down), and the
    agreement of a second reader with the writer over the whole set (F1 per tag and polarity)."""

    def __init__(self, items: int, dev: int, held: str | None, f1: tuple[float, float, float], precision: float,
                 polarity: float, people: tuple[float, float]) -> None:
        self.items, self.dev, self.held = items, dev, held
        self.f1 = dict(zip(TAGS, f1, strict=True))
        self.precision, self.polarity, self.people = precision, polarity, people


SETS: dict[str, Held] = {
    "tagsets-heldout6": Held(430, 228, "test", (0.86, 0.92, 0.88), 0.85, 0.81, (0.95, 0.96)),
    "tagsets-heldout7": Held(415, 211, "test", (0.76, 0.89, 0.74), 0.82, 0.72, (0.95, 0.93)),
    "tagsets-heldout8": Held(409, 213, "test", (0.86, 0.85, 0.81), 0.83, 0.74, (0.94, 0.96)),
    "tagsets-heldout9": Held(429, 212, "test", (0.82, 0.86, 0.83), 0.84, 0.74, (0.97, 0.93)),
    "tagsets-heldout10": Held(417, 200, "test", (0.92, 0.92, 0.84), 0.86, 0.82, (0.96, 0.95)),
    "tagsets-heldout11": Held(396, 184, "test", (0.85, 0.86, 0.81), 0.79, 0.77, (0.95, 0.92)),
    "tagsets-heldout12": Held(413, 211, None, (0.89, 0.88, 0.82), 0.82, 0.77, (0.96, 0.93)),
    "tagsets-heldout13": Held(395, 188, None, (0.82, 0.89, 0.80), 0.82, 0.85, (0.96, 0.95)),
    "tagsets-heldout14": Held(419, 203, None, (0.81, 0.86, 0.78), 0.75, 0.74, (0.95, 0.92)),
    "tagsets-heldout15": Held(429, 203, None, (0.88, 0.89, 0.79), 0.88, 0.85, (0.96, 0.95)),
}


@pytest.mark.parametrize("name", sorted(SETS))
def test_two_readers_agree_above_the_target_so_the_labels_can_hold_the_tagger_to_it(name: str) -> None:
    """Another helper, given only the ids, the texts and the definitions, labelled every item
    (second-labeller.jsonl): F1 0.93 to 0.99 per tag, polarity 0.92 to 0.97 against the writers."""
    people = heldout.second_labeller_scores(TESTS / name, None)
    f1_floor, polarity_floor = SETS[name].people
    assert all(people.by_tag(tag).f1 >= f1_floor for tag in TAGS) and people.polarity >= polarity_floor


@pytest.mark.parametrize("name", sorted(SETS))
def test_the_halves_are_fixed_by_the_salted_hash_of_each_id(name: str) -> None:
    held = SETS[name]
    assert 0.4 < held.dev / held.items < 0.6
    heldout.check_halves(TESTS / name, held.dev, held.items - held.dev)


@pytest.mark.parametrize("name", sorted(SETS))
def test_the_held_out_figures(v7: Tagger, name: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Figures of implications.v7, the default's rules, whose tags the default shows on every text."""
    held = SETS[name]
    shown = ("dev", "test") if held.held == "test" else (None,)
    with capsys.disabled():
        heldout.check_figures(v7, TESTS / name, held.held, held.f1, held.precision, held.polarity, shown)


def test_every_held_out_item_at_once(tagger: Tagger, v7: Tagger, capsys: pytest.CaptureFixture[str]) -> None:
    """The figures the README leads with, held to what the default reaches, rounded down: its tags
    over all thirteen held-out parts pooled (heldout.HELD_OUT, 3,729 items, each counted once), the
    same as its rules', and its polarity over the nine parts no layer was trained on (2,910 items)."""
    pooled = heldout.pooled_scores(tagger)
    unseen = heldout.pooled_scores(tagger, heldout.UNSEEN_BY_LAYER)
    with capsys.disabled():
        print("\n  tags, " + "\n  ".join(pooled.lines()) + "\n  polarity where no layer was trained: "
              f"{unseen.polarity:.3f} ({unseen.items} items)")
    assert (pooled.items, unseen.items) == (3729, 2910)
    floors = {"MNF-U": 0.85, "DMZ": 0.87, "territory": 0.81}
    assert all(pooled.by_tag(tag).f1 >= floors[tag] and pooled.by_tag(tag).precision >= 0.86 for tag in TAGS)
    assert unseen.polarity >= 0.81 > heldout.pooled_scores(v7, heldout.UNSEEN_BY_LAYER).polarity
