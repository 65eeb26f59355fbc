"""Rule sets as data: reads, validates, merges and writes back the JSONL files of tagging rules.

A rule file is JSON Lines. The first object names the rule set and declares its categories, each
with its polarities in order of precedence:

    {"ruleset": "implications.v3", "categories": {"MNF-U": ["limits", "prohibits", ...], ...},
     "languages": ["en"], "overrides": {"MNF-U": {"limits": ["prohibits"]}, ...}}

- `languages`: the languages the rules are written for (ISO 639-1; `en` when not given). A document
  in another language is reported as not covered instead of being tagged with nothing.
- `clause_ends`: the words that end the clause a topic reaches over (default `; : . ! ?`); cues,
  negations and overrides always work within the finer parts these, `:` and `clause` rules cut.
- `topic_carry`: when true (implications.v2 to v4), a clause that names no topic of any tag goes on
  about the clause before it ("The cease-fire begins at once. Its modalities, including
  monitoring, are agreed later"); false when absent (implications.v1).
- `overrides`: how several polarities of one tag live together. With it, a provision carries every
  polarity its clauses support, one entry each, except that in one clause a polarity drops those it
  overrides ("not permanently" limits a ban: limits overrides prohibits). Without it (implications.v1)
  the first polarity of the category's order wins for the whole provision.
- `based_on`: a shipped base set whose categories, lexicons and rules this set takes under its own
  name; the file's other lines add to them or replace same-id ones, and may name the base's
  lexicons and categories (implications.v6 is one header line on v5; implications.v7 is v5 and
  round 8's rules). `categories` may then be left out.
- `layer`: a learned layer shipped beside the rule sets that revises the rules' polarities
  (`layer.py`; implications.v6); its weights are part of the set's digest, so of the tag cache key.
- `layer_adds`: `voted` holds the layer to polarities a rule voted for (implications.v9 is v8's
  layer held so): it keeps or drops what the rules give and brings back one they dropped, with the
  words of the rule that voted for it, but adds nothing that rests on its model alone; `any`
  (the default) lets it add those too, on the words of the features that weighed most. The
  setting goes with the layer: a file passed beside the default that brings a layer (or is based
  on v8) tags as that layer does; a file of plain rules keeps the default's setting.

Lexicon lines name word lists that patterns share, so a word list is written once and versioned
with the rules that use it:

    {"lexicon": "force", "words": ["troop", "force", "contingent", ...], "note": "..."}

A token pattern uses one as `{"LEX": "force"}` (the token is one of the words or a regular
inflection the lemma table confirms: 'troop' matches 'troops'; irregular forms are listed) or as
`{"LEX": {"NOT_IN": ["party-ukraine", "stop"]}}`. A word is one token: hyphenated and multi-word
names go in phrase rules.

Every other line is one rule:

    {"id": "mnfu.deploy", "tag": "MNF-U", "polarity": "requires", "negated": "prohibits",
     "pattern": [{"LEX": "deploy-verb"}]}

- `pattern` is a phrase or a list of phrases (matched on lower case, e.g. a place and its
  spellings), or a list of spaCy token patterns (on `LEMMA`, `LOWER`, `LEX` and a few flags).
  A token marked `"CONTEXT": true` only tests a word around the cue (the word before "a full
  ceasefire" may not be "after"), so the word it matches is no evidence; `"IS_SENT_START": true`
  holds on a text's first word only (the tagger runs no sentence splitter).
- `topic: true` makes the match show that its clause is about the tag; a cue counts only in a
  clause about its tag. `polarity` may be null for a rule that only marks the topic.
- `negated` is the polarity the match supports when a negation reaches it ("not stationed"); without
  it a negated match supports nothing.
- `refines` lists polarities this rule narrows: it counts only where one of them has support in the
  same clause, and takes their place ("permanently" turns "not stationed" from prohibits into limits);
  with `"polarity": null` it cancels them there ("troops in Poland on a routine rotation" is no
  reassurance deployment, so no `adjacent`).
- `role` is `cue` (the default) or one of the language roles shared by every tag: `negation` (with
  `reach`: `verb` negates the next word past auxiliaries and adverbs, `phrase` the words up to a
  boundary, `back` the words before it up to punctuation, for a refusal that comes last: "swaps are
  off the table", implications.v3), `transparent` (words a verb negation reaches past), `boundary`
  (where a phrase negation stops) and `clause` (the first matched token ends a clause, as `;` does:
  ", while").
- A polarity a refining cue narrowed still drops what it overrides (`polarity.py`, `_several`):
  "permanent basing is ruled out" narrows a ban to limits, and the ban still drops the basing's
  requires, so implications.v3's limits need not drop requires.

Loading reports every problem of a file at once, with line numbers. Nothing here imports spaCy, so
the commands that do not tag stay fast.
"""

