"""Word's automatic numbering: which marker (`3.`, `b)`, `-`) a paragraph shows, from numbering.xml.

Word does not store list numbers in the text: a paragraph names a numbering instance (`numId`)
and a level (`ilvl`), directly or through its style, and Word counts as it lays the document
out. This module counts the same way: one counter per abstract definition and level, a higher
level resetting the ones below, a `startOverride` restarting a list where an instance asks for it,
and the level's `lvlText` (`%1.`, `(%2)`, `%1.%2.`) filled in with each level's format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .numerals import letters, roman

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Word's built-in list styles carry their depth in their names ("List Number 2" sits one level in).
_STYLE_DEPTH = re.compile(r"^List(?: Number| Bullet| Continue)? ([2-9])$")


@dataclass(frozen=True)
class Level:
    """One level of an abstract numbering definition."""

    start: int
    fmt: str
    """decimal, lowerLetter, upperLetter, lowerRoman, upperRoman, bullet, none, ..."""
    text: str
    """The lvlText pattern, such as `%1.` or `(%2)`."""


def _val(element: Any, tag: str) -> str | None:
    found = element.find(f"{W}{tag}") if element is not None else None
    return None if found is None else found.get(f"{W}val")


@dataclass
class Numbering:
    """The numbering definitions of one document, and the counters as its paragraphs are read in order."""

    levels: dict[str, dict[int, Level]] = field(default_factory=dict)
    """abstractNumId -> ilvl -> Level."""
    instances: dict[str, tuple[str, dict[int, int]]] = field(default_factory=dict)
    """numId -> (abstractNumId, {ilvl: startOverride})."""
    styles: dict[str, tuple[str | None, str | None, str | None, str]] = field(default_factory=dict)
    """styleId -> (numId, ilvl, basedOn, name)."""
    counters: dict[str, dict[int, int]] = field(default_factory=dict)
    started: set[str] = field(default_factory=set)

    @classmethod
    def read(cls, numbering: Any, styles: Any) -> Numbering:
        """Read numbering.xml's and styles.xml's root elements (either may be None)."""
        out = cls()
        for abstract in numbering.iter(f"{W}abstractNum") if numbering is not None else ():
            levels = {}
            for lvl in abstract.iter(f"{W}lvl"):
                levels[int(lvl.get(f"{W}ilvl", "0"))] = Level(
                    start=int(_val(lvl, "start") or 0), fmt=_val(lvl, "numFmt") or "decimal",
                    text=_val(lvl, "lvlText") or "")
            out.levels[abstract.get(f"{W}abstractNumId", "")] = levels
        for num in numbering.iter(f"{W}num") if numbering is not None else ():
            overrides = {}
            for override in num.iter(f"{W}lvlOverride"):
                start = _val(override, "startOverride")
                if start is not None:
                    overrides[int(override.get(f"{W}ilvl", "0"))] = int(start)
            out.instances[num.get(f"{W}numId", "")] = (_val(num, "abstractNumId") or "", overrides)
        for style in styles.iter(f"{W}style") if styles is not None else ():
            ppr = style.find(f"{W}pPr")
            numpr = ppr.find(f"{W}numPr") if ppr is not None else None
            out.styles[style.get(f"{W}styleId", "")] = (
                _val(numpr, "numId"), _val(numpr, "ilvl"), _val(style, "basedOn"), _val(style, "name") or "")
        return out

    def style_name(self, style_id: str | None) -> str:
        """The name a style is shown under in Word ('List Number 2'), or ''."""
        return self.styles.get(style_id or "", (None, None, None, ""))[3]

    def _from_style(self, style_id: str | None) -> tuple[str | None, str | None]:
        seen: set[str] = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            num_id, ilvl, based_on, _name = self.styles.get(style_id, (None, None, None, ""))
            if num_id is not None:
                return num_id, ilvl
            style_id = based_on
        return None, None

    def marker(self, paragraph: Any) -> tuple[str, int] | None:
        """Return (marker as Word shows it, depth) for a numbered paragraph, None for an unnumbered one."""
        ppr = paragraph.find(f"{W}pPr")
        style_id = _val(ppr, "pStyle")
        numpr = ppr.find(f"{W}numPr") if ppr is not None else None
        num_id, ilvl = (_val(numpr, "numId"), _val(numpr, "ilvl")) if numpr is not None else (None, None)
        if num_id is None:
            num_id, style_ilvl = self._from_style(style_id)
            ilvl = ilvl or style_ilvl
        if num_id is None or num_id == "0" or num_id not in self.instances:
            return None
        abstract_id, overrides = self.instances[num_id]
        levels = self.levels.get(abstract_id, {})
        level = int(ilvl or 0)
        if level not in levels:
            return None
        counters = self.counters.setdefault(abstract_id, {})
        if num_id not in self.started:
            # An instance that overrides a start restarts the list the first time it is used.
            self.started.add(num_id)
            for at, start in overrides.items():
                counters[at] = start - 1
        counters[level] = counters.get(level, levels[level].start - 1) + 1
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]
        shown = _STYLE_DEPTH.match(self.style_name(style_id))
        depth = level if level > 0 or shown is None else int(shown.group(1)) - 1
        return self._format(levels, counters, level), depth

    @staticmethod
    def _format(levels: dict[int, Level], counters: dict[int, int], level: int) -> str:
        this = levels[level]
        if this.fmt == "bullet":
            return "-"  # Word's bullet glyphs are Symbol-font code points; the parser reads a dash
        if this.fmt == "none":
            return ""

        def fill(found: re.Match[str]) -> str:
            at = int(found.group(1)) - 1
            of = levels.get(at, this)
            return _format_number(counters.get(at, of.start), of.fmt)

        return re.sub(r"%([1-9])", fill, this.text).strip()


def _format_number(number: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        return letters(number).upper() if fmt == "upperLetter" else letters(number)
    if fmt in ("lowerRoman", "upperRoman"):
        return roman(number).upper() if fmt == "upperRoman" else roman(number)
    if fmt == "decimalZero":
        return f"{number:02d}"
    return str(number)
