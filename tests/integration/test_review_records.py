"""The reviewer's check of the providers' signed attendance records a bundle carries
("provider_records"), on real bundles: verified by a provider of the trust list, not
verified when the list does not name it, and every hostile record (forged, edited, replayed
by another applicant, another person's, wrongly attributed, not the activity's) marked with
its reason while the rest of the bundle is imported whole; the verdicts stored with the
application (SQLite and PostgreSQL) for the detail view and for the search by a
certificate's QR code."""

from __future__ import annotations

import hashlib
import json
import shutil
import zipfile
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from bundle_variants import rebuild
from record_samples import (
    ASSOCIATION,
    IMPOSTOR,
    UNIVERSITY,
    application_of,
    record_for,
    record_id_of,
    renamed_key,
    trust_providers,
    with_records,
)
from review_samples import SampleBundles, ServerOffices, copied_office

from folder_samples import FolderTemplates
from swdesk.domain.enums import ActivityType, ContentArea
from swdesk.services.review import (
    CHECK_CODES,
    ApplicationDetail,
    QueueFilter,
    ReviewWorkspace,
    review_root,
)
from swdesk.signing.ce_record import qr_payload


def _office(
    templates: FolderTemplates, tmp_path: Path, servers: ServerOffices | None
) -> ReviewWorkspace:
    workspace = copied_office(templates, review_root(tmp_path / "city"), servers=servers)
    trust_providers(workspace, tmp_path, [ASSOCIATION])
    return workspace


@pytest.fixture
def city(folder_templates: FolderTemplates, tmp_path: Path) -> Iterator[ReviewWorkspace]:
    """A city office in a folder whose trust list names the association (not the
    university)."""
    workspace = _office(folder_templates, tmp_path, None)
    yield workspace
    workspace.close()


@pytest.fixture
def any_city(
    folder_templates: FolderTemplates, tmp_path: Path, servers: ServerOffices | None
) -> Iterator[ReviewWorkspace]:
    """The same, in a folder or on the tests' PostgreSQL server (`review_engine`)."""
    workspace = _office(folder_templates, tmp_path, servers)
    yield workspace
    workspace.close()


@pytest.fixture
def zhang(sample_bundles: SampleBundles) -> Path:
    return sample_bundles.ordinary[0]


def imported(workspace: ReviewWorkspace, path: Path) -> ApplicationDetail:
    entry = workspace.service.import_files([path]).entries[0]
    assert entry.status == "imported", entry
    assert entry.application_id is not None
    return workspace.service.detail(entry.application_id)


def records_check(detail: ApplicationDetail) -> tuple[bool, dict[str, Any]]:
    (check,) = [c for c in detail.checks if c.code == "provider_records"]
    return check.passed, check.params


def whole(detail: ApplicationDetail, source: Path) -> None:
    """Nothing else of the bundle was lost: every member stored, every check made."""
    assert [c.code for c in detail.checks] == list(CHECK_CODES)
    listed = json.loads(_manifest(source))["members"]
    assert [m.name for m in detail.members] == [m["name"] for m in listed]


def _manifest(path: Path) -> bytes:
    with zipfile.ZipFile(path) as archive:
        return archive.read("manifest.json")


def id_number(path: Path) -> str:
    return str(application_of(path)["applicant"]["id_number"])


def total_hours(path: Path) -> Decimal:
    return sum((Decimal(a["hours"]) for a in application_of(path)["activities"]), Decimal(0))


# -- verified and not verified ------------------------------------------------------------


def test_a_record_of_a_trusted_provider_is_verified_and_stored(
    any_city: ReviewWorkspace, zhang: Path, tmp_path: Path
) -> None:
    app = application_of(zhang)
    record = record_for(app["activities"][0], id_number(zhang))
    bundle = with_records(zhang, tmp_path / "recorded.swdapp", {0: record})
    detail = imported(any_city, bundle)
    passed, params = records_check(detail)
    hours = app["activities"][0]["hours"]
    assert passed
    assert (params["verified_hours"], params["total_hours"]) == (hours, str(total_hours(zhang)))
    assert (params["verified"], params["not_verified"], params["failed"]) == (1, 0, 0)
    (verdict,) = detail.records
    assert (verdict.activity, verdict.status, verdict.provider) == (
        0,
        "verified",
        "甘肃省社会工作协会",
    )
    assert verdict.record_id == record_id_of(record)
    whole(detail, bundle)


