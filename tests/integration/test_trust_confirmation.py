"""A trust list is confirmed before it is used: inspecting verifies and describes it and
stores nothing; accepting needs the issuer's fingerprint as the user confirmed it; a list of
a new province key replaces the one in force only with the NEW fingerprint confirmed (and is
logged); a list imported by mistake can be removed. The same on the command line:
`trust import` refuses with `trust_unconfirmed` without `--fingerprint` or a typed yes."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from decision_samples import offices, snapshot, trust_file, write

from cli_runner import CliResult, run_cli
from swdesk.domain.errors import UserFixableError
from swdesk.paths import DataLayout
from swdesk.services.workspace import Workspace, open_workspace
from swdesk.signing import ReviewLevel, generate_office_key

NEW_PROVINCE = generate_office_key("甘肃省民政厅", "620000", ReviewLevel.PROVINCE)


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    workspace = open_workspace(tmp_path / "data")
    yield workspace
    workspace.close()


def _state(ws: Workspace) -> dict[str, object]:
    return snapshot(ws.layout.database, ws.layout.evidence_dir)


def test_inspecting_describes_and_stores_nothing(ws: Workspace, tmp_path: Path) -> None:
    keys = offices()
    before = _state(ws)
    inspection = ws.decisions.inspect_trust_file(write(tmp_path / "t.swdtrust", trust_file()))
    assert inspection.trust.issuer == keys.province.identity
    assert {o.name for o in inspection.trust.offices} == {"甘肃省民政厅", "平凉市民政局"}
    assert inspection.current is None and not inspection.replaces_issuer
    assert _state(ws) == before
    assert ws.decisions.trust_list() is None


def test_accepting_needs_the_matching_fingerprint(ws: Workspace, tmp_path: Path) -> None:
    keys = offices()
    inspection = ws.decisions.inspect_trust_file(write(tmp_path / "t.swdtrust", trust_file()))
    before = _state(ws)
    with pytest.raises(UserFixableError) as caught:
        ws.decisions.accept_trust(inspection, NEW_PROVINCE.identity.fingerprint)
    assert caught.value.code == "trust_fingerprint_mismatch"
    assert caught.value.params["file"] == "t.swdtrust"
    assert _state(ws) == before

    # read aloud: groups, colons, lower case are all the same fingerprint
    spoken = ":".join(keys.province.identity.fingerprint_groups.lower().split())
    trust = ws.decisions.accept_trust(inspection, spoken)
    in_force = ws.decisions.trust_list()
    assert in_force is not None and in_force.digest == trust.digest


def test_a_new_province_key_replaces_the_list_only_when_its_fingerprint_is_confirmed(
    ws: Workspace, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    keys = offices()
    ws.decisions.import_trust_file(write(tmp_path / "old.swdtrust", trust_file(3)))
    rotated = write(tmp_path / "new.swdtrust", trust_file(1, province=NEW_PROVINCE))

    inspection = ws.decisions.inspect_trust_file(rotated)
    assert inspection.replaces_issuer
    assert inspection.current is not None
    assert inspection.current.issuer == keys.province.identity
    before = _state(ws)
    with pytest.raises(UserFixableError) as caught:  # the OLD fingerprint is not enough
        ws.decisions.accept_trust(inspection, keys.province.identity.fingerprint)
    assert caught.value.code == "trust_fingerprint_mismatch"
    assert _state(ws) == before

    with caplog.at_level(logging.INFO, logger="swdesk.services.decision_trust"):
        ws.decisions.accept_trust(inspection, NEW_PROVINCE.identity.fingerprint_groups)
    in_force = ws.decisions.trust_list()
    assert in_force is not None and in_force.issuer == NEW_PROVINCE.identity
    assert in_force.sequence == 1  # the new key's own numbering starts again
    replaced = [r.getMessage() for r in caplog.records if "issuer replaced" in r.getMessage()]
    assert len(replaced) == 1 and keys.province.identity.fingerprint in replaced[0]
    assert NEW_PROVINCE.identity.fingerprint in replaced[0]


def test_an_inspection_of_a_list_that_is_no_longer_in_force_does_not_replace_another(
    ws: Workspace, tmp_path: Path
) -> None:
    """Inspected while the old province list was in force, accepted after another key's
    list came in meanwhile: the replacement the user confirmed is no longer the one."""
    other = generate_office_key("某省民政厅", "630000", ReviewLevel.PROVINCE)
    ws.decisions.import_trust_file(write(tmp_path / "old.swdtrust", trust_file()))
    inspection = ws.decisions.inspect_trust_file(
        write(tmp_path / "new.swdtrust", trust_file(1, province=NEW_PROVINCE))
    )
    ws.decisions.import_trust_file(
        write(tmp_path / "other.swdtrust", trust_file(1, province=other)), accept_new_issuer=True
    )
    with pytest.raises(UserFixableError) as caught:
        ws.decisions.accept_trust(inspection, NEW_PROVINCE.identity.fingerprint)
    assert caught.value.code == "trust_issuer_changed"


def test_an_older_list_is_refused_at_inspection(ws: Workspace, tmp_path: Path) -> None:
    ws.decisions.import_trust_file(write(tmp_path / "t2.swdtrust", trust_file(2)))
    with pytest.raises(UserFixableError) as caught:
        ws.decisions.inspect_trust_file(write(tmp_path / "t1.swdtrust", trust_file(1)))
    assert (caught.value.code, caught.value.params["current"]) == ("trust_list_outdated", 2)
    same = ws.decisions.inspect_trust_file(tmp_path / "t2.swdtrust")
    assert same.unchanged and not same.replaces_issuer


def test_a_list_imported_by_mistake_is_removed(ws: Workspace, tmp_path: Path) -> None:
    wrong = ws.decisions.import_trust_file(
        write(tmp_path / "wrong.swdtrust", trust_file(1, province=NEW_PROVINCE))
    )
    removed = ws.decisions.remove_trust_list()
    assert removed is not None and removed.digest == wrong.digest
    assert ws.decisions.trust_list() is None
    assert ws.decisions.remove_trust_list() is None
    # with nothing in force the right list is accepted like a first one: no replacement
    inspection = ws.decisions.inspect_trust_file(write(tmp_path / "t.swdtrust", trust_file()))
    assert inspection.current is None
    ws.decisions.accept_trust(inspection, offices().province.identity.fingerprint)


# -- the command line -----------------------------------------------------------------------


def swdesk(*args: str) -> CliResult:
    """In-process; standard input is not a terminal (nobody can type yes)."""
    return run_cli(*args)


def swdesk_at_terminal(*args: str, stdin: int) -> subprocess.CompletedProcess[str]:
    """A real process whose standard input is the terminal `stdin`."""
    return subprocess.run(
        [sys.executable, "-m", "swdesk", *args],
        capture_output=True,
        text=True,
        timeout=120,
        stdin=stdin,
    )


def test_cli_import_refuses_without_confirmation(tmp_path: Path) -> None:
    data, keys = tmp_path / "data", offices()
    trust = write(tmp_path / "gansu.swdtrust", trust_file())
    open_workspace(data).close()
    layout = DataLayout(data)
    before = snapshot(layout.database, layout.evidence_dir)

    refused = swdesk("trust", "import", "--data-dir", str(data), str(trust))
    assert refused.returncode == 1
    assert refused.stderr.startswith("error: trust_unconfirmed: ")
    assert "file=gansu.swdtrust" in refused.stderr
    lines = refused.stdout.splitlines()
    assert f"fingerprint {keys.province.identity.fingerprint_groups}" in lines
    assert any(line.startswith("office\t") and line.endswith("平凉市民政局") for line in lines)
    assert snapshot(layout.database, layout.evidence_dir) == before

    wrong = swdesk(
        "trust",
        "import",
        "--data-dir",
        str(data),
        "--fingerprint",
        NEW_PROVINCE.identity.fingerprint,
        str(trust),
    )
    assert wrong.returncode == 1
    assert wrong.stderr.startswith("error: trust_fingerprint_mismatch: ")
    assert snapshot(layout.database, layout.evidence_dir) == before

    spoken = ":".join(keys.province.identity.fingerprint_groups.split()).lower()
    ok = swdesk("trust", "import", "--data-dir", str(data), "--fingerprint", spoken, str(trust))
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.splitlines()[-1].startswith("trusted 2 office(s) sequence=1 ")


def test_cli_rotation_shows_both_fingerprints_and_remove_asks(tmp_path: Path) -> None:
    data, keys = tmp_path / "data", offices()
    old = write(tmp_path / "old.swdtrust", trust_file())
    new = write(tmp_path / "new.swdtrust", trust_file(1, province=NEW_PROVINCE))
    assert (
        swdesk(
            "trust",
            "import",
            "--data-dir",
            str(data),
            "--fingerprint",
            keys.province.identity.fingerprint,
            str(old),
        ).returncode
        == 0
    )

    shown = swdesk("trust", "import", "--data-dir", str(data), str(new))
    assert shown.returncode == 1 and shown.stderr.startswith("error: trust_unconfirmed: ")
    assert (
        f"replaces issuer 甘肃省民政厅 fingerprint {keys.province.identity.fingerprint_groups}"
    ) in shown.stdout
    assert (
        f"new issuer 甘肃省民政厅 fingerprint {NEW_PROVINCE.identity.fingerprint_groups}"
        in shown.stdout
    )
    rotated = swdesk(
        "trust",
        "import",
        "--data-dir",
        str(data),
        "--fingerprint",
        NEW_PROVINCE.identity.fingerprint,
        str(new),
    )
    assert rotated.returncode == 0, rotated.stderr

    asked = swdesk("trust", "remove", "--data-dir", str(data))
    assert asked.returncode == 1 and asked.stderr.startswith("error: trust_unconfirmed: ")
    removed = swdesk("trust", "remove", "--data-dir", str(data), "--yes")
    assert removed.returncode == 0, removed.stderr
    assert removed.stdout.splitlines()[-1] == "removed trust list sequence=1 issuer=甘肃省民政厅"
    again = swdesk("trust", "remove", "--data-dir", str(data), "--yes")
    assert again.returncode == 1 and again.stderr.strip() == (
        "error: trust_list_missing: no trust list has been imported (run 'swdesk trust import')"
    )


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a terminal")
def test_cli_import_asks_at_a_terminal(tmp_path: Path) -> None:
    data = tmp_path / "data"
    trust = write(tmp_path / "gansu.swdtrust", trust_file())
    for answer, code in ((b"no\n", 1), (b"yes\n", 0)):
        primary, secondary = os.openpty()
        try:
            os.write(primary, answer)
            result = swdesk_at_terminal(
                "trust", "import", "--data-dir", str(data), str(trust), stdin=secondary
            )
        finally:
            os.close(primary)
            os.close(secondary)
        assert result.returncode == code, result.stderr
        assert "Type yes to trust this list" in result.stdout
    ws = open_workspace(data)
    try:
        assert ws.decisions.trust_list() is not None
    finally:
        ws.close()


# -- a review office ------------------------------------------------------------------------


def test_a_review_office_takes_a_new_province_key_only_with_its_fingerprint(tmp_path: Path) -> None:
    from review_samples import make_office, trust_each_other
    from sqlalchemy import text

    from swdesk.services.review import review_root

    city = make_office(review_root(tmp_path / "city"))
    old = make_office(
        review_root(tmp_path / "old"), level="province", name="甘肃省民政厅", region="620000"
    )
    new = make_office(
        review_root(tmp_path / "new"), level="province", name="甘肃省民政厅", region="620000"
    )
    try:
        trust_each_other(city, old, tmp_path)
        rotated = tmp_path / "rotated.swdtrust"
        new.service.publish_trust([tmp_path / "city.swdkey"], rotated)
        [new_province] = [
            o for o in new.service.trusted_offices() if o.level is ReviewLevel.PROVINCE
        ]
        [old_province] = [
            o for o in old.service.trusted_offices() if o.level is ReviewLevel.PROVINCE
        ]
        new_fp, old_fp = new_province.fingerprint, old_province.fingerprint

        for given in (None, old_fp):
            with pytest.raises(UserFixableError) as caught:
                city.service.import_trust(rotated, new_issuer_fingerprint=given)
            assert caught.value.code == "trust_issuer_changed"
        assert {o.fingerprint for o in city.service.trusted_offices()} != {
            o.fingerprint for o in new.service.trusted_offices()
        }

        spoken = new_province.fingerprint_groups.replace(" ", ":")
        city.service.import_trust(rotated, new_issuer_fingerprint=spoken.lower())
        assert {o.fingerprint for o in city.service.trusted_offices()} == {
            o.fingerprint for o in new.service.trusted_offices()
        }
        with city.database.session() as session:
            details = (
                session.execute(
                    text("SELECT details FROM audit_log WHERE action = 'trust_issuer_replaced'")
                )
                .scalars()
                .all()
            )
        assert len(details) == 1 and new_fp in details[0]
        assert city.service.audit_verify().ok
    finally:
        for workspace in (city, old, new):
            workspace.close()
