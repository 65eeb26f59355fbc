"""Turns plan text (Markdown or plain, with or without front matter) into a Document of provisions.

The parser reads line by line. `markers.recognise` says what opens a line; this module decides
where in the tree each marked line belongs, by asking which open sequence it continues:

1. A marker that continues an open sequence (`11.` after `10.`, `c)` after `b)`) joins that
   level; when several levels could take it, the one at the same indentation wins, else the
   innermost.
2. A marker that starts a sequence (`1.`, `a.`, `i.`, a bullet, an option) under an open point
   opens a level below it: this is how sub-items numbered `1.` again under point 5 stay sub-items.
3. A marker that skips ahead in an open sequence joins it with a warning ("numbers jump from 2 to 4").

Unmarked text continues the provision above it, unless a blank line separates it: then it is
the preamble (before the first point), a closing paragraph (after the last), or, between two
points, outlet commentary, which is kept as an editorial note and flagged, never merged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from markdown_it import MarkdownIt

from ..errors import ParseError
from ..model import Document, Provision, Warning_
from ..settings import ParseSettings, shipped_settings
from . import frontmatter
from .markers import Marker, Reading, recognise, roman_value, struck_alternation
from .normalize import fingerprint, typographic
from .sourcefile import read_text

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_EDITORIAL_TAIL = re.compile(r"[\u2013\u2014-]+\s*ed(?:s|itors?)?\.?\s*[)\]*_]*\s*$", re.I)
_INLINE_EDITORIAL = re.compile(r"\s*\(([^()]*?)\s*[\u2013\u2014-]+\s*ed(?:s|itors?)?\.?\)", re.I)
_WHOLLY_BRACKETED = re.compile(r"^\[([^\[\]]+)\]\.?$")
_BRACKETED_SPAN = re.compile(r"\[[^\[\]]+\](?!\()")
_SENTENCE_END = re.compile(r"[.;!?][\"')\]]*$")
_MARKDOWN_INLINE = re.compile(r"[*_`\\]|\]\(")
_INLINE = MarkdownIt("zero").enable(["emphasis", "link", "backticks", "escape"])


@lru_cache(maxsize=8)
def _struck_text(words: tuple[str, ...]) -> re.Pattern[str]:
    """`[deleted]`, `(removed)`, `Struck out: ...` opening a point's text: a struck slot."""
    struck = struck_alternation(words)
    return re.compile(
        r"^(?:\[\s*" + struck + r"\s*(?:[:\u2013\u2014-]\s*([^\]]*))?\]"
        r"|\(\s*" + struck + r"\s*\)"
        r"|" + struck + r"\s*(?:[.:\u2013\u2014-]|$))\s*(.*)$",
        re.I,
    )


@lru_cache(maxsize=8)
def _editorial_line(openings: tuple[str, ...]) -> re.Pattern[str]:
    """A line opening with an editor's note (the settings' `editorial_openings`), after any * _ ( [."""
    def loose(phrase: str) -> str:
        # Apostrophes may be left out and spaces vary: "editors note", "ed.  note".
        return re.escape(phrase).replace("'", "'?").replace(r"\ ", r"\s*")
    return re.compile(r"^[*_(\[]*\s*(?:" + "|".join(loose(o) for o in openings) + ")", re.I)


@dataclass
class _Line:
    number: int
    """1-based line in the file."""
    indent: int
    text: str
    """The line without its indentation."""
    kind: str
    """blank, heading, editorial, marker or text."""
    marker: Marker | None = None


@dataclass
class _Item:
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
    status: str = "active"
    notes: list[str] = field(default_factory=list)
    label: str = ""


@dataclass
class _Level:
    """An open numbering sequence: its kind, where it stands, and the item that is its latest."""

    kind: str
    last: int
    indent: int
    item: int


def parse_file(path: Path | str, *, settings: ParseSettings | None = None) -> Document:
    """Return the Document read from a file; raise an InputError naming the file on bad input."""
    path = Path(path)
    return parse_text(read_text(path), str(path), settings=settings)


