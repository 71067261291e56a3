"""A profile with a PIN keeps its ID number, birth date, photo and files sealed at rest.

Every file under the data folder (database, WAL, automatic backups, evidence, photos) is
searched for the raw ID number, the birth date and the photo's and evidence's bytes.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from review_samples import APPLIED_AT, TODAY

from swdesk.bundle import verify_bundle
from swdesk.domain.dates import add_months, period_end
from swdesk.domain.enums import (
    ActivityType,
    CertificateLevel,
    ContentArea,
    Gender,
    RegistrationKind,
)
from swdesk.domain.errors import UserFixableError
from swdesk.domain.identity import id_check_char
from swdesk.domain.models import Activity, Certificate, Practitioner, RegistrationPeriod
from swdesk.services.backup import list_automatic_backups, take_automatic_backup
from swdesk.services.demo_images import certificate_pdf, portrait_png
from swdesk.services.pin import hash_pin
from swdesk.services.profiles import ProfileDraft
from swdesk.services.workspace import Workspace, open_workspace
from swdesk.storage import sealing
from swdesk.storage.sealing import ProfileLocked, SealBroken

PIN = "27182818"
BIRTH = date(1987, 9, 23)
FIRST17 = f"620802{BIRTH:%Y%m%d}613"
ID_NUMBER = FIRST17 + id_check_char(FIRST17)


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """scrypt at 2^12 instead of 2^16: the same code, a test suite that stays quick."""


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    workspace = open_workspace(tmp_path / "data", clock=lambda: TODAY)
    try:
        yield workspace
    finally:
        workspace.close()


def draft(
    photo: Path, name: str = "欧阳晓峰", id_number: str = ID_NUMBER, birth: date = BIRTH
) -> ProfileDraft:
    valid_from = add_months(TODAY, -34)
    practitioner = Practitioner(
        name=name,
        gender=Gender.MALE,
        birth_date=birth,
        id_number=id_number,
        phone="13909335555",
        employer="平凉市社会工作服务中心",
        post="社会工作者",
        years_in_social_work=6,
        county="620802",
        rulepack_id="gansu",
    )
    return ProfileDraft(
        practitioner,
        Certificate(CertificateLevel.ASSISTANT, "S20200001", valid_from - timedelta(60)),
        RegistrationPeriod(
            RegistrationKind.FIRST,
            valid_from,
            period_end(valid_from, 3),
            number="甘社登字620802-2020-0001",
        ),
        photo,
    )


def log_trainings(ws: Workspace, folder: Path, pid: int, count: int = 8) -> list[bytes]:
    """`count` trainings of 12 hours with a certificate each; returns the certificates."""
    proofs = []
    start = add_months(TODAY, -33)
    for number in range(count):
        day = start + timedelta(days=30 * number)
        proof = folder / f"proof-{pid}-{number}.pdf"
        proof.write_bytes(certificate_pdf([f"Training {pid} {number}", day.isoformat()]))
        proofs.append(proof.read_bytes())
        ws.activities.save_activity(
            pid,
            Activity(
                f"社会工作实务培训第{number + 1}期",
                "平凉市民政局",
                ActivityType.TRAINING,
                ContentArea.THEORY_PRACTICE,
                day,
                day + timedelta(days=1),
                Decimal(12),
            ),
            [proof],
        )
    return proofs


def every_file(root: Path) -> Iterator[Path]:
    return (path for path in sorted(root.rglob("*")) if path.is_file())


def found_in(root: Path, needle: bytes) -> list[str]:
    return [path.name for path in every_file(root) if needle in path.read_bytes()]


def secrets_of(photo: bytes, proofs: list[bytes]) -> dict[str, bytes]:
    """What must not be found in clear: the ID number, the birth date, and a distinctive
    slice of the photo and of each evidence file."""
    needles = {
        "id number": ID_NUMBER.encode(),
        "birth date": BIRTH.isoformat().encode(),
        "birth date in the ID form": f"{BIRTH:%Y%m%d}".encode(),
        "photo": photo[len(photo) // 2 : len(photo) // 2 + 64],
    }
    for index, proof in enumerate(proofs):
        needles[f"evidence {index}"] = proof[len(proof) // 2 : len(proof) // 2 + 64]
    return needles


def test_a_pin_seals_everything_and_only_the_pin_opens_it(tmp_path: Path) -> None:
    root = tmp_path / "data"
    photo_file = tmp_path / "证件照.png"
    photo_file.write_bytes(portrait_png(3))
    ws = open_workspace(root, clock=lambda: TODAY)
    try:
        # created without a PIN, used, backed up: all of it is in clear for now
        pid = ws.profiles.create_profile(draft(photo_file))
        # the photo is stored re-encoded: its stored bytes are what must not stay in clear
        stored_photo = ws.profiles.photo_path(ws.profiles.get_record(pid).practitioner)
        assert stored_photo is not None
        photo = stored_photo.read_bytes()
        proofs = log_trainings(ws, tmp_path, pid)
        saved = ws.applications.save_draft(ws.applications.current_draft(pid))
        ws.applications.render_form(saved)
        take_automatic_backup(ws.layout)
        needles = secrets_of(photo, proofs)
        assert found_in(root, needles["id number"])  # the search does find clear text

        ws.profiles.set_pin(pid, PIN)
        record = ws.profiles.get_record(pid)  # unlocked for this session
        assert record.practitioner.id_number == ID_NUMBER
    finally:
        ws.close()

    for what, needle in needles.items():
        assert found_in(root, needle) == [], f"the {what} is in clear in the data folder"
    assert len(list_automatic_backups(ws.layout)) == 1  # the old ones held it in clear

    ws = open_workspace(root, clock=lambda: TODAY)
    try:
        [summary] = ws.profiles.list_profiles()
        assert summary.sealed and summary.has_pin and ID_NUMBER[-4:] not in summary.masked_id_number
        with pytest.raises(ProfileLocked):
            ws.profiles.get_record(pid)
        activities = ws.activities.list_activities(pid)  # not sensitive: readable
        evidence = activities[0].evidence[0]
        with pytest.raises(ProfileLocked):
            ws.activities.evidence_path(evidence)
        assert not ws.profiles.unlock(pid, "00000000")
        with pytest.raises(ProfileLocked):
            ws.profiles.get_record(pid)

        assert ws.profiles.unlock(pid, PIN)
        record = ws.profiles.get_record(pid)
        assert (record.practitioner.id_number, record.practitioner.birth_date) == (ID_NUMBER, BIRTH)
        photo_path = ws.profiles.photo_path(record.practitioner)
        assert photo_path is not None and photo_path.read_bytes() == photo
        assert not photo_path.is_relative_to(root)  # a private temporary copy for viewers
        opened = {
            ws.activities.evidence_path(e).read_bytes() for a in activities for e in a.evidence
        }
        assert opened == set(proofs)

        # the application still exports whole, in clear for the reviewer
        current = replace(
            ws.applications.current_draft(pid),
            declaration_accepted=True,
            declaration_accepted_at=APPLIED_AT,
        )
        (tmp_path / "usb").mkdir()
        bundle = ws.applications.export(current, tmp_path / "usb" / "a.swdapp").path
        checked = verify_bundle(bundle)
        assert checked.application["applicant"]["id_number"] == ID_NUMBER

        ws.profiles.lock_all()
        assert not photo_path.exists()  # decrypted copies go when the profile is locked
        with pytest.raises(ProfileLocked):
            ws.profiles.get_record(pid)
    finally:
        ws.close()
    for what, needle in needles.items():
        assert found_in(root, needle) == [], f"the {what} is in clear after using it"


def test_changing_and_removing_the_pin(ws: Workspace, tmp_path: Path) -> None:
    photo_file = tmp_path / "照片.png"
    photo_file.write_bytes(portrait_png(5))
    pid = ws.profiles.create_profile(draft(photo_file), pin=PIN)
    proofs = log_trainings(ws, tmp_path, pid, count=2)
    assert all(name.endswith(".enc") for name in (p.name for p in ws.layout.evidence_dir.iterdir()))

    ws.profiles.set_pin(pid, "1357913579")
    ws.profiles.lock_all()
    assert not ws.profiles.unlock(pid, PIN)
    assert ws.profiles.unlock(pid, "1357913579")

    ws.profiles.set_pin(pid, None)  # no PIN: everything back in clear, nothing lost
    ws.profiles.lock_all()
    summary = ws.profiles.list_profiles()[0]
    assert not summary.has_pin and not summary.sealed
    assert ws.profiles.get_record(pid).practitioner.id_number == ID_NUMBER
    with closing(sqlite3.connect(ws.layout.database)) as connection:
        assert connection.execute(
            "SELECT id_number, sealed, wrapped_key FROM practitioners"
        ).fetchone() == (ID_NUMBER, None, None)
    stored = sorted(p.name for p in ws.layout.evidence_dir.iterdir())
    assert stored and not any(name.endswith(".enc") for name in stored)
    contents = {p.read_bytes() for p in ws.layout.evidence_dir.iterdir()}
    assert set(proofs) <= contents


def test_an_old_style_pin_is_sealed_when_it_is_next_entered(ws: Workspace, tmp_path: Path) -> None:
    photo_file = tmp_path / "照片.png"
    photo_file.write_bytes(portrait_png(6))
    pid = ws.profiles.create_profile(draft(photo_file))
    with closing(sqlite3.connect(ws.layout.database)) as connection, connection:
        connection.execute("UPDATE practitioners SET pin_hash = ?", (hash_pin("2468"),))
    assert ws.profiles.list_profiles()[0].has_pin and not ws.profiles.list_profiles()[0].sealed
    assert not ws.profiles.unlock(pid, "1111")
    assert not ws.profiles.list_profiles()[0].sealed  # a wrong PIN changes nothing

    assert ws.profiles.unlock(pid, "2468")
    assert ws.profiles.list_profiles()[0].sealed
    assert found_in(ws.layout.root, ID_NUMBER.encode()) == []
    assert ws.profiles.get_record(pid).practitioner.id_number == ID_NUMBER


def test_a_shared_evidence_file_stays_readable_for_the_profile_without_pin(
    ws: Workspace, tmp_path: Path
) -> None:
    photo_file = tmp_path / "照片.png"
    photo_file.write_bytes(portrait_png(8))
    first17 = "62080219900101211"
    open_one = ws.profiles.create_profile(
        draft(photo_file, "王芳", first17 + id_check_char(first17), date(1990, 1, 1))
    )
    sealed_one = ws.profiles.create_profile(draft(photo_file))
    proof = tmp_path / "同一份证书.pdf"
    proof.write_bytes(certificate_pdf(["Shared training", "2025-01-01"]))
    for pid in (open_one, sealed_one):  # the same file, stored once
        ws.activities.save_activity(
            pid,
            Activity(
                "联合培训",
                "平凉市民政局",
                ActivityType.TRAINING,
                ContentArea.THEORY_PRACTICE,
                date(2025, 1, 1),
                date(2025, 1, 1),
                Decimal(6),
            ),
            [proof],
        )
    ws.profiles.set_pin(sealed_one, PIN)
    ws.profiles.lock_all()
    evidence = ws.activities.list_activities(open_one)[0].evidence[0]
    assert ws.activities.evidence_path(evidence).read_bytes() == proof.read_bytes()
    assert ws.profiles.photo_path(ws.profiles.get_record(open_one).practitioner) is not None


def test_a_changed_sealed_file_is_refused_not_misread(ws: Workspace, tmp_path: Path) -> None:
    photo_file = tmp_path / "照片.png"
    photo_file.write_bytes(portrait_png(9))
    pid = ws.profiles.create_profile(draft(photo_file), pin=PIN)
    [stored] = list(ws.layout.photos_dir.iterdir())
    data = bytearray(stored.read_bytes())
    data[-20] ^= 0x01
    stored.write_bytes(bytes(data))
    with pytest.raises(SealBroken) as broken:
        ws.profiles.photo_path(ws.profiles.get_record(pid).practitioner)
    assert isinstance(broken.value, UserFixableError)
    assert broken.value.code == "sealed_data_damaged"


def test_files_of_an_interrupted_sealing_are_swept_at_the_next_start(tmp_path: Path) -> None:
    root = tmp_path / "data"
    photo_file = tmp_path / "照片.png"
    photo_file.write_bytes(portrait_png(4))
    ws = open_workspace(root, clock=lambda: TODAY)
    try:
        pid = ws.profiles.create_profile(draft(photo_file))
        log_trainings(ws, tmp_path, pid, count=1)
        before = sorted(p.name for p in ws.layout.evidence_dir.iterdir())
        key = sealing.ProfileKey.generate(pid)
        for name in before:  # sealed copies written, then "the power went off"
            ws.activities._evidence.seal_existing(name, key)  # noqa: SLF001
        assert len(list(ws.layout.evidence_dir.iterdir())) == 2 * len(before)
    finally:
        ws.close()
    ws = open_workspace(root, clock=lambda: TODAY)
    try:
        assert sorted(p.name for p in ws.layout.evidence_dir.iterdir()) == before
    finally:
        ws.close()


def test_a_backup_of_a_protected_profile_stays_sealed_and_restores_with_its_pin(
    tmp_path: Path,
) -> None:
    from swdesk.paths import DataLayout
    from swdesk.services.backup import create_backup_file, restore_backup_file

    photo_file = tmp_path / "照片.png"
    photo_file.write_bytes(portrait_png(11))
    ws = open_workspace(tmp_path / "data", clock=lambda: TODAY)
    try:
        pid = ws.profiles.create_profile(draft(photo_file), pin=PIN)
        stored_photo = ws.profiles.photo_path(ws.profiles.get_record(pid).practitioner)
        assert stored_photo is not None
        photo = stored_photo.read_bytes()  # the re-encoded photo, as stored (sealed)
        proofs = log_trainings(ws, tmp_path, pid, count=2)
        stick = tmp_path / "stick"
        stick.mkdir()
        create_backup_file(ws.layout, stick / "all.swdbak")
    finally:
        ws.close()
    backup = (stick / "all.swdbak").read_bytes()
    for what, needle in secrets_of(photo, proofs).items():
        assert needle not in backup, f"the {what} is in clear in the backup file"

    target = DataLayout(tmp_path / "other-pc")
    restore_backup_file(target, stick / "all.swdbak")
    ws = open_workspace(target.root, clock=lambda: TODAY)
    try:
        with pytest.raises(ProfileLocked):
            ws.profiles.get_record(pid)
        assert ws.profiles.unlock(pid, PIN)
        record = ws.profiles.get_record(pid)
        assert record.practitioner.id_number == ID_NUMBER
        restored_photo = ws.profiles.photo_path(record.practitioner)
        assert restored_photo is not None and restored_photo.read_bytes() == photo
    finally:
        ws.close()
