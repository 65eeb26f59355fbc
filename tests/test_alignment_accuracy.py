"""Alignment accuracy against gold links written by reading the texts (tests/gold/*.toml).

Precision, recall and F1 count links that join provisions on both sides (deleted and added
provisions are what is left over, so they are implied). The figures are printed on every run.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from cow_compare import Corpus, align

GOLD = Path(__file__).resolve().parent / "gold"

# The floor is 0.95 for the derived pairs. The other two pairs are not derived from each
# other (a separate European plan; a statement against a declaration): their links are topical,
# and their floors guard against regression at today's level (the README reports the figures).
FLOORS = {
    ("us-28-2025-11-20", "eu-e3-2025-11-23"): 0.95,
    ("us-28-2025-11-20", "ua-20-2025-12-23"): 0.95,
    ("eu-e3-2025-11-23", "ua-20-2025-12-23"): 0.95,
    ("us-28-2025-11-20", "eu-24-2025-11-23"): 0.35,
    ("eu-berlin-2025-12-15", "cotw-paris-2026-01-06"): 0.80,
}


def _gold(path: Path) -> tuple[str, str, set[tuple[tuple[str, ...], tuple[str, ...]]], list[dict[str, object]]]:
    table = tomllib.loads(path.read_text(encoding="utf-8"))
    links = table["link"]
    pairs = {(tuple(link["from"]), tuple(link["to"])) for link in links if link["from"] and link["to"]}
    return table["from"], table["to"], pairs, links


def test_gold_files_cover_every_provision(corpus: Corpus) -> None:
    for path in sorted(GOLD.glob("*.toml")):
        old, new, _pairs, links = _gold(path)
        for side, doc_id in (("from", old), ("to", new)):
            labels = [label for link in links for label in link[side]]  # type: ignore[attr-defined]
            assert sorted(labels) == sorted(p.label for p in corpus.documents[doc_id].provisions), path.name


@pytest.mark.parametrize(("old", "new"), sorted(FLOORS))
def test_alignment_f1(corpus: Corpus, old: str, new: str, capsys: pytest.CaptureFixture[str]) -> None:
    _old, _new, gold, _links = _gold(GOLD / f"{old}__{new}.toml")
    got = {(link.from_labels, link.to_labels) for link in align(corpus.documents[old], corpus.documents[new])
           if link.from_labels and link.to_labels}
    hits = len(gold & got)
    precision = hits / len(got) if got else 0.0
    recall = hits / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    with capsys.disabled():
        print(f"\n  alignment {old} -> {new}: precision {precision:.3f} recall {recall:.3f} F1 {f1:.3f}")
    assert f1 >= FLOORS[(old, new)]
