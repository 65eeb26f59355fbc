"""Checks a rule's regular expression for what can run away, and bounds the words it reads.

spaCy's Matcher tests a token pattern's `REGEX` with Python's `re`, once per token, and `re` has no
time budget: a backtracking search can take time exponential in the length of the word it reads
(`(a+)+$` on forty letters runs for hours). The `regex` package has a timeout, but spaCy does not
use it, and a budget measured by the clock would make whether a rule fires depend on the
machine's speed. So what can run away is refused when the rule file is read, from the
expression's parsed structure:

- a back-reference (`\\1`, `(?P=name)`, `(?(1)...)`): matching with one is not bounded by any
  polynomial in the word's length;
- a repeat inside a repeat (`(a+)+`, `(\\w*\\s?)*`, `(a{1,9}){2,}`): the word can be split between
  them in exponentially many ways, unless every round of the outer one must match a character the
  inner one cannot (`(\\d{1,2}:){2}`), which fixes the split;
- a repeated alternation whose branches can start alike or match nothing (`(a|ab)*`, `(x|)+`);
- two open-ended repeats in a row that can match the same characters, with nothing required
  between them (`\\w+\\w*`, `a*b?a*`): each further one raises the degree of the polynomial;
- a counted repeat above `[limits] max_rule_repeat` (also the bound on a token's `OP`, which spaCy
  expands into that many copies of the token).

What is left backtracks at most polynomially, and quadratically where it matters (a search tries
every start). Tokens are as long as a word runs without a space, up to a whole provision, so the
engine also hands every `REGEX` to spaCy wrapped by `bounded`: a word longer than WORD characters
fails it after reading WORD + 1 of them, never more, so no word costs more than a fixed amount.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable
from typing import Any

# The parser `re` itself compiles from (private modules, typed by no stub): the structure checked is
# the one `re` runs.
sre_parse: Any = importlib.import_module("re._parser")
sre: Any = importlib.import_module("re._constants")

WORD = 200
"""The longest token a REGEX reads: no word of a plan comes near it (a long URL may, and it does
not match). A rule's regular expression is a test on one word."""

_OPEN = sre.MAXREPEAT
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", sre.MAX_REPEAT))
_SAMPLE = "".join(map(chr, range(128))) + "\u00a0\u00e9\u00c9\u0436\u0416\u2013\u2014\u2019\u201c\u0661\u4e00"
"""Characters tried when asking whether two character sets overlap, with every character the
expression names itself: exact for literals and ranges, a fair sample for classes (\\w, \\d, \\s)."""

Chars = Callable[[str], bool]


def bounded(expression: str) -> str:
    """The expression as spaCy gets it: the same test on words of at most WORD characters, false on
    longer ones after reading WORD + 1 characters (global flags such as `(?i)` kept in front)."""
    flags = re.match(r"(?:\(\?[aiLmsux]+\))+", expression)
    head = flags.group(0) if flags else ""
    end = "\n)" if "x" in head else ")"  # in verbose mode a closing comment would swallow the bracket
    return rf"{head}\A(?=[\s\S]{{0,{WORD}}}\Z)[\s\S]*?(?:{expression[len(head):]}{end}"


def bounded_token(token: dict[str, Any]) -> dict[str, Any]:
    """A token pattern with every `REGEX` in it `bounded` (the engine's hook: spaCy runs what it returns)."""
    return {key: {op: bounded(value) if op == "REGEX" and isinstance(value, str) else value
                  for op, value in spec.items()} if isinstance(spec, dict) else spec
            for key, spec in token.items()}


def problems(expression: str, max_repeat: int) -> list[str]:
    """What in the expression can run away, each as a phrase saying how to fix it; empty when nothing."""
    try:
        parsed = sre_parse.parse(expression)
    except re.error as exc:
        return [f"is invalid ({exc})"]
    found: list[str] = []
    ignore_case = bool(parsed.state.flags & re.IGNORECASE)
    sample = _SAMPLE + "".join(sorted(_named_chars(parsed.data)))
    if ignore_case:
        sample += sample.swapcase()
    _check(list(parsed.data), sample, max_repeat, found, inside=None)
    return list(dict.fromkeys(found))


