"""Keeps the open numbering sequences on a stack and chooses the level each marked line joins.

A marked line joins the tree by the open sequence it continues:

1. A marker that continues an open sequence (`11.` after `10.`, `c)` after `b)`) joins that
   level; when several levels could take it, the one at the same indentation wins, else the
   innermost.
2. A marker that starts a sequence (`1.`, `a.`, `i.`, a bullet, an option) under an open point
   opens a level below it: this is how sub-items numbered `1.` again under point 5 stay sub-items.
   At the top level, numbers starting again at 1 are a page's second list instead (a restart
   after a heading, or one the point above does not announce with a colon and after which its
   numbering does not resume), and the warning says so.
3. A marker that skips ahead in an open sequence joins it with a warning ("numbers jump from 2 to 4").

An article or chapter heading (`ARTICLE I`, `第1条`) holds the numbered paragraphs after it and
never nests under a point; `5.2` goes under point 5. A short title line `5. Security` right before
`5. The United States ...` is a heading naming the point, not a provision. Likely markers
(`9.NATO`, `10 Text`) are only taken where they continue or start a sequence (`accepts`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Warning_
from ..settings import ParseSettings
from .labels import Keys
from .lines import Line, heading_title
from .markers import Marker, Reading
from .numerals import roman_value


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
    struck: bool = False
    """Named only to say it was removed (`(Point 3 removed)`): a struck slot whatever its text."""
    list_no: int = 1
    """Which list of the page the provision belongs to (a second list restarts the numbering)."""


@dataclass
class Level:
    """An open numbering sequence: its kind, where it stands, and the item that is its latest."""

    kind: str
    last: int
    indent: int
    item: int


TITLE_WORDS = 12
"""At most this many words make a line that repeats the next line's number a title naming it."""

