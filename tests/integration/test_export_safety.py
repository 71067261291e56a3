"""Files written into the user's folders: what is exported is what the database records, a
crash leaves no hidden copy behind for long, and a full, read-only or missing target says so.

The crash tests run `export_worker.py` in a child process (forked by its server, which has
swdesk imported already) that kills itself with SIGKILL
at each step of an export (every rename, link, COMMIT and fsync), then open the data folder
again as the next start would and check: either no bundle at the target and nothing
recorded, or a bundle at the target whose id the database records, and whose decision
imports. The next export into the same folder leaves no temporary file behind.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from decision_samples import decision_file, offices, trust_file, write
from export_worker import WorkerServer

from folder_samples import demo_folder
from full_disk import fill, tiny_tmpfs
from swdesk.bundle import verify_bundle
from swdesk.core import outfiles
from swdesk.domain.application import ApplicationState
from swdesk.domain.errors import UserFixableError
from swdesk.paths import DataLayout
from swdesk.services.backup import create_backup_file
from swdesk.services.calendar_export import CalendarEntry, export_ics
from swdesk.services.workspace import Workspace, open_workspace
from swdesk.storage.files import EvidenceStore

TODAY = date(2026, 11, 28)
APPLIED_AT = datetime(2026, 11, 28, 9, 0, 0)
posix_only = pytest.mark.skipif(os.name == "nt", reason="SIGKILL and /proc are POSIX/Linux")


@pytest.fixture(scope="module")
def demo_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo_folder(tmp_path_factory.mktemp("demo") / "data", TODAY)


def copy_of(demo_data: Path, where: Path) -> Path:
    shutil.copytree(demo_data, where, ignore=shutil.ignore_patterns("swdesk.lock"))
    return where


@pytest.fixture
def ws(demo_data: Path, tmp_path: Path) -> Iterator[Workspace]:
    workspace = open_workspace(copy_of(demo_data, tmp_path / "data"), clock=lambda: TODAY)
    yield workspace
    workspace.close()


def zhang(ws: Workspace) -> int:
    return next(p.id for p in ws.profiles.list_profiles() if p.name == "张晓梅")


def ready_draft(ws: Workspace):  # type: ignore[no-untyped-def]
    return replace(
        ws.applications.current_draft(zhang(ws)),
        declaration_accepted=True,
        declaration_accepted_at=APPLIED_AT,
    )


def latest(ws: Workspace):  # type: ignore[no-untyped-def]
    return ws.applications.history(zhang(ws))[0]


def profile_changes(ws: Workspace, pid: int) -> list[object]:
    from swdesk.storage.repositories import ProfileChangeRepository

    with ws.database.session() as session:
        return list(ProfileChangeRepository(session).list_for(pid))


def hidden(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


@pytest.fixture(scope="module")
def worker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WorkerServer]:
    with WorkerServer(tmp_path_factory.mktemp("export-worker")) as server:
        yield server


def run_worker(
    worker: WorkerServer, mode: str, data: Path, target: Path, kill_at: int
) -> tuple[int, list[str]]:
    returncode, stdout, stderr = worker.run(mode, data, target, kill_at)
    if kill_at < 0:
        assert returncode == 0, stderr
    else:
        assert returncode == -9, stderr  # killed where it was told
    return returncode, stdout.splitlines()


def assert_decision_applies(ws: Workspace, folder: Path) -> None:
    """The first-level approval of the exported application is accepted."""
    app = latest(ws)
    ws.decisions.import_trust_file(write(folder / "gansu.swdtrust", trust_file()))
    applied = ws.decisions.import_decision(
        write(folder / "first.swddec", decision_file(offices().city, app))
    )
    assert applied.application_uid == app.uid


# -- 1. what is exported is what the database records ----------------------------------------


@posix_only
@pytest.mark.slow
def test_an_export_killed_at_any_step_leaves_a_bundle_the_database_knows_or_none(
    demo_data: Path, tmp_path: Path, worker: WorkerServer
) -> None:
    dry = tmp_path / "dry"
    (dry / "usb").mkdir(parents=True)
    _, lines = run_worker(
        worker, "export", copy_of(demo_data, dry / "data"), dry / "usb" / "申请.swdapp", -1
    )
    steps = [line.split(" ", 2)[2] for line in lines if line.startswith("step ")]
    assert any(s.startswith("before-replace 申请.swdapp") for s in steps), steps
    assert "before-commit" in steps, steps
    outcomes: set[str] = set()
    for kill_at, what in enumerate(steps):
        where = f"killed at step {kill_at} ({what})"
        round_dir = tmp_path / f"round-{kill_at}"
        usb = round_dir / "usb"
        usb.mkdir(parents=True)
        target = usb / "申请.swdapp"
        data = copy_of(demo_data, round_dir / "data")
        run_worker(worker, "export", data, target, kill_at)

        ws = open_workspace(data, clock=lambda: TODAY)  # the next start
        try:
            history = ws.applications.history(zhang(ws))  # empty: killed before any save
            recorded = (
                history[0].bundle_id
                if history and history[0].state is ApplicationState.EXPORTED
                else ""
            )
            if target.exists():
                assert verify_bundle(target).bundle_id == recorded, where
                outcomes.add("published")
            elif recorded:  # committed, not yet renamed: finished by the next export
                assert ws.applications.recover_exports() == [target], where
                assert verify_bundle(target).bundle_id == recorded, where
                outcomes.add("adopted")
            else:
                assert hidden(usb) == [] or all(".partial-" in n for n in hidden(usb)), where
                outcomes.add("nothing")
            if recorded:
                assert_decision_applies(ws, round_dir)
            # the next export into that folder works and leaves nothing hidden behind
            if not recorded:
                again = ws.applications.export(ready_draft(ws), target)
                assert verify_bundle(target).bundle_id == again.bundle_id == latest(ws).bundle_id, (
                    where
                )
            assert hidden(usb) == [], where
        finally:
            ws.close()
    assert outcomes == {"published", "adopted", "nothing"}, outcomes


def test_disk_full_while_storing_the_form_leaves_no_bundle(
    ws: Workspace,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The data folder's disk is full when the generated form is stored."""
    usb = tmp_path / "usb"
    usb.mkdir()
    draft = ready_draft(ws)

    def full(*_args: object, **_kwargs: object) -> None:
        raise UserFixableError("disk_full", file="form.pdf")

    monkeypatch.setattr(EvidenceStore, "import_bytes", full)
    with pytest.raises(UserFixableError) as caught:
        ws.applications.export(draft, usb / "x.swdapp")
    assert caught.value.code == "disk_full"
    assert list(usb.iterdir()) == []
    assert latest(ws).state is ApplicationState.DRAFT and latest(ws).bundle_id == ""


