"""Importing training providers' signed attendance records into the CE log: on the command
line (`swdesk activity import`) and through the service, with every kind of bad record
refused with its reason and nothing of it stored, the imported activity locked to its
record, the record sealed while the profile is protected, and a provider dropped from the
trust list no longer vouching for its records."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from decision_samples import trust_file

from attendance_samples import (
    CST,
    TODAY,
    course_record,
    provider,
    provider_folder,
    signed,
    stranger,
)
from cli_runner import run_cli
from folder_samples import FolderTemplates
from swdesk.domain.errors import UserFixableError, ValidationFailed
from swdesk.services.workspace import open_workspace

OTHER_PERSON = "62080219900101001X"


def _template(root: Path) -> None:
    from folder_samples import demo_folder

    demo_folder(root, TODAY)
    provider_folder(root, trust_file(providers=[provider().identity]))


@pytest.fixture
def data(folder_templates: FolderTemplates, tmp_path: Path) -> Path:
    """The demo folder whose trust list names `provider()`."""
    return folder_templates.copy("attendance-demo", _template, tmp_path / "data")


def _zhang(data: Path) -> tuple[int, str]:
    ws = open_workspace(data, clock=lambda: TODAY)
    try:
        pid = min(p.id for p in ws.profiles.list_profiles())
        return pid, ws.profiles.get_record(pid).practitioner.id_number
    finally:
        ws.close()


def _rows(data: Path, table: str) -> int:
    with sqlite3.connect(data / "swdesk.sqlite") as connection:
        return int(connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def test_a_folder_of_records_imports_the_good_and_refuses_each_bad_one_with_its_reason(
    data: Path, tmp_path: Path
) -> None:
    pid, id_number = _zhang(data)
    folder = tmp_path / "records"
    folder.mkdir()
    good = signed(course_record(id_number))
    (folder / "1-good.swdce").write_bytes(good)
    (folder / "2-same-again.swdce").write_bytes(good)
    (folder / "3-other-person.swdce").write_bytes(signed(course_record(OTHER_PERSON)))
    (folder / "4-unlisted.swdce").write_bytes(
        signed(course_record(id_number, key=stranger()), stranger())
    )
    forged = bytearray(signed(course_record(id_number, title="伪造的培训")))
    forged[-10] = ord("A") if forged[-10] != ord("A") else ord("B")  # in the signature
    (folder / "5-forged.swdce").write_bytes(bytes(forged))
    edited = signed(course_record(id_number)).replace(b'"hours":"12.5"', b'"hours":"62.5"')
    (folder / "6-edited.swdce").write_bytes(edited)
    (folder / "7-not-a-record.swdce").write_bytes(b"%PDF-1.7 not a record")
    (folder / "notes.txt").write_text("not looked at", encoding="utf-8")
    activities_before = _rows(data, "activities")

    result = run_cli(
        "activity", "import", "--data-dir", str(data), "--profile", str(pid), str(folder)
    )

    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"imported 1-good.swdce activity {_last_activity(data)} "
        "hours 12.5 provider 甘肃省社会工作协会 title 社会工作伦理与督导培训"
    ]
    refusals = {
        line.split("file=")[1].split()[0]: line.split(":")[1].strip()
        for line in result.stderr.splitlines()
    }
    assert refusals == {
        "2-same-again.swdce": "ce_record_duplicate",
        "3-other-person.swdce": "ce_record_other_person",
        "4-unlisted.swdce": "ce_record_provider_unknown",
        "5-forged.swdce": "bad_signature",
        "6-edited.swdce": "bad_signature",
        "7-not-a-record.swdce": "ce_record_invalid",
    }
    assert _rows(data, "activities") == activities_before + 1
    assert _rows(data, "attendance_records") == 1
    assert "1234" not in result.stderr and id_number not in result.stdout + result.stderr


def _last_activity(data: Path) -> int:
    with sqlite3.connect(data / "swdesk.sqlite") as connection:
        return int(connection.execute("SELECT max(id) FROM activities").fetchone()[0])


def test_an_imported_record_is_a_verified_activity_with_its_certificate_and_locked_fields(
    data: Path, tmp_path: Path
) -> None:
    pid, id_number = _zhang(data)
    record = course_record(id_number, hours=Decimal("6"), title="儿童保护实务")
    path = tmp_path / "record.swdce"
    path.write_bytes(signed(record))
    ws = open_workspace(data, clock=lambda: TODAY)
    try:
        (imported,) = ws.records.import_files(pid, [path])
        activity = imported.activity
        assert activity is not None and activity.verified
        assert activity.attestation is not None
        assert activity.attestation.record_id == record.record_id
        assert activity.organiser == "甘肃省社会工作协会" and activity.hours == Decimal("6")
        (certificate,) = activity.evidence
        assert certificate.original_name == "record.pdf"
        pdf = ws.activities.evidence_path(certificate).read_bytes()
        assert pdf.startswith(b"%PDF-")
        listed = next(a for a in ws.activities.list_activities(pid) if a.id == activity.id)
        assert listed == activity

        with pytest.raises(ValidationFailed) as refused:
            ws.activities.save_activity(pid, replace(activity, hours=Decimal("60")))
        assert [(i.field, i.code) for i in refused.value.issues] == [("hours", "locked_by_record")]
        ws.activities.save_activity(pid, replace(activity, reflection_learnt="学到了转介流程"))
        kept = next(a for a in ws.activities.list_activities(pid) if a.id == activity.id)
        assert (
            kept.reflection_learnt == "学到了转介流程" and kept.attestation == activity.attestation
        )

        ws.activities.delete_activity(activity.id)  # the record goes with its activity
        assert _rows(data, "attendance_records") == 0
        (again,) = ws.records.import_files(pid, [path])
        assert again.imported
    finally:
        ws.close()


def test_a_protected_profile_keeps_its_records_sealed(data: Path, tmp_path: Path) -> None:
    pid, id_number = _zhang(data)
    raw = signed(course_record(id_number))
    path = tmp_path / "record.swdce"
    path.write_bytes(raw)
    pin_file = tmp_path / "pin.txt"
    pin_file.write_text("2468\n", encoding="utf-8")
    ws = open_workspace(data, clock=lambda: TODAY)
    try:
        ws.profiles.set_pin(pid, "2468")
    finally:
        ws.close()

    locked = run_cli(
        "activity", "import", "--data-dir", str(data), "--profile", str(pid), str(path)
    )
    assert locked.returncode == 1 and locked.stderr.startswith("error: wrong_pin:")
    assert _rows(data, "attendance_records") == 0
    result = run_cli(
        "activity", "import", "--data-dir", str(data), "--profile", str(pid),
        "--pin-file", str(pin_file), str(path),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr

    def stored() -> bytes:
        with sqlite3.connect(data / "swdesk.sqlite") as connection:
            return bytes(connection.execute("SELECT raw FROM attendance_records").fetchone()[0])

    assert stored() != raw and b"id_digest" not in stored()
    ws = open_workspace(data, clock=lambda: TODAY)
    try:
        assert ws.profiles.unlock(pid, "2468")
        ws.profiles.set_pin(pid, None)
    finally:
        ws.close()
    assert stored() == raw


def test_a_provider_dropped_from_the_trust_list_no_longer_vouches(
    data: Path, tmp_path: Path
) -> None:
    pid, id_number = _zhang(data)
    path = tmp_path / "record.swdce"
    path.write_bytes(signed(course_record(id_number)))
    newer = tmp_path / "newer.swdtrust"
    newer.write_bytes(trust_file(sequence=2))
    ws = open_workspace(data, clock=lambda: TODAY)
    try:
        (imported,) = ws.records.import_files(pid, [path])
        assert imported.activity is not None and imported.activity.verified
        ws.decisions.import_trust_file(newer)
        (activity,) = [a for a in ws.activities.list_activities(pid) if a.attestation]
        assert activity.attestation is not None and not activity.attestation.provider_trusted
        assert not activity.verified
        with pytest.raises(UserFixableError) as refused:
            other = tmp_path / "other.swdce"
            other.write_bytes(signed(course_record(id_number)))
            ws.records.import_file(pid, other)
        assert refused.value.code == "ce_record_provider_unknown"
    finally:
        ws.close()


def test_a_course_the_rule_pack_refuses_is_not_imported(data: Path, tmp_path: Path) -> None:
    pid, id_number = _zhang(data)
    path = tmp_path / "future.swdce"  # issued by a provider whose clock runs ahead
    ahead = course_record(id_number, start_date=date(2026, 12, 1), end_date=date(2026, 12, 2))
    path.write_bytes(signed(replace(ahead, issued_at=datetime(2026, 12, 2, 18, 0, tzinfo=CST))))
    ws = open_workspace(data, clock=lambda: TODAY)
    try:
        before = len(ws.activities.list_activities(pid))
        (result,) = ws.records.import_files(pid, [path])
        assert isinstance(result.error, ValidationFailed) and not result.imported
        assert [(i.field, i.code) for i in result.error.issues] == [("end_date", "in_future")]
        assert len(ws.activities.list_activities(pid)) == before
    finally:
        ws.close()


def test_the_exported_bundle_carries_the_signed_record_behind_its_activity(
    data: Path, tmp_path: Path
) -> None:
    from swdesk.bundle import verify_bundle

    pid, id_number = _zhang(data)
    raw = signed(course_record(id_number))
    path = tmp_path / "record.swdce"
    path.write_bytes(raw)
    ws = open_workspace(data, clock=lambda: TODAY)
    try:
        (imported,) = ws.records.import_files(pid, [path])
        assert imported.activity is not None and imported.activity.attestation is not None
        record_id = imported.activity.attestation.record_id
        draft = replace(ws.applications.current_draft(pid), declaration_accepted=True)
        ws.applications.export(draft, tmp_path / "zhang.swdapp")
    finally:
        ws.close()

    verified = verify_bundle(tmp_path / "zhang.swdapp")
    application = verified.application
    assert application["format_version"] == 3
    (backed,) = [a for a in application["activities"] if "record" in a]
    assert backed["record"] == f"records/{record_id}.swdce"
    assert backed["title"] == "社会工作伦理与督导培训" and backed["hours"] == "12.5"
    assert verified.read_member(backed["record"]) == raw


EXTREMES = {
    "longest title, rare characters": {"title": "𠮷" * 199 + "训"},
    "one-character title": {"title": "训"},
    "half an hour": {"hours": Decimal("0.5")},
    "a long course": {"hours": Decimal("40"), "start_date": date(2026, 9, 1)},
    "oldest plausible dates": {"start_date": date(1990, 1, 1), "end_date": date(1990, 1, 2)},
    "ends today": {"end_date": TODAY, "issued_at": datetime(2026, 11, 28, 18, 0, tzinfo=CST)},
    "a name with a middle dot": {"name": "阿依古丽·买买提"},
}


@pytest.mark.parametrize("case", EXTREMES)
def test_records_at_the_limits_import_with_every_field_kept(
    data: Path, tmp_path: Path, case: str
) -> None:
    pid, id_number = _zhang(data)
    record = course_record(id_number, **EXTREMES[case])
    path = tmp_path / "limit.swdce"
    path.write_bytes(signed(record))
    ws = open_workspace(data, clock=lambda: TODAY)
    try:
        activity = ws.records.import_file(pid, path)
    finally:
        ws.close()
    got = (activity.title, activity.organiser, activity.activity_type, activity.content_area)
    assert got == (record.title, record.provider_name, record.activity_type, record.content_area)
    assert (activity.start_date, activity.end_date, activity.hours) == (
        record.start_date,
        record.end_date,
        record.hours,
    )
    assert activity.verified


def test_a_record_with_any_byte_changed_is_refused_and_nothing_is_stored(
    data: Path, tmp_path: Path
) -> None:
    import random

    pid, id_number = _zhang(data)
    original = signed(course_record(id_number))
    picks = random.Random(20261206).sample(range(len(original)), 40)  # fixed: reproducible
    ws = open_workspace(data, clock=lambda: TODAY)
    try:
        before = len(ws.activities.list_activities(pid))
        codes = set()
        for n, index in enumerate(picks):
            changed = bytearray(original)
            changed[index] = (changed[index] + 1 + n % 200) % 256
            path = tmp_path / f"changed-{index}.swdce"
            path.write_bytes(bytes(changed))
            with pytest.raises(UserFixableError) as refused:
                ws.records.import_file(pid, path)
            codes.add(refused.value.code)
        assert len(ws.activities.list_activities(pid)) == before
    finally:
        ws.close()
    assert _rows(data, "attendance_records") == 0
    assert codes <= {
        "ce_record_invalid",
        "bad_signature",
        "format_unsupported",
        "ce_record_provider_unknown",
        "ce_record_wrong_provider",
        "ce_record_other_person",
    }
