"""implications.v7, the default: implications.v5's rules with round 8, read from the DEV halves of
tests/tagsets-heldout6 to -heldout9.

The sentences here are written for these tests in the project's own words (none is an item of a
held-out set); each checks a family of wording round 8 added, and the convention it settles where
the writers of heldout-6 to -9 agree: one country declining to send its own soldiers bars no force
(NATO, the foreign forces as a whole, or Moscow refusing them still does); a retreat or a recapture
on the battlefield changes no land's hands; land returned to another party is restored, not ceded.
"""

from __future__ import annotations

import pytest

from cow_compare.errors import RuleSetError
from cow_compare.tags import DEFAULT_RULESET, load_named, parse_ruleset
from cow_compare.tags.engine import Tagger


def calls(tagger: Tagger, text: str, tag: str) -> set[str]:
    return {t.polarity for t in tagger.tag_text(text) if t.tag == tag}


def test_v7s_rules_are_the_defaults_and_every_tag_names_the_set_that_made_it(tagger: Tagger, v7: Tagger) -> None:
    """The default, implications.v9, is v7's rules with a layer held to their votes; v7 stays loadable."""
    assert DEFAULT_RULESET == "implications.v9" and tagger.rules.name == "implications.v9"
    text = "Italy will not send troops to Ukraine, but NATO agrees not to deploy troops there."
    (tag,) = tagger.tag_text(text)
    assert (tag.tag, tag.polarity) == ("MNF-U", "prohibits") and tag.rule.startswith("implications.v9:")
    (alone,) = v7.tag_text(text)
    assert alone.rule == tag.rule.replace("implications.v9:", "implications.v7:") and alone.evidence == tag.evidence


@pytest.mark.parametrize("text", [
    "Spain will not send its soldiers to Ukraine, the defence minister told parliament.",
    "The United States will not deploy American troops to Ukraine, the president said again.",
    "Warsaw has ruled out Polish troops on Ukrainian soil and offers its airports instead.",
])
def test_one_country_declining_its_own_troops_bars_no_force(tagger: Tagger, text: str) -> None:
    assert calls(tagger, text, "MNF-U") == set()


@pytest.mark.parametrize("text", [
    "NATO agrees not to deploy troops in Ukraine.",
    "No foreign troops may be stationed on the territory of Ukraine.",
    "Moscow warned that any European peacekeepers would be treated as occupants.",
])
def test_a_bar_on_foreign_forces_as_a_whole_still_prohibits(tagger: Tagger, text: str) -> None:
    assert calls(tagger, text, "MNF-U") == {"prohibits"}


@pytest.mark.parametrize("text", [
    "Ukrainian units pulled out of the village after a week of encirclement, the general staff said.",
    "Kyiv said it had retaken two villages near Kupiansk overnight.",
])
def test_a_battlefield_retreat_or_recapture_changes_no_hands(tagger: Tagger, text: str) -> None:
    assert calls(tagger, text, "territory") == set()


def test_ukraine_withdrawing_under_a_plan_still_cedes(tagger: Tagger) -> None:
    text = "Under the draft, Ukraine, according to two officials, would withdraw from the part of Donetsk it holds."
    assert calls(tagger, text, "territory") == {"cedes"}


@pytest.mark.parametrize("text", [
    "Armenia shall return the Kalbajar district to Azerbaijan within ten days.",
    "Israel returned the Sinai peninsula to Egypt under the 1979 treaty.",
])
def test_land_returned_to_another_party_is_restored_not_ceded(tagger: Tagger, text: str) -> None:
    assert calls(tagger, text, "territory") == {"restores"}


def test_refugees_returning_hand_no_land_over(tagger: Tagger) -> None:
    assert calls(tagger, "Displaced families shall return to Abkhazia under UN supervision.", "territory") == set()


@pytest.mark.parametrize(("text", "expected"), [
    ("The reassurance troops would be based west of the Dnipro, with no front-line role.", {"requires", "limits"}),
    ("British and French troops would stay far from the front line, in hubs.", {"requires", "limits"}),
    ("Any international force shall be composed of contingents of non-NATO countries.", {"requires", "limits"}),
])
def test_a_force_kept_off_the_front_is_provided_for_and_limited(tagger: Tagger, text: str, expected: set[str]) -> None:
    assert calls(tagger, text, "MNF-U") == expected


@pytest.mark.parametrize("text", [
    "The ceasefire shall be total and shall apply along the entire front.",
    "Both armies agreed to a ceasefire along the current line.",
    "Under the truce everyone stays where they are and nobody advances.",
])
def test_a_ceasefire_that_fixes_the_forces_in_place_is_a_dmz(tagger: Tagger, text: str) -> None:
    assert "requires" in calls(tagger, text, "DMZ")


def test_a_ceasefire_named_only_as_a_precondition_is_not(tagger: Tagger) -> None:
    text = "Territorial talks would open only after a full and unconditional ceasefire had held for a month."
    assert calls(tagger, text, "DMZ") == set()


@pytest.mark.parametrize(("text", "polarity"), [
    ("Each party recognises the sovereignty of the other over the islands named in Annex 2.", "recognizes"),
    ("The Duma demands that Kyiv recognize the loss of Crimea and Donbass.", "recognizes"),
    ("The territorial issues will be discussed separately, at the highest level.", "defers"),
    ("The armistice line shall not be construed as a political boundary.", "defers"),
    ("Both forces shall be withdrawn to the positions held before March 2021.", "restores"),
])
def test_round_8_families(tagger: Tagger, text: str, polarity: str) -> None:
    assert polarity in calls(tagger, text, "territory")


@pytest.mark.parametrize("text", [
    "Ukraine will not recognise, de jure or de facto, any part of its land as belonging to Russia.",
    "Nobody will force Kyiv to recognize the occupied regions as Russian.",
])
def test_a_refused_recognition_recognises_nothing(tagger: Tagger, text: str) -> None:
    assert calls(tagger, text, "territory") == set()


def test_v5_stays_loadable_and_answers_as_before() -> None:
    v5 = Tagger(load_named("implications.v5"))
    assert {t.polarity for t in v5.tag_text("Italy will not send troops to Ukraine.")} == {"prohibits"}


def test_a_set_based_on_a_shipped_one_may_name_its_lexicons() -> None:
    text = ('{"ruleset": "my.v1", "based_on": "implications.v5"}\n'
            '{"id": "mine.keep-out", "tag": "MNF-U", "polarity": "prohibits", '
            '"pattern": [{"LEX": "foreign-actor"}, {"LEX": "troop-noun"}, {"LOWER": "out"}]}\n')
    rules = parse_ruleset(text, "mine.jsonl")
    assert rules.name == "my.v1" and "mine.keep-out" in {r.id for r in rules.rules}
    assert {t.polarity for t in Tagger(rules).tag_text("Keep foreign troops out, Moscow says.")} == {"prohibits"}
    with pytest.raises(RuleSetError, match=r"mine\.jsonl: 1 problem: line 2 \(mine\.bad\).*'no-such-list'"):
        parse_ruleset(text.replace("mine.keep-out", "mine.bad").replace('"foreign-actor"', '"no-such-list"'),
                      "mine.jsonl")
