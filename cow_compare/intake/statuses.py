"""Recognises a provision's status (struck slot, option, bracketed) and editorial notes kept apart.

Each status recogniser is a named function tried in the order of RECOGNISERS on a provision's
finished text; the first that matches gives the status and the text to keep, and a provision no
recogniser takes is active. Editorial notes are recognised here too: a line that is an editor's
note as a whole, and `(... - Ed.)` insertions inside a provision's text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from ..model import ProvisionStatus
from ..settings import ParseSettings
from . import removals
from .inline import plain
from .markers import Reading, struck_alternation

StatusRecogniser = Callable[[str, Reading | None, ParseSettings], tuple[ProvisionStatus, str] | None]
"""Every recogniser sees the text, the reading of the provision's marker (None for unmarked text)
and the parse settings (the struck-out words, for one)."""


@lru_cache(maxsize=8)
def _struck_text_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """`[deleted]`, `(removed)`, `Struck out: ...` opening a point's text: a struck slot."""
    struck = struck_alternation(words)
    return re.compile(
        r"^(?:\[\s*" + struck + r"\s*(?:[:\u2013\u2014-]\s*([^\]]*))?\]"
        r"|\(\s*" + struck + r"\s*\)"
        r"|" + struck + r"\s*(?:[.:\u2013\u2014-]|$))\s*(.*)$",
        re.I,
    )


@lru_cache(maxsize=1)
def _wholly_bracketed_pattern() -> re.Pattern[str]:
    return re.compile(r"^\[([^\[\]]+)\]\.?$")


@lru_cache(maxsize=1)
def _bracketed_span_pattern() -> re.Pattern[str]:
    return re.compile(r"\[[^\[\]]+\](?!\()")


def struck_slot(text: str, reading: Reading | None,
                settings: ParseSettings) -> tuple[ProvisionStatus, str] | None:
    """`[deleted]`, `(removed)`, `Struck out: text`: a point kept as a struck slot, with the words after it."""
    struck = _struck_text_pattern(settings.struck_words).match(text)
    if not struck:
        return None
    return "deleted", (struck.group(1) or struck.group(2) or "").strip()


def removed_slot(text: str, reading: Reading | None,
                 settings: ParseSettings) -> tuple[ProvisionStatus, str] | None:
    """`This point of the American plan has been removed.`, `... point 3 was deleted, Reuters says`: a
    point whose text says in words it was struck."""
    if reading is not None and reading.kind == "option":
        return None
    if removals.removed_slot(text, settings) is None and not (
            reading is not None and reading.kind == "arabic" and removals.names_own_removal(text, reading.value, settings)):
        return None
    return "deleted", text


def option(text: str, reading: Reading | None,
           settings: ParseSettings) -> tuple[ProvisionStatus, str] | None:
    """A provision marked `Option A`: an alternative held open."""
    if reading is None or reading.kind != "option":
        return None
    return "option", text


def _editors_insertion(text: str, span: re.Match[str]) -> bool:
    """A bracketed span an editor or translator put in, not text left open: an elision `[…]`, words
    supplied at the start (`[There will be] a guarantee`), or words explaining the name or number just
    before them (`Article 5 [of the North Atlantic Treaty]`)."""
    inside = span.group(0)[1:-1].strip()
    if not inside.strip(".\u2026 "):
        return True
    after, before = text[span.end():].lstrip(), text[: span.start()].rstrip()
    if not before:
        return after[:1].islower()
    last_word = before.split()[-1] if before.split() else ""
    explains = last_word[:1].isupper() or last_word[-1:].isdigit()
    return explains and inside[:1].islower()


def bracketed(text: str, reading: Reading | None,
              settings: ParseSettings) -> tuple[ProvisionStatus, str] | None:
    """`[text]` wholly in brackets (kept without them), or text with a `[bracketed span]`: not agreed
    (an editor's insertion or an elision in brackets leaves the text agreed)."""
    whole = _wholly_bracketed_pattern().match(text)
    if whole:
        return "bracketed", whole.group(1).strip()
    if any(not _editors_insertion(text, span) for span in _bracketed_span_pattern().finditer(text)):
        return "bracketed", text
    return None


