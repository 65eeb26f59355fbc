"""The aligner's passes: their order is data, and each does alone what its docstring says.

Each pass is run by itself on a few points in the style of the corpus. A pass that builds on
earlier links (positional, sibling groups, within parents, in order, across levels) is given
those links in the ledger first, as `seeded`, so that the test sees only what the pass adds.
"""

from __future__ import annotations

import inspect
from collections.abc import Sequence
from typing import NamedTuple

import pytest

from cow_compare import Corpus, align, parse_text
from cow_compare.alignment.ledger import Ledger
from cow_compare.alignment.passes import PASSES
from cow_compare.alignment.scoring import Scoring
from cow_compare.settings import shipped_settings

NAMES = ["exact", "label", "positional", "fuzzy", "sibling_groups", "within_parents", "in_order", "across_levels",
         "leftovers"]

Labels = tuple[str, ...]


class Made(NamedTuple):
    matched_by: str
    score: float
    reason: str


MIN_SCORE = shipped_settings().align.min_score


def points(texts: Sequence[str]) -> str:
    return "".join(f"{k}. {text}\n" for k, text in enumerate(texts, 1))


def run_alone(name: str, old: str, new: str,
              seeded: Sequence[tuple[Labels, Labels]] = ()) -> dict[tuple[Labels, Labels], Made]:
    """Run one pass on a ledger holding only the `seeded` links; return every link standing after it.

    Links are keyed by (old labels, new labels). Seeded links are fuzzy links at their real score,
    as the fuzzy pass would have made them.
    """
    ledger = Ledger(parse_text(old, "old.md"), parse_text(new, "new.md"))
    scoring = Scoring(ledger)
    for old_labels, new_labels in seeded:
        olds = [ledger.old.index[label] for label in old_labels]
        news = [ledger.new.index[label] for label in new_labels]
        ledger.link(olds, news, scoring.score(olds, news), "fuzzy", "seeded")
    dict(PASSES)[name](ledger, scoring, shipped_settings().align)
    return {
        (tuple(ledger.old.provisions[i].label for i in p.old), tuple(ledger.new.provisions[j].label for j in p.new)):
            Made(p.matched_by, p.score, p.reason)
        for p in ledger.links if p.old or p.new
    }


def made_by(links: dict[tuple[Labels, Labels], Made], name: str) -> set[tuple[Labels, Labels]]:
    return {pair for pair, made in links.items() if made.matched_by == name}


# -- the order is data -------------------------------------------------------------------------

def test_the_pass_order_is_named_data() -> None:
    assert [name for name, _run in PASSES] == NAMES
    for name, run in PASSES:
        module = inspect.getmodule(run)
        assert module is not None and module.__name__.endswith(f".passes.{name}")
        assert module.__doc__ is not None
        opening = module.__doc__.splitlines()[0]
        assert " links " in opening and opening.endswith("."), f"{name}: {opening}"


def test_naming_every_pass_in_order_is_the_default(corpus: Corpus) -> None:
    old, new = corpus.documents["us-28-2025-11-20"], corpus.documents["eu-e3-2025-11-23"]
    assert align(old, new, passes=NAMES) == align(old, new)


def test_a_custom_order_runs_only_the_passes_named(corpus: Corpus) -> None:
    old, new = corpus.documents["us-28-2025-11-20"], corpus.documents["eu-e3-2025-11-23"]
    links = align(old, new, passes=("exact", "fuzzy", "leftovers"))
    assert {link.matched_by for link in links} == {"exact", "fuzzy", "none"}
    assert sorted(label for link in links for label in link.from_labels) == sorted(p.label for p in old.provisions)
    assert sorted(label for link in links for label in link.to_labels) == sorted(p.label for p in new.provisions)


def test_an_unknown_pass_fails_listing_the_valid_names(corpus: Corpus) -> None:
    old, new = corpus.documents["us-28-2025-11-20"], corpus.documents["eu-e3-2025-11-23"]
    with pytest.raises(ValueError, match="unknown pass 'fuzy'") as raised:
        align(old, new, passes=("exact", "fuzy", "leftovers"))
    assert f"the passes are {', '.join(NAMES)}" in str(raised.value)
    with pytest.raises(TypeError, match="sequence of pass names"):
        align(old, new, passes="fuzzy")


