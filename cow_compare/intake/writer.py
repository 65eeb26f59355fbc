"""Markdown output in the corpus format of docs/corpus-format.md: it parses back to the same provisions."""

from __future__ import annotations

import json
import re
import string
from collections.abc import Callable

from ..model import Document, Provision
from ..settings import shipped_settings
from .lines import classify
from .lists import ends_sentence, heading_like
from .markers import recognise
from .outline import TITLE_WORDS

_MARKDOWN_SPECIAL = re.compile(r"([\\*_`])")
# `5.` inside a text would split it as a glued point when read back; `5\.` reads back as `5.`.
_NUMBER_MARKER = re.compile(r"(?<!\d)(\d+)([.)])")  # not from inside a run of digits: linear
_LINE_START_SPECIAL = re.compile(r"^(?:#|\(|\[)")
_SEPARATOR_REACH = 3
"""How far past a marker as printed its separator may stand (`Point 3 :`): the marks tried for an escape."""
_LEADING_WORD = re.compile(r"[^\s\\`]+")
"""A first word that can be written as code: no backslash (literal inside code) and no backtick."""
_DECIMAL = re.compile(r"\d{1,3}\.\d{1,3}(?:\.\d{1,3})?\.?")
_SECTION_KEY = re.compile(r"s\d+|[IVXLCDM]+")
"""A label's prefix that names the list it belongs to: `s2` for a page's second list, `II` for the list under heading II."""
_SINGLE_SPACE = re.compile(r"(?<=\S) (?=\S)")


def _toml_string(value: str) -> str:
    # JSON string escapes are valid TOML basic-string escapes.
    return json.dumps(value, ensure_ascii=False)


def _front_matter(doc: Document) -> list[str]:
    out = ["+++", f"id = {_toml_string(doc.id)}", f"title = {_toml_string(doc.title)}"]
    if doc.date:
        out.append(f"date = {doc.date.isoformat()}")
    out += [
        f"date_precision = {_toml_string(doc.date_precision)}",
        f"parties = [{', '.join(_toml_string(p) for p in doc.parties)}]",
        f"kind = {_toml_string(doc.kind)}",
        f"status = {_toml_string(doc.status)}",
        f"derived_from = [{', '.join(_toml_string(p) for p in doc.derived_from)}]",
        f"rendition = {_toml_string(doc.rendition)}",
        f"coverage = {_toml_string(doc.coverage)}",
        f"missing = {_toml_string(doc.missing)}",
        "sources = [",
        *(
            f"  {{ outlet = {_toml_string(s.outlet)}, url = {_toml_string(s.url)}, note = {_toml_string(s.note)} }},"
            for s in doc.sources
        ),
        "]",
        "+++",
    ]
    return out


def _escape(text: str) -> str:
    """Backslash-escape what the parser would read as markup; it reads the escapes back as plain text."""
    return _NUMBER_MARKER.sub(r"\1\\\2", _MARKDOWN_SPECIAL.sub(r"\\\1", text))


def _escape_line_start(text: str) -> str:
    """Escape a paragraph that would otherwise be read as a marker, heading or note.

    The first mark in or right after the marker whose escape stops every recogniser is escaped
    (`\\(a)`, `Point 3\\:`): a mark further on would not stop the marker and would double an
    escape already there. Where no mark does it (`§ 3`), the first word is written as code. A
    marker no recogniser takes alone (`43 Text`, taken only after a point 42) is left as it is: it
    was read as text where it stood, and it is again.
    """
    found = recognise(text)
    if not (found or _LINE_START_SPECIAL.match(text)):
        return text

    def reads_right(line: str) -> bool:
        return recognise(line) is None and not _LINE_START_SPECIAL.match(line)

    span = len(found.printed) if found is not None and text.startswith(found.printed) else 1
    escaped = _first_escape(text, span + _SEPARATOR_REACH, reads_right)
    if escaped is None and found is not None and found.strength in ("strong", "start"):
        escaped = _first_word_as_code(text, reads_right)
    return text if escaped is None else escaped


def _first_word_as_code(text: str, reads_right: Callable[[str], bool]) -> str | None:
    """The text with its first word written as code (`` `§` 3 ``), which reads back as the word itself,
    when that makes it read right and no mark in it could be escaped; None otherwise. The word holds
    no backslash (an escape would be literal inside code) and no backtick."""
    word = _LEADING_WORD.match(text)
    if word is None:
        return None
    coded = f"`{word.group(0)}`{text[word.end():]}"
    return coded if reads_right(coded) else None


