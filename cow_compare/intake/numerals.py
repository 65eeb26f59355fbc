"""Reads printed numerals: roman numerals, numbers in kanji, letters in order (Latin and Cyrillic),
full-width digits. Patterns are compiled on first use."""

from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=1)
def _roman_pattern() -> re.Pattern[str]:
    return re.compile(r"^(?=[ivxlc]+$)(c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")


def roman_value(text: str) -> int | None:
    """Return the value of a roman numeral (i to cxxxix), or None if it is not one."""
    low = text.lower()
    if not low or not _roman_pattern().match(low):
        return None
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
    total = 0
    for i, ch in enumerate(low):
        v = values[ch]
        total += -v if i + 1 < len(low) and values[low[i + 1]] > v else v
    return total


LONGEST_NUMBER = 18
"""Digits a printed number may have to be read at its value; a longer run reads as TOO_LONG."""
TOO_LONG = 10**LONGEST_NUMBER
"""The value of a number printed with more than LONGEST_NUMBER digits: no sequence of points reaches it."""


def number_value(digits: str) -> int:
    """Return the value of a run of decimal digits; TOO_LONG for a run of more than LONGEST_NUMBER digits.

    A number that long is an amount or a code that a wrap put at a line start, never a point's
    number, and reading it would be slow (Python refuses to read more than 4,300 digits at all).
    """
    return int(digits) if len(digits) <= LONGEST_NUMBER else TOO_LONG


_KANJI_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def kanji_value(text: str) -> int | None:
    """Return the value of a number in kanji up to 999 (`十二` is 12), or None."""
    total, current = 0, 0
    for ch in text:
        if ch in _KANJI_DIGITS:
            current = _KANJI_DIGITS[ch]
        elif ch in "十百":
            total += (current or 1) * (10 if ch == "十" else 100)
            current = 0
        else:
            return None
    return total + current or None


def letter_value(ch: str) -> int:
    """Return a Latin letter's place in the alphabet (1 for `a`)."""
    return ord(ch.lower()) - ord("a") + 1


CYRILLIC_LETTERS = "\u0430\u0431\u0432\u0433\u0434\u0435\u0436\u0437\u0438\u043a\u043b\u043c\u043d\u043e\u043f" \
                   "\u0440\u0441\u0442\u0443\u0444\u0445\u0446\u0447\u0448\u0449\u044d\u044e\u044f"
"""а б в г д е ж з и к л м н ...: the order Russian and Ukrainian texts letter their sub-items in."""


FULL_WIDTH = str.maketrans({**{chr(0xFF10 + i): str(i) for i in range(10)},
                            "\uff0e": ".", "\uff09": ")", "\uff08": "(", "\uff1a": ":", "\u3000": " "})
"""Full-width digits and stops, as Japanese pages print them, to their ASCII forms."""
