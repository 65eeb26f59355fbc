"""Decides each tag's polarities from the rule matches in one provision: clauses, negation scope, votes.

This module sees matches as plain token ranges, so it needs no spaCy. The order of work:

1. A topic reaches over a clause (by default up to `;`, `:` or a sentence end; a rule set's
   `clause_ends` may let it reach past `:`): a cue counts for a tag only in a clause about the tag
   (a topic rule of that tag matched in it). Within a clause, `clause` rules and `:` cut finer
   parts (", while ..."), where the next three steps work.
2. A negation reaches forward within its part: `verb` reach past transparent words (auxiliaries,
   -ly adverbs) to the next word; `phrase` reach over the words up to a boundary (a preposition,
   a modal, punctuation). A `back` negation (implications.v3) reaches backwards instead, past
   transparent words and then over the noun phrase before it, up to punctuation or the start of
   its part: "territorial swaps are off the table", "the stationing of troops in Ukraine is ruled
   out". A cue reached by a negation supports its `negated` polarity instead.
   "Russian forces will not enter this demilitarized zone" negates "enter", not the zone.
3. A refining cue (`refines`) counts only where a polarity it refines has support in its part,
   and takes its place; one whose polarity is null cancels it ("jets in Poland ... on a routine
   rotation" is no `adjacent`).
4. For a category the rule set gives `overrides` (implications.v2, v3), every polarity some part
   supports becomes one entry, except where a polarity of the same part overrides it (a polarity a
   refining cue narrowed still overrides what it would have: see `_several`); for any
   other category (all of implications.v1, an analyst's own) the first polarity of its order
   wins. An entry's evidence is its cues, the negations that turned them and the topic words of
   their clauses.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from ..model import Evidence, Tag
from .rules import Rule, RuleSet

CLAUSE_ENDS = frozenset({";", ":", ".", "!", "?"})
PHRASE_REACH = 6
"""A phrase negation ('no ...') reaches at most this many words."""
BACK_REACH = 10
"""A back negation ('... is ruled out') reaches at most this many words: a noun phrase with its
prepositional parts ('permanent basing of NATO-commanded forces in Ukraine')."""


@dataclass(frozen=True)
class Match:
    """A rule that matched tokens [start, end) of a text, with the characters they cover."""

    rule: Rule
    start: int
    end: int
    start_char: int
    end_char: int
    text: str
    pieces: tuple[tuple[int, int, str], ...] = ()
    """(start_char, end_char, text) of the words that are evidence when a window's gap lies between
    them ('NATO' ... 'troops'); empty: the whole match is."""


@dataclass(frozen=True)
class _Vote:
    polarity: str
    match: Match
    negation: Match | None
    refined: tuple[_Vote, ...] = ()


def clauses(words: Sequence[str], ends: Collection[int] = (), enders: Collection[str] = CLAUSE_ENDS) -> list[int]:
    """Return the clause number of every token; a clause-ending token belongs to the clause it ends.

    `enders` are the words that end a clause; `ends` the indexes of further clause-ending tokens a
    rule set's `clause` rules found (", while"). A full stop before a word in lower case ends an
    abbreviation, not a sentence ("incl. operating inside Ukraine").
    """
    out, clause = [], 0
    last = len(words) - 1
    for k, word in enumerate(words):
        out.append(clause)
        if k in ends or (word in enders and not (word == "." and k < last and words[k + 1][:1].islower())):
            clause += 1
    return out


def negated_tokens(matches: Sequence[Match], clause_of: Sequence[int]) -> dict[int, Match]:
    """Return token index -> the negation that reaches it."""
    transparent: set[int] = set()
    boundary: set[int] = set()
    punctuation: set[int] = set()
    """Boundaries with no letter or digit: where a back reach stops (it passes prepositions)."""
    for m in matches:
        if m.rule.role == "transparent":
            transparent.update(range(m.start, m.end))
        elif m.rule.role == "boundary":
            boundary.update(range(m.start, m.end))
            if not any(c.isalnum() for c in m.text):
                punctuation.update(range(m.start, m.end))
    reached: dict[int, Match] = {}
    n = len(clause_of)
    for m in sorted((m for m in matches if m.rule.role == "negation"), key=lambda m: m.start):
        clause = clause_of[m.start]
        j = m.end
        if m.rule.reach == "verb":
            while j < n and clause_of[j] == clause and j in transparent:
                j += 1
            if j < n and clause_of[j] == clause and j not in boundary:
                reached.setdefault(j, m)
        elif m.rule.reach == "back":
            j = m.start - 1
            while j >= 0 and clause_of[j] == clause and j in transparent:
                j -= 1
            while j >= 0 and clause_of[j] == clause and j not in punctuation and m.start - j <= BACK_REACH:
                reached.setdefault(j, m)
                j -= 1
        else:
            while j < n and clause_of[j] == clause and j not in boundary and j - m.end < PHRASE_REACH:
                reached.setdefault(j, m)
                j += 1
    return reached


def carried(topics: dict[tuple[int, str], list[Match]], count: int) -> dict[tuple[int, str], list[Match]]:
    """Return the topics with those a clause without any topic of its own takes from the clause before it.

    "The cease-fire begins at once. Its modalities, including monitoring, are agreed later": the
    second sentence names no topic, so it goes on about the first one's. A clause that names a
    topic of any tag starts a subject of its own and takes nothing.
    """
    out = dict(topics)
    named = {clause for clause, _tag in topics}
    for clause in range(1, count):
        if clause in named:
            continue
        for (before, tag), found in list(out.items()):
            if before == clause - 1:
                out[(clause, tag)] = found
    return out


def decide(matches: Sequence[Match], clause_of: Sequence[int], rules: RuleSet,
           part_of: Sequence[int] | None = None) -> tuple[Tag, ...]:
    """Return the tags the matches support, in the rule set's category order.

    `clause_of` numbers the clauses a topic reaches over (sentences and `;`-parts); `part_of`, when
    given, numbers the finer parts a rule set's `clause` rules cut them into (", while ..."), where
    negations reach, refinements narrow and overrides apply. Without it the two are the same.
    """
    part_of = clause_of if part_of is None else part_of
    reached = negated_tokens(matches, part_of)
    cues = sorted((m for m in matches if m.rule.role == "cue"), key=lambda m: (m.start, m.end, m.rule.id))
    topics: dict[tuple[int, str], list[Match]] = {}
    for m in cues:
        if m.rule.topic:
            topics.setdefault((clause_of[m.start], m.rule.tag), []).append(m)
    if rules.topic_carry and clause_of:
        topics = carried(topics, clause_of[-1] + 1)
    base: dict[tuple[int, str], list[_Vote]] = {}
    refining: list[tuple[Match, Match | None]] = []
    cancelling: list[Match] = []
    for m in cues:
        if (clause_of[m.start], m.rule.tag) not in topics:
            continue
        negation = next((reached[t] for t in range(m.start, m.end) if t in reached), None)
        if m.rule.refines and m.rule.polarity is None:
            # a cancelling cue; negated from outside ('not a routine rotation') it cancels nothing, but a
            # negation among its own words is what it looks for ('Italy will not send its troops')
            outside = next((reached[t] for t in range(m.start, m.end)
                            if t in reached and not m.start <= reached[t].start < m.end), None)
            if outside is None:
                cancelling.append(m)
            continue
        polarity = m.rule.negated if negation else m.rule.polarity
        if polarity is None:
            continue
        if m.rule.refines:
            refining.append((m, negation))
        else:
            base.setdefault((part_of[m.start], m.rule.tag), []).append(_Vote(polarity, m, negation))
    votes = {key: list(found) for key, found in base.items()}
    for m, negation in refining:
        key = (part_of[m.start], m.rule.tag)
        narrowed = tuple(v for v in base.get(key, []) if v.polarity in m.rule.refines)
        if narrowed:
            polarity = m.rule.negated if negation else m.rule.polarity
            assert polarity is not None
            votes[key].append(_Vote(polarity, m, negation, narrowed))
    if cancelling:
        votes = _cancel(votes, cancelling, part_of)
    tags: list[Tag] = []
    for tag, order in rules.categories.items():
        cast = {part: found for (part, t), found in sorted(votes.items()) if t == tag}
        if not cast:
            continue
        if rules.overrides is not None and tag in rules.overrides:
            tags += _several(tag, order, cast, rules.overrides[tag], topics, clause_of)
        else:
            tags.append(_one(tag, order, cast, topics, clause_of))
    return tuple(tags)


def _cancel(votes: dict[tuple[int, str], list[_Vote]], cancelling: Sequence[Match], part_of: Sequence[int]
            ) -> dict[tuple[int, str], list[_Vote]]:
    """Drop the votes a cancelling cue names in its part, with the votes they had narrowed: troops
    'to Poland ... on a long-planned rotation' are neither adjacent nor a force provided for."""
    gone: set[int] = set()
    for m in cancelling:
        for v in votes.get((part_of[m.start], m.rule.tag), []):
            if v.polarity in m.rule.refines:
                gone |= {id(v), *(id(r) for r in v.refined)}
    return {key: kept for key, found in votes.items() if (kept := [v for v in found if id(v) not in gone])}


def _one(tag: str, order: Sequence[str], cast: dict[int, list[_Vote]], topics: dict[tuple[int, str], list[Match]],
         clause_of: Sequence[int]) -> Tag:
    """implications.v1, and any category without overrides: the first polarity of the order wins."""
    every = [v for found in cast.values() for v in found]
    winner = next(p for p in order if any(v.polarity == p for v in every))
    won = [v for v in every if v.polarity == winner]
    absorbed = {id(r) for v in won for r in v.refined}
    others = [v for v in every if v.polarity != winner and id(v) not in absorbed]
    return _tag(tag, winner, won, len(won) + len(others), topics, clause_of)


def _several(tag: str, order: Sequence[str], cast: dict[int, list[_Vote]], drops: dict[str, tuple[str, ...]],
             topics: dict[tuple[int, str], list[Match]], clause_of: Sequence[int]) -> list[Tag]:
    """Every polarity a part supports, less those another polarity of the same part overrides.

    A refining vote takes the place of the votes it narrows; then, part by part, a polarity drops
    the ones the rule set's `overrides` give it ("conditional" drops "requires" in a zone that only
    a referendum creates). A narrowed polarity still drops what it overrides, except the polarity
    that narrowed it: "permanent basing is ruled out" is a ban narrowed to limits, and the ban
    still drops the basing's requires, so limits itself need not drop requires and a force both
    created and capped keeps both. What survives in any part is one entry of the provision.
    """
    kept: dict[str, list[_Vote]] = {}
    cast_where: dict[str, int] = {}
    """Polarity -> the votes cast in the parts where it survived: its confidence is its share of them."""
    for found in cast.values():
        absorbed = {id(r) for v in found for r in v.refined}
        live = [v for v in found if id(v) not in absorbed]
        present = {v.polarity for v in live}
        dropped = {q for p in present for q in drops.get(p, ()) if q != p}
        dropped |= {q for v in live for r in v.refined for q in drops.get(r.polarity, ()) if q not in (r.polarity, v.polarity)}
        for p in present - dropped:
            cast_where[p] = cast_where.get(p, 0) + len(live)
        for v in live:
            if v.polarity not in dropped:
                kept.setdefault(v.polarity, []).append(v)
    return [_tag(tag, p, kept[p], cast_where[p], topics, clause_of) for p in order if p in kept]


def _tag(tag: str, polarity: str, won: Sequence[_Vote], cast: int, topics: dict[tuple[int, str], list[Match]],
         clause_of: Sequence[int]) -> Tag:
    return Tag(
        tag=tag,
        polarity=polarity,
        evidence=_evidence(won, topics, clause_of),
        rule=min(won, key=lambda v: (v.match.start, v.match.rule.id)).match.rule.qualified_id,
        confidence=round(len(won) / cast, 2),
    )


def _evidence(won: Sequence[_Vote], topics: dict[tuple[int, str], list[Match]],
              clause_of: Sequence[int]) -> tuple[Evidence, ...]:
    spans: set[tuple[int, int, str]] = set()

    def add(m: Match | None) -> None:
        if m is not None:
            spans.update(m.pieces or ((m.start_char, m.end_char, m.text),))

    for vote in won:
        for v in (vote, *vote.refined):
            add(v.match)
            add(v.negation)
        for topic in topics.get((clause_of[vote.match.start], vote.match.rule.tag), []):
            add(topic)
    return tuple(Evidence(start, end, text) for start, end, text in sorted(_outermost(spans)))


def _outermost(spans: set[tuple[int, int, str]]) -> set[tuple[int, int, str]]:
    """Drop spans that lie inside a longer one: 'NATO troops' makes 'troops' redundant."""
    return {s for s in spans if not any(o != s and o[0] <= s[0] and s[1] <= o[1] for o in spans)}
