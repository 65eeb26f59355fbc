"""Recognises the marker that opens a provision line: `1.`, `(a)`, `Point 3`, `iv)`, `-`, `Option A`.

Each recogniser is a named function tried in the order of RECOGNISERS; the first that matches
wins. A marker can be ambiguous (`i.` is the letter i or the roman numeral one): the recogniser
then offers every reading and the parser picks the one that continues an open sequence.

Some markers are only likely ones: a number glued to its text (`9.NATO`), a number before a dash
(`8 - text`) or a number with no punctuation at all (`10 [There will be]`). They carry a
`strength` that the outline checks against the open sequences before it takes them (a year or an
amount at the start of a wrapped line continues no sequence, so it stays text).

Every pattern is compiled on first use, so importing the parser costs no regular expressions.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Literal

from ..settings import ParseSettings, shipped_settings
from .numerals import CYRILLIC_LETTERS, FULL_WIDTH, kanji_value, letter_value, number_value, roman_value
from .removals import number_words, removed_slot

Strength = Literal["strong", "start", "continue", "adjacent"]


@dataclass(frozen=True)
class Reading:
    """One way to read a marker: its kind of sequence and its position in it."""

    kind: str
    """arabic, letter, roman, bullet, option, article or chapter."""
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
    strength: Strength = "strong"
    """strong: always a marker; start: only if it continues an open sequence or starts one at 1;
    continue: only if it continues an open sequence after a sentence end; adjacent: likewise, and
    only right after the marked line it continues (`12 robust packages ...` after `11. ...`)."""
    through: int = 0
    """For a range (`2.-3. (omitted)`): the last number it stands for; 0 otherwise."""
    path: tuple[str, ...] = ()
    """For a decimal marker (`5.2`): the printed numbers above its own (`("5",)`)."""
    struck: bool = False
    """The line names a point only to say it was removed (`(Point 3 removed)`)."""


def _alpha_readings(token: str) -> tuple[Reading, ...]:
    """Readings of a one- or more-letter marker: a letter, a roman numeral, or both."""
    readings: list[Reading] = []
    if len(token) == 1:
        readings.append(Reading("letter", letter_value(token), token.lower()))
    roman = roman_value(token)
    if roman is not None and roman <= 39:
        readings.append(Reading("roman", roman, token.lower()))
    return tuple(readings)


def _arabic(value: int) -> tuple[Reading, ...]:
    return (Reading("arabic", value, str(value)),)


Recogniser = Callable[[str, ParseSettings], Marker | None]
"""Every recogniser sees the line and the parse settings (the struck-out words, for one)."""

_SEP = r"[.:)\u2013\u2014-]"
_BULLETS = "-*\u2022\u2192\u25aa\u25e6\u2023\u2013\u2014\u25cf\u25a0\u25c6\u25ba\u25b6\u25fe\u25fc\u2043\u00b7\u25cb" \
           "\u25a1\u27a4\u27a2\u2713\u2714\u2705\u2611\u2756\U0001f539\U0001f538\U0001f536\U0001f537\U0001f4cc" \
           "\U0001f449"
"""Characters that open an unnumbered item; an emoji variation selector may follow any of them."""
_QUOTES = "\"'\u201c\u201d\u201e\u00ab\u00bb\u2018\u2019\u201a"



def struck_alternation(words: tuple[str, ...]) -> str:
    """A regular-expression alternation of the struck-out words, longest first ("struck out" before "struck")."""
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)) + ")"


def _alternation(words: tuple[str, ...] | list[str]) -> str:
    return "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"


@lru_cache(maxsize=1)
def _option_pattern() -> re.Pattern[str]:
    return re.compile(
        r"^(?:[-*\u2022\u2192]\s+)?\**(?:option|variant|alternative)\s+([A-Za-z0-9]{1,3})\**"
        r"(?:\s*\(([^()]{1,80})\))?\s*[:.\u2013\u2014-]\s*(.*)$",
        re.IGNORECASE,
    )


@lru_cache(maxsize=1)
def _leading_bullet_pattern() -> re.Pattern[str]:
    return re.compile(r"^[-*\u2022\u2192]\s+")


@lru_cache(maxsize=8)
def _struck_text_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"^[(\[]?\s*" + struck_alternation(words) + r"\s*[)\]]?\.?$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _range_pattern() -> re.Pattern[str]:
    return re.compile(r"^((\d{1,3})[.)]?\s*[\u301c~\uff5e\u2013\u2014-]\s*(\d{1,3})[.)])\s*(.*)$")


@lru_cache(maxsize=8)
def _article_pattern(article_words: tuple[str, ...], chapter_words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(
        r"^((?:(?P<article>" + _alternation(article_words) + r")|(?P<chapter>" + _alternation(chapter_words)
        + r"))\s*(?P<num>\d{1,3}|[ivxlc]{1,7})\b\s*(?:" + _SEP + r"|$))\s*(?P<rest>.*)$",
        re.IGNORECASE,
    )


@lru_cache(maxsize=1)
def _cjk_article_pattern() -> re.Pattern[str]:
    return re.compile(r"^((?:\u7b2c|\uc81c)\s*(?P<num>\d{1,3}|[\u4e00-\u4e5d\u5341\u767e]{1,4})\s*"
                      r"(?P<unit>\u6761|\u689d|\u7ae0|\uc870|\uc7a5))\s*(?P<rest>.*)$")


@lru_cache(maxsize=8)
def _word_number_pattern(point_words: tuple[str, ...],
                         cardinal_words: tuple[tuple[str, tuple[str, ...]], ...]) -> re.Pattern[str]:
    cardinals = tuple(number_words(cardinal_words))
    words = _alternation(cardinals) if cardinals else "(?!)"
    return re.compile(
        r"^((?:" + _alternation(point_words) + r")\s*(?P<num>\d{1,3}|" + words + r"))(?![\w-])\s*(?:"
        + _SEP + r"\s*(?P<rest>.*)|$)",
        re.IGNORECASE,
    )


@lru_cache(maxsize=8)
def _ordinal_point_pattern(ordinal_words: tuple[tuple[str, tuple[str, ...]], ...],
                           point_words: tuple[str, ...]) -> re.Pattern[str]:
    # "troisième point:" (the point word may be left out only when punctuation follows: "First:").
    ordinals = tuple(number_words(ordinal_words))
    return re.compile(
        r"^((?P<ord>" + _alternation(ordinals) + r")(?:\s+(?P<point>" + _alternation(point_words) + r"))?)"
        r"(?![\w-])\s*(?:" + _SEP + r"\s*(?P<rest>.*)|$)",
        re.IGNORECASE,
    )


@lru_cache(maxsize=1)
def _section_sign_pattern() -> re.Pattern[str]:
    return re.compile(r"^(\u00a7\s*(\d{1,3})\.?)(?:\s+(.*)|$)")


@lru_cache(maxsize=1)
def _numeric_ordinal_pattern() -> re.Pattern[str]:
    return re.compile(r"^((\d+)(?:st|nd|rd|th)(?:\s+point)?)\s*" + _SEP + r"\s*(.*)$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _paren_number_pattern() -> re.Pattern[str]:
    return re.compile(r"^(\((\d+)\))\s+(.*)$")


@lru_cache(maxsize=1)
def _decimal_pattern() -> re.Pattern[str]:
    return re.compile(r"^((\d{1,3})\.(\d{1,3})(?:\.(\d{1,3}))?\.?)\s+(.*)$")


@lru_cache(maxsize=1)
def _number_pattern() -> re.Pattern[str]:
    return re.compile(r"^((\d+)[.)])\s+(.*)$")


@lru_cache(maxsize=1)
def _bare_number_pattern() -> re.Pattern[str]:
    return re.compile(r"^((\d+)[.):])\s*$")


@lru_cache(maxsize=1)
def _colon_number_pattern() -> re.Pattern[str]:
    return re.compile(r"^((\d{1,3}):)\s*([^\d\s].*)$")


@lru_cache(maxsize=1)
def _ordinal_indicator_pattern() -> re.Pattern[str]:
    return re.compile(r"^((\d{1,3})\.?\s?[\u00ba\u00b0\u00aa]\.?)(?:\s*[.:)\u2013\u2014-])?\s*(.*)$")


@lru_cache(maxsize=1)
def _glued_number_pattern() -> re.Pattern[str]:
    return re.compile(r"^((\d{1,3})\.)([^\W\d_].*)$")


@lru_cache(maxsize=1)
def _dash_number_pattern() -> re.Pattern[str]:
    return re.compile(r"^((\d{1,3})(?:\s*[\u2013\u2014]|\s+-|-(?=\s|[^\W\d_]*[A-Z\u0400-\u042f])))\s*"
                      r"([^\W\d_(\[\"\u201c\u201e\u00ab].*|[(\[\"\u201c\u201e\u00ab].*)$")


@lru_cache(maxsize=1)
def _plain_number_pattern() -> re.Pattern[str]:
    # "10 [There will be] ...", "10 Text", and "10Text" with the number run into its first word.
    return re.compile(r"^((\d{1,3}))(?:\s+|(?=[A-Z\u0400-\u042f]))([(\[\"\u201c\u201e\u00ab]?[^\W\d_].*)$")


@lru_cache(maxsize=1)
def _paren_alpha_pattern() -> re.Pattern[str]:
    return re.compile(r"^(\(([a-zA-Z]{1,6})\))\s+(.*)$")


@lru_cache(maxsize=1)
def _alpha_pattern() -> re.Pattern[str]:
    return re.compile(r"^(([a-zA-Z]{1,6})[.)])\s+(.*)$")


@lru_cache(maxsize=1)
def _cyrillic_letter_pattern() -> re.Pattern[str]:
    return re.compile("^(([" + CYRILLIC_LETTERS + "])\\))\\s+(.*)$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _slash_letter_pattern() -> re.Pattern[str]:
    return re.compile(r"^(([a-z])/)\s+(.*)$")


@lru_cache(maxsize=1)
def _bullet_pattern() -> re.Pattern[str]:
    return re.compile("^([" + re.escape(_BULLETS) + r"])[\ufe0e\ufe0f]?(?:\s+(.*)|$)")


@lru_cache(maxsize=1)
def _glued_bullet_pattern() -> re.Pattern[str]:
    # "-Durant la première phase": a hyphen glued to a capitalised word; "•Text" for a real bullet.
    return re.compile(r"^(?:(-)(?=[A-Z\u00c0-\u00de\u0400-\u042f])|([" + re.escape(_BULLETS[2:]) + r"])[\ufe0e\ufe0f]?)"
                      r"(\S.*)$")


def _starts_like_a_sentence(text: str) -> bool:
    """The text's first letter is a capital or has no case (a script such as Japanese): not a wrapped word."""
    for ch in text:
        if ch.isalpha():
            return not ch.islower()
        if ch.isdigit():
            return False
    return False


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
    """`(Point 3 removed)`, `- Point 26 deleted`, `Point 3, which said ..., is missing from the document`:
    a struck point named in a sentence rather than numbered."""
    text = _leading_bullet_pattern().sub("", line)
    if not text[:1].isalpha() and text[:1] not in "([":
        return None
    found = removed_slot(text, settings)
    if found is None or found.number is None:
        return None
    if text.strip()[found.opening_end:].lstrip()[:1] in (".", ":", "\u2013", "\u2014", "-"):
        return None  # `Point 3: text`: a numbered point whose own text says what happened to it
    rest = "" if len(text.split()) <= 6 else text.strip().strip("()").strip()
    return Marker(line.strip(), _arabic(found.number), rest, "deleted-mention", struck=True)


