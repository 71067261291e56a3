"""Text that a spreadsheet must not take for a formula.

Excel, LibreOffice and WPS treat a cell whose text starts with `=`, `+`, `-` or `@` (and,
after they strip it, a tab or carriage return) as a formula: an applicant named
`=HYPERLINK("http://x","y")` or a file named `@SUM(1+1).swdapp` would become a live link or
a calculation in the reviewer's roster or import report. Every text swdesk writes into a
spreadsheet goes through these helpers:

- Excel roster (.xlsx): such a text is written as a string cell (`t="s"`) with the cell
  style's "quote prefix" set, so the text is kept exactly and stays text when edited.
- CSV report: a CSV file has no types, so such a text gets a leading apostrophe `'` (the
  OWASP "CSV injection" rule); the spreadsheet shows the apostrophe, the data stays inert.
"""

from __future__ import annotations

__all__ = ["FORMULA_STARTS", "csv_safe", "looks_like_formula"]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(text: str) -> bool:
    """Whether a spreadsheet could read `text` as a formula (by its first character)."""
    return text.startswith(FORMULA_STARTS)


def csv_safe(value: object) -> object:
    """`value` for a CSV cell: a text that could be read as a formula gets a leading
    apostrophe; numbers and other texts are returned unchanged."""
    if isinstance(value, str) and looks_like_formula(value):
        return "'" + value
    return value
