"""Comparisons kept on disk, so that a repeated `diff` need not start the aligner.

Most of a corpus diff is start-up: importing the aligner and the word differ and running them
costs more than the rest of the command together. An untagged comparison is a pure function of
both documents' contents, the settings and the alignment and change code, so it is stored under
a key made of all of them and read back on the next run; tags are added on top from the tag
cache. A missing, unreadable or foreign entry is a miss (`cachefiles`): output never changes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from functools import cache
from typing import Any

from .cachefiles import PACKAGE, cache_folder, code_digest, read_entry, store_entry
from .model import Change, Document, Fact, Link, Op, Report

FORMAT = "cow-compare/comparison-cache/v1"


@cache
def _code_digest() -> str:
    """The alignment and change code, the pipeline and the model: what a comparison depends on."""
    parts = [code_digest(".", ("pipeline.py", "model.py", "comparisons.py"))]
    for folder in ("alignment", "changes"):
        names = tuple(sorted(str(p.relative_to(PACKAGE / folder)) for p in (PACKAGE / folder).rglob("*.py")))
        parts.append(code_digest(folder, names))
    parts.append(code_digest("data", ("topics.toml",)))
    return hashlib.sha256("".join(parts).encode("ascii")).hexdigest()


def cached_comparison(key: str, old: Document, new: Document, make: Callable[[], Report]) -> Report:
    """Return the untagged comparison under `key` from the cache, else `make()` it and store it."""
    folder = cache_folder()
    digest = hashlib.sha256(f"{_code_digest()}:{key}".encode()).hexdigest()[:32]
    path = folder / f"cmp-{digest}.json" if folder is not None else None
    text = read_entry(path)
    if text is not None:
        try:
            return _load(text, old, new)
        except (ValueError, KeyError, TypeError):
            pass  # a miss: compare and store
    report = make()
    store_entry(path, _dump(report))
    return report


def _dump(report: Report) -> str:
    def change(c: Change) -> list[Any]:
        link = c.link
        return [c.kind, c.rule, list(link.from_labels), list(link.to_labels), link.score, link.matched_by,
                link.reason, link.renumbered, link.moved, [[op.op, op.text] for op in c.ops],
                [[f.kind, f.before, f.after, f.summary] for f in c.facts]]

    return json.dumps({
        "format": FORMAT, "old": report.old.id, "new": report.new.id, "min_score": report.min_score,
        "settings": report.settings, "settings_digest": report.settings_digest, "relation": report.relation,
        "changes": [change(c) for c in report.changes],
    }, ensure_ascii=False)


def _load(text: str, old: Document, new: Document) -> Report:
    """Rebuild a comparison of these two documents; ValueError, KeyError or TypeError when it does not fit."""
    data = json.loads(text)
    if data.get("format") != FORMAT or data["old"] != old.id or data["new"] != new.id:
        raise ValueError("another cache format or another pair")
    changes = tuple(
        Change(kind, Link(tuple(from_), tuple(to), score, matched_by, reason, renumbered, moved),
               tuple(Op(o, t) for o, t in ops), tuple(Fact(*f) for f in facts), rule)
        for kind, rule, from_, to, score, matched_by, reason, renumbered, moved, ops, facts in data["changes"]
    )
    return Report(old, new, changes, data["min_score"], settings=data["settings"],
                  settings_digest=data["settings_digest"], relation=data["relation"])