def parse_text(text: str, source_path: str = "<text>", *, default_id: str | None = None,
               settings: ParseSettings | None = None) -> Document:
    """Return the Document parsed from text; `source_path` names it in errors and warnings."""
    settings = settings if settings is not None else shipped_settings().parse
    meta, body, first_line = frontmatter.split(text, source_path)
    builder = _Builder(source_path, settings)
    lines = _classify(body, first_line, settings)
    heading_title = _title_from(lines)
    if heading_title is not None:
        # The title heading names the document; it is not a section its provisions stand under.
        next(line for line in lines if line.kind == "heading").kind = "blank"
    title = meta.title or heading_title or Path(source_path).stem
    builder.run(lines)
    provisions = builder.finish()
    doc_id = meta.id or default_id or _slug(Path(source_path).stem)
    provisions = tuple(_with_doc(p, doc_id) for p in provisions)
    return Document(
        id=doc_id,
        title=title,
        date=meta.date,
        parties=meta.parties,
        kind=meta.kind,
        status=meta.status,
        source_path=source_path,
        provisions=provisions,
        derived_from=meta.derived_from,
        sources=meta.sources,
        rendition=meta.rendition,
        coverage=meta.coverage,
        missing=meta.missing,
        date_precision=meta.date_precision,
        numbered=builder.numbered,
        warnings=tuple(builder.warnings),
    )


def _with_doc(p: Provision, doc_id: str) -> Provision:
    return replace(p, doc=doc_id)


