"""A version in a language the rules do not cover is reported as not covered, never as "no implications"."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from cow_compare import parse_text
from cow_compare.pipeline import compare
from cow_compare.render import diff_format, html_format, tags_format
from cow_compare.render.json_format import schema
from cow_compare.tags import DEFAULT_RULESET, make_tagger
from cow_compare.tags.cache import CachedTagger
from cow_compare.tags.engine import Tagger
from cow_compare.tags.language import covered, detect

from .conftest import run_cli

UKRAINIAN = ("1. НАТО погоджується, що війська НАТО не будуть розміщені в Україні.\n"
             "2. Європейські винищувачі будуть базуватися в Польщі, а також інші гарантії.\n")
RUSSIAN = ("1. НАТО соглашается, что войска НАТО не будут размещены на Украине.\n"
           "2. Европейские истребители будут базироваться в Польше, и это также гарантия.\n")
GERMAN = ("1. Die NATO stimmt zu, dass keine NATO-Truppen in der Ukraine stationiert werden.\n"
          "2. Europäische Kampfflugzeuge werden in Polen stationiert und sind auch eine Garantie.\n")
FRENCH = ("1. L'OTAN accepte que des troupes de l'OTAN ne soient pas stationnées en Ukraine.\n"
          "2. Des avions de combat européens seront basés en Pologne pour la sécurité.\n")
ENGLISH = "1. NATO agrees that NATO troops will not be stationed in Ukraine.\n2. European jets will be based in Poland.\n"


@pytest.mark.parametrize(("text", "language"), [(UKRAINIAN, "uk"), (RUSSIAN, "ru"), (GERMAN, "de"), (FRENCH, "fr"),
                                                (ENGLISH, "en")])
def test_the_language_is_told_from_the_words(text: str, language: str) -> None:
    assert detect(p.text for p in parse_text(text, "plan.md").provisions) == language


def test_the_file_name_plays_no_part() -> None:
    assert detect(p.text for p in parse_text(UKRAINIAN, "english-plan-en.md").provisions) == "uk"


def test_mostly_english_with_transliterated_names_is_english() -> None:
    assert detect(["Zaporizhzhia (Запоріжжя) will be run jointly by the United States and Ukraine."]) == "en"
    assert detect(["1234 5678"]) == "und" and covered("und", ["en"])


@pytest.mark.parametrize("text", [UKRAINIAN, RUSSIAN, GERMAN, FRENCH])
def test_an_uncovered_version_says_so(tagger: Tagger, text: str) -> None:
    tagged = tagger.tag_document(parse_text(text, "plan.md"))
    assert not tagged.covered and all(p.tags == () for p in tagged.provisions)
    out = tags_format.text(tagged)
    assert "does not cover: its provisions were not tagged, so no tags here does not mean no implications" in out
    assert "(no provision carries a tag)" not in out
    payload = tags_format.payload(tagged)
    jsonschema.validate(payload, schema("tags"))
    assert payload["covered"] is False and payload["language"] == tagged.language
    assert "does not cover" in tags_format.markdown(tagged)


def test_a_covered_version_says_english(tagger: Tagger) -> None:
    tagged = tagger.tag_document(parse_text(ENGLISH, "plan.md"))
    assert (tagged.language, tagged.covered) == ("en", True)
    assert [t.polarity for p in tagged.provisions for t in p.own] == ["prohibits", "adjacent"]


def test_the_cache_keeps_the_language(tmp_path: Path) -> None:
    tagger = CachedTagger(make_tagger().rules, tmp_path)
    doc = parse_text(UKRAINIAN, "plan.md")
    first = tagger.tag_document(doc)
    again = CachedTagger(tagger.rules, tmp_path).tag_document(doc)
    assert again == first and (again.language, again.covered) == ("uk", False)


def test_diff_and_report_say_a_side_was_not_tagged(tagger: Tagger) -> None:
    old, new = parse_text(ENGLISH, "old.md"), parse_text(UKRAINIAN, "new.md")
    report = compare(old, new, tagger=tagger)
    line = [x for x in diff_format.context_lines(report) if x.startswith("tags:")]
    assert line == [f"tags: {new.id} is in Ukrainian (uk), which {DEFAULT_RULESET} does not cover; its provisions "
                    "were not tagged, so no tags there does not mean no implications"]
    assert line[0] in diff_format.text(report, list(report.changes))
    assert not any(f.kind == "tag" for c in report.changes for f in c.facts)  # no "prohibits -> (none)"
    payload = json.loads(diff_format.json(report, list(report.changes)))
    jsonschema.validate(payload, schema("diff"))
    assert payload["languages"]["to"] == {"doc": new.id, "language": "uk", "covered": False}
    assert payload["languages"]["from"]["covered"] is True
    assert f"which {DEFAULT_RULESET} does not cover" in html_format.pair_page(report, navigation=False)


def test_tag_command_on_a_german_file(tmp_path: Path) -> None:
    path = tmp_path / "plan.md"
    path.write_text(GERMAN, encoding="utf-8")
    out = run_cli("tag", str(path))
    assert out.returncode == 0, out.stderr
    assert f"is in German (de), which {DEFAULT_RULESET} does not cover" in out.stdout
    payload = json.loads(run_cli("tag", str(path), "--format", "json").stdout)
    assert (payload["language"], payload["covered"]) == ("de", False)
