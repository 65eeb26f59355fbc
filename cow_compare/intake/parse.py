"""Turns plan text (Markdown or plain, with or without front matter) into a Document of provisions.

The parser reads line by line, in stages that each have their module: `lines` says what kind
each line is (`markers` says what opens it, `numerals` reads its numbers, `runs` splits a line
that carries several provisions); `lists` finds the list in the page (what before it is lead,
its sub-headings and sub-lines, where the closing text starts); `outline` places every marked
line in the tree of open numbering sequences, and `unnumbered` the text no marker opens;
`labels` gives each provision its dotted label; `statuses` (with `removals` for a point said in
words to be removed) reads its status and editorial notes as it is frozen into a Provision.
A real page is never refused for its numbering: what the parser had to work around, or doubts,
is in the document's warnings. Only a text beyond the `[limits]` settings is refused (a line or
a provision longer than `max_provision_characters`, sub-items nested deeper than `max_depth`,
more than `max_provisions`), in one line that names the limit; long lines are refused before any
stage reads them.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import ParseError, over_limit
from ..model import Document, Provision
from ..settings import LimitSettings, ParseSettings, shipped_settings
from . import frontmatter, labels, lists, unnumbered
from .inline import plain
from .lines import Line, classify, take_title
from .normalize import fingerprint, typographic
from .outline import Item, Outline
from .sourcefile import read_text
from .statuses import status_of, take_inline_notes


def parse_file(path: Path | str, *, settings: ParseSettings | None = None,
               limits: LimitSettings | None = None) -> Document:
    """Return the Document read from a file; raise an InputError naming the file on bad input."""
    path = Path(path)
    limits = limits if limits is not None else shipped_settings().limits
    return parse_text(read_text(path, max_bytes=limits.max_file_bytes), str(path), settings=settings, limits=limits)


def parse_text(text: str, source_path: str = "<text>", *, default_id: str | None = None,
               settings: ParseSettings | None = None, limits: LimitSettings | None = None) -> Document:
    """Return the Document parsed from text; `source_path` names it in errors and warnings.

    `settings`: the parse settings (default: the shipped ones); `limits`: the `[limits]` the text
    must keep within (default: the shipped ones), else a LimitError names the limit.
    """
    settings = settings if settings is not None else shipped_settings().parse
    limits = limits if limits is not None else shipped_settings().limits
    if len(text) > limits.max_file_bytes:
        raise over_limit(source_path, f"the text holds {len(text):,} characters", "max_file_bytes",
                         limits.max_file_bytes)
    meta, body, first_line = frontmatter.split(text, source_path, max_depth=limits.max_depth)
    _check_lines(body, first_line, source_path, limits)
    lines = classify(body, first_line, settings)
    heading_title = take_title(lines)  # always taken: the title heading is never a section
    title = meta.title or heading_title or Path(source_path).stem
    outline = _outline(lines, settings, limits, source_path)
    if not outline.items:
        raise ParseError(
            f"{source_path}: no provisions found; put the plan's text below the front matter, "
            "one point per numbered line or one paragraph per provision"
        )
    _check_outline(outline, source_path, limits)
    labels.assign(outline.items, outline.warn)
    _warn_if_doubtful(outline, settings)
    doc_id = meta.id or default_id or _slug(Path(source_path).stem)
    provisions = tuple(_freeze(item, outline.items, doc_id, settings) for item in outline.items)
    _check_provisions(provisions, source_path, limits)
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
        numbered=outline.numbered,
        warnings=tuple(outline.warnings),
    )


def _check_lines(body: list[str], first_line: int, source_path: str, limits: LimitSettings) -> None:
    """Refuse a line longer than any provision may be, before a stage spends time on it."""
    longest = limits.max_provision_characters
    for n, line in enumerate(body):
        if len(line) > longest:
            raise over_limit(f"{source_path}:{first_line + n}", f"a line of {len(line):,} characters",
                             "max_provision_characters", longest)


def _check_outline(outline: Outline, source_path: str, limits: LimitSettings) -> None:
    """Refuse more provisions than `max_provisions`, or sub-items nested deeper than `max_depth`."""
    if len(outline.items) > limits.max_provisions:
        raise over_limit(source_path, f"{len(outline.items):,} provisions", "max_provisions", limits.max_provisions)
    deep = next((item for item in outline.items if item.depth + 1 > limits.max_depth), None)
    if deep is not None:
        raise over_limit(f"{source_path}:{deep.first}", f"sub-items nested {deep.depth + 1:,} levels deep",
                         "max_depth", limits.max_depth)


def _check_provisions(provisions: tuple[Provision, ...], source_path: str, limits: LimitSettings) -> None:
    """Refuse a provision whose text, joined from its lines, is longer than `max_provision_characters`."""
    longest = limits.max_provision_characters
    for p in provisions:
        if len(p.text) > longest:
            raise over_limit(f"{source_path}:{p.lines[0]}", f"provision {p.label} holds {len(p.text):,} characters",
                             "max_provision_characters", longest)


def _slug(stem: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")
    return slug or "document"


def _outline(lines: list[Line], settings: ParseSettings, limits: LimitSettings, source_path: str) -> Outline:
    """Walk the classified lines once: marked lines into the outline, the text around them beside it."""
    outline = Outline(settings)
    lists.shape(lines, outline.warn, settings.max_point_number)
    outline.expect(lines)
    marker_rows = [i for i, line in enumerate(lines) if line.kind == "marker"]
    if not marker_rows:
        unnumbered.unnumbered_document(outline, lines)
    else:
        after_blank, after_sentence, after_marker = False, True, False
        for i, line in enumerate(lines):
            if line.kind == "blank":
                after_blank, after_marker = True, False
                continue
            if line.kind == "counter":
                continue
            placed = False
            if line.kind == "heading":
                outline.heading(line)
            elif line.kind == "editorial":
                unnumbered.editorial_line(outline, line)
            elif line.kind == "marker" and outline.accepts(line, after_blank or after_sentence, after_marker):
                outline.place(line)
                placed = True
                if outline.items[-1].depth >= limits.max_depth:  # before the next line costs more
                    _check_outline(outline, source_path, limits)
            else:
                unnumbered.text_line(outline, line, after_blank, before_points=i < marker_rows[0],
                                     after_points=i >= marker_rows[-1])
            after_blank, after_sentence = False, lists.ends_sentence(line.text)
            after_marker = placed and after_sentence
    unnumbered.warn_if_unnumbered(outline)
    return outline


def _warn_if_doubtful(outline: Outline, settings: ParseSettings) -> None:
    """Say so when a long text yields only one or two provisions: its list was probably not recognised."""
    provisions = [item for item in outline.items if item.reading is not None]
    characters = sum(len(part) for item in provisions for part in item.parts)
    found = len(provisions)
    if found <= 2 and characters >= settings.doubtful_characters:
        outline.warn(0, f"only {found} provision{'s' if found != 1 else ''} found in {characters:,} characters of "
                        "text: the list may not have been recognised; check the structure")


def _freeze(item: Item, items: list[Item], doc_id: str, settings: ParseSettings) -> Provision:
    """The finished provision: its text joined, made plain and read for its status and notes."""
    text, inline_notes = take_inline_notes(" ".join(part.strip() for part in item.parts))
    status, text = status_of(typographic(plain(text)), item.reading, settings)
    if item.struck:
        status = "deleted"
    return Provision(
        doc=doc_id, label=item.label, number=item.printed, text=text,
        parent=items[item.parent].label if item.parent is not None else None, depth=item.depth,
        status=status, lines=(item.first, item.last), fingerprint=fingerprint(text), section=item.section,
        notes=tuple(typographic(n) for n in item.notes + inline_notes),
    )
