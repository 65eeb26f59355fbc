"""compare(a, b) -> Report: the one place that knows the order of the stages."""

from __future__ import annotations

from typing import Protocol

from .align import DEFAULT_MIN_SCORE, align
from .classify import classify
from .diff import word_ops
from .errors import InputError
from .model import Change, Document, Report, TaggedDocument
from .tags.shifts import with_tags


class DocumentTagger(Protocol):
    """What the pipeline needs of a tagger (`cow_compare.tags.engine.Tagger`), without importing spaCy."""

    def tag_document(self, document: Document) -> TaggedDocument: ...


def compare(old: Document, new: Document, *, min_score: float = DEFAULT_MIN_SCORE,
            tagger: DocumentTagger | None = None) -> Report:
    """Return every change from the old version to the new one, in the new version's order.

    With a tagger, both versions are tagged after classification and each change carries its
    tags and the tag shifts between its sides as facts; without one, nothing imports spaCy.
    """
    if not 0.0 <= min_score <= 1.0:
        raise InputError(f"--min-score {min_score} is outside [0, 1]; give a number such as 0.5")
    changes = []
    # Label lookups by dict: Document.provision scans, which is quadratic on long documents.
    old_by_label = {p.label: p for p in old.provisions}
    new_by_label = {p.label: p for p in new.provisions}
    for link in align(old, new, min_score=min_score):
        before = tuple(old_by_label[label] for label in link.from_labels)
        after = tuple(new_by_label[label] for label in link.to_labels)
        ops = word_ops(" ".join(p.text for p in before), " ".join(p.text for p in after))
        kind, rule, facts = classify(link, before, after, ops)
        changes.append(Change(kind, link, ops, facts, rule))
    report = Report(old, new, tuple(changes), min_score)
    if tagger is None:
        return report
    return with_tags(report, tagger.tag_document(old), tagger.tag_document(new))
