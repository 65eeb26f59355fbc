"""The review queue: every provision of the chosen versions, in the order an analyst works through them.

First the provisions where a decision carried from an earlier version awaits review (needs-review,
or stale: the words changed under it), then those with a rule's call no analyst has judged, then
the rest (judged, or untagged). Within a group, versions by date and provisions in document order.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..model import Decision, Document, ProvisionTags, Tag
from ..workspace import Workspace

GROUPS = ("needs-review", "unjudged", "done")
"""The queue's groups in order; `state` filters by them."""


@dataclass(frozen=True)
class Call:
    """One tag on a provision as the page shows it."""

    tag: Tag
    state: str
    """The decision's state (confirmed, rejected, added, inherited, needs-review, stale), or `unjudged`."""

    @property
    def judged(self) -> bool:
        return self.state not in ("unjudged", "needs-review", "stale")


@dataclass(frozen=True)
class Item:
    """One provision in the queue, with its calls and every analyst's decisions on it."""

    doc: Document
    tags: ProvisionTags
    calls: tuple[Call, ...]
    others: tuple[Decision, ...]
    """Each analyst's latest decision on this provision (all analysts, newest first)."""
    group: str

    @property
    def id(self) -> str:
        return f"{self.doc.id}:{self.tags.provision.label}"


@dataclass(frozen=True)
class Queue:
    items: tuple[Item, ...]
    total_calls: int
    judged_calls: int


def call_of(tag: Tag) -> Call:
    return Call(tag, tag.decision.state if tag.decision is not None else "unjudged")


def item(workspace: Workspace, doc: Document, tags: ProvisionTags, decided: Sequence[Decision]) -> Item:
    """The queue entry of one provision."""
    calls = tuple(call_of(t) for t in tags.own)
    label = tags.provision.label
    others = tuple(sorted((d for d in decided if d.label == label), key=lambda d: (d.at, d.uid), reverse=True))
    if any(c.state in ("needs-review", "stale") for c in calls):
        group = "needs-review"
    elif any(c.state == "unjudged" and c.tag.source == "rule" for c in calls):
        group = "unjudged"
    else:
        group = "done"
    return Item(doc, tags, calls, others, group)


def build(workspace: Workspace, docs: Iterable[Document], *, tag: str | None = None, polarity: str | None = None,
          state: str | None = None, text: str | None = None) -> Queue:
    """The queue over `docs`, filtered by tag, polarity, group and words of the text."""
    store = workspace.decisions
    items: list[Item] = []
    for doc in docs:
        decided = store.current([doc.id], by_analyst=True) if store is not None else []
        for entry in workspace.tag(doc).provisions:
            if entry.provision.status == "deleted":
                continue
            items.append(item(workspace, doc, entry, decided))
    total = sum(len(i.calls) for i in items)
    judged = sum(c.judged for i in items for c in i.calls)
    wanted = [i for i in items
              if (tag is None or any(c.tag.tag == tag for c in i.calls))
              and (polarity is None or any(c.tag.polarity == polarity for c in i.calls))
              and (state is None or i.group == state)
              and (not text or text.lower() in i.tags.provision.text.lower())]
    order = {g: k for k, g in enumerate(GROUPS)}
    wanted.sort(key=lambda i: order[i.group])  # stable: versions and document order kept within a group
    return Queue(tuple(wanted), total, judged)
