"""The first-registration deadline: 民发〔2009〕44号 第四条, within one year of passing (swdesk
counts from the certificate date), shown with the days left and plainly once passed."""

from __future__ import annotations

from datetime import date

import pytest

from swdesk.domain.enums import CertificateLevel, Gender, RegistrationState
from swdesk.domain.models import Certificate, Practitioner, PractitionerRecord
from swdesk.domain.next_action import NextAction
from swdesk.domain.requirements import first_registration_due
from swdesk.domain.rules import KeyDate, compute_status
from swdesk.rulepacks import load_pack

GANSU = load_pack("gansu")


def _record(obtained_on: date | None) -> PractitionerRecord:
    person = Practitioner(
        "张晓梅",
        Gender.FEMALE,
        date(1990, 3, 15),
        "620802199003151244",
        "13893312345",
        "崆峒区社工站",
        "社工",
        5,
        "620802",
    )
    certificates = (
        []
        if obtained_on is None
        else [Certificate(CertificateLevel.ASSISTANT, "S2025", obtained_on)]
    )
    return PractitionerRecord(person, certificates, [])


@pytest.mark.parametrize(
    ("obtained", "due"),
    [
        (date(2025, 6, 30), date(2026, 6, 29)),
        (date(2024, 2, 29), date(2025, 2, 28)),  # a year from 29 Feb ends on 28 Feb
        (date(2025, 3, 1), date(2026, 2, 28)),
        (date(2027, 3, 1), date(2028, 2, 29)),  # into a leap February
        (date(2025, 1, 31), date(2026, 1, 30)),
    ],
)
def test_due_date(obtained: date, due: date) -> None:
    assert GANSU.first_registration_within_months == 12
    assert first_registration_due(GANSU, obtained) == due


@pytest.mark.parametrize(
    ("today", "days_left", "code"),
    [
        (date(2025, 7, 1), 363, "first_registration_needed"),
        (date(2026, 6, 28), 1, "first_registration_needed"),
        (date(2026, 6, 29), 0, "first_registration_needed"),
        (date(2026, 6, 30), -1, "first_registration_needed"),
    ],
)
def test_dashboard_shows_the_date_and_days_left(today: date, days_left: int, code: str) -> None:
    status = compute_status(_record(date(2025, 6, 30)), [], GANSU, today)
    assert status.state is RegistrationState.NOT_REGISTERED
    assert status.first_registration_due == date(2026, 6, 29)
    assert status.days_to_first_registration_due == days_left
    assert status.next_action == NextAction(
        code, {"deadline": date(2026, 6, 29), "days_left": days_left}
    )
    expected = (KeyDate("first_registration_due", date(2026, 6, 29)),) if days_left >= 0 else ()
    assert status.key_dates == expected  # in the .ics while ahead
    basis = status.basis["first_registration"]
    assert (basis.document, basis.article) == (
        "民发〔2009〕44号《社会工作者职业水平证书登记办法》",
        "第四条",
    )


def test_no_certificate_no_deadline() -> None:
    status = compute_status(_record(None), [], GANSU, date(2026, 1, 1))
    assert status.first_registration_due is None and status.key_dates == ()
    assert status.next_action == NextAction("first_registration_needed")


def test_an_exported_first_registration_no_longer_counts_down() -> None:
    status = compute_status(
        _record(date(2025, 6, 30)), [], GANSU, date(2026, 1, 1), awaiting_submission=True
    )
    assert status.state is RegistrationState.AWAITING_SUBMISSION
    assert status.first_registration_due is None and status.key_dates == ()
