"""Shared fixtures: the shipped corpus (parsed once per session) and helpers to run the command line."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings
from typer.testing import CliRunner

from cow_compare import Corpus, Workspace, load_corpus
from cow_compare.tags import make_tagger
from cow_compare.tags.engine import Tagger

# In CI, property tests draw the same examples on every run, so a result never depends on luck;
# on a developer's machine they explore new examples each time.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

# Tests (and the commands they run) keep tagged documents in a cache of their own, never the user's.
os.environ["COW_COMPARE_CACHE"] = tempfile.mkdtemp(prefix="cow-compare-test-cache-")

ROOT = Path(__file__).resolve().parent.parent
PROPOSALS = ROOT / "proposals"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    return load_corpus(PROPOSALS)


@pytest.fixture(scope="session")
def workspace() -> Workspace:
    """The shipped corpus through the application layer, untagged by default (fast, no spaCy)."""
    return Workspace(PROPOSALS, tags=False)


@pytest.fixture(scope="session")
def tagger() -> Tagger:
    """The default rule set (implications.v2) compiled once: building a tagger loads spaCy and compiles every pattern."""
    return make_tagger()


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def run_cli(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real command line in a child process, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "cow_compare", *args],
        capture_output=True, text=True, cwd=cwd or ROOT, env=env, check=False,
    )
