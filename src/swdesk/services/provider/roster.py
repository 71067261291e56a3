"""Reading a provider's attendance roster (.xlsx) safely.

The roster is a workbook whose first sheet has a header row (the first row with any value)
naming three columns, in any order, among any others (which are ignored):

    姓名 or name              the attendee's name
    公民身份号码, 身份证号, 身份证号码 or id_number   their 18-character ID number
    学时 or hours             the hours to record (a number, at most one decimal place)

Headers are matched after NFKC normalisation, trimming and lower-casing. Every later row
with any value is one attendee; empty rows are skipped. The file is refused before
openpyxl reads it when it is larger than `MAX_ROSTER_BYTES`, not a ZIP archive, or would
unpack to more than `MAX_UNPACKED_BYTES` or at a ratio above `MAX_RATIO` (a zip bomb);
openpyxl reads it in read-only mode, at most `MAX_ROWS` rows and `MAX_COLUMNS` columns.
A cell holding a formula is refused (its value would be whatever the sheet last computed,
or nothing), as is any cell of the three columns whose type is not text or a number.

Errors (`UserFixableError`): "roster_unreadable" (param reason), "file_too_large",
"roster_invalid" with `row` (the sheet's row number), `field` (name, id_number or hours;
for the header row the column it lacks; `rows` for a roster with no attendee or more than
`MAX_ROWS`) and `reason` (a code: header_missing, formula, not_text, too_many_rows, ...).
The values themselves are never put into an error: an ID number must not reach a log.
Entity expansion inside the workbook's XML is bounded by the unpacked-size check and by
the XML parser's own limits (expat's protection against amplification).
"""

from __future__ import annotations

import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from swdesk.core.infiles import open_regular_file
from swdesk.domain.errors import UserFixableError

__all__ = [
    "HEADERS",
    "MAX_ROSTER_BYTES",
    "MAX_ROWS",
    "RosterRow",
    "read_roster",
]

MAX_ROSTER_BYTES = 10 * 1024 * 1024
MAX_UNPACKED_BYTES = 64 * 1024 * 1024
MAX_RATIO = 200
MAX_MEMBERS = 2000
MAX_ROWS = 5000
MAX_COLUMNS = 50
MAX_CELL_CHARS = 200
#: field → the header texts that name it (after `_header_key`)
HEADERS: dict[str, frozenset[str]] = {
    "name": frozenset({"姓名", "name"}),
    "id_number": frozenset({"公民身份号码", "身份证号", "身份证号码", "id_number"}),
    "hours": frozenset({"学时", "hours"}),
}


@dataclass(frozen=True, slots=True)
class RosterRow:
    """One attendee as written in the roster (`row`: the sheet's row number); the values
    are raw text, checked by the issuer."""

    row: int
    name: str
    id_number: str
    hours: Decimal | None  # None when the cell is not a decimal number


def _invalid(row: int, field: str, reason: str, file: str) -> UserFixableError:
    return UserFixableError("roster_invalid", row=row, field=field, reason=reason, file=file)


def _check_archive(path: Path) -> None:
    """Refuse what openpyxl should never unpack: too large, not a ZIP, a zip bomb."""
    file = path.name
    try:
        with open_regular_file(path) as stream:
            head = stream.read(MAX_ROSTER_BYTES + 1)
    except OSError as exc:
        raise UserFixableError("file_unreadable", file=file, path=str(path)) from exc
    if len(head) > MAX_ROSTER_BYTES:
        raise UserFixableError(
            "file_too_large", file=file, path=str(path), max_mb=MAX_ROSTER_BYTES >> 20
        )
    if not head.startswith(b"PK\x03\x04"):
        raise UserFixableError("roster_unreadable", file=file, reason="not an .xlsx workbook")
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UserFixableError("roster_unreadable", file=file, reason="damaged workbook") from exc
    if len(members) > MAX_MEMBERS:
        raise UserFixableError("roster_unreadable", file=file, reason="too many parts")
    unpacked = sum(m.file_size for m in members)
    packed = max(sum(m.compress_size for m in members), 1)
    if unpacked > MAX_UNPACKED_BYTES or unpacked > MAX_RATIO * packed:
        raise UserFixableError(
            "roster_unreadable", file=file, reason="unpacks to far more than it holds"
        )


