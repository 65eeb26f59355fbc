"""Decides what kind of change a link is, and the facts that make it matter, as a table of named rules.

Facts are found by comparing the two texts' numbers, modal verbs, negations, parties and
qualifiers. `reworded` versus `modified` is decided by those facts, not by similarity alone:
"confirmed" -> "reaffirmed" changes no fact and is reworded; "within 100 days" -> "as soon as
possible" drops a number and adds a qualifier, so it is modified.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from .diff import tokens, word_ops
from .model import Fact, Link, Op, Provision
from .normalize import for_matching, typographic

REWRITE_BELOW = 0.6
"""Two linked texts keeping less of their wording than this are a rewrite: modified even without a
listed fact. Measured on the word diff, not on the aligner's score: the aligner asks whether two
provisions are about the same matter, this asks how much of the wording survived."""
CLAUSE_WORDS = 5
"""Net words added or removed that make a new or dropped clause, not a rewording."""

_NUMBER = re.compile(r"^[$€£]?\d")
_WORDLIKE = re.compile(r"[$€£]?\w")
_PUNCTUATION = re.compile(r"[^\w\s$%€£]")
_STRONG = ("will", "shall", "must", "agrees to", "agree to", "commits to", "commit to", "is to", "are to")
_WEAK = ("may", "should", "could", "might", "can", "seeks to", "seek to", "aims to", "aim to")
_NEGATIONS = ("not", "no", "never", "without", "neither", "nor", "none")
PARTIES: dict[str, tuple[str, ...]] = {
    "Russia": ("russia", "russian federation", "moscow", "kremlin"),
    "Ukraine": ("ukraine", "kyiv"),
    "United States": ("united states", "us", "u.s.", "washington", "american"),
    "NATO": ("nato",),
    "Europe": ("europe", "european", "europeans"),
    "EU": ("eu", "european union"),
    "Coalition of the Willing": ("coalition of the willing", "coalition"),
    "G8": ("g8",),
    "IAEA": ("iaea",),
    "World Bank": ("world bank",),
    "Peace Council": ("peace council",),
}
QUALIFIERS = (
    "permanently", "permanent", "in peacetime", "after signing", "after the agreement is signed",
    "after the peace agreement is signed", "if", "unless", "subject to", "only", "as soon as possible",
    "within", "until", "de facto", "de jure", "gradually", "in stages", "case by case", "immediately",
    "at kyiv's request", "at ukraine's request", "legally binding", "conditional", "after a ceasefire",
)


@lru_cache(maxsize=8192)
def _padded(text: str) -> str:
    """Normalised text as space-separated words with a space at each end, for whole-word search."""
    return re.sub(r"\s+", " ", f" {_PUNCTUATION.sub(' ', for_matching(text).replace('.', ' '))} ")


@lru_cache(maxsize=64)
def _needles(vocabulary: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    return tuple((p, f" {p.replace('.', ' ').strip()} ") for p in vocabulary)


def _phrases(text: str, vocabulary: Sequence[str]) -> Counter[str]:
    """Count whole-word occurrences of each phrase of the vocabulary in normalised text."""
    padded = _padded(text)
    return Counter({p: padded.count(needle) for p, needle in _needles(tuple(vocabulary)) if needle in padded})


def _numbers(text: str) -> list[str]:
    return [t for t in tokens(typographic(text)) if _NUMBER.match(t)]


def _parties(text: str) -> set[str]:
    found = _phrases(text, [alias for aliases in PARTIES.values() for alias in aliases])
    return {name for name, aliases in PARTIES.items() if any(a in found for a in aliases)}


def _words(text: str) -> int:
    return sum(1 for t in tokens(text) if t[:1].isalnum() or t[:1] in "$€£")


def find_facts(old: str, new: str, ops: tuple[Op, ...] = ()) -> tuple[Fact, ...]:
    """Return the substantive differences between two texts, in a fixed order."""
    facts: list[Fact] = []
    inserted = sum(_words(op.text) for op in ops if op.op == "+")
    deleted = sum(_words(op.text) for op in ops if op.op == "-")
    if inserted - deleted >= CLAUSE_WORDS:
        facts.append(Fact("clause", "", str(inserted - deleted), f"clause added: {inserted - deleted} more words"))
    elif deleted - inserted >= CLAUSE_WORDS:
        facts.append(Fact("clause", str(deleted - inserted), "", f"clause removed: {deleted - inserted} fewer words"))
    before, after = _numbers(old), _numbers(new)
    gone = [n for n in before if n not in after]
    came = [n for n in after if n not in before]
    for k in range(max(len(gone), len(came))):
        a = gone[k] if k < len(gone) else ""
        b = came[k] if k < len(came) else ""
        facts.append(Fact("number", a, b, f"number: {a or '(none)'} -> {b or '(none)'}"))
    strong_a, strong_b = _phrases(old, _STRONG), _phrases(new, _STRONG)
    weak_a, weak_b = _phrases(old, _WEAK), _phrases(new, _WEAK)
    if bool(weak_b) and not weak_a and strong_a:
        facts.append(Fact("modality", ", ".join(sorted(strong_a)), ", ".join(sorted(weak_b)),
                          f"modality: {', '.join(sorted(strong_a))} -> {', '.join(sorted(weak_b))}"))
    elif bool(strong_b) and not strong_a and weak_a:
        facts.append(Fact("modality", ", ".join(sorted(weak_a)), ", ".join(sorted(strong_b)),
                          f"modality: {', '.join(sorted(weak_a))} -> {', '.join(sorted(strong_b))}"))
    neg_a, neg_b = sum(_phrases(old, _NEGATIONS).values()), sum(_phrases(new, _NEGATIONS).values())
    if neg_a != neg_b:
        change = "added" if neg_b > neg_a else "removed"
        facts.append(Fact("negation", str(neg_a), str(neg_b), f"negation {change}"))
    party_a, party_b = _parties(old), _parties(new)
    for name in sorted(party_b - party_a):
        facts.append(Fact("party", "", name, f"party added: {name}"))
    for name in sorted(party_a - party_b):
        facts.append(Fact("party", name, "", f"party removed: {name}"))
    qual_a, qual_b = set(_phrases(old, QUALIFIERS)), set(_phrases(new, QUALIFIERS))
    for q in sorted(qual_b - qual_a):
        facts.append(Fact("qualifier", "", q, f"qualifier added: {q}"))
    for q in sorted(qual_a - qual_b):
        facts.append(Fact("qualifier", q, "", f"qualifier removed: {q}"))
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
    """True when two texts differ only in spacing, quote style, case or punctuation."""
    def bare(text: str) -> str:
        return " ".join(_PUNCTUATION.sub(" ", for_matching(text)).split())

    return bare(old) == bare(new)


@dataclass(frozen=True)
class Situation:
    """What a rule sees: the link and the provisions on each side."""

    link: Link
    old: tuple[Provision, ...]
    new: tuple[Provision, ...]
    facts: tuple[Fact, ...]
    carried: float
    """The share of the wording kept (`carried_over`)."""

    @property
    def old_text(self) -> str:
        return " ".join(p.text for p in self.old)

    @property
    def new_text(self) -> str:
        return " ".join(p.text for p in self.new)


Rule = Callable[[Situation], str | None]


def _added(s: Situation) -> str | None:
    return "added" if not s.old else None


def _deleted(s: Situation) -> str | None:
    if not s.new:
        return "deleted"
    struck = all(p.status == "deleted" for p in s.new) and any(p.status != "deleted" for p in s.old)
    return "deleted" if struck else None


def _split(s: Situation) -> str | None:
    return "split" if len(s.new) > 1 else None


def _merged(s: Situation) -> str | None:
    return "merged" if len(s.old) > 1 else None


def _same_text(s: Situation) -> str | None:
    if not same_words(s.old_text, s.new_text) or s.old[0].status != s.new[0].status:
        return None
    if s.link.moved:
        return "moved"
    return "renumbered" if s.link.renumbered else "identical"


def _substance(s: Situation) -> str | None:
    if s.facts or s.carried < REWRITE_BELOW:
        return "modified"
    return None


def _reworded(s: Situation) -> str | None:
    return "reworded"


RULES: list[tuple[str, Rule]] = [
    ("added", _added),
    ("deleted", _deleted),
    ("split", _split),
    ("merged", _merged),
    ("same-text", _same_text),
    ("substance", _substance),
    ("reworded", _reworded),
]
"""Tried in order; the first rule that returns a kind decides it."""


def classify(
    link: Link, old: tuple[Provision, ...], new: tuple[Provision, ...], ops: tuple[Op, ...] = ()
) -> tuple[str, str, tuple[Fact, ...]]:
    """Return (kind, rule name, facts) for a link; `ops` are its word-level operations."""
    facts: tuple[Fact, ...] = ()
    old_text, new_text = " ".join(p.text for p in old), " ".join(p.text for p in new)
    carried = carried_over(ops or word_ops(old_text, new_text))
    if old and new and all(p.status == "deleted" for p in new):
        facts = (Fact("status", old[0].status, "deleted", f"status: {old[0].status} -> deleted"),)
    elif old and new:
        if old_text != new_text:
            facts = find_facts(old_text, new_text, ops)
        status_old, status_new = old[0].status, new[0].status
        if status_old != status_new and len(old) == len(new) == 1:
            facts = (Fact("status", status_old, status_new, f"status: {status_old} -> {status_new}"), *facts)
        if carried < REWRITE_BELOW and not same_words(old_text, new_text):
            facts = (*facts, Fact("rewrite", "", "", f"rewritten: only {carried:.0%} of the words carried over"))
    situation = Situation(link, old, new, facts, carried)
    for name, rule in RULES:
        kind = rule(situation)
        if kind is not None:
            return kind, name, facts
    raise AssertionError("the last rule always decides")
