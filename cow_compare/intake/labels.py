"""Labels provisions: their keys (p1, p2 for unnumbered text), dotted labels, lists and labels printed twice."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Literal

from .markers import Reading

if TYPE_CHECKING:
    from .outline import Item


class Keys:
    """Hands out the keys of provisions: the printed number or letter, `option-a`, and for text
    printed without one p1, p2, ... under each parent, or preamble, preamble-2, closing, ..."""

    def __init__(self) -> None:
        self._unnumbered: dict[int | None, int] = {}
        self._paragraphs: dict[str, int] = {}

    def marked(self, reading: Reading, parent: int | None) -> str:
        """The key of a provision opened by a marker read as `reading`, under the item `parent`."""
        if reading.kind == "bullet":
            return self.unnumbered(parent)
        if reading.kind == "option":
            return f"option-{reading.key}"
        return reading.key

    def unnumbered(self, parent: int | None) -> str:
        """p1, p2, ... in document order under one parent (None: the top level)."""
        count = self._unnumbered[parent] = self._unnumbered.get(parent, 0) + 1
        return f"p{count}"

    def paragraph(self, kind: Literal["preamble", "closing"]) -> str:
        """`preamble` for the first preamble paragraph, then `preamble-2`, ...; likewise `closing`."""
        count = self._paragraphs[kind] = self._paragraphs.get(kind, 0) + 1
        return kind if count == 1 else f"{kind}-{count}"


def assign(items: list[Item], warn: Callable[[int, str], None]) -> None:
    """Give every item its dotted label (`10.c.ii`), unique in the document.

    A page's second list (numbering that restarts) has its top level prefixed: with the section
    keys when each list stands under a heading of its own (`I.1`, `II.1`), else `s2.`, `s3.`. A label
    the page prints twice is kept, the later one suffixed `-2` (`8`, `8-2`), with a warning.
    """
    _label(items, {})
    lists = sorted({item.list_no for item in items if item.reading is not None})
    if len(lists) > 1:
        _label(items, _list_prefixes(items, lists))
    elif _clash(items):
        # Numbering that restarts in each section: prefix the top level with the section's key.
        tops = [item for item in items if item.parent is None and item.section_key]
        clashing_sections = {i.section_key for i in tops if sum(1 for j in tops if j.key == i.key) > 1}
        if len({i.section_key for i in tops}) > 1 and clashing_sections:
            _label(items, {0: ""})
    seen: dict[str, Item] = {}
    for item in items:
        if item.parent is not None:
            item.label = f"{items[item.parent].label}.{item.key}"
        if item.label in seen:
            first = seen[item.label]
            n = 2
            while f"{item.label}-{n}" in seen:
                n += 1
            warn(item.first, f"label {item.label!r} is printed twice (lines {first.first} and {item.first}): "
                             f"the second is labelled {item.label}-{n}")
            item.label = f"{item.label}-{n}"
        seen[item.label] = item


def _label(items: list[Item], prefixes: dict[int, str]) -> None:
    """Label every item from its key and its parent's label; `prefixes` by list number, `{0: ""}`
    meaning: prefix every marked top-level item with its section key."""
    for item in items:
        if item.parent is not None:
            item.label = f"{items[item.parent].label}.{item.key}"
        elif item.reading is None:
            item.label = item.key
        elif 0 in prefixes:
            item.label = f"{item.section_key}.{item.key}" if item.section_key else item.key
        else:
            prefix = prefixes.get(item.list_no, "")
            item.label = f"{prefix}.{item.key}" if prefix else item.key


def _list_prefixes(items: list[Item], lists: list[int]) -> dict[int, str]:
    """Section keys when each list stands under a heading of its own, else s2, s3 for the later lists."""
    keys: dict[int, set[str]] = {n: set() for n in lists}
    for item in items:
        if item.parent is None and item.reading is not None:
            keys[item.list_no].add(item.section_key)
    own = [next(iter(k)) for k in keys.values() if len(k) == 1]
    if len(own) == len(lists) and all(own) and len(set(own)) == len(own):
        return {0: ""}
    return {n: f"s{n}" for n in lists if n > 1}


def _clash(items: list[Item]) -> bool:
    """Whether two items share a label."""
    labels = [item.label for item in items]
    return len(set(labels)) < len(labels)