def _header_key(value: Any) -> str:
    if not isinstance(value, str):
        return ""
    return unicodedata.normalize("NFKC", value).strip().lower()


def _cells(path: Path) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """(row number, cells) of the first sheet, at most MAX_ROWS + 1 rows of MAX_COLUMNS."""
    from openpyxl import load_workbook

    file = path.name
    try:
        workbook = load_workbook(path, read_only=True, data_only=False, keep_links=False)
    except Exception as exc:  # openpyxl raises many kinds for a damaged workbook
        raise UserFixableError("roster_unreadable", file=file, reason=type(exc).__name__) from exc
    try:
        sheet = workbook.worksheets[0] if workbook.worksheets else None
        if sheet is None:
            raise UserFixableError("roster_unreadable", file=file, reason="no worksheet")
        try:
            rows = sheet.iter_rows(max_col=MAX_COLUMNS)
            for number, row in enumerate(rows, start=1):
                yield number, tuple(row)
        except UserFixableError:
            raise
        except Exception as exc:
            raise UserFixableError(
                "roster_unreadable", file=file, reason=type(exc).__name__
            ) from exc
    finally:
        workbook.close()


def _text(cell: Any, row: int, field: str, file: str) -> str:
    if getattr(cell, "data_type", None) == "f":
        raise _invalid(row, field, "formula", file)
    value = getattr(cell, "value", None)
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise _invalid(row, field, "not_text", file)
    text = str(value)
    if len(text) > MAX_CELL_CHARS:
        raise _invalid(row, field, "too_long", file)
    return text


def _hours(cell: Any, row: int, file: str) -> Decimal | None:
    if getattr(cell, "data_type", None) == "f":
        raise _invalid(row, "hours", "formula", file)
    value = getattr(cell, "value", None)
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))  # 7.5 stays 7.5, not its binary expansion
    if isinstance(value, str) and len(value) <= 20:
        try:
            return Decimal(unicodedata.normalize("NFKC", value).strip())
        except InvalidOperation:
            return None
    return None


def read_roster(path: Path) -> list[RosterRow]:
    """Every attendee row of the roster at `path`, in sheet order (see the module docs)."""
    _check_archive(path)
    file = path.name
    columns: dict[str, int] | None = None
    found: list[RosterRow] = []
    for number, cells in _cells(path):
        values = [getattr(c, "value", None) for c in cells]
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        if columns is None:
            columns = _columns(values, number, file)
            continue
        if len(found) >= MAX_ROWS:
            raise _invalid(number, "rows", "too_many_rows", file)

        found.append(
            RosterRow(
                row=number,
                name=_text(_cell(cells, columns["name"]), number, "name", file),
                id_number=_text(_cell(cells, columns["id_number"]), number, "id_number", file),
                hours=_hours(_cell(cells, columns["hours"]), number, file),
            )
        )
    if columns is None:
        raise _invalid(1, "header", "no_header", file)
    if not found:
        raise _invalid(1, "rows", "no_attendees", file)
    return found


def _cell(cells: tuple[Any, ...], index: int) -> Any:
    return cells[index] if index < len(cells) else None


def _columns(values: list[Any], row: int, file: str) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, value in enumerate(values):
        key = _header_key(value)
        for field, names in HEADERS.items():
            if key in names:
                if field in columns:
                    raise _invalid(row, field, "header_twice", file)
                columns[field] = index
    for field in HEADERS:
        if field not in columns:
            raise _invalid(row, field, "header_missing", file)
    return columns
