"""Importing real bundles into the reviewer's database: one, several, a folder, duplicates,
versions and resubmissions, cancelling, the report, and the automatic checks."""

from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from bundle_variants import application_of, rewrite
from review_samples import (
    TODAY,
    SampleBundles,
    ServerOffices,
    copied_office,
    replace_stored_bytes,
    stored_bytes,
    stored_files,
    table_counts,
)

from folder_samples import FolderTemplates
from swdesk.bundle import verify_bundle
from swdesk.services.review import (
    CHECK_CODES,
    ImportOutcome,
    QueueFilter,
    ReviewState,
    ReviewWorkspace,
    review_root,
)


@pytest.fixture
def city(
    folder_templates: FolderTemplates, tmp_path: Path, servers: ServerOffices | None
) -> Iterator[ReviewWorkspace]:
    """A city office, in a folder or on the tests' PostgreSQL server (`review_engine`)."""
    workspace = copied_office(folder_templates, review_root(tmp_path / "city"), servers=servers)
    yield workspace
    workspace.close()


def by_file(entries: tuple[ImportOutcome, ...]) -> dict[str, ImportOutcome]:
    return {Path(e.file).name: e for e in entries}


def test_import_one_bundle(city: ReviewWorkspace, sample_bundles: SampleBundles) -> None:
    path = sample_bundles.ordinary[2]
    report = city.service.import_files([path])
    (entry,) = report.entries
    assert (entry.status, entry.code, entry.file) == ("imported", "", str(path))
    verified = verify_bundle(path)
    assert stored_files(city) == [f"{verified.bundle_id}.swdapp"]
    assert stored_bytes(city, f"{verified.bundle_id}.swdapp") == path.read_bytes()
    detail = city.service.detail(entry.application_id)
    assert detail.application == verified.application
    assert detail.bundle_id == verified.bundle_id
    assert [m.name for m in detail.members] == [m.name for m in verified.members]
    assert [c.code for c in detail.checks] == list(CHECK_CODES)
    assert all(c.passed for c in detail.checks), detail.checks
    row = detail.row
    assert row.state is ReviewState.PENDING and not row.overdue
    assert row.applicant_name == verified.application["applicant"]["name"]
    assert "********" in row.masked_id_number
    assert (row.county, row.county_name) == ("620826", "静宁县")
    assert detail.history[0].relation == "this"
    for member in detail.members:
        assert city.service.member_bytes(entry.application_id, member.name) == verified.read_member(
            member.name
        )


def test_import_several_files_and_a_folder(
    city: ReviewWorkspace, sample_bundles: SampleBundles, tmp_path: Path
) -> None:
    folder = tmp_path / "usb"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(sample_bundles.ordinary[0], folder / "a.SWDAPP")
    shutil.copy(sample_bundles.ordinary[1], folder / "sub" / "b.swdapp")
    (folder / "notes.txt").write_text("not a bundle")
    (folder / ".hidden.swdapp").write_bytes(b"junk")
    assert [p.name for p in city.service.expand_paths([folder])] == ["a.SWDAPP", "b.swdapp"]
    report = city.service.import_files([folder, sample_bundles.late])
    assert report.counts() == {"imported": 3, "duplicate": 0, "refused": 0, "cancelled": 0}
    assert city.service.queue_count() == 3
    assert len(report.imported_ids) == 3


def test_the_same_bundle_twice_is_recognised(
    city: ReviewWorkspace, sample_bundles: SampleBundles, tmp_path: Path
) -> None:
    path = sample_bundles.ordinary[1]
    copy = tmp_path / "copy-from-email.swdapp"
    shutil.copy(path, copy)
    first = city.service.import_files([path]).entries[0]
    before = table_counts(city)
    report = city.service.import_files([path, copy])
    assert [e.status for e in report.entries] == ["duplicate", "duplicate"]
    assert {e.application_id for e in report.entries} == {first.application_id}
    assert table_counts(city) == before
    assert len(stored_files(city)) == 1


