"""The parser on pages outlets actually published (tests/fixtures/real): the structure a reader finds.

The figure is held per half of the seeded DEV/TEST split (tests/real_layouts.py): the number of
fixtures whose provisions come out with exactly the expected labels and statuses, and the number
the parser refuses outright. The line printed by the test gives both halves.
"""

from __future__ import annotations

import pytest

from cow_compare import parse_text
from cow_compare.intake import writer as markdown_format

from .real_layouts import HALVES, Outcome, fixture_paths, read_fixture, run, split

# Fixtures parsed to the expected structure, at least; and refused, at most.
PASSING_AT_LEAST = {"DEV": 28, "TEST": 28}
REFUSED_AT_MOST = {"DEV": 0, "TEST": 0}

STATUSES = {"active", "deleted", "bracketed", "option"}


def test_every_fixture_is_well_formed() -> None:
    paths = fixture_paths()
    assert len(paths) == 56
    for path in paths:
        fixture = read_fixture(path)
        assert {"source", "outlet", "language", "covers", "layout"} <= set(fixture.header), path.name
        assert fixture.expected, path.name
        assert {status for _, status in fixture.expected} <= STATUSES, path.name


def test_the_split_is_two_halves_fixed_by_the_names() -> None:
    halves = split()
    assert [len(halves[h]) for h in HALVES] == [28, 28]
    assert not set(halves["DEV"]) & set(halves["TEST"])


@pytest.fixture(scope="module")
def outcomes() -> dict[str, list[Outcome]]:
    return {half: [run(read_fixture(path)) for path in paths] for half, paths in split().items()}


def test_real_layouts_parse_to_the_expected_structure(outcomes: dict[str, list[Outcome]],
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    passed = {half: sum(o.passed for o in outcomes[half]) for half in HALVES}
    refused = {half: sum(o.error is not None for o in outcomes[half]) for half in HALVES}
    line = "real layouts: " + ", ".join(
        f"{half} {passed[half]} of {len(outcomes[half])} ({refused[half]} refused)" for half in HALVES)
    with capsys.disabled():
        print(f"\n{line}")
    for half in HALVES:
        assert passed[half] >= PASSING_AT_LEAST[half], line
        assert refused[half] <= REFUSED_AT_MOST[half], line


def test_every_real_page_written_back_as_markdown_parses_to_the_same_provisions() -> None:
    # `show --format markdown` of a real page is a corpus file: second lists, articles, a number
    # printed twice and struck slots all read back as they were.
    for path in fixture_paths():
        fixture = read_fixture(path)
        doc = parse_text(fixture.text, fixture.name, default_id="page")
        again = parse_text(markdown_format.document(doc), "again.md")
        assert [(p.label, p.status, p.text) for p in again.provisions] == [
            (p.label, p.status, p.text) for p in doc.provisions], path.name
