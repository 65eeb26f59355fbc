"""Adds to each point the tags that summarise its sub-items, so a point reads as what it contains.

"21. The territorial settlement is as follows:" says nothing by itself; its sub-items recognise,
freeze, restore and cede. The point gets one summary tag per (tag, polarity) its sub-items carry
and its own words do not, with `via` naming the sub-items and evidence pointing into them. Own
tags stay first and unchanged: accuracy is measured on them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..model import Evidence, Provision, ProvisionTags, Tag
from .rules import RuleSet


def summarise(provisions: Sequence[Provision], own: Mapping[str, tuple[Tag, ...]],
              rules: RuleSet) -> tuple[ProvisionTags, ...]:
    """Return every provision with its own tags followed by those summarising its sub-items."""
    children: dict[str, list[Provision]] = {}
    for p in provisions:
        if p.parent is not None:
            children.setdefault(p.parent, []).append(p)

    def descendants(label: str) -> list[Provision]:
        out = []
        for child in children.get(label, []):
            out.append(child)
            out.extend(descendants(child.label))
        return out

    out = []
    for p in provisions:
        tags = own.get(p.label, ())
        have = {(t.tag, t.polarity) for t in tags}
        gathered: dict[tuple[str, str], list[tuple[str, Tag]]] = {}
        for sub in descendants(p.label):
            for t in own.get(sub.label, ()):
                if (t.tag, t.polarity) not in have:
                    gathered.setdefault((t.tag, t.polarity), []).append((sub.label, t))
        summary = [_summary(tag, polarity, found) for (tag, polarity), found in gathered.items()]
        summary.sort(key=lambda t: _rank(t, rules))
        out.append(ProvisionTags(p, (*tags, *summary)))
    return tuple(out)


def _summary(tag: str, polarity: str, found: list[tuple[str, Tag]]) -> Tag:
    evidence = tuple(Evidence(e.start, e.end, e.text, label) for label, t in found for e in t.evidence)
    return Tag(tag, polarity, evidence, found[0][1].rule, "rule",
               max(t.confidence for _, t in found), tuple(label for label, _ in found))


def _rank(tag: Tag, rules: RuleSet) -> tuple[int, int]:
    names = list(rules.categories)
    order = rules.categories.get(tag.tag, ())
    return (names.index(tag.tag) if tag.tag in names else len(names),
            order.index(tag.polarity) if tag.polarity in order else len(order))
