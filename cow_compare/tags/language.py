"""Tells which language a version is written in, from its letters and its commonest words.

The tagger's rules are written for English; a plan read in Ukrainian, Russian, German or French
would come back with no tags, which reads as "no implications". So the tagger first asks which
language the provisions are in and, where its rule set does not cover it, says so instead.

The guess is cheap and needs no model: Cyrillic against Latin letters first; among Cyrillic texts,
the letters only Ukrainian (і ї є ґ) or only Russian (ы э ъ ё) writes, then function words; among
Latin texts, the function words of English, German and French. A document's file name plays no
part. Text with no letters at all is `und` (undetermined).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from ..model import LANGUAGE_NAMES

UNDETERMINED = "und"
NAMES = LANGUAGE_NAMES

# Short, frequent words that tell the languages apart (shared ones such as "in" are left out).
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset("the and of to will be is are that shall with for by not this which its their would from".split()),
    "de": frozenset("der die das und nicht ist wird werden mit von zu den des dem im auf eine ein einer sich für "
                    "nach wie oder auch aus bei über soll sollen".split()),
    "fr": frozenset("le la les et des du est sont sera seront dans pour avec une pas ne sur qui que au aux "
                    "ou par cette ces leur doit doivent".split()),
    "uk": frozenset("і та що з у буде бути від цього які щодо також або якщо його її їх як це".split()),
    "ru": frozenset("и что с в будет быть от этого которые также по из или если его ее их как это".split()),
}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_UKRAINIAN_ONLY = frozenset("іїєґ")
_RUSSIAN_ONLY = frozenset("ыэъё")


def detect(texts: Iterable[str]) -> str:
    """Return the ISO 639-1 code of the language the texts are written in (en, uk, ru, de, fr) or `und`."""
    words = [w.lower() for text in texts for w in _WORD.findall(text)]
    if not words:
        return UNDETERMINED
    cyrillic = sum(1 for w in words if "\u0400" <= w[0] <= "\u04ff")
    if cyrillic * 2 > len(words):
        letters = Counter(ch for w in words for ch in w)
        uk = sum(letters[ch] for ch in _UKRAINIAN_ONLY)
        ru = sum(letters[ch] for ch in _RUSSIAN_ONLY)
        if uk != ru:
            return "uk" if uk > ru else "ru"
        return _by_function_words(words, ("uk", "ru")) or "ru"
    return _by_function_words(words, ("en", "de", "fr")) or UNDETERMINED


def _by_function_words(words: list[str], languages: tuple[str, ...]) -> str | None:
    counts = Counter(words)
    hits = {lang: sum(counts[w] for w in FUNCTION_WORDS[lang]) for lang in languages}
    best = max(languages, key=lambda lang: hits[lang])
    return best if hits[best] else None


def covered(language: str, languages: Iterable[str]) -> bool:
    """Return whether rules written for `languages` can tag a text in `language`.

    An undetermined language (no letters, or no function word of any language) counts as covered:
    the rules are tried, since nothing says they cannot apply.
    """
    return language == UNDETERMINED or language in set(languages)
