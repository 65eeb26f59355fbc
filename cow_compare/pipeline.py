"""compare(old, new) -> Report: the one place that knows the order of the stages.

intake (documents, given) -> align (links) -> changes (ops, facts, kind) -> tags (tags of both
sides and their shifts, as facts). The kind of a change is decided before tagging and never
changed by it, so a comparison with and without tags gives every provision the same kind.
"""

from __future__ import annotations

from typing import Protocol

from .alignment import align
from .changes import classify, word_ops
from .model import Change, Document, Relation, Report, TaggedDocument
from .settings import Settings, shipped_settings


class DocumentTagger(Protocol):
    """What the pipeline needs of a tagger (`cow_compare.tags.engine.Tagger`), without importing spaCy."""

    def tag_document(self, document: Document) -> TaggedDocument: ...


def compare(old: Document, new: Document, *, settings: Settings | None = None,
            tagger: DocumentTagger | None = None, relation: Relation = "lineage") -> Report:
    """Return every change from the old version to the new one, in the new version's order.

    With a tagger, both versions are tagged and each change carries its tags and the tag shifts
    between its sides as facts; without one, nothing imports spaCy. `relation` says whether the
    two versions descend from one another (`lineage`) or are compared by subject (`topical`).
    """
    settings = settings if settings is not None else shipped_settings()
    changes = []
    # Label lookups by dict: Document.provision scans, which is quadratic on long documents.
    old_by_label = {p.label: p for p in old.provisions}
    new_by_label = {p.label: p for p in new.provisions}
    partial = (old.partial, new.partial)
    for link in align(old, new, settings=settings.align):
        before = tuple(old_by_label[label] for label in link.from_labels)
        after = tuple(new_by_label[label] for label in link.to_labels)
        ops = word_ops(" ".join(p.text for p in before), " ".join(p.text for p in after),
                       exact_tokens=settings.changes.word_diff_tokens)
        kind, rule, facts = classify(link, before, after, ops, settings.changes, partial=partial)
        changes.append(Change(kind, link, ops, facts, rule))
    report = Report(old, new, tuple(changes), settings.align.min_score, settings=settings.name,
                    settings_digest=settings.digest, relation=relation)
    if tagger is None:
        return report
    from .tags.shifts import with_tags

    return with_tags(report, tagger.tag_document(old), tagger.tag_document(new))