def test_a_record_of_a_provider_the_list_does_not_name_is_not_verified(
    city: ReviewWorkspace, zhang: Path, tmp_path: Path
) -> None:
    app = application_of(zhang)
    record = record_for(app["activities"][1], id_number(zhang), UNIVERSITY)
    bundle = with_records(
        zhang, tmp_path / "university.swdapp", {1: record}, organiser=UNIVERSITY.identity.name
    )
    detail = imported(city, bundle)
    passed, params = records_check(detail)
    assert passed and params["verified_hours"] == "0" and params["not_verified"] == 1
    assert (detail.records[0].status, detail.records[0].reason) == ("not_verified", "")
    whole(detail, bundle)


def test_a_bundle_without_records_reports_no_verified_hours(
    city: ReviewWorkspace, zhang: Path
) -> None:
    detail = imported(city, zhang)
    passed, params = records_check(detail)
    assert passed and params["records"] == 0
    assert (params["verified_hours"], params["total_hours"]) == ("0", str(total_hours(zhang)))
    assert detail.records == ()


# -- hostile records ------------------------------------------------------------------------


def _failed(workspace: ReviewWorkspace, bundle: Path) -> tuple[str, str]:
    detail = imported(workspace, bundle)
    passed, params = records_check(detail)
    assert not passed and params["failed"] == 1
    (verdict,) = detail.records
    assert verdict.status == "failed"
    assert params["failures"] == [[verdict.activity, verdict.reason, verdict.detail]]
    whole(detail, bundle)
    assert detail.row.checks_failed >= 1
    return verdict.reason, verdict.detail


def test_a_record_signed_with_another_key_in_the_providers_name_is_refused(
    city: ReviewWorkspace, zhang: Path, tmp_path: Path
) -> None:
    forged = record_for(application_of(zhang)["activities"][0], id_number(zhang), IMPOSTOR)
    bundle = with_records(zhang, tmp_path / "forged.swdapp", {0: forged})
    assert _failed(city, bundle) == ("wrong_provider", "")