def omitted_range(line: str, settings: ParseSettings) -> Marker | None:
    """`2.~3. (omitted)`: several points struck at once, each keeping its number."""
    m = _range_pattern().match(line)
    if not m or not _struck_text_pattern(settings.struck_words).match(m.group(4)):
        return None
    first, last = int(m.group(2)), int(m.group(3))
    if not first < last <= first + 50:
        return None
    return Marker(m.group(1), _arabic(first), m.group(4), "range", through=last)


def article(line: str, settings: ParseSettings) -> Marker | None:
    """`ARTICLE I: Title`, `Artikel VII`, `第1条`, `제1조`, `CAPITULO VI`: a heading that holds numbered paragraphs."""
    m = _article_pattern(settings.article_words, settings.chapter_words).match(line)
    if m:
        number, kind = m.group("num"), "chapter" if m.group("chapter") else "article"
        value = int(number) if number.isdigit() else roman_value(number)
        if value is None:
            return None
        return Marker(m.group(1).rstrip(), (Reading(kind, value, number.lower()),), m.group("rest"), kind)
    m = _cjk_article_pattern().match(line)
    if not m:
        return None
    number = m.group("num")
    cjk_value = int(number) if number.isdigit() else kanji_value(number)
    if cjk_value is None:
        return None
    kind = "chapter" if m.group("unit") in ("\u7ae0", "\uc7a5") else "article"
    return Marker(m.group(1), (Reading(kind, cjk_value, str(cjk_value)),), m.group("rest"), kind)


