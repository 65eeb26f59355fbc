"""Tag shifts between two sides of a change: gained and lost polarities, each named once."""

from __future__ import annotations

import pytest

from cow_compare import parse_text
from cow_compare.model import TagShift
from cow_compare.pipeline import compare
from cow_compare.tags.engine import Tagger
from cow_compare.tags.shifts import shift_fact


@pytest.mark.parametrize(("before", "after", "summary"), [
    ((), ("requires",), "DMZ: (none) -> requires"),
    (("requires",), (), "DMZ: requires -> (none)"),
    (("prohibits",), ("limits",), "DMZ: prohibits -> limits"),
    (("cedes",), ("cedes", "freezes"), "DMZ: +freezes"),
    (("cedes", "recognizes"), ("cedes", "freezes"), "DMZ: -recognizes +freezes"),
    (("cedes", "freezes"), ("freezes",), "DMZ: -cedes"),
])
def test_a_shift_reads_as_gained_and_lost(before: tuple[str, ...], after: tuple[str, ...], summary: str) -> None:
    fact = shift_fact(TagShift("DMZ", before, after))
    assert fact.summary == summary and fact.kind == "tag"


def test_a_second_polarity_gained_is_a_fact(tagger: Tagger) -> None:
    old = parse_text("1. Ukrainian forces will withdraw from the part of Donetsk oblast they control.\n", "old.md")
    new = parse_text("1. The current line will be de facto recognized as the line of contact; Ukrainian forces will "
                     "withdraw from the part of Donetsk oblast they control.\n", "new.md")
    change = compare(old, new, tagger=tagger).changes[0]
    assert [f.summary for f in change.facts if f.kind == "tag"] == ["territory: +freezes"]
    (shift,) = change.tag_shifts
    assert (shift.gained, shift.lost) == (("freezes",), ())


def test_unchanged_polarities_in_another_order_are_no_shift(tagger: Tagger) -> None:
    text = ("1. Ukraine commits not to retake its occupied territory by military means, and talks on swapping "
            "territory will begin from the line of contact.\n")
    change = compare(parse_text(text, "a.md"), parse_text(text, "b.md"), tagger=tagger).changes[0]
    assert change.tag_shifts == () and not any(f.kind == "tag" for f in change.facts)
