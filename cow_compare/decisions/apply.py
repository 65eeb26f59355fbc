"""Lays analysts' decisions over a tagged version: the one function every output's tags go through.

Each standing decision attaches to the rule's tag of the same category and polarity on its
provision (`Tag.decision`); one with no such tag (an analyst's addition, or a confirmation the
rules no longer make) becomes a tag of its own, with the words it was decided on found again in
the provision's text. Nothing is dropped: a rejected tag stays, struck, and one awaiting review
stays, marked. Whether a tag counts (`Tag.counts`) is the model's rule; the summary tags of a
point (`via` its sub-items) are made again from the sub-items' tags that count, so a rejected
sub-item tag no longer shows on its point and an added one does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..model import Evidence, ProvisionTags, Standing, Tag, TaggedDocument
from ..tags.rollup import summarise
from ..tags.rules import RuleSet


def apply(tagged: TaggedDocument, standings: Sequence[Standing], rules: RuleSet) -> TaggedDocument:
    """Return the tagged version with the decisions standing on it applied (unchanged when there are none)."""
    if not standings:
        return tagged
    by_label: dict[str, dict[tuple[str, str], Standing]] = {}
    for s in standings:
        by_label.setdefault(s.label, {})[(s.event.tag, s.event.polarity)] = s
    own: dict[str, tuple[Tag, ...]] = {}
    for p in tagged.provisions:
        decided = dict(by_label.get(p.provision.label, {}))
        tags = [replace(t, decision=decided.pop((t.tag, t.polarity), None)) for t in p.own]
        extra = [_tag_of(s, p.provision.text) for s in decided.values()]
        tags += sorted(extra, key=lambda t: _rank(t, rules))
        own[p.provision.label] = tuple(tags)
    document = tagged.document
    counted = {label: tuple(t for t in tags if t.counts) for label, tags in own.items()}
    summaries = {p.provision.label: tuple(t for t in p.tags if t.via)
                 for p in summarise(document.provisions, counted, rules)}
    provisions = tuple(
        ProvisionTags(p.provision, (*own[p.provision.label], *_sourced(summaries[p.provision.label], counted)))
        for p in tagged.provisions
    )
    return replace(tagged, provisions=provisions)


def _tag_of(s: Standing, text: str) -> Tag:
    """A tag that only a decision makes: an analyst's addition, or a call the rules do not make here."""
    source = "inherited" if s.carried else "analyst"
    return Tag(s.event.tag, s.event.polarity, relocate(s.event.evidence, text), s.event.rule, source, 1.0, (), s)


def relocate(evidence: Sequence[Evidence], text: str) -> tuple[Evidence, ...]:
    """The evidence words found in `text`: at their old place if still there, else their first occurrence
    (as written, then in any case); words no longer in the text are left out."""
    out = []
    for e in evidence:
        if text[e.start:e.end] == e.text:
            out.append(Evidence(e.start, e.end, e.text))
            continue
        at = text.find(e.text)
        if at < 0:
            at = text.lower().find(e.text.lower())
        if at >= 0 and e.text:
            out.append(Evidence(at, at + len(e.text), text[at:at + len(e.text)]))
    return tuple(sorted(set(out), key=lambda e: (e.start, e.end)))


def _sourced(summary: tuple[Tag, ...], counted: dict[str, tuple[Tag, ...]]) -> tuple[Tag, ...]:
    """Summary tags say `analyst` or `inherited` when only analysts' tags of the sub-items make them."""
    out = []
    for t in summary:
        sources = {s.source for label in t.via for s in counted.get(label, ())
                   if (s.tag, s.polarity) == (t.tag, t.polarity)}
        out.append(t if not sources or "rule" in sources else replace(t, source=sorted(sources)[0]))
    return tuple(out)


def _rank(tag: Tag, rules: RuleSet) -> tuple[int, int, str, str]:
    names = list(rules.categories)
    order = rules.categories.get(tag.tag, ())
    return (names.index(tag.tag) if tag.tag in names else len(names),
            order.index(tag.polarity) if tag.polarity in order else len(order), tag.tag, tag.polarity)