def test_a_new_version_supersedes_the_pending_one(
    city: ReviewWorkspace, sample_bundles: SampleBundles
) -> None:
    first = city.service.import_files([sample_bundles.first_version]).entries[0]
    second = city.service.import_files([sample_bundles.second_version]).entries[0]
    detail = city.service.detail(second.application_id)
    assert detail.row.version == 2
    assert [(h.application_id, h.relation) for h in detail.history] == [
        (first.application_id, "version"),
        (second.application_id, "this"),
    ]
    assert city.service.detail(first.application_id).row.state is ReviewState.SUPERSEDED
    assert not city.service.detail(first.application_id).decidable
    assert city.service.queue_count() == 1  # superseded versions are hidden by default
    assert city.service.queue_count(QueueFilter(hide_superseded=False)) == 2
    assert city.service.find(detail.row.uid) == second.application_id


def test_an_older_version_imported_later_arrives_superseded(
    city: ReviewWorkspace, sample_bundles: SampleBundles
) -> None:
    report = city.service.import_files(
        [sample_bundles.second_version, sample_bundles.first_version]
    )
    newer, older = (e.application_id for e in report.entries)
    assert city.service.detail(older).row.state is ReviewState.SUPERSEDED
    assert city.service.detail(newer).row.state is ReviewState.PENDING


def test_a_resubmission_is_linked_to_the_rejected_application(
    city: ReviewWorkspace, sample_bundles: SampleBundles
) -> None:
    rejected = city.service.import_files([sample_bundles.rejected]).entries[0]
    [result] = city.service.decide(
        [rejected.application_id], "rejected", [("material_unclear", "证书扫描件模糊")]
    )
    assert result.status == "decided"
    again = city.service.import_files([sample_bundles.resubmission]).entries[0]
    detail = city.service.detail(again.application_id)
    assert detail.application["resubmission_of"] == detail.history[0].uid
    assert [(h.application_id, h.relation) for h in detail.history] == [
        (rejected.application_id, "resubmission"),
        (again.application_id, "this"),
    ]
    old = detail.history[0]
    assert old.state is ReviewState.FIRST_REJECTED
    assert [d.reasons for d in old.decisions] == [(("material_unclear", "证书扫描件模糊"),)]
    # and seen from the rejected one, the resubmission is in its history too
    assert [h.relation for h in city.service.detail(rejected.application_id).history] == [
        "this",
        "resubmission",
    ]


def test_progress_and_cancel_after_the_current_file(
    city: ReviewWorkspace, sample_bundles: SampleBundles
) -> None:
    calls: list[tuple[int, int, str]] = []

    def progress(done: int, total: int, name: str) -> bool:
        calls.append((done, total, name))
        return done < 2

    files = list(sample_bundles.ordinary)
    report = city.service.import_files(files, progress)
    assert [e.status for e in report.entries] == ["imported", "imported", "cancelled", "cancelled"]
    assert [c[:2] for c in calls] == [(1, 4), (2, 4)]
    assert city.service.queue_count() == 2
    # the cancelled ones import fine later
    assert city.service.import_files(files).counts()["imported"] == 2


def test_the_report_exports_as_csv_for_excel(
    city: ReviewWorkspace, sample_bundles: SampleBundles, tmp_path: Path
) -> None:
    bad = tmp_path / "坏文件.swdapp"
    bad.write_bytes(b"this is not a zip")
    report = city.service.import_files([sample_bundles.ordinary[0], bad])
    data = report.to_csv()
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][0].startswith("文件")
    assert len(rows) == 3
    refused = next(r for r in rows if r[2] == "refused")
    assert refused[0].endswith("坏文件.swdapp") and refused[3] == "not_a_bundle"
    assert "reason=" in refused[4]


# -- automatic checks ----------------------------------------------------------------------


def checks_of(workspace: ReviewWorkspace, path: Path) -> dict[str, tuple[bool, dict]]:  # type: ignore[type-arg]
    entry = workspace.service.import_files([path]).entries[0]
    assert entry.status == "imported", entry
    detail = workspace.service.detail(entry.application_id)
    return {c.code: (c.passed, c.params) for c in detail.checks}


