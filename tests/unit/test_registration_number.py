"""The registration certificate's number (登记证书编号): canonical form, checks, fix list."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from swdesk.domain.application import ApplicationKind
from swdesk.domain.enums import CertificateLevel, Gender, RegistrationKind
from swdesk.domain.errors import FieldIssue
from swdesk.domain.fix_list import WizardPage
from swdesk.domain.models import Certificate, Practitioner, PractitionerRecord, RegistrationPeriod
from swdesk.domain.registration_number import (
    REGISTRATION_NUMBER_MAX,
    normalise_registration_number,
    registration_number_issues,
    registration_number_missing,
)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("  甘社登字620802-2024-0137 ", "甘社登字620802-2024-0137"),
        ("ＧＳ２０２４－０１３７", "GS2024-0137"),  # full-width letters and digits: NFKC
        ("GS\u00a02024\t\t0137", "GS 2024 0137"),  # NBSP and tabs: one space
        ("\ufeffGS\u200b2024", "GS2024"),  # BOM and zero-width space: gone
        ("第\u3000123号", "第 123号"),  # ideographic space
        ("", ""),
        (" \t ", ""),
    ],
)
def test_canonical_form(typed: str, stored: str) -> None:
    assert normalise_registration_number(typed) == stored
    assert normalise_registration_number(stored) == stored  # idempotent


def test_any_printable_number_up_to_40_characters_is_accepted() -> None:
    for number in (
        "甘社登字第620802-2024-0137号",
        "PL2022-0821-015",
        "1",
        "x" * REGISTRATION_NUMBER_MAX,
        " " + "y" * REGISTRATION_NUMBER_MAX + " ",
    ):
        assert registration_number_issues(number) == []


def test_unknown_number_is_fine_unless_required() -> None:
    assert registration_number_issues("   ") == []
    assert registration_number_issues("", required=True) == [
        FieldIssue("registration_number", "required")
    ]


def test_too_long_and_unprintable_numbers_name_the_field() -> None:
    assert registration_number_issues("9" * 41) == [
        FieldIssue("registration_number", "too_long", {"max": REGISTRATION_NUMBER_MAX})
    ]
    for bad in ("GS\ue0002024", "GS\U0010fffd", "GS\U000e0001x"[:3] + "\U0003ffff"):
        (issue,) = registration_number_issues(bad)
        assert (issue.field, issue.code) == (
            "registration_number",
            "registration_number_characters",
        )


def _record(number: str, registered: bool = True) -> PractitionerRecord:
    person = Practitioner(
        "张晓梅",
        Gender.FEMALE,
        date(1991, 4, 12),
        "620802199104124208",
        "13909331234",
        "东关街道社会工作服务站",
        "社会工作者",
        5,
        "620802",
    )
    older = RegistrationPeriod(
        RegistrationKind.FIRST, date(2021, 3, 1), date(2024, 2, 29), number="OLD-1"
    )
    latest = RegistrationPeriod(
        RegistrationKind.RENEWAL, date(2024, 3, 1), date(2027, 2, 28), number=number
    )
    return PractitionerRecord(
        person,
        [Certificate(CertificateLevel.ASSISTANT, "S2023", date(2023, 12, 1))],
        [latest, older] if registered else [],
    )


def test_a_renewal_without_the_number_of_its_expiring_registration_is_a_fix_item() -> None:
    (item,) = registration_number_missing(_record(""), ApplicationKind.RENEWAL)
    assert item.code == "registration_number_missing"
    assert item.page is WizardPage.PERSONAL  # the wizard's page shows and takes the number
    assert not item.blocking  # the office can look the number up: a note, never a refusal
    assert item.params == {"field": "registration_number", "valid_to": date(2027, 2, 28)}


def test_no_item_with_the_number_for_a_first_registration_or_without_registration() -> None:
    assert registration_number_missing(_record("GS-1"), ApplicationKind.RENEWAL) == []
    assert registration_number_missing(_record(""), ApplicationKind.FIRST) == []
    assert registration_number_missing(_record("", registered=False), ApplicationKind.RENEWAL) == []
    # only the expiring (latest) period counts: an older one's number does not stand in
    record = _record("")
    assert replace(record.registrations[1]).number == "OLD-1"
    assert registration_number_missing(record, ApplicationKind.RENEWAL) != []
