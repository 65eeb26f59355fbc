"""Tagged documents kept on disk, so a command that tags need not start spaCy when nothing changed.

Starting spaCy (importing it, loading the lemma table, compiling the patterns) takes most of a
second; tagging the corpus itself takes a tenth of that. Tags are a pure function of the
provisions' texts, the rule set and the tagging code, so a tagged document is stored under a key
made of all three (plus the spaCy and lookup-data versions), and read back on the next run. A
missing, unreadable or foreign cache file is simply a miss: the cache can only make a run faster,
never change what it prints.

The folder and the writing are `cachefiles`' (`$COW_COMPARE_CACHE`; `off` turns caching off).
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..cachefiles import CACHE_ENV as CACHE_ENV  # re-exported: tests and callers name it here
from ..cachefiles import cache_folder, code_digest, read_entry, store_entry
from ..model import Document, Evidence, ProvisionTags, Tag, TaggedDocument
from .rules import RuleSet

if TYPE_CHECKING:
    from .engine import Tagger

FORMAT = "cow-compare/tag-cache/v2"
_CODE = ("engine.py", "chunks.py", "regexes.py", "polarity.py", "rollup.py", "rules.py", "validate.py", "language.py",
         "layer.py", "cache.py")


@cache
def _code_digest() -> str:
    """A digest of the tagging code and of the versions of spaCy and its lemma tables.

    The versions are read from each package's `about.py` through `find_spec`, which neither imports
    spaCy nor scans every installed distribution as importlib.metadata does (start-up counts).
    """
    digest = hashlib.sha256(code_digest("tags", _CODE).encode("ascii"))
    for package in ("spacy", "spacy_lookups_data"):
        spec = find_spec(package)
        about = Path(spec.origin).parent / "about.py" if spec is not None and spec.origin else None
        try:
            digest.update(package.encode() + (about.read_bytes() if about is not None else b"absent"))
        except OSError:
            digest.update(f"{package}=unreadable".encode())
    return digest.hexdigest()


def cache_key(document: Document, rules: RuleSet) -> str:
    digest = hashlib.sha256(_code_digest().encode())
    digest.update(rules.digest.encode("ascii"))
    for p in document.provisions:
        digest.update(json.dumps([p.label, p.parent, p.status, p.text], ensure_ascii=False).encode("utf-8"))
    return digest.hexdigest()[:32]


def _dump(tagged: TaggedDocument) -> str:
    def tag(t: Tag) -> dict[str, Any]:
        return {"tag": t.tag, "polarity": t.polarity, "rule": t.rule, "source": t.source,
                "confidence": t.confidence, "via": list(t.via),
                "evidence": [[e.start, e.end, e.text, e.label] for e in t.evidence]}

    return json.dumps({
        "format": FORMAT, "ruleset": tagged.ruleset, "categories": list(tagged.categories),
        "language": tagged.language, "covered": tagged.covered,
        "provisions": [[p.provision.label, [tag(t) for t in p.tags]] for p in tagged.provisions],
    }, ensure_ascii=False)


def _load(text: str, document: Document) -> TaggedDocument:
    """Rebuild a tagged document; ValueError, KeyError or TypeError when the file does not fit."""
    data = json.loads(text)
    if data.get("format") != FORMAT:
        raise ValueError("another cache format")
    labels = [label for label, _tags in data["provisions"]]
    if labels != [p.label for p in document.provisions]:
        raise ValueError("another document")
    provisions = tuple(
        ProvisionTags(p, tuple(
            Tag(t["tag"], t["polarity"], tuple(Evidence(s, e, w, lab) for s, e, w, lab in t["evidence"]),
                t["rule"], t["source"], t["confidence"], tuple(t["via"]))
            for t in tags))
        for p, (_label, tags) in zip(document.provisions, data["provisions"], strict=True)
    )
    return TaggedDocument(document, data["ruleset"], provisions, tuple(data["categories"]), str(data["language"]),
                          bool(data["covered"]))


class CachedTagger:
    """A Tagger that first looks for the document's tags on disk; spaCy starts only on a miss."""

    def __init__(self, rules: RuleSet, folder: Path | None = None) -> None:
        self.rules = rules
        self.folder = folder if folder is not None else cache_folder()
        self._tagger: Tagger | None = None
        # `report --all` compares one version with several others: read its tags once per run.
        self._seen: dict[str, TaggedDocument] = {}

    def tag_document(self, document: Document) -> TaggedDocument:
        key = cache_key(document, self.rules)
        if key in self._seen and self._seen[key].document == document:
            return self._seen[key]
        path = self.folder / f"{key}.json" if self.folder is not None else None
        tagged = None
        text = read_entry(path)
        if text is not None:
            try:
                tagged = _load(text, document)
            except (ValueError, KeyError, TypeError):
                tagged = None  # a miss: tag and store
        if tagged is None:
            tagged = self.tagger().tag_document(document)
            if path is not None:
                store_entry(path, _dump(tagged))
        self._seen[key] = tagged
        return tagged

    def tagger(self) -> Tagger:
        if self._tagger is None:
            from .engine import Tagger

            self._tagger = Tagger(self.rules)
        return self._tagger
