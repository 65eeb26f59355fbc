"""Alignment against mutated corpus documents whose true alignment is known (tests/mutate.py).

Recall is counted per kind of edit over many mutants and printed on every run; the floors are
the issue's: moves and renumberings 0.95, splits and merges 0.85. Property tests check what must
hold for any pair: every provision is covered once, a document against itself is all identical,
swapping the versions swaps added and deleted, and the word operations rebuild both texts.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cow_compare import Corpus, align, parse_text
from cow_compare.alignment.assignment import best_assignment
from cow_compare.alignment.ledger import Ledger
from cow_compare.alignment.passes import exact, fuzzy, label
from cow_compare.alignment.scoring import Scoring
from cow_compare.changes.words import rebuild
from cow_compare.pipeline import compare
from cow_compare.settings import shipped_settings
from tests.mutate import Mutant, mutate

# Plans mutated, and the unrelated plan their inserted provisions come from.
BASES = {
    "us-28-2025-11-20": "cotw-paris-2026-01-06",
    "ua-20-2025-12-23": "eu-berlin-2025-12-15",
    "eu-24-2025-11-23": "cotw-paris-2026-01-06",
    "cotw-paris-2026-01-06": "us-28-2025-11-20",
    "eu-berlin-2025-12-15": "ua-20-2025-12-23",
}
SEEDS = range(12)


def texts_of(corpus: Corpus, doc_id: str) -> list[str]:
    """A document's live provision texts, flattened into one list."""
    return [p.text for p in corpus.documents[doc_id].provisions if p.status != "deleted" and p.text]


def mutants(corpus: Corpus) -> Iterator[Mutant]:
    for (base, donor), seed in itertools.product(sorted(BASES.items()), SEEDS):
        yield mutate(texts_of(corpus, base), texts_of(corpus, donor), seed)


def links_of(mutant: Mutant) -> set[tuple[tuple[str, ...], tuple[str, ...]]]:
    old, new = parse_text(mutant.old, "old.md"), parse_text(mutant.new, "new.md")
    return {(link.from_labels, link.to_labels) for link in align(old, new) if link.from_labels and link.to_labels}


def test_recall_by_kind_of_edit(corpus: Corpus, capsys: pytest.CaptureFixture[str]) -> None:
    found = {"moved": [0, 0], "renumbered": [0, 0], "split/merged": [0, 0], "reworded": [0, 0], "all": [0, 0]}
    extra = 0
    for mutant in mutants(corpus):
        got = links_of(mutant)
        groups = {
            "moved": mutant.of_kind("moved"),
            "renumbered": mutant.renumbered(),
            "split/merged": mutant.of_kind("split", "merged"),
            "reworded": mutant.of_kind("reworded"),
            "all": set(mutant.truth),
        }
        for name, truth in groups.items():
            found[name][0] += len(truth & got)
            found[name][1] += len(truth)
        extra += len(got - set(mutant.truth))
    recall = {name: hits / total for name, (hits, total) in found.items()}
    with capsys.disabled():
        print("\n  mutation recall: " + ", ".join(
            f"{name} {recall[name]:.3f} ({found[name][0]}/{found[name][1]})" for name in found)
            + f"; links not in the truth: {extra}")
    assert found["moved"][1] > 20 and found["split/merged"][1] > 20 and found["renumbered"][1] > 200
    assert recall["moved"] >= 0.95
    assert recall["renumbered"] >= 0.95
    assert recall["split/merged"] >= 0.85


def test_a_split_and_a_merge_are_reported_as_such(corpus: Corpus) -> None:
    texts = texts_of(corpus, "us-28-2025-11-20")[:12]
    old = parse_text("".join(f"{k}. {t}\n" for k, t in enumerate(texts, 1)), "old.md")
    from tests.mutate import merge_texts, split_text

    parts = split_text(texts[1])
    assert parts is not None
    new_texts = [texts[0], *parts, merge_texts(texts[2], texts[3]), *texts[4:]]
    new = parse_text("".join(f"{k}. {t}\n" for k, t in enumerate(new_texts, 1)), "new.md")
    kinds = {(c.link.from_labels, c.link.to_labels): c.kind for c in compare(old, new).changes}
    assert kinds[(("2",), ("2", "3"))] == "split"
    assert kinds[(("3", "4"), ("4",))] == "merged"
    assert kinds[(("5",), ("5",))] == "identical"


# -- properties over mutants -------------------------------------------------------------------

seeds = st.integers(min_value=0, max_value=10**6)
bases = st.sampled_from(sorted(BASES))
quick = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@quick
@given(base=bases, seed=seeds)
def test_every_provision_is_covered_once(corpus: Corpus, base: str, seed: int) -> None:
    mutant = mutate(texts_of(corpus, base), texts_of(corpus, BASES[base]), seed)
    old, new = parse_text(mutant.old, "old.md"), parse_text(mutant.new, "new.md")
    links = align(old, new)
    assert sorted(label for link in links for label in link.from_labels) == sorted(p.label for p in old.provisions)
    assert sorted(label for link in links for label in link.to_labels) == sorted(p.label for p in new.provisions)
    assert all(0.0 <= link.score <= 1.0 and link.reason for link in links)


