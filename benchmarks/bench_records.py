"""Attendance records at the reviewer's import: one bundle whose activities are each backed
by a training provider's signed record (`records/<record_id>.swdce`).

The bundle is one real exported application (`bench_review.one_real_bundle`: its form, photo
and evidence) whose application.json (version 3) holds `records` activities, each the course
of one record the provider signed for the applicant. Timed, per bundle:

- the "provider_records" check as the import runs it on the verified bundle, the records
  kept in memory by `verify_bundle` (`record_checks.check_provider_records`: each record
  opened, its provider found in the trust list, its signature verified, its attendee and
  course compared with the applicant and the activity);
- the whole import of that bundle into a fresh reviewer folder (copy, verify, every
  automatic check, store with the records' verdicts, audit).

The baseline is `sha256sum` of the same bytes: the record files alone for the check, the
bundle file for the import.
"""

from __future__ import annotations

import json
import shutil
import time
import uuid
import zipfile
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

from bench_review import OFFICE, one_real_bundle
from common import Figure, median, sha256sum_ms

CHINA = timezone(timedelta(hours=8))
PROVIDER_SEED = bytes(range(201, 233))
CREDIT_STEM = "51620000MJX000001"


def _provider() -> Any:
    from swdesk.domain.credit_code import credit_code_check_char
    from swdesk.signing.provider import provider_key_from_seed

    code = CREDIT_STEM + credit_code_check_char(CREDIT_STEM)
    return provider_key_from_seed(PROVIDER_SEED, "甘肃省社会工作协会", code)


def _trust_file(path: Path, providers: list[Any]) -> Path:
    """A province's trust list naming `providers` (its offices: the province itself)."""
    from swdesk.signing import ReviewLevel, build_trust_file, generate_office_key

    province = generate_office_key("甘肃省民政厅", "620000", ReviewLevel.PROVINCE)
    path.write_bytes(
        build_trust_file(
            province,
            [province.identity],
            issued_at=datetime(2026, 11, 1, 9, 0, tzinfo=CHINA),
            sequence=1,
            providers=providers,
        )
    )
    return path


def recorded_bundle(source: Path, dest: Path, records: int) -> tuple[Path, list[bytes]]:
    """`source` with `records` activities, each backed by a signed record; returns the
    bundle and the record files."""
    from swdesk.bundle import CE_RECORD_MEDIA_TYPE, BundleMember, record_member_name, write_bundle
    from swdesk.domain.enums import ActivityType, ContentArea
    from swdesk.signing import CeRecord, attendee_id_digest, sign_ce_record

    with zipfile.ZipFile(source) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        data = {m["name"]: archive.read(m["name"]) for m in manifest["members"]}
    application = json.loads(data["application.json"])
    id_number = application["applicant"]["id_number"]
    template = application["activities"][0]
    start = date.fromisoformat(template["start_date"])
    key = _provider()
    activities, files, members = [], [], []
    for index in range(records):
        record_id = str(uuid.UUID(int=index + 1, version=4))
        record = CeRecord(
            record_id=record_id,
            issued_at=datetime.combine(start, datetime.min.time(), CHINA) + timedelta(hours=18),
            provider_name=key.identity.name,
            provider_credit_code=key.identity.credit_code,
            provider_fingerprint=key.identity.fingerprint,
            title=f"社会工作专题培训第{index + 1}讲",
            activity_type=ActivityType.TRAINING,
            content_area=ContentArea.THEORY_PRACTICE,
            start_date=start,
            end_date=start,
            hours=Decimal("0.5"),
            attendee_name=application["applicant"]["name"],
            attendee_id_digest=attendee_id_digest(record_id, id_number),
        )
        signed = sign_ce_record(key, record)
        name = record_member_name(record_id)
        files.append(signed)
        members.append(BundleMember(name, "ce_record", CE_RECORD_MEDIA_TYPE, data=signed))
        activities.append(
            {
                "title": record.title,
                "organiser": record.provider_name,
                "activity_type": "training",
                "content_area": "theory_practice",
                "start_date": start.isoformat(),
                "end_date": start.isoformat(),
                "hours": "0.5",
                "evidence": [],
                "record": name,
            }
        )
    application["format_version"] = 3
    application["activities"] = activities
    application["hours"]["counted"] = str(Decimal("0.5") * records).removesuffix(".0")
    text = json.dumps(application, ensure_ascii=False).encode()
    kept = [
        BundleMember(m["name"], m["role"], m["media_type"], data=data[m["name"]])
        for m in manifest["members"]
        if m["role"] in ("form", "photo", "material", "signed_form")
    ]
    members += [BundleMember("application.json", "application", "application/json", data=text)]
    info = write_bundle(
        dest,
        [*members, *kept],
        created_at=datetime.now().replace(microsecond=0),
        generator="swdesk benchmark",
    )
    return info.path, files


