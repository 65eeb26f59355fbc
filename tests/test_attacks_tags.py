"""Hostile input against tagging (issue 14): provisions longer than spaCy takes, rule files that run away.

As in tests/test_attacks_core.py, each case runs the command as a user would, in a child process
under a generous time-out (a regression fails instead of stalling the suite), and holds the exit
status, the one line on stderr and that nothing was written.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from cow_compare import load_corpus
from cow_compare.errors import InputError, RuleSetError
from cow_compare.tags import chunks, parse_ruleset
from cow_compare.tags.engine import Tagger
from cow_compare.tags.regexes import WORD, bounded
from tests.conftest import FROZEN
from tests.test_attacks_core import cli, refused, settings_file

FILLER = "The delegations met in Geneva on a Tuesday and spoke at length about the timetable. "
BAN = "No NATO troops will be stationed in Ukraine. "
ZONE = "A demilitarized zone is created along the line of contact."


# -- a provision longer than spaCy's max_length (1,000,000 characters) --------------------------

def test_a_provision_of_over_a_million_characters_is_tagged_in_pieces(tmp_path: Path) -> None:
    body = BAN + FILLER * 7000 + BAN + FILLER * 6000 + ZONE
    assert len(body) > 1_000_000
    path = tmp_path / "long.md"
    path.write_text(f"1. {body}\n2. Sanctions are lifted.\n", encoding="utf-8")
    raised = settings_file(tmp_path, max_provision_characters=2_000_000)
    result = cli("tag", "--format", "json", "--settings", str(raised), str(path))
    assert result.returncode == 0 and result.stderr == "", result.stderr[-2000:]
    provision = json.loads(result.stdout)["provisions"][0]
    tags = {(t["tag"], t["polarity"]): t for t in provision["tags"]}
    assert set(tags) == {("MNF-U", "prohibits"), ("DMZ", "requires")}
    # Evidence from every piece, at offsets into the whole provision (the zone lies past 1,000,000).
    assert [e["start"] for e in tags[("MNF-U", "prohibits")]["evidence"]] == [0, 23, len(BAN + FILLER * 7000),
                                                                              len(BAN + FILLER * 7000) + 23]
    assert tags[("DMZ", "requires")]["evidence"][0]["start"] == body.index("demilitarized") > 1_000_000
    assert all(body[e["start"]:e["end"]] == e["text"] for t in provision["tags"] for e in t["evidence"])


def test_a_million_characters_without_a_clause_end_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "run-on.md"
    path.write_text("1. NATO " + "troops and " * 100_000 + "more\n", encoding="utf-8")
    raised = settings_file(tmp_path, max_provision_characters=2_000_000)
    refused(cli("tag", "--settings", str(raised), str(path)), "a provision of 1,100,009 characters runs 1,000,000 "
            "characters without a clause end from 'NATO troops and", "put full stops or semicolons", "--no-tags")
    assert cli("diff", "--no-tags", "--settings", str(raised), str(path), str(path)).returncode == 0


def _frozen_text() -> str:
    """The frozen corpus's provisions, one after another: a long text of plan language."""
    corpus = load_corpus(FROZEN)
    return " ".join(p.text for doc in corpus.documents.values() for p in doc.provisions if p.status != "deleted")


@pytest.mark.parametrize("size", [700, 1500])
def test_tags_in_pieces_are_the_tags_of_the_whole_text(v7: Tagger, size: int) -> None:
    """The rules' tags of a text cut into pieces at clause ends are those of the whole text. (The
    default's layer reads features of the whole provision, so a provision too long to tag at once is
    revised piece by piece, README: accuracy; this holds for its rules, implications.v7.)"""
    tagger = v7
    text = _frozen_text()
    assert len(text) > 3 * size
    whole = tagger.tag_text(text)
    pieces = chunks.tag_long(lambda piece: tagger.tag_text(piece), text, tagger.rules, size=size)

    def calls(tags: tuple[object, ...]) -> list[tuple[object, ...]]:
        return [(t.tag, t.polarity, t.rule, t.evidence) for t in tags]  # type: ignore[attr-defined]

    assert calls(pieces) == calls(whole)
    assert len({(t.tag, t.polarity) for t in whole}) >= 6


