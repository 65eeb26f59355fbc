"""Rule sets as data: the shipped sets load and write back exactly, malformed files list every
problem at once, and an analyst's file adds categories or overrides rules by id."""

from __future__ import annotations

from pathlib import Path

import pytest

from cow_compare import Corpus
from cow_compare.errors import RuleSetError
from cow_compare.model import TAG_POLARITIES
from cow_compare.tags import (
    DEFAULT_RULESET,
    SHIPPED,
    load_ruleset,
    load_with_extras,
    make_tagger,
    parse_ruleset,
)
from cow_compare.tags.rules import load_default, shipped_path

HEADER = '{"ruleset": "mine.v1", "categories": {"nuclear": ["gives-up", "keeps"]}}'


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_rule_sets_load_and_write_back_exactly(name: str) -> None:
    rules = load_ruleset(shipped_path(name), base=load_default())
    assert rules.name == name and rules.rules
    again = parse_ruleset(rules.to_jsonl(), "again.jsonl", base=load_default())
    assert [r.to_json() for r in again.rules] == [r.to_json() for r in rules.rules]
    assert again.categories == rules.categories


def test_implications_declares_the_design_vocabulary_in_precedence_order() -> None:
    rules = load_default()
    assert list(rules.categories) == ["MNF-U", "DMZ", "territory"]
    for tag, polarities in rules.categories.items():
        assert sorted(polarities) == sorted(TAG_POLARITIES[tag])
    assert {r.role for r in rules.rules} == {"cue", "negation", "transparent", "boundary", "clause"}
    assert rules.overrides is not None and set(rules.overrides) == set(rules.categories)
    assert rules.languages == ("en",) and rules.lexicons


def test_a_malformed_file_lists_every_problem_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join([
        '{"ruleset": "implications.v1", "categories": {"MNF-U": ["prohibits", "bans"]}}',
        '{"id": "a", "tag": "MNF-U", "polarity": "prohibits", "pattern": [{"LOWER": "no"}]',
        '{"id": "b", "tag": "MNF-U", "polarity": "forbids", "pattern": "no troops"}',
        '{"id": "c", "tag": "MNF-U", "polarity": "prohibits", "pattern": ""}',
        '{"id": "d", "tag": "Navy", "polarity": "requires", "pattern": "ships"}',
        '{"id": "e", "tag": "DMZ", "polarity": "requires", "pattern": [{"LEMA": "zone"}]}',
        '{"id": "e", "tag": "DMZ", "polarity": "requires", "pattern": "zone"}',
    ]) + "\n", encoding="utf-8")
    with pytest.raises(RuleSetError) as caught:
        load_ruleset(path, base=load_default())
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: 7 problems: ")
    for fragment in ("line 1: 'bans' is not a polarity of MNF-U", "line 2: not valid JSON",
                     "line 3 (b): polarity 'forbids' is not a polarity of MNF-U",
                     "line 4 (c): pattern is empty", "line 5 (d): tag 'Navy' is unknown",
                     "line 6 (e): token 1 uses 'LEMA'", "line 7 (e): id 'e' is already used on line 6"):
        assert fragment in message, fragment


def test_a_file_without_header_or_rules_is_refused(tmp_path: Path) -> None:
    with pytest.raises(RuleSetError, match="line 1: the first object must be the header"):
        parse_ruleset('{"id": "x", "tag": "DMZ", "polarity": "requires", "pattern": "zone"}\n', "x.jsonl")
    with pytest.raises(RuleSetError, match="has no rules"):
        parse_ruleset("\n\n", "empty.jsonl")
    with pytest.raises(RuleSetError, match="no such rule file"):
        load_with_extras([tmp_path / "missing.jsonl"])


def test_a_pattern_only_spacy_rejects_is_reported_with_its_line() -> None:
    rules = load_default().merged(parse_ruleset(
        HEADER + '\n{"id": "odd", "tag": "nuclear", "polarity": "keeps", "pattern": [{"LENGTH": "long"}]}\n',
        "odd.jsonl"))
    with pytest.raises(RuleSetError, match=r"odd.jsonl:2 \(odd\): spaCy rejects the pattern"):
        make_tagger(rules=rules)


def test_an_analyst_adds_a_category(tmp_path: Path, corpus: Corpus) -> None:
    path = tmp_path / "mine.jsonl"
    path.write_text(HEADER + "\n" + "\n".join([
        '{"id": "nuclear.topic", "tag": "nuclear", "polarity": null, "topic": true, "pattern": ["non-nuclear", "nuclear weapons"]}',
        '{"id": "nuclear.keep", "tag": "nuclear", "polarity": "keeps", "pattern": [{"LEMMA": {"IN": ["keep", "remain"]}}]}',
    ]) + "\n", encoding="utf-8")
    rules = load_with_extras([path])
    assert rules.name == f"{DEFAULT_RULESET}+mine.v1"
    tagged = make_tagger(rules=rules).tag_document(corpus.resolve("ua-20"))
    assert [(t.tag, t.polarity, t.rule) for t in tagged.tags_of("11").own] == [
        ("nuclear", "keeps", "mine.v1:nuclear.keep")]
    assert tagged.tags_of("4").own == ()


def test_an_analyst_overrides_a_rule_by_id(tmp_path: Path) -> None:
    path = tmp_path / "norway.jsonl"
    path.write_text('{"ruleset": "sweden.v1", "categories": {}}\n'
                    '{"id": "mnfu.adjacent.neighbour", "tag": "MNF-U", "polarity": "adjacent", "refines": ["requires"], '
                    '"pattern": [{"LOWER": {"IN": ["poland", "sweden"]}}]}\n', encoding="utf-8")
    base = make_tagger()
    mine = make_tagger([path])
    text = "NATO fighter jets will be based in Sweden."
    assert [(t.polarity, t.rule) for t in base.tag_text(text)] == [("requires", f"{DEFAULT_RULESET}:mnfu.deploy")]
    assert [(t.polarity, t.rule) for t in mine.tag_text(text)] == [("adjacent", "sweden.v1:mnfu.adjacent.neighbour")]
    assert len(mine.rules.rules) == len(base.rules.rules)


def test_the_shipped_policy_example_tags_the_corpus(corpus: Corpus) -> None:
    tagger = make_tagger(["policy.v1"])
    own = {}
    for doc_id, label in [("us-28", "6"), ("us-28", "7"), ("us-28", "25"), ("us-28", "26"), ("usua-19", "p3"),
                          ("usua-19", "p4"), ("eu-24", "11"), ("eu-e3", "7"), ("eu-e3", "13.a"), ("ua-20", "5.a")]:
        tagged = tagger.tag_document(corpus.resolve(doc_id))
        own[(doc_id, label)] = {t.tag: t.polarity for t in tagged.tags_of(label).own
                                if t.tag not in TAG_POLARITIES}
    assert own == {
        ("us-28", "6"): {"army-size": "caps"}, ("us-28", "7"): {"NATO-membership": "excludes"},
        ("us-28", "25"): {"elections": "schedules"}, ("us-28", "26"): {"amnesty": "grants"},
        ("usua-19", "p3"): {"army-size": "unlimited"}, ("usua-19", "p4"): {"amnesty": "excludes"},
        ("eu-24", "11"): {"army-size": "unlimited"}, ("eu-e3", "7"): {"NATO-membership": "conditional"},
        ("eu-e3", "13.a"): {"sanctions": "eases"}, ("ua-20", "5.a"): {"sanctions": "reimposes"},
    }
