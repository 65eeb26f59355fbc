"""The decisions standing on a version, kept on disk, so an unchanged store is not read again.

Reading the store means starting SQLite, finding the decisions in force on the version and its
ancestors, and carrying them through the lineage's comparisons: a tenth of a `tag` run with 10,000
decisions. What comes out is a function of the store's contents, the texts of the version and its
ancestors, the lineage between them, the settings (which shape the alignment) and the code, so it
is kept under a key made of all of them, like the tag and comparison caches (`cachefiles`; off
with COW_COMPARE_CACHE=off), and a missing, unreadable or foreign entry is simply a miss.

The store's contents are known without opening it: SQLite writes every transaction to the
`-wal` file (appending frames, or restarting the file with new salts in its header) and every
checkpoint to the main file, so the device, inode, size and modification time of both files, with
the main file's 100-byte header and the WAL's 32-byte header, change whenever what is committed
can have changed.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from ..cachefiles import code_digest
from ..model import Decision, Evidence, Standing

FORMAT = "cow-compare/standings-cache/v1"


def store_token(path: Path) -> str | None:
    """A digest that changes whenever the store's committed contents may have; None without a store file."""
    parts = []
    for file, header in ((path, 100), (Path(f"{path}-wal"), 32)):
        try:
            stat = os.stat(file)
            with open(file, "rb") as handle:
                head = handle.read(header)
        except FileNotFoundError:
            if file == path:
                return None
            parts.append("no WAL")
            continue
        except OSError:
            return None
        if file != path and stat.st_size == 0:
            # An empty WAL holds nothing: a reader's open connection makes one, and closing removes it.
            parts.append("no WAL")
            continue
        parts.append(f"{stat.st_dev}:{stat.st_ino}:{stat.st_size}:{stat.st_mtime_ns}:{head.hex()}")
    return hashlib.sha256("|".join([str(path.resolve()), *parts]).encode()).hexdigest()


@cache
def _code() -> str:
    return code_digest("decisions", ("view.py", "carry.py", "store.py", "cache.py"))


def entry_name(token: str, inputs: Sequence[str]) -> str:
    """The cache file's name for a store state and everything else the standings depend on."""
    digest = hashlib.sha256(f"{FORMAT}|{_code()}|{token}".encode())
    for part in inputs:
        digest.update(b"|" + part.encode("utf-8"))
    return f"dec-{digest.hexdigest()[:32]}.json"


def dump(standings: Sequence[Standing]) -> str:
    def event(e: Decision) -> list[Any]:
        return [e.event, e.uid, e.at, e.analyst, e.action, e.doc, e.label, e.fingerprint, e.tag, e.polarity,
                [[x.start, x.end, x.text] for x in e.evidence], e.rule, e.ruleset, e.why, e.retracts, e.tool]

    return json.dumps({"format": FORMAT, "standings": [
        [event(s.event), s.doc, s.label, s.state, s.carried_through] for s in standings]}, ensure_ascii=False)


def load(text: str) -> tuple[Standing, ...]:
    """The standings of a cache entry; ValueError, KeyError or TypeError when it does not fit."""
    data = json.loads(text)
    if data.get("format") != FORMAT:
        raise ValueError("another cache format")
    out = []
    for (number, uid, at, analyst, action, doc, label, fingerprint, tag, polarity, evidence, rule, ruleset, why,
         retracts, tool), on_doc, on_label, state, carried_through in data["standings"]:
        event = Decision(number, uid, at, analyst, action, doc, label, fingerprint, tag, polarity,
                         tuple(Evidence(s, e, w) for s, e, w in evidence), rule, ruleset, why, retracts, tool)
        out.append(Standing(event, on_doc, on_label, state, carried_through))
    return tuple(out)
