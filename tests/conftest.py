"""Shared fixtures: the shipped corpus and the frozen test corpus (each parsed once per session), and
helpers to run the command line.

proposals/ grows and its renditions get corrected, so tests about it check only its own promises
(every file parses and is a sourced paraphrase, ids are unique, the gold figures hold). Tests that
need fixed documents and exact figures use the frozen corpus in tests/corpus: a fictional ceasefire
in five short versions, written for the tests and never edited to suit the code.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings
from typer.testing import CliRunner

from cow_compare import Corpus, Workspace, load_corpus
from cow_compare.tags import load_named, make_tagger
from cow_compare.tags.engine import Tagger

# In CI, property tests draw the same examples on every run, so a result never depends on luck;
# on a developer's machine they explore new examples each time.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

# Tests (and the commands they run) keep tagged documents in a cache of their own, never the user's.
os.environ["COW_COMPARE_CACHE"] = tempfile.mkdtemp(prefix="cow-compare-test-cache-")
# ... and never read or write the user's decisions store: a test that records decisions names its own.
os.environ["COW_COMPARE_STORE"] = "off"

ROOT = Path(__file__).resolve().parent.parent
PROPOSALS = ROOT / "proposals"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
FROZEN = Path(__file__).resolve().parent / "corpus"

# The frozen corpus. BASE -> MARKUP -> BRIEF -> REDRAFT is its lineage; OTHER descends from none.
BASE = "dcg-10-2031-03-02"
"""Ten points, sub-items under 2 and 9, a preamble."""
MARKUP = "nm-10-2031-03-09"
"""Keeps the numbering: 8 struck, 10 reworded, numbers changed in 2.a and 5, qualifiers added to 4."""
BRIEF = "dcg-brief-2031-03-14"
"""Known only from a briefing (coverage = "summary"): four unnumbered items, one bracketed."""
REDRAFT = "dcg-9-2031-03-21"
"""Nine points: the mark-up's 4 and 5 merged, 6 split, the struck 8 dropped, the rest renumbered, 7 moved last."""
OTHER = "gs-5-2031-04-15"
"""An unrelated statement (preamble, five unnumbered items, a closing line), for topical comparisons."""


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    return load_corpus(PROPOSALS)


@pytest.fixture(scope="session")
def workspace() -> Workspace:
    """The shipped corpus through the application layer, untagged by default (fast, no spaCy)."""
    return Workspace(PROPOSALS, tags=False)


@pytest.fixture(scope="session")
def frozen() -> Corpus:
    """The frozen test corpus (tests/corpus)."""
    return load_corpus(FROZEN)


@pytest.fixture(scope="session")
def frozen_workspace() -> Workspace:
    """The frozen test corpus through the application layer, untagged by default."""
    return Workspace(FROZEN, tags=False)


@pytest.fixture(scope="session")
def tagger() -> Tagger:
    """The default rule set (DEFAULT_RULESET, implications.v9) compiled once: building a tagger loads
    spaCy and compiles every pattern."""
    return make_tagger()


@pytest.fixture(scope="session")
def v7() -> Tagger:
    """implications.v7, the default's rules without its layer, compiled once: several test modules
    hold the default's tags to its rules' or measure the layer against them."""
    return make_tagger(rules=load_named("implications.v7"))


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def run_cli(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real command line in a child process, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "cow_compare", *args],
        capture_output=True, text=True, cwd=cwd or ROOT, env=env, check=False,
    )


# The browser tests (reports and review page) drive Debian's Chromium: one launch per module.
FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium_path() -> str | None:
    wanted = os.environ.get("COW_COMPARE_CHROMIUM")
    return wanted if wanted and Path(wanted).exists() else shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = chromium_path()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        executable = None
    if executable is None:
        if os.environ.get("CI"):
            pytest.fail("CI needs the browser tests: install Debian's chromium and the playwright package (make test)")
        pytest.skip("no Chromium or Playwright here: run `make test` as root to install them")
    with sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=executable, args=FLAGS)
        yield launched
        launched.close()
