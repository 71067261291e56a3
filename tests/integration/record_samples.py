"""Training providers' signed attendance records for the reviewer tests: providers with
fixed keys, records signed for an activity of a real bundle (`record_for`), and bundles that
carry them (`with_records`: application.json at version 3, each backed activity naming its
`records/<record_id>.swdce` member), plus an office whose trust list names the providers.

The bundles start from the practitioner's real exports (`review_samples.sample_bundles`),
so everything but the records is what an honest swdesk writes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from bundle_variants import contents, rebuild

from attendance_samples import CST, course_record, signed
from swdesk.bundle import CE_RECORD_MEDIA_TYPE, record_member_name
from swdesk.domain.credit_code import credit_code_check_char
from swdesk.domain.enums import ActivityType, ContentArea
from swdesk.services.review import ReviewWorkspace
from swdesk.signing import (
    ReviewLevel,
    build_trust_file,
    generate_office_key,
)
from swdesk.signing.provider import ProviderKey, provider_key_from_seed

PROVINCE = generate_office_key("甘肃省民政厅", "620000", ReviewLevel.PROVINCE)
CITY = generate_office_key("平凉市民政局", "620800", ReviewLevel.CITY)


def _code(stem: str) -> str:
    return stem + credit_code_check_char(stem)


ASSOCIATION = provider_key_from_seed(
    bytes(range(201, 233)), "甘肃省社会工作协会", _code("51620000MJX000001")
)
UNIVERSITY = provider_key_from_seed(bytes(range(1, 33)), "兰州大学", _code("12620000438000001"))
#: Someone else's key claiming to be the association (its name and credit code).
IMPOSTOR = provider_key_from_seed(
    bytes(range(50, 82)), ASSOCIATION.identity.name, ASSOCIATION.identity.credit_code
)


def renamed_key(key: ProviderKey, name: str) -> ProviderKey:
    """The same key pair under another provider name: what it signs names `name`."""
    return ProviderKey(replace(key.identity, name=name), key.private_key)


def record_for(
    activity: Mapping[str, Any],
    id_number: str,
    key: ProviderKey = ASSOCIATION,
    *,
    record_id: str | None = None,
    attendee: str = "张晓梅",
    **course: Any,
) -> bytes:
    """A record `key` signs for the course of `activity` (an application.json activity),
    issued to the holder of `id_number`; `course` overrides fields of the record's course
    (title, activity_type, content_area, start_date, end_date, hours)."""
    values: dict[str, Any] = {
        "title": activity["title"],
        "activity_type": ActivityType(activity["activity_type"]),
        "content_area": ContentArea(activity["content_area"]),
        "start_date": date.fromisoformat(activity["start_date"]),
        "end_date": date.fromisoformat(activity["end_date"]),
        "hours": Decimal(activity["hours"]),
    }
    values.update(course)
    issued = datetime.combine(values["end_date"], datetime.min.time(), CST) + timedelta(hours=18)
    record = course_record(
        id_number, key=key, name=attendee, record_id=record_id, issued_at=issued, **values
    )
    return signed(record, key)


def record_id_of(data: bytes) -> str:
    """The record id a record file holds (found in an edited or damaged file too)."""
    found = re.search(rb'"record_id":"([0-9a-f-]{36})"', data)
    assert found is not None, "no record id in the file"
    return found.group(1).decode()


def application_of(path: Path) -> dict[str, Any]:
    _manifest, entries = contents(path)
    return dict(json.loads(dict(entries)["application.json"]))


def with_records(
    bundle: Path,
    dest: Path,
    records: Mapping[int, bytes],
    *,
    organiser: str | None = ASSOCIATION.identity.name,
    edit: Any = None,
    names: Mapping[int, str] | None = None,
) -> Path:
    """`bundle` with `records` (activity index → record file) added as ce_record members,
    application.json at version 3 naming them; each backed activity's organiser becomes
    `organiser` (the provider, as the practitioner's swdesk writes it; None: unchanged).
    `names` gives a record another member name than its own id's.
    `edit(application)` may change application.json further. Every hash and the content
    digest are right: only the records' content is for the reviewer to judge."""
    app = application_of(bundle)
    app["format_version"] = 3
    members: dict[str, bytes] = {}
    for index, data in records.items():
        name = (names or {}).get(index) or record_member_name(record_id_of(data))
        app["activities"][index]["record"] = name
        if organiser is not None:
            app["activities"][index]["organiser"] = organiser
        members[name] = data
    if edit is not None:
        edit(app)
    text = json.dumps(app, ensure_ascii=False, indent=1).encode()

    def entries(old: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
        edited = [(n, text if n == "application.json" else d) for n, d in old]
        records = sorted(
            [(n, d) for n, d in edited if n.startswith("records/")] + list(members.items())
        )
        edited = [(n, d) for n, d in edited if not n.startswith("records/")]
        evidence_end = max(i for i, (n, _d) in enumerate(edited) if n.startswith("evidence/")) + 1
        return edited[:evidence_end] + records + edited[evidence_end:]

    def listed(manifest: dict[str, Any]) -> None:
        for entry in manifest["members"]:
            if entry["name"].startswith("records/"):
                entry.update(role="ce_record", media_type=CE_RECORD_MEDIA_TYPE)

    return rebuild(bundle, dest, edit_members=entries, edit_manifest=listed)


def trust_providers(
    workspace: ReviewWorkspace, folder: Path, providers: Sequence[ProviderKey], sequence: int = 1
) -> None:
    """Put in force at `workspace` a trust list of the province naming `providers`."""
    data = build_trust_file(
        PROVINCE,
        [CITY.identity],
        issued_at=datetime(2026, 11, sequence, 9, 0, tzinfo=CST),
        sequence=sequence,
        providers=[key.identity for key in providers],
    )
    path = folder / f"甘肃省-{sequence}.swdtrust"
    path.write_bytes(data)
    workspace.service.import_trust(path)
