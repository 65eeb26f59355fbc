"""Keeps the open numbering sequences on a stack and chooses the level each marked line joins.

A marked line joins the tree by the open sequence it continues:

1. A marker that continues an open sequence (`11.` after `10.`, `c)` after `b)`) joins that
   level; when several levels could take it, the one at the same indentation wins, else the
   innermost.
2. A marker that starts a sequence (`1.`, `a.`, `i.`, a bullet, an option) under an open point
   opens a level below it: this is how sub-items numbered `1.` again under point 5 stay sub-items.
3. A marker that skips ahead in an open sequence joins it with a warning ("numbers jump from 2 to 4").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..model import Warning_
from ..settings import ParseSettings
from .labels import Keys
from .lines import Line, heading_title
from .markers import Marker, Reading, roman_value


@dataclass
class Item:
    """A provision while it is being built; frozen into a Provision at the end."""

    key: str
    reading: Reading | None
    printed: str
    parts: list[str]
    first: int
    last: int
    parent: int | None
    depth: int
    section: str
    section_key: str
    notes: list[str] = field(default_factory=list)
    label: str = ""


@dataclass
class Level:
    """An open numbering sequence: its kind, where it stands, and the item that is its latest."""

    kind: str
    last: int
    indent: int
    item: int


class Outline:
    """The provisions read so far, the open sequences (innermost last) and the section they stand in."""

    def __init__(self, settings: ParseSettings) -> None:
        self.settings = settings
        self.items: list[Item] = []
        self.stack: list[Level] = []
        self.warnings: list[Warning_] = []
        self.keys = Keys()
        self.numbered = False
        """Whether any provision is printed with a number or a letter."""
        self.section = ""
        self.section_key = ""
        self._sections_seen = 0
        self.paragraph: int | None = None
        """The preamble, closing or unnumbered paragraph being accumulated, if any."""

    def warn(self, line: int, message: str) -> None:
        self.warnings.append(Warning_(line, message))

    def open_item(self) -> int | None:
        """The item running text continues: the paragraph being accumulated, else the innermost
        open provision."""
        if self.paragraph is not None:
            return self.paragraph
        return self.stack[-1].item if self.stack else None

    def extend(self, index: int, line: Line) -> None:
        item = self.items[index]
        item.parts.append(line.text)
        item.last = line.number

    def heading(self, line: Line) -> None:
        """A heading opens a section: no sequence stays open across it."""
        title = heading_title(line)
        self.section = title
        self._sections_seen += 1
        printed = title.split(".", 1)[0]
        self.section_key = printed if roman_value(printed) and printed.isupper() else f"s{self._sections_seen}"
        self.stack.clear()
        self.paragraph = None

    def year_at_line_start(self, line: Line) -> bool:
        """`2026. The date...` in a wrapped point: a large number that continues no open sequence."""
        assert line.marker is not None
        readings = line.marker.readings
        if not all(r.kind == "arabic" and r.value > self.settings.max_point_number for r in readings):
            return False
        return not any(level.kind == "arabic" and level.last + 1 == readings[0].value for level in self.stack)

    def place(self, line: Line) -> None:
        """Put the provision(s) a marked line opens where they belong in the tree."""
        assert line.marker is not None
        self.paragraph = None
        for index, marker in enumerate(_split_glued(line.marker)):
            if index > 0:
                self.warn(line.number, f"two provisions on one line: split before {marker.printed!r}")
            self._place(marker, line)

    def _place(self, marker: Marker, line: Line) -> None:
        depth, reading = self._choose_level(marker, line)
        parent = self.stack[depth - 1].item if depth > 0 else None
        del self.stack[depth:]
        key = self.keys.marked(reading, parent)
        if reading.kind not in ("bullet", "option"):
            self.numbered = True
        item = Item(key, reading, marker.printed, [marker.rest] if marker.rest else [], line.number, line.number,
                    parent, depth, self.section, self.section_key)
        self.items.append(item)
        self.stack.append(Level(reading.kind, reading.value, line.indent, len(self.items) - 1))

    def _choose_level(self, marker: Marker, line: Line) -> tuple[int, Reading]:
        """Return the depth the marker goes to and the reading of it that fits there."""
        continuing: list[tuple[int, Reading]] = []
        for depth in range(len(self.stack) - 1, -1, -1):
            level = self.stack[depth]
            for reading in marker.readings:
                if reading.kind != level.kind:
                    continue
                if reading.kind == "bullet":
                    if level.indent == line.indent:
                        continuing.append((depth, reading))
                elif reading.kind == "option" or reading.value == level.last + 1:
                    continuing.append((depth, reading))
        if continuing:
            same_indent = [c for c in continuing if self.stack[c[0]].indent == line.indent]
            return (same_indent or continuing)[0]

        reading = _preferred(marker.readings)
        if not self.stack:
            return 0, reading
        innermost = self.stack[-1]
        starts = reading.kind in ("bullet", "option") or reading.value == 1
        indented_sub_level = len(self.stack) > 1 and innermost.indent > self.stack[-2].indent
        if starts and reading.kind != innermost.kind and indented_sub_level and line.indent == innermost.indent:
            # Options after lettered sub-items, at the same indentation: siblings, not children.
            return len(self.stack) - 1, reading
        if line.indent > innermost.indent or starts:
            # A new sequence under the innermost open provision.
            if reading.kind == innermost.kind == "arabic":
                parent_label = self.items[innermost.item].key
                self.warn(line.number, f"sub-items numbered {marker.printed} again under point {parent_label}")
            return len(self.stack), reading
        for depth in range(len(self.stack) - 1, -1, -1):
            level = self.stack[depth]
            if level.kind == reading.kind:
                before = self.items[level.item].key
                direction = "jump" if reading.value > level.last else "go back"
                self.warn(line.number, f"numbers {direction} from {before} to {reading.key}")
                return depth, reading
        self.warn(line.number, f"sub-items start at {marker.printed} rather than at the first of their kind")
        return len(self.stack), reading


def _preferred(readings: tuple[Reading, ...]) -> Reading:
    """Without a sequence to continue: a reading that starts one (`i` as roman one), else a letter."""
    for reading in readings:
        if reading.value == 1:
            return reading
    for reading in readings:
        if reading.kind == "letter":
            return reading
    return readings[0]


@lru_cache(maxsize=1)
def _glued_pattern() -> re.Pattern[str]:
    # A candidate for the next point glued onto a line: after a sentence end, a number or a letter with
    # its punctuation, then a capital. Whether it really is the next point is checked against the value.
    return re.compile(r"(?<=[.;:!?])[\"')\]]*\s+(\(?)(\d+|[a-z])([.)])\s+(?=[A-Z\"'\[(])")


def _split_glued(marker: Marker) -> list[Marker]:
    """Split `1. Text. 2. Text.` into one marker per point; only the next number in sequence splits."""
    out = [marker]
    while True:
        current = out[-1]
        reading = current.readings[0]
        if reading.kind not in ("arabic", "letter") or current.style not in ("arabic", "alpha"):
            return out
        nxt = str(reading.value + 1) if reading.kind == "arabic" else chr(ord("a") + reading.value)
        opener = "(" if current.printed.startswith("(") else ""
        found = next(
            (m for m in _glued_pattern().finditer(current.rest)
             if m.group(2) == nxt and m.group(3) == current.printed[-1] and m.group(1) == opener),
            None,
        )
        if found is None:
            return out
        head = current.rest[: found.start()].rstrip()
        tail = current.rest[found.end():]
        printed = f"{found.group(1)}{found.group(2)}{found.group(3)}"
        out[-1] = Marker(current.printed, current.readings, head, current.style)
        out.append(Marker(printed, (Reading(reading.kind, reading.value + 1, nxt),), tail, current.style))