def test_the_default_finds_the_same_tags_in_pieces_as_in_the_whole_text(tagger: Tagger) -> None:
    """The default's layer revises polarities from the whole provision, so pieces may differ from the
    whole in a polarity (README: accuracy), never in which tags are found: the layer adds none."""
    text = _frozen_text()
    whole = {t.tag for t in tagger.tag_text(text)}
    for size in (700, 1500):
        assert {t.tag for t in chunks.tag_long(lambda piece: tagger.tag_text(piece), text, tagger.rules, size=size)} == whole


def test_pieces_are_cut_after_clause_ends_and_cover_the_text() -> None:
    text = _frozen_text()
    found = chunks.pieces(text, (";", ".", "!", "?"), 1500, 1_000_000)
    assert found[0][:2] == (0, 0) and found[-1][2] == len(text)
    for (lead, start, end), (_next_lead, next_start, _next_end) in zip(found, found[1:], strict=False):
        assert end == next_start and end - lead <= 1500 and lead <= start
        assert text[:end].rstrip()[-1] in ".;!?\"')" and not text[end].islower()


def test_a_clause_longer_than_spacy_takes_is_refused_in_one_line() -> None:
    text = "The talks go on. " + "And on " + "and on " * 300 + "until they end."
    with pytest.raises(InputError, match=r"runs 1,000 characters without a clause end from 'And on and on"):
        chunks.pieces(text, (".",), 200, 1000)


# -- rule files that run away -------------------------------------------------------------------

HEADER = '{"ruleset": "mine.v1", "categories": {"Trade": ["opens", "closes"]}}\n'
TOPIC = '{"id": "trade.topic", "tag": "Trade", "polarity": null, "topic": true, "pattern": [{"LOWER": "trade"}]}\n'


def rule_file(tmp_path: Path, *patterns: str) -> Path:
    path = tmp_path / "mine.jsonl"
    path.write_text(HEADER + TOPIC + "".join(
        f'{{"id": "trade.r{k}", "tag": "Trade", "polarity": "opens", "pattern": {pattern}}}\n'
        for k, pattern in enumerate(patterns, 1)), encoding="utf-8")
    return path


@pytest.mark.parametrize(("pattern", "fragment"), [
    ('[{"LOWER": {"REGEX": "^(a+)+$"}}]', "REGEX '^(a+)+$' nests a repeat inside a repeat"),
    ('[{"LOWER": {"REGEX": "^(\\\\w*\\\\s?)*$"}}]', "nests a repeat inside a repeat"),
    ('[{"LOWER": {"REGEX": "^(a|ab)*c$"}}]', "repeats an alternation whose branches can match the same text"),
    ('[{"LOWER": {"REGEX": "^(\\\\w)\\\\1$"}}]', "uses a back-reference"),
    ('[{"LOWER": {"REGEX": "\\\\w+\\\\d*\\\\w+x"}}]', "two open-ended repeats in a row"),
    ('[{"LOWER": {"REGEX": "^a{1,5000}$"}}]', "repeats 5,000 times, more than the limit of 100 ([limits] max_rule_repeat)"),
    ('[{"LOWER": "trade"}, {"OP": "{99999999999999999999}"}]',
     "token 2 has OP '{99999999999999999999}', a repeat of 99,999,999,999,999,999,999 copies"),
    ('[{"LOWER": {"REGEX": {"IN": ["a"]}}}]', "REGEX must be a string"),
], ids=["nested", "nested-classes", "overlapping-alternation", "back-reference", "repeats-in-a-row", "counted",
        "op-quantifier", "regex-not-a-string"])
def test_a_rule_that_can_run_away_is_refused_at_load_naming_file_line_and_rule(
        tmp_path: Path, pattern: str, fragment: str) -> None:
    rules = rule_file(tmp_path, '[{"LOWER": "open"}]', pattern)
    out = tmp_path / "reports"
    result = cli("report", "us-28", "eu-e3", "--rules", str(rules), "-o", str(out))
    refused(result, f"{rules}: 1 problem: line 4 (trade.r2): ", fragment, "fix the rule file and run again")
    assert not out.exists()


