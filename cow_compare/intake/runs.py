"""Splits a line that carries several provisions: glued points, inline lists and inline sub-items.

Pages run points together: `1. Text. 2. Text.` on one line, a whole list in one paragraph after a
lead (`... (summary) 1.ガザを… 2.住民…`), the next point glued onto the end of a sub-item, letter
sub-items running inline after a colon (`guarantees: a) ...; b) ...`), an article heading with its
first paragraph on the same line (`第1条(…) 1. …`). A candidate is only taken when it is the next
in its sequence and stands where a new sentence starts, so `Article 5. It binds` and `1,700` or
`72時間` inside a point never split it. A sentence between two points that says the point between
them was removed (`(Третий пункт ... удален.)`) becomes that point's struck slot.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from functools import lru_cache

from ..settings import ParseSettings
from .markers import Marker, Reading
from .removals import last_sentence_start, removed_slot

_SENTENCE_END = ".;:!?\u3002)]\u00bb\"\u201d'\u300d\uff09"

MIN_INLINE_LIST = 3
"""Markers in sequence from 1 that make running text an inline list (fewer may be chance)."""


@lru_cache(maxsize=1)
def _number_candidate_pattern() -> re.Pattern[str]:
    return re.compile(r"(?P<open>\(?)(?P<num>\d{1,3})(?P<sep>[.):\u2013-])(?P<gap>\s*)"
                      r"(?=[(\[\"\u201c\u201e\u00ab'\u300c]?[^\W\d_])")


@lru_cache(maxsize=1)
def _glued_letter_pattern() -> re.Pattern[str]:
    return re.compile(r"(?<=[.;:!?])[\"')\]]*(?P<lead>\s+)(?P<open>\(?)(?P<num>[a-z])(?P<sep>[.)])(?P<gap>\s+)"
                      r"(?=[A-Z\"'\[(])")


@lru_cache(maxsize=1)
def _letter_candidate_pattern() -> re.Pattern[str]:
    return re.compile(r"(?P<lead>\s+)(?P<open>\(?)(?P<num>[a-z])(?P<sep>\))\s+(?=\S)")


@lru_cache(maxsize=1)
def _paragraph_one_pattern() -> re.Pattern[str]:
    return re.compile(r"^(1[.)])\s+(\S.*)$")


def _first_letter_is_lower(text: str) -> bool:
    for ch in text:
        if ch.isalpha():
            return ch.islower()
    return False


def _numbers(text: str, start: int = 0) -> Iterator[re.Match[str]]:
    """Numbered candidates where a new sentence starts: after a sentence end, before a capital."""
    for m in _number_candidate_pattern().finditer(text, start):
        if m.start() > 0 and (text[m.start() - 1].isdigit() or text[m.start() - 1].isalpha()):
            continue  # inside a word or a longer number
        before = text[: m.start()].rstrip()
        if not before or before[-1] not in _SENTENCE_END:
            continue
        if len(before) == m.start() and (len(before) < 2 or before[-2].isdigit()):
            continue  # `1.2.` is a decimal, not a point glued to the end of `1.`
        if _first_letter_is_lower(text[m.end():m.end() + 8]):
            continue
        yield m


def _candidate(text: str, start: int, value: int, sep: str, opener: str) -> re.Match[str] | None:
    if str(value) not in text:
        return None
    return next((m for m in _numbers(text, start)
                 if int(m.group("num")) == value and m.group("sep") == sep and m.group("open") == opener), None)


def _printed(m: re.Match[str]) -> str:
    return f"{m.group('open')}{m.group('num')}{m.group('sep')}"


def _removal_before(segment: str, value: int, settings: ParseSettings) -> int | None:
    """Where, in the text between two points, a sentence saying point `value` was removed starts:
    a closing parenthesis, else the last sentence."""
    stripped = segment.rstrip()
    starts = [stripped.rfind("(")] if stripped.endswith(")") and "(" in stripped else []
    starts.append(last_sentence_start(stripped))
    for at in starts:
        found = removed_slot(stripped[at:], settings)
        if at > 0 and found is not None and found.number == value:
            return at
    return None


def _next_of(marker: Marker, rest: str, value: int) -> re.Match[str] | None:
    """Where the point numbered `value` of the marker's sequence, printed in the marker's style, starts."""
    reading = marker.readings[0]
    if marker.style == "word-number":
        word = re.escape(marker.printed.split()[0]) if marker.printed.split() else ""
        pattern = re.compile(r"(?<=[.;!?])(?P<lead>\s+)(?P<open>)(?P<num>" + word + r"\s*" + str(value)
                             + r")(?P<sep>\s*[.:)\u2013\u2014-]|$)(?P<gap>\s*)", re.IGNORECASE)
        return pattern.search(rest)
    if reading.kind == "letter":
        if value > 26:
            return None
        letter = chr(ord("a") + value - 1)
        opener = "(" if marker.printed.startswith("(") else ""
        return next((m for m in _glued_letter_pattern().finditer(rest)
                     if m.group("num") == letter and m.group("sep") == marker.printed[-1]
                     and m.group("open") == opener), None)
    opener = "(" if marker.printed.startswith("(") else ""
    return _candidate(rest, 0, value, marker.printed[-1], opener)


def _key(reading: Reading, value: int) -> Reading:
    key = chr(ord("a") + value - 1) if reading.kind == "letter" else str(value)
    return Reading(reading.kind, value, key)


def _printed_as(marker: Marker, m: re.Match[str]) -> str:
    if marker.style == "word-number":
        return (m.group("num") + m.group("sep")).strip()
    return _printed(m)


def _chain(marker: Marker, settings: ParseSettings) -> list[Marker]:
    """The marked point and the points glued after it in sequence, struck slots named in words included."""
    out = [marker]
    reading = marker.readings[0]
    while True:
        current = out[-1]
        value = current.readings[0].value
        rest = current.rest
        found = _next_of(marker, rest, value + 1)
        if found is not None:
            out[-1] = replace(current, rest=rest[: found.start()].rstrip())
            out.append(Marker(_printed_as(marker, found), (_key(reading, value + 1),), rest[found.end():],
                              marker.style))
            continue
        after = _next_of(marker, rest, value + 2)
        if after is None:
            return out
        at = _removal_before(rest[: after.start()], value + 1, settings)
        if at is None:
            return out
        out[-1] = replace(current, rest=rest[:at].rstrip())
        mention = rest[at: after.start()].strip()
        out.append(Marker(mention, (_key(reading, value + 1),), mention.strip("()").strip(), "deleted-mention",
                          struck=True))
        out.append(Marker(_printed_as(marker, after), (_key(reading, value + 2),), rest[after.end():],
                          marker.style))


def _inline_letters(marker: Marker) -> list[Marker]:
    """`guarantees: a) paid; b) void if ...`: letter sub-items running inline after a colon."""
    rest = marker.rest
    if "a)" not in rest:
        return [marker]
    found: list[re.Match[str]] = []
    for m in _letter_candidate_pattern().finditer(rest):
        want = chr(ord("a") + len(found))
        if m.group("num") != want or (found and m.group("open") != found[0].group("open")):
            continue
        before = rest[: m.start()].rstrip()
        if not before or before[-1] not in (":" if not found else ":;,."):
            continue
        found.append(m)
    if len(found) < 2:
        return [marker]
    out = [replace(marker, rest=rest[: found[0].start()].rstrip())]
    for i, m in enumerate(found):
        end = found[i + 1].start() if i + 1 < len(found) else len(rest)
        value = i + 1
        out.append(Marker(_printed(m), (Reading("letter", value, m.group("num")),), rest[m.end():end].strip(),
                          "alpha"))
    return out


def split_marked(marker: Marker, settings: ParseSettings, last_number: int) -> list[Marker]:
    """The provisions a marked line carries, in order: itself, then any glued after it.

    `last_number` is the latest point number seen above, so that the next point glued onto the
    end of a sub-item (`b) ... text. 11. Next point`) is found.
    """
    reading = marker.readings[0]
    if marker.through or marker.struck:
        return [marker]
    if reading.kind in ("article", "chapter"):
        return _article_and_paragraph(marker, settings)
    if reading.kind in ("arabic", "letter") and marker.style in ("arabic", "alpha", "dash-number", "plain-number",
                                                                  "word-number"):
        chained = _chain(marker, settings)
        out: list[Marker] = []
        for piece in chained:
            out.extend(_inline_letters(piece) if piece.readings[0].kind == "arabic" and not piece.struck else [piece])
        if reading.kind == "letter" and last_number:
            return _glued_point(out, settings, last_number)
        return out
    if reading.kind in ("bullet", "roman") and last_number:
        return _glued_point([marker], settings, last_number)
    return [marker]


def _article_and_paragraph(marker: Marker, settings: ParseSettings) -> list[Marker]:
    """`第1条(title) 1. text`: the article heading, then its first paragraph."""
    rest = marker.rest
    at_start = _paragraph_one_pattern().match(rest)
    if at_start:
        head, printed, tail = "", at_start.group(1), at_start.group(2)
    else:
        first = next((m for m in _numbers(rest) if m.group("num") == "1" and m.group("sep") in ".)"
                      and not m.group("open")), None)
        if first is None:
            return [marker]
        head, printed, tail = rest[: first.start()].rstrip(), _printed(first), rest[first.end():]
    inner = Marker(printed, (Reading("arabic", 1, "1"),), tail, "arabic")
    return [replace(marker, rest=head), *split_marked(inner, settings, 1)]


def _glued_point(pieces: list[Marker], settings: ParseSettings, last_number: int) -> list[Marker]:
    """`b) the sub-item's text. 11. The next point`: split before the next point glued onto a sub-item."""
    tail = pieces[-1]
    found = next((m for m in _numbers(tail.rest) if int(m.group("num")) == last_number + 1
                  and m.group("sep") in ".)" and not m.group("open")), None)
    if found is None:
        return pieces
    point = Marker(_printed(found), (Reading("arabic", last_number + 1, str(last_number + 1)),),
                   tail.rest[found.end():], "arabic")
    return [*pieces[:-1], replace(tail, rest=tail.rest[: found.start()].rstrip()),
            *split_marked(point, settings, last_number + 1)]


def split_text(text: str, settings: ParseSettings) -> tuple[str, list[Marker]] | None:
    """An inline list in running text: the lead before it and its points, or None.

    The list must run in sequence from 1 for at least MIN_INLINE_LIST points, so that a number
    or two in a sentence (`20項目`, `the 28 points`) is never taken for one.
    """
    for start in _numbers(" " + text):
        if int(start.group("num")) != 1 or start.group("open"):
            continue
        at = max(start.start() - 1, 0)
        first = Marker(_printed(start), (Reading("arabic", 1, "1"),), text[start.end() - 1:], "arabic")
        chained = _chain(first, settings)
        if len(chained) < MIN_INLINE_LIST:
            continue
        out: list[Marker] = []
        for piece in chained:
            out.extend(_inline_letters(piece) if not piece.struck else [piece])
        return text[:at].rstrip(), out
    return None
