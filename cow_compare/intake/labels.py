"""Labels provisions: their keys (p1, p2 for unnumbered text), dotted labels, and label clashes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from ..errors import ParseError
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


def assign(items: list[Item], path: str) -> None:
    """Give every item its dotted label (`10.c.ii`); raise a ParseError naming a label used twice."""
    for item in items:
        item.label = item.key if item.parent is None else f"{items[item.parent].label}.{item.key}"
    if not _clash(items):
        return
    # Numbering that restarts in each section: prefix the top level with the section's key.
    tops = [item for item in items if item.parent is None and item.section_key]
    clashing_sections = {i.section_key for i in tops if sum(1 for j in tops if j.key == i.key) > 1}
    if len({i.section_key for i in tops}) > 1 and clashing_sections:
        for item in items:
            if item.parent is None:
                item.label = f"{item.section_key}.{item.key}" if item.section_key else item.key
            else:
                item.label = f"{items[item.parent].label}.{item.key}"
    clash = _clash(items)
    if clash:
        first, second = clash
        raise ParseError(
            f"{path}:{second.first}: label {second.label!r} is used twice (lines {first.first} and "
            f"{second.first}); renumber one of them"
        )


def _clash(items: list[Item]) -> tuple[Item, Item] | None:
    """The first two items that share a label, in document order."""
    seen: dict[str, Item] = {}
    for item in items:
        if item.label in seen:
            return seen[item.label], item
        seen[item.label] = item
    return None
