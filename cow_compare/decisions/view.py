"""The state of decisions on a version: which stand on which provision, and in what state.

The store's `current` view gives the decision in force on each provision's tag and polarity (the
latest event not retracted). Here each becomes a `Standing` on the version it was made on:
confirmed, rejected or added while the provision still has the words decided on (its fingerprint),
stale when they changed or the label is gone. `carry` adds the decisions that reach a version from
earlier ones through the lineage.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from ..model import Decision, DecisionState, Document, Standing

STATE_OF: dict[str, DecisionState] = {"confirm": "confirmed", "reject": "rejected", "add": "added"}
"""The state a decision has on the very provision it was made on."""

RANK: dict[str, int] = {"confirmed": 0, "rejected": 0, "added": 0, "stale": 1, "inherited": 2, "needs-review": 3}
"""Which standing wins when several fall on one provision's tag and polarity: one made there (even
stale) over one inherited, and one inherited over one awaiting review."""


def direct(decisions: Iterable[Decision], doc: Document) -> Iterator[Standing]:
    """The decisions made on this version, each confirmed, rejected, added, or stale."""
    fingerprints = {p.label: p.fingerprint for p in doc.provisions}
    for d in decisions:
        if d.doc != doc.id:
            continue
        fresh = fingerprints.get(d.label) == d.fingerprint
        yield Standing(d, doc.id, d.label, STATE_OF[d.action] if fresh else "stale")


def as_recorded(decisions: Iterable[Decision]) -> Iterator[Standing]:
    """Decisions on versions outside the corpus, in the state their action gives (their words cannot be checked)."""
    for d in decisions:
        yield Standing(d, d.doc, d.label, STATE_OF[d.action])


def strongest(standings: Iterable[Standing]) -> list[Standing]:
    """One standing per provision, tag and polarity: the lowest RANK, then the newest event (time, then uid)."""
    best: dict[tuple[str, str, str], Standing] = {}
    for s in standings:
        key = (s.label, s.event.tag, s.event.polarity)
        held = best.get(key)
        if held is None or RANK[s.state] < RANK[held.state] or (
                RANK[s.state] == RANK[held.state] and (s.event.at, s.event.uid) > (held.event.at, held.event.uid)):
            best[key] = s
    return list(best.values())


def in_document_order(standings: Sequence[Standing], doc: Document | None,
                      categories: Sequence[str] = ()) -> list[Standing]:
    """Standings in the order of the provisions, then tag (rule-set order), polarity and event."""
    order = {p.label: k for k, p in enumerate(doc.provisions)} if doc is not None else {}
    rank = {name: k for k, name in enumerate(categories)}
    return sorted(standings, key=lambda s: (order.get(s.label, len(order)), s.label, rank.get(s.event.tag, len(rank)),
                                            s.event.tag, s.event.polarity, s.event.event))
