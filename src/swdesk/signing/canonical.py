"""Canonical JSON and strict reading of it (docs/review-formats.md §1).

Every signing file is the canonical JSON of one object; signatures cover the canonical JSON
of a sub-object. Readers accept a file only if it *is* the canonical form of what it parses
to, so one value has one byte form and one SHA-256. Also: strict base64 and the small typed
accessors the parsers share. Everything raises `FormatProblem` with an English reason.
"""

from __future__ import annotations

import base64
import binascii
import unicodedata
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from swdesk.core.strict_json import JsonProblem, canonical_bytes, load_strict

from .errors import FormatProblem

__all__ = [
    "MAX_DEPTH",
    "MAX_INT",
    "b64decode",
    "b64encode",
    "canonical_file",
    "expect_keys",
    "format_datetime",
    "get_date",
    "get_datetime",
    "get_int",
    "get_list",
    "get_object",
    "get_str",
    "load_canonical",
    "signed_bytes",
    "text_problem",
]

MAX_DEPTH = 16  # nesting of arrays and objects; the formats need 4
MAX_INT = 2**53 - 1  # integers exact in every JSON reader
_MAX_INT_DIGITS = len(str(MAX_INT))
_UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


def signed_bytes(value: Mapping[str, Any]) -> bytes:
    """The bytes a signature covers: the object's canonical JSON, no trailing newline."""
    return canonical_bytes(value, newline=False)


def canonical_file(value: Mapping[str, Any]) -> bytes:
    """A file's bytes: keys sorted, separators "," and ":", UTF-8 without escaping
    non-ASCII, integers only, and one trailing newline."""
    return canonical_bytes(value)


def load_canonical(data: bytes, *, max_bytes: int) -> dict[str, Any]:
    """Parse a file that must be one JSON object in canonical form (`canonical_file`).

    Refuses: more than `max_bytes`, not UTF-8, duplicate keys, NaN/Infinity, floats,
    integers beyond 2**53 - 1, nesting deeper than `MAX_DEPTH`, lone surrogates, and any
    byte form other than the canonical one (whitespace, key order, escapes, BOM)."""
    try:
        value = load_strict(
            data,
            max_bytes=max_bytes,
            max_depth=MAX_DEPTH,
            max_int_digits=_MAX_INT_DIGITS,
            integers_only=True,
        )
    except JsonProblem as exc:
        raise FormatProblem(str(exc)) from None
    if not isinstance(value, dict):
        raise FormatProblem("not a JSON object")
    if canonical_file(value) != data:
        raise FormatProblem("not in canonical JSON form (the file was changed)")
    return value


def b64encode(data: bytes) -> str:
    """Standard base64 with padding."""
    return base64.b64encode(data).decode("ascii")


def b64decode(text: str, *, length: int, what: str) -> bytes:
    """Strict base64: standard alphabet, padded, canonical (re-encodes to the same text),
    decoding to exactly `length` bytes."""
    try:
        data = base64.b64decode(text.encode("ascii"), validate=True)
    except (UnicodeEncodeError, binascii.Error, ValueError):
        raise FormatProblem(f"{what} is not base64") from None
    if b64encode(data) != text:
        raise FormatProblem(f"{what} is not canonical base64")
    if len(data) != length:
        raise FormatProblem(f"{what} must be {length} bytes, not {len(data)}")
    return data


def expect_keys(obj: Mapping[str, Any], keys: set[str], where: str) -> None:
    """Refuse an object whose keys are not exactly `keys`."""
    missing = keys - obj.keys()
    if missing:
        raise FormatProblem(f"{where}: key {sorted(missing)[0]!r} missing")
    extra = obj.keys() - keys
    if extra:
        raise FormatProblem(f"{where}: unknown key {sorted(extra)[0]!r}")


def get_object(obj: Mapping[str, Any], key: str, where: str) -> dict[str, Any]:
    value = obj[key]
    if not isinstance(value, dict):
        raise FormatProblem(f"{where}.{key} must be an object")
    return value


def get_list(obj: Mapping[str, Any], key: str, where: str, *, max_items: int) -> list[Any]:
    value = obj[key]
    if not isinstance(value, list):
        raise FormatProblem(f"{where}.{key} must be an array")
    if len(value) > max_items:
        raise FormatProblem(f"{where}.{key} has more than {max_items} items")
    return value


def text_problem(
    value: str, *, max_chars: int, empty_ok: bool = False, multiline: bool = False
) -> str | None:
    """Why `value` is not acceptable text, or None: empty (unless allowed), longer than
    `max_chars`, leading/trailing spaces, not NFC, control or invisible characters
    (line breaks allowed when `multiline`)."""
    if not value:
        return None if empty_ok else "empty"
    if len(value) > max_chars:
        return f"longer than {max_chars} characters"
    if not multiline and value != value.strip():
        return "leading or trailing spaces"
    if unicodedata.normalize("NFC", value) != value:
        return "not in Unicode normal form C"
    allowed = "\n" if multiline else ""
    if any(c not in allowed and unicodedata.category(c) in _UNSAFE_CATEGORIES for c in value):
        return "control or invisible character"
    return None


def get_str(obj: Mapping[str, Any], key: str, where: str) -> str:
    value = obj[key]
    if not isinstance(value, str):
        raise FormatProblem(f"{where}.{key} must be a string")
    return value


def get_int(obj: Mapping[str, Any], key: str, where: str, *, minimum: int) -> int:
    value = obj[key]
    if isinstance(value, bool) or not isinstance(value, int):
        raise FormatProblem(f"{where}.{key} must be an integer")
    if not minimum <= value <= MAX_INT:
        raise FormatProblem(f"{where}.{key} out of range")
    return value


def get_date(obj: Mapping[str, Any], key: str, where: str) -> date | None:
    """A `YYYY-MM-DD` date, or None for JSON null."""
    value = obj[key]
    if value is None:
        return None
    if not isinstance(value, str):
        raise FormatProblem(f"{where}.{key} must be a date or null")
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        raise FormatProblem(f"{where}.{key} is not a date") from None
    if parsed.isoformat() != value:
        raise FormatProblem(f"{where}.{key} is not a YYYY-MM-DD date")
    return parsed


def format_datetime(value: datetime) -> str:
    """ISO 8601 with the UTC offset, as `datetime.isoformat()` writes it."""
    if value.utcoffset() is None:
        raise ValueError("datetimes in signing files must be timezone-aware")
    return value.isoformat()


def get_datetime(obj: Mapping[str, Any], key: str, where: str) -> datetime:
    """An ISO 8601 date and time with UTC offset, in `datetime.isoformat()`'s form."""
    value = obj[key]
    if not isinstance(value, str):
        raise FormatProblem(f"{where}.{key} must be a date and time")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise FormatProblem(f"{where}.{key} is not a date and time") from None
    if parsed.utcoffset() is None:
        raise FormatProblem(f"{where}.{key} has no UTC offset")
    if parsed.isoformat() != value:
        raise FormatProblem(f"{where}.{key} is not in the canonical ISO 8601 form")
    return parsed
