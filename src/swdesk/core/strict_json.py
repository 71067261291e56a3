"""JSON in the one form swdesk writes, and strict reading of JSON from outside.

`canonical_text` is the only way swdesk serialises JSON whose bytes matter (bundle members,
signing files, the review database's JSON columns and audit hash chain): keys sorted, no
insignificant whitespace, UTF-8 without escaping non-ASCII, no NaN. `load_strict` reads
JSON that may be hostile: it refuses what Python's `json` would tolerate but a second
reader might read differently (duplicate keys, NaN, a byte order mark, lone surrogates,
nesting deep enough to exhaust the stack). Reasons are English, for logs and error params.
"""

from __future__ import annotations

import json
import re
from typing import Any

__all__ = ["JsonProblem", "canonical_bytes", "canonical_text", "load_strict"]

_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_BRACKET = re.compile(r"[\[\]{}]")
# a \uD800-\uDFFF escape (or text that looks like one, such as an escaped backslash before
# "ud800"): only then can a string hold a lone surrogate
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89abcdefABCDEF]")


class JsonProblem(ValueError):
    """JSON that cannot be used; str(self) says why."""


def canonical_text(value: Any) -> str:
    """The one text form of a JSON value (dates must already be strings)."""
    return json.dumps(
        value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False
    )


def canonical_bytes(value: Any, *, newline: bool = True) -> bytes:
    """`canonical_text` as UTF-8, with one trailing newline for a file (`newline`), without
    for bytes a signature covers."""
    return (canonical_text(value) + ("\n" if newline else "")).encode("utf-8")


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise JsonProblem(f"key {key!r} appears twice")
        result[key] = value
    return result


def _no_constant(name: str) -> Any:
    raise JsonProblem(f"{name} is not allowed")


def _no_float(text: str) -> Any:
    raise JsonProblem("numbers must be integers")


def _check_depth(text: str, max_depth: int) -> None:
    depth = 0
    for match in _BRACKET.finditer(_STRING.sub('""', text)):
        depth += 1 if match.group() in "[{" else -1
        if depth > max_depth:
            raise JsonProblem(f"nested more than {max_depth} levels deep")


def _check_strings(value: Any) -> None:
    """Refuse lone surrogates (valid JSON escapes, but not text)."""
    try:  # one pass in C over every key and string; the walk below only names the problem
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        raise JsonProblem("a string holds a lone surrogate") from None


def load_strict(
    data: bytes,
    *,
    max_bytes: int | None = None,
    max_depth: int | None = None,
    max_int_digits: int | None = None,
    integers_only: bool = False,
) -> Any:
    """Parse UTF-8 JSON strictly: no BOM, no other encoding, no NaN/Infinity, no duplicate
    keys, no lone surrogates; optionally at most `max_bytes`, `max_depth` levels of arrays
    and objects, integers of at most `max_int_digits` digits and no floats. Raises
    JsonProblem."""
    if max_bytes is not None and len(data) > max_bytes:
        raise JsonProblem(f"file larger than {max_bytes // 1024} KB")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise JsonProblem(f"not UTF-8 ({exc.reason} at byte {exc.start})") from None
    if text.startswith("\ufeff"):
        raise JsonProblem("starts with a byte order mark")
    if max_depth is not None:
        _check_depth(text, max_depth)

    def bounded_int(digits: str) -> int:
        if max_int_digits is not None and len(digits.lstrip("-")) > max_int_digits:
            raise JsonProblem("integer too large")
        return int(digits)

    try:
        value = json.loads(
            text,
            object_pairs_hook=_no_duplicate_keys,
            parse_constant=_no_constant,
            parse_float=_no_float if integers_only else None,
            # without a digit limit, the parser's own int() (in C) reads integers
            parse_int=None if max_int_digits is None else bounded_int,
        )
    except json.JSONDecodeError as exc:
        raise JsonProblem(f"not JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    except RecursionError:  # e.g. [[[[…]]]] a hundred thousand deep: not a bug, a refusal
        raise JsonProblem("nested too deeply") from None
    except JsonProblem:  # refused by a hook: a duplicate key, NaN, a float
        raise
    except ValueError:  # an integer beyond Python's integer-string conversion limit
        raise JsonProblem("integer too large") from None
    if _SURROGATE_ESCAPE.search(text):  # UTF-8 itself cannot carry a surrogate
        _check_strings(value)
    return value
