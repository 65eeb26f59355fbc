"""Tagging fit on the corpus's gold labels, written by reading every provision (tests/labels/implications.toml).

The rules were written with the corpus in view, so these figures are fit, not accuracy: the
tagsets (dev+test, fit after round 2) are scored by tests/test_tags_tagsets.py. Per tag, a provision
either carries the tag or not: precision, recall and F1 count those calls. Polarity accuracy
counts (tag, polarity) pairs on provisions both the gold and the tagger tag; the gold gives one
polarity per tag, so a second polarity the tagger finds counts against it. Gold labels follow the
provision's own words (a point is not labelled with its sub-items' tags), so the comparison uses
the tagger's own-word tags, not the summaries it adds to points. The figures are printed on every run.
A version imported into proposals/ is measured once it has labels; the catalogued versions must
always be labelled.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from cow_compare import Corpus
from cow_compare.model import TAG_POLARITIES
from cow_compare.tags.engine import Tagger

from .tagsets.score import TAGS, corpus_calls, score
from .test_corpus import CATALOG_POINTS

LABELS = Path(__file__).resolve().parent / "labels" / "implications.toml"
F1_FLOOR = 0.90
POLARITY_FLOOR = 0.85


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


def test_fit_on_the_corpus_gold_labels(tagger: Tagger, capsys: pytest.CaptureFixture[str]) -> None:
    gold, predicted = corpus_calls(tagger)
    assert set(predicted) == set(gold)
    scores = score("corpus", gold, predicted)
    misses = sorted(f"{key} gold {sorted(gold[key])} tagger {sorted(predicted[key])}"
                    for key in gold if gold[key] != predicted[key])
    with capsys.disabled():
        print("\n  tags, corpus fit: " + "\n  ".join(scores.lines()))
        for miss in misses:
            print(f"  tags differ: {miss}")
    for tag in TAGS:
        assert scores.by_tag(tag).f1 >= F1_FLOOR, f"{tag} F1 {scores.by_tag(tag).f1:.3f} is below {F1_FLOOR}"
    assert scores.polarity >= POLARITY_FLOOR
