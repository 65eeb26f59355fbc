"""Tagging accuracy against gold labels written by reading every provision (tests/labels/implications.toml).

Per tag, a provision either carries the tag or not: precision, recall and F1 count those calls.
Polarity accuracy is the share of provisions where both the gold labels and the tagger carry a tag
and give it the same polarity. Gold labels follow the provision's own words (a point is not
labelled with its sub-items' tags), so the comparison uses the tagger's own-word tags, not the
summaries it adds to points. The figures are printed on every run. A version imported into
proposals/ is measured once it has labels; until then it is left out, and the catalogued versions
must always be labelled.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from cow_compare import Corpus
from cow_compare.model import TAG_POLARITIES
from cow_compare.tags.engine import Tagger

from .test_corpus import CATALOG_POINTS

LABELS = Path(__file__).resolve().parent / "labels" / "implications.toml"
F1_FLOOR = 0.90
POLARITY_FLOOR = 0.85

Calls = dict[tuple[str, str], dict[str, str]]


def _gold() -> Calls:
    table = tomllib.loads(LABELS.read_text(encoding="utf-8"))
    return {(entry["doc"], entry["label"]): {t["tag"]: t["polarity"] for t in entry["tags"]}
            for entry in table["provision"]}


@pytest.fixture(scope="module")
def predicted(corpus: Corpus, tagger: Tagger) -> Calls:
    out: Calls = {}
    for doc_id in sorted({doc for doc, _label in _gold()}):
        for p in tagger.tag_document(corpus.documents[doc_id]).provisions:
            out[(doc_id, p.provision.label)] = {t.tag: t.polarity for t in p.own}
    return out


def test_labels_cover_every_provision_once_with_valid_polarities(corpus: Corpus) -> None:
    table = tomllib.loads(LABELS.read_text(encoding="utf-8"))
    keys = [(e["doc"], e["label"]) for e in table["provision"]]
    assert len(keys) == len(set(keys))
    labelled = {doc for doc, _label in keys}
    assert set(CATALOG_POINTS) <= labelled <= set(corpus.documents)
    assert set(keys) == {(d, p.label) for d in labelled for p in corpus.documents[d].provisions}
    for entry in table["provision"]:
        tags = [t["tag"] for t in entry["tags"]]
        assert len(tags) == len(set(tags)), entry
        for t in entry["tags"]:
            assert t["polarity"] in TAG_POLARITIES[t["tag"]], entry


def scores(gold: Calls, predicted: Calls, tag: str) -> tuple[float, float, float, int, int]:
    """Return precision, recall, F1, and the number of provisions both tag and agree on."""
    both = [k for k in gold if tag in gold[k] and tag in predicted.get(k, {})]
    only_gold = sum(1 for k in gold if tag in gold[k] and tag not in predicted.get(k, {}))
    only_tagger = sum(1 for k in predicted if tag in predicted[k] and tag not in gold.get(k, {}))
    precision = len(both) / (len(both) + only_tagger) if both or only_tagger else 1.0
    recall = len(both) / (len(both) + only_gold) if both or only_gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    agree = sum(1 for k in both if gold[k][tag] == predicted[k][tag])
    return precision, recall, f1, len(both), agree


def test_accuracy_against_gold_labels(predicted: Calls, capsys: pytest.CaptureFixture[str]) -> None:
    gold = _gold()
    assert set(predicted) == set(gold)
    rows, both_total, agree_total = [], 0, 0
    for tag in TAG_POLARITIES:
        precision, recall, f1, both, agree = scores(gold, predicted, tag)
        both_total += both
        agree_total += agree
        rows.append((tag, precision, recall, f1, both, agree))
    polarity_accuracy = agree_total / both_total
    misses = sorted(f"{doc}:{label} gold {gold[(doc, label)]} tagger {predicted[(doc, label)]}"
                    for doc, label in gold if gold[(doc, label)] != predicted[(doc, label)])
    with capsys.disabled():
        for tag, precision, recall, f1, both, agree in rows:
            print(f"\n  tags {tag:<9}: precision {precision:.3f} recall {recall:.3f} F1 {f1:.3f} "
                  f"polarity {agree}/{both}", end="")
        print(f"\n  tags polarity accuracy {polarity_accuracy:.3f} ({agree_total}/{both_total})")
        for miss in misses:
            print(f"  tags differ: {miss}")
    for tag, _p, _r, f1, _b, _a in rows:
        assert f1 >= F1_FLOOR, f"{tag} F1 {f1:.3f} is below {F1_FLOOR}"
    assert polarity_accuracy >= POLARITY_FLOOR


def test_scores_count_misses_and_wrong_polarities() -> None:
    gold: Calls = {("d", "1"): {"MNF-U": "prohibits"}, ("d", "2"): {"MNF-U": "limits"}, ("d", "3"): {}}
    predicted: Calls = {("d", "1"): {"MNF-U": "prohibits"}, ("d", "2"): {}, ("d", "3"): {"MNF-U": "requires"}}
    precision, recall, f1, both, agree = scores(gold, predicted, "MNF-U")
    assert (precision, recall, both, agree) == (0.5, 0.5, 1, 1)
    assert f1 == pytest.approx(0.5)
