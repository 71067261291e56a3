"""The "provider_records" check on its own (no database, no bundle): generated records at the
edges of the format (the longest titles, characters outside the BMP such as 𠮷, the first
and last plausible days, the smallest and largest hours) are verified when they are the
activity's course; any one field changed is named; the hours sentence adds up; replays are
marked without losing the first reason of an unreadable record."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from swdesk.domain.credit_code import credit_code_check_char
from swdesk.domain.enums import ActivityType, ContentArea
from swdesk.domain.validation import TITLE_MAX
from swdesk.services.review.models import RecordVerdict
from swdesk.services.review.record_checks import (
    COMPARED_FIELDS,
    check_provider_records,
    with_replays,
)
from swdesk.signing import CeRecord, attendee_id_digest, sign_ce_record
from swdesk.signing.ce_record import MAX_CE_RECORD_BYTES, MAX_RECORD_HOURS
from swdesk.signing.provider import provider_key_from_seed

CST = timezone(timedelta(hours=8))
STEM = "51620000MJX000001"
PROVIDER = provider_key_from_seed(
    bytes(range(201, 233)), "甘肃省社会工作协会", STEM + credit_code_check_char(STEM)
)
ID_NUMBER = "11010519491231002X"

# titles: what a provider may name a course, up to the format's 200 characters
TITLE_CHARS = st.sampled_from(list("社会工作伦理督导培训𠮷䶮喆堃淼·ABCxyz0123 （）-《》"))
titles = st.text(TITLE_CHARS, min_size=1, max_size=TITLE_MAX).filter(
    lambda t: t.strip() == t and t.strip() != ""
)
days = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 30))
hours = st.decimals(min_value=Decimal("0.1"), max_value=MAX_RECORD_HOURS, places=1)


def sign(record_id: str, course: dict[str, Any], *, id_number: str = ID_NUMBER) -> bytes:
    issued = datetime.combine(course["end_date"], time(23, 59, 59), CST)
    return sign_ce_record(
        PROVIDER,
        CeRecord(
            record_id=record_id,
            issued_at=issued,
            provider_name=PROVIDER.identity.name,
            provider_credit_code=PROVIDER.identity.credit_code,
            provider_fingerprint=PROVIDER.identity.fingerprint,
            attendee_name="张𠮷",
            attendee_id_digest=attendee_id_digest(record_id, id_number),
            **course,
        ),
    )


def activity_of(course: dict[str, Any], member: str) -> dict[str, Any]:
    hours_text = f"{course['hours']:f}".removesuffix(".0")
    return {
        "title": course["title"],
        "organiser": PROVIDER.identity.name,
        "activity_type": course["activity_type"].value,
        "content_area": course["content_area"].value,
        "start_date": course["start_date"].isoformat(),
        "end_date": course["end_date"].isoformat(),
        "hours": hours_text,
        "evidence": [],
        "record": member,
    }


def run(activities: list[dict[str, Any]], files: dict[str, bytes], providers: Any = None) -> Any:
    application = {"applicant": {"id_number": ID_NUMBER}, "activities": activities}
    trusted = [PROVIDER.identity] if providers is None else providers
    return check_provider_records(application, files.__getitem__, trusted, range(len(activities)))


@st.composite
def courses(draw: st.DrawFn) -> dict[str, Any]:
    start = draw(days)
    end = draw(
        st.dates(min_value=start, max_value=min(start + timedelta(days=400), date(2100, 12, 30)))
    )
    return {
        "title": draw(titles),
        "activity_type": draw(st.sampled_from(list(ActivityType))),
        "content_area": draw(st.sampled_from(list(ContentArea))),
        "start_date": start,
        "end_date": end,
        "hours": draw(hours),
    }


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(course=courses())
def test_an_extreme_but_valid_record_of_the_activity_is_verified(course: dict[str, Any]) -> None:
    record_id = str(uuid.uuid4())
    member = f"records/{record_id}.swdce"
    data = sign(record_id, course)
    assert len(data) <= MAX_CE_RECORD_BYTES
    check, (verdict,) = run([activity_of(course, member)], {member: data})
    assert (verdict.status, verdict.reason, verdict.provider) == (
        "verified",
        "",
        PROVIDER.identity.name,
    )
    assert check.passed and check.params["verified_hours"] == check.params["total_hours"]


def _changed(course: dict[str, Any], field: str) -> dict[str, Any]:
    activity = activity_of(course, "")
    if field in ("title", "organiser"):
        activity[field] = activity[field] + "甲"
    elif field == "activity_type":
        activity[field] = next(t.value for t in ActivityType if t != course["activity_type"])
    elif field == "content_area":
        activity[field] = next(a.value for a in ContentArea if a != course["content_area"])
    elif field == "hours":
        activity[field] = str(course["hours"] + Decimal("0.1"))
    else:
        activity[field] = (course[field] - timedelta(days=1)).isoformat()
    return activity


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(course=courses(), field=st.sampled_from(COMPARED_FIELDS))
def test_any_field_that_differs_is_named(course: dict[str, Any], field: str) -> None:
    record_id = str(uuid.uuid4())
    member = f"records/{record_id}.swdce"
    activity = _changed(course, field)
    activity["record"] = member
    check, (verdict,) = run([activity], {member: sign(record_id, course)})
    assert (verdict.status, verdict.reason, verdict.detail) == ("failed", "mismatch", field)
    assert not check.passed and check.params["failures"] == [[0, "mismatch", field]]


COURSE = {
    "title": "社会工作伦理与督导培训",
    "activity_type": ActivityType.TRAINING,
    "content_area": ContentArea.VALUES_ETHICS,
    "start_date": date(2025, 2, 18),
    "end_date": date(2025, 2, 19),
    "hours": Decimal("12.5"),
}


def test_the_sentence_counts_only_hours_a_verified_record_backs() -> None:
    ids = [str(uuid.UUID(int=n, version=4)) for n in range(1, 4)]
    members = [f"records/{i}.swdce" for i in ids]
    verified = activity_of(COURSE, members[0])
    theirs = activity_of(COURSE, members[1])
    plain = {**activity_of({**COURSE, "hours": Decimal(20)}, ""), "record": None}
    del plain["record"]
    files = {
        members[0]: sign(ids[0], COURSE),
        members[1]: sign(ids[1], COURSE, id_number="110105194912310036"),
    }
    check, verdicts = run([verified, theirs, plain], files)
    assert [v.status for v in verdicts] == ["verified", "failed"]
    assert verdicts[1].reason == "other_person"
    assert (check.params["verified_hours"], check.params["total_hours"]) == ("12.5", "45")
    assert not check.passed
    untrusted, (verdict,) = run([verified], {members[0]: files[members[0]]}, providers=[])
    assert verdict.status == "not_verified" and untrusted.passed
    assert untrusted.params["verified_hours"] == "0"


def test_replays_are_marked_and_the_hours_recounted() -> None:
    record_id = str(uuid.UUID(int=7, version=4))
    member = f"records/{record_id}.swdce"
    check, verdicts = run([activity_of(COURSE, member)], {member: sign(record_id, COURSE)})
    assert check.passed and check.params["verified_hours"] == "12.5"
    other = "3f2a9c1e-5b7d-4e21-9a0c-111111111111"
    marked, (verdict,) = with_replays(check, verdicts, {record_id: other})
    assert (verdict.status, verdict.reason, verdict.detail) == ("failed", "replayed", other)
    assert not marked.passed and marked.params["verified_hours"] == "0"
    assert marked.params["total_hours"] == "12.5"
    assert with_replays(check, verdicts, {}) == (check, verdicts)
    invalid = RecordVerdict(0, record_id, "0" * 64, "failed", "", "invalid")
    assert with_replays(check, [invalid], {record_id: other})[1] == (invalid,)


@pytest.mark.parametrize("first", ["0.1", "500"])
def test_the_smallest_and_largest_hours(first: str) -> None:
    course = {**COURSE, "hours": Decimal(first)}
    record_id = str(uuid.uuid4())
    member = f"records/{record_id}.swdce"
    check, (verdict,) = run([activity_of(course, member)], {member: sign(record_id, course)})
    assert verdict.status == "verified" and check.params["verified_hours"] == first
