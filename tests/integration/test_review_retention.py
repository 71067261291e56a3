"""Retention and deletion on request in reviewer mode: what goes (rows, bundle files), what
stays (the audit log, still verifiable, and the decision chain links, so the next decision
still chains), the purge at opening, the sweep of files a crash left, and a person deleted
by ID number or by one of their applications with no trace of the number left in the files.

Days are made with the workspace clock: an office opened "400 days ago" decides then."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import time
from collections.abc import Callable
from contextlib import closing
from datetime import date, timedelta
from pathlib import Path
from typing import NoReturn

import pytest
from review_samples import (
    PASSWORD,
    TODAY,
    SampleBundles,
    make_office,
    stored_files,
    trust_each_other,
)
from sqlalchemy import text

from swdesk.domain.errors import UserFixableError
from swdesk.reviewstore.audit import AuditEntry, entries
from swdesk.reviewstore.migrate import HEAD_REVISION, MIGRATIONS_DIR, prepare_review_database
from swdesk.services.review import (
    QueueFilter,
    ReviewServer,
    ReviewWorkspace,
    open_review_workspace,
    review_root,
)
from swdesk.services.review.folder_bundle_store import FolderBundleStore
from swdesk.services.review.retention import Eraser
from swdesk.signing import read_decision

OLD = TODAY - timedelta(days=400)
RECENT = TODAY - timedelta(days=10)
AUDIT_KEYS = {"uid", "version", "bundle_id", "state", "decided_on", "reason"}
Places = Callable[[str], "Path | ReviewServer"]  # the office_places fixture


def reopen(root: Path | ReviewServer, day: date) -> ReviewWorkspace:
    return open_review_workspace(root, PASSWORD, clock=lambda: day)


def imported(workspace: ReviewWorkspace, *paths: Path) -> list[int]:
    """Import files one at a time; their application ids in the order given."""
    ids = []
    for path in paths:
        entry = workspace.service.import_files([path]).entries[0]
        assert entry.status == "imported" and entry.application_id is not None, entry
        ids.append(entry.application_id)
    return ids


def decided(workspace: ReviewWorkspace, app_id: int, outcome: str = "approved") -> None:
    reasons = [("hours_short", "差 6 学时")] if outcome == "rejected" else []
    result = workspace.service.decide([app_id], outcome, reasons)[0]
    assert result.status == "decided", result


def audit_of(workspace: ReviewWorkspace, action: str) -> list[AuditEntry]:
    with workspace.database.session() as session:
        return [e for e in entries(session, limit=10_000) if e.action == action]


def table_rows(workspace: ReviewWorkspace, sql: str) -> list[tuple[object, ...]]:
    with workspace.database.session() as session:
        return [tuple(row) for row in session.execute(text(sql))]


def all_ids(workspace: ReviewWorkspace) -> set[int]:
    rows = workspace.service.queue_page(QueueFilter(hide_superseded=False), limit=1000)
    return {row.id for row in rows}


def stored_name(workspace: ReviewWorkspace, app_id: int) -> str:
    return workspace.service.stored_name(app_id)


def test_retention_deletes_only_what_was_decided_and_exported_long_ago(
    sample_bundles: SampleBundles, tmp_path: Path, office_places: Places
) -> None:
    root, out = office_places("data"), tmp_path / "out"
    out.mkdir()
    ws = make_office(root, clock=lambda: OLD)
    assert ws.service.retention_days() == 365
    ws.service.set_retention_days(1000)  # nothing goes while the history is made
    v1, v2, rejected, unexported, pending = imported(
        ws,
        sample_bundles.first_version,
        sample_bundles.second_version,
        sample_bundles.ordinary[1],
        sample_bundles.ordinary[3],
        sample_bundles.late,
    )
    decided(ws, v2)  # v1 was superseded by v2, never decided itself
    decided(ws, rejected, "rejected")
    decided(ws, unexported)
    ws.service.export_decisions(out, [v2, rejected])
    ws.close()

    ws = reopen(root, RECENT)
    assert ws.purged.count == 0
    (recent,) = imported(ws, sample_bundles.ordinary[2])
    decided(ws, recent)
    ws.service.export_decisions(out, [recent])
    ws.close()

    ws = reopen(root, TODAY)
    try:
        service = ws.service
        assert ws.purged.count == 0  # 400 days < 1000
        service.set_retention_days(0)
        assert service.expired_ids() == []  # 0 keeps everything
        with pytest.raises(ValueError):
            service.set_retention_days(-1)
        service.set_retention_days(365)
        assert [e.details for e in audit_of(ws, "retention_set")][:2] == [
            {"days": 365, "previous": 0},
            {"days": 0, "previous": 1000},
        ]
        gone = sorted([v1, v2, rejected])
        assert service.expired_ids() == gone
        assert service.expired_ids(OLD + timedelta(days=365)) == []  # exactly 365 days: kept
        assert service.expired_ids(OLD + timedelta(days=366)) == gone
        names = {app_id: stored_name(ws, app_id) for app_id in all_ids(ws)}

        report = service.purge_expired()
        assert (report.count, report.application_ids) == (3, tuple(gone))
        assert all_ids(ws) == {unexported, pending, recent}
        for app_id in gone:
            with pytest.raises(UserFixableError) as unknown:
                service.detail(app_id)
            assert unknown.value.code == "application_unknown"
        assert stored_files(ws) == sorted(names[i] for i in (unexported, pending, recent))
        for table in ("application_data", "members", "check_results", "decisions"):
            leftover = table_rows(
                ws,
                f"SELECT count(*) FROM {table} WHERE application_id "
                f"IN ({','.join(map(str, gone))})",
            )
            assert leftover == [(0,)], table

        purged = audit_of(ws, "purged")
        assert sorted(e.application_id for e in purged) == gone  # type: ignore[type-var]
        for entry in purged:
            assert set(entry.details) == AUDIT_KEYS and entry.details["reason"] == "retention"
        by_app = {e.application_id: e.details for e in purged}
        assert by_app[v1]["state"] == "superseded" and by_app[v1]["decided_on"] == ""
        assert by_app[rejected]["decided_on"] == OLD.isoformat()
        assert service.audit_verify().ok
        # the decisions' chain links stay, without the person
        links = table_rows(
            ws,
            "SELECT sequence, issued_here, stage, outcome FROM purged_decisions ORDER BY sequence",
        )
        assert links == [(1, 1, "first", "approved"), (2, 1, "first", "rejected")]

        assert service.purge_expired().count == 0  # nothing more
        assert service.detail(unexported).row.state == "first_approved"
    finally:
        ws.close()


def test_the_purge_runs_at_opening_and_the_decision_chain_goes_on(
    sample_bundles: SampleBundles, tmp_path: Path, office_places: Places
) -> None:
    root = office_places("data")
    ws = make_office(root, clock=lambda: OLD)
    (old,) = imported(ws, sample_bundles.ordinary[1])
    decided(ws, old)
    (tmp_path / "out").mkdir(exist_ok=True)
    files = ws.service.export_decisions(tmp_path / "out")
    decision_file = next(p for p in files if p.suffix == ".swddec")
    old_digest = hashlib.sha256(decision_file.read_bytes()).hexdigest()
    ws.close()

    ws = reopen(root, TODAY)  # default retention: 365 days
    try:
        assert ws.purged.application_ids == (old,)
        assert stored_files(ws) == [] and all_ids(ws) == set()
        assert [e.application_id for e in audit_of(ws, "purged")] == [old]
        (new,) = imported(ws, sample_bundles.ordinary[2])
        result = ws.service.decide([new], "approved")[0]
        assert result.decision is not None and result.decision.sequence == 2
        (tmp_path / "new").mkdir(exist_ok=True)
        (path,) = [
            p for p in ws.service.export_decisions(tmp_path / "new") if p.suffix == ".swddec"
        ]
        signed = read_decision(path.read_bytes(), file=path.name)
        assert (signed.decision.sequence, signed.decision.previous_hash) == (2, old_digest)
        assert ws.service.audit_verify().ok
    finally:
        ws.close()


def test_opening_sweeps_bundle_files_a_crash_left_behind(
    sample_bundles: SampleBundles, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = review_root(tmp_path / "data")
    ws = make_office(root)
    gone, kept = imported(ws, sample_bundles.ordinary[1], sample_bundles.ordinary[2])
    gone_name, kept_name = stored_name(ws, gone), stored_name(ws, kept)
    # the process dies after the deletion's commit, before the file is removed
    with monkeypatch.context() as patch:
        patch.setattr(FolderBundleStore, "after_unstore", lambda self, names: None)
        assert ws.service.delete_person(gone) == 1
    assert gone_name in stored_files(ws)
    ws.close()
    bundles = root / "bundles"
    (bundles / "notes.txt").write_text("not ours", encoding="utf-8")
    stray = bundles / f"{'ab' * 32}.swdapp"  # a file the database knows nothing of
    stray.write_bytes(b"PK")
    copy = bundles / ".swdesk-x1y2z3.tmp"  # an import's copy whose commit never came
    copy.write_bytes(b"PK half")

    ws = reopen(root, TODAY)
    try:
        assert stored_files(ws) == sorted([kept_name, "notes.txt"])
        # the journaled deletion and the uncommitted copy went; the unknown file was moved
        assert ws.recovered == (stray.name,)
        assert (root / "recovered" / TODAY.isoformat() / stray.name).read_bytes() == b"PK"
        assert ws.service.sweep_orphans() == 0
        assert ws.service.member_bytes(kept, "application.json")
    finally:
        ws.close()


def test_delete_a_person_by_id_number(sample_bundles: SampleBundles, tmp_path: Path) -> None:
    root = review_root(tmp_path / "data")
    ws = make_office(root)
    try:
        service = ws.service
        rejected, resubmission, v1, v2, other = imported(
            ws,
            sample_bundles.rejected,
            sample_bundles.resubmission,
            sample_bundles.first_version,
            sample_bundles.second_version,
            sample_bundles.ordinary[2],
        )
        decided(ws, rejected, "rejected")
        id_number = service.reveal_id_number(rejected)
        name = service.detail(rejected).row.applicant_name
        kept_names = sorted(stored_name(ws, i) for i in (v1, v2, other))
        assert service.delete_person("11010519491231002X") == 0  # nobody here has it
        typed = " ".join([id_number[:6], id_number[6:14], id_number[14:].lower()])
        assert service.find_person(typed) == [rejected, resubmission]

        assert service.delete_person(typed) == 2
        assert all_ids(ws) == {v1, v2, other}
        assert stored_files(ws) == kept_names
        deleted = audit_of(ws, "deleted_on_request")
        assert sorted(e.application_id for e in deleted) == [  # type: ignore[type-var]
            rejected,
            resubmission,
        ]
        assert all(
            set(e.details) == AUDIT_KEYS and e.details["reason"] == "request" for e in deleted
        )
        assert service.audit_verify().ok
        assert table_rows(ws, "SELECT count(*) FROM purged_decisions") == [(1,)]
        # nothing of the person is left in the database files (secure_delete, checkpoint)
        for path in root.glob("review.sqlite*"):
            data = path.read_bytes()
            assert id_number.encode() not in data, path.name
            assert id_number[::-1].encode() not in data, path.name
            assert name.encode() not in data, path.name
        assert service.detail(other).row.applicant_name  # the others are untouched
    finally:
        ws.close()


def test_delete_a_person_by_one_of_their_applications(
    sample_bundles: SampleBundles, office_places: Places
) -> None:
    ws = make_office(office_places("data"))
    try:
        service = ws.service
        v1, v2, other, third = imported(
            ws,
            sample_bundles.first_version,
            sample_bundles.second_version,
            sample_bundles.ordinary[2],
            sample_bundles.ordinary[3],
        )
        uid = service.detail(v2).row.uid
        assert service.find_person(uid.upper()) == [v1, v2]
        assert service.delete_person(uid) == 2  # every version
        assert service.delete_person(str(other)) == 1  # a queue number as text
        assert service.delete_person(third) == 1  # or as a number
        assert all_ids(ws) == set() and stored_files(ws) == []
        for unknown in (third, "999", "00000000-0000-4000-8000-000000000000"):
            with pytest.raises(UserFixableError) as caught:
                service.delete_person(unknown)
            assert caught.value.code == "application_unknown"
        assert len(audit_of(ws, "deleted_on_request")) == 4
        assert service.audit_verify().ok
    finally:
        ws.close()


def test_a_deleted_forwarded_decision_is_refused_when_replayed(
    sample_bundles: SampleBundles, tmp_path: Path, office_places: Places
) -> None:
    city = make_office(office_places("city"))
    province = make_office(
        office_places("province"), level="province", name="甘肃省民政厅", region="620000"
    )
    try:
        trust_each_other(city, province, tmp_path)
        (app,) = imported(city, sample_bundles.ordinary[1])
        decided(city, app)
        (tmp_path / "out").mkdir(exist_ok=True)
        (forward,) = [
            p for p in city.service.export_decisions(tmp_path / "out") if p.suffix == ".swdfwd"
        ]
        (received,) = imported(province, forward)
        assert province.service.delete_person(received) == 1
        assert table_rows(province, "SELECT issued_here, stage FROM purged_decisions") == [
            (0, "first")
        ]
        again = province.service.import_files([forward]).entries[0]
        assert (again.status, again.code) == ("refused", "decision_replayed")
        # the city's own chain goes on after the city deleted the application too
        assert city.service.delete_person(app) == 1
        (next_app,) = imported(city, sample_bundles.ordinary[2])
        result = city.service.decide([next_app], "approved")[0]
        assert result.decision is not None and result.decision.sequence == 2
    finally:
        city.close()
        province.close()


def test_an_office_database_of_revision_r0001_is_upgraded_with_its_rows(tmp_path: Path) -> None:
    old_scripts = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, old_scripts, ignore=shutil.ignore_patterns("__pycache__"))
    for later in old_scripts.glob("versions/r000[2-9]_*.py"):  # r0002 and later
        later.unlink()
    db_path = tmp_path / "review.sqlite"
    assert (
        prepare_review_database(
            db_path, tmp_path / "backups", migrations_dir=old_scripts
        ).to_revision
        == "r0001"
    )
    with closing(sqlite3.connect(db_path)) as connection:
        connection.execute(
            "INSERT INTO office VALUES (1, '平凉市民政局', '620800', 'city', 'gansu', "
            "'ab', x'00', x'00', '2025-01-01 09:00:00')"
        )
        connection.execute(
            "INSERT INTO applications VALUES (7, 'b', 'u', 1, 'c', 's.swdapp', 'o.swdapp', 1, "
            "'2025-01-02 09:00:00', 'first', 'first_approved', '2025-01-03 09:00:00', "
            "'renewal', '张三', '11010519491231002X', 'X20013291945010111', '620802', "
            "'senior', 0, 900, 900, NULL, 0, NULL, NULL, NULL)"
        )
        connection.commit()

    result = prepare_review_database(db_path, tmp_path / "backups")
    assert (result.from_revision, result.to_revision) == ("r0001", HEAD_REVISION)
    assert result.backup is not None and result.backup.is_file()
    with closing(sqlite3.connect(db_path)) as connection:
        assert connection.execute("SELECT name, retention_days FROM office").fetchall() == [
            ("平凉市民政局", 365)
        ]
        assert connection.execute(
            "SELECT id, applicant_name, decided_at FROM applications"
        ).fetchall() == [(7, "张三", "2025-01-03 09:00:00")]
        assert connection.execute("SELECT count(*) FROM purged_decisions").fetchone() == (0,)
        with pytest.raises(sqlite3.IntegrityError):
            connection.execute("UPDATE office SET retention_days = -1")


def test_old_database_backups_go_and_a_failing_purge_does_not_stop_the_opening(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = review_root(tmp_path / "data")
    make_office(root).close()
    backups = root / "backups"
    backups.mkdir(exist_ok=True)
    old, recent = backups / "swdesk-before-review-r0002-1.sqlite", backups / "recent.sqlite"
    for path in (old, recent):
        path.write_bytes(b"SQLite format 3\x00")
    long_ago = time.time() - 400 * 86400
    os.utime(old, (long_ago, long_ago))

    with monkeypatch.context() as patch:

        def fail(self: Eraser, today: date | None = None, **_options: object) -> NoReturn:
            raise OSError("disk gone")

        patch.setattr(Eraser, "purge_expired", fail)
        ws = open_review_workspace(root, PASSWORD)  # opens all the same
        assert ws.purged.count == 0 and old.exists()
        ws.close()

    ws = open_review_workspace(root, PASSWORD)
    try:
        assert ws.purged.backups_removed == 1
        assert not old.exists() and recent.exists()
        assert [e.details for e in audit_of(ws, "backups_purged")] == [
            {"count": 1, "reason": "retention"}
        ]
        assert ws.service.audit_verify().ok
    finally:
        ws.close()