@quick
@given(base=bases, seed=seeds)
def test_swapping_versions_swaps_added_and_deleted(corpus: Corpus, base: str, seed: int) -> None:
    mutant = mutate(texts_of(corpus, base), texts_of(corpus, BASES[base]), seed)
    old, new = parse_text(mutant.old, "old.md"), parse_text(mutant.new, "new.md")
    forward, backward = compare(old, new), compare(new, old)
    deleted = {c.link.from_labels for c in forward.changes if c.kind == "deleted"}
    added = {c.link.to_labels for c in forward.changes if c.kind == "added"}
    assert {c.link.to_labels for c in backward.changes if c.kind == "added"} == deleted
    assert {c.link.from_labels for c in backward.changes if c.kind == "deleted"} == added


@quick
@given(base=bases, seed=seeds)
def test_ops_rebuild_both_texts_and_self_is_identical(corpus: Corpus, base: str, seed: int) -> None:
    mutant = mutate(texts_of(corpus, base), texts_of(corpus, BASES[base]), seed)
    old, new = parse_text(mutant.old, "old.md"), parse_text(mutant.new, "new.md")
    by_old = {p.label: p.text for p in old.provisions}
    by_new = {p.label: p.text for p in new.provisions}
    for change in compare(old, new).changes:
        assert rebuild(change.ops, "-") == " ".join(by_old[x] for x in change.link.from_labels)
        assert rebuild(change.ops, "+") == " ".join(by_new[x] for x in change.link.to_labels)
    assert {c.kind for c in compare(new, new).changes} == {"identical"}


# -- the one-to-one pass against brute force ---------------------------------------------------

def brute_force(weights: dict[tuple[int, int], float]) -> float:
    """The greatest total weight of any set of pairs using each index at most once, by trying all."""
    pairs = sorted(weights)
    best = 0.0

    def extend(k: int, used_old: frozenset[int], used_new: frozenset[int], total: float) -> None:
        nonlocal best
        best = max(best, total)
        for n in range(k, len(pairs)):
            i, j = pairs[n]
            if i not in used_old and j not in used_new:
                extend(n + 1, used_old | {i}, used_new | {j}, total + weights[pairs[n]])

    extend(0, frozenset(), frozenset(), 0.0)
    return best


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(base=bases, seed=seeds, size=st.integers(min_value=2, max_value=8), min_score=st.sampled_from([0.2, 0.3, 0.5]))
def test_pairing_matches_brute_force_on_small_documents(corpus: Corpus, base: str, seed: int, size: int,
                                                        min_score: float) -> None:
    """Up to 8 provisions a side: the aligner's pairing weighs as much as the best of all pairings."""
    texts = texts_of(corpus, base)
    start = seed % max(1, len(texts) - size)
    mutant = mutate(texts[start : start + size], texts_of(corpus, BASES[base])[:4], seed, rate=0.25)
    old, new = parse_text(mutant.old, "old.md"), parse_text(mutant.new, "new.md")
    align_settings = replace(shipped_settings().align, min_score=min_score)
    ledger = Ledger(old, new)
    scoring = Scoring(ledger)
    exact.run(ledger, scoring, align_settings)
    label.run(ledger, scoring, align_settings)
    weights = fuzzy.weights(fuzzy.candidates(ledger, scoring, align_settings), scoring, align_settings)
    chosen = best_assignment(weights, exact_limit=align_settings.exact_limit)
    assert len({i for i, _ in chosen}) == len(chosen) == len({j for _, j in chosen})
    assert sum(weights[pair] for pair in chosen) == pytest.approx(brute_force(weights), abs=1e-6)


@given(st.dictionaries(st.tuples(st.integers(0, 5), st.integers(0, 5)), st.floats(0.01, 2.0), max_size=20))
def test_assignment_is_optimal_on_any_weights(weights: dict[tuple[int, int], float]) -> None:
    chosen = best_assignment(weights, exact_limit=shipped_settings().align.exact_limit)
    assert len({i for i, _ in chosen}) == len(chosen) == len({j for _, j in chosen})
    assert set(chosen) <= set(weights)
    assert sum(weights[pair] for pair in chosen) == pytest.approx(brute_force(weights), abs=1e-6)


def test_greedy_would_lose_where_the_assignment_wins() -> None:
    # A fits X at 0.90 and Y at 0.85; B fits only X at 0.88. Greedy: A-X alone (0.90).
    weights = {(0, 0): 0.90, (0, 1): 0.85, (1, 0): 0.88}
    assert best_assignment(weights, exact_limit=shipped_settings().align.exact_limit) == [(0, 1), (1, 0)]
