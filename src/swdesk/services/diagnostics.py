"""Diagnostics for support: versions, the data folder's shape and the end of the log, as text.

`gather_diagnostics` never raises and never writes: every part it cannot read says so in
one line. It names no profile, no evidence file and no application: it gives counts,
sizes and schema revisions. Package versions come from installed metadata (Qt is not
imported here; the GUI may add the running Qt's own version through `extra`). A final pass
over the whole text masks anything shaped like an ID number (18 characters, GB 11643, or
the old 15 digits) or a mainland mobile number, and the home folder, so nothing personal
leaves even if a log line held it.
"""

from __future__ import annotations

import os
import platform
import re
import shutil
import sqlite3
import sys
from collections.abc import Iterable, Mapping
from contextlib import closing
from datetime import datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from swdesk.database.engine import connect_read_only

__all__ = ["LOG_FILE_NAME", "LOG_TAIL_LINES", "gather_diagnostics", "scrub"]

LOG_FILE_NAME = "swdesk.log"  # as `swdesk.logging_setup` writes it, rotated to .1, .2, …
LOG_TAIL_LINES = 200
ID_NUMBER_MASK = "[ID number removed]"
PHONE_MASK = "[phone number removed]"

#: (label, distribution names tried in order)
PACKAGES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("PySide6 (Qt)", ("PySide6-Essentials", "PySide6")),
    ("shiboken6", ("shiboken6",)),
    ("SQLAlchemy", ("SQLAlchemy",)),
    ("Alembic", ("alembic",)),
    ("ReportLab", ("reportlab",)),
    ("cryptography", ("cryptography",)),
    ("platformdirs", ("platformdirs",)),
    ("Pillow", ("Pillow", "pillow")),
    ("pypdfium2", ("pypdfium2",)),
    ("openpyxl", ("openpyxl",)),
    ("fastjsonschema", ("fastjsonschema",)),
    ("icalendar", ("icalendar",)),
)

# An 18-character ID number (17 digits and a digit or X, optionally grouped 6-8-4 by a
# space or dash) or an old 15-digit one, not part of a longer run of digits.
_ID_NUMBER = re.compile(
    r"(?<![0-9])(?:[0-9]{6}[ -]?[0-9]{8}[ -]?[0-9]{3}[0-9Xx]|[0-9]{15})(?![0-9])"
)
# A mainland mobile number, with or without +86 / 0086 and 3-4-4 grouping.
_MOBILE = re.compile(r"(?<![0-9])(?:(?:\+|00)?86[ -]?)?1[3-9][0-9](?:[ -]?[0-9]{4}){2}(?![0-9])")

# What the data folder holds, by name (anything else is summed up as "other").
_DATA_ENTRIES = (
    ("database", ("swdesk.sqlite", "swdesk.sqlite-wal", "swdesk.sqlite-shm")),
    ("evidence", ("evidence",)),
    ("photos", ("photos",)),
    ("backups", ("backups",)),
    ("settings", ("settings.ini",)),
    ("logs", ("logs",)),
    ("reviewer folder", ("review",)),
)
_REVIEW_ENTRIES = (
    ("database", ("review.sqlite", "review.sqlite-wal", "review.sqlite-shm")),
    ("bundles", ("bundles",)),
    ("backups", ("backups",)),
)


def scrub(text: str, home: Path | None = None) -> str:
    """`text` with ID numbers, mobile numbers and the home folder's path masked."""
    text = _ID_NUMBER.sub(ID_NUMBER_MASK, text)
    text = _MOBILE.sub(PHONE_MASK, text)
    home_text = str(home if home is not None else Path.home())
    if len(home_text) > 1:
        text = text.replace(home_text, "~")
    return text


def gather_diagnostics(
    log_dir: Path,
    data_dir: Path,
    *,
    extra: Mapping[str, str] | None = None,
    tail_lines: int = LOG_TAIL_LINES,
) -> str:
    """The diagnostics text for support (see the module's docstring). `extra` adds lines
    the caller knows (the GUI: the running Qt version, the platform plugin)."""
    lines = [
        "swdesk diagnostics: versions, data folder sizes, the end of the log.",
        "No names; ID numbers and phone numbers are masked.",
        *_aligned([f"generated\t{datetime.now().astimezone().isoformat('T', 'seconds')}"]),
        "",
    ]
    lines += ["[versions]", *_aligned(_versions()), ""]
    if extra:
        lines += [
            "[application]",
            *_aligned([f"{key}\t{value}" for key, value in extra.items()]),
            "",
        ]
    lines += ["[data folder]", *_aligned(_data_folder(Path(data_dir))), ""]
    review = Path(data_dir) / "review"
    if review.is_dir():
        lines += ["[reviewer folder]", *_aligned(_review_folder(review)), ""]
    lines += [f"[log: the last {tail_lines} lines]", *_log_tail(Path(log_dir), tail_lines)]
    return scrub("\n".join(lines) + "\n")


def _aligned(lines: Iterable[str]) -> list[str]:
    """ "key<TAB>value" lines as "key:   value", values in one column."""
    pairs = [line.partition("\t") for line in lines]
    width = max((len(key) for key, _tab, _value in pairs), default=0) + 2
    return [f"{key + ':':<{width}}{value}" if tab else key for key, tab, value in pairs]


