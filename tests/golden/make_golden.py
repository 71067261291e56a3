"""Build one sample of every interchange format at format version 1 from fixed inputs.

    .venv/bin/python tests/golden/make_golden.py          # writes tests/golden/v1/

The samples in `v1/` (with `SHA256SUMS`) are committed once and never rewritten while
format version 1 lasts: `tests/integration/test_golden_files.py` checks that today's
readers accept each of them and that today's writers, given the same inputs (`build`),
produce them again byte for byte. A change to a writer and its reader together therefore
no longer passes unnoticed; a change meant to alter the bytes needs a new format version
(and a `v2/`), or a deliberate re-run of this script that the commit explains. A new
format joins `v1/` with its first sample (and its line in `SHA256SUMS`), the files already
there untouched.

Fixed inputs: Ed25519 private keys from fixed bytes (signatures are deterministic), fixed
times with a UTC offset, a fixed application (uid, version, applicant) and fixed member
bytes. The one input that cannot be fixed by value is the backup's SQLite database: its
bytes depend on the SQLite library that made it. It is made once here (a new, empty swdesk
database, migrated to today's head) and afterwards taken out of the committed backup as
an opaque input, so the backup archive around it is reproduced byte for byte too.
"""

from __future__ import annotations

import hashlib
import sys
import tempfile
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from swdesk.bundle import CE_RECORD_MEDIA_TYPE, BundleMember, canonical_json, write_bundle
from swdesk.domain.enums import ActivityType, ContentArea
from swdesk.services.review.forward import write_forward
from swdesk.signing import (
    CeRecord,
    Decision,
    OfficeIdentity,
    OfficeKey,
    ReviewLevel,
    build_trust_file,
    export_provider_key,
    export_public_key,
    sign_ce_record,
    sign_decision,
)
from swdesk.signing.provider import ProviderKey, provider_key_from_seed
from swdesk.storage.backup_file import SourceFile, write_backup_archive

VERSION_DIR = Path(__file__).resolve().parent / "v1"
SUMS = "SHA256SUMS"
CHINA = timezone(timedelta(hours=8))
CREATED_AT = datetime(2025, 3, 2, 10, 0, 5, tzinfo=CHINA)
ISSUED_AT = datetime(2025, 3, 1, 9, 0, 0, tzinfo=CHINA)
DECIDED_AT = datetime(2025, 3, 10, 15, 30, 0, tzinfo=CHINA)
BACKED_UP_AT = datetime(2025, 3, 11, 18, 45, 0, tzinfo=CHINA)
GENERATOR = "swdesk 0.1.0"
BACKUP_VERSION = "0.1.0"

CITY_PRIVATE = bytes(range(1, 33))
PROVINCE_PRIVATE = bytes(range(101, 133))
PROVIDER_PRIVATE = bytes(range(201, 233))
RECORD_ID = "5f0c6a52-8e1d-4b7a-9c3e-2d4f6a8b0c1e"
RECORD_ISSUED_AT = datetime(2025, 2, 20, 16, 30, 0, tzinfo=CHINA)
ATTENDEE_ID_NUMBER = "11010519491231002X"

EVIDENCE = b"%PDF-1.7\n% attendance certificate\n%%EOF\n"
FORM = b"%PDF-1.4\n% the application form\n%%EOF\n"
PHOTO = b"\xff\xd8\xff\xe0" + bytes(range(48)) + b"\xff\xd9"

#: file name in v1/ → what it is
FILES = {
    "application.swdapp": "application bundle (docs/bundle-format.md)",
    "city.swdkey": "a city office's public key (docs/review-formats.md §2)",
    "province.swdtrust": "the province's trust list (§4)",
    "decision.swddec": "the city's first-level approval of the bundle (§5)",
    "forward.swdfwd": "the forward package of bundle and decision (§7)",
    "backup.swdbak": "a practitioner data backup (src/swdesk/storage/backup_file/)",
    "provider.swdkey": "a training provider's public key (docs/review-formats.md §8)",
    "attendance.swdce": "the provider's attendance record for one attendee (§8)",
    "application-recorded.swdapp": (
        "an application bundle whose application.json (version 3) has an activity backed by "
        "attendance.swdce (docs/bundle-format.md)"
    ),
}


def _key(private: bytes, name: str, region: str, level: ReviewLevel) -> OfficeKey:
    private_key = Ed25519PrivateKey.from_private_bytes(private)
    public = private_key.public_key().public_bytes_raw()
    return OfficeKey(OfficeIdentity(name, region, level, public), private_key)


