"""Finds the substantive differences between two linked texts: numbers, modality, negation,
parties, places, qualifiers, actions and clauses, each as a `Fact` an analyst can read.

The word lists are settings (`[changes]` in data/settings.toml). Phrases are matched as whole
words on normalised text (`for_matching`: plain typography, lower case, numbers ungrouped, hyphens
inside words dropped, so "cease-fire" and "ceasefire" are one word). An alias written with
capitals ("US", "EU") is matched as written, before lower-casing, so "let us" names no party.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from ..intake.normalize import for_matching, typographic
from ..model import Fact, Op
from ..settings import ChangeSettings
from .words import tokens

_NUMBER = re.compile(r"^[$€£]?\d")
_WORDLIKE = re.compile(r"[$€£]?\w")
_PUNCTUATION = re.compile(r"[^\w\s$%€£]")


@lru_cache(maxsize=8192)
def _padded(text: str) -> str:
    """Normalised text as space-separated words with a space at each end, for whole-word search."""
    return re.sub(r"\s+", " ", f" {_PUNCTUATION.sub(' ', for_matching(text).replace('.', ' '))} ")


@lru_cache(maxsize=8192)
def _padded_as_written(text: str) -> str:
    """The text's words as written (case kept), for aliases that only count in capitals."""
    return re.sub(r"\s+", " ", f" {_PUNCTUATION.sub(' ', typographic(text).replace('.', ' '))} ")


def _needle(phrase: str, *, lower: bool) -> str:
    words = for_matching(phrase) if lower else phrase
    return f" {' '.join(_PUNCTUATION.sub(' ', words.replace('.', ' ')).split())} "


@lru_cache(maxsize=64)
def _needles(vocabulary: tuple[str, ...]) -> tuple[tuple[str, str, bool], ...]:
    """(phrase, padded needle, match case as written) for each phrase of a vocabulary."""
    return tuple((p, _needle(p, lower=p == p.lower()), p != p.lower()) for p in vocabulary)


def phrases(text: str, vocabulary: Sequence[str]) -> Counter[str]:
    """Count whole-word occurrences of each phrase of the vocabulary in the text."""
    lower, written = _padded(text), None
    found: Counter[str] = Counter()
    for phrase, needle, as_written in _needles(tuple(vocabulary)):
        if as_written:
            written = written if written is not None else _padded_as_written(text)
            count = written.count(needle)
        else:
            count = lower.count(needle)
        if count:
            found[phrase] = count
    return found


def numbers(text: str) -> list[tuple[str, str]]:
    """The numbers and amounts of a text in order, each as (normalised form, as printed)."""
    return [(for_matching(t), t) for t in tokens(typographic(text)) if _NUMBER.match(t)]


def _minus(these: list[tuple[str, str]], those: list[tuple[str, str]]) -> list[str]:
    """The printed forms of `these` not in `those`, counting repeats (a multiset difference), in order."""
    left = Counter(key for key, _ in those)
    out = []
    for key, printed in these:
        if left[key]:
            left[key] -= 1
        else:
            out.append(printed)
    return out


def parties(text: str, settings: ChangeSettings) -> set[str]:
    """The parties a text names (settings' `[changes.parties]`, by alias)."""
    found = phrases(text, [alias for _name, aliases in settings.parties for alias in aliases])
    return {name for name, aliases in settings.parties if any(a in found for a in aliases)}


def places(text: str, settings: ChangeSettings) -> set[str]:
    """The places a text names (settings' `[changes.places]`, by any of their spellings)."""
    found = phrases(text, [spelling for _name, spellings in settings.places for spelling in spellings])
    return {name for name, spellings in settings.places if any(s in found for s in spellings)}


def actions(text: str, settings: ChangeSettings) -> set[str]:
    """What a text does to its subject, by the verbs and nouns of `[changes.actions]`."""
    found = phrases(text, [word for _name, words in settings.actions for word in words])
    return {name for name, words in settings.actions if any(w in found for w in words)}


def _words(text: str) -> int:
    return sum(1 for t in tokens(text) if t[:1].isalnum() or t[:1] in "$€£")


