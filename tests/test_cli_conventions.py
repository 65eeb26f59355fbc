"""Command-line conventions: --version, -h, colour rules, one-line usage errors, formats, shared options."""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from cow_compare import __version__
from cow_compare.cli import CHANGE_KINDS
from cow_compare.model import CHANGE_KINDS as MODEL_KINDS
from tests.conftest import run_cli

COMMANDS = ("list", "show", "tag", "diff", "history", "report", "import")
SAMPLE_ARGS = {"list": [], "show": ["us-28"], "tag": ["us-28"], "diff": ["us-28", "eu-e3"],
               "history": ["us-28:8"]}


def _one_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("cow-compare: error: ") and "Traceback" not in stderr, stderr
    return lines[0]


def test_version_and_short_help() -> None:
    version = run_cli("--version")
    assert version.returncode == 0 and version.stdout == f"cow-compare {__version__}\n"
    for command in COMMANDS:
        short, long = run_cli(command, "-h"), run_cli(command, "--help")
        assert short.returncode == 0 and short.stdout == long.stdout and f"Usage: cow-compare {command}" in short.stdout


def test_the_cli_lists_the_models_change_kinds() -> None:
    assert CHANGE_KINDS == MODEL_KINDS


@pytest.mark.parametrize(("args", "fragment"), [
    (("diff", "us-28"), "Missing argument 'new'"),
    (("diff", "us-28", "eu-e3", "--format", "yaml"), "'yaml' is not one of 'text', 'json', 'markdown', 'csv'"),
    (("list", "--colour"), "No such option: --colour"),
    (("show",), "Missing argument 'doc'"),
    (("tag", "us-28", "--min-score", "x"), "No such option: --min-score"),
    (("diff", "us-28", "eu-e3", "--min-score", "high"), "'high' is not a valid float"),
    (("frobnicate",), "No such command 'frobnicate'"),
])
def test_usage_errors_are_one_line_with_exit_2(args: tuple[str, ...], fragment: str) -> None:
    result = run_cli(*args)
    assert result.returncode == 2 and result.stdout == ""
    assert fragment in _one_line(result.stderr)


def _formats_in_help(command: str) -> list[str]:
    found = re.search(r"--format <([a-z|]+)>", run_cli(command, "--help").stdout)
    assert found, command
    return found.group(1).split("|")


@pytest.mark.parametrize("command", ["list", "show", "tag", "diff", "history"])
def test_every_format_the_help_lists_is_accepted(command: str) -> None:
    formats = _formats_in_help(command)
    assert "text" in formats and "json" in formats
    for fmt in formats:
        result = run_cli(command, *SAMPLE_ARGS[command], "--format", fmt)
        assert result.returncode in (0, 1), (command, fmt, result.stderr)
        assert result.stdout.strip(), (command, fmt)


def test_colour_follows_no_color_and_dumb_terminals() -> None:
    forced = run_cli("diff", "us-28", "eu-e3", "--colour")
    assert "\033[" in forced.stdout
    for extra in ({"NO_COLOR": "1"}, {"TERM": "dumb"}):
        plain = run_cli("diff", "us-28", "eu-e3", env={**os.environ, **extra})
        assert "\033[" not in plain.stdout and "[-600,000-]{+800,000+}" in plain.stdout


def test_report_takes_the_same_options_as_diff(tmp_path: Path) -> None:
    diff_help, report_help = run_cli("diff", "--help").stdout, run_cli("report", "--help").stdout
    for option in ("--rules", "--min-score", "--no-tags", "--settings", "--corpus"):
        assert option in diff_help and option in report_help, option
    result = run_cli("report", "us-28", "eu-e3", "--no-tags", "--min-score", "0.6", "-o", str(tmp_path))
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "us-28-2025-11-20__eu-e3-2025-11-23.html").read_text(encoding="utf-8")
    assert 'class="badge' not in page  # untagged: no tag badges


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def _local_links_resolve(folder: Path) -> list[str]:
    broken = []
    for page in folder.glob("*.html"):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for href in parser.hrefs:
            if href.startswith(("http://", "https://", "#")):
                continue
            if not (folder / href.split("#")[0]).exists():
                broken.append(f"{page.name} -> {href}")
    return broken


def test_report_links_resolve_for_one_pair_and_for_all(tmp_path: Path) -> None:
    one, every = tmp_path / "one", tmp_path / "all"
    assert run_cli("report", "us-28", "ua-20", "--no-tags", "-o", str(one)).returncode == 0
    assert [p.name for p in one.iterdir()] == ["us-28-2025-11-20__ua-20-2025-12-23.html"]
    assert _local_links_resolve(one) == []
    assert run_cli("report", "--all", "--no-tags", "-o", str(every)).returncode == 0
    assert _local_links_resolve(every) == []
    assert 'href="index.html"' in (every / "us-28-2025-11-20__ua-20-2025-12-23.html").read_text(encoding="utf-8")


def test_report_refuses_an_empty_output_folder() -> None:
    result = run_cli("report", "us-28", "eu-e3", "-o", "")
    assert result.returncode == 2 and "-o '' names no folder" in _one_line(result.stderr)
