"""Decides what kind of change a link is, as a table of named rules tried in order.

`reworded` versus `modified` is decided by facts (`facts.find_facts`), not by similarity alone:
"confirmed" -> "reaffirmed" changes no fact and is reworded; "within 100 days" -> "as soon as
possible" drops a number and adds a qualifier, so it is modified. The kind never depends on
whether the versions were tagged: tag shifts are reported beside it as facts of their own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..model import ChangeKind, Fact, Link, Op, Provision
from ..settings import ChangeSettings
from .facts import carried_over, find_facts, same_words
from .words import word_ops


@dataclass(frozen=True)
class Situation:
    """What a rule sees: the link, the provisions on each side, the facts and the settings."""

    link: Link
    old: tuple[Provision, ...]
    new: tuple[Provision, ...]
    facts: tuple[Fact, ...]
    carried: float
    """The share of the wording kept (`carried_over`)."""
    settings: ChangeSettings
    partial: tuple[bool, bool] = (False, False)
    """Whether the old and the new version are known only from summaries or in part."""

    @property
    def old_text(self) -> str:
        return " ".join(p.text for p in self.old)

    @property
    def new_text(self) -> str:
        return " ".join(p.text for p in self.new)


Rule = Callable[[Situation], ChangeKind | None]


def _unreported(s: Situation) -> ChangeKind | None:
    """No counterpart, but the other version is known only in part: its silence proves nothing."""
    if not s.new and s.partial[1] and s.old[0].status != "deleted":
        return "not-reported"
    if not s.old and s.partial[0] and s.new[0].status != "deleted":
        return "not-reported"
    return None


def _added(s: Situation) -> ChangeKind | None:
    if not s.old:
        return "added"
    # A slot struck in the old version and filled in the new: the mirror of a slot struck in place.
    filled = all(p.status == "deleted" for p in s.old) and any(p.status != "deleted" for p in s.new)
    return "added" if filled else None


def _deleted(s: Situation) -> ChangeKind | None:
    if not s.new:
        return "deleted"
    struck = all(p.status == "deleted" for p in s.new) and any(p.status != "deleted" for p in s.old)
    return "deleted" if struck else None


def _split(s: Situation) -> ChangeKind | None:
    return "split" if len(s.new) > 1 else None


def _merged(s: Situation) -> ChangeKind | None:
    return "merged" if len(s.old) > 1 else None


def _same_text(s: Situation) -> ChangeKind | None:
    if not same_words(s.old_text, s.new_text) or s.old[0].status != s.new[0].status:
        return None
    if s.link.moved:
        return "moved"
    return "renumbered" if s.link.renumbered else "identical"


def _substance(s: Situation) -> ChangeKind | None:
    if s.facts or s.carried < s.settings.rewrite_below:
        return "modified"
    return None


def _reworded(s: Situation) -> ChangeKind | None:
    return "reworded"


RULES: list[tuple[str, Rule]] = [
    ("not-reported", _unreported),
    ("added", _added),  # also a struck slot filled again
    ("deleted", _deleted),
    ("split", _split),
    ("merged", _merged),
    ("same-text", _same_text),
    ("substance", _substance),
    ("reworded", _reworded),
]
"""Tried in order; the first rule that returns a kind decides it."""


def classify(link: Link, old: tuple[Provision, ...], new: tuple[Provision, ...], ops: tuple[Op, ...],
             settings: ChangeSettings, *, partial: tuple[bool, bool] = (False, False),
             ) -> tuple[ChangeKind, str, tuple[Fact, ...]]:
    """Return (kind, rule name, facts) for a link; `ops` are its word-level operations.

    `partial` says whether the old and the new version are known only in part (their coverage).
    """
    facts: tuple[Fact, ...] = ()
    old_text, new_text = " ".join(p.text for p in old), " ".join(p.text for p in new)
    carried = carried_over(ops or word_ops(old_text, new_text, exact_tokens=settings.word_diff_tokens))
    if old and new and all(p.status == "deleted" for p in new):
        facts = (Fact("status", old[0].status, "deleted", f"status: {old[0].status} -> deleted"),)
    elif old and new and all(p.status == "deleted" for p in old):
        facts = (Fact("status", "deleted", new[0].status, f"status: deleted -> {new[0].status}"),)
    elif old and new:
        if old_text != new_text:
            facts = find_facts(old_text, new_text, ops, settings)
        status_old, status_new = old[0].status, new[0].status
        if status_old != status_new and len(old) == len(new) == 1:
            facts = (Fact("status", status_old, status_new, f"status: {status_old} -> {status_new}"), *facts)
        if carried < settings.rewrite_below and not same_words(old_text, new_text):
            facts = (*facts, Fact("rewrite", "", "", f"rewritten: only {carried:.0%} of the words carried over"))
    situation = Situation(link, old, new, facts, carried, settings, partial)
    for name, rule in RULES:
        kind = rule(situation)
        if kind is not None:
            return kind, name, facts
    raise AssertionError("the last rule always decides")
