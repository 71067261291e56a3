"""Entities of the practitioner workspace as plain dataclasses.

Services hand these to the UI; storage maps them to and from ORM rows. Hours are
`Decimal` with one decimal place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from .enums import (
    ActivityType,
    CertificateLevel,
    ContentArea,
    Gender,
    RegistrationKind,
)


@dataclass(frozen=True, slots=True)
class Certificate:
    level: CertificateLevel
    number: str  # 证书管理号
    obtained_on: date
    id: int | None = None


@dataclass(frozen=True, slots=True)
class RegistrationPeriod:
    kind: RegistrationKind
    valid_from: date
    valid_to: date  # last day on which the registration is valid
    note: str = ""
    number: str = ""  # 登记证书编号 (the registration certificate's number); "" when unknown
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Practitioner:
    name: str  # 姓名
    gender: Gender  # 性别
    birth_date: date  # 出生日期
    id_number: str  # 公民身份号码 (18 characters, upper-case X)
    phone: str  # 联系电话
    employer: str  # 工作单位
    post: str  # 岗位
    years_in_social_work: int  # 从事社会工作年限
    county: str  # 所在县区 (area code, e.g. "620802")
    employer_credit_code: str = ""  # 统一社会信用代码 (optional)
    photo_file: str = ""  # file name inside the data directory's photo folder, "" when none
    rulepack_id: str = "gansu"
    id: int | None = None


@dataclass(frozen=True, slots=True)
class EvidenceFile:
    original_name: str
    stored_name: str  # file name inside the data directory's evidence folder
    sha256: str
    size: int
    media_type: str  # application/pdf, image/jpeg or image/png
    id: int | None = None


#: The fields of an activity that a provider's signed attendance record fixes (the course;
#: the organiser is the provider): locked on the practitioner's side, compared with the
#: record on the reviewer's.
RECORD_FIELDS = (
    "title",
    "organiser",
    "activity_type",
    "content_area",
    "start_date",
    "end_date",
    "hours",
)


@dataclass(frozen=True, slots=True)
class Attestation:
    """A training provider's signed attendance record behind an activity: the record's id
    and digest (its file's SHA-256, what the printed certificate's QR code names), the
    provider that signed it, and whether that provider is on the trust list in force (the
    record was verified with its key when imported; a provider dropped from the list since
    no longer vouches for it)."""

    record_id: str
    digest: str
    provider_name: str
    provider_trusted: bool


@dataclass(frozen=True, slots=True)
class Activity:
    title: str
    organiser: str
    activity_type: ActivityType
    content_area: ContentArea
    start_date: date
    end_date: date
    hours: Decimal
    reflection_learnt: str = ""  # what I learnt
    reflection_change: str = ""  # what it changes in my practice
    evidence: tuple[EvidenceFile, ...] = ()
    id: int | None = None
    practitioner_id: int | None = None
    attestation: Attestation | None = None  # a provider's signed record; fields locked

    @property
    def verified(self) -> bool:
        """Backed by a signed record of a provider the trust list in force names (已核验)."""
        return self.attestation is not None and self.attestation.provider_trusted


@dataclass(frozen=True, slots=True)
class ProfileSummary:
    """What the profile switcher shows: no full ID number."""

    id: int
    name: str
    masked_id_number: str
    county: str
    has_pin: bool
    last_opened: datetime | None = None
    sealed: bool = False  # protected by the PIN: the ID number is encrypted, not shown


@dataclass(slots=True)
class PractitionerRecord:
    """A practitioner with certificate and registration history, as one unit."""

    practitioner: Practitioner
    certificates: list[Certificate] = field(default_factory=list)
    registrations: list[RegistrationPeriod] = field(default_factory=list)

    @property
    def current_certificate(self) -> Certificate | None:
        if not self.certificates:
            return None
        order = list(CertificateLevel)
        return max(self.certificates, key=lambda c: (order.index(c.level), c.obtained_on))

    @property
    def latest_registration(self) -> RegistrationPeriod | None:
        if not self.registrations:
            return None
        return max(self.registrations, key=lambda r: r.valid_from)
