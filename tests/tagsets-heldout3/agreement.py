"""How far two careful people agree on this set: the ceiling a tagger can be held to.

A second helper, who saw only the ids and texts (not the writer's labels, the rules, the tagger or
any other set), labelled every item against the same definitions and conventions
(second-labeller.jsonl). This prints the second labeller's precision, recall and F1 against the
writer's labels, per tag and half, scored as the tagger is.

Usage: python -m tests.tagsets-heldout3.agreement   or   python tests/tagsets-heldout3/agreement.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

FOLDER = Path(__file__).resolve().parent
sys.path.insert(0, str(FOLDER.parent.parent))

from tests.tagsets.score import Scores, score  # noqa: E402

sys.path.insert(0, str(FOLDER))
from split import load  # noqa: E402


def agreement(which: str | None) -> Scores:
    """The second labeller scored against the writer on one half (both when None)."""
    second = {}
    for line in (FOLDER / "second-labeller.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        second[row["id"]] = frozenset((x["tag"], x["polarity"]) for x in row["labels"])
    items = load(which)  # type: ignore[arg-type]
    writer = {str(i["id"]): frozenset((x["tag"], x["polarity"]) for x in i["labels"]) for i in items}  # type: ignore[union-attr]
    return score(f"second labeller against the writer, {which or 'both halves'}", writer,
                 {key: second[key] for key in writer})


if __name__ == "__main__":
    for half in ("dev", "test", None):
        print("\n".join(agreement(half).lines()))
