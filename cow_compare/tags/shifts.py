"""Adds the tags of both versions to a comparison, and their shifts as change facts.

A shift is a difference in a tag's polarities between the linked provisions' own words. A tag that
appears or goes reads "DMZ: (none) -> requires"; one whose polarities are all replaced reads
"MNF-U: prohibits -> limits"; one that keeps some polarities and gains or loses others names only
those: "territory: +freezes", "territory: -recognizes +freezes". Added and deleted provisions carry
their tags but no shift: the whole provision is the change. Sub-items are linked one by one, so
summary tags (`via`) are left out of the shifts to avoid counting a sub-item's change twice.

A shift is reported as a fact beside the change (and as `tag_shifts` with the gained and lost
polarities); it never changes the change's kind, so a comparison gives each provision the same
kind with or without tags.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..model import Fact, ProvisionTags, Report, TaggedDocument, TagLanguage, TagShift


def with_tags(report: Report, old: TaggedDocument, new: TaggedDocument) -> Report:
    """Return the report with each change's tags on both sides and tag-shift facts appended."""
    old_by_label = {p.provision.label: p for p in old.provisions}
    new_by_label = {p.provision.label: p for p in new.provisions}
    order = list(dict.fromkeys([*old.categories, *new.categories, *_names(old), *_names(new)]))
    changes = []
    for change in report.changes:
        before = tuple(old_by_label[label] for label in change.link.from_labels)
        after = tuple(new_by_label[label] for label in change.link.to_labels)
        # A side in a language the rules do not cover has no tags to compare: no shift either way.
        compared = before and after and old.covered and new.covered
        found = tag_shifts(before, after, order) if compared else ()
        changes.append(replace(change, facts=(*change.facts, *(shift_fact(s) for s in found)),
                               tags_from=before, tags_to=after, tag_shifts=found))
    languages = (TagLanguage(old.document.id, old.language, old.covered),
                 TagLanguage(new.document.id, new.language, new.covered))
    return replace(report, changes=tuple(changes), ruleset=new.ruleset, tag_languages=languages)


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


def tag_shifts(before: Sequence[ProvisionTags], after: Sequence[ProvisionTags],
               order: Sequence[str]) -> tuple[TagShift, ...]:
    """Return one shift per tag whose set of polarities differs between the two sides."""
    old, new = polarities(before), polarities(after)
    out = []
    for tag in sorted(set(old) | set(new), key=lambda t: (order.index(t) if t in order else len(order), t)):
        was, now = tuple(old.get(tag, [])), tuple(new.get(tag, []))
        if set(was) != set(now):
            out.append(TagShift(tag, was, now))
    return tuple(out)


def shift_fact(shift: TagShift) -> Fact:
    """Return the `tag` fact an analyst reads for one shift."""
    was, now = ", ".join(shift.before), ", ".join(shift.after)
    if shift.before and shift.after and set(shift.before) & set(shift.after):
        change = " ".join([*(f"-{p}" for p in shift.lost), *(f"+{p}" for p in shift.gained)])
        summary = f"{shift.tag}: {change}"
    else:
        summary = f"{shift.tag}: {was or '(none)'} -> {now or '(none)'}"
    return Fact("tag", f"{shift.tag}: {was}" if was else "", f"{shift.tag}: {now}" if now else "", summary)


def shift_facts(before: Sequence[ProvisionTags], after: Sequence[ProvisionTags], order: Sequence[str]) -> tuple[Fact, ...]:
    """Return one `tag` fact per tag whose polarities differ between the two sides."""
    return tuple(shift_fact(s) for s in tag_shifts(before, after, order))
