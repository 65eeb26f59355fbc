"""Reads a web page: its main text (by readability's scoring), list numbering kept, page furniture left out.

readability-lxml finds the node that holds the article, the way browsers' reader views do, and
keeps it as HTML with its attributes; `htmlwalk` then writes that node as text, numbering each
`<ol>` item as the browser would show it (`start`, `type`, `value`, `reversed`) and indenting
nested lists. trafilatura was tried first and rejected: it renumbers `<ol start="5">` from 1 and
turns a nested `type="a"` list into 1, 2, which would change a plan's point numbers.
"""

from __future__ import annotations

import copy
import re

from lxml.html import HtmlElement

from ...errors import SourceFileError
from ...settings import IntakeSettings, LimitSettings, shipped_settings
from . import Extracted
from .encoding import decode
from .htmlwalk import page_text, prepare_lists, walk

_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([a-zA-Z0-9_.:-]+)", re.I)
# lxml refuses a str that still carries an XML encoding declaration.
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def _in_page(main: HtmlElement, page: HtmlElement) -> HtmlElement:
    """The page's own nodes that readability chose, under one parent; readability's cleaned copy where one is not found.

    readability decides well which node holds the article, but its clean-up also drops short
    lists and tables it judges thin, and a plan's list of three short points is exactly that. So
    each node it kept is looked up in the page (same tag, id and class, same opening words) and
    the page's own node is walked instead; htmlwalk leaves out the furniture itself.
    """
    from lxml.html import Element

    wrapper = main
    # readability wraps what it kept in a <div> (and a <body>) of its own: look through them.
    while len(wrapper) == 1 and not (wrapper.text or "").strip() and wrapper[0].tag in ("div", "body") \
            and not wrapper[0].get("class") and wrapper[0].get("id") in (None, "readabilityBody"):
        wrapper = wrapper[0]
    found = Element("div")
    for kept in list(wrapper):
        opening = " ".join(kept.text_content().split())[:60]
        match = next((node for node in page.iter(kept.tag)
                      if node.get("id") == kept.get("id") and node.get("class") == kept.get("class")
                      and opening in " ".join(node.text_content().split())), None)
        found.append(copy.deepcopy(match if match is not None else kept))
    return found


def read(data: bytes, name: str, *, charset: str | None = None, settings: IntakeSettings | None = None,
         limits: LimitSettings | None = None) -> Extracted:
    """Return the main text of a page, lists numbered as shown, with notes on what was left out."""
    settings = settings if settings is not None else shipped_settings().intake
    meta = _META_CHARSET.search(data[:4096])
    declared = charset or (meta.group(1).decode("ascii") if meta else None)
    markup, encoding, notes = decode(data, name, declared=declared, candidates=settings.encodings)
    markup = _XML_DECLARATION.sub("", markup)
    from lxml import html as lxml_html
    from lxml.etree import ParserError
    from readability import Document
    from readability.readability import Unparseable

    try:
        page = lxml_html.document_fromstring(markup)
    except (ParserError, ValueError):
        raise SourceFileError(f"{name}: is an HTML page with no text; save the page with its text, or give "
                              "the plan as a text file") from None
    prepare_lists(page)
    whole = page_text(page)
    if not whole.strip():
        raise SourceFileError(f"{name}: is an HTML page with no text; save the page with its text (not only its "
                              "scripts), or give the plan as a text file")
    readable = Document(lxml_html.tostring(page, encoding="unicode"))
    try:
        main = lxml_html.fragment_fromstring(readable.summary(html_partial=True), create_parent="div")
        page_title = str(readable.short_title() or "").strip() or None
    except (Unparseable, ValueError, TypeError):
        # Nothing to score (no paragraphs at all): the whole body is the main text.
        body = page.find("body")
        main = body if body is not None else page
        page_title = None
    chosen = _in_page(main, page)
    text, walk_notes, heading = walk(chosen, settings.boilerplate_openings)
    if not text.strip():
        raise SourceFileError(f"{name}: is an HTML page with no text in its main part; save the page with its "
                              "text, or copy the plan into a text file")
    kept = len(page_text(chosen))
    notes += (f"main text: {kept:,} of the page's {len(whole):,} characters (navigation, sidebars and footers "
              "left out)",)
    return Extracted(text=text, encoding=encoding, notes=notes + walk_notes, reader="html",
                     title=heading or page_title)
