"""Canonical JSON and strict reading of it (docs/review-formats.md §1).

Every signing file is the canonical JSON of one object; signatures cover the canonical JSON
of a sub-object. Readers accept a file only if it *is* the canonical form of what it parses
to, so one value has one byte form and one SHA-256. Also: strict base64 and the small typed
accessors the parsers share. Everything raises `FormatProblem` with an English reason.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import unicodedata
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

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
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_BRACKET = re.compile(r"[\[\]{}]")
_UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


def _dumps(value: Any) -> bytes:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      allow_nan=False)
    return text.encode("utf-8")


def signed_bytes(value: Mapping[str, Any]) -> bytes:
    """The bytes a signature covers: the object's canonical JSON, no trailing newline."""
    return _dumps(value)


def canonical_file(value: Mapping[str, Any]) -> bytes:
    """A file's bytes: keys sorted, separators "," and ":", UTF-8 without escaping
    non-ASCII, integers only, and one trailing newline."""
    return _dumps(value) + b"\n"


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise FormatProblem(f"key {key!r} appears twice")
        result[key] = value
    return result


def _no_constant(name: str) -> Any:
    raise FormatProblem(f"{name} is not allowed")


def _no_float(text: str) -> Any:
    raise FormatProblem("numbers must be integers")


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > _MAX_INT_DIGITS:
        raise FormatProblem("integer too large")
    return int(text)


def _check_depth(text: str) -> None:
    depth = 0
    for match in _BRACKET.finditer(_STRING.sub('""', text)):
        depth += 1 if match.group() in "[{" else -1
        if depth > MAX_DEPTH:
            raise FormatProblem(f"nested more than {MAX_DEPTH} levels deep")


def load_canonical(data: bytes, *, max_bytes: int) -> dict[str, Any]:
    """Parse a file that must be one JSON object in canonical form (`canonical_file`).

    Refuses: more than `max_bytes`, not UTF-8, duplicate keys, NaN/Infinity, floats,
    integers beyond 2**53 - 1, nesting deeper than `MAX_DEPTH`, lone surrogates, and any
    byte form other than the canonical one (whitespace, key order, escapes, BOM)."""
    if len(data) > max_bytes:
        raise FormatProblem(f"file larger than {max_bytes // 1024} KB")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FormatProblem(f"not UTF-8 (byte {exc.start})") from None
    _check_depth(text)
    try:
        value = json.loads(text, object_pairs_hook=_no_duplicate_keys,
                           parse_constant=_no_constant, parse_float=_no_float,
                           parse_int=_bounded_int)
    except json.JSONDecodeError as exc:
        raise FormatProblem(f"not JSON: {exc.msg} at line {exc.lineno} column {exc.colno}")\
            from None
    except RecursionError:  # pragma: no cover - _check_depth refuses this first
        raise FormatProblem("nested too deeply") from None
    if not isinstance(value, dict):
        raise FormatProblem("not a JSON object")
    try:
        canonical = canonical_file(value)
    except UnicodeEncodeError:
        raise FormatProblem("a string holds a lone surrogate") from None
    if canonical != data:
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


def text_problem(value: str, *, max_chars: int, empty_ok: bool = False,
                 multiline: bool = False) -> str | None:
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
