"""The continuing-education attendance record (`.swdce`): what the writer signs, what the
reader accepts, and every kind of file it refuses, with its stable code."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from swdesk.domain.enums import ActivityType, ContentArea
from swdesk.signing import (
    CeRecord,
    SigningError,
    attendee_id_digest,
    ce_record_problem,
    open_ce_record,
    read_ce_record,
    sign_ce_record,
)
from swdesk.signing.canonical import canonical_file
from swdesk.signing.ce_record import MAX_CE_RECORD_BYTES, format_hours
from swdesk.signing.provider import ProviderKey, provider_key_from_seed

CHINA = timezone(timedelta(hours=8))
ID_NUMBER = "11010519491231002X"
RECORD_ID = "0d9a1e7c-3b2f-4c5d-8e6f-7a8b9c0d1e2f"


def _key(seed: int = 7, name: str = "平凉市社会工作协会") -> ProviderKey:
    return provider_key_from_seed(bytes([seed]) * 32, name, "11320000MB151840XJ")


def _record(key: ProviderKey | None = None, **changes: Any) -> CeRecord:
    identity = (key or _key()).identity
    record = CeRecord(
        record_id=RECORD_ID,
        issued_at=datetime(2025, 6, 3, 9, 0, 0, tzinfo=CHINA),
        provider_name=identity.name,
        provider_credit_code=identity.credit_code,
        provider_fingerprint=identity.fingerprint,
        title="儿童保护个案管理培训",
        activity_type=ActivityType.TRAINING,
        content_area=ContentArea.THEORY_PRACTICE,
        start_date=date(2025, 6, 1),
        end_date=date(2025, 6, 2),
        hours=Decimal("14"),
        attendee_name="李明",
        attendee_id_digest=attendee_id_digest(RECORD_ID, ID_NUMBER),
    )
    return replace(record, **changes)


def _file() -> bytes:
    return sign_ce_record(_key(), _record())


def _resigned(edit: Any, key: ProviderKey | None = None) -> bytes:
    """The record file with `edit(value)` applied to its JSON and signed again properly, so
    only the edited content (not the signature) can be what the reader refuses."""
    from swdesk.signing.ce_record import _signed_part

    value = json.loads(_file())
    edit(value)
    value.pop("signature", None)
    signed = (key or _key()).sign(_signed_part(value["record"]))
    import base64

    value["signature"] = base64.b64encode(signed).decode("ascii")
    return canonical_file(value)


def _code(data: bytes) -> str:
    with pytest.raises(SigningError) as caught:
        read_ce_record(data, file="r.swdce", provider=_key().identity)
    assert caught.value.params["file"] == "r.swdce"
    return caught.value.code


def test_a_record_round_trips_and_binds_the_attendee_without_their_number() -> None:
    data = _file()
    opened = read_ce_record(data, file="r.swdce", provider=_key().identity)
    assert opened.record == _record()
    assert opened.record.is_for(ID_NUMBER) and opened.record.is_for("11010519491231002x")
    assert not opened.record.is_for("110105194912310029")
    assert ID_NUMBER not in data.decode("utf-8")
    assert opened.qr_payload == f"SWDCE1|{RECORD_ID}|{opened.digest}"
    assert data.endswith(b"}\n") and data.count(b"\n") == 1


def test_the_id_digest_depends_on_the_record_so_records_cannot_be_linked() -> None:
    other = "1f9a1e7c-3b2f-4c5d-8e6f-7a8b9c0d1e2f"
    assert attendee_id_digest(RECORD_ID, ID_NUMBER) != attendee_id_digest(other, ID_NUMBER)


@pytest.mark.parametrize(
    ("hours", "text"),
    [
        (Decimal("12"), "12"),
        (Decimal("12.5"), "12.5"),
        (Decimal("0.5"), "0.5"),
        (Decimal("3.0"), "3"),
    ],
)
def test_hours_have_one_written_form(hours: Decimal, text: str) -> None:
    assert format_hours(hours) == text


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"record_id": "not-a-uuid"}, "record_id"),
        ({"record_id": RECORD_ID.upper()}, "record_id"),
        ({"issued_at": datetime(2025, 6, 3, 9, 0)}, "issued_at"),
        ({"issued_at": datetime(2025, 6, 3, 9, 0, 0, 5, tzinfo=CHINA)}, "issued_at"),
        ({"title": ""}, "course.title"),
        ({"title": "x" * 201}, "course.title"),
        ({"title": "培训\u200b"}, "course.title"),
        ({"start_date": date(1989, 12, 31)}, "course dates"),
        ({"end_date": date(2025, 5, 31)}, "before"),
        ({"end_date": date(2025, 6, 4)}, "after the record was issued"),
        ({"hours": Decimal(0)}, "course.hours"),
        ({"hours": Decimal("-1")}, "course.hours"),
        ({"hours": Decimal("500.1")}, "course.hours"),
        ({"hours": Decimal("1.25")}, "course.hours"),
        ({"attendee_name": "李"}, "attendee.name"),
        ({"attendee_name": "李明1"}, "attendee.name"),
        ({"attendee_id_digest": "ab" * 31}, "attendee.id_digest"),
        ({"provider_fingerprint": "AB" * 32}, "provider.fingerprint"),
    ],
)
def test_the_writer_refuses_a_record_beyond_the_limits(changes: dict[str, Any], words: str) -> None:
    record = _record(**changes)
    problem = ce_record_problem(record)
    assert problem is not None and words in problem
    with pytest.raises(SigningError) as caught:
        sign_ce_record(_key(), record)
    assert caught.value.code == "ce_record_invalid"


def test_the_writer_refuses_to_sign_a_record_naming_another_provider() -> None:
    with pytest.raises(ValueError):
        sign_ce_record(_key(), _record(_key(seed=8)))


def _set(path: str, value: Any) -> Any:
    def edit(document: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target = document
        for name in parents:
            target = target[name]
        target[last] = value

    return edit


def _drop(path: str) -> Any:
    def edit(document: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target = document
        for name in parents:
            target = target[name]
        del target[last]

    return edit


@pytest.mark.parametrize(
    "edit",
    [
        _set("record.extra", 1),
        _set("record.course.extra", "x"),
        _drop("record.attendee.id_digest"),
        _drop("record.course.hours"),
        _set("record.course.hours", 12),
        _set("record.course.hours", "12.0"),
        _set("record.course.hours", "012"),
        _set("record.course.hours", "1e2"),
        _set("record.course.hours", "0"),
        _set("record.course.activity_type", "party"),
        _set("record.course.content_area", "cooking"),
        _set("record.course.start_date", "2025-6-1"),
        _set("record.course.end_date", None),
        _set("record.course.title", ["a"]),
        _set("record.issued_at", "2025-06-03T09:00:00"),
        _set("record.provider.credit_code", "11320000MB151840XA"),
        _set("record.provider", "甘肃"),
        _set("record.attendee.name", ""),
        _set("record.record_id", 5),
        _drop("record.provider"),
    ],
)
def test_the_reader_refuses_content_beyond_the_format_even_when_signed(edit: Any) -> None:
    assert _code(_resigned(edit)) == "ce_record_invalid"


def test_the_reader_refuses_an_unknown_version_whatever_else_the_file_holds() -> None:
    assert _code(_resigned(_set("format_version", 2))) == "format_unsupported"
    assert _code(_resigned(_set("format", "swdesk-decision"))) == "ce_record_invalid"


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"not json",
        b"\xef\xbb\xbf{}\n",
        b"[]\n",
        b'{"format":"swdesk-ce-record","format":"swdesk-ce-record"}\n',
        b"[" * 20 + b"]" * 20 + b"\n",
        b'{"format":"swdesk-ce-record","format_version":1.0}\n',
    ],
)
def test_the_reader_refuses_what_is_not_a_record(data: bytes) -> None:
    assert _code(data) == "ce_record_invalid"


def test_the_reader_refuses_a_file_changed_in_form_only() -> None:
    value = json.loads(_file())
    assert _code(json.dumps(value, ensure_ascii=False).encode("utf-8")) == "ce_record_invalid"
    assert _code(_file().rstrip(b"\n")) == "ce_record_invalid"


def test_the_reader_refuses_a_huge_file_before_parsing_it() -> None:
    assert _code(b" " * (MAX_CE_RECORD_BYTES + 1)) == "ce_record_too_large"


def test_the_reader_refuses_a_changed_value_with_the_old_signature() -> None:
    edited = _file().replace(b'"hours":"14"', b'"hours":"41"')
    assert _code(edited) == "bad_signature"


def test_the_reader_refuses_a_record_of_another_key_or_naming_the_provider_differently() -> None:
    other = _key(seed=8)
    data = sign_ce_record(other, _record(other))
    assert _code(data) == "ce_record_wrong_provider"
    renamed = _key(name="别的协会")
    data = sign_ce_record(renamed, _record(renamed))
    assert _code(data) == "ce_record_wrong_provider"  # same key, another name
    opened = open_ce_record(data, file="r.swdce")
    opened.verify(renamed.identity)


def test_a_signature_for_another_version_or_format_does_not_verify() -> None:
    """The signature covers the format name and version, not only the record."""
    from swdesk.signing.canonical import signed_bytes

    value = json.loads(_file())
    import base64

    body_only = _key().sign(signed_bytes(value["record"]))
    value["signature"] = base64.b64encode(body_only).decode("ascii")
    assert _code(canonical_file(value)) == "bad_signature"


@given(st.data())
def test_any_changed_byte_is_refused(data: st.DataObject) -> None:
    original = _file()
    index = data.draw(st.integers(0, len(original) - 1), label="index")
    new = data.draw(st.integers(0, 255).filter(lambda b: b != original[index]), label="byte")
    changed = original[:index] + bytes([new]) + original[index + 1 :]
    with pytest.raises(SigningError) as caught:
        read_ce_record(changed, file="r.swdce", provider=_key().identity)
    assert caught.value.code in {
        "ce_record_invalid",
        "bad_signature",
        "format_unsupported",
        "ce_record_wrong_provider",
    }


_LETTERS = st.characters(categories=["Lo"], min_codepoint=0x4E00)


@given(
    title=st.text(_LETTERS, min_size=1, max_size=200),
    name=st.text(_LETTERS, min_size=2, max_size=30),
    provider=st.text(_LETTERS, min_size=1, max_size=100),
    tenths=st.integers(1, 5000),
    start=st.dates(date(1990, 1, 1), date(2100, 12, 30)),
    days=st.integers(0, 400),
    activity_type=st.sampled_from(ActivityType),
    content_area=st.sampled_from(ContentArea),
)
def test_any_record_within_the_limits_round_trips_under_the_size_limit(
    title: str,
    name: str,
    provider: str,
    tenths: int,
    start: date,
    days: int,
    activity_type: ActivityType,
    content_area: ContentArea,
) -> None:
    import unicodedata

    from hypothesis import assume

    title, name, provider = (unicodedata.normalize("NFC", t) for t in (title, name, provider))
    assume(ce_record_problem(_record(title=title)) is None)  # e.g. NFC made it longer
    end = min(start + timedelta(days=days), date(2100, 12, 31))
    key = _key(name=provider) if provider.strip() == provider else _key()
    record = _record(
        key,
        title=title,
        attendee_name=name,
        hours=Decimal(tenths) / 10,
        start_date=start,
        end_date=end,
        issued_at=datetime(end.year, end.month, end.day, 23, 59, 59, tzinfo=CHINA),
        activity_type=activity_type,
        content_area=content_area,
    )
    assume(ce_record_problem(record) is None)
    data = sign_ce_record(key, record)
    assert len(data) < 3 * 1024
    assert read_ce_record(data, file="r.swdce", provider=key.identity).record == record


def test_the_largest_record_is_far_below_the_size_limit() -> None:
    wide = "\U00020bb7"  # 𠮷: four bytes in UTF-8
    key = _key(name=wide * 100)
    record = _record(key, title=wide * 200, attendee_name=wide * 30, hours=Decimal("499.9"))
    assert ce_record_problem(record) is None
    assert len(sign_ce_record(key, record)) < 3 * 1024 < MAX_CE_RECORD_BYTES
