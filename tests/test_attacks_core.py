"""Hostile input against the core (issue 14): one case per way it used to break.

Each case runs the command as a user would and holds the exact exit status, the one line on
stderr (never a traceback) and that nothing was written where something could have been. Inputs
that used to hang (a named pipe, quadratic alignment, a diff of long rewritten texts) run in a
child process under a generous time-out, so a regression fails instead of stalling the suite;
how fast they are belongs to benchmarks/bench_adversarial.py.
"""

from __future__ import annotations

import errno
import io
import os
import subprocess
import sys
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import pytest

from cow_compare import parse_text
from cow_compare.cli import main
from cow_compare.pipeline import compare
from tests.conftest import ROOT

HANG = 120
"""Seconds a child process may take before the case counts as a hang (each takes a few)."""


def cli(*args: str, timeout: float = HANG, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The real command line in a child process (with `env` as its environment, if given), stopped after
    `timeout` seconds."""
    return subprocess.run([sys.executable, "-m", "cow_compare", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=timeout, check=False, env=env)


def one_line(stderr: str) -> str:
    """The single error line of stderr; fails on a traceback or on more than one line."""
    lines = stderr.strip().splitlines()
    assert "Traceback" not in stderr and len(lines) == 1, stderr
    assert lines[0].startswith("cow-compare: error: "), stderr
    return lines[0]


def refused(result: subprocess.CompletedProcess[str], *fragments: str) -> str:
    """Assert exit status 2, nothing on stdout and one line on stderr holding every fragment."""
    assert result.returncode == 2, (result.returncode, result.stderr[-2000:])
    assert result.stdout == ""
    line = one_line(result.stderr)
    for fragment in fragments:
        assert fragment in line, line
    return line


def in_process(args: list[str]) -> tuple[int, str, str]:
    """Run `cow-compare ARGS` in this process (so a test may patch the library); (status, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            main(args)
        except SystemExit as exc:
            return int(exc.code or 0), out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def settings_file(tmp_path: Path, **limits: int) -> Path:
    path = tmp_path / "limits.toml"
    path.write_text("[limits]\n" + "".join(f"{key} = {value}\n" for key, value in limits.items()), encoding="utf-8")
    return path


def points(texts: list[str]) -> str:
    return "".join(f"{k}. {text}\n" for k, text in enumerate(texts, 1))


# -- tracebacks that are now one line, or no error at all ---------------------------------------

@pytest.mark.parametrize("form", ["{digits}. The second point.", "Point {digits}: The second point.",
                                  "({digits}) The second point.", "{digits}st: The second point."])
def test_a_number_beyond_pythons_4300_digits_is_text_not_a_traceback(tmp_path: Path, form: str) -> None:
    digits = "7" * 5000
    path = tmp_path / "digits.md"
    path.write_text(f"1. The first point.\n{form.format(digits=digits)}\n", encoding="utf-8")
    result = cli("show", "--format", "json", str(path))
    assert result.returncode == 0 and result.stderr == "", result.stderr[-2000:]
    assert digits in result.stdout  # kept as text: a number that long is no point's number


def test_front_matter_nested_500_deep_is_refused_by_the_depth_limit(tmp_path: Path) -> None:
    path = tmp_path / "deep.md"
    path.write_text("+++\nx = " + "[" * 500 + "]" * 500 + "\n+++\n1. A point.\n", encoding="utf-8")
    refused(cli("show", str(path)), "deep.md:2:", "nested 500 deep", "[limits] max_depth", "--settings")


def test_a_linked_pair_with_over_137000_distinct_tokens_is_refused_by_default_and_diffed_when_allowed(
        tmp_path: Path) -> None:
    words = [f"w{k}" for k in range(140_000)]
    old, new = tmp_path / "old.md", tmp_path / "new.md"
    old.write_text("1. " + " ".join(words) + "\n", encoding="utf-8")
    new.write_text("1. " + " ".join(f"v{k}" if k % 1000 == 0 else w for k, w in enumerate(words)) + "\n",
                   encoding="utf-8")
    refused(cli("diff", "--no-tags", str(old), str(new)), "old.md:1:", "[limits] max_provision_characters")
    raised = settings_file(tmp_path, max_provision_characters=5_000_000)
    result = cli("diff", "--no-tags", "--format", "json", "--settings", str(raised), str(old), str(new))
    assert result.returncode == 1 and result.stderr == "", result.stderr[-2000:]
    assert '"reworded": 1' in result.stdout or '"modified": 1' in result.stdout


@pytest.mark.parametrize(("make", "fragment"), [
    (lambda p: p.mkdir(), "lineage.toml: is a directory"),
    (lambda p: p.write_text("edge = 5\n", encoding="utf-8"), "`edge` is 5, not a list of steps"),
    (lambda p: p.write_text('edge = "x"\n', encoding="utf-8"), "`edge` is 'x', not a list of steps"),
    (lambda p: p.write_text("edge = [5]\n", encoding="utf-8"), "edge 1 must be a table"),
    (lambda p: p.write_text("edge = " + "[" * 600 + "]" * 600 + "\n", encoding="utf-8"), "[limits] max_depth"),
], ids=["directory", "edge-number", "edge-string", "edge-list-of-numbers", "nested"])
def test_a_malformed_lineage_file_is_one_line(tmp_path: Path, make: Callable[[Path], Any], fragment: str) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.md").write_text('+++\nid = "a-1-2025-01-01"\n+++\n1. A point.\n', encoding="utf-8")
    make(folder / "lineage.toml")
    refused(cli("list", "--corpus", str(folder)), fragment)


def _full_disk_after(writes: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file opened for writing after the first `writes` fails as a full disk would."""
    real = os.fdopen
    opened = [0]

    class Full(io.StringIO):
        def write(self, text: str) -> int:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def fdopen(fd: int, *args: Any, **kwargs: Any) -> Any:
        opened[0] += 1
        if opened[0] <= writes:
            return real(fd, *args, **kwargs)
        os.close(fd)
        return Full()

    monkeypatch.setattr(os, "fdopen", fdopen)


def test_a_full_disk_while_writing_a_report_is_one_line_and_leaves_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COW_COMPARE_CACHE", "off")
    out = tmp_path / "out"
    _full_disk_after(0, monkeypatch)
    status, stdout, stderr = in_process(["report", "us-28", "eu-e3", "--no-tags", "-o", str(out)])
    assert status == 2 and stdout == ""
    assert "No space left on device" in one_line(stderr) and "free some disk space" in stderr
    assert not out.exists() or list(out.iterdir()) == []


def test_a_full_disk_part_way_through_report_all_leaves_the_old_reports_untouched(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COW_COMPARE_CACHE", "off")
    out = tmp_path / "reports"
    out.mkdir()
    (out / "index.html").write_text("the old index", encoding="utf-8")
    (out / "notes.txt").write_text("an analyst's own file", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    _full_disk_after(7, monkeypatch)
    status, stdout, stderr = in_process(["report", "--all", "--no-tags", "-o", str(out)])
    assert status == 2 and stdout == ""
    assert "No space left on device" in one_line(stderr)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # no partial batch, no temporary folder


def test_report_all_failing_part_way_leaves_the_old_batch_and_a_new_folder_unmade(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cow_compare.errors import InputError
    from cow_compare.workspace import Workspace

    monkeypatch.setenv("COW_COMPARE_CACHE", "off")
    real = Workspace.compare
    calls = [0]

    def failing(self: Workspace, *args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        if calls[0] == 5:
            raise InputError("the fifth comparison fails")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Workspace, "compare", failing)
    old = tmp_path / "reports"
    old.mkdir()
    (old / "index.html").write_text("the old index", encoding="utf-8")
    status, stdout, stderr = in_process(["report", "--all", "--no-tags", "-o", str(old)])
    assert status == 2 and stdout == "" and "the fifth comparison fails" in one_line(stderr)
    assert [p.name for p in old.iterdir()] == ["index.html"]
    assert (old / "index.html").read_text(encoding="utf-8") == "the old index"
    calls[0] = 0
    new = tmp_path / "fresh" / "reports"
    status, _stdout, _stderr = in_process(["report", "--all", "--no-tags", "-o", str(new)])
    assert status == 2 and not new.exists()
    assert list((tmp_path / "fresh").iterdir()) == []


def test_report_all_moves_a_whole_batch_into_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COW_COMPARE_CACHE", "off")
    out = tmp_path / "reports"
    status, stdout, stderr = in_process(["report", "--all", "--no-tags", "-o", str(out)])
    assert status == 0 and stderr == ""
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == len(stdout.splitlines()) and "index.html" in names and "lineage.html" in names
    assert oct(out.stat().st_mode & 0o777) != oct(0o700)  # not the private mode of a temporary folder


# -- what used to hang -------------------------------------------------------------------------

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_a_named_pipe_as_a_document_is_refused_not_read_for_ever(tmp_path: Path) -> None:
    fifo = tmp_path / "plan.md"
    os.mkfifo(fifo)
    refused(cli("show", str(fifo), timeout=30), "plan.md: is a named pipe (FIFO), not a regular file")
    refused(cli("diff", "us-28", str(fifo), timeout=30), "is a named pipe (FIFO)")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_a_named_pipe_in_the_corpus_folder_is_refused_not_read_for_ever(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.md").write_text('+++\nid = "a-1-2025-01-01"\n+++\n1. A point.\n', encoding="utf-8")
    os.mkfifo(folder / "b.md")
    refused(cli("list", "--corpus", str(folder), timeout=30), "b.md: is a named pipe (FIFO)")
    os.mkfifo(tmp_path / "settings.toml")
    refused(cli("list", "--settings", str(tmp_path / "settings.toml"), timeout=30), "not a regular file")


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="no /dev/null")
def test_a_device_as_a_document_is_refused() -> None:
    refused(cli("show", "/dev/null", timeout=30), "/dev/null: is a character device, not a regular file")


def test_a_document_whose_provisions_all_say_the_same_is_compared_with_itself_as_identical(tmp_path: Path) -> None:
    path = tmp_path / "same.md"
    path.write_text(points(["The parties will observe the ceasefire along the line of contact."] * 4000),
                    encoding="utf-8")
    result = cli("diff", "--no-tags", str(path), str(path))
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout.startswith("same -> same: 4000 identical")


def test_a_repeated_text_against_a_reworded_repeat_pairs_each_with_its_neighbour() -> None:
    text = "The parties will observe the ceasefire along the line of contact in Zaporizhzhia."
    old = parse_text(points([text] * 3000), "old.md")
    new = parse_text("".join(f"- {text.replace('observe', 'respect')}\n" for _ in range(3000)), "new.md")
    report = compare(old, new)
    assert report.summary["reworded"] == 3000
    assert all(c.link.from_labels == (str(k),) and c.link.to_labels == (f"p{k}",)
               for k, c in enumerate(report.changes, 1))


def test_one_large_document_against_a_small_one(tmp_path: Path) -> None:
    big = [f"In region {k}, the parties will open crossing point number {k} for civilians." for k in range(1, 8001)]
    large, small = tmp_path / "large.md", tmp_path / "small.md"
    large.write_text(points(big), encoding="utf-8")
    small.write_text(points(big[:10]), encoding="utf-8")
    result = cli("diff", "--no-tags", str(large), str(small))
    assert result.returncode == 1 and result.stderr == ""
    assert result.stdout.startswith("large -> small: 10 identical, 7990 deleted")


def test_two_long_dissimilar_provisions_linked_to_each_other(tmp_path: Path) -> None:
    words = [f"term{k % 3000}" for k in range(9_000)]
    shuffled = words[::7] + words[1::7] + words[2::7] + words[3::7] + words[4::7] + words[5::7] + words[6::7]
    old, new = tmp_path / "old.md", tmp_path / "new.md"
    old.write_text("1. " + " ".join(words) + "\n", encoding="utf-8")
    new.write_text("1. " + " ".join(shuffled) + "\n", encoding="utf-8")
    result = cli("diff", "--no-tags", "--format", "json", str(old), str(new))
    assert result.returncode == 1 and result.stderr == ""
    assert '"matched_by": "label"' in result.stdout  # the same words: linked, then diffed in bounded time


# -- wrong answers -----------------------------------------------------------------------------

def test_a_file_diffed_with_itself_is_identical_when_a_provision_has_no_word(tmp_path: Path) -> None:
    path = tmp_path / "bare.md"
    path.write_text(points(["The parties agree to a ceasefire.", "[...]", "—", "]", "…", "[deleted]"]),
                    encoding="utf-8")
    result = cli("diff", "--no-tags", str(path), str(path))
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == "bare -> bare: 6 identical\n"


def _added_and_deleted(old_text: str, new_text: str) -> tuple[set[tuple[str, ...]], set[tuple[str, ...]]]:
    report = compare(parse_text(old_text, "old.md"), parse_text(new_text, "new.md"))
    return ({c.link.to_labels for c in report.changes if c.kind == "added"},
            {c.link.from_labels for c in report.changes if c.kind == "deleted"})


@pytest.mark.parametrize(("old", "new"), [
    # A struck slot facing live text at its number, in a mark-up that keeps the numbering.
    (points(["The war ends.", "Troops withdraw.", "Elections follow.", "Sanctions are lifted."]),
     points(["The war ends.", "Troops withdraw.", "[deleted]", "Sanctions are lifted."])),
    # The same, in a redraft where numbers say nothing.
    (points(["The war ends.", "Troops withdraw.", "Elections follow.", "Sanctions are lifted."]),
     points(["Sanctions are lifted.", "The war ends.", "[deleted]", "Troops withdraw."])),
    # Two provisions sharing one text, on one side or both.
    (points(["A zone is created.", "A zone is created.", "Talks begin."]),
     points(["Talks begin.", "A zone is created."])),
    (points(["A zone is created.", "Talks begin.", "A zone is created."]),
     points(["A zone is created.", "A zone is created.", "Talks begin.", "A zone is created."])),
    # One text twice, facing one provision it fits a little, in a gap paired in order.
    ("1. Sanctions on Russia are lifted in stages.\n2. Sanctions on Russia are lifted in stages.\n",
     "6. Prisoners are exchanged all for all.\n7. European sanctions on Russia stay.\n"),
    # A sub-item linked to a point of the other version: its children are paired from either side.
    ("    a) Security arrangements.\n        (ii) Ukraine.\n"
     "            1. The line of contact is frozen along 1,200 km of front.\n",
     "1. Ukraine.\n    a) Ukraine keeps an army of 800,000 and the line is frozen in Ukraine.\n"),
], ids=["struck-in-mark-up", "struck-in-redraft", "shared-text", "shared-text-both-sides", "one-text-twice-in-a-gap",
        "linked-across-levels"])
def test_swapping_the_versions_swaps_added_and_deleted(old: str, new: str) -> None:
    added, deleted = _added_and_deleted(old, new)
    back_added, back_deleted = _added_and_deleted(new, old)
    assert (back_added, back_deleted) == (deleted, added)


def test_show_markdown_parses_back_to_the_same_provisions(tmp_path: Path) -> None:
    path = tmp_path / "plan.md"
    path.write_text("Lead paragraph.\n\n1. It is 7\\*7 and x\\_y, *not* emphasis.\n2. 12345678901234567890\n"
                    "    a) 2025.\n\n## Part two\n\nThe part's introduction.\n\n3. [...]\n4. [deleted]\n",
                    encoding="utf-8")
    shown = cli("show", "--format", "markdown", str(path))
    assert shown.returncode == 0 and shown.stderr == ""
    again = tmp_path / "again.md"
    again.write_text(shown.stdout, encoding="utf-8")

    def provisions(p: Path) -> list[tuple[object, ...]]:
        doc = parse_text(p.read_text(encoding="utf-8"), "x.md")
        return [(q.label, q.parent, q.depth, q.status, q.text, q.section, q.notes) for q in doc.provisions]

    assert provisions(again) == provisions(path)
    assert "It is 7*7 and x_y, not emphasis." in [row[4] for row in provisions(again)]


ROUND_TRIPS = {
    # A marker-like line taken as lead text, with the text of the next line joined to it.
    "lead-marker-joined": "Point 1: ?\nPoint 4559 and more 777.\n\n3. Three.\n4. Four.\n",
    # A short paragraph right under its heading, which after a blank line would read as a sub-heading.
    "paragraph-under-heading": "(6) 813\n## Fro\n8\n(7) [d\n",
    # A paragraph of two short lines, joined it is short enough to be a sub-heading.
    "short-paragraph": "1. One.\n\n## Part\n\nTalks\nbegin\n2. Two.\n",
    # `1.5` with no point 1 open: labelled as printed.
    "decimal": "1.5 Ukr\n",
    "decimal-under-its-point": "1) One:\n    a) Alpha.\n    b) Beta.\n\n1.5 Ukraine and Russia.\n## NATO.\n\n2) Two.\n",
    # Title lines repeating a point's number, and a heading no provision stands under.
    "title-lines": "1) 1.+\n1. ti\n1.\nBe\na) 266\n",
    # A section that opens among a point's sub-items.
    "section-inside-a-point": "1.\n1) 506\n1)\n2)\n",
    # A number no point has, alone or leading a paragraph of several lines.
    "huge-number": "500000000:\nPo\n",
    "huge-number-lead": "650) 2025 2630027085466 - amnesty\nEurope and more.\n\n2. Two.\n3. Three:\n    a) Sub.\n",
    # A sub-item of another kind at the sub-items' indentation, after the parent's text came back.
    "sibling-after-bullet": " -\n-\nde.\n85792.\n2)\n",
    # Paragraphs opening with a section sign, which no mark can be escaped in.
    "section-sign": "§ 3\nbuf\n(3) A)\n-\n",
    # A bullet whose text, once its emphasis is gone, starts like a number.
    "bullet-number": "1. Text:\n    a. Alpha.\n        - 97 _under_ the sea.\n    b. Beta.\n",
    # A heading that ends in `#`, and two paragraphs between points under one heading.
    "heading-hash": "1. One.\n\nGuarantees de #\n\n2. Two.\n",
    "two-paragraphs": "1. One.\n\n## Part\n\nFirst words here.\n\n## Part\n\nSecond words here.\n\n2. Two.\n",
    # Options after lettered points, below a repeated heading.
    "options-after-letters": "## P\n\na) One.\nb) Two.\n\n## P\n\nOption A: yes.\nOption B: no.\n",
    # Years on lines of their own between points: text, whether printed `2222.` or escaped `2222\.`.
    "years-between-points": "1.\n## 7\n1900.\n2222.\n2.\n3.\n",
    "year-in-a-paragraph": "35;\n2024.\n",
    "year-then-bracket": "205\n\n74951: [d]\n117622:\n84.\n",
    # A second list whose `2` stands on the line of its `1`, run together.
    "restart-run-together": "1:\nPoint 1: 73. Point 2:\n",
    # Sub-items lettered from a again, and a number among bullets, at the sub-items' indentation.
    "letters-again": "(4) 50.\nb) 47;\nc) 36.\n(5)\na) 528\n",
    "number-among-bullets": "4)\n- Bin 10.\n198\n8038759575822762728010612599.)\n **8.**\n",
    # A bullet printed left of the sub-item above it: a sibling of that sub-item's parent level.
    "outdented-bullet": "\u2014\n    9:\n     - wi.\n799:\n    -\n",
    # Two sections with one title, and a paragraph opening the second one.
    "same-title-twice": "[[]\n# Bur\n2:\n## Ukraine.\n(2) [d]\n## Ukraine.\n(3) [d]\n",
    "paragraph-opens-a-list": "## 17.\n8.\n## 748\n500\n8:\n",
    # A list whose first bullet is printed further right than where the writer puts it.
    "first-bullet-indented": "    -\n## 212\nof.\nPoint 77\n    -\n",
}


@pytest.mark.parametrize("text", list(ROUND_TRIPS.values()), ids=list(ROUND_TRIPS))
def test_show_markdown_parses_back_to_the_same_provisions_on_garbled_layouts(text: str) -> None:
    """The garbled layouts tests/plans.py's garbled_texts() found the writer failing on, cut down."""
    from cow_compare.intake import writer

    def rows(doc: Any) -> list[tuple[object, ...]]:
        return [(q.label, q.parent, q.depth, q.status, q.text, q.section, q.notes) for q in doc.provisions]

    doc = parse_text(text, "garbled.md")
    assert rows(parse_text(writer.document(doc), "again.md")) == rows(doc)


# -- limits ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "key", "lowered", "raised", "fragment"), [
    ("1. " + "word " * 25_000 + "\n", "max_provision_characters", None, 200_000, "a line of 125,003 characters"),
    ("1. " + "word " * 15_000 + "\n" + "word " * 15_000 + "\n", "max_provision_characters", None, 200_000,
     "provision 1 holds 149,999 characters"),
    ("".join("    " * depth + f"{'a' if depth % 2 else 1}. Level {depth}.\n" for depth in range(40)), "max_depth", None,
     64, "sub-items nested 33 levels deep"),
    # The shipped limit is 50,000; a lower one shows the same refusal on a smaller file.
    ("".join(f"- Item {k}.\n" for k in range(501)), "max_provisions", 500, 1000, "501 provisions"),
], ids=["longest-line", "longest-provision", "deepest-nesting", "most-provisions"])
def test_each_limit_is_one_line_naming_it_and_a_settings_file_raises_it(
        tmp_path: Path, text: str, key: str, lowered: int | None, raised: int, fragment: str) -> None:
    path = tmp_path / "big.md"
    path.write_text(text, encoding="utf-8")
    given = ["--settings", str(settings_file(tmp_path, **{key: lowered}))] if lowered is not None else []
    refused(cli("show", "--format", "json", *given, str(path)), "big.md", fragment, f"[limits] {key}",
            "raise the limit with --settings FILE")
    result = cli("show", "--format", "json", "--settings", str(settings_file(tmp_path, **{key: raised})), str(path))
    assert result.returncode == 0, result.stderr[-2000:]


def test_the_largest_file_limit_is_checked_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.md"
    path.write_text("1. A point.\n" * 10_000, encoding="utf-8")
    small = settings_file(tmp_path, max_file_bytes=100_000)  # above every shipped corpus file
    refused(cli("show", "--settings", str(small), str(path)), "huge.md: the file holds 120,000 bytes",
            "[limits] max_file_bytes")
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.md").write_text("1. A point.\n" * 10_000, encoding="utf-8")
    refused(cli("list", "--settings", str(small), "--corpus", str(folder)), "a.md: the file holds 120,000 bytes")


@pytest.mark.parametrize(("value", "fragment"), [("0", "must be a whole number of at least 1"),
                                                 ("'big'", "must be a whole number such as")])
def test_a_bad_limit_in_a_settings_file_is_one_line_naming_the_key(tmp_path: Path, value: str, fragment: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(f"[limits]\nmax_provisions = {value}\n", encoding="utf-8")
    refused(cli("list", "--settings", str(path)), "[limits] max_provisions", fragment)
