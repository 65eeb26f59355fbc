"""Scoring a held-out tag set folder (tests/tagsets-heldout3, tests/tagsets-heldout4) by its halves.

Each folder holds `items.jsonl` (the writer's labels), `second-labeller.jsonl` (another reader's
labels of the same texts) and `split.py`, whose salted hash put every item in a DEV or a TEST half
when the set arrived. These functions print figures only, never an item or a miss: the TEST halves
are what the README reports, and nobody who writes rules may read their misses.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from .score import Scores, score

if TYPE_CHECKING:
    from cow_compare.tags.engine import Tagger

TESTS = Path(__file__).resolve().parent.parent


def split_of(folder: Path) -> ModuleType:
    """The folder's split.py, loaded as a module (`load(which)`, `half(id)`)."""
    spec = importlib.util.spec_from_file_location(f"{folder.name.replace('-', '_')}_split", folder / "split.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _gold(items: list[dict[str, object]]) -> dict[str, frozenset[tuple[str, str]]]:
    return {str(i["id"]): frozenset((str(x["tag"]), str(x["polarity"])) for x in i["labels"])  # type: ignore[attr-defined]
            for i in items}


def half_scores(tagger: Tagger, folder: Path, which: str | None, labels: str = "") -> Scores:
    """The tagger's scores on one half of the folder's set (`None`: the whole set), against the
    writer's labels, or against another reader's (`labels`: a JSONL file of the folder, {id, labels})."""
    items = split_of(folder).load(which)
    found = tagger.tag_texts(str(i["text"]) for i in items)
    predicted = {str(i["id"]): frozenset((t.tag, t.polarity) for t in tags)
                 for i, tags in zip(items, found, strict=True)}
    gold = _gold(items) if not labels else {key: value for key, value in _labels(folder / labels).items()
                                            if key in predicted}
    name = f"{folder.name}, {which or 'whole'}{' half' if which else ' set'}{f' ({labels})' if labels else ''}"
    return score(name, gold, predicted)


def _labels(path: Path) -> dict[str, frozenset[tuple[str, str]]]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {row["id"]: frozenset((x["tag"], x["polarity"]) for x in row["labels"]) for row in rows}


def second_labeller_scores(folder: Path, which: str | None) -> Scores:
    """The second reader's labels of one half, scored against the writer's as the tagger is."""
    items = split_of(folder).load(which)
    second = _labels(folder / "second-labeller.jsonl")
    gold = _gold(items)
    return score(f"second labeller, {folder.name}, {which or 'whole'}", gold, {key: second[key] for key in gold})
