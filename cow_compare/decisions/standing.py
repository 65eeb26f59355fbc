"""What stands on each version for one workspace: the decisions read once, carried once, cached on disk.

The workspace asks `Standings.of(version)`; this answers from memory, else from the cache folder
(`decisions.cache`) when neither the store nor the versions changed, else by reading the decisions
in force on the version and its lineage ancestors from the store and carrying them
(`decisions.carry`), then keeps the answer in both places. A workspace that records a decision
starts a new `Standings`, so nothing it answered before is reused.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from ..model import Decision, Document, Report, Standing
from .carry import Carrier, ancestors

if TYPE_CHECKING:
    from .context import Context


class Standings:
    """The decisions standing on the versions of one workspace's corpus, worked out once each."""

    def __init__(self, workspace: Context, path: Path) -> None:
        self.workspace = workspace
        self.path = path
        self._current: dict[str, list[Decision]] = {}
        self._known: dict[int, tuple[Document, tuple[Standing, ...]]] = {}
        self._carrier = Carrier(workspace.corpus, self._current, self._untagged)
        self._analysts: dict[str, Carrier] = {}
        self._token: str | None | bool = False
        """The store's state (`cache.store_token`), taken once, before this reads the store itself."""

    def of(self, doc: Document, *, analyst: str | None = None) -> tuple[Standing, ...]:
        """The decisions standing on a version: made there, or carried there through the lineage;
        with `analyst`, only that analyst's own latest calls."""
        if analyst is not None:
            return tuple(self._of_analyst(analyst).standings(doc))
        held = self._known.get(id(doc))  # keyed by identity, holding the document so the id stays its own
        if held is None or held[0] is not doc:
            held = self._known[id(doc)] = (doc, self._cached(doc))
        return held[1]

    def _of_analyst(self, analyst: str) -> Carrier:
        if analyst not in self._analysts:
            store = self.workspace.decisions
            mine: dict[str, list[Decision]] = {}
            for d in store.current(by_analyst=True) if store is not None else []:
                if d.analyst == analyst:
                    mine.setdefault(d.doc, []).append(d)
            self._analysts[analyst] = Carrier(self.workspace.corpus, mine, self._untagged)
        return self._analysts[analyst]

    def _cached(self, doc: Document) -> tuple[Standing, ...]:
        """From the cache folder when the store and the versions have not changed, else from the store."""
        from ..cachefiles import cache_folder, read_entry, store_entry
        from . import cache

        folder = cache_folder()
        if self._token is False:
            self._token = cache.store_token(self.path) if folder is not None else None
        token = self._token
        name = None
        if folder is not None and isinstance(token, str):
            name = cache.entry_name(token, self._inputs(doc))
            text = read_entry(folder / name)
            if text is not None:
                try:
                    return cache.load(text)
                except (ValueError, KeyError, TypeError):
                    pass  # a miss: read the store
        self._load([doc])
        found = tuple(self._carrier.standings(doc)) if any(self._current.values()) else ()
        if folder is not None and name is not None:
            store_entry(folder / name, cache.dump(found))
        return found

    def _inputs(self, doc: Document) -> list[str]:
        """What the standings of a version depend on besides the store: its words, and for a corpus
        version its ancestors' words, the lineage between them, the settings and the alignment code."""
        ws = self.workspace
        inputs = [doc.id, ws.content_key(doc), ws.settings.digest]
        corpus = ws.corpus
        if corpus.documents.get(doc.id) is not doc:
            return [*inputs, "outside the corpus"]
        family = ancestors(corpus, doc.id)
        if family:
            inputs.append(ws.comparison_code())
            inputs += [f"{i}={ws.content_key(corpus.documents[i])}" for i in sorted(family)]
            inputs += [f"{e.parent}>{e.child}" for e in corpus.edges if e.child in family | {doc.id}]
        return inputs

    def _load(self, docs: Iterable[Document]) -> None:
        """Read the decisions in force on these versions and their lineage ancestors, in one query."""
        store = self.workspace.decisions
        if store is None:
            return
        corpus = self.workspace.corpus
        wanted: set[str] = set()
        for doc in docs:
            wanted.add(doc.id)
            if corpus.documents.get(doc.id) is doc:
                wanted |= ancestors(corpus, doc.id)
        missing = wanted - self._current.keys()
        if missing:
            for d in store.current(missing):
                self._current.setdefault(d.doc, []).append(d)
            for doc_id in missing:
                self._current.setdefault(doc_id, [])

    def _untagged(self, old: Document, new: Document) -> Report:
        return self.workspace.compare(old, new, tags=False)