def verify_records(tmp: Path, runs: int, records: int) -> list[Figure]:
    """Per bundle of `records` records: the provider_records check at import, and the whole
    import; sha256sum of the record files and of the bundle, same run."""
    from swdesk.bundle import verify_bundle
    from swdesk.services.review import init_review_workspace
    from swdesk.services.review.record_checks import check_provider_records

    bundle, files = recorded_bundle(one_real_bundle(tmp), tmp / "recorded.swdapp", records)
    inbox = tmp / "inbox"
    inbox.mkdir()
    shutil.copy(bundle, inbox / bundle.name)
    record_dir = tmp / "records"
    record_dir.mkdir()
    record_paths = []
    for index, data in enumerate(files):
        path = record_dir / f"r{index:04d}.swdce"
        path.write_bytes(data)
        record_paths.append(path)
    providers = [_provider().identity]
    trust = _trust_file(tmp / "province.swdtrust", providers)
    verified = verify_bundle(bundle, keep=lambda entry: entry.role == "ce_record")
    counted = range(records)
    checks, imports, record_bases, bundle_bases = [], [], [], []
    for run in range(runs):
        base = sha256sum_ms(record_paths)
        if base is not None:
            record_bases.append(base)
        base = sha256sum_ms([bundle])
        if base is not None:
            bundle_bases.append(base)
        start = time.perf_counter()
        result, verdicts = check_provider_records(
            verified.application, verified.read_member, providers, counted
        )
        checks.append((time.perf_counter() - start) * 1000)
        assert result.passed and all(v.status == "verified" for v in verdicts), result
        workspace = init_review_workspace(tmp / f"city-{run}" / "review", **OFFICE)
        try:
            workspace.service.import_trust(trust)  # untimed: the office trusts the provider
            start = time.perf_counter()
            report = workspace.service.import_files([inbox])
            imports.append((time.perf_counter() - start) * 1000)
            (entry,) = report.entries
            assert entry.application_id is not None, entry
            stored = workspace.service.detail(entry.application_id, opened=False)
            assert [v.status for v in stored.records] == ["verified"] * records
        finally:
            workspace.close()
        assert report.counts()["imported"] == 1, report.counts()
        shutil.rmtree(tmp / f"city-{run}")
    size = bundle.stat().st_size / 1e3
    record_kb = sum(len(f) for f in files) / 1e3
    missing = "sha256sum not found: baseline skipped"
    return [
        Figure(
            f"records: checking {records:,} attendance records of one bundle at import",
            "ms",
            median(checks),
            runs,
            median(record_bases) if record_bases else None,
            f"sha256sum of the {records:,} record files ({record_kb:.0f} kB)"
            if record_bases
            else None,
            [],
            "each record opened, its provider found in the trust list, its Ed25519 signature "
            "verified, its attendee and course compared with the application"
            if record_bases
            else missing,
        ),
        Figure(
            f"records: import of a bundle with {records:,} records ({size:.0f} kB)",
            "ms",
            median(imports),
            runs,
            median(bundle_bases) if bundle_bases else None,
            "sha256sum of the bundle file" if bundle_bases else None,
            [],
            "copy, verify, every automatic check (each record verified against the office's "
            "trust list), store with the records' verdicts, audit"
            if bundle_bases
            else missing,
        ),
    ]
