"""The fact finder as a table: for each kind of fact, texts that make one and texts that must not.

Each row gives two wordings of one provision and every fact `find_facts` must report between them,
in its fixed order; a row is positive for its kind when it expects a fact of that kind. `status`
and `rewrite` facts come from `classify`, which sees the provisions' statuses and the share of the
wording kept, so they have a table of their own read off whole comparisons.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from cow_compare import parse_text
from cow_compare.changes.facts import find_facts, named, same_words
from cow_compare.changes.words import word_ops
from cow_compare.pipeline import compare
from cow_compare.settings import shipped_settings

FINDER_KINDS = ("clause", "number", "modality", "negation", "party", "place", "qualifier", "action")


@dataclass(frozen=True)
class Case:
    kind: str
    """The kind of fact the row is about."""
    old: str
    new: str
    facts: tuple[str, ...]
    """Every fact's summary, in the finder's order."""

    @property
    def positive(self) -> bool:
        return any(s.startswith((f"{self.kind}:", f"{self.kind} ")) for s in self.facts)


CASES = {
    # clause: net words added or removed, at least clause_words (5)
    "clause added": Case(
        "clause", "The joint commission will meet every month.",
        "The joint commission will meet every month to hear complaints from displaced families.",
        ("clause added: 6 more words",)),
    "clause removed": Case(
        "clause", "Humanitarian convoys will reach every besieged town under the protection of escorts.",
        "Humanitarian convoys will reach every besieged town.",
        ("clause removed: 5 fewer words",)),
    "four words are no clause": Case(
        "clause", "The joint commission will meet every month.",
        "The joint commission will meet every month in the capital.", ()),
    # number: compared as multisets, each as printed
    "one of two equal numbers changed": Case(
        "number", "The army will be capped at 600,000 troops and the reserve at 600,000 troops.",
        "The army will be capped at 600,000 troops and the reserve at 800,000 troops.",
        ("number: 600,000 -> 800,000",)),
    "a number dropped for a qualifier": Case(
        "number", "Elections will be held within 100 days.", "Elections will be held as soon as possible.",
        ("number: 100 -> (none)", "qualifier added: as soon as possible", "qualifier removed: within")),
    "numbers swapped in order": Case(
        "number", "Heavy artillery will be withdrawn 30 kilometres and tanks 20 kilometres.",
        "Tanks will be withdrawn 20 kilometres and heavy artillery 30 kilometres.", ()),
    "a number grouped differently": Case(
        "number", "Ukraine's armed forces will number 600,000.", "Ukraine's armed forces will number 600 000.", ()),
    # modality: a strong modal replaced by a weak one, or back
    "will becomes may": Case(
        "modality", "Ukraine will hold elections after the ceasefire.", "Ukraine may hold elections after the ceasefire.",
        ("modality: will -> may",)),
    "should becomes must": Case(
        "modality", "Both sides should exchange maps of minefields.", "Both sides must exchange maps of minefields.",
        ("modality: should -> must",)),
    "will becomes shall": Case(
        "modality", "Russia will return the Kinburn Spit.", "Russia shall return the Kinburn Spit.", ()),
    # negation: the count of negating words changes
    "not added": Case(
        "negation", "NATO troops will be stationed in Ukraine.", "NATO troops will not be stationed in Ukraine.",
        ("negation added",)),
    "without removed": Case(
        "negation", "Prisoners will be released without delay.", "Prisoners will be released in order.",
        ("negation removed",)),
    "not becomes never": Case(
        "negation", "NATO troops will not be stationed in Ukraine.", "NATO troops will never be stationed in Ukraine.",
        ()),
    # party: by alias; an alias in capitals counts only as written
    "the US names a party": Case(
        "party", "Let us agree that the ceasefire begins at midnight.",
        "The US will agree that the ceasefire begins at midnight.", ("party added: United States",)),
    "let us names none": Case(
        "party", "The sides agree that the ceasefire begins at midnight.",
        "Let us agree that the ceasefire begins at midnight.", ()),
    "a party dropped": Case(
        "party", "Monitoring will be led by the OSCE and the EU.", "Monitoring will be led by the OSCE.",
        ("party removed: EU",)),
    "one party by two aliases": Case(
        "party", "Monitoring will be led by Washington.", "Monitoring will be led by the United States.", ()),
    # place: where something happens
    "the front becomes Romania": Case(
        "place", "Foreign troops will be stationed near the front.", "Foreign troops will be stationed in Romania.",
        ("place added: Romania", "place removed: the front line")),
    "a place moved in the sentence": Case(
        "place", "In Kherson the line will be frozen.", "The line will be frozen in Kherson.", ()),
    "Kyiv spelled Kiev": Case(
        "place", "Talks on the details will be held in Kyiv.", "Talks on the details will be held in Kiev.", ()),
    "Odesa spelled Odessa": Case(
        "place", "Grain will be shipped from Odesa.", "Grain will be shipped from Odessa.", ()),
    "Luhansk spelled Lugansk": Case(
        "place", "The line in Luhansk will be frozen.", "The line in Lugansk will be frozen.", ()),
    # qualifier: conditions and limits that come or go
    "permanently in peacetime": Case(
        "qualifier", "Foreign troops will not be stationed in Ukraine.",
        "Foreign troops will not be permanently stationed in Ukraine in peacetime.",
        ("qualifier added: in peacetime", "qualifier added: permanently")),
    "unless removed": Case(
        "qualifier", "Sanctions will stay in force unless Russia withdraws.", "Sanctions will stay in force.",
        ("party removed: Russia", "qualifier removed: unless", "action: withdraw -> (none)")),
    "a qualifier moved": Case(
        "qualifier", "Sanctions will be lifted gradually.", "Sanctions will gradually be lifted.", ()),
    # action: what the provision does to its subject
    "created becomes monitored": Case(
        "action", "A buffer zone will be created along the line of contact.",
        "A buffer zone will be monitored along the line of contact.", ("action: create -> monitor",)),
    "created becomes established": Case(
        "action", "A buffer zone will be created along the line of contact.",
        "A buffer zone will be established along the line of contact.", ()),
    "a ban lifted into a permission": Case(
        "action", "Flights over the buffer zone will be banned.", "Flights over the buffer zone will be permitted.",
        ("action: ban -> allow",)),
}


@pytest.mark.parametrize("case", list(CASES.values()), ids=list(CASES))
def test_facts(case: Case) -> None:
    settings = shipped_settings().changes
    facts = find_facts(case.old, case.new, word_ops(case.old, case.new), settings)
    assert tuple(f.summary for f in facts) == case.facts
    assert all(f.kind in FINDER_KINDS for f in facts)


def test_every_kind_has_a_positive_and_a_negative_row() -> None:
    for kind in FINDER_KINDS:
        rows = [c for c in CASES.values() if c.kind == kind]
        assert any(c.positive for c in rows) and any(not c.positive for c in rows), kind


def test_facts_carry_before_and_after() -> None:
    case = CASES["one of two equal numbers changed"]
    settings = shipped_settings().changes
    facts = find_facts(case.old, case.new, word_ops(case.old, case.new), settings)
    assert [(f.kind, f.before, f.after) for f in facts] == [("number", "600,000", "800,000")]
    case = CASES["created becomes monitored"]
    facts = find_facts(case.old, case.new, word_ops(case.old, case.new), settings)
    assert [(f.kind, f.before, f.after) for f in facts] == [("action", "create", "monitor")]


def test_let_us_is_not_the_united_states() -> None:
    settings = shipped_settings().changes
    assert named("Let us agree that the ceasefire begins at midnight.", settings.parties) == set()
    assert named("Then the US will agree that the ceasefire begins at midnight.", settings.parties) == {"United States"}
    assert named("The U.S. will guarantee the ceasefire.", settings.parties) == {"United States"}


def test_created_and_established_are_one_action() -> None:
    settings = shipped_settings().changes
    created = named("A buffer zone will be created.", settings.actions)
    assert created == named("A buffer zone will be established.", settings.actions) == {"create"}


def test_a_hyphen_is_no_change_at_all() -> None:
    old, new = "A cease-fire will take effect at midnight.", "A ceasefire will take effect at midnight."
    assert same_words(old, new)
    assert find_facts(old, new, word_ops(old, new), shipped_settings().changes) == ()
    report = compare(parse_text(f"1. {old}\n", "old.md"), parse_text(f"1. {new}\n", "new.md"))
    assert [(c.kind, c.facts) for c in report.changes] == [("identical", ())]
    assert not same_words("A ceasefire will take effect at midnight.", "A ceasefire will take effect at noon.")


# -- status and rewrite: facts that classify adds ------------------------------------------------

LONG = ("Both sides will hand complete lists of prisoners they hold to the joint commission, which will publish "
        "them in full and update them every week.")

CLASSIFY_CASES = {
    "struck": ("status", "Foreign troops will not be stationed in Ukraine.",
               "[deleted] The bar on foreign troops is struck.", (("status", "status: active -> deleted"),)),
    "bracketed": ("status", "The line of contact will be frozen.", "[The line of contact will be frozen.]",
                  (("status", "status: active -> bracketed"),)),
    "bracketed on both sides": ("status", "[The line of contact will be frozen.]",
                                "[The line of contact will be frozen in Kherson.]", (("place", "place added: Kherson"),)),
    "rewritten": ("rewrite", LONG,
                  "Each party shall pass on registers naming every captive it keeps to the commission, "
                  "which is to publish them in full and update them every week.",
                  (("rewrite", "rewritten: only 52% of the words carried over"),)),
    "lightly reworded": ("rewrite", LONG, LONG.replace("complete lists", "full lists"), ()),
    # Exactly 60% kept is not a rewrite (rewrite_below = 0.6; test_classify holds the edge).
    "half rewritten": ("rewrite", LONG,
                       "Each party shall pass on registers naming every captive it keeps to the joint commission, "
                       "which will publish them in full and update them every week.", ()),
}


@pytest.mark.parametrize(("kind", "old", "new", "expected"), list(CLASSIFY_CASES.values()), ids=list(CLASSIFY_CASES))
def test_status_and_rewrite_facts(kind: str, old: str, new: str, expected: tuple[tuple[str, str], ...]) -> None:
    report = compare(parse_text(f"1. {old}\n", "old.md"), parse_text(f"1. {new}\n", "new.md"))
    [change] = report.changes
    assert change.link.from_labels == change.link.to_labels == ("1",)
    assert tuple((f.kind, f.summary) for f in change.facts) == expected


def test_status_and_rewrite_have_a_positive_and_a_negative_row() -> None:
    for kind in ("status", "rewrite"):
        rows = [expected for k, _old, _new, expected in CLASSIFY_CASES.values() if k == kind]
        assert any(any(k == kind for k, _summary in e) for e in rows), kind
        assert any(all(k != kind for k, _summary in e) for e in rows), kind