def _slug(stem: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")
    return slug or "document"


def _title_from(lines: list[_Line]) -> str | None:
    """A level-one heading before any other content is the document's title."""
    for line in lines:
        if line.kind == "blank":
            continue
        if line.kind == "heading" and line.text.startswith("# "):
            return _HEADING.match(line.text).group(2)  # type: ignore[union-attr]
        return None
    return None


def _classify(body: list[str], first_line: int, settings: ParseSettings) -> list[_Line]:
    lines: list[_Line] = []
    editorial = _editorial_line(settings.editorial_openings)
    for offset, raw in enumerate(body):
        number = first_line + offset
        expanded = raw.expandtabs(4).rstrip()
        stripped = expanded.lstrip()
        indent = len(expanded) - len(stripped)
        if not stripped:
            lines.append(_Line(number, 0, "", "blank"))
        elif _HEADING.match(stripped):
            lines.append(_Line(number, indent, stripped, "heading"))
        elif editorial.match(stripped) or (
            _EDITORIAL_TAIL.search(stripped) and stripped.startswith(("(", "[", "*", "_"))
        ):
            lines.append(_Line(number, indent, stripped, "editorial"))
        else:
            marker = recognise(stripped, settings)
            lines.append(_Line(number, indent, stripped, "marker" if marker else "text", marker))
    _roman_sections_to_headings(lines)
    return lines


def _roman_sections_to_headings(lines: list[_Line]) -> None:
    """`II. Security` followed by arabic-numbered points is a section title, not a provision."""
    marked = [line for line in lines if line.kind == "marker"]
    for this, following in zip(marked, marked[1:], strict=False):
        assert this.marker is not None and following.marker is not None
        printed = this.marker.printed.strip("().")
        is_upper_roman = printed.isupper() and roman_value(printed) is not None
        if is_upper_roman and any(r.kind == "arabic" for r in following.marker.readings):
            this.kind = "heading"
            this.text = f"{printed}. {this.marker.rest}".strip()


def _plain(text: str) -> str:
    """Return inline Markdown (emphasis, links, code) as the words a reader sees."""
    if not _MARKDOWN_INLINE.search(text):
        return text
    tokens = _INLINE.parseInline(text)
    out: list[str] = []
    for token in tokens[0].children or []:
        if token.type in ("text", "code_inline"):
            out.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            out.append(" ")
    return "".join(out)


class _Builder:
    """Walks the classified lines once, keeping the open sequences on a stack."""

    def __init__(self, path: str, settings: ParseSettings) -> None:
        self.path = path
        self.settings = settings
        self.items: list[_Item] = []
        self.stack: list[_Level] = []
        self.warnings: list[Warning_] = []
        self.numbered = False
        self.section = ""
        self.section_key = ""
        self.sections_seen = 0
        self.paragraph: int | None = None
        """The preamble, closing or unnumbered paragraph being accumulated, if any."""
        self.bullet_counts: dict[int | None, int] = {}
        self.extra_paragraphs = {"preamble": 0, "closing": 0}

    def warn(self, line: int, message: str) -> None:
        self.warnings.append(Warning_(line, message))

    # -- the walk ---------------------------------------------------------------------------

    def run(self, lines: list[_Line]) -> None:
        marker_rows = [i for i, line in enumerate(lines) if line.kind == "marker"]
        last_marker = marker_rows[-1] if marker_rows else -1
        if not marker_rows:
            self._unnumbered(lines)
            return
        after_blank = False
        for i, line in enumerate(lines):
            if line.kind == "blank":
                after_blank = True
                continue
            if line.kind == "heading":
                self._heading(line)
            elif line.kind == "editorial":
                self._editorial(line)
            elif line.kind == "marker" and not self._year_at_line_start(line):
                self.paragraph = None
                self._marker(line)
            else:
                self._text(line, after_blank, before_points=i < marker_rows[0], after_points=i >= last_marker)
            after_blank = False

    def _year_at_line_start(self, line: _Line) -> bool:
        """`2026. The date...` in a wrapped point: a large number that continues no open sequence."""
        assert line.marker is not None
        readings = line.marker.readings
        if not all(r.kind == "arabic" and r.value > self.settings.max_point_number for r in readings):
            return False
        return not any(level.kind == "arabic" and level.last + 1 == readings[0].value for level in self.stack)

    def _heading(self, line: _Line) -> None:
        match = _HEADING.match(line.text)
        title = match.group(2) if match else line.text
        self.section = title
        self.sections_seen += 1
        printed = title.split(".", 1)[0]
        self.section_key = printed if roman_value(printed) and printed.isupper() else f"s{self.sections_seen}"
        self.stack.clear()
        self.paragraph = None

    def _editorial(self, line: _Line) -> None:
        note = _EDITORIAL_TAIL.sub("", _plain(line.text).strip("()[]*_ ")).strip("()[]*_ ")
        note = re.sub(r"^(?:editor'?s'? note|ed\. note|note from the editors?|ed\.)\s*[:.\u2013\u2014-]?\s*", "", note, flags=re.I)
        target = self.stack[-1].item if self.stack else self.paragraph
        if target is None:
            self.warn(line.number, f"editorial note before any provision kept apart: {note[:60]!r}")
            return
        self.items[target].notes.append(note)
        self.warn(line.number, "editorial note kept apart from the provision text")

    def _text(self, line: _Line, after_blank: bool, *, before_points: bool, after_points: bool) -> None:
        if not after_blank:
            target = self.paragraph if self.paragraph is not None else (self.stack[-1].item if self.stack else None)
            if target is not None:
                self._extend(target, line)
                return
        if before_points or after_points:
            self._new_paragraph("preamble" if before_points else "closing", line)
            return
        if self.paragraph is None and self.stack and line.indent >= 2:
            self._extend(self.stack[-1].item, line)
            return
        # Unindented text after a blank line, with points still to come: outlet commentary.
        target = self.paragraph if self.paragraph is not None else (self.stack[-1].item if self.stack else None)
        if target is None:
            self._new_paragraph("preamble", line)
            return
        self.items[target].notes.append(typographic(_plain(line.text)))
        self.paragraph = target
        self.warn(line.number, "unnumbered text between points kept as an editorial note, not as provision text")

    def _new_paragraph(self, kind: str, line: _Line) -> None:
        self.extra_paragraphs[kind] += 1
        count = self.extra_paragraphs[kind]
        key = kind if count == 1 else f"{kind}-{count}"
        self.stack.clear()
        self.items.append(
            _Item(key, None, "", [line.text], line.number, line.number, None, 0, self.section, self.section_key)
        )
        self.paragraph = len(self.items) - 1

    def _extend(self, index: int, line: _Line) -> None:
        item = self.items[index]
        item.parts.append(line.text)
        item.last = line.number

    def _unnumbered(self, lines: list[_Line]) -> None:
        """No markers anywhere: each paragraph, or each sentence-ended line, is a provision p1, p2, ..."""
        paragraph: list[_Line] = []
        count = 0

        def flush() -> None:
            nonlocal count
            if not paragraph:
                return
            one_per_line = len(paragraph) > 1 and all(
                _SENTENCE_END.search(a.text) and b.text[:1].isupper() for a, b in zip(paragraph, paragraph[1:], strict=False)
            )
            groups = [[line] for line in paragraph] if one_per_line else [paragraph]
            for group in groups:
                count += 1
                self.items.append(
                    _Item(f"p{count}", Reading("bullet", 0, ""), "", [g.text for g in group], group[0].number,
                          group[-1].number, None, 0, self.section, self.section_key)
                )
            paragraph.clear()

        for line in lines:
            if line.kind in ("text", "marker"):
                paragraph.append(line)
                continue
            flush()
            if line.kind == "heading":
                self._heading(line)
            elif line.kind == "editorial":
                self.paragraph = len(self.items) - 1 if self.items else None
                self._editorial(line)
        flush()
        if self.items:
            self.warn(0, f"no printed numbers: provisions labelled p1 to p{count} in document order")

    # -- markers ----------------------------------------------------------------------------

    def _marker(self, line: _Line) -> None:
        assert line.marker is not None
        for index, marker in enumerate(_split_glued(line.marker)):
            if index > 0:
                self.warn(line.number, f"two provisions on one line: split before {marker.printed!r}")
            self._place(marker, line)

    def _place(self, marker: Marker, line: _Line) -> None:
        depth, reading = self._choose_level(marker, line)
        parent = self.stack[depth - 1].item if depth > 0 else None
        del self.stack[depth:]
        if reading.kind == "bullet":
            self.bullet_counts[parent] = self.bullet_counts.get(parent, 0) + 1
            key = f"p{self.bullet_counts[parent]}"
        elif reading.kind == "option":
            key = f"option-{reading.key}"
        else:
            key = reading.key
            self.numbered = True
        item = _Item(key, reading, marker.printed, [marker.rest] if marker.rest else [], line.number, line.number,
                     parent, depth, self.section, self.section_key)
        self.items.append(item)
        self.stack.append(_Level(reading.kind, reading.value, line.indent, len(self.items) - 1))

    def _choose_level(self, marker: Marker, line: _Line) -> tuple[int, Reading]:
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

    # -- the end ----------------------------------------------------------------------------

    def finish(self) -> tuple[Provision, ...]:
        if not self.items:
            raise ParseError(
                f"{self.path}: no provisions found; put the plan's text below the front matter, "
                "one point per numbered line or one paragraph per provision"
            )
        self._assign_labels()
        if not self.numbered and not any(w.line == 0 for w in self.warnings):
            count = sum(1 for item in self.items if item.parent is None and re.fullmatch(r"p\d+", item.key))
            if count:
                self.warn(0, f"no printed numbers: provisions labelled p1 to p{count} in document order")
        return tuple(self._freeze(item) for item in self.items)

    def _assign_labels(self) -> None:
        for item in self.items:
            item.label = item.key if item.parent is None else f"{self.items[item.parent].label}.{item.key}"
        if not self._clashes():
            return
        # Numbering that restarts in each section: prefix the top level with the section's key.
        tops = [item for item in self.items if item.parent is None and item.section_key]
        clashing_sections = {i.section_key for i in tops if sum(1 for j in tops if j.key == i.key) > 1}
        if len({i.section_key for i in tops}) > 1 and clashing_sections:
            for item in self.items:
                if item.parent is None:
                    item.label = f"{item.section_key}.{item.key}" if item.section_key else item.key
                else:
                    item.label = f"{self.items[item.parent].label}.{item.key}"
        clash = self._clashes()
        if clash:
            first, second = clash
            raise ParseError(
                f"{self.path}:{second.first}: label {second.label!r} is used twice (lines {first.first} and "
                f"{second.first}); renumber one of them"
            )

    def _clashes(self) -> tuple[_Item, _Item] | None:
        seen: dict[str, _Item] = {}
        for item in self.items:
            if item.label in seen:
                return seen[item.label], item
            seen[item.label] = item
        return None

    def _freeze(self, item: _Item) -> Provision:
        text, inline_notes = _take_inline_notes(" ".join(part.strip() for part in item.parts))
        notes = item.notes + inline_notes
        text = typographic(_plain(text))
        status = item.status
        deleted = _struck_text(self.settings.struck_words).match(text)
        if deleted:
            status = "deleted"
            text = (deleted.group(1) or deleted.group(2) or "").strip()
        elif item.reading is not None and item.reading.kind == "option":
            status = "option"
        else:
            whole = _WHOLLY_BRACKETED.match(text)
            if whole:
                status, text = "bracketed", whole.group(1).strip()
            elif _BRACKETED_SPAN.search(text):
                status = "bracketed"
        parent = self.items[item.parent].label if item.parent is not None else None
        return Provision(
            doc="", label=item.label, number=item.printed, text=text, parent=parent, depth=item.depth,
            status=status,  # type: ignore[arg-type]
            lines=(item.first, item.last), fingerprint=fingerprint(text), section=item.section,
            notes=tuple(typographic(n) for n in notes),
        )


def _take_inline_notes(text: str) -> tuple[str, list[str]]:
    """Return the text without its `(... - Ed.)` insertions, and those insertions."""
    notes = [m.group(1).strip() for m in _INLINE_EDITORIAL.finditer(text)]
    return _INLINE_EDITORIAL.sub("", text), notes


def _preferred(readings: tuple[Reading, ...]) -> Reading:
    """Without a sequence to continue: a reading that starts one (`i` as roman one), else a letter."""
    for reading in readings:
        if reading.value == 1:
            return reading
    for reading in readings:
        if reading.kind == "letter":
            return reading
    return readings[0]


# A candidate for the next point glued onto a line: after a sentence end, a number or a letter with
# its punctuation, then a capital. Whether it really is the next point is checked against the value.
_GLUED = re.compile(r"(?<=[.;:!?])[\"')\]]*\s+(\(?)(\d+|[a-z])([.)])\s+(?=[A-Z\"'\[(])")


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
            (m for m in _GLUED.finditer(current.rest)
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
