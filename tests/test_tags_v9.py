"""implications.v9: implications.v7's rules with implications.v8's learned layer, held to the rules' words.

The layer may keep or drop the polarities the rules give a tag, and bring back one a rule voted for
and the rules then dropped (an override, a narrowing), with that rule's words; unlike v8 it adds no
polarity no rule voted for and no tag (header `layer_adds: voted`). So every polarity v9 shows rests
on words a rule names, and an analyst checks it as any rule's call. The layer was trained on
heldout-6 to -9; the TEST halves of heldout-3 to -5 and the whole of heldout-10 to -15, which
neither it nor its trainer saw, measure it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cow_compare.errors import RuleSetError
from cow_compare.model import Evidence, Tag
from cow_compare.tags import load_named, make_tagger, parse_ruleset
from cow_compare.tags.engine import Tagger
from cow_compare.tags.layer import Layer, Model

from .tagsets import layers

TESTS = Path(__file__).resolve().parent
# set: (the half held out, None for the whole set; v9's polarity accuracy there, rounded down); v7 reaches less on each
POLARITY_AT_LEAST = {"tagsets-heldout3": ("test", 0.78), "tagsets-heldout4": ("test", 0.81),
                     "tagsets-heldout5": ("test", 0.82), "tagsets-heldout10": (None, 0.87),
                     "tagsets-heldout11": (None, 0.80), "tagsets-heldout12": (None, 0.78),
                     "tagsets-heldout13": (None, 0.85), "tagsets-heldout14": (None, 0.77),
                     "tagsets-heldout15": (None, 0.87)}


@pytest.fixture(scope="module")
def v9() -> Tagger:
    return make_tagger(rules=load_named("implications.v9"))


@pytest.fixture(scope="module")
def v7() -> Tagger:
    return make_tagger(rules=load_named("implications.v7"))


@pytest.mark.parametrize("name", sorted(POLARITY_AT_LEAST))
def test_the_layer_raises_polarity_on_writers_it_never_saw_and_finds_the_same_tags(
        v9: Tagger, v7: Tagger, name: str, capsys: pytest.CaptureFixture[str]) -> None:
    which, floor = POLARITY_AT_LEAST[name]
    with capsys.disabled():
        layers.check_held_out(v9, v7, TESTS / name, which, floor)


def test_on_the_corpus_v9_adds_none_of_the_polarities_v8_found_only_in_the_model(v9: Tagger) -> None:
    """v8 gives us-28 21.b `recognizes` on «Kherson» and «recognition», and ua-20 14 option B `cedes`
    on a mirror pull-back, from the words its model weighs, not from any rule; v9 gives neither."""
    from cow_compare import load_corpus

    corpus = load_corpus()
    v8 = make_tagger(rules=load_named("implications.v8"))
    for doc_id, label, polarity in (("us-28", "21.b", "recognizes"), ("ua-20", "14.option-b", "cedes")):
        text = corpus.resolve(doc_id).provision(label).text
        assert ("territory", polarity) in {(t.tag, t.polarity) for t in v8.tag_text(text)}
        assert ("territory", polarity) not in {(t.tag, t.polarity) for t in v9.tag_text(text)}
    assert layers.check_corpus(v9, make_tagger(rules=load_named("implications.v7"))) == 0


def test_a_voted_only_layer_brings_back_a_voted_polarity_and_adds_nothing_else() -> None:
    """The same always-on models: with `voted_only` the layer brings back `limits`, which a rule voted
    for ('only in the rear') before an override dropped it, with that rule's words; it does not add
    `prohibits`, which no rule voted for, and its add model adds no DMZ tag."""
    always = Model({"bias": 9.0, "w:rear": 2.0}, 0.5)
    requires = Tag(tag="MNF-U", polarity="requires", evidence=(Evidence(0, 6, "troops"),), rule="mine.v1:force")
    found = {"MNF-U": {"bias": [], "w:rear": [(30, 34, "rear")], "vote:limits": [(20, 34, "only in the rear")]}}
    absent = {"DMZ": {"bias": [], "w:rear": [(30, 34, "rear")]}}
    order = {"MNF-U": ("prohibits", "limits", "requires"), "DMZ": ("requires",)}
    models = {("MNF-U", "limits"): always, ("MNF-U", "prohibits"): always}
    adds = ({"DMZ": always}, {("DMZ", "requires"): always})
    anything = Layer("mine.v1", models, *adds).revise((requires,), order, found, absent)
    voted = Layer("mine.v1", models, *adds, voted_only=True).revise((requires,), order, found, absent)
    assert [(t.tag, t.polarity) for t in anything] == [("MNF-U", "prohibits"), ("MNF-U", "limits"),
                                                       ("MNF-U", "requires"), ("DMZ", "requires")]
    assert [(t.tag, t.polarity, t.evidence) for t in voted] == [
        ("MNF-U", "limits", (Evidence(20, 34, "only in the rear"),)), ("MNF-U", "requires", requires.evidence)]


def test_v9_is_one_header_line_on_v8_that_holds_the_layer_to_voted_polarities() -> None:
    from cow_compare.tags.rules import shipped_path

    assert len(shipped_path("implications.v9").read_text(encoding="utf-8").splitlines()) == 1
    v7, v8, v9 = load_named("implications.v7"), load_named("implications.v8"), load_named("implications.v9")
    assert [r.id for r in v9.rules] == [r.id for r in v7.rules] and v9.lexicons == v7.lexicons
    assert (v9.layer, v9.layer_adds, v8.layer_adds) == ("implications.v8.layer.json", "voted", "")
    assert len({v7.digest, v8.digest, v9.digest}) == 3  # the tag cache never answers one with another's tags
    assert '"layer_adds": "voted"' in v9.to_jsonl().splitlines()[0]


def test_a_layer_adds_setting_other_than_any_or_voted_is_refused_in_one_line() -> None:
    text = '{"ruleset": "mine.v1", "based_on": "implications.v8", "layer_adds": "sometimes"}\n'
    with pytest.raises(RuleSetError, match=r"mine\.jsonl.*layer_adds 'sometimes' must be 'any' or 'voted'"):
        parse_ruleset(text, "mine.jsonl")


def test_a_layer_that_rejects_every_polarity_of_a_tag_leaves_the_likeliest_the_rules_gave() -> None:
    """The layer never drops a tag: when its models reject every polarity the rules gave, the one
    they found likeliest stays, with the rules' own words; with no model for the tag's polarities,
    the rules' first stays."""
    never = Model({"bias": -9.0, "given": 1.0}, 0.5)
    less = Model({"bias": -9.0}, 0.5)
    prohibits = Tag(tag="MNF-U", polarity="prohibits", evidence=(Evidence(0, 4, "NATO"),), rule="mine.v1:a")
    limits = Tag(tag="MNF-U", polarity="limits", evidence=(Evidence(9, 18, "peacetime"),), rule="mine.v1:b")
    found = {"MNF-U": {"bias": []}}
    order = {"MNF-U": ("prohibits", "limits")}
    layer = Layer("mine.v1", {("MNF-U", "prohibits"): less, ("MNF-U", "limits"): never}, {}, {}, voted_only=True)
    assert layer.revise((prohibits, limits), order, found, {}) == (limits,)
    assert Layer("mine.v1", {}, {}, {}).revise((prohibits, limits), order, found, {}) == (prohibits, limits)
