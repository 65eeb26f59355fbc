"""Word-level operations between two texts: diff-match-patch over words, numbers and amounts kept whole.

diff-match-patch diffs characters. As its line mode does for lines, each distinct token (a word,
an amount such as "$100 billion" or "600,000", a run of spaces, a punctuation mark) is mapped to
one private-use character, the character strings are diffed, and the result is mapped back. So an
edit never cuts a word or a number in half. `Diff_Timeout = 0` makes the result independent of
machine speed; semantic cleanup then merges tiny equalities into readable chunks.
"""

from __future__ import annotations

import re

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
_OPS: dict[int, OpSymbol] = {diff_match_patch.DIFF_EQUAL: "=", diff_match_patch.DIFF_DELETE: "-",
                             diff_match_patch.DIFF_INSERT: "+"}


def tokens(text: str) -> list[str]:
    """Return the text as tokens that concatenate back to it exactly."""
    return _TOKEN.findall(text)


def word_ops(old: str, new: str) -> tuple[Op, ...]:
    """Return '=', '-', '+' operations: '=' and '-' rebuild the old text, '=' and '+' the new one."""
    if old == new:
        return (Op("=", old),) if old else ()
    table: dict[str, str] = {}
    words: list[str] = []

    def encode(text: str) -> str:
        out = []
        for token in tokens(text):
            code = table.get(token)
            if code is None:
                code = chr(_FIRST_PRIVATE + len(words)) if len(words) < 6400 else chr(0xF0000 + len(words) - 6400)
                table[token] = code
                words.append(token)
            out.append(code)
        return "".join(out)

    engine = diff_match_patch()
    engine.Diff_Timeout = 0
    diffs = engine.diff_main(encode(old), encode(new), False)
    engine.diff_cleanupSemantic(diffs)
    decode = {code: word for word, code in table.items()}
    ops: list[Op] = []
    for kind, chars in diffs:
        text = "".join(decode[c] for c in chars)
        symbol = _OPS[kind]
        if ops and ops[-1].op == symbol:
            ops[-1] = Op(symbol, ops[-1].text + text)
        else:
            ops.append(Op(symbol, text))
    return tuple(ops)


def rebuild(ops: tuple[Op, ...], side: str) -> str:
    """Return the old ('-') or new ('+') text from operations."""
    return "".join(op.text for op in ops if op.op in ("=", side))
