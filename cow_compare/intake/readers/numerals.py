"""Writes list numbers as letters (a, b, ..., z, aa) and roman numerals (i, ii, iv), as browsers and Word do."""

from __future__ import annotations

_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def letters(number: int) -> str:
    """1 -> a, 26 -> z, 27 -> aa; 0 and below as the number itself."""
    if number < 1:
        return str(number)
    out = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        out = chr(ord("a") + rest) + out
    return out


def roman(number: int) -> str:
    """1 -> i, 4 -> iv, 14 -> xiv; 0 and below as the number itself."""
    if number < 1:
        return str(number)
    out = ""
    for value, digits in _ROMAN:
        while number >= value:
            out += digits
            number -= value
    return out
