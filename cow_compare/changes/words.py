"""Word-level operations between two texts: diff-match-patch over words, numbers and amounts kept whole.

diff-match-patch diffs characters. As its line mode does for lines, each distinct token (a word,
an amount such as "$100 billion" or "600,000", a run of spaces, a punctuation mark) is mapped to
one private-use character, the character strings are diffed, and the result is mapped back. So an
edit never cuts a word or a number in half. `Diff_Timeout = 0` makes the result independent of
machine speed; semantic cleanup then merges tiny equalities into readable chunks.

diff-match-patch's exact diff costs time that grows with the product of the lengths when the
texts differ throughout (two long rewritten provisions), and there are only so many private-use
characters to map tokens to. So a pair whose differing middle (what lies between the common
start and end) holds more than `exact_tokens` tokens (`[changes] word_diff_tokens`) is diffed in
a bounded way: the tokens that occur exactly once on each side and in the same order (the longest
such run, patience diff) are kept as anchors, and each stretch between two anchors is diffed the
same way again, exactly once it is short enough; a stretch still too long after a few rounds, or
with no anchor, is reported as deleted then inserted. The bound is on tokens, never on the clock,
so the same texts always give the same operations, in time that grows as n log n.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence

from diff_match_patch import diff_match_patch

from ..model import Op, OpSymbol

# An amount is one token: "$100 billion", "600,000", "800 000", "50%", "50:50", "100 days" stays two
# tokens ("100", "days") but "100" is never split.
_TOKEN = re.compile(
    r"[$€£]?\d+(?:[ ,.\u00a0\u202f]\d{3})*(?:[.,:]\d+)?%?(?:\s(?:billion|million|thousand|bn|m)\b)?"
    r"|\w+(?:['\u2019-]\w+)*"
    r"|\s+"
    r"|."
)
_FIRST_PRIVATE = 0xE000
_BMP_PRIVATE = 6400
"""Private-use characters of the Basic Multilingual Plane (U+E000 to U+F8FF)."""
_CODES = _BMP_PRIVATE + 0x110000 - 0xF0000
"""Tokens one exact diff can tell apart: the BMP's private-use characters, then planes 15 and 16."""
EXACT_TOKENS = 400
"""The shipped `[changes] word_diff_tokens`: the largest differing middle diffed exactly."""
_ROUNDS = 4
"""How many times a stretch between anchors is split again by anchors of its own."""
_OPS: dict[int, OpSymbol] = {diff_match_patch.DIFF_EQUAL: "=", diff_match_patch.DIFF_DELETE: "-",
                             diff_match_patch.DIFF_INSERT: "+"}


def tokens(text: str) -> list[str]:
    """Return the text as tokens that concatenate back to it exactly."""
    return _TOKEN.findall(text)


def word_ops(old: str, new: str, *, exact_tokens: int = EXACT_TOKENS) -> tuple[Op, ...]:
    """Return '=', '-', '+' operations: '=' and '-' rebuild the old text, '=' and '+' the new one.

    `exact_tokens`: the longest differing middle, in tokens of both sides together, diffed exactly
    by diff-match-patch; a longer one is diffed by anchors (see the module docstring).
    """
    if old == new:
        return (Op("=", old),) if old else ()
    a, b = tokens(old), tokens(new)
    start, end = _common_ends(a, 0, len(a), b, 0, len(b))
    middle = len(a) + len(b) - 2 * (start + end)
    if middle <= exact_tokens and len(set(a) | set(b)) <= _CODES:
        return _joined(_exact(a, b))
    return _joined(_bounded(a, b, exact_tokens))


def rebuild(ops: tuple[Op, ...], side: str) -> str:
    """Return the old ('-') or new ('+') text from operations."""
    return "".join(op.text for op in ops if op.op in ("=", side))


def _joined(pieces: list[tuple[OpSymbol, str]]) -> tuple[Op, ...]:
    """Operations with neighbours of the same kind joined, empty pieces left out."""
    ops: list[Op] = []
    for symbol, text in pieces:
        if not text:
            continue
        if ops and ops[-1].op == symbol:
            ops[-1] = Op(symbol, ops[-1].text + text)
        else:
            ops.append(Op(symbol, text))
    return tuple(ops)


