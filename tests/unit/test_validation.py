"""Field validation of practitioners, certificates, registrations and activities."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from swdesk.domain.enums import (
    ActivityType,
    CertificateLevel,
    ContentArea,
    Gender,
    RegistrationKind,
)
from swdesk.domain.errors import FieldIssue
from swdesk.domain.identity import id_check_char
from swdesk.domain.models import (
    Activity,
    Certificate,
    EvidenceFile,
    Practitioner,
    RegistrationPeriod,
)
from swdesk.domain.rulepack import Citation, RulePack
from swdesk.domain.validation import (
    activity_issues,
    activity_warnings,
    certificate_issues,
    name_issues,
    phone_issues,
    practitioner_issues,
    registration_issues,
)
from swdesk.rulepacks import load_pack

TODAY = date(2025, 6, 1)
GANSU = load_pack("gansu")
NATIONAL = load_pack("national")


def make_id(area: str, birth: str, seq: str) -> str:
    return area + birth + seq + id_check_char(area + birth + seq)


def valid_practitioner() -> Practitioner:
    return Practitioner(
        name="张晓梅",
        gender=Gender.FEMALE,
        birth_date=date(1990, 3, 15),
        id_number=make_id("620802", "19900315", "124"),
        phone="13893312345",
        employer="平凉市崆峒区社会工作服务站",
        post="社会工作者",
        years_in_social_work=5,
        county="620802",
        employer_credit_code="11320000MB151840XJ",
    )


def pairs(issues: list[FieldIssue]) -> list[tuple[str, str]]:
    return [(i.field, i.code) for i in issues]


# -- practitioner -----------------------------------------------------------------------------


def test_valid_practitioner_has_no_issues() -> None:
    assert practitioner_issues(valid_practitioner(), TODAY, GANSU) == []
    assert practitioner_issues(valid_practitioner(), TODAY) == []


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"name": "  "}, ("name", "required")),
        ({"name": "张"}, ("name", "name_length")),
        ({"name": "张" * 31}, ("name", "name_length")),
        ({"name": "张3"}, ("name", "name_characters")),
        ({"name": "张 晓梅"}, ("name", "name_characters")),
        ({"name": "·买买提"}, ("name", "name_characters")),
        ({"name": "买买提··艾力"}, ("name", "name_characters")),
        ({"gender": "female"}, ("gender", "required")),
        (
            {"birth_date": date(2009, 6, 2), "id_number": make_id("620802", "20090602", "124")},
            ("birth_date", "age_range"),
        ),
        (
            {"birth_date": date(1924, 5, 31), "id_number": make_id("620802", "19240531", "124")},
            ("birth_date", "age_range"),
        ),
        ({"id_number": ""}, ("id_number", "required")),
        ({"id_number": "62080219900315124"}, ("id_number", "id_format")),
        (
            {"id_number": make_id("620802", "19900316", "124")},
            ("id_number", "id_birth_date_mismatch"),
        ),
        ({"id_number": make_id("620802", "19900315", "123")}, ("id_number", "id_gender_mismatch")),
        ({"phone": ""}, ("phone", "required")),
        ({"phone": "1389331234"}, ("phone", "phone_format")),
        ({"employer": " "}, ("employer", "required")),
        ({"employer": "单" * 101}, ("employer", "too_long")),
        (
            {"employer_credit_code": "11320000MB151840XK"},
            ("employer_credit_code", "credit_code_check_char"),
        ),
        ({"employer_credit_code": "1132"}, ("employer_credit_code", "credit_code_format")),
        ({"post": ""}, ("post", "required")),
        ({"post": "岗" * 51}, ("post", "too_long")),
        ({"years_in_social_work": -1}, ("years_in_social_work", "years_range")),
        ({"years_in_social_work": 20}, ("years_in_social_work", "years_range")),
        ({"county": ""}, ("county", "required")),
        ({"county": "62080"}, ("county", "county_format")),
        ({"county": "110105"}, ("county", "county_unknown")),
    ],
)
def test_each_bad_practitioner_field(changes: dict[str, Any], expected: tuple[str, str]) -> None:
    issues = practitioner_issues(replace(valid_practitioner(), **changes), TODAY, GANSU)
    assert pairs(issues) == [expected]


def test_birth_in_future() -> None:
    issues = practitioner_issues(replace(valid_practitioner(), birth_date=date(2030, 1, 1)), TODAY)
    assert pairs(issues) == [
        ("birth_date", "birth_in_future"),
        ("id_number", "id_birth_date_mismatch"),
    ]  # years_range is not checked against an impossible age


def test_years_range_params_and_limit() -> None:
    p = valid_practitioner()  # 35 years old on TODAY: at most 19 years of work
    assert practitioner_issues(replace(p, years_in_social_work=19), TODAY, GANSU) == []
    issues = practitioner_issues(replace(p, years_in_social_work=20), TODAY, GANSU)
    assert issues[0].params == {"min": 0, "max": 19}


def test_any_county_when_pack_lists_none() -> None:
    p = replace(valid_practitioner(), county="110105")
    assert practitioner_issues(p, TODAY, NATIONAL) == []
    assert practitioner_issues(p, TODAY) == []


def test_optional_credit_code_may_be_empty() -> None:
    assert practitioner_issues(replace(valid_practitioner(), employer_credit_code=""), TODAY) == []


@pytest.mark.parametrize(
    "name", ["张晓梅", "欧阳娜娜", "买买提·艾力", "阿依古丽•吐尔逊", "Li", "喆堃"]
)
def test_good_names(name: str) -> None:
    assert name_issues(name) == []


@pytest.mark.parametrize(
    "phone",
    [
        "13893312345",
        "19912345678",
        "+8613893312345",
        "138 9331 2345",
        "138-9331-2345",
        "0933-8212345",
        "09338212345",
        "010-62345678",
        "(0933)8212345",
        "0933-8212345-801",
        "１３８９３３１２３４５",
    ],
)
def test_good_phones(phone: str) -> None:
    assert phone_issues(phone) == []


@pytest.mark.parametrize(
    "phone",
    [
        "12893312345",
        "1389331234",
        "138933123456",
        "0933-821234",
        "933-8212345",
        "0933-0212345",
        "phone",
        "0933--8212345",
    ],
)
def test_bad_phones(phone: str) -> None:
    assert pairs(phone_issues(phone)) == [("phone", "phone_format")]


# -- certificate and registration -------------------------------------------------------------


def certificate(**changes: Any) -> Certificate:
    base = Certificate(CertificateLevel.ASSISTANT, "S2019-620800-0123", date(2019, 8, 1))
    return replace(base, **changes)


def test_valid_certificate() -> None:
    assert certificate_issues(certificate(), TODAY, date(1990, 3, 15)) == []
    assert certificate_issues(certificate(), TODAY) == []


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"number": " "}, ("number", "required")),
        ({"number": "A" * 41}, ("number", "too_long")),
        ({"number": "S2019_0123"}, ("number", "number_format")),
        ({"number": "证书123"}, ("number", "number_format")),
        ({"obtained_on": date(2025, 6, 2)}, ("obtained_on", "in_future")),
        ({"obtained_on": date(2008, 3, 14)}, ("obtained_on", "before_adulthood")),
    ],
)
def test_each_bad_certificate_field(changes: dict[str, Any], expected: tuple[str, str]) -> None:
    assert pairs(certificate_issues(certificate(**changes), TODAY, date(1990, 3, 15))) == [expected]


def test_certificate_on_18th_birthday_is_fine() -> None:
    assert (
        certificate_issues(certificate(obtained_on=date(2008, 3, 15)), TODAY, date(1990, 3, 15))
        == []
    )


def test_registration() -> None:
    ok = RegistrationPeriod(RegistrationKind.FIRST, date(2024, 3, 1), date(2027, 2, 28))
    assert registration_issues(ok) == []
    for end in (date(2024, 3, 1), date(2024, 2, 1)):
        bad = replace(ok, valid_to=end)
        assert pairs(registration_issues(bad)) == [("valid_to", "valid_to_before_valid_from")]


# -- activity ---------------------------------------------------------------------------------


def an_activity(**changes: Any) -> Activity:
    base = Activity(
        title="平凉市社会工作者能力提升培训",
        organiser="平凉市民政局",
        activity_type=ActivityType.TRAINING,
        content_area=ContentArea.THEORY_PRACTICE,
        start_date=date(2025, 5, 10),
        end_date=date(2025, 5, 11),
        hours=Decimal("16"),
    )
    return replace(base, **changes)


def evidence(size: int = 1000, media_type: str = "application/pdf") -> EvidenceFile:
    return EvidenceFile("证明.pdf", "ab12.pdf", "0" * 64, size, media_type)


def test_valid_activity() -> None:
    assert activity_issues(an_activity(), GANSU, TODAY) == []
    assert (
        activity_issues(
            an_activity(end_date=TODAY, start_date=TODAY, hours=Decimal("8")), GANSU, TODAY
        )
        == []
    )
    assert (
        activity_issues(an_activity(evidence=(evidence(GANSU.evidence_max_bytes),)), GANSU, TODAY)
        == []
    )


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"title": ""}, ("title", "required")),
        ({"title": "题" * 201}, ("title", "too_long")),
        ({"organiser": "  "}, ("organiser", "required")),
        ({"end_date": date(2025, 5, 9)}, ("end_date", "end_before_start")),
        ({"end_date": date(2025, 6, 2)}, ("end_date", "in_future")),
        ({"hours": Decimal("0")}, ("hours", "hours_not_positive")),
        ({"hours": Decimal("-2")}, ("hours", "hours_not_positive")),
        ({"hours": Decimal("NaN")}, ("hours", "hours_not_positive")),
        ({"hours": Decimal("7.55")}, ("hours", "hours_precision")),
        ({"reflection_learnt": "学" * 2001}, ("reflection_learnt", "too_long")),
        ({"reflection_change": "变" * 2001}, ("reflection_change", "too_long")),
        (
            {"evidence": (evidence(GANSU.evidence_max_bytes + 1),)},
            ("evidence", "evidence_too_large"),
        ),
        ({"evidence": (evidence(media_type="image/gif"),)}, ("evidence", "evidence_type")),
    ],
)
def test_each_bad_activity_field(changes: dict[str, Any], expected: tuple[str, str]) -> None:
    assert pairs(activity_issues(an_activity(**changes), GANSU, TODAY)) == [expected]


def _cited_cap(pack: RulePack) -> RulePack:
    """`pack` with its 8-hours-a-day figure marked as cited (as a province might publish)."""
    cited = Citation(
        "cited",
        document="某省社会工作者继续教育学时认定办法",
        article="第五条",
        published_in="某省民政厅",
        verified=True,
    )
    return replace(pack, citations={**pack.citations, "max_hours_per_day": cited})


def test_assumed_daily_figure_warns_and_never_refuses() -> None:
    """8 hours a day is an assumption in both packs: a 3-day 30-hour course and 90 hours of
    online study over 11 days are valid records, with a warning on the hours field."""
    course = an_activity(start_date=date(2025, 5, 8), end_date=date(2025, 5, 10), hours=Decimal(30))
    online = an_activity(
        activity_type=ActivityType.ONLINE,
        start_date=date(2025, 4, 30),
        end_date=date(2025, 5, 10),
        hours=Decimal(90),
    )
    for pack in (GANSU, load_pack("national")):
        for record, days, max_hours in ((course, 3, 24), (online, 11, 88)):
            assert activity_issues(record, pack, TODAY) == []
            assert [(i.field, i.code, i.params) for i in activity_warnings(record, pack)] == [
                (
                    "hours",
                    "hours_exceed_days_assumed",
                    {"hours": record.hours, "max_hours": Decimal(max_hours), "days": days},
                )
            ]
    within = an_activity(start_date=date(2025, 5, 8), end_date=date(2025, 5, 10), hours=Decimal(24))
    assert activity_warnings(within, GANSU) == []


def test_cited_daily_figure_refuses() -> None:
    pack = _cited_cap(GANSU)
    issues = activity_issues(an_activity(hours=Decimal("16.5")), pack, TODAY)
    assert pairs(issues) == [("hours", "hours_exceed_days")]
    assert issues[0].params == {"hours": Decimal("16.5"), "max_hours": Decimal("16"), "days": 2}
    one_day = an_activity(end_date=date(2025, 5, 10), hours=Decimal("8.1"))
    assert activity_issues(one_day, pack, TODAY)[0].params["max_hours"] == Decimal("8")
    assert activity_warnings(one_day, pack) == []  # refused, not warned twice


def test_lump_sum_types_are_exempt_from_the_daily_figure() -> None:
    for pack in (GANSU, _cited_cap(GANSU)):
        for kind in (ActivityType.DEGREE, ActivityType.RESEARCH):
            lump = an_activity(activity_type=kind, end_date=date(2025, 5, 10), hours=Decimal("90"))
            assert activity_issues(lump, pack, TODAY) == []
            assert activity_warnings(lump, pack) == []
    online = an_activity(
        activity_type=ActivityType.ONLINE, end_date=date(2025, 5, 10), hours=Decimal("9")
    )
    assert pairs(activity_issues(online, _cited_cap(GANSU), TODAY)) == [
        ("hours", "hours_exceed_days")
    ]
    assert pairs(activity_warnings(online, GANSU)) == [("hours", "hours_exceed_days_assumed")]


def test_reflection_at_limit_is_fine() -> None:
    assert activity_issues(an_activity(reflection_learnt="学" * 2000), GANSU, TODAY) == []