from __future__ import annotations

import hashlib
import json
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import RuleSetError, over_limit
from ..intake.sourcefile import kind_of
from ..settings import LimitSettings, shipped_settings
from .validate import REACHES as REACHES
from .validate import ROLES as ROLES  # re-exported: the tests read the vocabulary here
from .validate import read_lines

DEFAULT_RULESET = "implications.v9"
"""The rule set every tagging command uses; `--rules` adds to it, or names another base set."""
BASE_SETS = ("implications.v9", "implications.v8", "implications.v7", "implications.v6", "implications.v5", "implications.v4", "implications.v3", "implications.v2", "implications.v1")
"""Shipped sets that stand alone: `--rules implications.v3` tags with it instead of the default; the
earlier sets stay shipped unchanged, so a tag's `rule` (`implications.v2:mnfu.deploy`) can be replayed."""
SHIPPED = ("implications.v9", "implications.v8", "implications.v7", "implications.v6", "implications.v5", "implications.v4", "implications.v3", "implications.v2", "implications.v1", "policy.v1")
"""Rule sets shipped in the package; `--rules policy.v1` names the example without a path."""
DEFAULT_LANGUAGES = ("en",)
DEFAULT_CLAUSE_ENDS = (";", ":", ".", "!", "?")


@dataclass(frozen=True)
class Rule:
    """One line of a rule file."""

    id: str
    role: str
    """cue, negation, transparent, boundary or clause."""
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
class Lexicon:
    """A named word list that token patterns share (`{"LEX": name}`), compared by lemma."""

    name: str
    words: tuple[str, ...]
    note: str = ""

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"lexicon": self.name, "words": list(self.words)}
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
    lexicons: dict[str, Lexicon] = field(default_factory=dict)
    languages: tuple[str, ...] = DEFAULT_LANGUAGES
    """Languages the rules are written for (ISO 639-1 codes)."""
    overrides: dict[str, dict[str, tuple[str, ...]]] | None = None
    """tag -> polarity -> the polarities it drops in its clause; None: one polarity per tag (v1)."""
    clause_ends: tuple[str, ...] = DEFAULT_CLAUSE_ENDS
    """The words that end the clause a topic reaches over (implications.v2 to v4 let a topic reach past ':')."""
    topic_carry: bool = False
    """A clause that names no topic goes on about the clause before it (implications.v2 to v4); v1: no."""
    layer: str = ""
    """The learned layer shipped beside the rule sets that revises this set's calls (implications.v6:
    `implications.v6.layer.json`); empty: the rules' calls stand."""
    layer_adds: str = ""
    """Which polarities the layer may add: '' or 'any', also one no rule voted for (its evidence the
    words of the features that weighed most); 'voted', only one a rule voted for (implications.v9)."""

    def polarities(self, tag: str) -> tuple[str, ...]:
        return self.categories[tag]

    def merged(self, extra: RuleSet) -> RuleSet:
        """Return this set with `extra`'s categories, lexicons and overrides added and its rules added
        or replacing same-id ones."""
        categories = {**self.categories, **extra.categories}
        replacing = {r.id: r for r in extra.rules}
        rules = [replacing.pop(r.id, r) for r in self.rules]
        rules += [r for r in extra.rules if r.id in replacing]
        parts = (*(self.parts or (self.name,)), *(extra.parts or (extra.name,)))
        overrides = self.overrides
        if extra.overrides:
            overrides = {**(overrides or {}), **extra.overrides}
        languages = self.languages + tuple(lang for lang in extra.languages if lang not in self.languages)
        clause_ends = extra.clause_ends if extra.clause_ends != DEFAULT_CLAUSE_ENDS else self.clause_ends
        return RuleSet("+".join(parts), categories, tuple(rules), self.description, parts,
                       {**self.lexicons, **extra.lexicons}, languages, overrides, clause_ends,
                       self.topic_carry or extra.topic_carry, extra.layer or self.layer,
                       # a layer comes with its own setting ('' is 'any'): a file that brings a layer
                       # (or is based on v8) tags as that layer does, not as the default's is held
                       extra.layer_adds if extra.layer or extra.layer_adds else self.layer_adds)

    @cached_property
    def digest(self) -> str:
        """A SHA-256 of the set as written (`to_jsonl`), worked out once: cache keys read it for
        every document, and writing out a large set takes milliseconds."""
        digest = hashlib.sha256(self.to_jsonl().encode("utf-8"))
        weights = layer_path(self.layer) if self.layer else None
        if weights is not None:  # the layer's weights decide tags as much as the rules do
            digest.update(weights.read_bytes() if weights.is_file() else b"absent")
        return digest.hexdigest()

    def to_jsonl(self) -> str:
        """Return the set as a rule file that loads back to the same rules."""
        header: dict[str, Any] = {"ruleset": self.name, "categories": {k: list(v) for k, v in self.categories.items()}}
        if self.description:
            header["description"] = self.description
        if self.languages != DEFAULT_LANGUAGES:
            header["languages"] = list(self.languages)
        if self.clause_ends != DEFAULT_CLAUSE_ENDS:
            header["clause_ends"] = list(self.clause_ends)
        if self.topic_carry:
            header["topic_carry"] = True
        if self.layer:
            header["layer"] = self.layer
        if self.layer_adds:
            header["layer_adds"] = self.layer_adds
        if self.overrides is not None:
            header["overrides"] = {tag: {p: list(q) for p, q in by.items()} for tag, by in self.overrides.items()}
        lines = [header, *(lex.to_json() for lex in self.lexicons.values()), *(r.to_json() for r in self.rules)]
        return "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)


