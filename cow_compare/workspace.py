"""The application layer: one object that knows how documents are found, compared and tagged.

The command line, `report`, `history`, the lineage matrix and the Python API all go through a
`Workspace`, so a provision gets the same answer whichever way it is asked about:

    >>> from cow_compare import Workspace
    >>> ws = Workspace()                       # the shipped corpus, shipped settings and rules
    >>> report = ws.compare("us-28", "eu-e3")  # ids, unique prefixes or file paths
    >>> report.summary["modified"]
    13

It resolves documents (ids, prefixes, files), holds the settings in force and the rule set,
builds the tagger once (spaCy starts only when a tag is asked for and the tag cache misses), and
keeps comparisons keyed by both texts, the settings digest and the rule-set digest: in memory for
the life of the workspace, and untagged ones on disk too (`comparisons`), so a repeated diff does
not start the aligner.

Analysts' decisions are applied here too, the one place that tags: `tag` lays the decisions that
stand on a version (made there, or carried there through the lineage) over the rules' tags, and
`compare`, `history`, reports and every format take their tags from `tag`, so they all agree. The
decisions store is opened only when a tagged result is asked for and only if its file exists, so
commands that show no tags never touch it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from .comparisons import cached_comparison
from .errors import InputError
from .intake.corpus import Corpus, load_corpus
from .model import Decision, Document, Matrix, Relation, Report, Standing, Step, TaggedDocument, Thread
from .settings import Settings, load_settings

if TYPE_CHECKING:
    import datetime as dt

    from .decisions.standing import Standings
    from .decisions.store import DecisionStore
    from .model import ImportResult
    from .tags.cache import CachedTagger
    from .tags.rules import RuleSet


class Workspace:
    """A corpus with the settings and rules in force, and the comparisons made so far."""

    def __init__(self, corpus: Path | str | None = None, *, settings: Settings | Path | str | None = None,
                 rules: Iterable[str | Path] = (), min_score: float | None = None, tags: bool = True,
                 tag_cache: Path | None = None, store: Path | str | None = None) -> None:
        """`corpus`: a folder (default $COW_COMPARE_CORPUS, else the shipped proposals/).
        `settings`: a Settings, or a TOML file laid over the shipped one (default $COW_COMPARE_SETTINGS).
        `rules`: extra JSONL rule files (or shipped names such as 'policy.v1') merged into the default rule set.
        `min_score`: overrides the aligner's `min_score` setting.
        `tags`: whether comparisons are tagged by default (False: faster, nothing imports spaCy).
        `tag_cache`: the folder for tagged documents (default: the user's cache folder).
        `store`: the decisions store (default $COW_COMPARE_STORE, else beside the corpus; `off`: none).
        """
        self._corpus_dir = Path(corpus) if corpus is not None else None
        base = settings if isinstance(settings, Settings) else load_settings(settings)
        self.settings: Settings = base.with_min_score(min_score)
        self._extra_rules = tuple(rules)
        self.tags = tags
        self._tag_cache = tag_cache
        self._reports: dict[tuple[str, str, str], Report] = {}
        self._keys: dict[int, tuple[Document, str]] = {}
        self._store_choice = store
        self._reader: DecisionStore | None = None
        self._writer: DecisionStore | None = None
        self._standings: Standings | None = None
        # Keyed by id(document), holding the document so that the id stays its own.
        self._decided: dict[int, tuple[Document, TaggedDocument]] = {}

    # --- documents -------------------------------------------------------------------------

    @cached_property
    def corpus(self) -> Corpus:
        """The corpus folder's documents and lineage, parsed once."""
        return load_corpus(self._corpus_dir, settings=self.settings)

    def documents(self) -> list[Document]:
        """Every document of the corpus, by date then id."""
        return [self.corpus.documents[i] for i in self.corpus.ids]

    def resolve(self, ref: str | Document) -> Document:
        """Return the document an id, a unique id prefix or a file path names."""
        if isinstance(ref, Document):
            return ref
        return self.corpus.resolve(ref, settings=self.settings)

    def relation(self, old: Document, new: Document) -> Relation:
        """`lineage` when lineage.toml leads from old to new (in any number of steps), else `topical`.

        A version compared with itself is its own lineage: nothing about it is topical.
        """
        if old.id == new.id:
            return "lineage"
        children: dict[str, list[str]] = {}
        for edge in self.corpus.edges:
            children.setdefault(edge.parent, []).append(edge.child)
        seen, todo = {old.id}, [old.id]
        while todo:
            for child in children.get(todo.pop(), []):
                if child == new.id:
                    return "lineage"
                if child not in seen:
                    seen.add(child)
                    todo.append(child)
        return "topical"

    def import_source(self, source: str | Path, *, id: str | None = None, title: str | None = None,
                      date: dt.date | str | None = None, parties: Iterable[str] = (),
                      derived_from: Iterable[str] = (), force: bool = False) -> ImportResult:
        """Import an original (file or http(s) address) into this workspace's corpus folder as `<id>.md`.

        The folder is the one this workspace was given, else $COW_COMPARE_CORPUS; the shipped
        corpus is never written. See `intake.importer.import_source` for the defaults.
        """
        from .intake.importer import import_source

        result = import_source(source, self._corpus_dir, id=id, title=title, date=date, parties=tuple(parties),
                               derived_from=tuple(derived_from), force=force, settings=self.settings)
        self.__dict__.pop("corpus", None)  # the next look-up reads the folder again, new document included
        return result

    # --- tags ------------------------------------------------------------------------------

    @cached_property
    def ruleset(self) -> RuleSet:
        """The default rule set with the extra rule files merged in (no spaCy needed to read them)."""
        from .tags import load_with_extras

        return load_with_extras(self._extra_rules, limits=self.settings.limits)

    @cached_property
    def tagger(self) -> CachedTagger:
        """The one tagger of this workspace: reads the tag cache, starts spaCy only on a miss."""
        from .tags.cache import CachedTagger

        return CachedTagger(self.ruleset, self._tag_cache)

    def tag(self, ref: str | Document) -> TaggedDocument:
        """Return a document with the tags of every provision, analysts' decisions applied."""
        document = self.resolve(ref)
        tagged = self.tagger.tag_document(document)
        standings = self.standings(document)
        if not standings:
            return tagged
        held = self._decided.get(id(document))
        if held is None or held[0] is not document:
            from .decisions.apply import apply

            held = self._decided[id(document)] = (document, apply(tagged, standings, self.ruleset))
        return held[1]

    def tag_name(self, tag: str | None) -> str | None:
        """Return the category a `--tag` value names (any case), or raise listing the valid ones."""
        if tag is None:
            return None
        for name in self.ruleset.categories:
            if name.lower() == tag.strip().lower():
                return name
        raise InputError(f"tag {tag!r} is not a category of {self.ruleset.name}; use one of "
                         f"{', '.join(self.ruleset.categories)}, or add a category with a rule file")

    # --- comparisons -----------------------------------------------------------------------

    def compare(self, old: str | Document, new: str | Document, *, tags: bool | None = None) -> Report:
        """Return the changes from `old` to `new`, tagged if `tags` (default: the workspace's `tags`).

        The kinds are the same either way; tagging adds each side's tags and their shifts as facts.
        """
        old_doc, new_doc = self.resolve(old), self.resolve(new)
        tags = self.tags if tags is None else tags
        untagged_key = (self.content_key(old_doc), self.content_key(new_doc), self.settings.digest)
        key = (*untagged_key[:2], self.digest) if tags else untagged_key
        if key not in self._reports:
            # Tagging only adds tags and their shifts to an untagged comparison: reuse one if made.
            report = self._reports.get(untagged_key)
            if report is None:
                relation = self.relation(old_doc, new_doc)
                report = cached_comparison("|".join((*untagged_key, relation)), old_doc, new_doc,
                                           lambda: self._compare(old_doc, new_doc, relation))
                self._reports[untagged_key] = report
            if tags:
                from .tags.shifts import with_tags

                report = with_tags(report, self.tag(old_doc), self.tag(new_doc))
            self._reports[key] = report
        return self._reports[key]

    def content_key(self, doc: Document) -> str:
        """A digest of everything about a document a comparison reads, worked out once per document."""
        held = self._keys.get(id(doc))
        if held is None or held[0] is not doc:
            held = self._keys[id(doc)] = (doc, _content_key(doc))
        return held[1]

    def comparison_code(self) -> str:
        """A digest of the alignment and change code, on which every comparison depends."""
        from .comparisons import _code_digest

        return _code_digest()

    def _compare(self, old: Document, new: Document, relation: Relation) -> Report:
        from .pipeline import compare

        return compare(old, new, settings=self.settings, relation=relation)

    def history(self, ref: str) -> Thread:
        """Return one provision (`DOC:LABEL`) followed through every version lineage.toml connects."""
        from .history import follow

        thread = follow(self, ref)
        if self.decisions is None:
            return thread

        from .decisions.view import in_document_order
        from .model import TAG_POLARITIES

        def decided(step: Step) -> Step:
            labels = set(step.labels)
            found = [s for s in self.standings(step.doc) if s.label in labels]
            return replace(step, decisions=tuple(in_document_order(found, step.doc, tuple(TAG_POLARITIES))))

        return Thread(decided(thread.start), tuple(map(decided, thread.earlier)), tuple(map(decided, thread.later)))

    def lineage_matrix(self) -> Matrix:
        """Return every provision thread across the versions lineage.toml connects."""
        from .threads import lineage_matrix

        return lineage_matrix(self)

    # --- analysts' decisions ------------------------------------------------------------------

    @cached_property
    def store_path(self) -> Path | None:
        """The decisions store's file: `store`, else $COW_COMPARE_STORE, else beside the corpus folder
        (for the shipped corpus, the user's data folder); None when decisions are turned off."""
        from .cachefiles import PACKAGE
        from .decisions.location import chosen_store, default_store
        from .intake.corpus import default_corpus_dir

        chosen = chosen_store(self._store_choice)
        if chosen is False:
            return None
        if isinstance(chosen, Path):
            return chosen
        return default_store(self._corpus_dir or default_corpus_dir(), PACKAGE.parent / "proposals")

    @property
    def decisions(self) -> DecisionStore | None:
        """The decisions store, opened for reading on first use; None when its file does not exist."""
        if self._writer is not None:
            return self._writer
        if self._reader is None:
            path = self.store_path
            if path is None or not path.exists():
                return None
            from .decisions.store import DecisionStore

            self._reader = DecisionStore(path)
        return self._reader

    def writable_store(self) -> DecisionStore:
        """The decisions store opened for writing (created, with its folder, on first use)."""
        if self._writer is None:
            path = self.store_path
            if path is None:
                from .decisions.location import STORE_ENV
                from .errors import StoreError

                raise StoreError(f"decisions are turned off (${STORE_ENV}=off or --store off); give --store PATH "
                                 "to record them")
            from .decisions.store import DecisionStore

            self._writer = DecisionStore(path, write=True)
            if self._reader is not None:
                self._reader.close()
                self._reader = None
        return self._writer

    def record(self, events: Iterable[Decision]) -> list[Decision]:
        """Append decision events to the store in one transaction; every later result sees them."""
        recorded = self.writable_store().append(events)
        self._forget_decisions()
        return recorded

    def standings(self, doc: Document, *, analyst: str | None = None) -> tuple[Standing, ...]:
        """The decisions standing on a version's provisions: made there, or carried there through the
        lineage (`decisions.carry`); with `analyst`, only that analyst's own latest calls. Nothing is
        opened when the store's file does not exist."""
        path = self.store_path
        if path is None or not path.exists():
            return ()
        if self._standings is None:
            from .decisions.standing import Standings

            self._standings = Standings(self, path)
        return self._standings.of(doc, analyst=analyst)

    def _forget_decisions(self) -> None:
        """Drop every result that applied decisions (after a decision is recorded)."""
        self._standings, self._decided = None, {}
        self._reports = {key: report for key, report in self._reports.items() if not report.ruleset}

    @property
    def digest(self) -> str:
        """The settings' and rules' digests together: what a stored result depends on besides texts."""
        rules = self.ruleset.digest[:16]
        return f"{self.settings.digest}-{rules}"


def _content_key(doc: Document) -> str:
    """A digest of everything about a document that a comparison reads."""
    digest = hashlib.sha256(json.dumps([doc.id, doc.coverage], ensure_ascii=False).encode("utf-8"))
    for p in doc.provisions:
        digest.update(json.dumps([p.label, p.parent, p.depth, p.status, p.text], ensure_ascii=False).encode("utf-8"))
    return digest.hexdigest()

