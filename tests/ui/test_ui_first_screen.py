"""`swdesk --profile ID` fills the dashboard from the quick read, then opens the folder on a
worker once the window is idle: what that opening writes (the profile's "last opened", the
day of this start) is not lost, and a folder that fails to open then is handled as at an
ordinary start (the damaged-database choices)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from folder_samples import FolderTemplates
from swdesk.app import run
from swdesk.database.errors import DatabaseCorrupt
from swdesk.services.clock import china_today, read_last_start
from swdesk.services.workspace import open_workspace
from swdesk.storage.instance_lock import acquire_instance_lock


@pytest.fixture
def demo(folder_templates: FolderTemplates, tmp_path: Path) -> tuple[Path, int, str]:
    """A demo folder whose first profile was never opened, its id and name."""
    folder = folder_templates.demo(tmp_path / "data", date.today())
    workspace = open_workspace(folder)
    try:
        summary = min(workspace.profiles.list_profiles(), key=lambda s: s.id)
        assert summary.last_opened is None
        name = workspace.profiles.get_record(summary.id).practitioner.name
    finally:
        workspace.close()
    (folder / "last-start.txt").unlink(missing_ok=True)
    return folder, summary.id, name


def test_the_services_open_after_the_first_screen_and_nothing_is_lost(
    qapp,  # type: ignore[no-untyped-def]
    demo: tuple[Path, int, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder, pid, name = demo
    probe = tmp_path / "probe.json"
    monkeypatch.setenv("SWDESK_IDLE_PROBE", str(probe))
    monkeypatch.setenv("SWDESK_IDLE_PROBE_SERVICES", "1")
    assert run(["--data-dir", str(folder), "--profile", str(pid), "--lang", "en"]) == 0
    assert json.loads(probe.read_text(encoding="utf-8"))["title"].startswith(name)
    assert read_last_start(folder) == china_today()  # the deferred opening recorded its day
    workspace = open_workspace(folder)  # the lock was released at exit
    try:
        opened = {s.id: s.last_opened for s in workspace.profiles.list_profiles()}
    finally:
        workspace.close()
    assert opened[pid] is not None  # "last opened", written once the services were open


def test_a_folder_that_fails_to_open_later_offers_the_damaged_database_choices(
    qapp,  # type: ignore[no-untyped-def]
    demo: tuple[Path, int, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from swdesk.services import workspace as workspace_module
    from swdesk.ui.damaged_database import DamagedDatabaseDialog

    folder, pid, _name = demo

    def fails(root: Path, *args: object, **kwargs: object) -> object:
        lock = kwargs.get("lock")
        if lock is not None:
            lock.release()  # type: ignore[attr-defined]  # as open_workspace does on failure
        raise DatabaseCorrupt(root / "swdesk.sqlite", reason="quick_check")

    offered: list[str] = []

    def choose_quit(dialog: DamagedDatabaseDialog) -> int:
        offered.append(dialog.windowTitle())
        dialog.choice = "quit"
        return 0

    monkeypatch.setattr(workspace_module, "open_workspace", fails)
    monkeypatch.setattr(DamagedDatabaseDialog, "exec", choose_quit)
    monkeypatch.setenv("SWDESK_IDLE_PROBE", str(tmp_path / "probe.json"))
    monkeypatch.setenv("SWDESK_IDLE_PROBE_SERVICES", "1")
    assert run(["--data-dir", str(folder), "--profile", str(pid), "--lang", "en"]) == 1
    assert offered == ["The database is damaged"]
    acquire_instance_lock(folder).release()  # nothing holds the folder any more
