"""Reads inline Markdown (emphasis, links, code) as the words a reader sees."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt


@lru_cache(maxsize=1)
def _markdown_inline_pattern() -> re.Pattern[str]:
    return re.compile(r"[*_`\\]|\]\(")


@lru_cache(maxsize=1)
def _reader() -> MarkdownIt:
    # Imported here, not at the top: markdown-it costs more to import than the whole parser, and
    # only lines that carry Markdown need it.
    from markdown_it import MarkdownIt

    return MarkdownIt("zero").enable(["emphasis", "link", "backticks", "escape"])


def plain(text: str) -> str:
    """Return inline Markdown (emphasis, links, code) as the words a reader sees."""
    if not _markdown_inline_pattern().search(text):
        return text
    tokens = _reader().parseInline(text)
    out: list[str] = []
    for token in tokens[0].children or []:
        if token.type in ("text", "code_inline"):
            out.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            out.append(" ")
    return "".join(out)
