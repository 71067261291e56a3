"""Strict JSON reading (swdesk.core.strict_json) and the typed accessors of the signing
files (swdesk.signing.canonical): each refusal on its boundary, with the reason it gives,
and the value just inside the boundary accepted."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest

from swdesk.core.strict_json import JsonProblem, canonical_bytes, load_strict
from swdesk.signing.canonical import (
    MAX_INT,
    b64decode,
    b64encode,
    canonical_file,
    expect_keys,
    format_datetime,
    get_date,
    get_datetime,
    get_int,
    get_list,
    get_object,
    get_str,
    load_canonical,
    signed_bytes,
    text_problem,
)
from swdesk.signing.errors import FormatProblem

# -- load_strict ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "options", "reason"),
    [
        (b"[1, 2]", {"max_bytes": 5}, "file larger than 0 KB"),
        (b"\xff", {}, "not UTF-8"),
        ("\ufeff{}".encode(), {}, "byte order mark"),
        (b'{"a": 1, "a": 2}', {}, "key 'a' appears twice"),
        (b"[NaN]", {}, "NaN is not allowed"),
        (b"[-Infinity]", {}, "-Infinity is not allowed"),
        (b"[1.5]", {"integers_only": True}, "numbers must be integers"),
        (b"[12345]", {"max_int_digits": 4}, "integer too large"),
        (b"[-12345]", {"max_int_digits": 4}, "integer too large"),
        # beyond Python's own limit on converting digits to an integer (4300 by default)
        (b"[" + b"9" * 5000 + b"]", {}, "integer too large"),
        (b"[[[]]]", {"max_depth": 2}, "nested more than 2 levels deep"),
        (b"[" * 100_000, {}, "nested too deeply"),
        (b'["\\ud800"]', {}, "lone surrogate"),
        (b'{"ok": "\\uD83D\\uDE00", "\\uDC00": 1}', {}, "lone surrogate"),
        (b"{", {}, "not JSON"),
    ],
)
def test_load_strict_refuses(data: bytes, options: dict[str, Any], reason: str) -> None:
    with pytest.raises(JsonProblem, match=reason):
        load_strict(data, **options)


def test_load_strict_accepts_what_lies_just_inside_each_limit() -> None:
    assert load_strict(b"[1,2]", max_bytes=5) == [1, 2]
    assert load_strict(b"[1234, -1234]", max_int_digits=4) == [1234, -1234]
    assert load_strict(b'[[], {"a": "[[["}]', max_depth=2) == [[], {"a": "[[["}]
    assert load_strict(b"[1.5]") == [1.5]  # floats unless integers_only
    assert load_strict('{"名":"\\ud83d\\ude00"}'.encode()) == {"名": "\U0001f600"}
    assert load_strict(b'["\\\\ud800"]') == ["\\ud800"]  # an escaped backslash, then text


def test_canonical_bytes_sort_keys_keep_non_ascii_and_end_a_file_with_a_newline() -> None:
    value = {"b": [1, "é"], "a": {"z": None, "y": True}}
    assert canonical_bytes(value) == '{"a":{"y":true,"z":null},"b":[1,"é"]}\n'.encode()
    assert canonical_bytes(value, newline=False) == canonical_bytes(value)[:-1]
    with pytest.raises(ValueError):
        canonical_bytes([float("nan")])


# -- the signing files' canonical form and accessors -----------------------------------------


def test_load_canonical_accepts_only_the_canonical_bytes_of_an_object() -> None:
    value = {"n": MAX_INT, "s": "社工"}
    assert load_canonical(canonical_file(value), max_bytes=100) == value
    assert signed_bytes(value) + b"\n" == canonical_file(value)  # a signature covers no newline
    with pytest.raises(FormatProblem, match="not a JSON object"):
        load_canonical(b"[]\n", max_bytes=100)
    with pytest.raises(FormatProblem, match="not in canonical JSON form"):
        load_canonical(json.dumps(value).encode(), max_bytes=100)
    with pytest.raises(FormatProblem, match="integer too large"):
        load_canonical(canonical_file({"n": 10**16}), max_bytes=100)


def test_strict_base64() -> None:
    assert b64decode(b64encode(b"\x00\xff"), length=2, what="key") == b"\x00\xff"
    for text, reason in [
        ("AP8", "not base64"),
        ("密钥==", "not base64"),
        ("AP9=", "not canonical base64"),
        ("AAAA", "must be 2 bytes, not 3"),
    ]:
        with pytest.raises(FormatProblem, match=reason):
            b64decode(text, length=2, what="key")


def test_expect_keys_names_the_first_missing_or_unknown_key() -> None:
    expect_keys({"a": 1, "b": 2}, {"a", "b"}, "decision")
    with pytest.raises(FormatProblem, match="decision: key 'b' missing"):
        expect_keys({"a": 1}, {"a", "b", "c"}, "decision")
    with pytest.raises(FormatProblem, match="decision: unknown key 'x'"):
        expect_keys({"a": 1, "x": 2, "y": 3}, {"a"}, "decision")


def test_typed_accessors_refuse_other_types() -> None:
    obj: dict[str, Any] = {"o": {}, "l": [1, 2], "s": "x", "i": 3, "n": None, "t": True}
    assert get_object(obj, "o", "d") == {}
    assert get_list(obj, "l", "d", max_items=2) == [1, 2]
    assert get_str(obj, "s", "d") == "x"
    assert get_int(obj, "i", "d", minimum=3) == 3
    for call, reason in [
        (lambda: get_object(obj, "l", "d"), "d.l must be an object"),
        (lambda: get_list(obj, "o", "d", max_items=5), "d.o must be an array"),
        (lambda: get_list(obj, "l", "d", max_items=1), "d.l has more than 1 items"),
        (lambda: get_str(obj, "i", "d"), "d.i must be a string"),
        (lambda: get_int(obj, "t", "d", minimum=0), "d.t must be an integer"),
        (lambda: get_int(obj, "s", "d", minimum=0), "d.s must be an integer"),
        (lambda: get_int(obj, "i", "d", minimum=4), "d.i out of range"),
        (lambda: get_int({"i": MAX_INT + 1}, "i", "d", minimum=0), "d.i out of range"),
    ]:
        with pytest.raises(FormatProblem, match=reason):
            call()


@pytest.mark.parametrize(
    ("value", "problem", "options"),
    [
        ("", "empty", {}),
        ("", None, {"empty_ok": True}),
        ("四个字符", None, {"max_chars": 4}),
        ("五个个字符", "longer than 4 characters", {"max_chars": 4}),
        (" x", "leading or trailing spaces", {}),
        ("line\n", None, {"multiline": True}),
        ("e\u0301", "not in Unicode normal form C", {}),
        ("a\u200bb", "control or invisible character", {}),  # zero-width space (Cf)
        ("a\nb", "control or invisible character", {}),
        ("a\nb", None, {"multiline": True}),
        ("a\tb", "control or invisible character", {"multiline": True}),
        ("a\u2028b", "control or invisible character", {"multiline": True}),  # line separator
    ],
)
def test_text_problems(value: str, problem: str | None, options: dict[str, Any]) -> None:
    assert text_problem(value, **{"max_chars": 100, **options}) == problem


def test_dates_are_strict_iso_days_or_null() -> None:
    assert get_date({"d": "2028-02-29"}, "d", "x") == date(2028, 2, 29)
    assert get_date({"d": None}, "d", "x") is None
    for value, reason in [
        (20280229, "x.d must be a date or null"),
        ("2027-02-29", "x.d is not a date"),
        ("20280229", "x.d is not a YYYY-MM-DD date"),
    ]:
        with pytest.raises(FormatProblem, match=reason):
            get_date({"d": value}, "d", "x")


def test_date_times_carry_their_offset_in_isoformats_form() -> None:
    beijing = timezone(timedelta(hours=8))
    moment = datetime(2026, 12, 6, 9, 30, tzinfo=beijing)
    assert format_datetime(moment) == "2026-12-06T09:30:00+08:00"
    assert get_datetime({"t": format_datetime(moment)}, "t", "x") == moment
    with pytest.raises(ValueError, match="timezone-aware"):
        format_datetime(datetime(2026, 12, 6, 9, 30))  # naive
    for value, reason in [
        (1733474400, "x.t must be a date and time"),
        ("yesterday", "x.t is not a date and time"),
        ("2026-12-06T09:30:00", "x.t has no UTC offset"),
        ("2026-12-06T01:30:00Z", "not in the canonical ISO 8601 form"),
    ]:
        with pytest.raises(FormatProblem, match=reason):
            get_datetime({"t": value}, "t", "x")
    assert get_datetime({"t": "2026-12-06T01:30:00+00:00"}, "t", "x").tzinfo == UTC
