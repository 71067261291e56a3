"""Sample domain objects for storage tests."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from swdesk.domain.application import (
    ApplicationDraft,
    ApplicationKind,
    MaterialFile,
    MaterialRole,
)
from swdesk.domain.enums import (
    ActivityType,
    CertificateLevel,
    ContentArea,
    Gender,
    RegistrationKind,
)
from swdesk.domain.models import (
    Activity,
    Certificate,
    EvidenceFile,
    Practitioner,
    PractitionerRecord,
    RegistrationPeriod,
)


def make_record(name: str = "张晓梅", id_number: str = "11010519491231002X") -> PractitionerRecord:
    return PractitionerRecord(
        practitioner=Practitioner(
            name=name,
            gender=Gender.FEMALE,
            birth_date=date(1949, 12, 31),
            id_number=id_number,
            phone="13800138000",
            employer="兰州市城关区社会工作服务中心",
            post="项目主管",
            years_in_social_work=7,
            county="620102",
            employer_credit_code="11320000MB151840XJ",
            photo_file="a" * 64 + ".jpg",
            rulepack_id="gansu",
        ),
        certificates=[
            Certificate(CertificateLevel.ASSISTANT, "Z2016001", date(2016, 6, 20)),
            Certificate(CertificateLevel.INTERMEDIATE, "S2019002", date(2019, 6, 22)),
        ],
        registrations=[
            RegistrationPeriod(RegistrationKind.FIRST, date(2019, 9, 1), date(2022, 8, 31)),
            RegistrationPeriod(
                RegistrationKind.RENEWAL,
                date(2022, 9, 1),
                date(2025, 8, 31),
                note="按时再登记",
                number="京社登字2022-0917",
            ),
        ],
    )


def make_evidence(n: int, ext: str = "pdf") -> EvidenceFile:
    digest = f"{n:064x}"
    media = {"pdf": "application/pdf", "jpg": "image/jpeg", "png": "image/png"}[ext]
    return EvidenceFile(f"证明{n}.{ext}", f"{digest}.{ext}", digest, 1000 + n, media)


def make_activity(
    end: date,
    *,
    title: str = "社会工作伦理培训",
    hours: Decimal = Decimal("1.5"),
    evidence: tuple[EvidenceFile, ...] = (),
) -> Activity:
    return Activity(
        title=title,
        organiser="甘肃省社会工作协会",
        activity_type=ActivityType.TRAINING,
        content_area=ContentArea.VALUES_ETHICS,
        start_date=end,
        end_date=end,
        hours=hours,
        reflection_learnt="学会了知情同意的边界",
        reflection_change="个案记录中写明保密例外",
        evidence=evidence,
    )


def make_material(
    n: int, role: MaterialRole = MaterialRole.OTHER, ext: str = "pdf"
) -> MaterialFile:
    """A material whose stored name equals `make_evidence(n, ext)`'s (same content)."""
    e = make_evidence(n, ext)
    return MaterialFile(role, f"材料{n}.{ext}", e.stored_name, e.sha256, e.size, e.media_type)


def make_draft(
    pid: int,
    *,
    uid: str = "5f0c6f0e-8d1b-4a8e-9a43-2b7c1d9e0a11",
    version: int = 1,
    materials: tuple[MaterialFile, ...] = (),
) -> ApplicationDraft:
    return ApplicationDraft(
        practitioner_id=pid,
        kind=ApplicationKind.RENEWAL,
        uid=uid,
        version=version,
        phone="13900139000",
        employer="平凉市崆峒区社会工作服务站",
        employer_credit_code="12620800MB1234567X",
        post="督导",
        materials=materials,
    )
