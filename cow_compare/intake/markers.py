"""Recognises the marker that opens a provision line: `1.`, `(a)`, `Point 3`, `iv)`, `-`, `Option A`.

Each recogniser is a named function tried in the order of RECOGNISERS; the first that matches
wins. A marker can be ambiguous (`i.` is the letter i or the roman numeral one): the recogniser
then offers every reading and the parser picks the one that continues an open sequence.
Every pattern is compiled on first use, so importing the parser costs no regular expressions.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from ..settings import ParseSettings, shipped_settings

ORDINAL_WORDS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth"]


@lru_cache(maxsize=1)
def _roman_pattern() -> re.Pattern[str]:
    return re.compile(r"^(?=[ivxlc]+$)(c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")


@dataclass(frozen=True)
class Reading:
    """One way to read a marker: its kind of sequence and its position in it."""

    kind: str
    """arabic, letter, roman, bullet or option."""
    value: int
    """Position in the sequence (1 for `1.`, `a.`, `i.`); 0 for bullets."""
    key: str
    """What the label is made of: `3`, `c`, `iv`, `a` (option key); empty for bullets."""


@dataclass(frozen=True)
class Marker:
    """A recognised marker at the start of a line."""

    printed: str
    """The marker exactly as printed, without surrounding spaces (`10.`, `(c)`, `Point 3:`)."""
    readings: tuple[Reading, ...]
    rest: str
    """The text after the marker."""
    style: str
    """The recogniser that matched; a punctuation-insensitive family name."""


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


def _letter_value(ch: str) -> int:
    return ord(ch.lower()) - ord("a") + 1


def _alpha_readings(token: str) -> tuple[Reading, ...]:
    """Readings of a one- or more-letter marker: a letter, a roman numeral, or both."""
    readings: list[Reading] = []
    if len(token) == 1:
        readings.append(Reading("letter", _letter_value(token), token.lower()))
    roman = roman_value(token)
    if roman is not None and roman <= 39:
        readings.append(Reading("roman", roman, token.lower()))
    return tuple(readings)


Recogniser = Callable[[str, ParseSettings], Marker | None]
"""Every recogniser sees the line and the parse settings (the struck-out words, for one)."""

_SEP = r"[.:)\u2013\u2014-]"



@lru_cache(maxsize=1)
def _option_pattern() -> re.Pattern[str]:
    return re.compile(
        r"^(?:[-*\u2022\u2192]\s+)?\**(?:option|variant|alternative)\s+([A-Za-z0-9]{1,3})\**"
        r"(?:\s*\(([^()]{1,80})\))?\s*[:.\u2013\u2014-]\s*(.*)$",
        re.IGNORECASE,
    )


def struck_alternation(words: tuple[str, ...]) -> str:
    """A regular-expression alternation of the struck-out words, longest first ("struck out" before "struck")."""
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)) + ")"


@lru_cache(maxsize=8)
def _deleted_mention_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(
        r"^(?:[-*\u2022\u2192]\s+)?\(?\s*(?:point|paragraph|item|clause|article)\s+(\d+)[.:]?\s*"
        r"(?:was |has been |is |has |had been )?" + struck_alternation(words) + r"\b[^)]*\)?\s*$",
        re.IGNORECASE,
    )


@lru_cache(maxsize=1)
def _word_number_pattern() -> re.Pattern[str]:
    return re.compile(
        r"^((?:point|paragraph|item|clause|article)\s+(\d+))\s*" + _SEP + r"\s*(.*)$", re.IGNORECASE
    )


@lru_cache(maxsize=1)
def _numeric_ordinal_pattern() -> re.Pattern[str]:
    return re.compile(r"^((\d+)(?:st|nd|rd|th)(?:\s+point)?)\s*" + _SEP + r"\s*(.*)$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _word_ordinal_pattern() -> re.Pattern[str]:
    return re.compile(
        r"^((" + "|".join(ORDINAL_WORDS) + r")(?:\s+point)?)\s*[.:)\u2013\u2014-]\s*(.*)$", re.IGNORECASE
    )


@lru_cache(maxsize=1)
def _paren_number_pattern() -> re.Pattern[str]:
    return re.compile(r"^(\((\d+)\))\s+(.*)$")


@lru_cache(maxsize=1)
def _number_pattern() -> re.Pattern[str]:
    return re.compile(r"^((\d+)[.)])\s+(.*)$")


@lru_cache(maxsize=1)
def _bare_number_pattern() -> re.Pattern[str]:
    return re.compile(r"^((\d+)[.)])\s*$")


@lru_cache(maxsize=1)
def _paren_alpha_pattern() -> re.Pattern[str]:
    return re.compile(r"^(\(([a-zA-Z]{1,6})\))\s+(.*)$")


@lru_cache(maxsize=1)
def _alpha_pattern() -> re.Pattern[str]:
    return re.compile(r"^(([a-zA-Z]{1,6})[.)])\s+(.*)$")


@lru_cache(maxsize=1)
def _bullet_pattern() -> re.Pattern[str]:
    return re.compile(r"^([-*\u2022\u2192\u25aa\u25e6\u2023\u2013\u2014])\s+(.*)$")


def option(line: str, settings: ParseSettings) -> Marker | None:
    """`Option A (United States): text`, also behind a bullet: an alternative held open."""
    m = _option_pattern().match(line)
    if not m:
        return None
    who, rest = m.group(2), m.group(3)
    text = f"{who}: {rest}" if who else rest
    printed = line[: m.start(3)].strip()
    return Marker(printed, (Reading("option", 0, m.group(1).lower()),), text, "option")


def deleted_mention(line: str, settings: ParseSettings) -> Marker | None:
    """`(Point 3 removed)` or `- Point 26 deleted`: a struck point named in a note, not numbered."""
    m = _deleted_mention_pattern(settings.struck_words).match(line)
    if not m:
        return None
    return Marker(line.strip(), (Reading("arabic", int(m.group(1)), m.group(1)),), "[deleted]", "deleted-mention")


def word_number(line: str, settings: ParseSettings) -> Marker | None:
    """`Point 3.`, `Paragraph 3:`, `Item 3 -`: a number behind a word."""
    m = _word_number_pattern().match(line)
    if not m:
        return None
    return Marker(m.group(1), (Reading("arabic", int(m.group(2)), m.group(2)),), m.group(3), "word-number")


def numeric_ordinal(line: str, settings: ParseSettings) -> Marker | None:
    """`1st`, `2nd point:`: an ordinal written in digits."""
    m = _numeric_ordinal_pattern().match(line)
    if not m:
        return None
    return Marker(m.group(1), (Reading("arabic", int(m.group(2)), m.group(2)),), m.group(3), "ordinal")


def word_ordinal(line: str, settings: ParseSettings) -> Marker | None:
    """`First:`, `Second point -`: an ordinal written as a word, followed by punctuation."""
    m = _word_ordinal_pattern().match(line)
    if not m:
        return None
    value = ORDINAL_WORDS.index(m.group(2).lower()) + 1
    return Marker(m.group(1), (Reading("arabic", value, str(value)),), m.group(3), "word-ordinal")


def paren_number(line: str, settings: ParseSettings) -> Marker | None:
    """`(3) text`."""
    m = _paren_number_pattern().match(line)
    if not m:
        return None
    return Marker(m.group(1), (Reading("arabic", int(m.group(2)), m.group(2)),), m.group(3), "arabic")


def number(line: str, settings: ParseSettings) -> Marker | None:
    """`3. text` or `3) text`, and a bare `3.` whose text follows on the next lines."""
    m = _number_pattern().match(line) or _bare_number_pattern().match(line)
    if not m:
        return None
    rest = m.group(3) if m.re is _number_pattern() else ""
    return Marker(m.group(1), (Reading("arabic", int(m.group(2)), m.group(2)),), rest, "arabic")


def paren_alpha(line: str, settings: ParseSettings) -> Marker | None:
    """`(c) text` or `(iv) text`."""
    m = _paren_alpha_pattern().match(line)
    if not m:
        return None
    readings = _alpha_readings(m.group(2))
    return Marker(m.group(1), readings, m.group(3), "alpha") if readings else None


def alpha(line: str, settings: ParseSettings) -> Marker | None:
    """`c. text`, `c) text`, `iv. text`, `IV. Title`."""
    m = _alpha_pattern().match(line)
    if not m:
        return None
    readings = _alpha_readings(m.group(2))
    return Marker(m.group(1), readings, m.group(3), "alpha") if readings else None


def bullet(line: str, settings: ParseSettings) -> Marker | None:
    """`- text`, `* text`, `• text`, `→ text`: an unnumbered item."""
    m = _bullet_pattern().match(line)
    if not m:
        return None
    return Marker(m.group(1), (Reading("bullet", 0, ""),), m.group(2), "bullet")


RECOGNISERS: list[tuple[str, Recogniser]] = [
    ("option", option),
    ("deleted-mention", deleted_mention),  # reads the struck-out words of the settings
    ("word-number", word_number),
    ("numeric-ordinal", numeric_ordinal),
    ("word-ordinal", word_ordinal),
    ("paren-number", paren_number),
    ("number", number),
    ("paren-alpha", paren_alpha),
    ("alpha", alpha),
    ("bullet", bullet),
]


@lru_cache(maxsize=1)
def _bold_marker_pattern() -> re.Pattern[str]:
    return re.compile(r"^(\*\*|__)([^*_]{1,40}?)\1\s*")


def recognise(line: str, settings: ParseSettings | None = None) -> Marker | None:
    """Return the marker that opens this (left-stripped) line, or None for running text."""
    settings = settings if settings is not None else shipped_settings().parse
    line = _bold_marker_pattern().sub(lambda m: m.group(2) + " ", line, count=1)
    for _name, recogniser in RECOGNISERS:
        found = recogniser(line, settings)
        if found is not None:
            return found
    return None


def next_key(reading: Reading) -> str:
    """Return how the next item of the same sequence is printed (`4` after `3`, `d` after `c`)."""
    if reading.kind == "letter":
        return chr(ord("a") + reading.value) if reading.value < 26 else ""
    if reading.kind == "arabic":
        return str(reading.value + 1)
    return ""
