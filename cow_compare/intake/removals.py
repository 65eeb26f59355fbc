"""Recognises a sentence saying that a point was removed or is missing: `This point has been removed`.

Outlets mark a struck slot in words more often than with `[deleted]`: "This point of the American
plan has been removed", "The clause about compensation has been taken out", "Point 3, which said
..., is missing from the document", "(Третий пункт ... удален.)". Such a sentence names a slot at
its start (a point word, perhaps behind one short word such as "this" or an ordinal, perhaps with
its number) and ends, within a few words, on one of the settings' struck-out words. A modal before
that word ("will be removed") makes it a provision about removing something, not a removal. A
removal said as a noun before a point word ("Removal of the clause on ...") counts too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..settings import ParseSettings


def _alternation(words: tuple[str, ...]) -> str:
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)) + ")"


@lru_cache(maxsize=8)
def number_words(table: tuple[tuple[str, tuple[str, ...]], ...]) -> dict[str, int]:
    """Each word of a settings number table (ordinals or cardinals), lower-cased, with its number."""
    return {word.lower(): int(number) for number, words in table if number.isdigit() for word in words}


@lru_cache(maxsize=8)
def _opening_pattern(point_words: tuple[str, ...],
                     ordinal_words: tuple[tuple[str, tuple[str, ...]], ...]) -> re.Pattern[str]:
    # A slot named at the start: "Point 3", "This point", "The clause", "Третий пункт", "Point 3,".
    point = _alternation(point_words)
    ordinals = tuple(number_words(ordinal_words))
    ordinal = _alternation(ordinals) if ordinals else "(?!)"
    return re.compile(
        r"^[\s(\[«\"“„']*(?:(?P<ord>" + ordinal + r")\s+" + point + r"|(?:[^\W\d_]{1,6}\s+)?" + point
        + r"(?:\s+(?P<num>\d{1,3}))?)\b", re.IGNORECASE,
    )


@lru_cache(maxsize=8)
def _ending_pattern(struck: tuple[str, ...]) -> re.Pattern[str]:
    # The struck-out word, then at most four words ("from the document") before the sentence ends.
    return re.compile(
        r"(?<![\w-])(?P<modal>(?:will|shall|would|should|must|may|can|could|to)\s+(?:be\s+|have\s+been\s+)?)?"
        + _alternation(struck) + r"(?![\w-])(?:[\s,]+[^\W\d_][\w'-]*){0,4}[\s.!?。)\]»\"”]*$",
        re.IGNORECASE,
    )


@lru_cache(maxsize=1)
def _sentence_end_pattern() -> re.Pattern[str]:
    return re.compile(r"(?<=[.!?。])[)\]»\"”]*\s+(?=[(\[«\"“„']*[^\W\d_])")


def last_sentence_start(text: str) -> int:
    """Where the text's last sentence starts (0 for a single sentence)."""
    starts = [m.end() for m in _sentence_end_pattern().finditer(text)]
    return starts[-1] if starts else 0


def first_sentence(text: str) -> str:
    """The text up to its first sentence end (a full stop followed by a new sentence)."""
    found = _sentence_end_pattern().search(text)
    return text[: found.start()] if found else text


@dataclass(frozen=True)
class Removal:
    """A sentence saying a slot was removed: the slot's number if the sentence gives it."""

    number: int | None
    opening_end: int
    """Where the naming of the slot ends in the stripped text (after `Point 3`, `This point`)."""


@lru_cache(maxsize=8)
def _removal_noun_pattern(removal_words: tuple[str, ...], point_words: tuple[str, ...]) -> re.Pattern[str]:
    # "Removal of the clause ...", "Удаление пункта ...", "Suppression du point 3".
    return re.compile(r"^[\s(\[«\"“„']*" + _alternation(removal_words) + r"(?:\s+[^\W\d_]{1,5}){0,2}\s+"
                      + _alternation(point_words) + r"(?:\s+(?P<num>\d{1,3}))?(?![\w-])", re.IGNORECASE)


def removed_slot(text: str, settings: ParseSettings) -> Removal | None:
    """If the text's first sentence says a slot was removed, return the removal; else None."""
    text = text.strip()
    noun = _removal_noun_pattern(settings.removal_words, settings.point_words).match(text)
    if noun:
        return Removal(int(noun.group("num")) if noun.group("num") else None, noun.end())
    ordinals = number_words(settings.ordinal_words)
    opening = _opening_pattern(settings.point_words, settings.ordinal_words).match(text)
    if not opening:
        return None
    sentence = first_sentence(text)
    if len(sentence) > 600 or len(sentence) < opening.end():
        return None
    ending = _ending_pattern(settings.struck_words).search(sentence, opening.end())
    if not ending or ending.group("modal"):
        return None
    if opening.group("num"):
        return Removal(int(opening.group("num")), opening.end())
    if opening.group("ord"):
        return Removal(ordinals[opening.group("ord").lower()], opening.end())
    return Removal(None, opening.end())


_MODALS = frozenset({"will", "shall", "would", "should", "must", "may", "can", "could", "to"})


@lru_cache(maxsize=1)
def _number_pattern() -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])(\d{1,3})(?![\w-])")


@lru_cache(maxsize=1)
def _word_pattern() -> re.Pattern[str]:
    return re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=8)
def _lowered(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(w.lower() for w in words)


@lru_cache(maxsize=8)
def _phrases(words: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(w.lower().split()) for w in words)


def names_own_removal(text: str, number: int, settings: ParseSettings) -> bool:
    """Whether the text's first sentence says that point `number` itself was removed ("In the
    counter-proposal point 3 has been deleted, Reuters reports"): the point word and the number, then
    within three words (no modal among them) a struck-out word."""
    key = str(number)
    head = text[:600]
    if key not in head:
        return False
    points, struck = _lowered(settings.point_words), _phrases(settings.struck_words)
    sentence = first_sentence(head)
    for m in _number_pattern().finditer(sentence):
        if m.group(1) != key:
            continue
        before = sentence[max(0, m.start() - 40): m.start()].split()
        if not before or before[-1].lower() not in points:
            continue
        words = [w.lower() for w in _word_pattern().findall(sentence, m.end())[:7]]
        for at in range(4):
            if _MODALS & set(words[:at]):
                break
            if any(tuple(words[at: at + len(phrase)]) == phrase for phrase in struck):
                return True
    return False