def word_number(line: str, settings: ParseSettings) -> Marker | None:
    """`Point 3.`, `Paragraph 3:`, `Point 1` alone on its line, `point un:`, `troisième point:`, `First:`, `§ 2`."""
    cardinals = number_words(settings.cardinal_words)
    m = _word_number_pattern(settings.point_words, settings.cardinal_words).match(line)
    if m:
        number = m.group("num")
        value = int(number) if number.isdigit() else cardinals[number.lower()]
        return Marker(m.group(1), _arabic(value), m.group("rest") or "", "word-number")
    ordinals = number_words(settings.ordinal_words)
    m = _ordinal_point_pattern(settings.ordinal_words, settings.point_words).match(line)
    if m and (m.group("point") or m.group("rest") is not None):
        return Marker(m.group(1), _arabic(ordinals[m.group("ord").lower()]), m.group("rest") or "", "word-ordinal")
    m = _section_sign_pattern().match(line)
    if m:
        return Marker(m.group(1), _arabic(number_value(m.group(2))), m.group(3) or "", "word-number")
    return None


def numeric_ordinal(line: str, settings: ParseSettings) -> Marker | None:
    """`1st`, `2nd point:`: an ordinal written in digits."""
    m = _numeric_ordinal_pattern().match(line)
    if not m:
        return None
    return Marker(m.group(1), _arabic(number_value(m.group(2))), m.group(3), "ordinal")