def test_a_refused_commit_leaves_no_bundle(ws: Workspace, tmp_path: Path) -> None:
    from test_disk_full import commits_fail

    usb = tmp_path / "usb"
    usb.mkdir()
    draft = ws.applications.save_draft(ready_draft(ws))
    with commits_fail(ws.database), pytest.raises(Exception):  # noqa: B017, PT011
        ws.applications.export(draft, usb / "x.swdapp")
    assert list(usb.iterdir()) == []
    assert latest(ws).state is ApplicationState.DRAFT and latest(ws).bundle_id == ""


def test_a_rename_that_fails_undoes_the_record(
    ws: Workspace,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    pid = zhang(ws)
    before = ws.profiles.get_record(pid).practitioner
    changes_before = profile_changes(ws, pid)
    draft = replace(ready_draft(ws), phone="13800001111")  # a personal change to undo
    real_replace = os.replace

    def pulled_out(src: object, dst: object) -> None:
        if str(dst).endswith(".swdapp"):
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        real_replace(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(outfiles.os, "replace", pulled_out)
    with pytest.raises(UserFixableError) as caught:
        ws.applications.export(draft, usb / "x.swdapp")
    assert caught.value.code == "not_writable"
    assert caught.value.params["file"] == "x.swdapp" and caught.value.params["reason"]
    assert list(usb.iterdir()) == []
    app = latest(ws)
    assert (app.state, app.bundle_id, app.content_digest, app.exported_at) == (
        ApplicationState.DRAFT,
        "",
        "",
        None,
    )
    assert ws.profiles.get_record(pid).practitioner == before
    assert profile_changes(ws, pid) == changes_before
    monkeypatch.undo()
    result = ws.applications.export(draft, usb / "x.swdapp")  # room again: it works
    assert verify_bundle(usb / "x.swdapp").bundle_id == result.bundle_id
    assert ws.profiles.get_record(pid).practitioner.phone == "13800001111"


# -- 2. no hidden leftovers --------------------------------------------------------------------


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def plant(folder: Path, name: str, age_s: float = 0) -> Path:
    path = folder / name
    path.write_bytes(b"personal data in clear")
    if age_s:
        stamp = time.time() - age_s
        os.utime(path, (stamp, stamp))
    return path


def leftovers_for(folder: Path, suffix: str) -> dict[str, bool]:
    """Plant temporary files in `folder`; name → whether the next writer of `suffix` files
    there must remove it."""
    host = outfiles.host_tag()
    gone = dead_pid()
    names = {
        f".申请{suffix}.partial-{host}-{gone}-0a1b2c3d": True,  # its writer died here
        f".旧{suffix}.partial-0123456789ab": False,  # an older swdesk's, still fresh
        f".陈旧{suffix}.partial-ab12cd34": True,  # an older swdesk's, hours old
        ".swdesk-k3j4h5g6.tmp": True,  # an older swdesk's atomic write, hours old
        f".活{suffix}.partial-{host}-{os.getpid()}-0a1b2c3d": False,  # its writer runs
        f".别处{suffix}.partial-ffffff-{gone}-0a1b2c3d": False,  # another computer's, fresh
        f".other.pdf.partial-{host}-{gone}-0a1b2c3d": False,  # another kind of file
        ".hidden-notes": False,  # not swdesk's
        f"visible{suffix}.partial-1": False,
    }
    old = {f".陈旧{suffix}.partial-ab12cd34", ".swdesk-k3j4h5g6.tmp"}
    for name in names:
        plant(folder, name, age_s=2 * outfiles.STALE_SECONDS if name in old else 0)
    return names


def assert_swept(folder: Path, planted: dict[str, bool]) -> None:
    present = {p.name for p in folder.iterdir()}
    for name, removed in planted.items():
        assert (name not in present) is removed, name


def test_the_next_export_sweeps_leftovers_of_dead_writers(ws: Workspace, tmp_path: Path) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    planted = leftovers_for(usb, ".swdapp")
    ws.applications.export(ready_draft(ws), usb / "申请.swdapp")
    assert_swept(usb, planted)


def test_the_next_backup_sweeps_leftovers_of_dead_writers(ws: Workspace, tmp_path: Path) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    planted = leftovers_for(usb, ".swdbak")
    create_backup_file(ws.layout, usb / "备份.swdbak")
    assert_swept(usb, planted)


def test_the_next_reminders_file_sweeps_leftovers(tmp_path: Path) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    planted = leftovers_for(usb, ".ics")
    export_ics(usb / "提醒.ics", [CalendarEntry("expires", TODAY, "登记到期")], "profile-1")
    assert_swept(usb, planted)


@posix_only
def test_a_killed_backup_leaves_its_copy_only_until_the_next_backup(
    demo_data: Path, tmp_path: Path, worker: WorkerServer
) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    data = copy_of(demo_data, tmp_path / "data")
    _, lines = run_worker(worker, "backup", data, usb / "备份.swdbak", -1)
    (usb / "备份.swdbak").unlink()
    fsync_steps = [int(line.split()[1]) for line in lines if "after-fsync .备份.swdbak" in line]
    assert fsync_steps, lines
    run_worker(worker, "backup", data, usb / "备份.swdbak", fsync_steps[0])
    [left] = hidden(usb)  # the complete backup, in clear, under a hidden name
    assert left.startswith(".备份.swdbak.partial-")
    ws = open_workspace(data, clock=lambda: TODAY)
    try:
        create_backup_file(ws.layout, usb / "备份.swdbak")
    finally:
        ws.close()
    assert hidden(usb) == []
    assert [p.name for p in usb.iterdir()] == ["备份.swdbak"]


# -- 4. full, read-only, missing ----------------------------------------------------------------


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    with tiny_tmpfs(tmp_path, "3m") as mount_point:
        yield mount_point


@pytest.mark.parametrize("room_kb", [0, 4, 40, 96, 150, 160, 170])
def test_backup_onto_a_full_disk_says_disk_full(
    demo_data: Path, tiny_disk: Path, room_kb: int
) -> None:
    """The data folder and the target share one full disk: wherever it runs out (SQLite's
    snapshot and its shared-memory index included), the user reads "disk full"."""
    data = copy_of(demo_data, tiny_disk / "data")
    fill(tiny_disk, room_kb << 10)
    with pytest.raises(UserFixableError) as caught:
        create_backup_file(DataLayout(data), tiny_disk / "备份.swdbak")
    assert caught.value.code == "disk_full", caught.value.params
    assert not (tiny_disk / "备份.swdbak").exists()
    assert hidden(tiny_disk) == []


def test_backup_to_a_missing_folder_or_a_folder_that_is_a_file(
    ws: Workspace, tmp_path: Path
) -> None:
    with pytest.raises(UserFixableError) as missing:
        create_backup_file(ws.layout, tmp_path / "no" / "such" / "备份.swdbak")
    assert missing.value.code == "folder_missing"
    assert missing.value.params["path"] == str(tmp_path / "no" / "such")
    with pytest.raises(UserFixableError) as is_dir:
        create_backup_file(ws.layout, tmp_path)
    assert is_dir.value.code == "not_writable"


@pytest.mark.parametrize(
    ("number", "code"),
    [
        (errno.ENOSPC, "disk_full"),
        (errno.EDQUOT, "disk_full"),
        (errno.EROFS, "not_writable"),
        (errno.EACCES, "not_writable"),
        (errno.EIO, "not_writable"),
        (errno.EEXIST, "file_exists"),
    ],
)
def test_output_errors_are_worded_by_cause(tmp_path: Path, number: int, code: str) -> None:
    error = outfiles.output_error(OSError(number, os.strerror(number)), tmp_path / "a.swddec")
    assert error.code == code
    assert error.params["file"] == "a.swddec" and error.params["reason"]
    gone = outfiles.output_error(OSError(errno.ENOENT, "x"), tmp_path / "gone" / "a.swddec")
    assert (gone.code, gone.params["path"]) == ("folder_missing", str(tmp_path / "gone"))
