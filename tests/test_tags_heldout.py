"""The tagger on a fresh held-out set (tests/tagsets-heldout): the accuracy to believe.

The 556 items were written, after the rules of implications.v2 round 2, by someone who saw
neither the rules nor the earlier tag sets, and were measured once by someone who writes no rules
(see the folder's README). Whoever changes the rules must not read these items or their misses:
that would turn the figure into fit. The floors below are what round 2 reached, rounded down, and
guard against a regression; they are below the 0.90 the issue asks for, and the README says so.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cow_compare.tags.engine import Tagger

from .tagsets.score import TAGS, Scores, score

ITEMS = Path(__file__).resolve().parent / "tagsets-heldout" / "items.jsonl"
F1_AT_LEAST = {"MNF-U": 0.85, "DMZ": 0.88, "territory": 0.80}
PRECISION_AT_LEAST = 0.90
POLARITY_AT_LEAST = 0.72


def heldout_scores(tagger: Tagger) -> Scores:
    """Score the tagger on every held-out item (figures only; no text is printed)."""
    items = [json.loads(line) for line in ITEMS.read_text(encoding="utf-8").splitlines() if line.strip()]
    gold = {i["id"]: frozenset((label["tag"], label["polarity"]) for label in i["labels"]) for i in items}
    found = tagger.tag_texts(i["text"] for i in items)
    predicted = {i["id"]: frozenset((t.tag, t.polarity) for t in tags if t.tag in TAGS)
                 for i, tags in zip(items, found, strict=True)}
    return score("held-out (tests/tagsets-heldout)", gold, predicted)


def test_the_held_out_figures(tagger: Tagger, capsys: pytest.CaptureFixture[str]) -> None:
    scores = heldout_scores(tagger)
    with capsys.disabled():
        print("\n  tags, " + "\n  ".join(scores.lines()))
    for tag in TAGS:
        assert scores.by_tag(tag).precision >= PRECISION_AT_LEAST, tag
        assert scores.by_tag(tag).f1 >= F1_AT_LEAST[tag], tag
    assert scores.polarity >= POLARITY_AT_LEAST
