"""Markdown output in the corpus format of docs/corpus-format.md: it parses back to the same provisions."""

from __future__ import annotations

import json
import re
import string

from ..model import Document, Provision
from ..settings import shipped_settings
from .markers import recognise

_MARKDOWN_SPECIAL = re.compile(r"([\\*_`])")
# `5.` inside a text would split it as a glued point when read back; `5\.` reads back as `5.`.
_NUMBER_MARKER = re.compile(r"(\d+)([.)])")
_LINE_START_SPECIAL = re.compile(r"^(?:#|\(|\[)")


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

    Only a mark within the marker itself is escaped (`(a)`, `Point 3:`): escaping a mark further
    on would not stop the marker and would double an escape already there. A marker with no mark
    at all (`43 Text`) is left as it is: it was read as text where it stood, and it is again.
    """
    found = recognise(text)
    if not (found or _LINE_START_SPECIAL.match(text)):
        return text
    span = len(found.printed) if found is not None and text.startswith(found.printed) else 1
    at = next((i for i, ch in enumerate(text[:span]) if ch in string.punctuation and ch != "\\"
               and (i == 0 or text[i - 1] != "\\")), None)
    return text if at is None else f"{text[:at]}\\{text[at:]}"


def _paragraph(p: Provision) -> str:
    """A preamble or closing paragraph, escaped so that it reads back as the same unmarked text.

    A paragraph that opens with a number too large to be a point's (`2026.`, a run of digits) was
    read as such a number, which is never a point, so it is written as it was: escaped, it would
    read as a line of plain text, which before a list may be taken for a sub-heading.
    """
    found = recognise(p.text)
    max_point = shipped_settings().parse.max_point_number
    if found is not None and p.status == "active" and p.text.startswith(found.printed) and found.printed[-1:] in ".)" \
            and all(r.kind == "arabic" and r.value > max_point for r in found.readings):
        return found.printed + _escape(p.text[len(found.printed):])
    return _escape_line_start(_body(p))


def _marker(p: Provision) -> str:
    # A label the page printed twice is suffixed (`8-2`); the marker is the number as printed.
    own = re.sub(r"-\d+$", "", p.label.rsplit(".", 1)[-1])
    if own.startswith("option-"):
        return f"- Option {own.removeprefix('option-').upper()}:"
    if re.fullmatch(r"p\d+", own):
        return "-"
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
    for p in doc.provisions:
        paragraph = p.label.startswith(("preamble", "closing"))
        # A paragraph after points is a section's introduction only below a heading: without one,
        # it would read back as commentary on the point above, so its heading is written again.
        if p.section and (p.section != section or (paragraph and marked_before and not previous_paragraph)):
            section = p.section
            lines += ["", f"## {section}", ""]
            previous_paragraph = False
        if paragraph:
            lines += ["", _paragraph(p), *(f"(Editor's note: {_escape(n)})" for n in p.notes), ""]
            previous_paragraph = True
            continue
        if previous_paragraph:
            lines.append("")
            previous_paragraph = False
        marked_before = True
        lines.append(f"{'    ' * p.depth}{_marker(p)} {_body(p)}".rstrip())
        lines.extend(f"{'    ' * (p.depth + 1)}(Editor's note: {_escape(n)})" for n in p.notes)
    return "\n".join(_squeeze_blank(lines)) + "\n"


def _squeeze_blank(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        if line == "" and (not out or out[-1] == ""):
            continue
        out.append(line)
    while out and out[-1] == "":
        out.pop()
    return out