def _exact(a: Sequence[str], b: Sequence[str]) -> list[tuple[OpSymbol, str]]:
    """diff-match-patch over the tokens, each mapped to one private-use character, then semantic cleanup."""
    table: dict[str, str] = {}

    def encode(words: Sequence[str]) -> str:
        out = []
        for token in words:
            code = table.get(token)
            if code is None:
                n = len(table)
                code = chr(_FIRST_PRIVATE + n) if n < _BMP_PRIVATE else chr(0xF0000 + n - _BMP_PRIVATE)
                table[token] = code
            out.append(code)
        return "".join(out)

    engine = diff_match_patch()
    engine.Diff_Timeout = 0
    diffs = engine.diff_main(encode(a), encode(b), False)
    engine.diff_cleanupSemantic(diffs)
    decode = {code: word for word, code in table.items()}
    return [(_OPS[kind], "".join(decode[c] for c in chars)) for kind, chars in diffs]


def _common_ends(a: Sequence[object], i0: int, i1: int, b: Sequence[object], j0: int, j1: int) -> tuple[int, int]:
    """The lengths of the common start and the common end of a[i0:i1] and b[j0:j1] (not overlapping)."""
    start = 0
    while i0 + start < i1 and j0 + start < j1 and a[i0 + start] == b[j0 + start]:
        start += 1
    end = 0
    while i1 - end > i0 + start and j1 - end > j0 + start and a[i1 - end - 1] == b[j1 - end - 1]:
        end += 1
    return start, end


def _bounded(a: list[str], b: list[str], exact_tokens: int) -> list[tuple[OpSymbol, str]]:
    """Operations found by anchors (unique tokens in the same order) and exact diffs of short stretches."""
    ids: dict[str, int] = {}
    x = [ids.setdefault(t, len(ids)) for t in a]
    y = [ids.setdefault(t, len(ids)) for t in b]
    out: list[tuple[OpSymbol, str]] = []
    # Stretches still to diff, in order: (i0, i1, j0, j1, rounds left); a stack, so the last pushed is first.
    todo: list[tuple[int, int, int, int, int]] = [(0, len(x), 0, len(y), _ROUNDS)]
    while todo:
        i0, i1, j0, j1, rounds = todo.pop()
        if i0 < 0:  # an anchor or a common end: equal on both sides
            out.append(("=", "".join(b[j0:j1])))
            continue
        start, end = _common_ends(x, i0, i1, y, j0, j1)
        later: list[tuple[int, int, int, int, int]] = []
        if end:
            later.append((-1, -1, j1 - end, j1, 0))
        if start:
            out.append(("=", "".join(b[j0 : j0 + start])))
        i0, j0, i1, j1 = i0 + start, j0 + start, i1 - end, j1 - end
        size = (i1 - i0) + (j1 - j0)
        if size and (i0 == i1 or j0 == j1):
            out += [("-", "".join(a[i0:i1])), ("+", "".join(b[j0:j1]))]
        elif size and size <= exact_tokens and len(set(x[i0:i1]) | set(y[j0:j1])) <= _CODES:
            out += _exact(a[i0:i1], b[j0:j1])
        elif size:
            anchors = _anchors(x, i0, i1, y, j0, j1) if rounds else []
            if not anchors:
                out += [("-", "".join(a[i0:i1])), ("+", "".join(b[j0:j1]))]
            else:
                # Stretches between anchors, each followed by its anchor, pushed last first.
                bounds = [(i0 - 1, j0 - 1), *anchors, (i1, j1)]
                pieces = []
                for (p, q), (r, s) in zip(bounds, bounds[1:], strict=False):
                    pieces.append((p + 1, r, q + 1, s, rounds - 1))
                    if r < i1:
                        pieces.append((-1, -1, s, s + 1, 0))
                later += reversed(pieces)
        todo += later
    return out


def _anchors(x: list[int], i0: int, i1: int, y: list[int], j0: int, j1: int) -> list[tuple[int, int]]:
    """Pairs (i, j) of tokens that occur once in x[i0:i1] and once in y[j0:j1], the longest run in order."""
    left, right = Counter(x[i0:i1]), Counter(y[j0:j1])
    where = {y[j]: j for j in range(j0, j1) if right[y[j]] == 1}
    pairs = [(i, where[x[i]]) for i in range(i0, i1) if left[x[i]] == 1 and x[i] in where]
    return _longest_increasing(pairs)


def _longest_increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest run of pairs (in increasing first place) whose second places increase; the earliest on ties."""
    tails: list[int] = []  # tails[k]: the second place ending the best run of length k + 1 so far
    ends: list[int] = []  # ends[k]: index in pairs of that run's last pair
    before: list[int] = []
    for n, (_i, j) in enumerate(pairs):
        k = bisect_left(tails, j)
        if k == len(tails):
            tails.append(j)
            ends.append(n)
        else:
            tails[k], ends[k] = j, n
        before.append(ends[k - 1] if k else -1)
    run = []
    n = ends[-1] if ends else -1
    while n >= 0:
        run.append(pairs[n])
        n = before[n]
    return run[::-1]
