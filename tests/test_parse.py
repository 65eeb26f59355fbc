"""The parser against golden fixtures in every style the sources use, and its error cases."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from cow_compare import FrontMatterError, ParseError, SourceFileError, parse_file, parse_text
from cow_compare.intake.normalize import fingerprint

FIXTURE_DIR = Path(__file__).resolve().parent / "fixtures" / "parse"


@dataclass
class Case:
    title: str
    text: str
    expect: list[tuple[str, str, str]]
    warnings: list[str]


def _cases() -> list[Case]:
    cases: list[Case] = []
    for path in sorted(FIXTURE_DIR.glob("*.txt")):
        for block in path.read_text(encoding="utf-8").split("\n=====\n"):
            sections: dict[str, list[str]] = {}
            title, current = "", None
            for line in block.split("\n"):
                if line.startswith("--- "):
                    current = line[4:].strip()
                    sections[current] = []
                elif current is not None:
                    sections[current].append(line)
                elif line.startswith("# "):
                    title = line[2:]
            expect = []
            for row in sections["expect"]:
                if row.strip():
                    label, status, text = (part.strip() for part in (row.split("|", 2) + [""])[:3])
                    expect.append((label, status, text))
            warnings = [w.strip() for w in sections.get("warnings", []) if w.strip()]
            cases.append(Case(f"{path.stem}: {title}", "\n".join(sections["input"]).strip("\n") + "\n", expect, warnings))
    return cases


CASES = _cases()


def test_fixtures_cover_every_style() -> None:
    # A guard against a fixture file that silently stopped yielding cases.
    assert len(CASES) >= 30


@pytest.mark.parametrize("case", CASES, ids=[c.title for c in CASES])
def test_fixture(case: Case) -> None:
    doc = parse_text(case.text, "fixture.md")
    got = [(p.label, p.status, p.text) for p in doc.provisions]
    assert got == case.expect
    messages = [w.message for w in doc.warnings]
    position = 0
    for fragment in case.warnings:
        found = next((i for i in range(position, len(messages)) if fragment in messages[i]), None)
        assert found is not None, f"warning {fragment!r} not in {messages}"
        position = found + 1
    if not case.warnings:
        assert messages == []


def test_tree_fields_lines_and_parents() -> None:
    text = "Intro.\n\n10. Lead:\n    a. one\n    b. two,\n       wrapped\n11. Next.\n"
    doc = parse_text(text, "t.md")
    by_label = {p.label: p for p in doc.provisions}
    assert by_label["10.b"].parent == "10"
    assert by_label["10.b"].depth == 1
    assert by_label["10.b"].lines == (5, 6)
    assert by_label["10.b"].number == "b."
    assert by_label["11"].lines == (7, 7)
    assert by_label["preamble"].lines == (1, 1)
    assert doc.children("10") == (by_label["10.a"], by_label["10.b"])


def test_lines_count_front_matter() -> None:
    text = '+++\nid = "x-1"\ntitle = "X"\n+++\n1. First.\n2. Second.\n'
    doc = parse_text(text, "x.md")
    assert doc.id == "x-1"
    assert [p.lines for p in doc.provisions] == [(5, 5), (6, 6)]


def test_fingerprint_ignores_typography_but_not_words() -> None:
    assert fingerprint("Capped at 600,000 \u2013 in \u201cpeacetime\u201d.") == fingerprint('capped at 600 000 - in "peacetime"')
    assert fingerprint("capped at 600,000") != fingerprint("capped at 800,000")


def test_plain_file_gets_id_and_title_from_its_name(tmp_path: Path) -> None:
    path = tmp_path / "My Plan v2.txt"
    path.write_text("1. One.\n2. Two.\n", encoding="utf-8")
    doc = parse_file(path)
    assert doc.id == "my-plan-v2"
    assert doc.title == "My Plan v2"
    assert doc.provisions[0].id == "my-plan-v2:1"


def test_title_heading_is_not_a_section() -> None:
    doc = parse_text("# The Paris Declaration\n\n1. One.\n## Annex\n2. Two.\n", "p.md")
    assert doc.title == "The Paris Declaration"
    assert [p.section for p in doc.provisions] == ["", "Annex"]


def test_html_in_text_is_kept_literally() -> None:
    doc = parse_text('1. <script>alert(1)</script> and "><img src=x onerror=alert(1)>\n', "x.md")
    assert doc.provisions[0].text == '<script>alert(1)</script> and "><img src=x onerror=alert(1)>'


# -- bad input ------------------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SourceFileError, match=r"nope\.md: no such file"):
        parse_file(tmp_path / "nope.md")


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(SourceFileError, match="is a directory"):
        parse_file(tmp_path)


def test_binary(tmp_path: Path) -> None:
    path = tmp_path / "plan.pdf"
    path.write_bytes(b"%PDF-1.7\x00\x01\x02binary")
    with pytest.raises(SourceFileError, match="binary file"):
        parse_file(path)


def test_not_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_bytes("1. One.\n2. Zaporizhzhia \u2013 ok\n3. Caf".encode() + b"\xe9\n")
    with pytest.raises(SourceFileError, match=r"plan\.txt:3: is not UTF-8 \(byte 0xe9\)"):
        parse_file(path)


def test_empty(tmp_path: Path) -> None:
    path = tmp_path / "empty.md"
    path.write_text("  \n\n", encoding="utf-8")
    with pytest.raises(SourceFileError, match="is empty"):
        parse_file(path)


def test_front_matter_only_has_no_provisions() -> None:
    with pytest.raises(ParseError, match="no provisions found"):
        parse_text('+++\nid = "a"\n+++\n\n## Heading only\n', "a.md")


def test_front_matter_not_closed() -> None:
    with pytest.raises(FrontMatterError, match=r"a\.md:1: front matter opened with \+\+\+ is never closed"):
        parse_text('+++\nid = "a"\n1. One.\n', "a.md")


def test_front_matter_bad_toml_names_the_line() -> None:
    with pytest.raises(FrontMatterError, match=r"a\.md:3: front matter is not valid TOML"):
        parse_text('+++\nid = "a"\ntitle = unquoted words\n+++\n1. One.\n', "a.md")


@pytest.mark.parametrize(
    ("line", "fragment"),
    [
        ('status = "rumoured"', "`status` is 'rumoured'; use one of leaked, published"),
        ('kind = "treaty"', "`kind` is 'treaty'; use one of peace-plan"),
        ('date = "2025-11-20"', "`date` is '2025-11-20'; write a TOML date without quotes"),
        ('parties = "US"', "`parties` must be a list of strings"),
        ('id = "US 28"', "`id` is 'US 28'; use lower-case words"),
    ],
)
def test_front_matter_bad_values(line: str, fragment: str) -> None:
    with pytest.raises(FrontMatterError) as info:
        parse_text(f"+++\n{line}\n+++\n1. One.\n", "a.md")
    assert fragment in str(info.value)


def test_a_number_printed_twice_is_kept_and_the_second_suffixed_with_a_warning() -> None:
    # A real page's slip is never refused: both points stay, as printed, and the warning says how.
    doc = parse_text("1. One.\n2. Two.\n2. Two again.\n", "a.md")
    assert [p.label for p in doc.provisions] == ["1", "2", "2-2"]
    assert [p.number for p in doc.provisions] == ["1.", "2.", "2."]
    assert "label '2' is printed twice (lines 2 and 3): the second is labelled 2-2" in [
        w.message for w in doc.warnings]


def test_long_documents_number_past_five_hundred() -> None:
    # A large number at a line start is a wrapped year only when it continues no open sequence.
    text = "".join(f"{n}. Provision number {n}.\n" for n in range(1, 601))
    doc = parse_text(text, "long.md")
    assert [p.label for p in doc.provisions] == [str(n) for n in range(1, 601)]