def city_key() -> OfficeKey:
    return _key(CITY_PRIVATE, "平凉市民政局", "620800", ReviewLevel.CITY)


def province_key() -> OfficeKey:
    return _key(PROVINCE_PRIVATE, "甘肃省民政厅", "620000", ReviewLevel.PROVINCE)


def provider_key() -> ProviderKey:
    return provider_key_from_seed(PROVIDER_PRIVATE, "甘肃省社会工作协会", "11320000MB151840XJ")


def attendance_record() -> CeRecord:
    """The record of the applicant's training, as the provider issues it."""
    from swdesk.signing import attendee_id_digest

    identity = provider_key().identity
    return CeRecord(
        record_id=RECORD_ID,
        issued_at=RECORD_ISSUED_AT,
        provider_name=identity.name,
        provider_credit_code=identity.credit_code,
        provider_fingerprint=identity.fingerprint,
        title="社会工作伦理与督导培训",
        activity_type=ActivityType.TRAINING,
        content_area=ContentArea.VALUES_ETHICS,
        start_date=date(2025, 2, 18),
        end_date=date(2025, 2, 19),
        hours=Decimal("12.5"),
        attendee_name="张晓梅",
        attendee_id_digest=attendee_id_digest(RECORD_ID, ATTENDEE_ID_NUMBER),
    )


def evidence_name() -> str:
    return f"evidence/{hashlib.sha256(EVIDENCE).hexdigest()}.pdf"


def application() -> dict[str, Any]:
    """application.json as swdesk writes it (times with their offset)."""
    return {
        "format_version": 1,
        "application": {
            "uid": "0b7e2c1a-4d5e-4f60-8a7b-9c0d1e2f3a4b",
            "version": 1,
            "kind": "renewal",
            "created_at": "2025-03-01T09:00:00+08:00",
        },
        "applicant": {
            "name": "张晓梅",
            "gender": "female",
            "birth_date": "1985-06-15",
            "id_number": "11010519491231002X",
            "phone": "13912345678",
            "employer": "阳光社工中心",
            "employer_credit_code": "11320000MB151840XJ",
            "post": "社工",
            "years_in_social_work": 8,
            "county": "620802",
        },
        "certificate": {"level": "intermediate", "number": "A-2019-1", "obtained_on": "2019-10-01"},
        "registration": {"valid_from": "2022-04-01", "valid_to": "2025-03-31"},
        "rule_pack": {"id": "gansu", "version": "2024.1"},
        "hours": {"required": "72", "counted": "7.5"},
        "is_late": False,
        "late_explanation": "",
        "activities": [
            {
                "title": "伦理培训",
                "organiser": "民政局",
                "activity_type": "training",
                "content_area": "values_ethics",
                "start_date": "2024-05-01",
                "end_date": "2024-05-01",
                "hours": "7.5",
                "evidence": [evidence_name()],
            }
        ],
        "materials": [{"role": "photo", "member": "photo.jpg", "original_name": "照片.jpg"}],
        "declaration": {
            "accepted": True,
            "accepted_at": "2025-03-02T09:59:00+08:00",
            "text": "本人承诺所填信息真实。",
        },
        "resubmission_of": None,
    }


def record_member() -> str:
    return f"records/{RECORD_ID}.swdce"


def recorded_application() -> dict[str, Any]:
    """`application()` at version 3, with the course of `attendance_record()` as a second
    activity backed by that record (the organiser is the provider)."""
    app = application()
    app["format_version"] = 3
    record = attendance_record()
    app["activities"].append(
        {
            "title": record.title,
            "organiser": record.provider_name,
            "activity_type": record.activity_type.value,
            "content_area": record.content_area.value,
            "start_date": record.start_date.isoformat(),
            "end_date": record.end_date.isoformat(),
            "hours": "12.5",
            "evidence": [],
            "record": record_member(),
        }
    )
    app["hours"]["counted"] = "20"
    return app


@dataclass(frozen=True)
class Built:
    """The files `build` wrote, by name in `FILES`."""

    folder: Path

    def __getitem__(self, name: str) -> Path:
        return self.folder / name


