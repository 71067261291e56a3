"""Realistic synthetic Pingliang practitioners for a newcomer's first look.

Every person is invented; ID numbers are valid (GB 11643) and use Pingliang's area codes.
Dates are placed relative to "today" so the demo always shows the same spread of states:
window open with hours complete, hours short, reminder period, overdue and freshly registered.
Long work is a generator yielding `core.progress.Step`s, (done, total), so the UI can show
progress; the consumer stops it by no longer iterating.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from swdesk.core.progress import Step
from swdesk.domain.credit_code import credit_code_check_char
from swdesk.domain.dates import add_months, period_end
from swdesk.domain.enums import (
    ActivityType,
    CertificateLevel,
    ContentArea,
    Gender,
    RegistrationKind,
)
from swdesk.domain.identity import id_check_char
from swdesk.domain.models import Activity, Certificate, Practitioner, RegistrationPeriod

from .activities import ActivityService
from .demo_images import certificate_pdf, portrait_png
from .profiles import ProfileDraft, ProfileService


@dataclass(frozen=True, slots=True)
class _Person:
    name: str
    gender: Gender
    birth: date
    county: str
    level: CertificateLevel
    employer: str
    post: str
    years: int
    months_registered: int  # how long ago the current registration started
    hours_target: int  # hours logged inside the cycle
    sequence: int  # ID number sequence digits (gender-consistent parity applied)


_PEOPLE = [
    _Person(
        "张晓梅",
        Gender.FEMALE,
        date(1991, 4, 12),
        "620802",
        CertificateLevel.ASSISTANT,
        "平凉市崆峒区东关街道社会工作服务站",
        "社会工作者",
        6,
        34,
        96,
        42,
    ),
    _Person(
        "李建国",
        Gender.MALE,
        date(1985, 9, 3),
        "620826",
        CertificateLevel.INTERMEDIATE,
        "静宁县城关镇社会工作服务站",
        "站长",
        9,
        14,
        38,
        17,
    ),
    _Person(
        "王芳",
        Gender.FEMALE,
        date(1994, 2, 28),
        "620821",
        CertificateLevel.ASSISTANT,
        "泾川县王村镇社会工作服务站",
        "社会工作者",
        4,
        31,
        62,
        86,
    ),
    _Person(
        "马明远",
        Gender.MALE,
        date(1988, 11, 21),
        "620825",
        CertificateLevel.ASSISTANT,
        "庄浪县水洛镇社会工作服务站",
        "项目主管",
        7,
        38,
        88,
        33,
    ),
    _Person(
        "赵静",
        Gender.FEMALE,
        date(1980, 6, 30),
        "620881",
        CertificateLevel.SENIOR,
        "华亭市社会工作协会",
        "督导",
        15,
        1,
        6,
        64,
    ),
]

_TOPICS: list[tuple[str, ContentArea, ActivityType, str]] = [
    (
        "社会工作职业伦理与价值观专题培训",
        ContentArea.VALUES_ETHICS,
        ActivityType.TRAINING,
        "甘肃省民政厅",
    ),
    (
        "《社会救助暂行办法》政策解读",
        ContentArea.LAWS_POLICIES,
        ActivityType.LECTURE,
        "平凉市民政局",
    ),
    (
        "个案管理实务能力提升班",
        ContentArea.THEORY_PRACTICE,
        ActivityType.TRAINING,
        "甘肃省社会工作协会",
    ),
    (
        "老年人心理健康与社会支持网络学习",
        ContentArea.RELATED_KNOWLEDGE,
        ActivityType.ONLINE,
        "全国社会工作者继续教育网络学习平台",
    ),
    (
        "乡镇（街道）社工站建设经验交流研讨会",
        ContentArea.THEORY_PRACTICE,
        ActivityType.SEMINAR,
        "平凉市民政局",
    ),
    (
        "未成年人保护法律法规线上课程",
        ContentArea.LAWS_POLICIES,
        ActivityType.ONLINE,
        "全国社会工作者继续教育网络学习平台",
    ),
    (
        "小组工作方法与督导技巧",
        ContentArea.THEORY_PRACTICE,
        ActivityType.ASSOCIATION,
        "甘肃省社会工作协会",
    ),
    (
        "社区社会工作专业伦理困境研讨",
        ContentArea.VALUES_ETHICS,
        ActivityType.SEMINAR,
        "兰州大学哲学社会学院",
    ),
    (
        "困境儿童关爱服务实务讲座",
        ContentArea.RELATED_KNOWLEDGE,
        ActivityType.LECTURE,
        "崆峒区民政局",
    ),
    (
        "社会工作项目设计与评估网络课程",
        ContentArea.THEORY_PRACTICE,
        ActivityType.ONLINE,
        "全国社会工作者继续教育网络学习平台",
    ),
]

_HOUR_SIZES = [Decimal(12), Decimal(8), Decimal(16), Decimal(6), Decimal(10), Decimal(4)]


def demo_id_number(person: _Person) -> str:
    seq = person.sequence * 10 % 1000
    seq = seq + (1 if person.gender is Gender.MALE else 0)  # odd: male, even: female
    first17 = f"{person.county}{person.birth:%Y%m%d}{seq:03d}"
    return first17 + id_check_char(first17)


def demo_credit_code(county: str, index: int) -> str:
    first17 = f"52{county}MJ{index:06d}{index % 10}"
    return first17 + credit_code_check_char(first17)


def _practitioner(person: _Person, index: int) -> Practitioner:
    return Practitioner(
        name=person.name,
        gender=person.gender,
        birth_date=person.birth,
        id_number=demo_id_number(person),
        phone=f"13{index + 5}0933{index:04d}"[:11],
        employer=person.employer,
        post=person.post,
        years_in_social_work=person.years,
        county=person.county,
        employer_credit_code=demo_credit_code(person.county, index + 1),
        rulepack_id="gansu",
    )


def _hour_plan(target: int) -> list[Decimal]:
    hours: list[Decimal] = []
    total = Decimal(0)
    while total < target:
        size = min(_HOUR_SIZES[len(hours) % len(_HOUR_SIZES)], Decimal(target) - total)
        hours.append(size)
        total += size
    return hours


def _activities(person: _Person, cycle_start: date, today: date) -> list[Activity]:
    """Activities adding up to the person's hour target, spread evenly over the cycle so far."""
    plan = _hour_plan(person.hours_target)
    span = max((today - cycle_start).days - 10, len(plan) + 1)
    result: list[Activity] = []
    for i, hours in enumerate(plan):
        title, area, kind, organiser = _TOPICS[(i + person.sequence) % len(_TOPICS)]
        days = 1 if kind is ActivityType.ONLINE else max(1, int((hours + 7) // 8))
        if kind is ActivityType.ONLINE and hours > 8:
            days = int((hours + 7) // 8)
        start = cycle_start + timedelta(days=3 + span * i // (len(plan) + 1))
        end = min(start + timedelta(days=days - 1), today - timedelta(days=1))
        start = min(start, end)
        result.append(
            Activity(
                title=title,
                organiser=organiser,
                activity_type=kind,
                content_area=area,
                start_date=start,
                end_date=end,
                hours=min(hours, Decimal(8 * ((end - start).days + 1))),
                reflection_learnt="掌握了相关政策要点和服务流程。" if i % 3 == 0 else "",
                reflection_change="在个案服务中更注重评估与转介。" if i % 3 == 0 else "",
            )
        )
    return result


def populate_demo(
    profiles: ProfileService, activities: ActivityService, today: date
) -> Iterator[Step]:
    """Create the demo practitioners; yields (done, total) after each person."""
    total = len(_PEOPLE)
    with tempfile.TemporaryDirectory(prefix="swdesk-demo-") as tmp:
        folder = Path(tmp)
        for index, person in enumerate(_PEOPLE):
            valid_from = add_months(today, -person.months_registered)
            registration = RegistrationPeriod(
                kind=RegistrationKind.FIRST,
                valid_from=valid_from,
                valid_to=period_end(valid_from, 3),
                # 登记证书编号: province, county, year and a running number (the real
                # numbering is each province's own)
                number=f"甘社登字{person.county}-{valid_from.year}-{index + 1:04d}",
            )
            certificate = Certificate(
                level=person.level,
                number=f"S{valid_from.year - 1}{person.county}{index + 1:04d}",
                obtained_on=valid_from - timedelta(days=60),
            )
            photo = folder / f"photo-{index}.png"
            photo.write_bytes(portrait_png(index))
            practitioner_id = profiles.create_profile(
                ProfileDraft(_practitioner(person, index), certificate, registration, photo)
            )
            for number, activity in enumerate(_activities(person, valid_from, today)):
                proof = folder / f"certificate-{index}-{number}.pdf"
                proof.write_bytes(
                    certificate_pdf(
                        [
                            "Certificate of continuing education",
                            f"Activity {number + 1}, {activity.start_date.isoformat()}",
                            f"Hours: {activity.hours}",
                        ]
                    )
                )
                activities.save_activity(practitioner_id, activity, [proof])
            yield index + 1, total
