"""CSV output: one row per record, a header row first, lists joined with '; ', no cell a spreadsheet runs (`csvcells`)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from ..csvcells import guarded
from ..model import Document
from .records import listing_record


def table(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    """Return rows as CSV with the given columns, in order."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([guarded("; ".join(map(str, v)) if isinstance(v, list) else ("" if v is None else v))
                         for v in (row[c] for c in columns)])
    return out.getvalue()


LIST_COLUMNS = ("id", "date", "parties", "status", "kind", "points", "provisions", "title")


def listing(docs: Sequence[Document]) -> str:
    """Return `list --format csv`."""
    return table([listing_record(d) for d in docs], LIST_COLUMNS)
