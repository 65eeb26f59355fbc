"""The tag cache: a hit gives exactly what tagging gives, without starting spaCy; anything odd is a miss."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from cow_compare import Corpus, parse_text
from cow_compare.tags import load_with_extras
from cow_compare.tags.cache import CACHE_ENV, CachedTagger, cache_folder, cache_key
from tests.conftest import ROOT


def test_a_hit_is_what_tagging_gives(corpus: Corpus, tmp_path: Path) -> None:
    rules = load_with_extras(())
    doc = corpus.resolve("us-28")
    fresh = CachedTagger(rules, tmp_path).tag_document(doc)
    assert len(list(tmp_path.glob("*.json"))) == 1
    again = CachedTagger(rules, tmp_path)
    assert again.tag_document(doc) == fresh
    assert again._tagger is None  # answered from disk: no Tagger, so no spaCy, was built


def test_a_broken_or_foreign_file_is_a_miss(corpus: Corpus, tmp_path: Path) -> None:
    rules = load_with_extras(())
    doc = corpus.resolve("eu-e3")
    expected = CachedTagger(rules, tmp_path).tag_document(doc)
    path = tmp_path / f"{cache_key(doc, rules)}.json"
    for junk in ("{not json", '{"format": "something/else"}', '{"format": "cow-compare/tag-cache/v1"}'):
        path.write_text(junk, encoding="utf-8")
        assert CachedTagger(rules, tmp_path).tag_document(doc) == expected
    # A folder that cannot be made (below a plain file) only means nothing is stored.
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    assert CachedTagger(rules, blocker / "below").tag_document(doc) == expected
    assert blocker.read_text(encoding="utf-8") == "x"


def test_the_key_follows_text_and_rules(corpus: Corpus) -> None:
    rules = load_with_extras(())
    a = parse_text("1. NATO troops will not be stationed in Ukraine.\n", "a.md")
    b = parse_text("1. NATO troops will not be permanently stationed in Ukraine.\n", "a.md")
    assert cache_key(a, rules) != cache_key(b, rules)
    policy = load_with_extras(["policy.v1"])
    assert cache_key(a, rules) != cache_key(a, policy)


def test_the_cache_can_be_turned_off_or_moved(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(CACHE_ENV, "off")
    assert cache_folder() is None
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    assert cache_folder() == tmp_path


def test_a_warm_diff_does_not_start_spacy(tmp_path: Path) -> None:
    env = {**os.environ, CACHE_ENV: str(tmp_path)}
    probe = ("import sys; from cow_compare.cli import main; sys.argv = ['cow-compare', 'diff', 'us-28', 'eu-e3'];\n"
             "try:\n    main()\nexcept SystemExit:\n    pass\n"
             "sys.stderr.write('spacy loaded' if 'spacy' in sys.modules else 'spacy not loaded')")
    cold = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, env=env, check=False)
    warm = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, env=env, check=False)
    assert cold.stderr.endswith("spacy loaded") and warm.stderr.endswith("spacy not loaded")
    assert cold.stdout == warm.stdout and "MNF-U: prohibits -> limits" in warm.stdout