# -- each pass alone ---------------------------------------------------------------------------

OLD = [
    "The sovereignty of Ukraine will be reaffirmed.",
    "Ukraine's armed forces will be capped at 600,000 personnel.",
    "NATO fighter jets will be based in Poland.",
    "The Zaporizhzhia nuclear power plant will be restarted under IAEA supervision.",
    "Russia will be brought back into the global economy.",
    "The agreement will be legally binding.",
    "A joint working group on security will be set up.",
    "Ukraine will hold elections in 100 days.",
]
REWRITTEN_3 = "European fighter jets, not NATO's, will be stationed in Poland and Romania."


def test_exact_links_the_same_words_whatever_the_number() -> None:
    new = [OLD[0], "Ukraine's armed forces will be capped at 800,000 personnel in peacetime.", OLD[3], OLD[2]]
    links = run_alone("exact", points(OLD[:4]), points(new))
    assert links == {
        (("1",), ("1",)): Made("exact", 1.0, "same words"),
        (("3",), ("4",)): Made("exact", 1.0, "same words now numbered 4"),
        (("4",), ("3",)): Made("exact", 1.0, "same words now numbered 3"),
    }


def test_label_links_a_struck_slot_and_a_same_numbered_text_still_alike() -> None:
    new = [OLD[0], "Ukraine's armed forces will be capped at 800,000 personnel.", "[deleted]", OLD[0]]
    links = run_alone("label", points(OLD[:4]), points(new))
    assert links[(("2",), ("2",))].matched_by == "label"
    assert links[(("2",), ("2",))].score >= shipped_settings().align.label_similar
    assert links[(("3",), ("3",))] == Made("label", 1.0, "struck; the slot is kept at number 3")
    # The same words at another number are not the label pass's business; nor is 4, rewritten.
    assert set(links) == {(("1",), ("1",)), (("2",), ("2",)), (("3",), ("3",))}


def test_positional_links_a_point_rewritten_in_place_only_when_the_numbering_is_kept() -> None:
    markup = [*OLD[:2], REWRITTEN_3, *OLD[3:]]
    kept = [((str(k),), (str(k),)) for k in (1, 2, 4, 5, 6, 7, 8)]
    links = run_alone("positional", points(OLD), points(markup), kept)
    assert made_by(links, "positional") == {(("3",), ("3",))}
    assert links[(("3",), ("3",))].reason.startswith("rewritten at the same number 3")
    # A redraft: 2 and 4 still keep their numbers around 3, but most points moved, so a number is
    # no evidence and the pass links nothing.
    redraft = [OLD[4], OLD[1], REWRITTEN_3, OLD[3], OLD[0], OLD[7], OLD[5], OLD[6]]
    moved = [(("1",), ("5",)), (("2",), ("2",)), (("4",), ("4",)), (("5",), ("1",)), (("6",), ("7",)),
             (("7",), ("8",)), (("8",), ("6",))]
    assert made_by(run_alone("positional", points(OLD), points(redraft), moved), "positional") == set()


def test_fuzzy_links_reworded_points_by_their_matter() -> None:
    old = ["The Zaporizhzhia nuclear power plant will be restarted under IAEA supervision, its electricity "
           "split equally between Russia and Ukraine.",
           "Ukraine will hold elections in 100 days."]
    new = ["Ukraine will hold elections in 100 days after the agreement is signed.",
           "Under IAEA supervision the Zaporizhzhia nuclear plant will restart; Russia and Ukraine share its "
           "electricity.",
           "A joint working group on security will be set up."]
    links = run_alone("fuzzy", points(old), points(new))
    assert set(links) == {(("1",), ("2",)), (("2",), ("1",))}
    assert all(made.matched_by == "fuzzy" and made.score >= MIN_SCORE for made in links.values())
    assert links[(("1",), ("2",))].reason == "71% alike; shares electricity, iaea, nuclear, plant"


