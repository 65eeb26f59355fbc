"""implications.v8: implications.v7's rules with a learned layer that revises their polarities.

The layer (weights in cow_compare/tags/data/implications.v8.layer.json) was trained, as v6's was on
v5's calls, on v7's calls over tests/tagsets-heldout6 to -heldout9, with its settings chosen by
leaving one writer out at a time. It never adds or drops a tag. The TEST halves of heldout-3, -4
and -5 and the whole of heldout-10 to -13, which neither the layer nor its trainer saw, measure
what it does to polarity. The default, implications.v9, holds this layer to the rules' votes (README: why).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cow_compare.tags import load_named, make_tagger
from cow_compare.tags.engine import Tagger

from .tagsets import layers

TESTS = Path(__file__).resolve().parent
# set: (the half held out, None for the whole set; v8's polarity accuracy there, rounded down); v7 reaches less on each
POLARITY_AT_LEAST = {"tagsets-heldout3": ("test", 0.77), "tagsets-heldout4": ("test", 0.82),
                     "tagsets-heldout5": ("test", 0.81), "tagsets-heldout10": (None, 0.84),
                     "tagsets-heldout11": (None, 0.78), "tagsets-heldout12": (None, 0.79),
                     "tagsets-heldout13": (None, 0.86)}


@pytest.fixture(scope="module")
def v8() -> Tagger:
    return make_tagger(rules=load_named("implications.v8"))


@pytest.mark.parametrize("name", sorted(POLARITY_AT_LEAST))
def test_the_layer_raises_polarity_on_held_out_writers_and_finds_the_same_tags(
        v8: Tagger, v7: Tagger, name: str, capsys: pytest.CaptureFixture[str]) -> None:
    which, floor = POLARITY_AT_LEAST[name]
    with capsys.disabled():
        layers.check_held_out(v8, v7, TESTS / name, which, floor)


def test_every_polarity_the_layer_gives_has_its_words(v8: Tagger, v7: Tagger) -> None:
    assert layers.check_corpus(v8, v7) >= 1  # us-28 21.b, 'amounting to de facto recognition of that line', gains recognizes


@pytest.mark.parametrize("ruleset", ["implications.v6", "implications.v8"])
def test_an_open_question_stays_open_under_either_layer(ruleset: str) -> None:
    """ua-20 point 14: 'not agreed' names the defers tag, but 'whether ... is still open' decided it
    too, by refining the withdrawal's cedes; the layer must see that from the rules that matched."""
    text = ("The territorial settlement is not agreed: which line is frozen, and whether Ukrainian forces withdraw "
            "from the part of Donetsk oblast they currently control, is still open between the United States "
            "and Ukraine.")
    tags = make_tagger(rules=load_named(ruleset)).tag_text(text)
    assert {(t.tag, t.polarity) for t in tags} == {("territory", "defers")}


def test_v8_is_one_header_line_on_v7_with_its_own_layer() -> None:
    from cow_compare.tags.rules import shipped_path

    assert len(shipped_path("implications.v8").read_text(encoding="utf-8").splitlines()) == 1
    v7, v8 = load_named("implications.v7"), load_named("implications.v8")
    assert [r.id for r in v8.rules] == [r.id for r in v7.rules] and v8.lexicons == v7.lexicons
    assert v8.layer == "implications.v8.layer.json" and v7.layer == "" and v8.digest != v7.digest


def test_a_polarity_the_layer_brings_back_shows_the_words_of_the_rule_that_voted_for_it() -> None:
    """The rules voted limits ('only in the rear') and an override dropped it; when the layer keeps
    limits after all, its evidence is the words that rule matched, not the model's heaviest features."""
    from cow_compare.model import Evidence, Tag
    from cow_compare.tags.layer import Layer, Model

    always = Model({"bias": 9.0, "w:rear": 2.0}, 0.5)
    models = Layer("mine.v1", {("MNF-U", "limits"): always}, {}, {})
    requires = Tag(tag="MNF-U", polarity="requires", evidence=(Evidence(0, 6, "troops"),), rule="mine.v1:force")
    found = {"MNF-U": {"bias": [], "w:rear": [(30, 34, "rear")], "vote:limits": [(20, 34, "only in the rear")]}}
    (kept, added) = models.revise((requires,), {"MNF-U": ("limits", "requires")}, found, {})[::-1]
    assert (added.polarity, added.evidence) == ("limits", (Evidence(20, 34, "only in the rear"),))
    assert kept == requires
