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
from typing import TYPE_CHECKING

from .errors import InputError
from .model import Document, Report, Step, Thread

if TYPE_CHECKING:
    from .workspace import Workspace


def parse_reference(ref: str) -> tuple[str, str]:
    """Split `DOC:LABEL` (DOC an id, prefix or path; LABEL as printed by `show`)."""
    doc, sep, label = ref.rpartition(":")
    if not sep or not doc or not label:
        raise InputError(f"{ref!r} is not DOC:LABEL; give a version and a provision, such as us-28:8 or ua-20:14.b")
    return doc, label


def follow(workspace: Workspace, ref: str) -> Thread:
    """Return the thread of the provision `ref` (DOC:LABEL) through the corpus's lineage.

    Comparisons are the workspace's, untagged (tags do not change a kind) and cached there, so
    following many provisions (the lineage matrix) compares each pair once.
    """
    doc_ref, label = parse_reference(ref)
    doc = workspace.resolve(doc_ref)
    labels = [p.label for p in doc.provisions]
    if label not in labels:
        raise InputError(
            f"{doc.id} has no provision {label!r}; its labels run {labels[0]} ... {labels[-1]} "
            f"(see `cow-compare show {doc.id}`)"
        )
    corpus = workspace.corpus

    def report(old: str, new: str) -> Report:
        return workspace.compare(corpus.documents[old], corpus.documents[new], tags=False)

    start = Step(doc, (label,), "start", None, None)
    if corpus.documents.get(doc.id) is not doc:
        return Thread(start, (), ())
    later = _walk(workspace, doc.id, (label,), forward=True, report=report)
    earlier = _walk(workspace, doc.id, (label,), forward=False, report=report)
    return Thread(start, tuple(earlier), tuple(later))


def _walk(workspace: Workspace, doc_id: str, labels: tuple[str, ...], *, forward: bool,
          report: Callable[[str, str], Report]) -> list[Step]:
    corpus = workspace.corpus
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
                statuses = {p.label: p.status for p in corpus.documents[other].provisions}
                struck = all(statuses[label] == "deleted" for label in there)
                if not struck:  # a struck slot ends the branch: nothing there to follow further
                    queue.append((other, there, other))
            elif change is not None and change.kind == "not-reported":
                # The comparison says why the provision is absent there: that version is known only in
                # part, so the next one is compared with the last version that had the provision.
                steps.append(Step(corpus.documents[other], (), "not-reported", shown, change))
                queue.append((other, held, seen_in))
            else:
                # Going back, a provision with no earlier counterpart was added in this version.
                kind = change.kind if change is not None else ("deleted" if forward else "added")
                steps.append(Step(corpus.documents[other], (), kind, shown, change))
    return steps


def _ordered(doc: Document, labels: set[str]) -> tuple[str, ...]:
    return tuple(p.label for p in doc.provisions if p.label in labels)
