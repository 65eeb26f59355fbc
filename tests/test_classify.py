"""What kind of change a link is: one test per kind, and the edge of each threshold that decides it.

Every input is a short plan parsed with `parse_text` and compared with `pipeline.compare`. The
threshold tests hold a pair at, one word under and one word over the shipped value, then move the
setting with `dataclasses.replace`, so a changed `rewrite_below` or `clause_words` fails here.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from cow_compare import parse_text
from cow_compare.changes.facts import carried_over
from cow_compare.model import Change, Report
from cow_compare.pipeline import compare
from cow_compare.settings import Settings, shipped_settings

Link = tuple[tuple[str, ...], tuple[str, ...]]

TROOPS = "Foreign troops will not be stationed in Ukraine."
ARMY = "Ukraine's armed forces will be capped at 500,000 personnel."
CEASEFIRE = "Russia and Ukraine will cease all hostilities on land, at sea and in the air from the day of signing."
COMMISSION = "A joint commission of both sides will meet every month to settle disputes over this framework."
PRISONERS = ("All prisoners of war will be exchanged on an all-for-all basis, and every detained civilian will be "
             "released within 60 days.")
KINBURN = "Russia will return the Kinburn Spit to Ukrainian control within 90 days."
SANCTIONS = "Sanctions on Russia will be lifted in stages while the ceasefire holds."


def plan(*points: str, front: str = "") -> str:
    """A numbered plan, with TOML front matter if given."""
    body = "".join(f"{n}. {text}\n" for n, text in enumerate(points, 1))
    return f"+++\n{front}\n+++\n{body}" if front else body


def run(old: str, new: str, settings: Settings | None = None) -> Report:
    return compare(parse_text(old, "old.md"), parse_text(new, "new.md"), settings=settings)


def changes(old: str, new: str, settings: Settings | None = None) -> dict[Link, Change]:
    return {(c.link.from_labels, c.link.to_labels): c for c in run(old, new, settings).changes}


def kinds(old: str, new: str, settings: Settings | None = None) -> dict[Link, str]:
    return {link: c.kind for link, c in changes(old, new, settings).items()}


# -- one test per kind ---------------------------------------------------------------------------


def test_identical_despite_typography() -> None:
    new_army = "Ukraine\u2019s armed  forces will be capped at 500\u202f000 personnel"
    found = changes(plan(TROOPS, ARMY), plan(TROOPS, new_army))
    assert {link: c.kind for link, c in found.items()} == {(("1",), ("1",)): "identical", (("2",), ("2",)): "identical"}
    army = found[(("2",), ("2",))]
    assert army.facts == () and not army.link.renumbered and army.rule == "same-text"


def test_renumbered_when_a_point_is_inserted_before() -> None:
    found = changes(plan(TROOPS, ARMY), plan(CEASEFIRE, TROOPS, ARMY))
    assert found[(("1",), ("2",))].kind == "renumbered" and found[(("2",), ("3",))].kind == "renumbered"
    assert all(found[link].link.renumbered and not found[link].link.moved for link in [(("1",), ("2",)), (("2",), ("3",))])


def test_reworded_when_no_fact_changes() -> None:
    reworded = "A joint commission of both sides will convene every month to resolve disputes over this framework."
    found = changes(plan(CEASEFIRE, COMMISSION), plan(CEASEFIRE, reworded))
    assert found[(("2",), ("2",))].kind == "reworded" and found[(("2",), ("2",))].facts == ()
    assert found[(("1",), ("1",))].kind == "identical"


def test_modified_when_a_number_changes() -> None:
    found = changes(plan(TROOPS, ARMY), plan(TROOPS, ARMY.replace("500,000", "700,000")))
    assert found[(("2",), ("2",))].kind == "modified"
    assert [f.summary for f in found[(("2",), ("2",))].facts] == ["number: 500,000 -> 700,000"]


def test_moved_when_a_point_leaves_its_neighbours() -> None:
    old = plan(KINBURN, CEASEFIRE, TROOPS, ARMY, COMMISSION, SANCTIONS)
    new = plan(CEASEFIRE, TROOPS, ARMY, COMMISSION, SANCTIONS, KINBURN)
    found = kinds(old, new)
    assert found == {
        (("1",), ("6",)): "moved",
        (("2",), ("1",)): "renumbered", (("3",), ("2",)): "renumbered", (("4",), ("3",)): "renumbered",
        (("5",), ("4",)): "renumbered", (("6",), ("5",)): "renumbered",
    }


def test_split_into_two_points() -> None:
    parts = ("All prisoners of war will be exchanged on an all-for-all basis.",
             "Every detained civilian will be released within 60 days.")
    found = kinds(plan(CEASEFIRE, PRISONERS, KINBURN), plan(CEASEFIRE, *parts, KINBURN))
    assert found == {(("1",), ("1",)): "identical", (("2",), ("2", "3")): "split", (("3",), ("4",)): "renumbered"}


def test_merged_from_two_points() -> None:
    merged = ("Foreign troops will not be stationed in Ukraine, and Ukraine's armed forces will be capped at "
              "500,000 personnel.")
    found = kinds(plan(CEASEFIRE, TROOPS, ARMY, KINBURN), plan(CEASEFIRE, merged, KINBURN))
    assert found == {(("1",), ("1",)): "identical", (("2", "3"), ("2",)): "merged", (("4",), ("3",)): "renumbered"}


def test_added_when_nothing_old_is_alike() -> None:
    found = changes(plan(TROOPS, ARMY), plan(TROOPS, ARMY, KINBURN))
    assert found[((), ("3",))].kind == "added" and found[((), ("3",))].facts == ()


def test_deleted_when_dropped_or_struck() -> None:
    assert kinds(plan(TROOPS, ARMY, KINBURN), plan(TROOPS, KINBURN))[(("2",), ())] == "deleted"
    struck = changes(plan(TROOPS, ARMY, KINBURN), plan(TROOPS, "[deleted] The cap on the armed forces is struck.", KINBURN))
    assert struck[(("2",), ("2",))].kind == "deleted"
    assert [f.summary for f in struck[(("2",), ("2",))].facts] == ["status: active -> deleted"]


def test_not_reported_where_the_other_side_is_known_only_from_summaries() -> None:
    full = plan(CEASEFIRE, TROOPS, ARMY, KINBURN)
    summary = ('+++\nid = "brief"\ncoverage = "summary"\n+++\n'
               "- Ukraine's armed forces are to be capped at 500,000 personnel.\n")
    forward = kinds(full, summary)
    assert forward[(("3",), ("p1",))] == "reworded"
    assert {link: kind for link, kind in forward.items() if not link[1]} == {
        (("1",), ()): "not-reported", (("2",), ()): "not-reported", (("4",), ()): "not-reported"}
    backward = kinds(summary, full)
    assert {link: kind for link, kind in backward.items() if not link[0]} == {
        ((), ("1",)): "not-reported", ((), ("2",)): "not-reported", ((), ("4",)): "not-reported"}
    # The same silence in a version known in full is a deletion.
    complete = summary.replace('coverage = "summary"', 'coverage = "full"')
    assert {kind for link, kind in kinds(full, complete).items() if not link[1]} == {"deleted"}


# -- changes.rewrite_below: the share of the old wording a rewording keeps -----------------------

REGISTER = ("Both sides will hand complete lists of prisoners they hold to the joint commission, which will publish "
            "them in full and update them every week.")
FAMILIES = (REGISTER + " Families can ask the commission where a relative is held, and the commission will answer "
            "each request in writing and keep a copy on file.")
# The same 50 words with the tail of the second sentence rewritten: 30, 29 and 31 of them kept.
KEEPS_30 = (REGISTER + " Families can ask the commission to trace missing relatives; its staff shall reply to every "
            "such letter by post, storing replies securely for ten years.")
KEEPS_29 = (REGISTER + " Families can ask the panel to trace missing relatives; its staff shall reply to every "
            "such letter by post, storing replies securely for ten years.")
KEEPS_31 = (REGISTER + " Families can ask the commission where missing relatives are; its staff shall reply to every "
            "such letter by post, storing replies securely for ten years.")
REWRITES = {0.58: KEEPS_29, 0.60: KEEPS_30, 0.62: KEEPS_31}


def _with_rewrite_below(value: float) -> Settings:
    shipped = shipped_settings()
    return replace(shipped, changes=replace(shipped.changes, rewrite_below=value))


def _rewrite_kinds(settings: Settings | None) -> dict[float, tuple[str, list[str]]]:
    out = {}
    for share, new in REWRITES.items():
        change = changes(plan(CEASEFIRE, FAMILIES), plan(CEASEFIRE, new), settings)[(("2",), ("2",))]
        out[share] = (change.kind, [f.kind for f in change.facts])
    return out


def test_the_rewrite_pairs_keep_the_shares_they_are_named_for() -> None:
    for share, new in REWRITES.items():
        change = changes(plan(FAMILIES), plan(new))[(("1",), ("1",))]
        assert carried_over(change.ops) == pytest.approx(share, abs=1e-9)
        assert len(FAMILIES.split()) == len(new.split()) == 50


def test_rewrite_below_at_the_shipped_value() -> None:
    assert _rewrite_kinds(None) == {
        0.58: ("modified", ["rewrite"]),  # just under 0.6: a rewrite, modified with no other fact
        0.60: ("reworded", []),  # exactly 0.6 is not below it
        0.62: ("reworded", []),
    }
    change = changes(plan(FAMILIES), plan(KEEPS_29))[(("1",), ("1",))]
    assert [f.summary for f in change.facts] == ["rewritten: only 58% of the words carried over"]


@pytest.mark.parametrize(("rewrite_below", "expected"), [
    (0.58, {0.58: "reworded", 0.60: "reworded", 0.62: "reworded"}),
    (0.61, {0.58: "modified", 0.60: "modified", 0.62: "reworded"}),
    (0.63, {0.58: "modified", 0.60: "modified", 0.62: "modified"}),
])
def test_rewrite_below_follows_the_setting(rewrite_below: float, expected: dict[float, str]) -> None:
    found = _rewrite_kinds(_with_rewrite_below(rewrite_below))
    assert {share: kind for share, (kind, _facts) in found.items()} == expected
    assert all(facts == (["rewrite"] if kind == "modified" else []) for kind, facts in found.values())


# -- changes.clause_words: net words added or removed that make a clause -------------------------

ADDS_4 = "A joint commission of both sides will meet every month to settle disputes over this framework and publish its minutes."
ADDS_5 = ("A joint commission of both sides will meet every month to settle disputes over this framework and publish "
          "its full minutes.")


def _with_clause_words(value: int) -> Settings:
    shipped = shipped_settings()
    return replace(shipped, changes=replace(shipped.changes, clause_words=value))


def _clause(old: str, new: str, settings: Settings | None = None) -> tuple[str, list[str]]:
    change = changes(plan(CEASEFIRE, old), plan(CEASEFIRE, new), settings)[(("2",), ("2",))]
    return change.kind, [f.summary for f in change.facts]


def test_clause_words_at_the_shipped_value() -> None:
    # Four more words (clause_words - 1) are a rewording; five are a clause added.
    assert _clause(COMMISSION, ADDS_4) == ("reworded", [])
    assert _clause(COMMISSION, ADDS_5) == ("modified", ["clause added: 5 more words"])
    # Removing them is symmetric.
    assert _clause(ADDS_4, COMMISSION) == ("reworded", [])
    assert _clause(ADDS_5, COMMISSION) == ("modified", ["clause removed: 5 fewer words"])


def test_clause_words_counts_net_words_of_a_substitution() -> None:
    # "to settle disputes" (3 words) -> 8 words: 5 net words more make a clause, though words were also taken out.
    wider = "A joint commission of both sides will meet every month to hear complaints from residents and settle disputes over this framework."
    assert _clause(COMMISSION, wider) == ("modified", ["clause added: 5 more words"])
    narrower = "A joint commission of both sides will meet every month to hear complaints and settle disputes over this framework."
    assert _clause(COMMISSION, narrower) == ("reworded", [])


@pytest.mark.parametrize(("clause_words", "four", "five"), [
    (4, "modified", "modified"),
    (6, "reworded", "reworded"),
])
def test_clause_words_follows_the_setting(clause_words: int, four: str, five: str) -> None:
    settings = _with_clause_words(clause_words)
    assert _clause(COMMISSION, ADDS_4, settings)[0] == four
    assert _clause(COMMISSION, ADDS_5, settings)[0] == five
    assert _clause(ADDS_5, COMMISSION, settings)[0] == five
