"""The import's worker processes (`check_pool`): many files are verified and checked in
them while the importer stores the files before; the processes are kept from batch to batch
and import to import, and stopped when the workspace closes; a worker that dies costs no
file its verdict and crashes nothing; a cancel leaves nothing behind."""

from __future__ import annotations

import gc
import multiprocessing
import os
import shutil
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from pool_work import dies_on_crash_files
from review_samples import (
    TODAY,
    SampleBundles,
    ServerOffices,
    copied_office,
    stored_files,
    table_counts,
)

from folder_samples import FolderTemplates
from swdesk.bundle import verify_bundle
from swdesk.reviewstore.vocabulary import ReviewStage
from swdesk.rulepacks import load_pack
from swdesk.rulepacks.calendar import shipped_calendar
from swdesk.services.review import (
    ReviewState,
    ReviewWorkspace,
    batch_import,
    check_pool,
    review_root,
)
from swdesk.services.review.check_pool import CheckPool, checked_in_order
from swdesk.services.review.file_check import CheckJob
from swdesk.services.review.verifying import CopyPlace


@pytest.fixture
def city(
    folder_templates: FolderTemplates, tmp_path: Path, servers: ServerOffices | None
) -> Iterator[ReviewWorkspace]:
    """A city office, in a folder or on the tests' PostgreSQL server (`review_engine`)."""
    workspace = copied_office(folder_templates, review_root(tmp_path / "city"), servers=servers)
    yield workspace
    workspace.close()


