"""Finds documents: corpus ids (unique prefixes accepted), plain file paths, and the lineage between versions."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..errors import CorpusError, SourceFileError, UnknownDocumentError
from ..model import Document
from ..settings import LimitSettings, ParseSettings, Settings, shipped_settings
from .cache import cached_parse
from .sourcefile import decode_text, read_bytes

ENV_VAR = "COW_COMPARE_CORPUS"
LINEAGE_FILE = "lineage.toml"


def default_corpus_dir() -> Path:
    """Return the corpus folder: $COW_COMPARE_CORPUS, else the `proposals/` shipped beside the package."""
    configured = os.environ.get(ENV_VAR)
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parent.parent.parent / "proposals"


@dataclass(frozen=True)
class Edge:
    """One step of descent: `child` was made from `parent`."""

    parent: str
    child: str


@dataclass(frozen=True)
class Corpus:
    """The documents of a corpus folder, keyed by id, and the lineage between them."""

    directory: Path
    documents: dict[str, Document]
    edges: tuple[Edge, ...]

    @property
    def ids(self) -> list[str]:
        """Ids sorted by date, then id (undated documents last)."""
        return sorted(self.documents, key=lambda i: (str(self.documents[i].date or "9999"), i))

    def resolve(self, ref: str, *, settings: Settings | None = None) -> Document:
        """Return the document an id, a unique id prefix, or a file path names."""
        settings = settings if settings is not None else shipped_settings()
        if ref in self.documents:
            return self.documents[ref]
        matches = sorted(i for i in self.documents if i.startswith(ref))
        if len(matches) == 1:
            return self.documents[matches[0]]
        if len(matches) > 1:
            raise UnknownDocumentError(
                f"{ref!r} matches several documents: {', '.join(matches)}; give more of the id"
            )
        from .readers import SUFFIXES

        path = Path(ref)
        if path.exists() or any(sep in ref for sep in ("/", os.sep)) or path.suffix.lower() in SUFFIXES:
            # Any file goes through the readers: a PDF, DOCX or page as well as a text in any encoding.
            from .originals import document_from_file

            return document_from_file(path, settings)
        from rapidfuzz import process  # only when a reference is mistyped

        cutoff = settings.resolve.did_you_mean_cutoff
        close = [m for m, score, _ in process.extract(ref, list(self.documents), limit=3) if score >= cutoff]
        hint = f"; did you mean {' or '.join(close)}?" if close else "; see `cow-compare list`"
        raise UnknownDocumentError(f"{ref!r} is not a corpus id, an id prefix or an existing file{hint}")


def load_corpus(directory: Path | None = None, *, settings: Settings | None = None) -> Corpus:
    """Return the corpus in a folder (default: default_corpus_dir()), checking ids and lineage."""
    directory = directory if directory is not None else default_corpus_dir()
    settings = settings if settings is not None else shipped_settings()
    parse_settings, limits = settings.parse, settings.limits
    if not directory.is_dir():
        raise CorpusError(f"{directory}: corpus folder not found; pass --corpus DIR or set {ENV_VAR}")
    documents: dict[str, Document] = {}
    for path in sorted(directory.glob("*.md")):
        # Name corpus files relative to the corpus folder's parent, so output is the same on every machine.
        shown = Path(directory.resolve().name) / path.name
        data = read_bytes(path, max_bytes=limits.max_file_bytes)
        doc = cached_parse(data, str(shown), parse_settings, _parser(data, path, str(shown), parse_settings, limits),
                           limits=limits)
        if doc.id in documents:
            other = documents[doc.id].source_path
            raise CorpusError(f"{path}: id {doc.id!r} is already used by {other}; give each file its own id")
        documents[doc.id] = doc
    return Corpus(directory, documents, _lineage(directory, documents, limits))


def _parser(data: bytes, path: Path, shown: str, settings: ParseSettings,
            limits: LimitSettings) -> Callable[[], Document]:
    """What parses one corpus file when the document cache misses (the parser is imported only then)."""
    def parse() -> Document:
        from .parse import parse_text

        return parse_text(decode_text(data, path), shown, settings=settings, limits=limits)

    return parse


def _lineage(directory: Path, documents: dict[str, Document], limits: LimitSettings) -> tuple[Edge, ...]:
    """Edges from lineage.toml, plus each document's own `derived_from`; every id must exist."""
    edges: set[Edge] = set()
    path = directory / LINEAGE_FILE
    if path.exists() or path.is_symlink():
        for n, (parent, child) in enumerate(_lineage_entries(path, limits), 1):
            for key, value in (("from", parent), ("to", child)):
                if value not in documents:
                    raise CorpusError(
                        f"{path}: edge {n} names unknown id {value!r} in `{key}`; "
                        f"use one of the ids in {directory}"
                    )
            edges.add(Edge(parent, child))
    for doc in documents.values():
        for parent in doc.derived_from:
            if parent not in documents:
                raise CorpusError(
                    f"{doc.source_path}: derived_from names unknown id {parent!r}; use an id from {directory}"
                )
            edges.add(Edge(parent, doc.id))
    return tuple(sorted(edges, key=lambda e: (e.parent, e.child)))


_EDGE_SHAPE = 'write each step as [[edge]] with from = "id" and to = "id"'


def _lineage_entries(path: Path, limits: LimitSettings) -> list[tuple[str, str]]:
    """The (from, to) pairs of lineage.toml; a CorpusError naming the file when it is not such a list."""
    from .frontmatter import loads_toml

    if path.is_dir():
        raise CorpusError(f"{path}: is a directory, not a TOML file; remove it, or make it a file in which you "
                          f"{_EDGE_SHAPE}")
    try:
        data = read_bytes(path, max_bytes=limits.max_file_bytes)
    except SourceFileError as exc:
        raise CorpusError(f"{exc} ({LINEAGE_FILE} must be a TOML file in which you {_EDGE_SHAPE})") from None
    try:
        table = loads_toml(data.decode("utf-8"), str(path), 1, limits.max_depth)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise CorpusError(f"{path}: not valid TOML ({exc}); fix the file") from None
    entries = table.get("edge", [])
    if not isinstance(entries, list):
        raise CorpusError(f"{path}: `edge` is {entries!r}, not a list of steps; {_EDGE_SHAPE}")
    pairs = []
    for n, entry in enumerate(entries, 1):
        if not isinstance(entry, dict) or not isinstance(entry.get("from"), str) or not isinstance(
            entry.get("to"), str
        ):
            raise CorpusError(f'{path}: edge {n} must be a table with from = "id" and to = "id"')
        pairs.append((entry["from"], entry["to"]))
    return pairs
