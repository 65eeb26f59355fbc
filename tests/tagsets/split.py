"""The tag sets, split once into a DEV half and a TEST half (the TEST half was held out in round 1).

The labelled items in this folder were written by people who never saw the rules:
paraphrases-a.jsonl and paraphrases-b.jsonl (rewordings of corpus provisions, hard negatives, press
wordings) and other-agreements.jsonl (provisions of other conflicts' agreements). Each item goes to
a half by a salted SHA-256 of its id alone (first byte even: dev, odd: test), so the split depends on
nothing but the ids and the salt below, and was fixed before any rule was changed.

In round 1 whoever wrote rules read only the dev half, and the test half was scored once, unseen.
Since round 2 both halves are read for writing rules and both are fit (tests/test_tags_tagsets.py);
the split stays fixed so the two halves' figures can still be told apart. The held-out set of
round 2, tests/tagsets-heldout/, was read for round 3 and is development data too (burned); the
held-out set of round 3 is another folder, written later by someone else.

Usage: python tests/tagsets/split.py      (prints how many items of each file fall in each half)
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Half = Literal["dev", "test"]

SALT = "cow_compare/tagsets/split/v1:"
"""Fixed once; changing it would let a rule writer see test items, so it never changes."""
FOLDER = Path(__file__).resolve().parent
FILES = ("paraphrases-a.jsonl", "paraphrases-b.jsonl", "other-agreements.jsonl")


@dataclass(frozen=True)
class Item:
    """One labelled text: its id, words, file, and the (tag, polarity) pairs the labellers gave it."""

    id: str
    text: str
    file: str
    labels: tuple[tuple[str, str], ...]
    register: str = ""


def labels_of(raw: dict[str, object], *, as_written: bool = False) -> tuple[tuple[str, str], ...]:
    """An item's (tag, polarity) pairs: as they stand, or (`as_written`) as its writer gave them.

    A few items were relabelled when a definition was settled later (their `relabelled` field says
    when and why); `labels_as_written` keeps what the writer gave, so figures recorded before the
    change can still be checked against the labels they were measured on.
    """
    labels = raw.get("labels_as_written", raw.get("labels", [])) if as_written else raw.get("labels", [])
    return tuple((str(x["tag"]), str(x["polarity"])) for x in labels)  # type: ignore[union-attr, index]


def half(item_id: str) -> Half:
    """Return the half an item belongs to: dev when the salted hash's first byte is even."""
    return "dev" if hashlib.sha256((SALT + item_id).encode("utf-8")).digest()[0] % 2 == 0 else "test"


def load(which: Half, files: tuple[str, ...] = FILES, *, as_written: bool = False) -> list[Item]:
    """Return the items of one half, in file order (`as_written`: with the labels their writers gave)."""
    out = []
    for name in files:
        for line in (FOLDER / name).read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            raw = json.loads(line)
            if half(raw["id"]) != which:
                continue
            out.append(Item(raw["id"], raw["text"], name, labels_of(raw, as_written=as_written), raw.get("register", "")))
    return out


def counts() -> dict[str, dict[Half, int]]:
    """Return file -> half -> number of items (no texts)."""
    out: dict[str, dict[Half, int]] = {}
    for name in FILES:
        ids = [json.loads(line)["id"] for line in (FOLDER / name).read_text(encoding="utf-8").splitlines()
               if line.strip()]
        out[name] = {"dev": sum(half(i) == "dev" for i in ids), "test": sum(half(i) == "test" for i in ids)}
    return out


if __name__ == "__main__":
    for name, n in counts().items():
        print(f"{name:<24} dev {n['dev']:>4}  test {n['test']:>4}")