# -- versions ------------------------------------------------------------------------------
def _distribution_version(names: Iterable[str]) -> str:
    for name in names:
        try:
            return version(name)
        except PackageNotFoundError:
            continue
    return "not found"


def _versions() -> list[str]:
    from swdesk import __version__

    bits = "64-bit" if sys.maxsize > 2**32 else "32-bit"
    lines = [
        f"swdesk\t{__version__}",
        f"Python\t{platform.python_version()} ({platform.python_implementation()}, {bits})",
        f"platform\t{platform.platform()}",
        f"frozen build\t{'yes' if getattr(sys, 'frozen', False) else 'no'}",
        f"SQLite library\t{sqlite3.sqlite_version}",
    ]
    lines += [f"{label}\t{_distribution_version(names)}" for label, names in PACKAGES]
    return lines


# -- the data folder -----------------------------------------------------------------------
def _size(n: int) -> str:
    value = float(n)
    for unit in ("bytes", "KiB", "MiB", "GiB"):
        if value < 1024 or unit == "GiB":
            return f"{n} bytes" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{n} bytes"  # pragma: no cover


def _tree(path: Path) -> tuple[int, int]:
    """(files, bytes) below `path` (or of the file), links not followed."""
    try:
        info = path.lstat()
    except OSError:
        return 0, 0
    if not path.is_dir() or path.is_symlink():
        return 1, info.st_size
    files = total = 0
    for folder, _dirs, names in os.walk(path, onerror=lambda _error: None):
        for name in names:
            try:
                total += os.lstat(os.path.join(folder, name)).st_size
                files += 1
            except OSError:
                continue
    return files, total


def _entries(folder: Path, known: tuple[tuple[str, tuple[str, ...]], ...]) -> list[str]:
    try:
        present = {entry.name for entry in os.scandir(folder)}
    except OSError as exc:
        return [f"contents\tunreadable ({type(exc).__name__})"]
    lines: list[str] = []
    claimed: set[str] = set()
    for label, names in known:
        files = total = 0
        for name in names:
            if name in present:
                claimed.add(name)
                count, size = _tree(folder / name)
                files, total = files + count, total + size
        if files or any(name in present for name in names):
            lines.append(f"{label}\t{files} files, {_size(total)}")
    others = sorted(present - claimed)
    if others:
        files = total = 0
        for name in others:
            count, size = _tree(folder / name)
            files, total = files + count, total + size
        lines.append(f"other entries\t{len(others)} ({files} files, {_size(total)})")
    return lines


def _query(db_path: Path, sql: str) -> str:
    """One value from a read-only connection, or why there is none."""
    try:
        with closing(connect_read_only(db_path)) as connection:
            row = connection.execute(sql).fetchone()
    except sqlite3.Error as exc:
        return f"unreadable ({type(exc).__name__})"
    return "-" if row is None else str(row[0])


def _database_lines(db_path: Path, counts: Iterable[tuple[str, str]]) -> list[str]:
    if not db_path.is_file():
        return [f"{db_path.name}\tnot present"]
    lines = [f"schema revision\t{_query(db_path, 'SELECT version_num FROM alembic_version')}"]
    lines += [
        f"{label}\t{_query(db_path, f'SELECT count(*) FROM {table}')}" for label, table in counts
    ]
    return lines


def _data_folder(data_dir: Path) -> list[str]:
    lines = [f"location\t{data_dir}"]
    if not data_dir.is_dir():
        return [*lines, "state\tnot present"]
    try:
        usage = shutil.disk_usage(data_dir)
        lines.append(f"free space\t{_size(usage.free)} of {_size(usage.total)}")
    except OSError as exc:
        lines.append(f"free space\tunknown ({type(exc).__name__})")
    lines += _database_lines(
        data_dir / "swdesk.sqlite",
        [
            ("profiles", "practitioners"),
            ("activities", "activities"),
            ("evidence files", "evidence_files"),
            ("applications", "applications"),
        ],
    )
    return lines + _entries(data_dir, _DATA_ENTRIES)


def _review_folder(review: Path) -> list[str]:
    lines = _database_lines(
        review / "review.sqlite", [("applications", "applications"), ("audit entries", "audit_log")]
    )
    if (review / "review.sqlite").is_file():
        lines.append(
            "retention days\t"
            + _query(review / "review.sqlite", "SELECT retention_days FROM office")
        )
    return lines + _entries(review, _REVIEW_ENTRIES)


# -- the log -------------------------------------------------------------------------------
def _log_files(log_dir: Path) -> list[Path]:
    """The log and its rotated copies, newest first."""
    files = [log_dir / LOG_FILE_NAME]
    number = 1
    while (log_dir / f"{LOG_FILE_NAME}.{number}").is_file():
        files.append(log_dir / f"{LOG_FILE_NAME}.{number}")
        number += 1
    return [path for path in files if path.is_file()]


def _log_tail(log_dir: Path, count: int) -> list[str]:
    files = _log_files(log_dir)
    if not files:
        return [f"(no log file in {log_dir})"]
    tail: list[str] = []
    for path in files:
        try:
            text = path.read_bytes().decode("utf-8", errors="replace")
        except OSError as exc:
            tail[:0] = [f"({path.name} unreadable: {type(exc).__name__})"]
            continue
        tail[:0] = text.splitlines()
        if len(tail) >= count:
            break
    return tail[-count:]