def layer_path(name: str) -> Path:
    """Return the path of a learned layer shipped beside the rule sets (a header's `layer`)."""
    return Path(str(resources.files("cow_compare").joinpath("tags", "data", name)))


def shipped_path(name: str) -> Path:
    """Return the path of a rule set shipped in the package."""
    return Path(str(resources.files("cow_compare").joinpath("tags", "data", f"{name}.jsonl")))


def load_default() -> RuleSet:
    """Return the shipped default rule set (`DEFAULT_RULESET`, implications.v9)."""
    return load_ruleset(shipped_path(DEFAULT_RULESET))


def load_named(name: str) -> RuleSet:
    """Return a shipped base rule set by name (`implications.v1`), or raise naming the ones there are."""
    if name not in BASE_SETS:
        raise RuleSetError(f"{name!r} is not a shipped base rule set; use one of {', '.join(BASE_SETS)}")
    return load_ruleset(shipped_path(name))


def resolve_rules_argument(value: str) -> Path:
    """Return the file a `--rules` value names: a path, or the name of a shipped rule set."""
    path = Path(value)
    if not path.exists() and value in SHIPPED:
        return shipped_path(value)
    return path


def load_with_extras(extras: Iterable[str | Path] = (), *, limits: LimitSettings | None = None) -> RuleSet:
    """Return the default rule set with each extra rule file merged in, in order.

    A shipped base set among the extras (`implications.v1`) is not merged: it replaces the base, so
    `--rules implications.v1` tags exactly as v1 did, and later extras merge into it. `limits`: the
    `[limits]` the extra files must keep within (default: the shipped ones).
    """
    names = [str(e) for e in extras]
    base_names = [e for e in names if e in BASE_SETS and not Path(e).exists()]
    if len(base_names) > 1:
        raise RuleSetError(f"--rules names two base rule sets ({', '.join(base_names)}); give one")
    rules = load_named(base_names[0]) if base_names else load_default()
    for extra in names:
        if extra not in base_names:
            rules = rules.merged(load_ruleset(resolve_rules_argument(extra), base=rules, limits=limits))
    return rules


