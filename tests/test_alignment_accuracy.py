"""Alignment accuracy against gold links written by reading the texts (tests/gold/*.toml).

Precision, recall and F1 count links that join provisions on both sides (deleted and added
provisions are what is left over, so they are implied). The gold files also give each link's
change kind; the share of gold links the tool finds with the same kind is a second figure. Both
are printed on every run.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from cow_compare import Corpus, align
from cow_compare.pipeline import compare

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


# Share of gold links found with the gold's kind, as measured when the test was written. Besides
# links not made (see the F1 above), the misses are rewordings the gold reads differently (6 -> 4
# and 25 -> 18 of eu-e3 -> ua-20, 18 -> p5 of us-28 -> eu-24) and a moved point the tool calls
# modified (16 -> 6 into ua-20).
KIND_FLOORS = {
    ("us-28-2025-11-20", "eu-e3-2025-11-23"): 1.0,  # 52/52
    ("us-28-2025-11-20", "ua-20-2025-12-23"): 0.98,  # 49/50
    ("eu-e3-2025-11-23", "ua-20-2025-12-23"): 0.91,  # 43/47
    ("us-28-2025-11-20", "eu-24-2025-11-23"): 0.71,  # 40/56 (the rest are topical links not made)
    ("eu-berlin-2025-12-15", "cotw-paris-2026-01-06"): 0.85,  # 12/14
}


@pytest.mark.parametrize(("old", "new"), sorted(KIND_FLOORS))
def test_change_kinds_against_gold(corpus: Corpus, old: str, new: str, capsys: pytest.CaptureFixture[str]) -> None:
    _old, _new, _pairs, links = _gold(GOLD / f"{old}__{new}.toml")
    a, b = corpus.documents[old], corpus.documents[new]
    got = {(c.link.from_labels, c.link.to_labels): c.kind for c in compare(a, b).changes}

    def expected(link: dict[str, object]) -> object:
        # The gold predates `not-reported`: a live provision the partly known version does not carry
        # is, by the tool's rule, not reported there rather than deleted (a struck slot stays deleted).
        if link["kind"] == "deleted" and not link["to"] and b.partial:
            return "deleted" if a.provision(link["from"][0]).status == "deleted" else "not-reported"  # type: ignore[index]
        if link["kind"] == "added" and not link["from"] and a.partial:
            return "added" if b.provision(link["to"][0]).status == "deleted" else "not-reported"  # type: ignore[index]
        return link["kind"]

    agree = sum(1 for link in links
                if got.get((tuple(link["from"]), tuple(link["to"]))) == expected(link))  # type: ignore[arg-type]
    share = agree / len(links)
    with capsys.disabled():
        print(f"\n  change kinds {old} -> {new}: {share:.3f} of gold links found with the gold's kind ({agree}/{len(links)})")
    assert share >= KIND_FLOORS[(old, new)]
