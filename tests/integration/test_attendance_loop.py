"""The whole way of a provider's signed hours, each side driven as its people drive it: a
training provider issues records for its roster (`swdesk provider init | export-key |
issue`), the province lists the provider, a practitioner adds her record to the CE log
(`swdesk activity import`, a folder of records) and exports her application, and the city
office's import verifies the record: its hours counted as verified by provider signature,
and the printed certificate's QR code finds her application."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from record_samples import CITY, PROVINCE
from review_samples import copied_office

from attendance_samples import CST, TODAY
from cli_runner import run_cli
from folder_samples import FolderTemplates
from swdesk.services.review import QueueFilter, review_root
from swdesk.services.workspace import open_workspace
from swdesk.signing import build_trust_file, read_provider_key
from swdesk.signing.ce_record import open_ce_record, qr_payload

PROVIDER_ENV = {"SWDESK_PROVIDER_PASSWORD": "provider password 2026"}


def test_a_providers_record_reaches_the_office_as_verified_hours(
    folder_templates: FolderTemplates, tmp_path: Path
) -> None:
    practitioner = folder_templates.demo(tmp_path / "practitioner", TODAY)
    ws = open_workspace(practitioner, clock=lambda: TODAY)
    pid = min(p.id for p in ws.profiles.list_profiles())
    zhang = ws.profiles.get_record(pid).practitioner
    ws.close()

    # the provider: its key, its public key file, the records of one course
    provider = tmp_path / "provider"
    code = "51620000MJ00000022"
    init = run_cli(
        "provider", "init", "--org", "甘肃省社会工作协会", "--credit-code", code,
        "--data-dir", str(provider), env=PROVIDER_ENV,
    )  # fmt: skip
    assert init.returncode == 0, init.stderr
    key_file = tmp_path / "association.swdkey"
    exported = run_cli(
        "provider", "export-key", "--out", str(key_file), "--data-dir", str(provider),
        env=PROVIDER_ENV,
    )  # fmt: skip
    assert exported.returncode == 0, exported.stderr
    roster = tmp_path / "roster.xlsx"
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["姓名", "公民身份号码", "学时"])
    sheet.append([zhang.name, zhang.id_number, 12.5])
    sheet.append(["李娜", "620802199001010028", 12.5])
    book.save(roster)
    issued = tmp_path / "issued"
    issue = run_cli(
        "provider", "issue", "--roster", str(roster), "--title", "社会工作伦理与督导培训",
        "--start", "2026-10-14", "--end", "2026-10-15", "--type", "training",
        "--area", "values_ethics", "--out", str(issued), "--data-dir", str(provider),
        env=PROVIDER_ENV,
    )  # fmt: skip
    assert issue.returncode == 0, issue.stderr

    # the province lists the provider; the practitioner and the city put the list in force
    identity = read_provider_key(key_file.read_bytes(), file=key_file.name)
    trust = tmp_path / "甘肃省.swdtrust"
    trust.write_bytes(
        build_trust_file(
            PROVINCE,
            [CITY.identity],
            issued_at=datetime(2026, 11, 20, 9, 0, tzinfo=CST),
            sequence=1,
            providers=[identity],
        )
    )
    ws = open_workspace(practitioner, clock=lambda: TODAY)
    ws.decisions.import_trust_file(trust, accept_new_issuer=True)
    ws.close()

    # the practitioner imports the course's folder: hers is added, the other refused
    result = run_cli(
        "activity", "import", "--data-dir", str(practitioner), "--profile", str(pid), str(issued)
    )
    assert result.returncode == 1  # 李娜's record is not hers
    assert len(result.stdout.splitlines()) == 1 and "hours 12.5" in result.stdout
    assert "ce_record_other_person" in result.stderr
    ws = open_workspace(practitioner, clock=lambda: TODAY)
    try:
        draft = replace(ws.applications.current_draft(pid), declaration_accepted=True)
        bundle = tmp_path / "zhang.swdapp"
        ws.applications.export(draft, bundle)
    finally:
        ws.close()

    # the city office imports the bundle
    office = copied_office(folder_templates, review_root(tmp_path / "city"))
    try:
        office.service.import_trust(trust)
        entry = office.service.import_files([bundle]).entries[0]
        assert entry.status == "imported" and entry.application_id is not None, entry
        detail = office.service.detail(entry.application_id)
        (check,) = [c for c in detail.checks if c.code == "provider_records"]
        assert check.passed and check.params["verified_hours"] == "12.5"
        assert (check.params["verified"], check.params["failed"]) == (1, 0)
        (verdict,) = detail.records
        assert verdict.status == "verified" and verdict.provider == "甘肃省社会工作协会"

        mine = next(p for p in issued.glob("*.swdce") if zhang.name in p.name)
        opened = open_ce_record(mine.read_bytes(), file=mine.name)
        scanned = qr_payload(opened.record.record_id, opened.digest)
        found = office.service.queue_page(QueueFilter(search=scanned))
        assert [row.id for row in found] == [entry.application_id]
    finally:
        office.close()
