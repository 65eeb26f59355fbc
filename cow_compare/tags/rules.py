"""Rule sets as data: reads, validates, merges and writes back the JSONL files of tagging rules.

A rule file is JSON Lines. The first object names the rule set and declares its categories, each
with its polarities in order of precedence (the first one a provision's cues support wins):

    {"ruleset": "implications.v1", "categories": {"MNF-U": ["limits", "prohibits", ...], ...}}

Every other line is one rule:

    {"id": "mnfu.deploy", "tag": "MNF-U", "polarity": "requires", "negated": "prohibits",
     "pattern": [{"LEMMA": {"IN": ["deploy", "station", "base"]}}]}

- `pattern` is a phrase or a list of phrases (matched on lower case, e.g. a place and its
  spellings), or a list of spaCy token patterns (on `LEMMA`, `LOWER` and a few flags).
- `topic: true` makes the match show that its clause is about the tag; a cue counts only in a
  clause about its tag. `polarity` may be null for a rule that only marks the topic.
- `negated` is the polarity the match supports when a negation reaches it ("not stationed"); without
  it a negated match supports nothing.
- `refines` lists polarities this rule narrows: it counts only where one of them has support in the
  same clause ("permanently" turns "not stationed" from prohibits into limits).
- `role` is `cue` (the default) or one of the language roles shared by every tag: `negation` (with
  `reach`: `verb` negates the next word past auxiliaries and adverbs, `phrase` the words up to a
  boundary), `transparent` (words a verb negation reaches past) and `boundary` (where a phrase
  negation stops).

Loading reports every problem of a file at once, with line numbers. Nothing here imports spaCy, so
the commands that do not tag stay fast.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import RuleSetError
from ..model import TAG_POLARITIES

DEFAULT_RULESET = "implications.v1"
"""The rule set every tagging command uses; `--rules` adds to it."""
SHIPPED = ("implications.v1", "policy.v1")
"""Rule sets shipped in the package; `--rules policy.v1` names the example without a path."""

def _schema() -> dict[str, Any]:
    """The shipped JSON Schema of a rule-file line (data/rules.schema.json): the vocabulary below comes from it."""
    return dict(json.loads((Path(__file__).resolve().parent / "data" / "rules.schema.json").read_text(encoding="utf-8")))


_DEFS = _schema()["$defs"]
ROLES: tuple[str, ...] = tuple(_DEFS["rule"]["properties"]["role"]["enum"])
REACHES: tuple[str, ...] = tuple(_DEFS["rule"]["properties"]["reach"]["enum"])
_RULE_KEYS = set(_DEFS["rule"]["properties"])
_HEADER_KEYS = set(_DEFS["header"]["properties"])
_TOKEN_KEYS = set(_DEFS["token"]["properties"])
_VALUE_OPERATORS = set(_DEFS["value"]["oneOf"][1]["properties"])
_OP = re.compile(r"^(?:[!?*+]|\{\d*,?\d*\})$")
_RULESET_NAME = re.compile(r"^[a-z][a-z0-9-]*\.v\d+$")
_CATEGORY_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9-]*$")
_POLARITY_NAME = re.compile(r"^[a-z][a-z-]*$")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


@dataclass(frozen=True)
class Rule:
    """One line of a rule file."""

    id: str
    role: str
    """cue, negation, transparent or boundary."""
    pattern: str | list[str] | list[dict[str, Any]]
    """A phrase or a list of phrases (matched on lower case), or a list of token patterns."""

    @property
    def phrases(self) -> tuple[str, ...]:
        """The phrases of a phrase rule; empty for a token-pattern rule."""
        if isinstance(self.pattern, str):
            return (self.pattern,)
        return tuple(p for p in self.pattern if isinstance(p, str))
    tag: str = ""
    polarity: str | None = None
    topic: bool = False
    negated: str | None = None
    refines: tuple[str, ...] = ()
    reach: str = ""
    note: str = ""
    ruleset: str = ""
    """The rule set the rule came from: its `rule` field in a tag reads `ruleset:id`."""
    origin: str = ""
    """`file:line`, for errors the matcher raises later."""

    @property
    def qualified_id(self) -> str:
        return f"{self.ruleset}:{self.id}"

    def to_json(self) -> dict[str, Any]:
        """Return the rule as its line in a rule file: only the fields that differ from the defaults."""
        out: dict[str, Any] = {"id": self.id}
        if self.role != "cue":
            out["role"] = self.role
        if self.tag:
            out["tag"] = self.tag
        if self.role == "cue":
            out["polarity"] = self.polarity
        if self.topic:
            out["topic"] = True
        if self.negated is not None:
            out["negated"] = self.negated
        if self.refines:
            out["refines"] = list(self.refines)
        if self.reach:
            out["reach"] = self.reach
        out["pattern"] = self.pattern
        if self.note:
            out["note"] = self.note
        return out


@dataclass(frozen=True)
class RuleSet:
    """Categories with their polarities in precedence order, and the rules that find them."""

    name: str
    categories: dict[str, tuple[str, ...]]
    rules: tuple[Rule, ...]
    description: str = ""
    parts: tuple[str, ...] = field(default=())
    """Names of the files merged into this set, in order; the set's name joins them with '+'."""

    def polarities(self, tag: str) -> tuple[str, ...]:
        return self.categories[tag]

    def merged(self, extra: RuleSet) -> RuleSet:
        """Return this set with `extra`'s categories added and its rules added or replacing same-id ones."""
        categories = {**self.categories, **extra.categories}
        replacing = {r.id: r for r in extra.rules}
        rules = [replacing.pop(r.id, r) for r in self.rules]
        rules += [r for r in extra.rules if r.id in replacing]
        parts = (*(self.parts or (self.name,)), *(extra.parts or (extra.name,)))
        return RuleSet("+".join(parts), categories, tuple(rules), self.description, parts)

    def to_jsonl(self) -> str:
        """Return the set as a rule file that loads back to the same rules."""
        header = {"ruleset": self.name, "categories": {k: list(v) for k, v in self.categories.items()}}
        if self.description:
            header["description"] = self.description
        lines = [header, *(r.to_json() for r in self.rules)]
        return "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)


