"""The first screen's quick reader (`storage.quick_read`, plain sqlite3) against the
repositories, the reference: both must give equal records, activities, latest application,
decision flag and dashboard status for every profile of the demo data and of the schema
fixture at head. And the quick path must step aside, writing nothing, whenever the ordinary
opening has something to do."""

from __future__ import annotations

import hashlib
import shutil
from datetime import date
from pathlib import Path

import pytest

from folder_samples import FolderTemplates
from swdesk.services.backup.names import RESTORE_MARKER
from swdesk.services.clock import newest_record_in
from swdesk.services.first_screen import RESTORE_MARKER as QUICK_RESTORE_MARKER
from swdesk.services.first_screen import read_first_screen
from swdesk.services.workspace import open_workspace
from swdesk.storage.instance_lock import acquire_instance_lock
from swdesk.storage.migrate import HEAD_REVISION
from swdesk.storage.quick_read import (
    has_decision,
    newest_record_days,
    open_quick,
    read_activities,
    read_latest_application,
    read_record,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "schema"
TODAY = date.today()


def _fixture_folder(tmp_path: Path, revision: str) -> Path:
    folder = tmp_path / f"fixture-{revision}"
    folder.mkdir()
    shutil.copyfile(FIXTURES / f"practitioner-{revision}.sqlite", folder / "swdesk.sqlite")
    return folder


@pytest.fixture(params=["demo", "fixture"])
def folder(
    request: pytest.FixtureRequest, folder_templates: FolderTemplates, tmp_path: Path
) -> Path:
    if request.param == "demo":
        return folder_templates.demo(tmp_path / "demo", TODAY)
    return _fixture_folder(tmp_path, HEAD_REVISION)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_quick_reader_reads_what_the_repositories_read(folder: Path) -> None:
    workspace = open_workspace(folder, clock=lambda: TODAY)
    try:
        summaries = workspace.profiles.list_profiles()
        expected = {}
        for summary in summaries:
            if summary.has_pin:
                continue
            pid = summary.id
            latest = workspace.dashboard.latest_application(pid)
            expected[pid] = (
                workspace.profiles.get_record(pid),
                workspace.activities.list_activities(pid),
                latest,
                None
                if latest is None or latest.id is None
                else bool(workspace.decisions.decisions_for_application(latest.id)),
                workspace.dashboard.status_for(pid),
            )
        newest = newest_record_in(workspace.database)
        protected = [s.id for s in summaries if s.has_pin]
    finally:
        workspace.close()
    assert expected, "no unprotected profile to compare"
    before = _digest(folder / "swdesk.sqlite")
    connection = open_quick(folder / "swdesk.sqlite")
    try:
        assert max(d for d in newest_record_days(connection) if d is not None) == newest
        for pid, (record, activities, latest, decided) in (
            (pid, values[:4]) for pid, values in expected.items()
        ):
            assert read_record(connection, pid) == record
            assert read_activities(connection, pid) == activities
            assert read_latest_application(connection, pid) == latest
            if latest is not None and latest.id is not None:
                assert has_decision(connection, latest.id) is decided
    finally:
        connection.close()
    for pid, (record, _activities, latest, _decided, status) in expected.items():
        first = read_first_screen(folder, pid, clock=lambda: TODAY)
        assert first is not None
        try:
            assert (first.record, first.latest, first.status) == (record, latest, status)
        finally:
            first.workspace.close()
    for pid in protected:  # a PIN: the chooser asks for it, the ordinary way
        assert read_first_screen(folder, pid, clock=lambda: TODAY) is None
    assert _digest(folder / "swdesk.sqlite") == before  # read only


def test_decisions_and_evidence_are_read_alike(tmp_path: Path) -> None:
    """The fixture's applications (some decided) and evidence, both ways."""
    folder = _fixture_folder(tmp_path, HEAD_REVISION)
    connection = open_quick(folder / "swdesk.sqlite")
    try:
        ids = [row[0] for row in connection.execute("SELECT id FROM applications")]
        quick = {app_id: has_decision(connection, app_id) for app_id in ids}
        evidence = [a.evidence for pid in (1, 2, 3) for a in read_activities(connection, pid)]
    finally:
        connection.close()
    workspace = open_workspace(folder, clock=lambda: TODAY)
    try:
        assert quick == {
            app_id: bool(workspace.decisions.decisions_for_application(app_id)) for app_id in ids
        }
    finally:
        workspace.close()
    assert True in quick.values() and False in quick.values()
    assert any(evidence)


def test_the_restore_marker_name_is_the_restores(tmp_path: Path) -> None:
    assert QUICK_RESTORE_MARKER == RESTORE_MARKER


def _unprotected(folder: Path) -> int:
    workspace = open_workspace(folder, clock=lambda: TODAY)
    try:
        return min(s.id for s in workspace.profiles.list_profiles() if not s.has_pin)
    finally:
        workspace.close()


def test_the_quick_path_steps_aside_without_writing(
    folder_templates: FolderTemplates, tmp_path: Path
) -> None:
    folder = folder_templates.demo(tmp_path / "demo", TODAY)
    pid = _unprotected(folder)
    database = folder / "swdesk.sqlite"
    before = _digest(database)

    assert read_first_screen(folder, 999_999, clock=lambda: TODAY) is None  # no such profile

    held = acquire_instance_lock(folder)  # another swdesk has the folder open
    try:
        assert read_first_screen(folder, pid, clock=lambda: TODAY) is None
    finally:
        held.release()

    marker = folder / RESTORE_MARKER  # an interrupted restore to finish first
    marker.write_text("{}", encoding="utf-8")
    assert read_first_screen(folder, pid, clock=lambda: TODAY) is None
    marker.unlink()
    assert _digest(database) == before

    first = read_first_screen(folder, pid, clock=lambda: TODAY)
    assert first is not None
    first.workspace.close()
    acquire_instance_lock(folder).release()  # each refusal and close released the lock


def test_an_older_schema_takes_the_ordinary_path(tmp_path: Path) -> None:
    folder = _fixture_folder(tmp_path, "0006")
    before = _digest(folder / "swdesk.sqlite")
    assert read_first_screen(folder, 2, clock=lambda: TODAY) is None
    assert _digest(folder / "swdesk.sqlite") == before
    acquire_instance_lock(folder).release()


def test_the_deferred_workspace_opens_on_first_use(
    folder_templates: FolderTemplates, tmp_path: Path
) -> None:
    folder = folder_templates.demo(tmp_path / "demo", TODAY)
    pid = _unprotected(folder)
    first = read_first_screen(folder, pid, clock=lambda: TODAY)
    assert first is not None
    deferred = first.workspace
    try:
        assert deferred.opened is None
        assert deferred.profiles.get_record(pid) == first.record  # opens the folder
        opened = deferred.opened
        assert opened is not None and deferred.load() is opened
        assert deferred.dashboard.status_for(pid) == first.status
        assert deferred.read_only is False and deferred.migration is opened.migration
    finally:
        deferred.close()
    acquire_instance_lock(folder).release()