def _first_escape(text: str, reach: int, reads_right: Callable[[str], bool]) -> str | None:
    """The text with the first of its marks within `reach` characters escaped after which
    `reads_right` holds, or None when no single escape does it."""
    for at in range(min(len(text), reach)):
        if text[at] not in string.punctuation or text[at] == "\\" or (at and text[at - 1] == "\\"):
            continue
        escaped = f"{text[:at]}\\{text[at:]}"
        if reads_right(escaped):
            return escaped
    return None


def _paragraph(p: Provision) -> str:
    """A preamble or closing paragraph, escaped so that it reads back as the same unmarked text.

    A paragraph that opens with a number too large to be a point's (`2026.`, a run of digits) was
    read as such a number, which is never a point, so it is written as it was: escaped, it would
    read as a line of plain text, which before a list may be taken for a sub-heading.
    """
    body = _body(p)
    found = recognise(p.text)
    max_point = shipped_settings().parse.max_point_number
    if found is not None and body == _escape(p.text) and p.text.startswith(found.printed) \
            and found.printed[-1:] in ".):" and all(r.kind == "arabic" and r.value > max_point for r in found.readings):
        return found.printed + _escape(p.text[len(found.printed):])
    return _escape_line_start(body)


def _marked_line(marker: str, body: str) -> str:
    """The provision's line, `marker body`, such that it reads back as that marker before that text.

    A text may open with what reads as a marker of its own behind the provision's (`- 97 under`
    after the Markdown of `- 97 _under_` became plain): a mark in it is escaped, or where it has
    none (a number, a word), its first word is written as code, which reads back as its letters.
    """
    line = f"{marker} {body}".rstrip()

    def reads_right(candidate: str) -> bool:
        found = recognise(candidate)
        return found is not None and found.printed == marker and found.rest.strip() == candidate[len(marker):].strip()

    if not body or reads_right(line):
        return line
    escaped = _first_escape(body, _SEPARATOR_REACH * 4, lambda b: reads_right(f"{marker} {b}")) \
        or _first_word_as_code(body, lambda b: reads_right(f"{marker} {b}"))
    return line if escaped is None else f"{marker} {escaped}"


def _paragraph_lines(text: str, *, under_heading: bool) -> list[str] | None:
    """The lines a paragraph is written on, after a blank line, so that none reads as a sub-heading;
    None when only a heading right above it can keep it from being one.

    A short paragraph that does not end as a sentence does (`8`, `Talks begin`) reads back as a
    sub-heading when a marked line follows it after a blank; it may have been several lines, or
    have stood right under a section heading. It is written right under its heading when it has
    one, else on two lines (the parser joins them with a space), the first not ending a sentence.
    """
    if not heading_like(text):
        return ["", text]
    if under_heading:
        return [text]
    for cut in (m.start() for m in _SINGLE_SPACE.finditer(text)):
        first, second = text[:cut], text[cut + 1:]
        if not ends_sentence(first) and _reads_as_text(first) and _reads_as_text(second):
            return ["", first, second]
    return None


def _reads_as_text(line: str) -> bool:
    """Whether the line, alone, is a line of running text (no marker, heading, note or counter)."""
    read = classify([line], 1, shipped_settings().parse)
    return len(read) == 1 and read[0].kind == "text" and read[0].text == line


def _marker(p: Provision) -> str:
    # A label the page printed twice is suffixed (`8-2`); the marker is the number as printed.
    own = re.sub(r"-\d+$", "", p.label.rsplit(".", 1)[-1])
    if own.startswith("option-"):
        return f"- Option {own.removeprefix('option-').upper()}:"
    if re.fullmatch(r"p\d+", own):
        return "-"
    if _DECIMAL.fullmatch(p.number) and p.label.endswith(p.number.rstrip(".")):
        return p.number.rstrip(".")  # `1.5`: under point 1 if it is open, else labelled as printed
    return f"{own}."


def _body(p: Provision) -> str:
    text = _escape(p.text)
    if p.status == "deleted":
        return f"[deleted] {text}".rstrip()
    if p.status == "bracketed" and "[" not in p.text:
        return f"[{text}]"
    return text


