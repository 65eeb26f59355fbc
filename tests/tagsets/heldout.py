"""Scoring a held-out tag set folder (tests/tagsets-heldout3 to -heldout9) by its halves.

Each folder holds `items.jsonl` (the writer's labels) and `second-labeller.jsonl` (another reader's
labels of the same texts); a salted hash of each id put every item in a DEV or a TEST half when the
set arrived (`SaltedSplit`, salted with the folder's name; heldout-3 and -4 keep the split.py they
came with). These functions print figures only, never an item or a miss: the TEST halves
are what the README reports, and nobody who writes rules may read their misses.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from .score import TAGS, Scores, score

if TYPE_CHECKING:
    from cow_compare.tags.engine import Tagger

TESTS = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class SaltedSplit:
    """A set's two halves: an item goes to DEV when the SHA-256 of `cow_compare/<folder>/split/v1:`
    and its id starts with an even byte, else to TEST. The salt is the folder's name, fixed when the
    set arrived and before anyone measured it; the split depends on nothing but it and the ids."""

    folder: Path

    @property
    def salt(self) -> str:
        return f"cow_compare/{self.folder.name}/split/v1:"

    def half(self, item_id: str) -> str:
        return "dev" if hashlib.sha256((self.salt + item_id).encode("utf-8")).digest()[0] % 2 == 0 else "test"

    def load(self, which: str | None = None) -> list[dict[str, object]]:
        """The items of one half (both when None), in file order."""
        text = (self.folder / "items.jsonl").read_text(encoding="utf-8")
        items = [json.loads(line) for line in text.splitlines() if line.strip()]
        return [i for i in items if which is None or self.half(str(i["id"])) == which]


def split_of(folder: Path) -> ModuleType | SaltedSplit:
    """The folder's split: its own split.py where it has one (heldout-3 and -4, written before the
    shared one), loaded as a module (`load(which)`, `half(id)`), else the shared `SaltedSplit`."""
    if not (folder / "split.py").exists():
        return SaltedSplit(folder)
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


HELD_OUT: tuple[tuple[str, str | None], ...] = (
    ("tagsets-heldout3", "test"), ("tagsets-heldout4", "test"), ("tagsets-heldout5", "test"),
    ("tagsets-heldout6", "test"), ("tagsets-heldout7", "test"), ("tagsets-heldout8", "test"),
    ("tagsets-heldout9", "test"), ("tagsets-heldout10", "test"), ("tagsets-heldout11", "test"),
    ("tagsets-heldout12", None), ("tagsets-heldout13", None), ("tagsets-heldout14", None),
    ("tagsets-heldout15", None))
"""What no rule of the default was written from: the TEST halves of the sets a round read the DEV
half of, and the whole of the sets none read. (The learned layers were trained on heldout-6 to -9.)"""

LAYER_SEEN = frozenset(f"tagsets-heldout{n}" for n in (6, 7, 8, 9))
"""The sets the learned layers (implications.v6, v8, and v9's, which is v8's) were trained on, whole."""

UNSEEN_BY_LAYER: tuple[tuple[str, str | None], ...] = tuple(p for p in HELD_OUT if p[0] not in LAYER_SEEN)
"""The held-out parts neither the rules nor a layer saw: where the default's polarity is measured
(its tags are its rules', so they are measured on every held-out part)."""


def pooled_scores(tagger: Tagger | None, parts: tuple[tuple[str, str | None], ...] = HELD_OUT,
                  labels: str = "") -> Scores:
    """One score over several held-out parts at once, every item counted once (the tagger's, or with
    `tagger` None and `labels` a file name, another reader's labels of the same items)."""
    gold: dict[str, frozenset[tuple[str, str]]] = {}
    predicted: dict[str, frozenset[tuple[str, str]]] = {}
    for name, which in parts:
        folder = TESTS / name
        items = split_of(folder).load(which)
        gold.update(_gold(items))
        if tagger is not None:
            found = tagger.tag_texts(str(i["text"]) for i in items)
            predicted.update({str(i["id"]): frozenset((t.tag, t.polarity) for t in tags)
                              for i, tags in zip(items, found, strict=True)})
        else:
            theirs = _labels(folder / labels)
            predicted.update({str(i["id"]): theirs[str(i["id"])] for i in items})
    return score(f"pooled over {len(parts)} held-out parts", gold, predicted)


def check_halves(folder: Path, dev: int, test: int) -> None:
    """The set's halves are the sizes the salted hash gave on arrival, and disjoint."""
    split = split_of(folder)
    halves = split.load("dev"), split.load("test")
    assert (len(halves[0]), len(halves[1]), len(split.load())) == (dev, test, dev + test)
    assert {i["id"] for i in halves[0]}.isdisjoint({i["id"] for i in halves[1]})


def check_figures(tagger: Tagger, folder: Path, which: str | None, f1_at_least: dict[str, float],
                  precision_at_least: float, polarity_at_least: float, shown: tuple[str | None, ...]) -> None:
    """Print the `shown` halves' figures (never an item) and hold `which` half (None: the whole set)
    to its floors; pytest's capture is left to the caller (`capsys.disabled()`)."""
    measured = half_scores(tagger, folder, which)
    print("\n  tags, " + "\n  ".join(line for part in shown for line in half_scores(tagger, folder, part).lines()))
    for tag in TAGS:
        assert measured.by_tag(tag).precision >= precision_at_least, tag
        assert measured.by_tag(tag).f1 >= f1_at_least[tag], tag
    assert measured.polarity >= polarity_at_least


if __name__ == "__main__":
    import sys

    for name in sys.argv[1:]:  # python -m tests.tagsets.heldout tests/tagsets-heldout6 ...: the halves' sizes
        split = split_of(Path(name).resolve())
        print(f"{name}: dev {len(split.load('dev'))} items, test {len(split.load('test'))} items")
