"""Checks shared by the rule sets with a learned layer (implications.v6 on v5, v8 on v7): on held-out
writers the layer raises polarity and moves no tag; on the corpus every tag it gives has its words."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from cow_compare import load_corpus

from . import heldout
from .score import TAGS

if TYPE_CHECKING:
    from cow_compare.tags.engine import Tagger


def check_held_out(layered: Tagger, rules: Tagger, folder: Path, which: str | None, floor: float) -> None:
    """The layered set beats its rules alone on polarity there, reaches `floor`, and finds the same
    tags; the figures are printed (the caller lifts pytest's capture)."""
    with_layer = heldout.half_scores(layered, folder, which)
    rules_alone = heldout.half_scores(rules, folder, which)
    print(f"\n  tags, {layered.rules.name}, " + "\n  ".join(with_layer.lines()))
    assert with_layer.polarity >= floor and with_layer.polarity > rules_alone.polarity
    for tag in TAGS:  # the layer revises polarities only: which tags are found does not move
        a, b = with_layer.by_tag(tag), rules_alone.by_tag(tag)
        assert (a.both, a.only_gold, a.only_tagger) == (b.both, b.only_gold, b.only_tagger), tag


def check_corpus(layered: Tagger, rules: Tagger) -> int:
    """Every live corpus provision: the same tags as the rules alone, each with evidence that points
    into the text and the layered set's name on its rule; returns how many polarities the layer added."""
    corpus = load_corpus()
    added = 0
    for doc_id in corpus.ids:
        for provision in corpus.documents[doc_id].provisions:
            if provision.status == "deleted":
                continue
            text = provision.text
            with_layer, rules_alone = layered.tag_text(text), rules.tag_text(text)
            assert {t.tag for t in with_layer} == {t.tag for t in rules_alone}, text
            for tag in with_layer:
                assert tag.evidence and all(text[e.start:e.end] == e.text for e in tag.evidence), tag
                assert tag.rule.startswith(f"{layered.rules.name}:")
                added += ":layer." in tag.rule
    return added
