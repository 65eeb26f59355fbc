"""One provision followed through every version that `lineage.toml` connects to its own.

From the starting version the thread goes forward along each edge to the versions made from it,
and back to the versions it was made from, comparing each pair with `compare` and following the
link that holds the provision. A split follows every part; a deletion ends the branch. A version
known only in part (`coverage` summary or partial) that does not carry the provision does not end
it: the provision may simply be unreported, so the next version is compared with the last one in
which the provision was seen.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from .align import DEFAULT_MIN_SCORE
from .corpus import Corpus
from .errors import InputError
from .model import Change, Document, Report
from .pipeline import compare

PARTIAL = ("summary", "partial")


@dataclass(frozen=True)
class Step:
    """The provision in one version, and how it got there from the version it was compared with."""

    doc: Document
    labels: tuple[str, ...]
    """Where the provision is in this version (empty: not there)."""
    kind: str
    """start, a change kind (identical, modified, split ...), or `not reported` in a partial version."""
    compared_with: str | None
    """The version (id:labels) this step was compared with; None for the start."""
    change: Change | None

    @property
    def text(self) -> str:
        by_label = {p.label: p.text for p in self.doc.provisions}
        return " ".join(by_label[label] for label in self.labels)


@dataclass(frozen=True)
class Thread:
    start: Step
    earlier: tuple[Step, ...]
    """Versions the starting one was made from, nearest first."""
    later: tuple[Step, ...]
    """Versions made from it, in the order they were reached (breadth first)."""

    @property
    def steps(self) -> tuple[Step, ...]:
        """Every step in date order, then id: the thread as a reader goes through it."""
        return tuple(sorted((*self.earlier, self.start, *self.later),
                            key=lambda s: (str(s.doc.date or "9999"), s.doc.id)))


def parse_reference(ref: str) -> tuple[str, str]:
    """Split `DOC:LABEL` (DOC an id, prefix or path; LABEL as printed by `show`)."""
    doc, sep, label = ref.rpartition(":")
    if not sep or not doc or not label:
        raise InputError(f"{ref!r} is not DOC:LABEL; give a version and a provision, such as us-28:8 or ua-20:14.b")
    return doc, label


def follow(corpus: Corpus, ref: str, *, min_score: float | None = None,
           reports: dict[tuple[str, str], Report] | None = None) -> Thread:
    """Return the thread of the provision `ref` (DOC:LABEL) through the corpus's lineage.

    `reports` caches comparisons by (old id, new id) across calls, for callers that follow many
    provisions (the lineage matrix of the HTML reports).
    """
    doc_ref, label = parse_reference(ref)
    doc = corpus.resolve(doc_ref)
    labels = [p.label for p in doc.provisions]
    if label not in labels:
        raise InputError(
            f"{doc.id} has no provision {label!r}; its labels run {labels[0]} ... {labels[-1]} "
            f"(see `cow-compare show {doc.id}`)"
        )
    if reports is None:
        reports = {}

    def report(old: str, new: str) -> Report:
        if (old, new) not in reports:
            score = DEFAULT_MIN_SCORE if min_score is None else min_score
            reports[(old, new)] = compare(corpus.documents[old], corpus.documents[new], min_score=score)
        return reports[(old, new)]

    start = Step(doc, (label,), "start", None, None)
    if doc.id not in corpus.documents:
        return Thread(start, (), ())
    later = _walk(corpus, doc.id, (label,), forward=True, report=report)
    earlier = _walk(corpus, doc.id, (label,), forward=False, report=report)
    return Thread(start, tuple(earlier), tuple(later))


def _walk(corpus: Corpus, doc_id: str, labels: tuple[str, ...], *, forward: bool,
          report: Callable[[str, str], Report]) -> list[Step]:
    steps: list[Step] = []
    visited = {doc_id}
    # (version reached, labels there, the version and labels last seen)
    queue: deque[tuple[str, tuple[str, ...], str]] = deque([(doc_id, labels, doc_id)])
    while queue:
        current, held, seen_in = queue.popleft()
        nexts = sorted(e.child if forward else e.parent for e in corpus.edges
                       if (e.parent if forward else e.child) == current)
        for other in nexts:
            if other in visited:
                continue
            visited.add(other)
            found = report(seen_in, other) if forward else report(other, seen_in)
            changes = [c for c in found.changes
                       if set(c.link.from_labels if forward else c.link.to_labels) & set(held)]
            there = _ordered(corpus.documents[other], {x for c in changes
                                                       for x in (c.link.to_labels if forward else c.link.from_labels)})
            shown = f"{seen_in}:{','.join(held)}"
            change = changes[0] if changes else None
            if there:
                kinds = sorted({c.kind for c in changes if (c.link.to_labels if forward else c.link.from_labels)})
                steps.append(Step(corpus.documents[other], there, "+".join(kinds), shown, change))
                queue.append((other, there, other))
            elif corpus.documents[other].coverage in PARTIAL:
                steps.append(Step(corpus.documents[other], (), "not reported", shown, None))
                queue.append((other, held, seen_in))
            else:
                # Going back, a provision with no earlier counterpart was added in this version.
                steps.append(Step(corpus.documents[other], (), "deleted" if forward else "added", shown, change))
    return steps


def _ordered(doc: Document, labels: set[str]) -> tuple[str, ...]:
    return tuple(p.label for p in doc.provisions if p.label in labels)