def test_a_record_whose_signature_was_replaced_fails_its_signature(
    city: ReviewWorkspace, zhang: Path, tmp_path: Path
) -> None:
    activity = application_of(zhang)["activities"][0]
    good = json.loads(record_for(activity, id_number(zhang)))
    other = json.loads(
        record_for(
            activity, id_number(zhang), record_id=good["record"]["record_id"], hours=Decimal("0.5")
        )
    )
    good["signature"] = other["signature"]  # a real signature, of other content
    forged = (
        json.dumps(good, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"
    ).encode()
    bundle = with_records(zhang, tmp_path / "resigned.swdapp", {0: forged})
    assert _failed(city, bundle) == ("bad_signature", "")


@pytest.mark.parametrize(
    ("edit", "reason"),
    [
        (lambda data: data.replace(b'"hours":"12"', b'"hours":"92"'), "bad_signature"),
        (lambda data: data.replace(b'"format_version":1', b'"format_version": 1'), "invalid"),
        (lambda data: data[:-2] + b"\n", "invalid"),
        (lambda data: data.replace(b'},"signature"', b',"x":1},"signature"'), "invalid"),
    ],
    ids=["hours-raised", "not-canonical", "truncated", "extra-key"],
)
def test_an_edited_record_is_refused(
    city: ReviewWorkspace, zhang: Path, tmp_path: Path, edit: Any, reason: str
) -> None:
    activity = application_of(zhang)["activities"][0]
    assert activity["hours"] == "12"
    edited = edit(record_for(activity, id_number(zhang)))
    bundle = with_records(zhang, tmp_path / "edited.swdapp", {0: edited})
    assert _failed(city, bundle)[0] == reason


def test_another_persons_record_is_refused(
    city: ReviewWorkspace, zhang: Path, tmp_path: Path
) -> None:
    activity = application_of(zhang)["activities"][0]
    theirs = record_for(activity, "11010519491231002X", attendee="李四")
    bundle = with_records(zhang, tmp_path / "theirs.swdapp", {0: theirs})
    assert _failed(city, bundle) == ("other_person", "")


def test_a_record_naming_a_trusted_key_under_another_name_is_refused(
    city: ReviewWorkspace, zhang: Path, tmp_path: Path
) -> None:
    renamed = renamed_key(ASSOCIATION, "甘肃省社会工作者协会")
    record = record_for(application_of(zhang)["activities"][0], id_number(zhang), renamed)
    bundle = with_records(
        zhang, tmp_path / "renamed.swdapp", {0: record}, organiser=renamed.identity.name
    )
    assert _failed(city, bundle) == ("wrong_provider", "")


def _other(enum: Any, value: str) -> Any:
    return next(member for member in enum if member.value != value)


@pytest.mark.parametrize(
    "field",
    ["title", "organiser", "activity_type", "content_area", "start_date", "end_date", "hours"],
)
def test_a_record_that_is_not_the_activitys_course_names_the_field(
    city: ReviewWorkspace, zhang: Path, tmp_path: Path, field: str
) -> None:
    activity = application_of(zhang)["activities"][0]
    start, end = (
        date.fromisoformat(activity["start_date"]),
        date.fromisoformat(activity["end_date"]),
    )
    changes: dict[str, Any] = {
        "title": {"title": activity["title"] + "（下）"},
        "organiser": {},
        "activity_type": {"activity_type": _other(ActivityType, activity["activity_type"])},
        "content_area": {"content_area": _other(ContentArea, activity["content_area"])},
        "start_date": {"start_date": start - timedelta(days=1)},
        "end_date": {"end_date": end + timedelta(days=1)},
        "hours": {"hours": Decimal(activity["hours"]) - Decimal("0.5")},
    }[field]
    record = record_for(activity, id_number(zhang), **changes)
    organiser = "平凉市民政局" if field == "organiser" else ASSOCIATION.identity.name
    bundle = with_records(zhang, tmp_path / f"{field}.swdapp", {0: record}, organiser=organiser)
    assert _failed(city, bundle) == ("mismatch", field)


def test_a_record_under_another_records_name_is_invalid(
    city: ReviewWorkspace, zhang: Path, tmp_path: Path
) -> None:
    activity = application_of(zhang)["activities"][0]
    record = record_for(activity, id_number(zhang))
    other = "records/00000000-0000-4000-8000-000000000001.swdce"
    bundle = with_records(zhang, tmp_path / "moved.swdapp", {0: record}, names={0: other})
    assert _failed(city, bundle) == ("invalid", "record_id")


def test_a_member_that_only_starts_like_a_record_is_invalid(
    city: ReviewWorkspace, zhang: Path, tmp_path: Path
) -> None:
    other = "records/00000000-0000-4000-8000-000000000002.swdce"
    junk = b'{"format":"swdesk-ce-record","format_version":1,"record":' + b"[" * 64
    bundle = with_records(zhang, tmp_path / "junk.swdapp", {0: junk}, names={0: other})
    assert _failed(city, bundle) == ("invalid", "")


# -- replayed records ----------------------------------------------------------------------


def test_a_record_used_by_another_application_is_replayed(
    any_city: ReviewWorkspace, sample_bundles: SampleBundles, tmp_path: Path
) -> None:
    zhang, other = sample_bundles.ordinary[0], sample_bundles.ordinary[1]
    activity = application_of(zhang)["activities"][0]
    record = record_for(activity, id_number(zhang))
    first = imported(any_city, with_records(zhang, tmp_path / "first.swdapp", {0: record}))
    assert records_check(first)[0]

    # the same record file in another applicant's bundle, for an activity made to match
    def same_course(app: dict[str, Any]) -> None:
        app["activities"][0].update(
            {
                k: activity[k]
                for k in (
                    "title",
                    "activity_type",
                    "content_area",
                    "start_date",
                    "end_date",
                    "hours",
                )
            }
        )

    replay = with_records(other, tmp_path / "replay.swdapp", {0: record}, edit=same_course)
    reason, detail = _failed(any_city, replay)
    assert (reason, detail) == ("replayed", application_of(zhang)["application"]["uid"])
    # the first application keeps its verified record
    again = any_city.service.detail(first.row.id, opened=False)
    assert again.records[0].status == "verified"


def test_a_new_version_of_the_same_application_may_carry_its_record_again(
    city: ReviewWorkspace, sample_bundles: SampleBundles, tmp_path: Path
) -> None:
    first, second = sample_bundles.first_version, sample_bundles.second_version
    activity = application_of(first)["activities"][0]
    record = record_for(activity, id_number(first))
    one = imported(city, with_records(first, tmp_path / "v1.swdapp", {0: record}))
    two = imported(city, with_records(second, tmp_path / "v2.swdapp", {0: record}))
    assert one.row.uid == two.row.uid
    assert records_check(two)[0] and two.records[0].status == "verified"


def test_a_resubmission_may_carry_the_record_of_the_application_it_resubmits(
    city: ReviewWorkspace, sample_bundles: SampleBundles, tmp_path: Path
) -> None:
    """A rejected application's resubmission carries the same activities again (another
    uid, linked by resubmission_of): not a replay."""
    rejected, resubmission = sample_bundles.rejected, sample_bundles.resubmission
    activity = application_of(rejected)["activities"][0]
    record = record_for(activity, id_number(rejected), attendee="刘喆")
    imported(city, with_records(rejected, tmp_path / "rejected.swdapp", {0: record}))
    again = imported(city, with_records(resubmission, tmp_path / "again.swdapp", {0: record}))
    assert (
        application_of(resubmission)["resubmission_of"]
        == application_of(rejected)["application"]["uid"]
    )
    assert records_check(again)[0] and again.records[0].status == "verified"


def test_a_record_in_two_bundles_of_one_import_is_replayed_in_the_second(
    city: ReviewWorkspace, sample_bundles: SampleBundles, tmp_path: Path
) -> None:
    zhang, other = sample_bundles.ordinary[0], sample_bundles.ordinary[2]
    activity = application_of(zhang)["activities"][0]
    record = record_for(activity, id_number(zhang))

    def same_course(app: dict[str, Any]) -> None:
        app["activities"][0].update(
            {
                k: activity[k]
                for k in (
                    "title",
                    "activity_type",
                    "content_area",
                    "start_date",
                    "end_date",
                    "hours",
                )
            }
        )

    usb = tmp_path / "usb"
    usb.mkdir()
    with_records(zhang, usb / "a.swdapp", {0: record})
    with_records(other, usb / "b.swdapp", {0: record}, edit=same_course)
    shutil.copy(sample_bundles.ordinary[1], usb / "c.swdapp")  # no records: stored together
    report = city.service.import_files([usb])
    assert report.counts()["imported"] == 3
    by_name = {Path(e.file).name: e.application_id for e in report.entries}
    a = city.service.detail(by_name["a.swdapp"])
    b = city.service.detail(by_name["b.swdapp"])
    assert a.records[0].status == "verified"
    assert (b.records[0].status, b.records[0].reason, b.records[0].detail) == (
        "failed",
        "replayed",
        a.row.uid,
    )


# -- the search by a certificate's QR code -------------------------------------------------


def test_a_certificates_qr_text_finds_the_application_holding_its_record(
    any_city: ReviewWorkspace, sample_bundles: SampleBundles, tmp_path: Path
) -> None:
    zhang = sample_bundles.ordinary[0]
    record = record_for(application_of(zhang)["activities"][0], id_number(zhang))
    detail = imported(any_city, with_records(zhang, tmp_path / "r.swdapp", {0: record}))
    imported(any_city, sample_bundles.ordinary[1])
    code = qr_payload(record_id_of(record), hashlib.sha256(record).hexdigest())
    service = any_city.service
    rows = service.queue_page(QueueFilter(search=code))
    assert [r.id for r in rows] == [detail.row.id]
    assert service.queue_count(QueueFilter(search=f" {code.lower()} ")) == 1
    match = service.find_certificate(code)
    assert match is not None and (match.status, match.application_ids) == (
        "found",
        (detail.row.id,),
    )
    # the record id of a stored record with another file's digest: nothing, and why
    wrong = qr_payload(record_id_of(record), "0" * 64)
    assert service.queue_page(QueueFilter(search=wrong)) == []
    mismatch = service.find_certificate(wrong)
    assert mismatch is not None and (mismatch.status, mismatch.application_ids) == ("mismatch", ())
    unknown = service.find_certificate(qr_payload("00000000-0000-4000-8000-000000000000", "0" * 64))
    assert unknown is not None and unknown.status == "unknown"
    assert service.find_certificate("张晓梅") is None


def test_the_command_lines_search_takes_a_certificates_qr_text(
    city: ReviewWorkspace, zhang: Path, tmp_path: Path
) -> None:
    from review_samples import PASSWORD

    from cli_runner import run_cli

    record = record_for(application_of(zhang)["activities"][0], id_number(zhang))
    detail = imported(city, with_records(zhang, tmp_path / "r.swdapp", {0: record}))
    city.close()
    code = qr_payload(record_id_of(record), hashlib.sha256(record).hexdigest())
    env = {"SWDESK_REVIEW_PASSWORD": PASSWORD}
    found = run_cli(
        "review", "list", "--data-dir", str(tmp_path / "city"), "--search", code, env=env
    )
    assert found.returncode == 0, found.stderr
    assert [line.split("\t")[0] for line in found.stdout.splitlines()] == [str(detail.row.id)]
    wrong = qr_payload(record_id_of(record), "f" * 64)
    refused = run_cli(
        "review", "list", "--data-dir", str(tmp_path / "city"), "--search", wrong, env=env
    )
    assert refused.returncode == 1 and refused.stdout == ""
    assert (
        refused.stderr.strip()
        .splitlines()[-1]
        .startswith(
            "error: record_certificate_mismatch: the certificate does not match the record it names"
        )
    )


def test_a_recorded_activity_needs_no_other_evidence(
    city: ReviewWorkspace, zhang: Path, tmp_path: Path
) -> None:
    activity = application_of(zhang)["activities"][0]
    record = record_for(activity, id_number(zhang))

    def no_files(app: dict[str, Any]) -> None:
        app["activities"][0]["evidence"] = []

    with_files = with_records(zhang, tmp_path / "r.swdapp", {0: record}, edit=no_files)
    still_named = {n for a in application_of(with_files)["activities"] for n in a["evidence"]}

    def unnamed_evidence_dropped(entries: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
        return [(n, d) for n, d in entries if not n.startswith("evidence/") or n in still_named]

    bundle = rebuild(
        with_files, tmp_path / "record-only.swdapp", edit_members=unnamed_evidence_dropped
    )
    checks = {c.code: c for c in imported(city, bundle).checks}
    assert checks["materials_present"].passed
    assert checks["materials_present"].params["activities_without_evidence"] == []


@pytest.mark.parametrize(
    ("title", "provider", "days", "hours"),
    [
        ("𠮷" * 200, "𠮷野家社会工作服务中心" + "䶮" * 89, 0, "0.1"),
        ("社会工作伦理" + "·（一）𠮷" * 38, "甘肃省社会工作协会", 1, "500"),
    ],
    ids=["longest-rare", "longest-hours"],
)
def test_extreme_but_valid_records_are_verified_and_stored(
    any_city: ReviewWorkspace,
    zhang: Path,
    tmp_path: Path,
    title: str,
    provider: str,
    days: int,
    hours: str,
) -> None:
    """The longest titles and provider names, characters outside the BMP, a one-day course
    ending the day before the record is issued, the smallest and the largest hours: stored
    and read back on SQLite and PostgreSQL."""
    from record_samples import renamed_key

    key = renamed_key(ASSOCIATION, provider)
    trust_providers(any_city, tmp_path, [key], sequence=2)
    activity = application_of(zhang)["activities"][0]
    start = date.fromisoformat(activity["start_date"])
    course = {
        "title": title,
        "start_date": start,
        "end_date": start + timedelta(days=days),
        "hours": Decimal(hours),
    }
    record = record_for(activity, id_number(zhang), key, **course)

    def same_course(app: dict[str, Any]) -> None:
        app["activities"][0].update(
            title=title,
            end_date=course["end_date"].isoformat(),
            hours=hours,
        )

    bundle = with_records(
        zhang, tmp_path / "extreme.swdapp", {0: record}, organiser=provider, edit=same_course
    )
    detail = imported(any_city, bundle)
    (verdict,) = detail.records
    assert (verdict.status, verdict.provider) == ("verified", provider)
    assert records_check(detail)[1]["providers"] == [provider]
    whole(detail, bundle)


def test_a_provider_added_to_the_trust_list_counts_from_the_next_import(
    city: ReviewWorkspace, sample_bundles: SampleBundles, tmp_path: Path
) -> None:
    first, second = sample_bundles.ordinary[0], sample_bundles.ordinary[2]
    bundles = []
    for path in (first, second):
        activity = application_of(path)["activities"][0]
        record = record_for(activity, id_number(path), UNIVERSITY)
        bundles.append(
            with_records(
                path, tmp_path / f"u-{path.name}", {0: record}, organiser=UNIVERSITY.identity.name
            )
        )
    assert imported(city, bundles[0]).records[0].status == "not_verified"
    trust_providers(city, tmp_path, [ASSOCIATION, UNIVERSITY], sequence=2)
    assert imported(city, bundles[1]).records[0].status == "verified"


def test_deleting_a_persons_applications_deletes_their_records_verdicts(
    any_city: ReviewWorkspace, zhang: Path, tmp_path: Path
) -> None:
    """A deletion on request leaves nothing of the person: no verdict, and the certificate's
    QR text no longer finds anything."""
    from sqlalchemy import text

    record = record_for(application_of(zhang)["activities"][0], id_number(zhang))
    imported(any_city, with_records(zhang, tmp_path / "r.swdapp", {0: record}))
    code = qr_payload(record_id_of(record), hashlib.sha256(record).hexdigest())
    assert any_city.service.queue_count(QueueFilter(search=code)) == 1
    assert any_city.service.delete_person(id_number(zhang)) == 1
    with any_city.database.session() as session:
        assert session.execute(text("SELECT count(*) FROM provider_records")).scalar_one() == 0
    match = any_city.service.find_certificate(code)
    assert match is not None and match.status == "unknown"