@pytest.fixture
def pooled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Imports of two files or more go through the worker processes, two files a batch."""
    monkeypatch.setattr(check_pool, "POOL_MIN_FILES", 2)
    monkeypatch.setattr(batch_import, "BATCH_FILES", 2)


def _distinct(sample_bundles: SampleBundles, folder: Path) -> list[Path]:
    """The sample bundles of distinct applications, copied into `folder`."""
    folder.mkdir(parents=True)
    paths = [
        *sample_bundles.ordinary,
        sample_bundles.late,
        sample_bundles.second_version,
        sample_bundles.resubmission,
    ]
    copies = []
    for index, path in enumerate(paths):
        copies.append(folder / f"{index:02d}-{path.name}")
        shutil.copy(path, copies[-1])
    return copies


def _workers() -> set[int]:
    return {process.pid for process in multiprocessing.active_children() if process.pid}


def _leftover_copies(city: ReviewWorkspace) -> list[str]:
    scratch = city.bundles.scratch_dir if city.bundles is not None else None
    assert scratch is not None
    return sorted(p.name for p in scratch.iterdir() if p.name.endswith(".tmp"))


@pytest.mark.usefixtures("pooled")
def test_the_workers_are_kept_across_batches_and_imports_and_stopped_on_close(
    city: ReviewWorkspace,
    sample_bundles: SampleBundles,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # the workers start as in the app (the other tests fork them from the tests' fork server)
    monkeypatch.setattr(check_pool, "START_METHOD", "spawn")
    files = _distinct(sample_bundles, tmp_path / "usb")
    before = _workers()
    seen: list[set[int]] = []

    def progress(done: int, total: int, name: str) -> bool:
        seen.append(_workers() - before)
        return True

    first = city.service.import_files(files[:5], progress)
    assert [e.status for e in first.entries] == ["imported"] * 5  # in three batches
    workers = seen[0]
    assert len(workers) == min(2, os.cpu_count() or 1) and all(s == workers for s in seen)
    second = city.service.import_files(files[5:], progress)
    assert [e.status for e in second.entries] == ["imported"] * (len(files) - 5)
    assert all(s == workers for s in seen)  # the same processes, not new ones
    counts = table_counts(city)
    assert counts["applications"] == len(files)
    ids = {verify_bundle(path).bundle_id for path in files}
    assert set(stored_files(city)) == {f"{bundle_id}.swdapp" for bundle_id in ids}
    assert _leftover_copies(city) == []
    city.close()
    assert not (_workers() & workers)  # stopped when the workspace closed


@pytest.mark.usefixtures("pooled")
def test_the_heap_is_frozen_while_files_are_imported_and_not_after(
    city: ReviewWorkspace, sample_bundles: SampleBundles, tmp_path: Path
) -> None:
    """A full garbage collection in the importer's process would hold the GIL while the
    workers wait for files: during an import it visits only what the import made
    (`core.gc_pause`), and afterwards everything again."""
    files = _distinct(sample_bundles, tmp_path / "usb")
    frozen: list[int] = []

    def progress(done: int, total: int, name: str) -> bool:
        frozen.append(gc.get_freeze_count())
        return True

    report = city.service.import_files(files, progress)
    assert [e.status for e in report.entries] == ["imported"] * len(files)
    assert len(frozen) == len(files) and all(count > 0 for count in frozen)
    assert gc.get_freeze_count() == 0


@pytest.mark.usefixtures("pooled")
def test_cancel_in_the_middle_of_a_batch_leaves_nothing_of_the_files_checked_ahead(
    city: ReviewWorkspace, sample_bundles: SampleBundles, tmp_path: Path
) -> None:
    files = _distinct(sample_bundles, tmp_path / "usb")
    calls: list[int] = []

    def progress(done: int, total: int, name: str) -> bool:
        calls.append(done)
        return done < 3  # the third file is the first of the second batch

    report = city.service.import_files(files, progress)
    statuses = [e.status for e in report.entries]
    assert statuses == ["imported"] * 3 + ["cancelled"] * (len(files) - 3)
    assert calls == [1, 2, 3]
    assert table_counts(city)["applications"] == 3
    assert len(stored_files(city)) == 3
    assert _leftover_copies(city) == []  # the copies checked ahead were deleted
    again = city.service.import_files(files)
    assert again.counts() == {
        "imported": len(files) - 3,
        "duplicate": 3,
        "refused": 0,
        "cancelled": 0,
    }


@pytest.mark.usefixtures("pooled")
# killing worker processes is the same on both engines: the folder office is enough
@pytest.mark.parametrize("review_engine", ["sqlite"], indirect=True)
def test_workers_killed_during_an_import_cost_no_file_its_import(
    city: ReviewWorkspace, sample_bundles: SampleBundles, tmp_path: Path
) -> None:
    files = _distinct(sample_bundles, tmp_path / "usb")
    before = _workers()
    killed: list[int] = []

    def progress(done: int, total: int, name: str) -> bool:
        if done in (1, 4):  # in the first batch and in a later one
            for pid in _workers() - before:
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)
        return True

    report = city.service.import_files(files, progress)
    assert killed
    assert [e.status for e in report.entries] == ["imported"] * len(files)
    assert table_counts(city)["applications"] == len(files)
    stored = stored_files(city)
    final = [name for name in stored if not name.startswith(".")]
    assert len(final) == len(files)
    # what a killed worker was copying stays under a temporary name: the sweep at the next
    # opening removes it (no journal entry names it)
    leftovers = [name for name in stored if name.startswith(".")]
    assert all(name.startswith(".swdesk-") and name.endswith(".tmp") for name in leftovers)
    assert city.service.audit_verify().ok
    # the import after it starts the workers again
    assert city.service.import_files(files).counts()["duplicate"] == len(files)


def test_a_file_whose_check_kills_its_worker_is_refused_alone(
    sample_bundles: SampleBundles, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    folder = tmp_path / "usb"
    folder.mkdir()
    names = ["a.swdapp", "crash.swdapp", "b.swdapp", "c.swdapp"]
    paths = []
    for name, source in zip(names, sample_bundles.ordinary, strict=True):
        paths.append(folder / name)
        shutil.copy(source, paths[-1])
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    pool = CheckPool(work=dies_on_crash_files)
    pack, days = load_pack("gansu"), shipped_calendar().declaration_received_max_days

    def job_of(path: Path) -> CheckJob:
        return CheckJob(path, ReviewStage.FIRST, CopyPlace(scratch, tmp_path), pack, TODAY, days)

    try:
        results = list(checked_in_order(pool, paths, job_of))
    finally:
        pool.close()
    assert [r.path for r in results] == paths
    crashed = results[1]
    assert crashed.verified is None and crashed.refused is not None
    assert (crashed.refused.code, crashed.refused.params) == (
        "import_failed",
        {"reason": "worker_stopped"},
    )
    for result in (results[0], *results[2:]):
        assert result.refused is None and result.verified is not None
        assert all(check.code for check in result.checks)
        result.verified.temp.unlink()
    assert pool.starts >= 2  # started again after the crash
    assert "crash.swdapp" not in caplog.text


def test_files_of_one_batch_that_depend_on_each_other_are_stored_one_by_one(
    city: ReviewWorkspace, sample_bundles: SampleBundles, tmp_path: Path
) -> None:
    """A bundle twice, two versions of one application and a resubmission of an
    application in the same batch: stored as if imported one after the other."""
    folder = tmp_path / "usb"
    folder.mkdir()
    order = [
        sample_bundles.first_version,
        sample_bundles.second_version,
        sample_bundles.rejected,
        sample_bundles.resubmission,
        sample_bundles.late,
    ]
    files = []
    for index, source in enumerate(order):
        files.append(folder / f"{index:02d}-{source.name}")
        shutil.copy(source, files[-1])
    files.append(folder / "99-again.swdapp")
    shutil.copy(sample_bundles.late, files[-1])
    report = city.service.import_files(files)
    assert [e.status for e in report.entries] == ["imported"] * 5 + ["duplicate"]
    assert report.entries[5].application_id == report.entries[4].application_id
    first, second, rejected, resubmission = (e.application_id for e in report.entries[:4])
    assert city.service.detail(first).row.state is ReviewState.SUPERSEDED
    assert city.service.detail(second).row.state is ReviewState.PENDING
    history = {h.relation for h in city.service.detail(resubmission).history}
    assert rejected is not None and len(history) > 1
    assert city.service.audit_verify().ok
    assert len(stored_files(city)) == 5
