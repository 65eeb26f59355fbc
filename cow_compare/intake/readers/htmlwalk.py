"""Writes the main node of a page as plain text: one paragraph a line, list items numbered as a browser shows them.

`<ol>` items get the number the browser would print (`start`, `type`, `value`, `reversed`, and a
`list-style-type` that `prepare_lists` saved before readability dropped the page's styles);
`<ul>` items get `-`; an item whose text already opens with its own marker keeps that one. Each
list level is indented four more spaces, `<br>` breaks a line, and the further paragraphs and
lines of an item are written under it without a blank line, so the parser joins them to it.
Page furniture inside the main node (bylines, share counters, "read also" links, captions) is
left out, and each piece left out is named in the notes so an analyst can check nothing of the
plan went with it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from lxml.html import HtmlElement

from ..markers import recognise
from .numerals import letters, roman

INDENT = "    "
_DROPPED_TAGS = {"script", "style", "noscript", "template", "nav", "aside", "footer", "form", "button", "select",
                 "input", "textarea", "iframe", "svg", "canvas", "video", "audio", "object", "embed", "figcaption",
                 "img", "picture", "source", "link", "meta"}
_BLOCKS = {"p", "div", "section", "article", "main", "header", "blockquote", "table", "thead", "tbody", "tfoot",
           "tr", "td", "th", "pre", "dl", "dt", "dd", "hr", "figure", "center", "address", "details", "summary",
           "body", "html", "fieldset", "caption", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# Class and id words that mark page furniture in every content management system seen so far.
_FURNITURE_CLASS = re.compile(
    r"(?:^|[\s_-])(byline|author|authors|share|shares|sharing|social|related|recommended|promo|advert|adv|ads|"
    r"subscribe|newsletter|breadcrumbs?|tags|caption|credits?|counters?|comments?|readalso|read-also|readmore|"
    r"read-more|see-also|more-news|timestamp|dateline|published|photo-credit)(?:$|[\s_-])", re.I)
_SHARE_BAR = re.compile(r"^(?:share|tweet|post|email|e-mail|print|copy link|facebook|twitter|x|telegram|whatsapp|"
                        r"viber|linkedin|reddit|comments?|views?|likes?|[\d.,]+\s*[km]?|[·|•/\s])+$", re.I)
_SENTENCE_END = re.compile(r"[.;!?][\"'»”)\]]*$")
_TYPES = {"lower-alpha": "a", "lower-latin": "a", "upper-alpha": "A", "upper-latin": "A", "lower-roman": "i",
          "upper-roman": "I", "decimal": "1", "none": "none", "disc": "disc", "circle": "disc", "square": "disc"}
# A marker of digits, one letter or a roman numeral with its punctuation; not "Third." or "Point 3".
_COMPACT = re.compile(r"^\(?(?:\d{1,3}|[a-zA-Z]|[ivxlcdmIVXLCDM]{1,6})[.)]$|^[-\u2013\u2014\u2022*]$")
_STYLE_TYPE = re.compile(r"list-style(?:-type)?\s*:\s*([a-z-]+)", re.I)


def prepare_lists(page: HtmlElement) -> None:
    """Copy each list's CSS list-style-type into its `type` attribute, which readability keeps and styles it drops."""
    for element in page.iter("ol", "ul"):
        found = _STYLE_TYPE.search(element.get("style", ""))
        if found and found.group(1).lower() in _TYPES:
            element.set("type", _TYPES[found.group(1).lower()])


def page_text(element: HtmlElement) -> str:
    """All the words of an element, scripts and styles left out, whitespace collapsed."""
    parts = [t for node in element.iter() if node.tag not in ("script", "style", "noscript", "template")
             for t in (node.text,) if t]
    parts += [node.tail for node in element.iter() if node.tail and node is not element]
    return " ".join(" ".join(parts).split())


@dataclass
class _Line:
    indent: int
    text: str
    blank_before: bool


def walk(main: HtmlElement, openings: tuple[str, ...]) -> tuple[str, tuple[str, ...], str | None]:
    """Return (text, notes, first h1 heading) for the main node of a page."""
    walker = _Walker(tuple(o.lower() for o in openings))
    walker.container(main, 0)
    out: list[str] = []
    for line in walker.lines:
        if line.blank_before and out and out[-1] != "":
            out.append("")
        out.append(f"{INDENT * line.indent}{line.text}".rstrip())
    return "\n".join(out).strip("\n") + "\n", tuple(walker.notes), walker.heading