def load_ruleset(path: str | Path, *, base: RuleSet | None = None, limits: LimitSettings | None = None) -> RuleSet:
    """Read and validate a rule file; RuleSetError lists every problem in it at once.

    With `base`, the file may use the base's categories and lexicons and override its rules by id.
    Only a regular file is read (a named pipe would block for ever), and only up to `[limits]
    max_file_bytes`.
    """
    path = Path(path)
    limits = limits if limits is not None else shipped_settings().limits
    try:
        status = path.stat()
    except OSError:
        status = None
    if status is not None and stat.S_ISDIR(status.st_mode):
        raise RuleSetError(f"{path}: is a directory; give the path of a .jsonl rule file")
    if status is None:
        hint = f" or one of the shipped rule sets: {', '.join(SHIPPED)}" if not path.suffix else ""
        raise RuleSetError(f"{path}: no such rule file; give the path of a .jsonl rule file{hint}")
    if not stat.S_ISREG(status.st_mode):
        raise RuleSetError(f"{path}: is {kind_of(status.st_mode)}, not a regular file; give the path of a .jsonl "
                           "rule file")
    if status.st_size > limits.max_file_bytes:
        raise over_limit(str(path), f"the rule file holds {status.st_size:,} bytes", "max_file_bytes",
                         limits.max_file_bytes)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise RuleSetError(f"{path}: is not UTF-8 (byte {exc.start}); save the rule file as UTF-8") from None
    except OSError as exc:
        raise RuleSetError(f"{path}: cannot be read ({exc.strerror}); check its permissions") from None
    return parse_ruleset(text, str(path), base=base, limits=limits)


def parse_ruleset(text: str, origin: str, *, base: RuleSet | None = None,
                  limits: LimitSettings | None = None) -> RuleSet:
    """Validate rule-file text (see `load_ruleset`); `origin` names it in messages."""
    limits = limits if limits is not None else shipped_settings().limits
    declared = _header_base(text)  # loaded once: its names check this file's lines, then it is merged in
    known = base if base is not None else declared  # a set made on a shipped one names its lexicons (v7)
    read = read_lines(text, origin, known.categories if known else {}, set(known.lexicons) if known else set(),
                      max_repeat=limits.max_rule_repeat, max_depth=limits.max_depth)
    rules = tuple(Rule(**fields) for fields in read.rules)
    lexicons = {name: Lexicon(name, tuple(words), note) for name, (words, note) in read.lexicons.items()}
    languages = tuple(read.languages) if read.languages else DEFAULT_LANGUAGES
    clause_ends = tuple(read.clause_ends) if read.clause_ends is not None else DEFAULT_CLAUSE_ENDS
    own = RuleSet(read.name, read.categories, rules, read.description, (read.name,), lexicons, languages,
                  read.overrides, clause_ends, read.topic_carry, read.layer, read.layer_adds)
    made = _based_on(read.based_on, own, declared) if read.based_on else own
    if made.layer_adds and not (made.layer or (base.layer if base is not None else "")):
        raise RuleSetError(f"{origin}: layer_adds {made.layer_adds!r} says what a learned layer may add, but the set "
                           "has none; name one with 'layer', or base the set on one that has it ('implications.v8')")
    return made


def _header_base(text: str) -> RuleSet | None:
    """The shipped set a rule file's header names as `based_on`, so its rules may use that set's
    lexicons and categories; None when the header names none (or is not readable JSON: `read_lines`
    then says what is wrong with it)."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    try:
        header = json.loads(first)
    except ValueError:
        return None
    name = header.get("based_on") if isinstance(header, dict) else None
    return load_named(name) if isinstance(name, str) and name in BASE_SETS else None


def _based_on(name: str, own: RuleSet, loaded: RuleSet | None = None) -> RuleSet:
    """`own` as a set of its own made on a shipped base set (header `based_on`): the base's categories,
    lexicons and rules under `own`'s name, with `own`'s lines added or replacing same-id ones (`loaded`:
    the base set when the caller has it already). implications.v6 is v5's rules and a layer, so its
    file holds one header line, not a copy of v5."""
    if name not in BASE_SETS:
        raise RuleSetError(f"{own.name}: based_on {name!r} is not a shipped base rule set; use one of {', '.join(BASE_SETS)}")
    base = loaded if loaded is not None else load_named(name)
    renamed = RuleSet(own.name, base.categories, tuple(replace(r, ruleset=own.name) for r in base.rules),
                      own.description or base.description, (own.name,), base.lexicons, base.languages,
                      base.overrides, base.clause_ends, base.topic_carry, base.layer, base.layer_adds)
    merged = renamed.merged(own)
    return replace(merged, name=own.name, parts=(own.name,), description=renamed.description)
