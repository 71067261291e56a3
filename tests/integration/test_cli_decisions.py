"""`swdesk trust import` and `swdesk decision import` as a script runs them: real files,
one line out, exit codes (in-process, `cli_runner.run_cli`)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from decision_samples import NEW_FROM, NEW_TO, decision_file, offices, snapshot, trust_file

from cli_runner import CliResult, run_cli
from swdesk.domain.application import ApplicationDraft
from swdesk.paths import DataLayout
from swdesk.services.demo import populate_demo
from swdesk.services.workspace import open_workspace


def swdesk(*args: str) -> CliResult:
    return run_cli(*args)


@pytest.fixture
def exported(tmp_path: Path) -> tuple[Path, ApplicationDraft]:
    data = tmp_path / "data"
    ws = open_workspace(data)
    try:
        for _ in populate_demo(ws.profiles, ws.activities, date.today()):
            pass
        pid = min(p.id for p in ws.profiles.list_profiles())
        draft = replace(ws.applications.current_draft(pid), declaration_accepted=True)
        application = ws.applications.export(draft, tmp_path / "a.swdapp").application
    finally:
        ws.close()
    return data, application


def test_trust_then_decisions_on_the_command_line(
    exported: tuple[Path, ApplicationDraft], tmp_path: Path
) -> None:
    data, application = exported
    keys = offices()
    decision = tmp_path / "城市初审.swddec"
    decision.write_bytes(decision_file(keys.city, application))

    missing = swdesk("decision", "import", "--data-dir", str(data), str(decision))
    assert missing.returncode == 1 and missing.stdout == ""
    assert missing.stderr.strip() == (
        "error: trust_list_missing: no trust list has been imported (run 'swdesk trust import'); "
        "file=城市初审.swddec"
    )

    trust = tmp_path / "gansu.swdtrust"
    trust.write_bytes(trust_file())
    trusted = swdesk(
        "trust",
        "import",
        "--data-dir",
        str(data),
        "--fingerprint",
        keys.province.identity.fingerprint,
        str(trust),
    )
    assert trusted.returncode == 0, trusted.stderr
    assert trusted.stdout.splitlines()[-1].startswith(
        "trusted 2 office(s) sequence=1 issuer=甘肃省民政厅 "
    )
    assert keys.province.identity.fingerprint_groups in trusted.stdout

    first = swdesk("decision", "import", "--data-dir", str(data), str(decision))
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == (
        f"applied first approved application {application.uid} v1 office 平凉市民政局"
    )

    again = swdesk("decision", "import", "--data-dir", str(data), str(decision))
    assert again.returncode == 1
    assert again.stderr.startswith("error: decision_already_applied: ")
    assert "file=城市初审.swddec" in again.stderr

    final = tmp_path / "省级终审.swddec"
    final.write_bytes(decision_file(keys.province, application, stage="final"))
    applied = swdesk("decision", "import", "--data-dir", str(data), str(final))
    assert applied.returncode == 0, applied.stderr
    line = applied.stdout.strip()
    assert line.startswith(
        f"applied final approved application {application.uid} v1 "
        f"office 甘肃省民政厅 registration {NEW_FROM}..{NEW_TO} certificate "
    )
    certificate = Path(line.rsplit(" certificate ", 1)[1])
    assert certificate.is_file() and certificate.read_bytes().startswith(b"%PDF")


def test_refusals_name_the_file_and_change_nothing(
    exported: tuple[Path, ApplicationDraft], tmp_path: Path
) -> None:
    data, application = exported
    keys = offices()
    (tmp_path / "t2.swdtrust").write_bytes(trust_file(2))
    assert (
        swdesk(
            "trust",
            "import",
            "--data-dir",
            str(data),
            "--fingerprint",
            keys.province.identity.fingerprint,
            str(tmp_path / "t2.swdtrust"),
        ).returncode
        == 0
    )
    layout = DataLayout(data)
    before = snapshot(layout.database, layout.evidence_dir)

    (tmp_path / "t1.swdtrust").write_bytes(trust_file(1))
    older = swdesk("trust", "import", "--data-dir", str(data), str(tmp_path / "t1.swdtrust"))
    assert older.returncode == 1
    assert older.stderr.strip() == (
        "error: trust_list_outdated: this trust list is older than the one in force; "
        "current=2 file=t1.swdtrust sequence=1"
    )

    wrong = tmp_path / "wrong.swddec"
    wrong.write_bytes(decision_file(keys.city, application, stage="final"))
    refused = swdesk("decision", "import", "--data-dir", str(data), str(wrong))
    assert refused.returncode == 1
    assert refused.stderr.startswith("error: wrong_level: ")
    assert "file=wrong.swddec" in refused.stderr

    gone = swdesk("decision", "import", "--data-dir", str(data), str(tmp_path / "nope.swddec"))
    assert gone.returncode == 1
    assert gone.stderr.strip() == (
        "error: file_unreadable: the file cannot be read (missing, a folder, or no permission); "
        "file=nope.swddec"
    )
    assert snapshot(layout.database, layout.evidence_dir) == before
