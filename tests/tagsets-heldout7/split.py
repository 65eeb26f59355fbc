"""The held-out tag set number 7, split once into a DEV half and a TEST half before anyone measured it.

The items were written by a helper that never saw the rules, the tagger's output or any other tag
set (README.md), after implications.v5 and round 7 were written; no rule was ever written
from it. Each item goes to a half by a salted SHA-256 of its id alone (first byte
even: dev, odd: test), fixed when the set arrived and before any measurement. No rule change has
read either half, so both halves, and the whole set, measure the rules; a later round may read the
DEV half only.

Usage: python tests/tagsets-heldout7/split.py   (prints how many items fall in each half)
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Literal

Half = Literal["dev", "test"]

SALT = "cow_compare/tagsets-heldout7/split/v1:"
"""Fixed once, before the set was measured; changing it would mix the halves, so it never changes."""
ITEMS = Path(__file__).resolve().parent / "items.jsonl"


def half(item_id: str) -> Half:
    """The half an item belongs to: dev when the salted hash's first byte is even."""
    return "dev" if hashlib.sha256((SALT + item_id).encode("utf-8")).digest()[0] % 2 == 0 else "test"


def load(which: Half | None = None) -> list[dict[str, object]]:
    """The items of one half (both when None), in file order."""
    items = [json.loads(line) for line in ITEMS.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [i for i in items if which is None or half(str(i["id"])) == which]


if __name__ == "__main__":
    for name in ("dev", "test"):
        print(f"{name}: {len(load(name))} items")