SPLIT_OLD = points([OLD[3], "Russia will be brought back into the global economy, and sanctions relief will be "
                    "negotiated in stages.", OLD[5]])
SPLIT_NEW = points([OLD[3], OLD[4], "Sanctions relief will be negotiated in stages, case by case.", OLD[5]])


def test_sibling_groups_widen_a_weak_link_into_a_split_and_seen_from_the_other_side_a_merge() -> None:
    split = run_alone("sibling_groups", SPLIT_OLD, SPLIT_NEW, [(("2",), ("2",))])
    assert split[(("2",), ("2", "3"))].matched_by == "split"
    assert split[(("2",), ("2", "3"))].reason.startswith("its matter is spread over 2 + 3")
    merge = run_alone("sibling_groups", SPLIT_NEW, SPLIT_OLD, [(("2",), ("2",))])
    assert merge[(("2", "3"), ("2",))].matched_by == "merge"
    assert merge[(("2", "3"), ("2",))].reason.startswith("2 + 3 were combined here")


def test_within_parents_links_sub_items_of_linked_points_at_a_lower_bar_in_any_order() -> None:
    old = """7. Ukraine will be rebuilt through a strong international package of measures:
    a. A Ukraine Development Fund will be set up to invest in technology, data centers and artificial intelligence.
    b. The World Bank will put together a special financing package to speed up these efforts.
"""
    new = """7. Ukraine will be rebuilt through a strong international package of measures:
    a. The World Bank will provide financing for the rebuilding.
    b. A development fund will invest in fast-growing sectors such as technology.
"""
    links = run_alone("within_parents", old, new, [(("7",), ("7",))])
    pairs = {(("7.a",), ("7.b",)), (("7.b",), ("7.a",))}
    assert made_by(links, "fuzzy") == {(("7",), ("7",)), *pairs}
    floor = shipped_settings().align.parent_share * MIN_SCORE
    assert all(floor <= links[pair].score < MIN_SCORE for pair in pairs)  # the fuzzy pass would not link them
    assert links[(("7.b",), ("7.a",))].reason.startswith("sub-items of linked points 7 and 7;")


def test_in_order_links_what_is_left_between_linked_neighbours() -> None:
    new = [OLD[0], "The size of the army will be limited in peacetime to 800,000.", OLD[2]]
    links = run_alone("in_order", points(OLD[:3]), points(new), [(("1",), ("1",)), (("3",), ("3",))])
    made = links[(("2",), ("2",))]
    assert made.matched_by == "positional" and made.score < MIN_SCORE
    assert made.reason.startswith("in order between linked neighbours (after 1 and before 3);")


def test_across_levels_gives_a_point_the_sub_items_on_its_matter() -> None:
    flat = points(["Ukraine will hold elections in 100 days, all parties to the conflict will receive full amnesty, "
                   "and divided families will be reunified.", OLD[5]])
    expanded = """1. Humanitarian measures after signing:
    a. Ukraine will hold elections in 100 days.
    b. All parties to the conflict will receive full amnesty for their actions during the war.
    c. Divided families will be reunified.
    d. NATO fighter jets will be based in Poland.
2. The agreement will be legally binding.
"""
    split = run_alone("across_levels", flat, expanded, [(("1",), ("1",))])
    assert made_by(split, "split") == {(("1",), ("1", "1.a", "1.b", "1.c"))}  # not 1.d: another matter
    merge = run_alone("across_levels", expanded, flat, [(("1",), ("1",))])
    assert made_by(merge, "merge") == {(("1", "1.a", "1.b", "1.c"), ("1",))}


def test_leftovers_covers_what_is_still_free_as_deleted_or_added() -> None:
    links = run_alone("leftovers", points(OLD[:2]), points([OLD[0], OLD[2]]), [(("1",), ("1",))])
    assert links == {
        (("1",), ("1",)): Made("fuzzy", 1.0, "seeded"),
        (("2",), ()): Made("none", 0.0, "nothing in the new version is 50% alike"),
        ((), ("2",)): Made("none", 0.0, "nothing in the old version is 50% alike"),
    }