def paren_number(line: str, settings: ParseSettings) -> Marker | None:
    """`(3) text`."""
    m = _paren_number_pattern().match(line)
    if not m:
        return None
    return Marker(m.group(1), _arabic(number_value(m.group(2))), m.group(3), "arabic")


def decimal(line: str, settings: ParseSettings) -> Marker | None:
    """`5.2 Text` or `5.2. Text`: paragraph 2 of point 5 (a capital must follow: `1.5 million` is text)."""
    m = _decimal_pattern().match(line)
    if not m or not _starts_like_a_sentence(m.group(5)):
        return None
    parts = [p for p in m.group(2, 3, 4) if p is not None]
    return Marker(m.group(1), _arabic(int(parts[-1])), m.group(5), "decimal", path=tuple(str(int(p)) for p in parts[:-1]))


def number(line: str, settings: ParseSettings) -> Marker | None:
    """`3. text`, `3) text`, `3: text`, `3.º text`, and a bare `3.` whose text follows on the next lines;
    likely ones too: `3.Text` and `3 - text` (kept if they continue or start a sequence) and `3 Text`
    or `3Text` (kept only if it continues one, or starts a run of them)."""
    m = _number_pattern().match(line)
    if m:
        return Marker(m.group(1), _arabic(number_value(m.group(2))), m.group(3), "arabic")
    m = _bare_number_pattern().match(line)
    if m:
        return Marker(m.group(1), _arabic(number_value(m.group(2))), "", "arabic")
    m = _colon_number_pattern().match(line)
    if m:
        return Marker(m.group(1), _arabic(number_value(m.group(2))), m.group(3), "arabic")
    m = _ordinal_indicator_pattern().match(line)
    if m:
        return Marker(m.group(1), _arabic(number_value(m.group(2))), m.group(3), "arabic")
    m = _glued_number_pattern().match(line)
    if m and _starts_like_a_sentence(m.group(3)):
        return Marker(m.group(1), _arabic(number_value(m.group(2))), m.group(3), "arabic", strength="start")
    m = _dash_number_pattern().match(line)
    if m:
        return Marker(m.group(1).rstrip(), _arabic(number_value(m.group(2))), m.group(3), "dash-number", strength="start")
    m = _plain_number_pattern().match(line)
    if m:
        strength: Strength = "continue" if _starts_like_a_sentence(m.group(3)) else "adjacent"
        return Marker(m.group(1), _arabic(number_value(m.group(2))), m.group(3), "plain-number", strength=strength)
    return None


def paren_alpha(line: str, settings: ParseSettings) -> Marker | None:
    """`(c) text` or `(iv) text`."""
    m = _paren_alpha_pattern().match(line)
    if not m:
        return None
    readings = _alpha_readings(m.group(2))
    return Marker(m.group(1), readings, m.group(3), "alpha") if readings else None


