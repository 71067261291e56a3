"""Training providers and their signed attendance records for the practitioner's and the
reviewer's tests, built with `swdesk.signing` exactly as `swdesk provider issue` builds
them, and a demo folder whose trust list names the provider (`provider_folder`)."""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from swdesk.domain.enums import ActivityType, ContentArea
from swdesk.services.workspace import open_workspace
from swdesk.signing import (
    CeRecord,
    OfficeKey,
    ReviewLevel,
    attendee_id_digest,
    build_trust_file,
    generate_office_key,
    sign_ce_record,
)
from swdesk.signing.provider import ProviderKey, provider_key_from_seed

CST = timezone(timedelta(hours=8))
TODAY = date(2026, 11, 28)  # the demo's day: 张晓梅's registration ends 2027-01-27


@cache
def provider() -> ProviderKey:
    """The province's listed provider (甘肃省社会工作协会)."""
    seed = hashlib.sha256(b"tests: listed training provider").digest()
    return provider_key_from_seed(seed, "甘肃省社会工作协会", "51620000MJ00000022")


@cache
def stranger() -> ProviderKey:
    """A provider no trust list names."""
    seed = hashlib.sha256(b"tests: unlisted training provider").digest()
    return provider_key_from_seed(seed, "某培训中心", "91620100MA0000003M")


@cache
def province() -> OfficeKey:
    """The province office whose trust lists name the providers (`trust_naming`)."""
    return generate_office_key("甘肃省民政厅", "620000", ReviewLevel.PROVINCE)


def trust_naming(*providers: ProviderKey, sequence: int = 1) -> bytes:
    """A `.swdtrust` of `province()` naming `providers` (and no other office)."""
    return build_trust_file(
        province(),
        [],
        issued_at=datetime(2026, 11, sequence, 9, 0, tzinfo=CST),
        sequence=sequence,
        providers=[key.identity for key in providers],
    )


def course_record(
    id_number: str,
    *,
    key: ProviderKey | None = None,
    name: str = "张晓梅",
    record_id: str | None = None,
    **course: Any,
) -> CeRecord:
    """A record of a two-day ethics course in 2026 for the holder of `id_number`; `course`
    overrides fields (title, hours, start_date, ...)."""
    key = key or provider()
    rid = record_id or str(uuid.uuid4())
    record = CeRecord(
        record_id=rid,
        issued_at=datetime(2026, 10, 16, 17, 0, tzinfo=CST),
        provider_name=key.identity.name,
        provider_credit_code=key.identity.credit_code,
        provider_fingerprint=key.identity.fingerprint,
        title="社会工作伦理与督导培训",
        activity_type=ActivityType.TRAINING,
        content_area=ContentArea.VALUES_ETHICS,
        start_date=date(2026, 10, 14),
        end_date=date(2026, 10, 15),
        hours=Decimal("12.5"),
        attendee_name=name,
        attendee_id_digest=attendee_id_digest(rid, id_number),
    )
    return replace(record, **course)


def signed(record: CeRecord, key: ProviderKey | None = None) -> bytes:
    """The `.swdce` file of `record`, signed by `key` (the listed provider's by default)."""
    return sign_ce_record(key or provider(), record)


def provider_folder(root: Path, trust: bytes) -> Path:
    """Make the demo folder at `root` (closed) trust the list `trust` (bytes of a
    `.swdtrust`, e.g. one naming `provider()`)."""
    ws = open_workspace(root, clock=lambda: TODAY)
    try:
        path = root.parent / f"{root.name}-list.swdtrust"
        path.write_bytes(trust)
        ws.decisions.import_trust_file(path, accept_new_issuer=True)
        path.unlink()
    finally:
        ws.close()
    return root
