"""Adds the tags of both versions to a comparison, and their shifts as change facts.

A shift is a difference in a tag's polarities between the linked provisions' own words:
"MNF-U: prohibits -> limits" when point 8 narrows its ban, "DMZ: (none) -> requires" when a
provision gains a zone. Added and deleted provisions carry their tags but no shift: the whole
provision is the change. Sub-items are linked one by one, so summary tags (`via`) are left out of
the shifts to avoid counting a sub-item's change twice.

A shift is reported as a fact beside the change; it never changes the change's kind, so a
comparison gives each provision the same kind with or without tags.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..model import Fact, ProvisionTags, Report, TaggedDocument


def with_tags(report: Report, old: TaggedDocument, new: TaggedDocument) -> Report:
    """Return the report with each change's tags on both sides and tag-shift facts appended."""
    old_by_label = {p.provision.label: p for p in old.provisions}
    new_by_label = {p.provision.label: p for p in new.provisions}
    order = list(dict.fromkeys([*_names(old), *_names(new)]))
    changes = []
    for change in report.changes:
        before = tuple(old_by_label[label] for label in change.link.from_labels)
        after = tuple(new_by_label[label] for label in change.link.to_labels)
        facts = shift_facts(before, after, order) if before and after else ()
        changes.append(replace(change, facts=(*change.facts, *facts),
                               tags_from=before, tags_to=after))
    return replace(report, changes=tuple(changes), ruleset=new.ruleset)


def _names(doc: TaggedDocument) -> list[str]:
    return [t.tag for p in doc.provisions for t in p.tags]


def polarities(side: Sequence[ProvisionTags]) -> dict[str, list[str]]:
    """Return tag -> its polarities in the provisions' own words, in order of appearance.

    Only tags that count (`ProvisionTags.in_force`): a tag an analyst rejected makes no shift, one
    an analyst added does.
    """
    out: dict[str, list[str]] = {}
    for p in side:
        for t in p.in_force:
            if t.polarity not in out.setdefault(t.tag, []):
                out[t.tag].append(t.polarity)
    return out


def shift_facts(before: Sequence[ProvisionTags], after: Sequence[ProvisionTags], order: Sequence[str]) -> tuple[Fact, ...]:
    """Return one `tag` fact per tag whose polarities differ between the two sides."""
    old, new = polarities(before), polarities(after)
    facts = []
    for tag in sorted(set(old) | set(new), key=lambda t: (order.index(t) if t in order else len(order), t)):
        was, now = ", ".join(old.get(tag, [])), ", ".join(new.get(tag, []))
        if was != now:
            facts.append(Fact("tag", f"{tag}: {was}" if was else "", f"{tag}: {now}" if now else "",
                              f"{tag}: {was or '(none)'} -> {now or '(none)'}"))
    return tuple(facts)