def document(doc: Document) -> str:
    """Return the document as a corpus file: front matter, then one provision a line."""
    lines = _front_matter(doc)
    section = ""
    previous_paragraph = True
    marked_before = False
    top_kind = ""
    last_prefix: str | None = None
    for p in doc.provisions:
        paragraph = p.label.startswith(("preamble", "closing"))
        # A paragraph after points is a section's introduction only below a heading: without one,
        # it would read back as commentary on the point or the paragraph above, so its heading is
        # written again.
        text = _paragraph(p) if paragraph else ""
        title = _title_line(p) if p.section != section and p.depth > 0 and not paragraph else None
        if title is not None:
            # A section opening among sub-items: a `##` heading would close the point above them.
            section = p.section
            lines.append(f"{'    ' * p.depth}{title}")
        # Two sections may share a title (`## Ukraine.` twice): a list prefix that changes says so.
        prefix = None if paragraph else _list_prefix(p)
        new_list = prefix is not None and last_prefix is not None and prefix != last_prefix
        last_prefix = prefix if prefix is not None else last_prefix
        headed = bool(p.section) and (p.section != section or new_list or (paragraph and (
            (marked_before and not p.label.startswith("closing"))
            or _paragraph_lines(text, under_heading=False) is None)))
        # A point of another kind than the points before it (options after lettered points) starts a
        # list of its own only below a heading: without one it would read as a sub-item of the last.
        kind = _kind(p)
        headed = headed or bool(p.section and not paragraph and p.depth == 0 and not previous_paragraph
                                and top_kind not in ("", kind))
        if not paragraph and p.depth == 0:
            top_kind = kind
        if headed:
            section = p.section
            lines += ["", _heading(section), *([] if paragraph else [""])]
            previous_paragraph = False
            last_prefix = prefix  # a heading just written starts the list the points below it form
        if paragraph:
            lines += [*(_paragraph_lines(text, under_heading=headed) or ["", text]),
                      *(f"(Editor's note: {_escape(n)})" for n in p.notes), ""]
            previous_paragraph = True
            continue
        if previous_paragraph:
            lines.append("")
            previous_paragraph = False
        marked_before = True
        lines.append(f"{'    ' * p.depth}{_marked_line(_marker(p), _body(p))}")
        lines += [f"{'    ' * (p.depth + 1)}(Editor's note: {_escape(note)})" for note in p.notes]
    return "\n".join(_squeeze_blank(lines)) + "\n"


def _list_prefix(p: Provision) -> str | None:
    """The section key a marked provision's label is prefixed with (`s3` of `s3.3.a`, `II` of `II.1`),
    which tells one list of the page from another; None when the label has no such prefix."""
    parts = p.label.split(".")
    if len(parts) <= p.depth + 1 or not _SECTION_KEY.fullmatch(parts[0]):
        return None
    return parts[0]


def _kind(p: Provision) -> str:
    """What sequence a provision's marker belongs to, as far as the writer prints it."""
    own = re.sub(r"-\d+$", "", p.label.rsplit(".", 1)[-1])
    if own.startswith("option-"):
        return "option"
    if re.fullmatch(r"p\d+", own):
        return "bullet"
    return "number" if own.isdigit() else "letter"


def _heading(section: str) -> str:
    """The section's heading line; a title that ends in `#` gets a closing `##`, which Markdown drops
    instead of the title's own."""
    return f"## {section} ##" if section.endswith("#") else f"## {section}"


def _title_line(p: Provision) -> str | None:
    """A line naming the section in the marker of the provision below it (`1) Security` over `1) ...`),
    which the parser reads as a title without closing the points above; None when the section's
    name cannot be read that way (more than a dozen words, a sentence's end, a bullet)."""
    marker = _marker(p)
    if not p.section or marker.startswith("-") or len(p.section.split()) > TITLE_WORDS \
            or p.section.rstrip()[-1:] in ".;:!?":
        return None
    line = f"{marker} {p.section}"
    found = recognise(line)
    return line if found is not None and found.printed == marker and found.rest == p.section else None


def _squeeze_blank(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        if line == "" and (not out or out[-1] == ""):
            continue
        out.append(line)
    while out and out[-1] == "":
        out.pop()
    return out
