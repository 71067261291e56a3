"""Golden files: one sample of every interchange format at format version 1, and an
application bundle whose application.json (version 3) carries an attendance record
(tests/golden/v1/, made once by tests/golden/make_golden.py from fixed inputs).

What is compared, per file:

- `SHA256SUMS` lists exactly the files of `make_golden.FILES` and their SHA-256 (the
  committed files are the ones that were made).
- Today's readers accept each file: `verify_bundle` (.swdapp), `read_public_key`
  (.swdkey), `read_trust_file` (.swdtrust), `read_decision` plus `check_decision_trust`
  against that trust list (.swddec), `read_forward` plus `verify_bundle` of the bundle it
  holds (.swdfwd), `read_backup_archive` with the database's integrity check
  (.swdbak), `read_provider_key` and `read_ce_record` with that key (the training
  provider's .swdkey and .swdce); and the values read back are the fixed inputs.
- Today's writers, given the same inputs (`make_golden.build`), write every file again
  byte for byte: the whole file, every one. Ed25519 signatures are deterministic, so the
  signed files reproduce exactly. The backup's SQLite database is the one input that
  cannot be fixed by value (its bytes depend on the SQLite library that made it): it is
  taken out of the committed backup and given to the writer as an opaque input, so
  everything around it — the ZIP structure, times, member order, manifest — is compared
  byte for byte, and the database itself is compared by its bytes too (they are the
  input).

So a change that alters a writer's bytes, or a reader's idea of a valid file, fails here
even when writer and reader were changed together.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import sys
import zipfile
from pathlib import Path
from types import ModuleType

import pytest

from swdesk.bundle import verify_bundle
from swdesk.services.review.forward import read_forward
from swdesk.signing import (
    check_decision_trust,
    read_ce_record,
    read_decision,
    read_provider_key,
    read_public_key,
    read_trust_file,
)
from swdesk.storage.backup_file import read_backup_archive

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
V1 = GOLDEN / "v1"


def _load_maker() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_golden", GOLDEN / "make_golden.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_golden"] = module
    spec.loader.exec_module(module)
    return module


make_golden = _load_maker()


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every golden file written again by today's writers from the same inputs."""
    work = tmp_path_factory.mktemp("golden")
    with zipfile.ZipFile(V1 / "backup.swdbak") as archive:
        database = work / "swdesk.sqlite"
        database.write_bytes(archive.read("swdesk.sqlite"))
    out = work / "v1"
    out.mkdir()
    make_golden.build(out, database)
    return out


def test_the_sums_list_every_file_and_match() -> None:
    listed = (V1 / make_golden.SUMS).read_text(encoding="utf-8")
    assert listed == make_golden.sums(V1)
    assert sorted(p.name for p in V1.iterdir()) == sorted([*make_golden.FILES, make_golden.SUMS])


@pytest.mark.parametrize("name", sorted(make_golden.FILES))
def test_todays_writer_reproduces_each_byte(name: str, rebuilt: Path) -> None:
    golden, again = (V1 / name).read_bytes(), (rebuilt / name).read_bytes()
    assert hashlib.sha256(again).hexdigest() == hashlib.sha256(golden).hexdigest(), (
        f"{name}: today's writer no longer makes the version 1 bytes"
    )
    assert again == golden


def test_todays_readers_accept_the_bundle_and_the_review_files() -> None:
    bundle = verify_bundle(V1 / "application.swdapp")
    assert bundle.application == make_golden.application()
    assert bundle.manifest["created_at"] == "2025-03-02T10:00:05+08:00"

    city = read_public_key((V1 / "city.swdkey").read_bytes(), file="city.swdkey")
    assert city == make_golden.city_key().identity
    trust = read_trust_file((V1 / "province.swdtrust").read_bytes(), file="province.swdtrust")
    assert trust.issuer == make_golden.province_key().identity
    assert city in trust.offices and trust.sequence == 1

    signed = read_decision((V1 / "decision.swddec").read_bytes(), file="decision.swddec")
    check_decision_trust(signed, trust)
    decision = signed.decision
    assert (decision.bundle_id, decision.content_digest) == (
        bundle.bundle_id,
        bundle.content_digest,
    )
    assert (decision.stage, decision.outcome, decision.office) == ("first", "approved", city)
    assert decision.decided_at == make_golden.DECIDED_AT


def test_todays_reader_accepts_the_forward_package(tmp_path: Path) -> None:
    contents = read_forward(V1 / "forward.swdfwd", tmp_path)
    assert contents.bundle_path.read_bytes() == (V1 / "application.swdapp").read_bytes()
    assert contents.decision == (V1 / "decision.swddec").read_bytes()
    assert (
        verify_bundle(contents.bundle_path).bundle_id
        == read_decision(contents.decision, file="decision.swddec").decision.bundle_id
    )


def test_todays_reader_accepts_the_backup(tmp_path: Path) -> None:
    manifest = read_backup_archive(V1 / "backup.swdbak", database_to=tmp_path / "check")
    assert manifest.format_version == 1
    assert manifest.created_at == "2025-03-11T18:45:00+08:00"
    assert manifest.swdesk_version == make_golden.BACKUP_VERSION
    assert [m.name for m in manifest.members][1:] == [
        make_golden.evidence_name(),
        f"photos/{hashlib.sha256(make_golden.PHOTO).hexdigest()}.jpg",
    ]
    with zipfile.ZipFile(V1 / "backup.swdbak") as archive:
        assert json.loads(archive.read("manifest.json"))["created_at"] == manifest.created_at


def test_todays_reader_accepts_the_attendance_record_with_the_providers_key() -> None:
    provider = read_provider_key((V1 / "provider.swdkey").read_bytes(), file="provider.swdkey")
    assert provider == make_golden.provider_key().identity
    opened = read_ce_record(
        (V1 / "attendance.swdce").read_bytes(), file="attendance.swdce", provider=provider
    )
    assert opened.record == make_golden.attendance_record()
    assert opened.record.is_for(make_golden.ATTENDEE_ID_NUMBER)
    assert make_golden.ATTENDEE_ID_NUMBER not in opened.raw.decode("utf-8")


def test_todays_reader_accepts_the_bundle_with_a_record() -> None:
    """application.json version 3: the second activity is backed by the attendance record,
    carried byte for byte as records/<record_id>.swdce between the evidence and the end."""
    bundle = verify_bundle(V1 / "application-recorded.swdapp")
    assert bundle.application == make_golden.recorded_application()
    names = [entry.name for entry in bundle.members]
    assert names[-2:] == [make_golden.evidence_name(), make_golden.record_member()]
    record = bundle.member(make_golden.record_member())
    assert (record.role, record.media_type) == (
        "ce_record",
        "application/vnd.swdesk.ce-record+json",
    )
    assert bundle.read_member(record.name) == (V1 / "attendance.swdce").read_bytes()