def test_a_late_application_is_checked_against_the_late_rules(
    city: ReviewWorkspace, sample_bundles: SampleBundles
) -> None:
    checks = checks_of(city, sample_bundles.late)
    assert all(passed for passed, _ in checks.values()), checks
    # the late 120 hours are an assumption of the Gansu pack: named, not required
    hours = checks["hours_requirement"][1]
    assert (hours["required"], hours["assumed_required"]) == ("90", "120")
    assert checks["window"][1]["late"] is True


def test_failing_checks(
    city: ReviewWorkspace, sample_bundles: SampleBundles, tmp_path: Path
) -> None:
    source = sample_bundles.ordinary[0]
    app = application_of(source)
    app["applicant"]["id_number"] = app["applicant"]["id_number"][:17] + (
        "0" if app["applicant"]["id_number"][17] != "0" else "1"
    )
    app["hours"]["counted"] = "200"
    first = app["activities"][0]
    registration_start = date.fromisoformat(app["registration"]["valid_from"])
    first["start_date"] = first["end_date"] = (registration_start - timedelta(days=5)).isoformat()
    # declared before the window opened: the office judges by the day received (in the
    # window), and the declaration date far from it is flagged
    app["declaration"]["accepted_at"] = "2025-06-01T09:00:00"
    checks = checks_of(city, rewrite(source, tmp_path / "changed.swdapp", application=app))
    assert not checks["id_check_digit"][0]
    assert checks["id_check_digit"][1]["issues"] == ["id_check_digit"]
    assert not checks["hours_requirement"][0]
    assert checks["hours_requirement"][1]["claimed"] == "200"
    assert not checks["activities_in_cycle"][0]
    assert checks["activities_in_cycle"][1]["outside"] == [0]
    assert checks["window"][0]
    assert checks["window"][1]["applied_on"] == TODAY.isoformat()
    declared = checks["declaration_date"]
    assert not declared[0] and declared[1]["problem"] == "long_before"
    assert declared[1]["declared_on"] == "2025-06-01"
    # the form still shows the exported data, so the PDF no longer matches the JSON
    assert not checks["pdf_matches_json"][0]
    assert set(checks["pdf_matches_json"][1]["mismatch"]) == {"id_number", "hours"}
    assert checks["materials_present"][0] and checks["photo_acceptable"][0]
    row = city.service.queue_page()[0]
    assert row.checks_failed == 5


def test_a_small_photo_fails_its_check(
    city: ReviewWorkspace, sample_bundles: SampleBundles, tmp_path: Path
) -> None:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (120, 160), (200, 200, 200)).save(out, "JPEG")
    path = rewrite(
        sample_bundles.ordinary[0], tmp_path / "small.swdapp", replace={"photo.jpg": out.getvalue()}
    )
    checks = checks_of(city, path)
    assert checks["photo_acceptable"] == (
        False,
        {
            "problem": "photo_too_small",
            "min_width": 240,
            "min_height": 320,
            "width": 120,
            "height": 160,
        },
    )


def test_a_late_application_without_explanation_fails_the_window(
    city: ReviewWorkspace, sample_bundles: SampleBundles, tmp_path: Path
) -> None:
    app = application_of(sample_bundles.late)
    app["late_explanation"] = ""
    checks = checks_of(city, rewrite(sample_bundles.late, tmp_path / "x.swdapp", application=app))
    assert checks["window"][1]["problem"] == "late_explanation_missing"
    assert checks["materials_present"][1]["missing"] == ["late_explanation"]


def test_the_stored_copy_is_checked_again_when_read(
    city: ReviewWorkspace, sample_bundles: SampleBundles
) -> None:
    from swdesk.bundle import BundleError

    entry = city.service.import_files([sample_bundles.ordinary[0]]).entries[0]
    assert entry.application_id is not None
    stored = city.service.stored_name(entry.application_id)
    data = bytearray(stored_bytes(city, stored))
    position = data.find(b"%PDF-")
    data[position + 100] ^= 1
    replace_stored_bytes(city, stored, bytes(data))
    with pytest.raises(BundleError) as caught:
        city.service.member_bytes(entry.application_id, "form.pdf")
    assert caught.value.code == "member_hash_mismatch"
