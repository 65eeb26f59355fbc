"""implications.v6: implications.v5's rules with a learned layer that revises their polarities.

The layer (cow_compare/tags/layer.py, weights in cow_compare/tags/data/implications.v6.layer.json)
was trained on tests/tagsets-heldout6 to -heldout9, four writers no rule was written from, with its
settings chosen by leaving one writer out at a time (docs/learned-layer-spike.md). It never adds or
drops a tag, only polarities, so v6 finds what v5 finds; the held-out TEST halves of heldout-3, -4
and -5, which neither the layer nor its trainer saw, measure what it does to polarity.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from cow_compare.errors import RuleSetError
from cow_compare.tags import load_named, make_tagger, parse_ruleset
from cow_compare.tags.engine import Tagger
from cow_compare.tags.rules import load_default

from .conftest import run_cli
from .tagsets import layers

TESTS = Path(__file__).resolve().parent
# set: polarity accuracy floor on its TEST half under v6 (what it reaches, rounded down); v5 reaches less on each
POLARITY_AT_LEAST = {"tagsets-heldout3": 0.77, "tagsets-heldout4": 0.81, "tagsets-heldout5": 0.81}


@pytest.fixture(scope="module")
def v6() -> Tagger:
    return make_tagger(rules=load_named("implications.v6"))


@pytest.fixture(scope="module")
def v5() -> Tagger:
    return make_tagger(rules=load_named("implications.v5"))


@pytest.mark.parametrize("name", sorted(POLARITY_AT_LEAST))
def test_the_layer_raises_polarity_on_held_out_writers_and_finds_the_same_tags(
        v6: Tagger, v5: Tagger, name: str, capsys: pytest.CaptureFixture[str]) -> None:
    with capsys.disabled():
        layers.check_held_out(v6, v5, TESTS / name, "test", POLARITY_AT_LEAST[name])


def test_every_polarity_the_layer_gives_has_its_words(v6: Tagger, v5: Tagger) -> None:
    assert layers.check_corpus(v6, v5) >= 1  # the layer does add a polarity on the corpus (us-28 21.b: 'amounting to de facto recognition')


def test_the_layer_is_part_of_the_set_and_of_its_cache_key() -> None:
    rules = load_named("implications.v6")
    assert rules.layer == "implications.v6.layer.json"
    assert '"layer": "implications.v6.layer.json"' in rules.to_jsonl().splitlines()[0]
    assert dataclasses.replace(rules, layer="").digest != rules.digest
    from cow_compare.tags import cache

    assert "layer.py" in cache._CODE  # a change to the layer's code is a change to the cached tags
    assert (load_default().layer, load_default().layer_adds) == ("implications.v8.layer.json", "voted")  # v9


def test_the_same_text_gets_the_same_bytes(v6: Tagger) -> None:
    text = ("In Luhansk and Kherson the current line will be de facto recognized as the line of contact; Ukrainian "
            "forces will withdraw from the part of Donetsk oblast they control.")
    assert v6.tag_text(text) == make_tagger(rules=load_named("implications.v6")).tag_text(text)


def test_a_rule_file_naming_a_layer_that_is_not_shipped_is_refused_in_one_line(tmp_path: Path) -> None:
    mine = tmp_path / "mine.jsonl"
    mine.write_text('{"ruleset": "mine.v1", "layer": "mine.layer.json"}\n', encoding="utf-8")
    result = run_cli("tag", "us-28", "--rules", str(mine))
    assert result.returncode == 2 and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and "mine.layer.json" in result.stderr
    with pytest.raises(RuleSetError, match=r"layer '\.\./secrets\.json' must name a layer shipped beside the rule sets"):
        parse_ruleset('{"ruleset": "mine.v1", "layer": "../secrets.json"}\n', "bad.jsonl")


def test_a_polarity_a_refining_rule_decided_stands_and_what_it_narrowed_stays_out() -> None:
    """'whether Ukraine withdraws is still open' defers by a rule that refines cedes: whatever the
    models say, the layer keeps defers and does not bring cedes back."""
    from cow_compare.model import Evidence, Tag
    from cow_compare.tags.layer import Layer, Model

    never, always = Model({"bias": -9.0}, 0.5), Model({"bias": 9.0, "self-vote": 1.0}, 0.5)
    models = Layer("mine.v1", {("territory", "defers"): never, ("territory", "cedes"): always}, {}, {})
    defers = Tag(tag="territory", polarity="defers", evidence=(Evidence(0, 7, "whether"),), rule="mine.v1:whether")
    order = {"territory": ("cedes", "defers")}
    found = {"territory": {"bias": [], "vote:cedes": [(8, 16, "withdraw")]}}
    revised = models.revise((defers,), order, found, {})
    assert [(t.polarity, t.rule) for t in revised] == [("cedes", "mine.v1:layer.territory.cedes")]
    guarded = models.revise((defers,), order, found, {}, {("territory", "defers"): ("cedes",)})
    assert guarded == (defers,)


def test_v6_is_one_header_line_on_v5_and_reads_as_a_set_of_its_own() -> None:
    """implications.v6.jsonl holds no copy of v5: `based_on` takes v5's lexicons and rules under v6's name."""
    from cow_compare.tags.rules import shipped_path

    assert len(shipped_path("implications.v6").read_text(encoding="utf-8").splitlines()) == 1
    v5, v6 = load_named("implications.v5"), load_named("implications.v6")
    assert [r.id for r in v6.rules] == [r.id for r in v5.rules] and v6.lexicons == v5.lexicons
    assert {r.ruleset for r in v6.rules} == {"implications.v6"} and v6.overrides == v5.overrides
    with pytest.raises(RuleSetError, match=r"based_on 'mine\.v9' is not a shipped base rule set"):
        parse_ruleset('{"ruleset": "mine.v1", "based_on": "mine.v9"}\n', "mine.jsonl")
    with pytest.raises(RuleSetError, match=r"based_on 'mine\.v1' must name another shipped base rule set"):
        parse_ruleset('{"ruleset": "mine.v1", "based_on": "mine.v1"}\n', "mine.jsonl")
