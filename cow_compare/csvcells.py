"""CSV cells a spreadsheet opens as text, never as a formula, and read back as they were written.

A provision, title or analyst's note may begin with `=`, `+`, `-` or `@` (or a tab or carriage
return a spreadsheet skips before one), which Excel, LibreOffice and Google Sheets run as a formula
when the CSV is opened: `=HYPERLINK(...)` in a shared export is an attack on whoever opens it. Such a
cell is written with a leading apostrophe, the mark spreadsheets themselves use for "text, as typed"
(as OWASP advises). So that every value reads back unchanged, a value that already starts with an
apostrophe gets one more, and reading removes exactly one from any cell that starts with one.
"""

from __future__ import annotations

STARTS = ("=", "+", "-", "@", "\t", "\r", "'")
"""What a cell may not start with as written: formula starters, and the apostrophe that marks a guarded cell."""


def guarded(value: object) -> object:
    """A cell's value as written to CSV: text that could open as a formula gets a leading apostrophe.
    Numbers stay numbers (a negative count is no formula)."""
    if isinstance(value, str) and value.startswith(STARTS):
        return "'" + value
    return value


def unguarded(cell: str) -> str:
    """A cell's text as it was before `guarded`."""
    return cell[1:] if cell.startswith("'") else cell