def shipped_path(name: str) -> Path:
    """Return the path of a rule set shipped in the package."""
    return Path(str(resources.files("cow_compare").joinpath("tags", "data", f"{name}.jsonl")))


def load_default() -> RuleSet:
    """Return the shipped `implications.v1` rule set."""
    return load_ruleset(shipped_path(DEFAULT_RULESET))


def resolve_rules_argument(value: str) -> Path:
    """Return the file a `--rules` value names: a path, or the name of a shipped rule set."""
    path = Path(value)
    if not path.exists() and value in SHIPPED:
        return shipped_path(value)
    return path


def load_with_extras(extras: Iterable[str | Path] = ()) -> RuleSet:
    """Return `implications.v1` with each extra rule file merged in, in order."""
    rules = load_default()
    for extra in extras:
        rules = rules.merged(load_ruleset(resolve_rules_argument(str(extra)), base=rules))
    return rules


def load_ruleset(path: str | Path, *, base: RuleSet | None = None) -> RuleSet:
    """Read and validate a rule file; RuleSetError lists every problem in it at once.

    With `base`, the file may use the base's categories and override its rules by id.
    """
    path = Path(path)
    if path.is_dir():
        raise RuleSetError(f"{path}: is a directory; give the path of a .jsonl rule file")
    if not path.is_file():
        hint = f" or one of the shipped rule sets: {', '.join(SHIPPED)}" if not path.suffix else ""
        raise RuleSetError(f"{path}: no such rule file; give the path of a .jsonl rule file{hint}")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise RuleSetError(f"{path}: is not UTF-8 (byte {exc.start}); save the rule file as UTF-8") from None
    return parse_ruleset(text, str(path), base=base)