def fresh_database(folder: Path) -> Path:
    """A new, empty swdesk database at today's schema head (SQLite's online copy)."""
    from swdesk.paths import DataLayout
    from swdesk.services.workspace import open_workspace
    from swdesk.storage.backup_file import snapshot_database

    root = folder / "data"
    workspace = open_workspace(root, lambda: date(2025, 3, 11))
    workspace.close()
    target = folder / "snapshot.sqlite"
    snapshot_database(DataLayout(root).database, target)
    return target


def build(out: Path, database: Path) -> Built:
    """Write every file of `FILES` into the existing folder `out` from the fixed inputs;
    `database` is the SQLite file the backup holds."""
    bundle = write_bundle(
        out / "application.swdapp",
        [
            BundleMember(
                "application.json",
                "application",
                "application/json",
                data=canonical_json(application()),
            ),
            BundleMember("form.pdf", "form", "application/pdf", data=FORM),
            BundleMember("photo.jpg", "photo", "image/jpeg", data=PHOTO),
            BundleMember(evidence_name(), "evidence", "application/pdf", data=EVIDENCE),
        ],
        created_at=CREATED_AT,
        generator=GENERATOR,
    )
    city, province = city_key(), province_key()
    (out / "city.swdkey").write_bytes(export_public_key(city.identity))
    (out / "province.swdtrust").write_bytes(
        build_trust_file(province, [city.identity], issued_at=ISSUED_AT, sequence=1)
    )
    app = application()
    decision = sign_decision(
        city,
        Decision(
            application_uid=app["application"]["uid"],
            application_version=app["application"]["version"],
            bundle_id=bundle.bundle_id,
            content_digest=bundle.content_digest,
            applicant_name=app["applicant"]["name"],
            stage="first",
            outcome="approved",
            reasons=(),
            late_accepted_reason="",
            registration_from=None,
            registration_to=None,
            decided_at=DECIDED_AT,
            sequence=1,
            previous_hash="",
            office=city.identity,
        ),
    )
    (out / "decision.swddec").write_bytes(decision)
    write_forward(out / "forward.swdfwd", bundle.path, decision)
    provider = provider_key()
    (out / "provider.swdkey").write_bytes(export_provider_key(provider.identity))
    record = sign_ce_record(provider, attendance_record())
    (out / "attendance.swdce").write_bytes(record)
    write_bundle(
        out / "application-recorded.swdapp",
        [
            BundleMember(
                "application.json",
                "application",
                "application/json",
                data=canonical_json(recorded_application()),
            ),
            BundleMember("form.pdf", "form", "application/pdf", data=FORM),
            BundleMember("photo.jpg", "photo", "image/jpeg", data=PHOTO),
            BundleMember(evidence_name(), "evidence", "application/pdf", data=EVIDENCE),
            BundleMember(record_member(), "ce_record", CE_RECORD_MEDIA_TYPE, data=record),
        ],
        created_at=CREATED_AT,
        generator=GENERATOR,
    )
    sources = out / ".backup-sources"
    sources.mkdir()
    (sources / "evidence").write_bytes(EVIDENCE)
    (sources / "photo").write_bytes(PHOTO)
    evidence_member = evidence_name()
    photo_member = f"photos/{hashlib.sha256(PHOTO).hexdigest()}.jpg"
    with tempfile.TemporaryDirectory() as scratch:
        write_backup_archive(
            out / "backup.swdbak",
            database,
            [
                SourceFile(evidence_member, sources / "evidence"),
                SourceFile(photo_member, sources / "photo"),
            ],
            swdesk_version=BACKUP_VERSION,
            scratch=Path(scratch),
            created_at=BACKED_UP_AT,
        )
    for path in sources.iterdir():
        path.unlink()
    sources.rmdir()
    return Built(out)


def sums(folder: Path) -> str:
    """`SHA256SUMS` of the files in `FILES` (sha256sum's format)."""
    return "".join(
        f"{hashlib.sha256((folder / name).read_bytes()).hexdigest()}  {name}\n"
        for name in sorted(FILES)
    )


def main() -> int:
    if VERSION_DIR.exists() and any(VERSION_DIR.iterdir()):
        print(
            f"{VERSION_DIR} exists: golden files are never rewritten (see the module docs)",
            file=sys.stderr,
        )
        return 1
    VERSION_DIR.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        build(VERSION_DIR, fresh_database(Path(work)))
    (VERSION_DIR / SUMS).write_text(sums(VERSION_DIR), encoding="utf-8")
    print(f"wrote {len(FILES)} files and {SUMS} to {VERSION_DIR}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
