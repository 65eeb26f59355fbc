"""Splits and validates the TOML front matter between `+++` lines at the top of a corpus file."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field
from typing import Any, cast

from ..errors import FrontMatterError, over_limit
from ..model import DOCUMENT_KINDS, DOCUMENT_STATUSES, DocumentKind, DocumentStatus, Source
from ..settings import shipped_settings

_FENCE = "+++"
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_LINE_IN_TOML_ERROR = re.compile(r"\(at line (\d+), column (\d+)\)")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
RENDITIONS: tuple[str, ...] = ("paraphrase", "original")
"""How a corpus file's wording relates to its sources: the project's own, or the source's text imported."""


@dataclass(frozen=True)
class FrontMatter:
    """The metadata a corpus file declares about its version (all optional for plain text)."""

    id: str | None = None
    title: str | None = None
    date: dt.date | None = None
    date_precision: str = "day"
    parties: tuple[str, ...] = ()
    kind: DocumentKind = "peace-plan"
    status: DocumentStatus = "published"
    derived_from: tuple[str, ...] = ()
    rendition: str = ""
    coverage: str = ""
    missing: str = ""
    sources: tuple[Source, ...] = field(default=())


def nesting(text: str) -> tuple[int, int]:
    """Return how deeply TOML text nests arrays and inline tables, and the 1-based line where it is deepest.

    Strings and comments are skipped, so a bracket in a quoted title counts for nothing. `tomllib`
    reads nesting by recursion and fails with a RecursionError some 500 levels down, so the depth
    is measured first, in one pass, and a deep text refused with a line before it is read.
    """
    depth = deepest = 0
    line = deepest_line = 1
    at, end = 0, len(text)
    while at < end:
        ch = text[at]
        if ch == "\n":
            line += 1
        elif ch == "#":
            stop = text.find("\n", at)
            at = end if stop < 0 else stop
            continue
        elif ch in "\"'":
            quote = text[at : at + 3] if text[at : at + 3] in ('"""', "'''") else ch
            at += len(quote)
            while at < end and not text.startswith(quote, at):
                if text[at] == "\n":
                    if len(quote) == 1:
                        break  # a one-line string left open: tomllib says so; keep counting lines
                    line += 1
                elif text[at] == "\\" and quote[0] == '"' and text[at + 1 : at + 2] != "\n":
                    at += 1
                at += 1
            else:
                at += len(quote)
            continue
        elif ch in "[{":
            depth += 1
            if depth > deepest:
                deepest, deepest_line = depth, line
        elif ch in "]}":
            depth = max(0, depth - 1)
        at += 1
    return deepest, deepest_line


def loads_toml(text: str, where: str, first_line: int, max_depth: int) -> dict[str, object]:
    """Return a TOML text as a table, refusing one nested deeper than `max_depth` (`[limits] max_depth`).

    `where` names the file in errors and `first_line` is the file line the text starts at; a
    TOMLDecodeError is left to the caller, which knows what the text is for.
    """
    deepest, line = nesting(text)
    if deepest > max_depth:
        raise over_limit(f"{where}:{first_line + line - 1}", f"arrays or tables nested {deepest:,} deep", "max_depth",
                         max_depth)
    try:
        return tomllib.loads(text)
    except RecursionError:  # a guard only: nesting() refuses anything deep enough for this
        raise over_limit(where, "arrays or tables nested too deeply to read", "max_depth", max_depth) from None


def split(text: str, path: str, *, max_depth: int | None = None) -> tuple[FrontMatter, list[str], int]:
    """Return the front matter, the body lines, and the 1-based file line the body starts at.

    `max_depth`: how deeply the front matter may nest arrays and tables (default: the shipped
    `[limits] max_depth`).
    """
    max_depth = max_depth if max_depth is not None else shipped_settings().limits.max_depth
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None or lines[first].strip() != _FENCE:
        return FrontMatter(), lines, 1
    try:
        close = next(i for i in range(first + 1, len(lines)) if lines[i].strip() == _FENCE)
    except StopIteration:
        raise FrontMatterError(
            f"{path}:{first + 1}: front matter opened with +++ is never closed; add a +++ line after it"
        ) from None
    raw = "\n".join(lines[first + 1 : close])
    try:
        table = loads_toml(raw, path, first + 2, max_depth)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        found = _LINE_IN_TOML_ERROR.search(message)
        line = first + 1 + int(found.group(1)) if found else first + 1
        reason = _LINE_IN_TOML_ERROR.sub("", message).strip()
        raise FrontMatterError(f"{path}:{line}: front matter is not valid TOML ({reason}); fix that line") from None
    return _validate(table, path, first + 1), lines[close + 1 :], close + 2


