"""Reads the real-layout fixtures (tests/fixtures/real) and compares the parser's structure with theirs.

Each fixture is a page as an analyst pastes it, with the provisions a reader finds in it written
as `LABEL STATUS` lines (see tests/fixtures/real/README.md). The parser's outcome on a fixture is
its provisions' labels and statuses in document order, without the lead and closing paragraphs
(`preamble`, `closing`, ...), which the fixtures do not list. A label the parser had to make
unique because the page prints a number twice (`8-2` for the second `8.`) is compared as printed.

The fixtures are split once into a DEV half and a TEST half: sorted by SHA-256 of the salt and
the file name, the first half is DEV. The split depends on nothing but the file names and the
salt below, and was fixed before anything was measured. Tuning reads DEV only; TEST measures
whether what was learnt on DEV holds on pages nobody tuned for.

Run as a script to see, for the DEV fixtures, where the parser and the expectation part:

    PYTHONPATH=. python -m tests.real_layouts            # DEV, failures only
    PYTHONPATH=. python -m tests.real_layouts --all      # DEV, every fixture
    PYTHONPATH=. python -m tests.real_layouts NAME ...   # the named fixtures
"""

from __future__ import annotations

import hashlib
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from cow_compare import parse_text
from cow_compare.errors import CowCompareError

REAL_DIR = Path(__file__).resolve().parent / "fixtures" / "real"
SALT = "cow-compare/real-layouts/split/v1"
HALVES = ("DEV", "TEST")

_PARAGRAPH = re.compile(r"^(?:preamble|closing)(?:-\d+)?$")
_DUPLICATE_SUFFIX = re.compile(r"-\d+$")


@dataclass(frozen=True)
class Fixture:
    """One real-layout fixture: its header fields, the pasted text and the expected structure."""

    name: str
    header: dict[str, str]
    text: str
    expected: tuple[tuple[str, str], ...]
    """(label, status) per provision, in document order."""


@dataclass(frozen=True)
class Outcome:
    """What the parser made of a fixture."""

    fixture: Fixture
    got: tuple[tuple[str, str], ...]
    error: str | None
    """The message when the parser refused the text."""
    warnings: tuple[str, ...]

    @property
    def passed(self) -> bool:
        return self.error is None and self.got == self.fixture.expected


def read_fixture(path: Path) -> Fixture:
    """Return the fixture in a file; ValueError naming the file when it lacks a section."""
    raw = path.read_text(encoding="utf-8")
    head, sep, rest = raw.partition("\n=== text ===\n")
    text, sep2, expected_block = rest.partition("\n=== expected ===\n")
    if not sep or not sep2:
        raise ValueError(f"{path.name}: needs '=== text ===' and '=== expected ===' lines")
    header: dict[str, str] = {}
    for line in head.splitlines():
        if line.startswith("# ") and ":" in line:
            key, _, value = line[2:].partition(":")
            header[key.strip()] = value.strip()
    expected: list[tuple[str, str]] = []
    for row in expected_block.splitlines():
        if row.strip():
            label, status = row.split()
            expected.append((label, status))
    return Fixture(path.name, header, text + "\n", tuple(expected))


def half_of(name: str, names: list[str]) -> str:
    """DEV or TEST: the first half of the names sorted by their salted hash is DEV."""
    ranked = sorted(names, key=lambda n: hashlib.sha256((SALT + n).encode("utf-8")).hexdigest())
    return "DEV" if ranked.index(name) < len(ranked) // 2 else "TEST"


def fixture_paths() -> list[Path]:
    return sorted(REAL_DIR.glob("[0-9][0-9]-*.txt"))


def split() -> dict[str, list[Path]]:
    """The fixture files of each half, in file order."""
    paths = fixture_paths()
    names = [p.name for p in paths]
    return {half: [p for p in paths if half_of(p.name, names) == half] for half in HALVES}


def as_printed(label: str) -> str:
    """A label with the parser's duplicate suffix taken off each part (`8-2` is printed `8`)."""
    return ".".join(_DUPLICATE_SUFFIX.sub("", part) for part in label.split("."))


def run(fixture: Fixture) -> Outcome:
    """Parse the fixture's text and return the structure found, or the refusal."""
    try:
        doc = parse_text(fixture.text, fixture.name)
    except CowCompareError as exc:
        return Outcome(fixture, (), str(exc), ())
    got = tuple((as_printed(p.label), p.status) for p in doc.provisions if not _PARAGRAPH.match(p.label))
    return Outcome(fixture, got, None, tuple(f"{w.line}: {w.message}" for w in doc.warnings))


def _report(outcome: Outcome) -> str:
    fx = outcome.fixture
    lines = [f"== {fx.name}: {'PASS' if outcome.passed else 'FAIL'}"]
    if outcome.error:
        lines.append(f"   refused: {outcome.error}")
    exp = [f"{label} {status}" for label, status in fx.expected]
    got = [f"{label} {status}" for label, status in outcome.got]
    width = max([len(e) for e in exp] + [8])
    for i in range(max(len(exp), len(got))):
        e = exp[i] if i < len(exp) else ""
        g = got[i] if i < len(got) else ""
        mark = " " if e == g else "*"
        lines.append(f" {mark} {e:<{width}}  {g}")
    lines.extend(f"   warning {w}" for w in outcome.warnings)
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    halves = split()
    show_all = "--all" in argv
    names = [a for a in argv if not a.startswith("--")]
    if names:
        paths = [p for p in fixture_paths() if any(p.name.startswith(n) for n in names)]
    else:
        paths = halves["DEV"]
    passed = 0
    for path in paths:
        outcome = run(read_fixture(path))
        passed += outcome.passed
        if show_all or names or not outcome.passed:
            print(_report(outcome))
    print(f"{passed} of {len(paths)} pass")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