def alpha(line: str, settings: ParseSettings) -> Marker | None:
    """`c. text`, `c) text`, `iv. text`, `IV. Title`, `c/ text`, and the Cyrillic `в) text`."""
    m = _alpha_pattern().match(line) or _slash_letter_pattern().match(line)
    if not m:
        m = _cyrillic_letter_pattern().match(line)
        if not m:
            return None
        letter = m.group(2).lower()
        return Marker(m.group(1), (Reading("letter", CYRILLIC_LETTERS.index(letter) + 1, letter),), m.group(3), "alpha")
    readings = _alpha_readings(m.group(2))
    return Marker(m.group(1), readings, m.group(3), "alpha") if readings else None


def quoted(line: str, settings: ParseSettings) -> Marker | None:
    """`"1. text`: a numbered point whose quotation mark opens the quoted document."""
    if line[:1] not in _QUOTES:
        return None
    inner = _numbered(line[1:].lstrip(), settings, (word_number, paren_number, number))
    if inner is None or inner.strength == "continue":
        return None
    return inner


def bulleted(line: str, settings: ParseSettings) -> Marker | None:
    """`• a) text`, `- 1. text`: a number or a letter behind a bullet is the number or letter."""
    m = _bullet_pattern().match(line)
    if not m or not m.group(2):
        return None
    inner = _numbered(m.group(2), settings, (paren_number, number, paren_alpha, alpha, quoted))
    if inner is None or inner.strength == "continue" or (inner.style == "alpha" and inner.printed[-1] == "."):
        return None
    return replace(inner, printed=f"{m.group(1)} {inner.printed}")


def bullet(line: str, settings: ParseSettings) -> Marker | None:
    """`- text`, `* text`, `• text`, `▪️ text`, `→ text`, a lone `-` before its text, `-Text`: an unnumbered item."""
    m = _bullet_pattern().match(line)
    if m:
        return Marker(m.group(1), (Reading("bullet", 0, ""),), m.group(2) or "", "bullet")
    m = _glued_bullet_pattern().match(line)
    if m:
        return Marker(m.group(1) or m.group(2), (Reading("bullet", 0, ""),), m.group(3), "bullet")
    return None


def _numbered(line: str, settings: ParseSettings, recognisers: tuple[Recogniser, ...]) -> Marker | None:
    for recogniser in recognisers:
        found = recogniser(line, settings)
        if found is not None:
            return found
    return None


RECOGNISERS: list[tuple[str, Recogniser]] = [
    ("option", option),
    ("deleted-mention", deleted_mention),  # reads the struck-out and point words of the settings
    ("omitted-range", omitted_range),
    ("article", article),  # reads the article and chapter words of the settings
    ("word-number", word_number),  # reads the point words and the number words of the settings
    ("numeric-ordinal", numeric_ordinal),
    ("paren-number", paren_number),
    ("decimal", decimal),
    ("number", number),
    ("paren-alpha", paren_alpha),
    ("alpha", alpha),
    ("quoted", quoted),
    ("bulleted", bulleted),
    ("bullet", bullet),
]


@lru_cache(maxsize=1)
def _bold_marker_pattern() -> re.Pattern[str]:
    return re.compile(r"^(\*\*|__)([^*_]{1,40}?)\1\s*")


def _opening_kind(ch: str) -> str:
    """What a line's first character allows it to open with: a digit, a word, a bracket or a sign."""
    if ch.isdigit():
        return "digit"
    if ch.isalpha():
        return "word"
    return "sign"


_TRIED: dict[str, frozenset[str]] = {
    # The recognisers that can match a line opening with a digit or a word; a sign tries them all.
    "digit": frozenset({"omitted-range", "numeric-ordinal", "decimal", "number"}),
    "word": frozenset({"option", "deleted-mention", "article", "word-number", "alpha"}),
}


def recognise(line: str, settings: ParseSettings | None = None) -> Marker | None:
    """Return the marker that opens this (left-stripped) line, or None for running text."""
    settings = settings if settings is not None else shipped_settings().parse
    if line[:2] in ("**", "__"):
        line = _bold_marker_pattern().sub(lambda m: m.group(2) + " ", line, count=1)
    if line[:1] >= "\u3000":  # full-width digits and stops, as Japanese pages print them
        line = line[:8].translate(FULL_WIDTH) + line[8:]
    tried = _TRIED.get(_opening_kind(line[:1]))
    for name, recogniser in RECOGNISERS:
        if tried is not None and name not in tried:
            continue
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