def _paired(gone: list[str], came: list[str], kind: str) -> list[Fact]:
    facts = []
    for k in range(max(len(gone), len(came))):
        a = gone[k] if k < len(gone) else ""
        b = came[k] if k < len(came) else ""
        facts.append(Fact(kind, a, b, f"{kind}: {a or '(none)'} -> {b or '(none)'}"))
    return facts


def find_facts(old: str, new: str, ops: Sequence[Op], settings: ChangeSettings) -> tuple[Fact, ...]:
    """Return the substantive differences between two texts, in a fixed order."""
    facts: list[Fact] = []
    inserted = sum(_words(op.text) for op in ops if op.op == "+")
    deleted = sum(_words(op.text) for op in ops if op.op == "-")
    if inserted - deleted >= settings.clause_words:
        facts.append(Fact("clause", "", str(inserted - deleted), f"clause added: {inserted - deleted} more words"))
    elif deleted - inserted >= settings.clause_words:
        facts.append(Fact("clause", str(deleted - inserted), "", f"clause removed: {deleted - inserted} fewer words"))
    # Multisets: "600,000 and 600,000" -> "600,000 and 800,000" is one number changed, not none.
    before, after = numbers(old), numbers(new)
    facts += _paired(_minus(before, after), _minus(after, before), "number")
    strong_a, strong_b = phrases(old, settings.strong_modals), phrases(new, settings.strong_modals)
    weak_a, weak_b = phrases(old, settings.weak_modals), phrases(new, settings.weak_modals)
    if weak_b and not weak_a and strong_a:
        facts.append(Fact("modality", ", ".join(sorted(strong_a)), ", ".join(sorted(weak_b)),
                          f"modality: {', '.join(sorted(strong_a))} -> {', '.join(sorted(weak_b))}"))
    elif strong_b and not strong_a and weak_a:
        facts.append(Fact("modality", ", ".join(sorted(weak_a)), ", ".join(sorted(strong_b)),
                          f"modality: {', '.join(sorted(weak_a))} -> {', '.join(sorted(strong_b))}"))
    neg_a = sum(phrases(old, settings.negations).values())
    neg_b = sum(phrases(new, settings.negations).values())
    if neg_a != neg_b:
        change = "added" if neg_b > neg_a else "removed"
        facts.append(Fact("negation", str(neg_a), str(neg_b), f"negation {change}"))
    party_a, party_b = parties(old, settings), parties(new, settings)
    for name in sorted(party_b - party_a):
        facts.append(Fact("party", "", name, f"party added: {name}"))
    for name in sorted(party_a - party_b):
        facts.append(Fact("party", name, "", f"party removed: {name}"))
    qual_a, qual_b = set(phrases(old, settings.qualifiers)), set(phrases(new, settings.qualifiers))
    for q in sorted(qual_b - qual_a):
        facts.append(Fact("qualifier", "", q, f"qualifier added: {q}"))
    for q in sorted(qual_a - qual_b):
        facts.append(Fact("qualifier", q, "", f"qualifier removed: {q}"))
    place_a, place_b = places(old, settings), places(new, settings)
    for name in sorted(place_b - place_a):
        facts.append(Fact("place", "", name, f"place added: {name}"))
    for name in sorted(place_a - place_b):
        facts.append(Fact("place", name, "", f"place removed: {name}"))
    action_a, action_b = actions(old, settings), actions(new, settings)
    if action_a != action_b:
        facts += _paired(sorted(action_a - action_b), sorted(action_b - action_a), "action")
    return tuple(facts)


def carried_over(ops: Sequence[Op]) -> float:
    """The share of the old wording the new text keeps: words left equal by the word diff.

    Measured against the old text, so a point that keeps every word and adds a clause has carried
    everything over (the added clause is a fact of its own).
    """
    kept = old_words = 0
    for op in ops:
        if op.op == "+":
            continue
        n = sum(1 for t in tokens(op.text) if _WORDLIKE.match(t))
        old_words += n
        if op.op == "=":
            kept += n
    return kept / old_words if old_words else 1.0


def same_words(old: str, new: str) -> bool:
    """True when two texts differ only in spacing, quote style, case, hyphenation or punctuation."""
    def bare(text: str) -> str:
        return " ".join(_PUNCTUATION.sub(" ", for_matching(text)).split())

    return bare(old) == bare(new)