def test_a_rule_file_nested_thousands_deep_is_one_line_naming_the_depth_limit(tmp_path: Path) -> None:
    """Python's JSON reader recurses: a line of 100,000 brackets ended in a RecursionError."""
    rules = tmp_path / "deep.jsonl"
    rules.write_text(HEADER + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    out = tmp_path / "reports"
    result = cli("report", "us-28", "eu-e3", "--rules", str(rules), "-o", str(out))
    refused(result, f"{rules}:2: arrays or objects nested 100,000 deep, more than the limit of 32 ([limits] max_depth)",
            "--settings FILE")
    assert not out.exists()
    raised = settings_file(tmp_path, max_depth=200_000)  # past what Python can read: still one line
    refused(cli("tag", "us-28", "--rules", str(rules), "--settings", str(raised)),
            f"{rules}:2: arrays or objects nested too deeply to read", "[limits] max_depth")


def test_the_repeat_limit_is_a_setting(tmp_path: Path) -> None:
    rules = rule_file(tmp_path, '[{"LOWER": "trade"}, {"OP": "{0,150}"}, {"LOWER": "opens"}]')
    refused(cli("tag", "--rules", str(rules), "us-28"), "[limits] max_rule_repeat", "--settings FILE")
    raised = settings_file(tmp_path, max_rule_repeat=200)
    result = cli("tag", "--rules", str(rules), "--settings", str(raised), "us-28")
    assert result.returncode == 0 and result.stderr == ""


def test_safe_expressions_pass_and_the_shipped_rules_load() -> None:
    for expression in (r"^\d+:\d+$", r"^[a-z]{3,}ly$", r"^(?:foo|bar)+$", r"\d+(?:,\d{3})*", r"^(\d{1,2}:){2}\d{2}$"):
        parse_ruleset(HEADER + TOPIC + json.dumps(
            {"id": "x", "tag": "Trade", "polarity": "opens", "pattern": [{"LOWER": {"REGEX": expression}}]}), "t.jsonl")
    with pytest.raises(RuleSetError, match="back-reference"):
        parse_ruleset(HEADER + TOPIC + json.dumps(
            {"id": "x", "tag": "Trade", "polarity": "opens", "pattern": [{"TEXT": {"REGEX": r"(?P<w>a)(?P=w)"}}]}),
            "t.jsonl")


def test_a_regex_reads_at_most_a_word_of_WORD_characters(tmp_path: Path) -> None:
    # `\w+\d` passes the checks, but a search over a word of 90,000 letters backtracks quadratically
    # (minutes): bounded, it reads WORD + 1 characters of that word and fails.
    rules = rule_file(tmp_path, '[{"LOWER": {"REGEX": "\\\\w+\\\\d"}}]')
    path = tmp_path / "word.md"
    path.write_text("1. Trade opens on route66 now.\n2. Trade " + "a" * 90_000 + " and more.\n", encoding="utf-8")
    result = cli("tag", "--format", "json", "--rules", str(rules), str(path), timeout=60)
    assert result.returncode == 0 and result.stderr == "", result.stderr[-2000:]
    tags = [[t["tag"] for t in p["tags"]] for p in json.loads(result.stdout)["provisions"]]
    assert tags == [["Trade"], []]
    import re
    assert re.search(bounded(r"\w+\d"), "x" * WORD + "1") is None
    assert re.search(bounded(r"\w+\d"), "x" * (WORD - 1) + "1") is not None
    assert re.search(bounded("(?x) a+  # letters"), "caa") is not None


# -- files that are not files -------------------------------------------------------------------

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_a_named_pipe_as_rules_is_refused_not_read_for_ever(tmp_path: Path) -> None:
    fifo = tmp_path / "rules.jsonl"
    os.mkfifo(fifo)
    refused(cli("tag", "--rules", str(fifo), "us-28", timeout=30),
            f"{fifo}: is a named pipe (FIFO), not a regular file; give the path of a .jsonl rule file")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_named_pipes_planted_in_the_cache_folder_are_misses_not_hangs(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    env = {**os.environ, "COW_COMPARE_CACHE": str(cache)}
    first = cli("diff", "us-28", "eu-e3", env=env)
    entries = sorted(p for p in cache.rglob("*.json"))
    assert first.returncode == 1 and len(entries) >= 3  # parsed documents, tags and the comparison
    for entry in entries:
        entry.unlink()
        os.mkfifo(entry)
    again = cli("diff", "us-28", "eu-e3", env=env, timeout=60)
    assert (again.returncode, again.stdout, again.stderr) == (first.returncode, first.stdout, first.stderr)