def parse_ruleset(text: str, origin: str, *, base: RuleSet | None = None) -> RuleSet:
    """Validate rule-file text (see `load_ruleset`); `origin` names it in messages."""
    problems: list[str] = []
    objects: list[tuple[int, dict[str, Any]]] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
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
    name, description = "", ""
    categories: dict[str, tuple[str, ...]] = {}
    if objects and "ruleset" in objects[0][1]:
        number, header = objects.pop(0)
        name, categories, description = _header(number, header, problems)
    elif objects:
        problems.append(f"line {objects[0][0]}: the first object must be the header "
                        '{"ruleset": "name.v1", "categories": {"Tag": ["polarity", ...]}}')
    known = {**(base.categories if base else {}), **categories}
    rules: list[Rule] = []
    seen: dict[str, int] = {}
    for number, value in objects:
        rule_id = value.get("id")
        if isinstance(rule_id, str) and rule_id in seen:
            problems.append(f"line {number} ({rule_id}): id {rule_id!r} is already used on line {seen[rule_id]}; "
                            "ids must be unique")
            continue
        if isinstance(rule_id, str):
            seen[rule_id] = number
        rule = _rule(number, value, known, problems, name, f"{origin}:{number}")
        if rule is not None:
            rules.append(rule)
    if problems:
        problems.sort(key=lambda problem: int(problem.split(" ", 2)[1].split(":")[0]))
        count = f"{len(problems)} problem{'s' if len(problems) > 1 else ''}"
        raise RuleSetError(f"{origin}: {count}: {'; '.join(problems)}; fix the rule file and run again")
    return RuleSet(name, categories, tuple(rules), description, (name,))


def _header(number: int, header: dict[str, Any], problems: list[str]) -> tuple[str, dict[str, tuple[str, ...]], str]:
    where = f"line {number}"
    for key in sorted(set(header) - _HEADER_KEYS):
        problems.append(f"{where}: unknown header field {key!r}; use ruleset, categories, description")
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
    return name, categories, description if isinstance(description, str) else ""


def _rule(number: int, value: dict[str, Any], known: Mapping[str, tuple[str, ...]], problems: list[str],
          ruleset: str, origin: str) -> Rule | None:
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
    _pattern(where, value.get("pattern"), problems)
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
        if polarity is None and negated is None and not value.get("topic", False):
            problems.append(f"{where}: the rule supports no polarity and marks no topic; give polarity, negated or topic")
        if refines and polarity is None:
            problems.append(f"{where}: refines needs a polarity to refine into")
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
    return Rule(rule_id, role, value["pattern"], tag, polarity, bool(value.get("topic", False)), negated,
                refines, reach, note if isinstance(note, str) else "", ruleset, origin)


def _pattern(where: str, pattern: Any, problems: list[str]) -> None:
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
                elif key == "OP":
                    if not isinstance(spec, str) or not _OP.match(spec):
                        problems.append(f"{where}: token {k} has OP {spec!r}; use ?, *, +, ! or {{n,m}}")
                elif isinstance(spec, dict):
                    bad = set(spec) - _VALUE_OPERATORS
                    if bad or not spec:
                        problems.append(f"{where}: token {k} {key} uses {sorted(bad) or '{}'}; use IN, NOT_IN or REGEX")
                    for op, operand in spec.items():
                        if op in ("IN", "NOT_IN") and not (isinstance(operand, list) and operand):
                            problems.append(f"{where}: token {k} {key} {op} needs a non-empty list")
                        if op == "REGEX":
                            try:
                                re.compile(str(operand))
                            except re.error as exc:
                                problems.append(f"{where}: token {k} {key} REGEX is invalid ({exc})")
                elif not isinstance(spec, str | bool | int):
                    problems.append(f"{where}: token {k} {key} must be a string, a flag or an IN/NOT_IN/REGEX object")
            if set(token) == {"OP"} and token["OP"] not in ("*", "+", "?") and not str(token["OP"]).startswith("{"):
                problems.append(f"{where}: token {k} has only an OP")
    else:
        problems.append(f"{where}: pattern must be a phrase or a list of token patterns, not {type(pattern).__name__}")
