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
def v9(tagger: Tagger) -> Tagger:
    """The default, whose tagger the session has built already."""
    assert tagger.rules.name == "implications.v9"
    return tagger


@pytest.mark.parametrize("name", sorted(POLARITY_AT_LEAST))
def test_the_layer_raises_polarity_on_writers_it_never_saw_and_finds_the_same_tags(
        v9: Tagger, v7: Tagger, name: str, capsys: pytest.CaptureFixture[str]) -> None:
    which, floor = POLARITY_AT_LEAST[name]
    with capsys.disabled():
        layers.check_held_out(v9, v7, TESTS / name, which, floor)


def test_on_the_corpus_v9_adds_none_of_the_polarities_v8_found_only_in_the_model(v9: Tagger, v7: Tagger) -> None:
    """v8 gives us-28 21.b `recognizes` on «Kherson» and «recognition», and ua-20 14 option B `cedes`
    on a mirror pull-back, from the words its model weighs, not from any rule; v9 gives neither."""
    from cow_compare import load_corpus

    corpus = load_corpus()
    v8 = make_tagger(rules=load_named("implications.v8"))
    for doc_id, label, polarity in (("us-28", "21.b", "recognizes"), ("ua-20", "14.option-b", "cedes")):
        text = corpus.resolve(doc_id).provision(label).text
        assert ("territory", polarity) in {(t.tag, t.polarity) for t in v8.tag_text(text)}
        assert ("territory", polarity) not in {(t.tag, t.polarity) for t in v9.tag_text(text)}
    assert layers.check_corpus(v9, v7) == 0


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
    from dataclasses import replace

    assert replace(v9, layer_adds="").digest != v9.digest  # the cache never answers v9 with v8's tags
    assert '"layer_adds": "voted"' in v9.to_jsonl().splitlines()[0]


def test_a_layer_adds_setting_other_than_any_or_voted_is_refused_in_one_line() -> None:
    text = '{"ruleset": "mine.v1", "based_on": "implications.v8", "layer_adds": "sometimes"}\n'
    with pytest.raises(RuleSetError, match=r"mine\.jsonl: 1 problem: line 1: layer_adds 'sometimes' must be one of "
                                           r"'any', 'voted'; fix the rule file"):
        parse_ruleset(text, "mine.jsonl")
    with pytest.raises(RuleSetError, match=r"layer_adds '' must be one of"):  # the schema has no empty setting
        parse_ruleset(text.replace("sometimes", ""), "mine.jsonl")


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


def test_a_layer_brought_back_on_real_wording_shows_the_words_of_the_rule_that_voted(v9: Tagger, v7: Tagger) -> None:
    """A size cap drops `requires` under the rules ('no more than 30,000' limits the force); v9's
    layer brings it back, on the words the deployment rule matched, and names itself as the rule."""
    text = "If deployed, the peacekeepers would number no more than 30,000 and stay only as long as the mandate allows."
    assert [(t.tag, t.polarity) for t in v7.tag_text(text)] == [("MNF-U", "limits")]
    limits, requires = v9.tag_text(text)
    assert (limits.polarity, limits.rule) == ("limits", "implications.v9:mnfu.limits.no-more-than")
    assert (requires.polarity, requires.rule) == ("requires", "implications.v9:layer.MNF-U.requires")
    assert [e.text for e in requires.evidence] == ["deployed", "mandate"]
    assert all(text[e.start:e.end] == e.text for e in requires.evidence)


def test_a_file_that_brings_its_own_layer_tags_as_that_layer_does_beside_the_default(tmp_path: Path) -> None:
    """`layer_adds` goes with the layer it holds: a file based on v8 passed beside the default tags
    as v8 does, not held as v9's layer is; a file of plain rules keeps the default's setting; a
    setting in a set with no layer anywhere is refused in one line."""
    from cow_compare.tags import load_with_extras

    on_v8 = tmp_path / "on-v8.jsonl"
    on_v8.write_text('{"ruleset": "mine.v2", "based_on": "implications.v8"}\n', encoding="utf-8")
    plain = tmp_path / "plain.jsonl"
    plain.write_text('{"ruleset": "mine.v3", "categories": {"Trade": ["opens"]}}\n'
                     '{"id": "trade.opens", "tag": "Trade", "polarity": "opens", "pattern": "open trade"}\n',
                     encoding="utf-8")
    assert (load_with_extras([on_v8]).layer, load_with_extras([on_v8]).layer_adds) == ("implications.v8.layer.json", "")
    assert load_with_extras([plain]).layer_adds == "voted"
    assert load_with_extras(["implications.v7", plain]).layer_adds == ""
    unheld = tmp_path / "unheld.jsonl"
    unheld.write_text('{"ruleset": "mine.v4", "layer_adds": "any"}\n', encoding="utf-8")
    assert load_with_extras([unheld]).layer_adds == "any"  # beside the default, whose layer it frees
    with pytest.raises(RuleSetError, match=r"unheld\.jsonl: layer_adds 'any' says what a learned layer may add, "
                                           r"but the set has none"):
        load_with_extras(["implications.v7", unheld])