def _fail(path: str, line: int, key: str, problem: str) -> FrontMatterError:
    return FrontMatterError(f"{path}:{line}: front matter `{key}` {problem}")


def _string(table: dict[str, Any], key: str, path: str, line: int) -> str | None:
    value = table.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise _fail(path, line, key, f"must be a string in quotes, not {value!r}")
    return value


def _strings(table: dict[str, Any], key: str, path: str, line: int) -> tuple[str, ...]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _fail(path, line, key, f'must be a list of strings, like ["a", "b"], not {value!r}')
    return tuple(value)


def _choice(table: dict[str, Any], key: str, allowed: tuple[str, ...], default: str, path: str, line: int) -> str:
    value = _string(table, key, path, line)
    if value is None:
        return default
    if value not in allowed:
        raise _fail(path, line, key, f"is {value!r}; use one of {', '.join(allowed)}")
    return value


def _rendition(table: dict[str, Any], path: str, line: int) -> str:
    """`paraphrase` (the project's own wording) or `original` (an imported text); '' when not said."""
    value = _string(table, "rendition", path, line) or ""
    if value and value not in RENDITIONS:
        raise _fail(path, line, "rendition", f"is {value!r}; use one of {', '.join(RENDITIONS)}")
    return value


def _check_import_keys(item: dict[str, Any], n: int, path: str, line: int) -> None:
    """The keys `import` writes into a source: when it was retrieved, and the digest of the bytes kept."""
    retrieved = item.get("retrieved")
    if retrieved is not None and (not isinstance(retrieved, dt.date) or isinstance(retrieved, dt.datetime)):
        raise _fail(path, line, "sources", f"entry {n}: retrieved is {retrieved!r}; write a TOML date, e.g. "
                    "retrieved = 2025-11-20")
    digest = item.get("sha256")
    if digest is not None and not (isinstance(digest, str) and _SHA256.match(digest)):
        raise _fail(path, line, "sources", f"entry {n}: sha256 must be 64 hex digits in quotes")
    for key in ("file", "original"):
        if not isinstance(item.get(key, ""), str):
            raise _fail(path, line, "sources", f"entry {n}: {key} must be a file name in quotes")


def _validate(table: dict[str, Any], path: str, line: int) -> FrontMatter:
    doc_id = _string(table, "id", path, line)
    if doc_id is not None and not _ID.match(doc_id):
        raise _fail(path, line, "id", f"is {doc_id!r}; use lower-case words and digits joined by '-', e.g. us-28-2025-11-20")
    date = table.get("date")
    if date is not None and (not isinstance(date, dt.date) or isinstance(date, dt.datetime)):
        raise _fail(path, line, "date", f"is {date!r}; write a TOML date without quotes, e.g. date = 2025-11-20")
    raw_sources = table.get("sources", [])
    if not isinstance(raw_sources, list):
        raise _fail(path, line, "sources", "must be a list of tables with outlet, url and note")
    sources = []
    for n, item in enumerate(raw_sources, 1):
        if not isinstance(item, dict) or not isinstance(item.get("outlet", ""), str) or not isinstance(
            item.get("url", ""), str
        ):
            raise _fail(path, line, "sources", f"entry {n} must be {{ outlet = \"...\", url = \"...\", note = \"...\" }}")
        _check_import_keys(item, n, path, line)
        sources.append(Source(outlet=item.get("outlet", ""), url=item.get("url", ""), note=str(item.get("note", ""))))
    return FrontMatter(
        id=doc_id,
        title=_string(table, "title", path, line),
        date=date,
        date_precision=_choice(table, "date_precision", ("day", "approximate"), "day", path, line),
        parties=_strings(table, "parties", path, line),
        # _choice returns only one of the allowed values, so the casts hold.
        kind=cast(DocumentKind, _choice(table, "kind", DOCUMENT_KINDS, "peace-plan", path, line)),
        status=cast(DocumentStatus, _choice(table, "status", DOCUMENT_STATUSES, "published", path, line)),
        derived_from=_strings(table, "derived_from", path, line),
        rendition=_rendition(table, path, line),
        coverage=_string(table, "coverage", path, line) or "",
        missing=_string(table, "missing", path, line) or "",
        sources=tuple(sources),
    )
