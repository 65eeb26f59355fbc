"""Tags a provision too long to tag at once in pieces cut at sentence ends, and joins their tags.

Two bounds make a whole very long provision a poor unit: spaCy refuses a text longer than
`nlp.max_length` (1,000,000 characters, error E088), and the time tagging takes grows faster than
the text where rules fire all along it (every window match is compared with the others, every
evidence span with the rest: a provision of 200,000 characters of dense plan language takes 20 s,
one of 1,000,000 minutes). The `[limits]` setting `max_provision_characters` (100,000 as shipped)
keeps every provision below both; a user who raises it gets provisions longer than PIECE tagged
here, in pieces, in time proportional to their length.

Why the cuts are sound: a tag is decided clause by clause (a topic reaches over its clause, a
negation over its part of it), and a clause ends at one of the rule set's `clause_ends` (`.`
before a word in lower case is an abbreviation, not an end). So a piece ends after a clause end
and the spaces that follow it; every clause lies whole in one piece, and a piece's tags are those
its clauses give in the whole text. A clause that names no topic takes the topic of the clause
before it (`topic_carry`), and that one may have taken it from the one before: each piece after
the first starts with the whole clauses of up to half a piece before it, read again, so that the
carry crosses the cut. Read again, a clause can only lose topics (its own carry may start before
the piece), never gain any: it adds no polarity and no evidence the whole text does not have. What the pieces give is then joined per tag: every
polarity a piece found (or, for a category without `overrides`, the first of its order that any
piece found), with the evidence of all of them, at offsets into the whole provision.

What joining cannot keep: a rule set with a learned layer (implications.v6) revises polarities from
features of the whole text it is given (its length, its clause count, the other tags), so in pieces
each piece is revised on its own; and a tag's confidence is its share of the category's votes in the whole
provision, and a piece reports only its own share; the joined confidence is the mean over the
pieces that tagged the category (a piece where another polarity won counts 0 for a category
without `overrides`). A run of clauses naming no topic longer than half a piece loses the carry
across a cut (no plan has one). A stretch of PIECE characters without a clause end is cut at the furthest clause
end spaCy can still take at once; a stretch of `nlp.max_length` characters without one cannot be
cut soundly and is refused in one line.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from ..errors import InputError
from ..model import Evidence, Tag
from .rules import RuleSet

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

PIECE = 100_000
"""The most characters tagged at once: the shipped longest provision, which tags in about 2 s at
its densest (a rule firing in every clause); a longer provision is tagged in pieces of this size."""


@lru_cache(maxsize=8)
def _clause_end(enders: tuple[str, ...]) -> re.Pattern[str]:
    # A one-character clause end, closing quotes or brackets, then the spaces before the next word.
    marks = "".join(re.escape(e) for e in enders if len(e) == 1)
    return re.compile(rf"([{marks}])[\"'\u201d\u00bb)\]]*\s+" if marks else "(?!)")


def cuts(text: str, enders: tuple[str, ...]) -> list[int]:
    """Offsets in the text right after each clause end and the spaces after it: where a piece may start.
    A full stop before a word in lower case ends an abbreviation, not a clause (as `polarity.clauses` reads it)."""
    return [m.end() for m in _clause_end(enders).finditer(text)
            if m.end() < len(text) and not (m.group(1) == "." and text[m.end()].islower())]


def pieces(text: str, enders: tuple[str, ...], size: int, hard: int) -> list[tuple[int, int, int]]:
    """Return (lead, start, end) for each piece: text[start:end] is the piece's own, text[lead:start] the
    whole clauses within half a piece before it, read again. A piece (lead included) ends at the
    furthest cut within `size` characters, else within `hard` (spaCy's bound); an InputError when
    there is none within `hard`."""
    size = min(size, hard)
    ends = cuts(text, enders)
    out: list[tuple[int, int, int]] = []
    lead = start = 0
    while len(text) - lead > size:
        first = bisect_right(ends, start)  # ends[first:] lie after the piece's start
        last = bisect_right(ends, lead + size)
        if last <= first:
            if len(text) - lead <= hard:
                break
            last = bisect_right(ends, lead + hard)
        if last <= first:
            raise InputError(
                f"a provision of {len(text):,} characters runs {min(hard, len(text) - start):,} characters without "
                f"a clause end from {text[start:start + 40]!r}: more than can be tagged at once ({hard:,}) and "
                "nowhere to cut it soundly; put full stops or semicolons between its clauses, or use --no-tags")
        end = ends[last - 1]
        out.append((lead, start, end))
        start = end
        lead = ends[bisect_left(ends, start - size // 2)]  # a cut: `start` itself is one
    out.append((lead, start, len(text)))
    return out


def tag_long(tag_piece: Callable[[str], tuple[Tag, ...]], text: str, rules: RuleSet, *, size: int = PIECE,
             hard: int = 1_000_000) -> tuple[Tag, ...]:
    """Return the tags of a long text, tagged piece by piece with `tag_piece` and joined."""
    found = []
    for lead, _start, end in pieces(text, rules.clause_ends, size, hard):
        found.append(tuple(_shifted(tag, lead) for tag in tag_piece(text[lead:end])))
    return join(found, rules)


def _shifted(tag: Tag, offset: int) -> Tag:
    return replace(tag, evidence=tuple(replace(e, start=e.start + offset, end=e.end + offset) for e in tag.evidence))


def join(found: list[tuple[Tag, ...]], rules: RuleSet) -> tuple[Tag, ...]:
    """The tags of the whole text from the tags of its pieces, in the rule set's category order."""
    out: list[Tag] = []
    for category, order in rules.categories.items():
        tagged = [[t for t in tags if t.tag == category] for tags in found]
        tagged = [tags for tags in tagged if tags]
        if not tagged:
            continue
        present = [p for p in order if any(t.polarity == p for tags in tagged for t in tags)]
        several = rules.overrides is not None and category in rules.overrides
        for polarity in present if several else present[:1]:
            hits = [t for tags in tagged for t in tags if t.polarity == polarity]
            pieces_counted = len(hits) if several else len(tagged)
            out.append(replace(hits[0], evidence=_outermost(e for t in hits for e in t.evidence),
                               confidence=round(sum(t.confidence for t in hits) / pieces_counted, 2)))
    return tuple(out)


def _outermost(evidence: Iterable[Evidence]) -> tuple[Evidence, ...]:
    """Evidence in text order, without repeats (a lead clause read twice) or spans inside a longer one."""
    out: list[Evidence] = []
    reach = -1
    for e in sorted(set(evidence), key=lambda e: (e.start, -e.end, e.text)):
        if e.end <= reach:
            continue
        out.append(e)
        reach = e.end
    return tuple(out)


def tag_texts(nlp: Language, tags_of: Callable[[Doc], tuple[Tag, ...]], rules: RuleSet, texts: Iterable[str], *,
              batch_size: int) -> Iterator[tuple[Tag, ...]]:
    """The tags of each text in order: texts up to PIECE characters through `nlp.pipe` in batches,
    longer ones piece by piece."""
    batch: list[str] = []
    for text in texts:
        if len(text) <= PIECE:
            batch.append(text)
            if len(batch) >= batch_size:
                yield from (tags_of(doc) for doc in nlp.pipe(batch, batch_size=batch_size))
                batch = []
            continue
        yield from (tags_of(doc) for doc in nlp.pipe(batch, batch_size=batch_size))
        batch = []
        yield tag_long(lambda piece: tags_of(nlp(piece)), text, rules, hard=nlp.max_length)
    yield from (tags_of(doc) for doc in nlp.pipe(batch, batch_size=batch_size))