def _check(nodes: list[tuple[Any, Any]], sample: str, max_repeat: int, found: list[str],
           inside: tuple[Any, Any] | None) -> None:
    """Walk a sequence of parsed nodes; `inside` is the repeat (max > 1) the sequence lies in, if any."""
    open_before: list[Chars] = []  # open-ended repeats since the last character something must match
    for op, av in nodes:
        if op in (sre.GROUPREF, sre.GROUPREF_EXISTS):
            found.append("uses a back-reference, which can take time exponential in the word's length; "
                         "write the alternatives out instead")
            continue
        if op in _REPEATS:
            low, high, body = av
            for bound in (low, high):
                if bound != _OPEN and bound > max_repeat:
                    found.append(f"repeats {bound:,} times, more than the limit of {max_repeat:,} ([limits] "
                                 "max_rule_repeat); use + or * for an open number, or raise the limit with "
                                 "--settings FILE")
            many = high == _OPEN or high > 1
            if many and inside is not None and not _split_fixed(inside, (op, av), sample):
                found.append("nests a repeat inside a repeat (such as (a+)+), which can take time exponential "
                             "in the word's length; repeat the inner part once, or make each round end with a "
                             "character the inner part cannot match")
            if many:
                _check_alternation(list(body), sample, found)
            chars = _chars_of(list(body))
            if high == _OPEN:
                start = _first(list(body))  # what the repeat can take over from the ones before it
                if any(_overlap(start, other, sample) for other in open_before):
                    found.append("has two open-ended repeats in a row that can match the same characters (such "
                                 "as \\w+\\w*), which makes the search slower with every one; join them into one")
                open_before.append(chars)
            elif low > 0:
                open_before = []
            _check(list(body), sample, max_repeat, found, inside=(op, av) if many else inside)
            continue
        if op is sre.SUBPATTERN:
            _check(list(av[-1]), sample, max_repeat, found, inside)
            if _can_be_empty(list(av[-1])):
                continue
            open_before = []
            continue
        if op is sre.BRANCH:
            for branch in av[1]:
                _check(list(branch), sample, max_repeat, found, inside)
            if not any(_can_be_empty(list(b)) for b in av[1]):
                open_before = []
            continue
        if op in (sre.ASSERT, sre.ASSERT_NOT):
            _check(list(av[1]), sample, max_repeat, found, None)
            continue
        if op is getattr(sre, "ATOMIC_GROUP", None):
            _check(list(av), sample, max_repeat, found, None)
            open_before = []
            continue
        if op in (sre.LITERAL, sre.NOT_LITERAL, sre.ANY, sre.IN):
            # A character that must be matched ends the doubt only for the repeats that cannot match it.
            must = _single(op, av)
            open_before = [chars for chars in open_before if _overlap(chars, must, sample)]


def _check_alternation(body: list[tuple[Any, Any]], sample: str, found: list[str]) -> None:
    """A repeated alternation whose branches can start with the same character or match nothing."""
    for op, av in body:
        if op is sre.SUBPATTERN:
            _check_alternation(list(av[-1]), sample, found)
        if op is not sre.BRANCH:
            continue
        branches = [list(b) for b in av[1]]
        firsts = [_first(b) for b in branches]
        if any(_can_be_empty(b) for b in branches) or any(
                _overlap(a, b, sample) for k, a in enumerate(firsts) for b in firsts[k + 1:]):
            found.append("repeats an alternation whose branches can match the same text or nothing (such as "
                         "(a|ab)*), which can take time exponential in the word's length; make each branch "
                         "start with a different character")


def _split_fixed(outer: tuple[Any, Any], inner: tuple[Any, Any], sample: str) -> bool:
    """Whether every round of the outer repeat must match a character the inner repeat cannot, right in
    its own sequence (`(\\d{1,2}:){2}`): then the word is split between the rounds in one way only."""
    body = list(outer[1][2])
    while len(body) == 1 and body[0][0] is sre.SUBPATTERN:
        body = list(body[0][1][-1])
    if inner not in body:
        return False
    inner_chars = _chars_of(list(inner[1][2]))
    return any(op in (sre.LITERAL, sre.NOT_LITERAL, sre.ANY, sre.IN)
               and not _overlap(_single(op, av), inner_chars, sample) for op, av in body)


def _first(nodes: list[tuple[Any, Any]]) -> Chars:
    """The characters a match of the sequence can start with."""
    tests: list[Chars] = []
    for op, av in nodes:
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue
        part = [(op, av)]
        tests.append(_chars_of(part) if op not in (sre.SUBPATTERN, sre.BRANCH) and op not in _REPEATS
                     else _first(list(av[-1])) if op is sre.SUBPATTERN
                     else _any(_first(list(b)) for b in av[1]) if op is sre.BRANCH
                     else _first(list(av[2])))
        if not _can_be_empty(part):
            break
    return _any(tests)