_RANK = {"chapter": 0, "article": 1}
"""Headings that hold numbered paragraphs, outermost first: they never nest under a point."""


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
        self._section_key = ""
        self._unkeyed = False
        """A section was opened that no provision stands in yet: it has no key (no number) so far."""
        self._sections_seen = 0
        self._heading_since_item = False
        self.lists = 1
        """How many separate lists the page holds so far."""
        self.paragraph: int | None = None
        """The preamble, closing or unnumbered paragraph being accumulated, if any."""
        self._later: dict[tuple[str, int], list[int]] = {}

    def warn(self, line: int, message: str) -> None:
        self.warnings.append(Warning_(line, message))

    def expect(self, lines: list[Line]) -> None:
        """Note the markers still to come, so that a restart can tell sub-items from a new list."""
        for line in lines:
            if line.kind == "marker" and line.marker is not None:
                for reading in line.marker.readings:
                    self._later.setdefault((reading.kind, reading.value), []).append(line.number)

    def _comes_later(self, kind: str, value: int, after: int) -> bool:
        """Whether a marker of that kind and value stands on line `after` or below. The line itself
        counts: a marker split out of it (`Point 1: ... Point 2: ...`) comes after the one opening it,
        as it would on a line of its own, so the reading does not depend on where the line breaks."""
        numbers = self._later.get((kind, value), [])
        return bool(numbers) and numbers[-1] >= after

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
        self._open_section(heading_title(line))
        self.stack.clear()
        self.paragraph = None
        self._heading_since_item = True

    def _open_section(self, title: str) -> None:
        """Name the section the provisions from here on stand in."""
        self.section = title
        self._unkeyed = True

    @property
    def section_key(self) -> str:
        """The key of the section a provision placed now stands in: its roman number (`II`), else `s3`
        for the third section that holds a provision. A heading no provision stands under takes no
        number, so the keys do not depend on headings that hold nothing (a page's running heads, or
        a title line the Markdown writer has no provision to write under)."""
        if self._unkeyed:
            self._unkeyed = False
            self._sections_seen += 1
            printed = self.section.split(".", 1)[0]
            self._section_key = printed if roman_value(printed) and printed.isupper() else f"s{self._sections_seen}"
        return self._section_key

    def year_at_line_start(self, line: Line) -> bool:
        """`2026. The date...` in a wrapped point: a large number that continues no open sequence."""
        assert line.marker is not None
        readings = line.marker.readings
        if not all(r.kind == "arabic" and r.value > self.settings.max_point_number for r in readings):
            return False
        return not any(level.kind == "arabic" and level.last + 1 == readings[0].value for level in self.stack)

    def accepts(self, line: Line, after_break: bool, after_marker: bool) -> bool:
        """Whether a marked line opens a provision: a likely marker (`9.NATO`, `8 - text`, `10 Text`)
        only when it continues an open sequence or starts one; `after_break`: the line before it
        ended a sentence or was blank; `after_marker`: it was a marked line that ended a sentence."""
        assert line.marker is not None
        marker = line.marker
        if self.year_at_line_start(line):
            return False
        if marker.strength == "strong":
            return True
        continues = any(level.kind == r.kind and level.last + 1 == r.value
                        for level in self.stack for r in marker.readings)
        if marker.strength == "continue":
            return continues and after_break
        if marker.strength == "adjacent":
            return continues and after_marker
        return continues or any(r.value == 1 for r in marker.readings)

    def place(self, line: Line) -> None:
        """Put the provision(s) a marked line opens where they belong in the tree."""
        assert line.marker is not None
        self.paragraph = None
        marker = line.marker
        if line.split == "glued":
            where = f"the note that point {marker.readings[0].key} was removed" if marker.style == "deleted-mention" \
                else repr(marker.printed)
            self.warn(line.number, f"two provisions on one line: split before {where}")
        elif line.split == "inline":
            self.warn(line.number, f"{line.run} provisions run together in one paragraph: split at their numbers")
        if marker.through:
            first = marker.readings[0]
            for value in range(first.value, marker.through + 1):
                self._place(Marker(str(value), (Reading(first.kind, value, str(value)),), marker.rest, marker.style,
                                   struck=marker.struck), line)
            return
        self._place(marker, line)

    def _place(self, marker: Marker, line: Line) -> None:
        self._drop_heading_repeating(marker, line)
        depth, reading = self._choose_level(marker, line)
        parent = self.stack[depth - 1].item if depth > 0 else None
        del self.stack[depth:]
        key = self.keys.marked(reading, parent)
        if reading.kind not in ("bullet", "option"):
            self.numbered = True
        item = Item(key, reading, marker.printed, [marker.rest] if marker.rest else [], line.number, line.number,
                    parent, depth, self.section, self.section_key, struck=marker.struck, list_no=self.lists)
        self.items.append(item)
        self.stack.append(Level(reading.kind, reading.value, line.indent, len(self.items) - 1))
        self._heading_since_item = False

    def _drop_heading_repeating(self, marker: Marker, line: Line) -> None:
        """`5. Security guarantees` as a title line right before `5. The United States ...`: the first is
        a heading naming the point, not a provision of its own."""
        if marker.path or not self.items or not self.stack or self.stack[-1].item != len(self.items) - 1 \
                or line.indent > self.stack[-1].indent:
            return
        previous = self.items[-1]
        reading = previous.reading
        if reading is None or reading.kind in ("bullet", "option") or previous.struck:
            return
        if not any(r.kind == reading.kind and r.value == reading.value for r in marker.readings):
            return
        text = " ".join(previous.parts).strip()
        if len(text.split()) > TITLE_WORDS or text[-1:] in ".;:!?":
            return
        self.items.pop()
        self.stack.pop()
        if previous.section_key.startswith("s") and previous.section_key == f"s{self._sections_seen}" \
                and (not self.items or self.items[-1].section_key != previous.section_key):
            self._sections_seen -= 1  # its section held only this line, a title after all: it takes no number
        # A section like one under a `##` heading, key included: written out, it is one.
        self._open_section(text or previous.printed)
        self.warn(previous.first, f"{previous.printed!r} on line {previous.first} is a heading repeating point "
                                  f"{reading.key}: kept as a heading, not as a provision")

    def _announces(self, index: int) -> bool:
        """Whether the item's text ends with a colon, announcing items under it."""
        text = " ".join(self.items[index].parts).rstrip()
        return text.endswith((":", "\uff1a"))

    def _new_list(self, marker: Marker, line: Line, why: str) -> None:
        self.lists += 1
        self.stack.clear()
        if why:
            self.warn(line.number, f"{why} at {marker.printed!r}: read as list {self.lists} of the page, "
                                   f"its labels prefixed")

    def _top_level_items(self) -> list[Item]:
        return [item for item in self.items if item.parent is None and item.reading is not None]

    def _choose_level(self, marker: Marker, line: Line) -> tuple[int, Reading]:
        """Return the depth the marker goes to and the reading of it that fits there."""
        if marker.path:
            return self._decimal_level(marker)
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
        starts = reading.kind in ("bullet", "option") or reading.value == 1
        if not self.stack:
            previous = self._top_level_items()
            # Numbers from 1 again after a heading start a second list; bullets after a heading go on
            # with the page's list (their p1, p2 labels clash with nothing).
            if reading.value == 1 and reading.kind not in ("bullet", "option") and previous \
                    and self._heading_since_item:
                switched = previous[-1].reading is not None and previous[-1].reading.kind != reading.kind
                if switched:
                    why = "a list of another kind starts after a heading"
                elif roman_value(self.section_key) and self.section_key.isupper():
                    why = ""  # sections I, II, ... each numbered from 1: as planned, nothing to say
                else:
                    why = "numbering restarts after a heading"
                self._new_list(marker, line, why)
            return 0, reading
        if reading.kind in _RANK:
            return self._heading_level(marker, reading, line)
        innermost = self.stack[-1]
        indented_sub_level = len(self.stack) > 1 and innermost.indent > self.stack[-2].indent
        if starts and reading.kind != innermost.kind and indented_sub_level and line.indent == innermost.indent:
            # Options after lettered sub-items, at the same indentation: siblings, not children.
            return len(self.stack) - 1, reading
        outdented_to = [d for d in range(1, len(self.stack) - 1) if self.stack[d].indent == line.indent]
        if starts and line.indent < innermost.indent and outdented_to:
            # Back out to the indentation of open sub-items: a sequence starting there is their
            # sibling, never a child of the deeper item it is printed to the left of.
            return outdented_to[-1], reading
        at_sub_items = indented_sub_level and line.indent == innermost.indent
        if at_sub_items and starts and reading.kind == innermost.kind and not self._announces(innermost.item):
            # `a.` again at the indentation of the sub-items `a.` to `c.`: indentation says sibling;
            # only an unindented page needs the rule that a fresh `a.` goes one level down.
            self.warn(line.number, f"sub-items start again at {marker.printed} at their own indentation")
            return len(self.stack) - 1, reading
        if line.indent > innermost.indent or starts:
            if starts and self._restarts(reading, line):
                self._new_list(marker, line, "numbering restarts")
                return 0, reading
            # A new sequence under the innermost open provision.
            if reading.kind == innermost.kind == "arabic":
                parent_label = self.items[innermost.item].key
                self.warn(line.number, f"sub-items numbered {marker.printed} again under point {parent_label}")
            return len(self.stack), reading
        for depth in range(len(self.stack) - 1, -1, -1):
            level = self.stack[depth]
            if at_sub_items and level.indent < line.indent:
                break  # indented with the sub-items: one of them, whatever an outer level's numbering
            if level.kind == reading.kind:
                before = self.items[level.item].key
                if reading.value != level.last:  # a number printed twice is the labels' warning
                    direction = "jump" if reading.value > level.last else "go back"
                    self.warn(line.number, f"numbers {direction} from {before} to {reading.key}")
                return depth, reading
        self.warn(line.number, f"sub-items start at {marker.printed} rather than at the first of their kind")
        if at_sub_items and reading.kind != innermost.kind:
            return len(self.stack) - 1, reading  # at the sub-items' indentation: one of them, not theirs
        return len(self.stack), reading

    def _restarts(self, reading: Reading, line: Line) -> bool:
        """A sequence starting again at 1 at the top level is a new list, not sub-items, unless the
        point above announces them (a colon), they are indented under it, or its numbering resumes after."""
        top = self.stack[0]
        if reading.kind != top.kind or reading.kind in ("bullet", "option") or line.indent > top.indent:
            return False
        if self._announces(self.stack[-1].item):
            return False
        return not self._comes_later(top.kind, top.last + 1, line.number)

    def _heading_level(self, marker: Marker, reading: Reading, line: Line) -> tuple[int, Reading]:
        """An article or chapter heading never nests under a point: it goes below the headings that outrank it."""
        depth = 0
        while depth < len(self.stack) and self.stack[depth].kind in _RANK \
                and _RANK[self.stack[depth].kind] < _RANK[reading.kind]:
            depth += 1
        if depth < len(self.stack) and self.stack[depth].kind == reading.kind:
            level = self.stack[depth]
            before = self.items[level.item].key
            direction = "jump" if reading.value > level.last else "go back"
            self.warn(line.number, f"numbers {direction} from {before} to {reading.key}")
        return depth, reading

    def _decimal_level(self, marker: Marker) -> tuple[int, Reading]:
        """`5.2` goes under point 5 when it is open; without it, it stands at the top as printed."""
        reading = marker.readings[0]
        path = marker.path
        if len(self.stack) >= len(path) and all(
                self.stack[i].kind == "arabic" and self.items[self.stack[i].item].key == key
                for i, key in enumerate(path)):
            return len(path), Reading("arabic", reading.value, reading.key)
        self.stack.clear()
        return 0, Reading("decimal", reading.value, ".".join((*path, reading.key)))


def _preferred(readings: tuple[Reading, ...]) -> Reading:
    """Without a sequence to continue: a reading that starts one (`i` as roman one), else a letter."""
    for reading in readings:
        if reading.value == 1:
            return reading
    for reading in readings:
        if reading.kind == "letter":
            return reading
    return readings[0]