def _clean(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def _classes(element: HtmlElement) -> str:
    return f"{element.get('class', '')} {element.get('id', '')}"


class _Walker:
    def __init__(self, openings: tuple[str, ...]) -> None:
        self.openings = openings
        self.lines: list[_Line] = []
        self.notes: list[str] = []
        self.heading: str | None = None

    # -- what is left out --------------------------------------------------------------------

    def furniture(self, element: HtmlElement) -> str | None:
        """Why an element is page furniture (a note for the analyst), or None when it may hold plan text."""
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _DROPPED_TAGS:
            return None if tag in ("script", "style", "noscript", "template", "meta", "link") else ""
        if tag in ("li", "ol", "ul") or tag in _HEADINGS:
            return None  # list items and headings are plan text even when a class says otherwise
        words = _clean(element.text_content())
        found = _FURNITURE_CLASS.search(_classes(element))
        if found and len(words) < 400:
            return f"{found.group(1).lower()} {words[:70]!r}"
        if not words or len(words) > 200 or tag not in _BLOCKS:
            return None
        lower = words.lower()
        if _SHARE_BAR.match(words):
            return f"share buttons {words[:70]!r}"
        links = sum(len(_clean(a.text_content())) for a in element.iter("a"))
        opening = next((o for o in self.openings if lower.startswith(o)), None)
        if opening is not None and (links >= 0.5 * len(words) or not _SENTENCE_END.search(words)):
            return f"{opening.strip().rstrip(':')} {words[:70]!r}"
        if links >= 0.8 * len(words):
            return f"links {words[:70]!r}"
        return None

    def left_out(self, element: HtmlElement) -> bool:
        why = self.furniture(element)
        if why is None:
            return False
        if why:
            self.notes.append(f"left out as page furniture: {why}")
        return True

    # -- blocks ------------------------------------------------------------------------------

    def emit(self, indent: int, text: str, blank_before: bool) -> None:
        self.lines.append(_Line(indent, text, blank_before))

    def container(self, element: HtmlElement, indent: int) -> None:
        """Write a block that is not a list: its paragraphs, headings and lists, in order."""
        for kind, payload, starts in self.pieces(element):
            if kind == "list":
                assert isinstance(payload, HtmlElement)
                self.list(payload, indent)
            elif kind == "heading":
                assert isinstance(payload, str)
                self.emit(0, payload, True)
            else:
                assert isinstance(payload, str)
                self.emit(indent, payload, starts)

    def pieces(self, element: HtmlElement) -> Iterator[tuple[str, HtmlElement | str, bool]]:
        """Yield ("text", line, starts a paragraph), ("heading", line, True) and ("list", element, True)."""
        buffer: list[str] = []
        starts = True

        def flush() -> Iterator[tuple[str, HtmlElement | str, bool]]:
            nonlocal starts
            line = _clean("".join(buffer))
            buffer.clear()
            if line:
                yield "text", line, starts
                starts = False

        buffer.append(element.text or "")
        for child in element:
            tag = child.tag if isinstance(child.tag, str) else ""
            if not tag or self.left_out(child):
                pass  # a comment, a processing instruction or furniture: only its tail is text
            elif tag == "br":
                yield from flush()
            elif tag in ("ol", "ul"):
                yield from flush()
                yield "list", child, True
                starts = True
            elif tag in _HEADINGS:
                yield from flush()
                title = _clean(child.text_content())
                if title:
                    if tag == "h1" and self.heading is None:
                        self.heading = title
                    yield "heading", f"{'#' if tag == 'h1' else '##'} {title}", True
                starts = True
            elif tag in _BLOCKS:
                yield from flush()
                first = True
                for piece in self.pieces(child):
                    yield piece[0], piece[1], piece[2] or first
                    first = False
                starts = True
            else:
                buffer.append(self.inline(child))
            buffer.append(child.tail or "")
        yield from flush()

    def inline(self, element: HtmlElement) -> str:
        """The text of an inline element, `<br>` as a line break kept for `pieces` to split on."""
        parts = [element.text or ""]
        for child in element:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag == "br":
                parts.append("\n")
            elif tag and not self.left_out(child):
                parts.append(self.inline(child))
            parts.append(child.tail or "")
        return "".join(parts)

    # -- lists -------------------------------------------------------------------------------

    def list(self, element: HtmlElement, indent: int) -> None:
        """Write a list's items with their markers, nested lists one level deeper."""
        ordered = element.tag == "ol"
        kind = element.get("type", "1" if ordered else "disc")
        items = [child for child in element if child.tag == "li"]
        step = -1 if ordered and element.get("reversed") is not None else 1
        number = _int(element.get("start"), len(items) if step < 0 else 1)
        for index, item in enumerate(items):
            number = _int(item.get("value"), number)
            marker = _marker(kind, number) if ordered else ("" if kind == "none" else "-")
            # A top-level list stands apart from the paragraph before it; nested ones hang under their item.
            self.item(item, marker, indent, blank_before=index == 0 and indent == 0, number=number)
            number += step

    def item(self, item: HtmlElement, marker: str, indent: int, *, blank_before: bool, number: int) -> None:
        first = True
        for kind, payload, _starts in self.pieces(item):
            if kind == "list":
                assert isinstance(payload, HtmlElement)
                if first:  # an item that is only a nested list still holds its number
                    self.emit(indent, marker, blank_before)
                    first = False
                self.list(payload, indent + 1)
                continue
            assert isinstance(payload, str)
            if first:
                text = payload if not marker or _prints_own(payload, marker, number) else f"{marker} {payload}"
                self.emit(indent, text, blank_before)
                first = False
            else:
                self.emit(indent + 1, payload.lstrip("#").strip(), False)
        if first and marker:
            self.emit(indent, marker, blank_before)


def _prints_own(text: str, marker: str, number: int) -> bool:
    """True when an item's text opens with a compact marker of its own (`1.`, `b)`, `iv.`), which then stands.

    In a `<ul>` any such marker is the outlet's numbering; in an `<ol>` only one that repeats the
    item's own number (a site that prints the number and hides the list's), since "First, ..."
    or "A) ..." opening a numbered item is text or a sub-list, not its number.
    """
    printed = recognise(text)
    if printed is None or not _COMPACT.match(printed.printed):
        return False
    if marker == "-":
        return all(r.kind != "bullet" for r in printed.readings)
    return any(r.value == number and r.kind in ("arabic", "letter", "roman") for r in printed.readings)


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _marker(kind: str, number: int) -> str:
    """The marker a browser prints for item `number` of an `<ol type=kind>`."""
    if kind == "none":
        return ""
    if kind in ("a", "A"):
        return f"{letters(number).upper() if kind == 'A' else letters(number)}."
    if kind in ("i", "I"):
        return f"{roman(number).upper() if kind == 'I' else roman(number)}."
    return f"{number}."
