"""Checks rule-file lines against the vocabulary of data/rules.schema.json and lists every problem.

`read_lines` turns the text of a rule file into plain fields (header, lexicons, rules) or raises
RuleSetError naming every problem with its line number; `rules` builds the typed rule set from them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import RuleSetError, over_limit
from ..intake.frontmatter import nesting
from ..model import TAG_POLARITIES
from . import regexes


def _schema() -> dict[str, Any]:
    """The shipped JSON Schema of a rule-file line (data/rules.schema.json): the vocabulary below comes from it."""
    return dict(json.loads((Path(__file__).resolve().parent / "data" / "rules.schema.json").read_text(encoding="utf-8")))


_DEFS = _schema()["$defs"]
ROLES: tuple[str, ...] = tuple(_DEFS["rule"]["properties"]["role"]["enum"])
REACHES: tuple[str, ...] = tuple(_DEFS["rule"]["properties"]["reach"]["enum"])
_RULE_KEYS = set(_DEFS["rule"]["properties"])
_HEADER_KEYS = set(_DEFS["header"]["properties"])
_LEXICON_KEYS = set(_DEFS["lexicon"]["properties"])
_TOKEN_KEYS = set(_DEFS["token"]["properties"])
_VALUE_OPERATORS = set(_DEFS["value"]["oneOf"][1]["properties"])
_OP = re.compile(r"^(?:[!?*+]|\{\d*,?\d*\})$")
_RULESET_NAME = re.compile(r"^[a-z][a-z0-9-]*\.v\d+$")
_CATEGORY_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9-]*$")
_POLARITY_NAME = re.compile(r"^[a-z][a-z-]*$")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_LANGUAGE = re.compile(r"^[a-z]{2}$")
_LAYER_NAME = re.compile(_DEFS["header"]["properties"]["layer"]["pattern"])
_LAYER_ADDS: tuple[str, ...] = tuple(_DEFS["header"]["properties"]["layer_adds"]["enum"])


@dataclass
class Read:
    """What a rule file says, checked: the header's fields, the lexicons and each rule's fields."""

    name: str = ""
    categories: dict[str, tuple[str, ...]] = field(default_factory=dict)
    description: str = ""
    languages: list[str] = field(default_factory=list)
    overrides: dict[str, dict[str, tuple[str, ...]]] | None = None
    clause_ends: list[str] | None = None
    topic_carry: bool = False
    layer: str = ""
    layer_adds: str = ""
    based_on: str = ""
    lexicons: dict[str, tuple[list[str], str]] = field(default_factory=dict)
    rules: list[dict[str, Any]] = field(default_factory=list)


def read_lines(text: str, origin: str, base_categories: Mapping[str, tuple[str, ...]],
               base_lexicons: set[str], *, max_repeat: int, max_depth: int) -> Read:
    """Return the checked contents of a rule file; RuleSetError lists every problem at once.

    `max_repeat` bounds every count a pattern asks for (`[limits] max_rule_repeat`); `max_depth`
    how deeply a line may nest arrays and objects (`[limits] max_depth`): Python's JSON reader
    recurses, so a line nested some thousand deep would end in a RecursionError, and it is
    measured first, in one pass, and refused in one line."""
    problems: list[str] = []
    objects: list[tuple[int, dict[str, Any]]] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        # Counting brackets is cheap and bounds the depth; only a line with more than the limit's
        # worth is scanned (the scan, in Python, would cost the shipped rule set a third of its load).
        opened = line.count("[") + line.count("{")
        deepest = nesting(line)[0] if opened > max_depth else opened
        if deepest > max_depth:
            raise over_limit(f"{origin}:{number}", f"arrays or objects nested {deepest:,} deep", "max_depth", max_depth)
        try:
            value = json.loads(line)
        except RecursionError:  # a guard only, for a max_depth raised past what Python can read
            raise over_limit(f"{origin}:{number}", "arrays or objects nested too deeply to read", "max_depth",
                             max_depth) from None
        except json.JSONDecodeError as exc:
            problems.append(f"line {number}: not valid JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(value, dict):
            problems.append(f"line {number}: is {type(value).__name__}, not a JSON object")
            continue
        objects.append((number, value))
    if not objects and not problems:
        raise RuleSetError(f"{origin}: has no rules; its first line must be a header such as "
                           '{"ruleset": "mine.v1", "categories": {...}}')
    read = Read()
    if objects and "ruleset" in objects[0][1]:
        number, header = objects.pop(0)
        _header(number, header, problems, read)
    elif objects:
        problems.append(f"line {objects[0][0]}: the first object must be the header "
                        '{"ruleset": "name.v1", "categories": {"Tag": ["polarity", ...]}}')
    known = {**base_categories, **read.categories}
    for number, value in objects:
        if "lexicon" in value:
            _lexicon(number, value, problems, read)
    lexicons = base_lexicons | set(read.lexicons)
    seen: dict[str, int] = {}
    for number, value in objects:
        if "lexicon" in value:
            continue
        rule_id = value.get("id")
        if isinstance(rule_id, str) and rule_id in seen:
            problems.append(f"line {number} ({rule_id}): id {rule_id!r} is already used on line {seen[rule_id]}; "
                            "ids must be unique")
            continue
        if isinstance(rule_id, str):
            seen[rule_id] = number
        rule = _rule(number, value, known, lexicons, problems, read.name, f"{origin}:{number}", max_repeat)
        if rule is not None:
            read.rules.append(rule)
    if read.overrides is not None:
        _check_overrides(read.overrides, known, problems)
    if problems:
        problems.sort(key=lambda problem: int(problem.split(" ", 2)[1].split(":")[0]))
        count = f"{len(problems)} problem{'s' if len(problems) > 1 else ''}"
        raise RuleSetError(f"{origin}: {count}: {'; '.join(problems)}; fix the rule file and run again")
    return read


def _lexicon(number: int, value: dict[str, Any], problems: list[str], read: Read) -> None:
    name = value.get("lexicon")
    where = f"line {number}" + (f" ({name})" if isinstance(name, str) else "")
    for key in sorted(set(value) - _LEXICON_KEYS):
        problems.append(f"{where}: unknown lexicon field {key!r}; use {', '.join(sorted(_LEXICON_KEYS))}")
    words = value.get("words")
    if not isinstance(name, str) or not _ID.match(name):
        problems.append(f"{where}: lexicon name {name!r} must be a name of letters, digits, '.', '_' and '-'")
    elif name in read.lexicons:
        problems.append(f"{where}: lexicon {name!r} is declared twice")
    elif not isinstance(words, list) or not words or not all(isinstance(w, str) and w.strip() and " " not in w
                                                               for w in words):
        problems.append(f"{where}: words must be a non-empty list of single words")
    else:
        note = value.get("note", "")
        read.lexicons[name] = (list(words), note if isinstance(note, str) else "")


def _check_overrides(overrides: dict[str, dict[str, tuple[str, ...]]], known: Mapping[str, tuple[str, ...]],
                     problems: list[str]) -> None:
    for tag, by in overrides.items():
        if tag not in known:
            problems.append(f"line 1: overrides names tag {tag!r}, which is not a category")
            continue
        for polarity, dropped in by.items():
            for p in (polarity, *dropped):
                if p not in known[tag]:
                    problems.append(f"line 1: overrides of {tag} name {p!r}, which is not one of its polarities")


def _header(number: int, header: dict[str, Any], problems: list[str], read: Read) -> None:
    where = f"line {number}"
    for key in sorted(set(header) - _HEADER_KEYS):
        problems.append(f"{where}: unknown header field {key!r}; use {', '.join(sorted(_HEADER_KEYS))}")
    name = header.get("ruleset")
    if not isinstance(name, str) or not _RULESET_NAME.match(name):
        problems.append(f"{where}: ruleset {name!r} must be a versioned name such as 'mine.v1'")
        name = ""
    raw = header.get("categories", {})
    categories: dict[str, tuple[str, ...]] = {}
    if not isinstance(raw, dict):
        problems.append(f"{where}: categories must be an object of category: [polarities]")
        raw = {}
    for tag, polarities in raw.items():
        if not _CATEGORY_NAME.match(tag):
            problems.append(f"{where}: category {tag!r} must be a name of letters, digits and '-'")
            continue
        if (not isinstance(polarities, list) or not polarities
                or not all(isinstance(p, str) and _POLARITY_NAME.match(p) for p in polarities)):
            problems.append(f"{where}: category {tag!r} needs a non-empty list of lower-case polarity names")
            continue
        if len(set(polarities)) != len(polarities):
            problems.append(f"{where}: category {tag!r} lists a polarity twice")
            continue
        if tag in TAG_POLARITIES and (extra := sorted(set(polarities) - set(TAG_POLARITIES[tag]))):
            problems.append(f"{where}: {', '.join(map(repr, extra))} is not a polarity of {tag} "
                            f"(DESIGN.md allows {', '.join(TAG_POLARITIES[tag])})")
            continue
        categories[tag] = tuple(polarities)
    description = header.get("description", "")
    read.name, read.categories = name, categories
    read.description = description if isinstance(description, str) else ""
    languages = header.get("languages", [])
    if not isinstance(languages, list) or not all(isinstance(x, str) and _LANGUAGE.match(x) for x in languages):
        problems.append(f"{where}: languages must be a list of two-letter codes such as [\"en\"]")
    else:
        read.languages = languages
    clause_ends = header.get("clause_ends")
    if clause_ends is not None:
        if not isinstance(clause_ends, list) or not clause_ends or not all(isinstance(x, str) and x for x in clause_ends):
            problems.append(f"{where}: clause_ends must be a non-empty list of words such as [\".\", \";\"]")
        else:
            read.clause_ends = clause_ends
    topic_carry = header.get("topic_carry", False)
    if not isinstance(topic_carry, bool):
        problems.append(f"{where}: topic_carry must be true or false")
    else:
        read.topic_carry = topic_carry
    layer = header.get("layer", "")
    if not isinstance(layer, str) or (layer and not _LAYER_NAME.match(layer)):
        problems.append(f"{where}: layer {layer!r} must name a layer shipped beside the rule sets, "
                        "such as 'implications.v6.layer.json'")
    else:
        read.layer = layer
    layer_adds = header.get("layer_adds")
    if layer_adds is not None and layer_adds not in _LAYER_ADDS:
        problems.append(f"{where}: layer_adds {layer_adds!r} must be one of {', '.join(map(repr, _LAYER_ADDS))}")
    elif layer_adds is not None:
        read.layer_adds = layer_adds
    based_on = header.get("based_on", "")
    if not isinstance(based_on, str) or (based_on and (not _RULESET_NAME.match(based_on) or based_on == name)):
        problems.append(f"{where}: based_on {based_on!r} must name another shipped base rule set, such as 'implications.v5'")
    else:
        read.based_on = based_on
    overrides = header.get("overrides")
    if overrides is None:
        return
    if not isinstance(overrides, dict) or not all(
            isinstance(by, dict) and all(isinstance(q, list) and all(isinstance(x, str) for x in q) for q in by.values())
            for by in overrides.values()):
        problems.append(f"{where}: overrides must be an object of tag: {{polarity: [polarities it drops]}}")
        return
    read.overrides = {tag: {p: tuple(q) for p, q in by.items()} for tag, by in overrides.items()}


def _rule(number: int, value: dict[str, Any], known: Mapping[str, tuple[str, ...]], lexicons: set[str],
          problems: list[str], ruleset: str, origin: str, max_repeat: int) -> dict[str, Any] | None:
    where = f"line {number}"
    before = len(problems)
    for key in sorted(set(value) - _RULE_KEYS):
        problems.append(f"{where}: unknown field {key!r}; use {', '.join(sorted(_RULE_KEYS))}")
    rule_id = value.get("id")
    if not isinstance(rule_id, str) or not _ID.match(rule_id):
        problems.append(f"{where}: id {rule_id!r} must be a non-empty name of letters, digits, '.', '_' and '-'")
    else:
        where = f"line {number} ({rule_id})"
    role = value.get("role", "cue")
    if role not in ROLES:
        problems.append(f"{where}: role {role!r} is not one of {', '.join(ROLES)}")
    _pattern(where, value.get("pattern"), lexicons, problems, max_repeat)
    tag, polarity, negated, refines, reach = "", None, None, (), ""
    if role == "cue":
        tag = value.get("tag", "")
        if not isinstance(tag, str):
            problems.append(f"{where}: tag must be a string such as \"MNF-U\"")
            tag = ""
        for key in ("polarity", "negated"):
            if not isinstance(value.get(key), str | None):
                problems.append(f"{where}: {key} must be a polarity name or null")
                value = {**value, key: None}
        if not isinstance(value.get("refines", []), list) or not all(isinstance(p, str) for p in value.get("refines", [])):
            problems.append(f"{where}: refines must be a list of polarity names")
            value = {**value, "refines": []}
        if tag not in known:
            names = ", ".join(known) or "(none declared)"
            problems.append(f"{where}: tag {tag!r} is unknown; use one of {names} or declare it in the header")
        if "polarity" not in value:
            problems.append(f"{where}: polarity is missing; give one, or null for a rule that only marks the topic")
        polarity, negated = value.get("polarity"), value.get("negated")
        refines = tuple(value.get("refines", []))
        allowed = known.get(tag, ())
        for field_name, given in (("polarity", [polarity]), ("negated", [negated]), ("refines", list(refines))):
            for p in given:
                if p is not None and tag in known and p not in allowed:
                    problems.append(f"{where}: {field_name} {p!r} is not a polarity of {tag}; use one of {', '.join(allowed)}")
        # a rule that refines into no polarity cancels: where it matches, the polarities it names do not hold
        if polarity is None and negated is None and not refines and not value.get("topic", False):
            problems.append(f"{where}: the rule supports no polarity and marks no topic; give polarity, negated, "
                            "refines (to cancel) or topic")
        if not isinstance(value.get("topic", False), bool):
            problems.append(f"{where}: topic must be true or false")
    else:
        for key in ("tag", "polarity", "negated", "refines", "topic"):
            if key in value:
                problems.append(f"{where}: a {role} rule has no {key}; it applies to every tag")
        reach = value.get("reach", "")
        if role == "negation" and reach not in REACHES:
            problems.append(f"{where}: a negation needs reach 'verb' or 'phrase', not {reach!r}")
        if role != "negation" and reach:
            problems.append(f"{where}: only a negation has a reach")
    note = value.get("note", "")
    if len(problems) > before:
        return None
    assert isinstance(rule_id, str)
    return {"id": rule_id, "role": role, "pattern": value["pattern"], "tag": tag, "polarity": polarity,
            "topic": bool(value.get("topic", False)), "negated": negated, "refines": refines, "reach": reach,
            "note": note if isinstance(note, str) else "", "ruleset": ruleset, "origin": origin}


def _pattern(where: str, pattern: Any, lexicons: set[str], problems: list[str], max_repeat: int) -> None:
    if pattern is None:
        problems.append(f"{where}: pattern is missing; give a phrase or a list of token patterns")
    elif isinstance(pattern, str):
        if not pattern.strip():
            problems.append(f"{where}: pattern is empty; give a phrase or a list of token patterns")
    elif isinstance(pattern, list) and pattern and all(isinstance(p, str) for p in pattern):
        for k, phrase in enumerate(pattern, 1):
            if not phrase.strip():
                problems.append(f"{where}: phrase {k} of the pattern is empty")
    elif isinstance(pattern, list):
        if not pattern:
            problems.append(f"{where}: pattern is empty; give a phrase or a list of token patterns")
        for k, token in enumerate(pattern, 1):
            if not isinstance(token, dict) or not token:
                problems.append(f"{where}: token {k} of the pattern must be a non-empty object such as {{\"LEMMA\": \"deploy\"}}")
                continue
            for key, spec in token.items():
                if key not in _TOKEN_KEYS:
                    problems.append(f"{where}: token {k} uses {key!r}; use {', '.join(sorted(_TOKEN_KEYS))}")
                elif key == "LEX":
                    names = spec if isinstance(spec, str) else (spec.get("IN") or spec.get("NOT_IN") or [])
                    if isinstance(spec, dict) and set(spec) - {"IN", "NOT_IN"}:
                        problems.append(f"{where}: token {k} LEX uses {sorted(set(spec) - {'IN', 'NOT_IN'})}; use IN or NOT_IN")
                    for lex in [names] if isinstance(names, str) else names:
                        if lex not in lexicons:
                            problems.append(f"{where}: token {k} names lexicon {lex!r}, which no lexicon line declares")
                    lower = token.get("LOWER")
                    # LEX with a LOWER NOT_IN: two NOT_IN lists join; a lexicon (IN, or one name) loses the words listed
                    if "LOWER" in token and not (isinstance(lower, dict) and set(lower) == {"NOT_IN"}):
                        problems.append(f"{where}: token {k} has both LEX and LOWER; only a LOWER NOT_IN list combines with LEX")
                elif key == "OP":
                    if not isinstance(spec, str) or not _OP.match(spec):
                        problems.append(f"{where}: token {k} has OP {spec!r}; use ?, *, +, ! or {{n,m}}")
                    elif (count := max((int(n) for n in re.findall(r"\d+", spec)), default=0)) > max_repeat:
                        problems.append(f"{where}: token {k} has OP {spec!r}, a repeat of {count:,} copies of the "
                                        f"token, more than the limit of {max_repeat:,} ([limits] max_rule_repeat); "
                                        "use * or + for an open number, or raise the limit with --settings FILE")
                elif isinstance(spec, dict):
                    bad = set(spec) - _VALUE_OPERATORS
                    if bad or not spec:
                        problems.append(f"{where}: token {k} {key} uses {sorted(bad) or '{}'}; use IN, NOT_IN or REGEX")
                    for op, operand in spec.items():
                        if op in ("IN", "NOT_IN") and not (isinstance(operand, list) and operand):
                            problems.append(f"{where}: token {k} {key} {op} needs a non-empty list")
                        if op == "REGEX" and not isinstance(operand, str):
                            problems.append(f"{where}: token {k} {key} REGEX must be a string")
                        elif op == "REGEX":
                            problems += [f"{where}: token {k} {key} REGEX {operand!r} {problem}"
                                         for problem in regexes.problems(operand, max_repeat)]
                elif not isinstance(spec, str | bool | int):
                    problems.append(f"{where}: token {k} {key} must be a string, a flag or an IN/NOT_IN/REGEX object")
            if set(token) == {"OP"} and token["OP"] not in ("*", "+", "?") and not str(token["OP"]).startswith("{"):
                problems.append(f"{where}: token {k} has only an OP")
    else:
        problems.append(f"{where}: pattern must be a phrase or a list of token patterns, not {type(pattern).__name__}")
