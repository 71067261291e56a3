"""A valid profile draft for service tests (no Qt)."""

from __future__ import annotations

from datetime import date

from swdesk.domain.dates import period_end
from swdesk.domain.enums import CertificateLevel, Gender, RegistrationKind
from swdesk.domain.identity import id_check_char
from swdesk.domain.models import Certificate, Practitioner, RegistrationPeriod
from swdesk.services.profiles import ProfileDraft


def sample_draft(name: str = "张晓梅") -> ProfileDraft:
    first17 = "62080219910412422"
    practitioner = Practitioner(
        name=name,
        gender=Gender.FEMALE,
        birth_date=date(1991, 4, 12),
        id_number=first17 + id_check_char(first17),
        phone="13909331234",
        employer="东关街道社会工作服务站",
        post="社会工作者",
        years_in_social_work=5,
        county="620802",
    )
    return ProfileDraft(
        practitioner,
        Certificate(CertificateLevel.ASSISTANT, "S20230001", date(2023, 12, 1)),
        RegistrationPeriod(
            RegistrationKind.FIRST,
            date(2024, 3, 1),
            period_end(date(2024, 3, 1), 3),
            number="甘社登字620802-2024-0137",
        ),
    )
