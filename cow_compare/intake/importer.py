"""Imports an original (a file or a web address) into an analyst's corpus folder as `<id>.md`, bytes kept beside it.

The corpus document holds TOML front matter (`rendition = "original"`, the source with the
date it was retrieved and the SHA-256 of its bytes) and the text the reader extracted, so the
parser reads it like any corpus file; the original bytes are kept as `<id>.orig.<ext>` so the
import can be checked against them. Both files are written to temporary names and renamed, so
a failed import leaves nothing behind.

Defaults, chosen so an import never guesses a fact:
- the date is the version's date, not the import's: `date` as given (`today` allowed, said
  explicitly), else a `YYYY-MM-DD` in the source's name, else none;
- the id is `<slug of the file name, or of the page's title for a web address>-<date>`; with no
  date an id must be given, since ids without dates clash across versions;
- the title is as given, else the source's own (page heading, DOCX or PDF properties), else the
  file name.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import tempfile
from pathlib import Path

from ..errors import CorpusError, InputError, ParseError
from ..model import ImportResult
from ..settings import Settings, shipped_settings
from .corpus import ENV_VAR
from .frontmatter import split
from .numbering import numbering_report
from .originals import Original, read_original
from .sourcefile import decode_text, read_bytes

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_DATE_IN_NAME = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_SLUG_WORDS = 6
# The original's extension by reader; a text is kept as .txt even when it came as .md, since every
# *.md in a corpus folder is read as a corpus document.
_ORIGINAL_SUFFIX = {"pdf": ".pdf", "docx": ".docx", "html": ".html", "text": ".txt"}
_FILE_MODE = 0o644
SHIPPED_CORPUS = Path(__file__).resolve().parent.parent.parent / "proposals"


def start_hint(source: str = "FILE") -> str:
    """The one line that tells an analyst how to start a corpus folder of their own."""
    return f"mkdir my-corpus && cow-compare import {source} --corpus my-corpus (or set {ENV_VAR})"


def import_source(source: str | Path, corpus_dir: Path | str | None, *, id: str | None = None,
                  title: str | None = None, date: dt.date | str | None = None, parties: tuple[str, ...] = (),
                  derived_from: tuple[str, ...] = (), force: bool = False, settings: Settings | None = None,
                  today: dt.date | None = None) -> ImportResult:
    """Read `source` (a file path or an http(s) address), write it into `corpus_dir` as a corpus document.

    `corpus_dir` None reads $COW_COMPARE_CORPUS; the shipped proposals/ is never written. `date`
    is a date, `YYYY-MM-DD` or `today`. An id already in the folder is refused unless `force`.
    `today` is the retrieval date written (default: today).
    """
    settings = settings if settings is not None else shipped_settings()
    today = today if today is not None else dt.date.today()
    folder = _corpus_folder(corpus_dir, str(source))
    original = read_original(source, settings)
    # A Markdown source may carry front matter of its own: its values are defaults, its block is not body text.
    own, body, body_line = split(original.extracted.text, original.name, max_depth=settings.limits.max_depth)
    extracted_text = "\n".join(body) if body_line > 1 else original.extracted.text
    title = title or own.title
    date = date if date is not None else own.date
    id = id or own.id
    parties = parties or own.parties
    derived_from = derived_from or own.derived_from
    version_date = _date(date, today, original)
    doc_id = _id(id, title, version_date, original)
    known = _ids_in(folder)
    target = folder / f"{doc_id}.md"
    holder = known.get(doc_id)
    if holder is not None and not (force and holder == target.name):
        hint = "add --force to replace it" if holder == target.name else f"give another --id, or remove {holder}"
        raise CorpusError(f"{folder / holder}: already holds id {doc_id!r}; {hint}")
    unknown = [parent for parent in derived_from if parent not in known]
    if unknown:
        raise InputError(f"--derived-from {unknown[0]!r} is not an id in {folder}; import that version first or "
                         f"use one of: {', '.join(sorted(known)) or '(the folder is empty)'}")
    digest = hashlib.sha256(original.data).hexdigest()
    kept = f"{doc_id}.orig{_ORIGINAL_SUFFIX[original.extracted.reader]}"
    text = _front_matter(doc_id, title or original.extracted.title or Path(original.name).stem, version_date,
                         parties, derived_from, original, digest, kept, today) + extracted_text.lstrip("\n")
    shown = str(Path(folder.resolve().name) / target.name)
    from .parse import parse_text

    try:
        document = parse_text(text, shown, settings=settings.parse, limits=settings.limits)
    except ParseError as exc:
        raise ParseError(f"{source}: cannot be imported, nothing was written: {exc}") from None
    _write_both(folder, {folder / kept: original.data, target: text.encode("utf-8")})
    for stale in folder.glob(f"{doc_id}.orig.*"):
        if stale.name != kept:
            stale.unlink()  # --force over an import of another format: keep only this one's bytes
    report = numbering_report(document, reader=original.extracted.reader, encoding=original.extracted.encoding,
                              notes=original.extracted.notes)
    return ImportResult(document, target, folder / kept, report, digest)


def _corpus_folder(corpus_dir: Path | str | None, source: str) -> Path:
    configured = corpus_dir if corpus_dir is not None else os.environ.get(ENV_VAR) or None
    if configured is None:
        raise InputError(f"import writes into a corpus folder of your own, and none was given: {start_hint(source)}")
    folder = Path(configured)
    if folder.resolve() == SHIPPED_CORPUS.resolve():
        raise InputError(f"{folder}: is the shipped corpus, which import never changes; start your own: "
                         f"{start_hint(source)}")
    if not folder.exists():
        raise CorpusError(f"{folder}: no such corpus folder; start it with mkdir {folder} && cow-compare import "
                          f"{source} --corpus {folder}")
    if not folder.is_dir():
        raise CorpusError(f"{folder}: is a file, not a corpus folder; give a folder with --corpus")
    return folder


def _date(given: dt.date | str | None, today: dt.date, original: Original) -> dt.date | None:
    if isinstance(given, dt.date):
        return given
    if given is not None:
        if given.strip().lower() == "today":
            return today
        try:
            return dt.date.fromisoformat(given.strip())
        except ValueError:
            raise InputError(f"--date {given!r} is not a date; write the version's date as YYYY-MM-DD, or today") from None
    found = _DATE_IN_NAME.search(original.name)
    if found:
        try:
            return dt.date(*(int(part) for part in found.groups()))
        except ValueError:
            return None
    return None


def _slug(text: str) -> str:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return "-".join(words[:_SLUG_WORDS])


def _id(given: str | None, title: str | None, date: dt.date | None, original: Original) -> str:
    if given is not None:
        if not _ID.match(given):
            raise InputError(f"--id {given!r} is not an id; use lower-case words and digits joined by '-', "
                             "e.g. us-28-2025-11-20")
        return given
    if date is None:
        raise InputError(f"{original.name}: the version's date is not in its name, so no id can be made; give "
                         "--date YYYY-MM-DD (or --date today), or --id")
    stem = _DATE_IN_NAME.sub("", Path(original.name).stem if original.path is not None else "")
    base = _slug(title or stem or original.extracted.title or "") or _slug(Path(original.name).stem)
    if not base:
        raise InputError(f"{original.name}: no id can be made from its name or title; give --id, e.g. "
                         f"--id plan-{date.isoformat()}")
    return f"{base}-{date.isoformat()}"


def _ids_in(folder: Path) -> dict[str, str]:
    """Every id the folder's corpus files declare (or would be given from their names), to file name."""
    ids: dict[str, str] = {}
    for path in sorted(folder.glob("*.md")):
        try:
            meta, _body, _line = split(decode_text(read_bytes(path), path), str(path))
        except InputError:
            meta = None  # a broken file is reported when the corpus is read; here only its name counts
        ids.setdefault(meta.id if meta is not None and meta.id else path.stem, path.name)
    return ids