def _can_be_empty(nodes: list[tuple[Any, Any]]) -> bool:
    """Whether the sequence can match without reading a character."""
    for op, av in nodes:
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue
        if op in _REPEATS:
            if av[0] == 0 or _can_be_empty(list(av[2])):
                continue
            return False
        if op is sre.SUBPATTERN:
            if _can_be_empty(list(av[-1])):
                continue
            return False
        if op is sre.BRANCH:
            if any(_can_be_empty(list(b)) for b in av[1]):
                continue
            return False
        if op in (sre.GROUPREF, sre.GROUPREF_EXISTS):
            continue
        return False
    return True


def _chars_of(nodes: list[tuple[Any, Any]]) -> Chars:
    """The characters any part of the sequence can match."""
    tests: list[Chars] = []
    for op, av in nodes:
        if op in (sre.LITERAL, sre.NOT_LITERAL, sre.ANY, sre.IN):
            tests.append(_single(op, av))
        elif op in _REPEATS:
            tests.append(_chars_of(list(av[2])))
        elif op is sre.SUBPATTERN:
            tests.append(_chars_of(list(av[-1])))
        elif op is sre.BRANCH:
            tests += [_chars_of(list(b)) for b in av[1]]
        elif op is getattr(sre, "ATOMIC_GROUP", None):
            tests.append(_chars_of(list(av)))
    return _any(tests)


def _single(op: Any, av: Any) -> Chars:
    """What one character node matches."""
    if op is sre.LITERAL:
        return _between(chr(av), chr(av))
    if op is sre.NOT_LITERAL:
        inside = _between(chr(av), chr(av))
        return lambda ch: not inside(ch)
    if op is sre.ANY:
        return lambda ch: True
    items = list(av)
    negate = bool(items) and items[0][0] is sre.NEGATE
    tests = [_item(o, a) for o, a in items if o is not sre.NEGATE]
    return lambda ch: any(t(ch) for t in tests) != negate


_CATEGORIES: dict[Any, Chars] = {
    sre.CATEGORY_DIGIT: str.isdigit, sre.CATEGORY_NOT_DIGIT: lambda ch: not ch.isdigit(),
    sre.CATEGORY_SPACE: str.isspace, sre.CATEGORY_NOT_SPACE: lambda ch: not ch.isspace(),
    sre.CATEGORY_WORD: lambda ch: ch.isalnum() or ch == "_",
    sre.CATEGORY_NOT_WORD: lambda ch: not (ch.isalnum() or ch == "_"),
}


def _item(op: Any, av: Any) -> Chars:
    if op is sre.LITERAL:
        return _between(chr(av), chr(av))
    if op is sre.RANGE:
        return _between(chr(av[0]), chr(av[1]))
    if op is sre.CATEGORY:
        return _CATEGORIES.get(av, lambda ch: True)
    return lambda ch: True  # anything else: assume it may match anything


def _between(low: str, high: str) -> Chars:
    return lambda ch: low <= ch <= high


def _any(tests: Iterable[Chars]) -> Chars:
    kept = list(tests)
    return lambda ch: any(t(ch) for t in kept)


def _overlap(a: Chars, b: Chars, sample: str) -> bool:
    return any(a(ch) and b(ch) for ch in sample)


def _named_chars(nodes: Iterable[tuple[Any, Any]]) -> set[str]:
    """Every character the expression names (literals, range ends and their neighbours)."""
    out: set[str] = set()
    for op, av in nodes:
        if op in (sre.LITERAL, sre.NOT_LITERAL):
            out.add(chr(av))
        elif op is sre.IN:
            for o, a in av:
                if o is sre.LITERAL:
                    out.add(chr(a))
                elif o is sre.RANGE:
                    out.update(chr(c) for c in (a[0], a[1]) if c < 0x110000)
        elif op in _REPEATS:
            out |= _named_chars(av[2])
        elif op is sre.SUBPATTERN:
            out |= _named_chars(av[-1])
        elif op is sre.BRANCH:
            for b in av[1]:
                out |= _named_chars(b)
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            out |= _named_chars(av[1])
    return out