RECOGNISERS: list[tuple[str, StatusRecogniser]] = [
    ("struck-slot", struck_slot),  # reads the struck-out words of the settings
    ("removed-slot", removed_slot),  # reads the struck-out and point words of the settings
    ("option", option),  # before bracketed: an option with brackets in its text is still an option
    ("bracketed", bracketed),
]


def status_of(text: str, reading: Reading | None, settings: ParseSettings) -> tuple[ProvisionStatus, str]:
    """Return a provision's status and the text it keeps, given its finished text and its marker's reading."""
    for _name, recogniser in RECOGNISERS:
        found = recogniser(text, reading, settings)
        if found is not None:
            return found
    return "active", text


# -- editorial notes ----------------------------------------------------------------------------


@lru_cache(maxsize=8)
def _editorial_line_pattern(openings: tuple[str, ...]) -> re.Pattern[str]:
    """A line opening with an editor's note (the settings' `editorial_openings`), after any * _ ( [."""
    def loose(phrase: str) -> str:
        # Apostrophes may be left out and spaces vary: "editors note", "ed.  note".
        return re.escape(phrase).replace("'", "'?").replace(r"\ ", r"\s*")
    return re.compile(r"^[*_(\[]*\s*(?:" + "|".join(loose(o) for o in openings) + ")", re.I)


@lru_cache(maxsize=1)
def _editorial_tail_pattern() -> re.Pattern[str]:
    return re.compile(r"[\u2013\u2014-]+\s*ed(?:s|itors?)?\.?\s*[)\]*_]*\s*$", re.I)


@lru_cache(maxsize=1)
def _editorial_opening_pattern() -> re.Pattern[str]:
    return re.compile(
        r"^(?:editor'?s'? note|ed\. note|note from the editors?|ed\.)\s*[:.\u2013\u2014-]?\s*", re.I
    )


@lru_cache(maxsize=1)
def _inline_editorial_pattern() -> re.Pattern[str]:
    return re.compile(r"\s*\(([^()]*?)\s*[\u2013\u2014-]+\s*ed(?:s|itors?)?\.?\)", re.I)


def is_editorial_line(text: str, settings: ParseSettings) -> bool:
    """An editor's note on its own line: it opens with one of the settings' editorial openings, or
    it is in brackets or emphasis and ends `- Ed.`."""
    return bool(_editorial_line_pattern(settings.editorial_openings).match(text) or (
        _editorial_tail_pattern().search(text) and text.startswith(("(", "[", "*", "_"))
    ))


def editorial_note(text: str) -> str:
    """Return the words of an editor's note line, without its brackets, emphasis, opening and `- Ed.`.

    Only the brackets and emphasis around the whole note go, a pair at a time: a note that ends
    in a bracket of its own ("... (Annex 2))") keeps it.
    """
    note = _unwrapped(_editorial_tail_pattern().sub("", _unwrapped(plain(text))))
    return _editorial_opening_pattern().sub("", note)


_WRAPPERS = {("(", ")"), ("[", "]"), ("*", "*"), ("_", "_")}


def _unwrapped(text: str) -> str:
    """The text without the brackets or emphasis marks around all of it (a lone opening one goes too)."""
    text = text.strip()
    while len(text) >= 2 and (text[0], text[-1]) in _WRAPPERS:
        text = text[1:-1].strip()
    if text[:1] in "([*_" and not any(text[-1:] == close for opening, close in _WRAPPERS if opening == text[:1]):
        text = text[1:].strip()  # `(Editor's note: ...` left open
    return text


def take_inline_notes(text: str) -> tuple[str, list[str]]:
    """Return the text without its `(... - Ed.)` insertions, and those insertions."""
    notes = [m.group(1).strip() for m in _inline_editorial_pattern().finditer(text)]
    return _inline_editorial_pattern().sub("", text), notes