def _toml(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # JSON string escapes are valid TOML basic-string escapes


def _front_matter(doc_id: str, title: str, date: dt.date | None, parties: tuple[str, ...],
                  derived_from: tuple[str, ...], original: Original, digest: str, kept: str,
                  today: dt.date) -> str:
    where = f"url = {_toml(original.url)}" if original.url else f"file = {_toml(original.name)}"
    outlet = original.url.split("/")[2] if original.url else original.name
    lines = ["+++", f"id = {_toml(doc_id)}", f"title = {_toml(title)}"]
    if date is not None:
        lines.append(f"date = {date.isoformat()}")
    lines += [
        f"parties = [{', '.join(_toml(p) for p in parties)}]",
        # kind and status are not in an original's bytes: the defaults are written out to be checked.
        'kind = "peace-plan"',
        'status = "published"',
        f"derived_from = [{', '.join(_toml(p) for p in derived_from)}]",
        'rendition = "original"',
        "sources = [",
        f"  {{ outlet = {_toml(outlet)}, {where}, retrieved = {today.isoformat()}, sha256 = {_toml(digest)}, "
        f"original = {_toml(kept)} }},",
        "]",
        "+++",
        "",
    ]
    return "\n".join(lines) + "\n"


def _write_both(folder: Path, files: dict[Path, bytes]) -> None:
    """Write every file to a temporary name in the folder, then rename them all; on failure remove the temporaries."""
    temporary: dict[Path, Path] = {}
    try:
        for target, data in files.items():
            handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
            temporary[target] = Path(name)
            os.fchmod(handle, _FILE_MODE)  # mkstemp makes the file private; a corpus file is an ordinary file
            with os.fdopen(handle, "wb") as out:
                out.write(data)
        for target, temp in temporary.items():
            os.replace(temp, target)
    except OSError as exc:
        for temp in temporary.values():
            temp.unlink(missing_ok=True)
        raise CorpusError(f"{folder}: cannot be written into ({exc.strerror or exc}); choose a folder you can "
                          "write to with --corpus") from None
