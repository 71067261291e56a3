"""Implausible values in otherwise perfect bundles, and unforeseen failures while importing:
one file, one verdict. A hostile file is refused with a code and its file's name; every good
file of the same import is imported; nothing of the hostile file reaches the reviewer's
database or bundles folder; no traceback reaches the user (CLI or service)."""

from __future__ import annotations

import errno
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from bundle_variants import application_of
from decision_samples import (
    decision_file,
    exported_demo,
    offices,
    snapshot,
    trust_file,
    write,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from review_samples import (
    PASSWORD,
    SampleBundles,
    copied_office,
    make_office,
    stored_files,
    table_counts,
    trust_each_other,
)

from cli_runner import CliResult, run_cli
from folder_samples import FolderTemplates
from hostile_bundles import Change, hostile_bundle, hostile_change
from swdesk.bundle import verify_bundle
from swdesk.domain.application import ApplicationDraft
from swdesk.domain.dates import (
    EARLIEST_BIRTH_YEAR,
    PLAUSIBLE_FIRST_YEAR,
    PLAUSIBLE_LAST_YEAR,
    add_days,
    add_months,
    anniversary,
    months_between_ceil,
    period_end,
)
from swdesk.domain.errors import UserFixableError
from swdesk.rulepacks import load_pack
from swdesk.services.review import (
    ReviewWorkspace,
    application_checks,
    file_check,
    folder_bundle_store,
    review_root,
)
from swdesk.services.review import checks as review_checks
from swdesk.services.workspace import Workspace
from swdesk.signing import decision_file as decision_file_module


@pytest.fixture
def city(folder_templates: FolderTemplates, tmp_path: Path) -> Iterator[ReviewWorkspace]:
    """A city office (a copy of one set up once per session)."""
    workspace = copied_office(folder_templates, review_root(tmp_path / "city"))
    yield workspace
    workspace.close()


def _expected_counts(base: dict[str, int], goods: list[Path]) -> dict[str, int]:
    members = sum(len(verify_bundle(good).members) for good in goods)
    return {
        **base,
        "applications": base["applications"] + len(goods),
        "application_data": base["application_data"] + len(goods),
        "members": base["members"] + members,
        "check_results": base["check_results"] + len(review_checks.CHECK_CODES) * len(goods),
        "audit_log": base["audit_log"] + len(goods),
    }


def _stored(goods: list[Path]) -> list[str]:
    return sorted(f"{verify_bundle(good).bundle_id}.swdapp" for good in goods)


# -- hostile values: property-based --------------------------------------------------------


@settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(hostile=st.lists(st.lists(hostile_change(), min_size=1, max_size=3), min_size=1, max_size=3))
def test_hostile_values_are_refused_beside_good_files(
    hostile: list[list[Change]], sample_bundles: SampleBundles
) -> None:
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp) / "usb"
        folder.mkdir()
        goods = [folder / f"good-{i}.swdapp" for i in range(2)]
        for source, good in zip(sample_bundles.ordinary[:2], goods, strict=True):
            good.write_bytes(source.read_bytes())
        bad = [
            hostile_bundle(sample_bundles.ordinary[2], folder / f"hostile-{i}.swdapp", changes)
            for i, changes in enumerate(hostile)
        ]
        workspace = make_office(review_root(Path(temp) / "city"))
        try:
            base = table_counts(workspace)
            report = workspace.service.import_files([folder])
            outcomes = {Path(e.file).name: e for e in report.entries}
            for path, changes in zip(bad, hostile, strict=True):
                entry = outcomes[path.name]
                assert entry.status == "refused", changes
                assert entry.code == "application_invalid", (changes, entry)
                assert entry.params["file"] == path.name
            for good in goods:
                assert outcomes[good.name].status == "imported"
            assert table_counts(workspace) == _expected_counts(base, goods)
            assert stored_files(workspace) == _stored(goods)
        finally:
            workspace.close()


def test_calendar_end_registration_is_refused_by_the_schema(
    sample_bundles: SampleBundles, city: ReviewWorkspace, tmp_path: Path
) -> None:
    """The bundle that once crashed the automatic checks (registration up to 9999-12-31)
    is refused at verification, naming the field."""
    from hostile_bundles import registration_change

    bad = hostile_bundle(
        sample_bundles.ordinary[0],
        tmp_path / "end.swdapp",
        [registration_change("9997-01-01", "9999-12-31")],
    )
    (entry,) = city.service.import_files([bad]).entries
    assert (entry.status, entry.code) == ("refused", "application_invalid")
    assert "registration" in entry.params["reason"]
    assert stored_files(city) == []


def test_the_automatic_checks_survive_any_date_and_number(sample_bundles: SampleBundles) -> None:
    """Even a value the schema would refuse never makes a check raise: dates outside the
    plausible years count as missing, hours that are no finite number as 0."""
    pack = load_pack("gansu")
    app = application_of(sample_bundles.ordinary[0])
    for valid_from, valid_to in (
        ("0001-01-01", "0001-01-01"),
        ("9999-12-30", "9999-12-31"),
        ("0001-01-01", "9999-12-31"),
    ):
        app["registration"] = {"valid_from": valid_from, "valid_to": valid_to}
        app["hours"] = {"counted": "NaN", "required": "-Infinity"}
        app["activities"][0]["hours"] = "1e999999"
        app["declaration"]["accepted_at"] = "9999-12-31T23:59:59+14:00"
        received_on = date(2026, 11, 28)
        assert application_checks.declaration_date(app) is None
        declared = application_checks.check_declaration_date(app, received_on, 30)
        assert (declared.passed, declared.params["problem"]) == (False, "missing")
        window = application_checks.check_window(app, pack, received_on)
        assert (window.passed, window.params["problem"]) == (False, "no_valid_to")
        application_checks.check_activities(app, pack, received_on)
        hours = application_checks.check_hours(app, pack, received_on)
        assert hours.params["claimed"] == "0"
    assert PLAUSIBLE_FIRST_YEAR < date.today().year < PLAUSIBLE_LAST_YEAR


# -- one file, one verdict: failures nobody foresaw -----------------------------------------


def _copy_goods(sample_bundles: SampleBundles, folder: Path, count: int) -> list[Path]:
    folder.mkdir(exist_ok=True)
    goods = []
    for source in sample_bundles.ordinary[:count]:
        goods.append(folder / source.name)
        goods[-1].write_bytes(source.read_bytes())
    return goods


def test_an_unexpected_failure_in_the_checks_refuses_only_that_file(
    sample_bundles: SampleBundles,
    city: ReviewWorkspace,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    goods = _copy_goods(sample_bundles, tmp_path / "usb", 4)
    victim = goods[1]
    real = review_checks.run_checks

    def failing(*args: Any, **kwargs: Any) -> Any:
        if kwargs["file"] == victim.name:
            raise OverflowError("date value out of range")
        return real(*args, **kwargs)

    monkeypatch.setattr(file_check, "run_checks", failing)
    base = table_counts(city)
    report = city.service.import_files([tmp_path / "usb"])
    outcomes = {Path(e.file).name: e for e in report.entries}
    assert (outcomes[victim.name].status, outcomes[victim.name].code) == (
        "refused",
        "import_failed",
    )
    assert outcomes[victim.name].params["file"] == victim.name
    others = [g for g in goods if g != victim]
    assert all(outcomes[g.name].status == "imported" for g in others)
    assert table_counts(city) == _expected_counts(base, others)
    assert stored_files(city) == _stored(others)
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "OverflowError" in logged and victim.name not in logged


def test_an_unexpected_failure_while_storing_rolls_back_only_that_file(
    sample_bundles: SampleBundles,
    city: ReviewWorkspace,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The failure comes after the file's rows were written into its savepoint (the
    batch's, then the file's own): they go, the files before and after it in the same
    batch stay."""
    goods = _copy_goods(sample_bundles, tmp_path / "usb", 4)
    victim = verify_bundle(goods[2]).bundle_id
    journal = folder_bundle_store.FileJournal
    real_one, real_many = journal.add_place, journal.add_places

    def failing(self: Any, temp: str, stored: str, when: Any) -> int:
        if stored.startswith(victim):
            raise KeyError("unforeseen")
        return real_one(self, temp, stored, when)

    def failing_many(self: Any, copies: list[tuple[str, str]], when: Any) -> list[int]:
        if any(stored.startswith(victim) for _temp, stored in copies):
            raise KeyError("unforeseen")
        return real_many(self, copies, when)

    monkeypatch.setattr(journal, "add_place", failing)
    monkeypatch.setattr(journal, "add_places", failing_many)
    base = table_counts(city)
    report = city.service.import_files(goods)
    outcomes = {Path(e.file).name: e for e in report.entries}
    assert outcomes[goods[2].name].code == "import_failed"
    others = [g for i, g in enumerate(goods) if i != 2]
    assert all(outcomes[g.name].status == "imported" for g in others)
    assert table_counts(city) == _expected_counts(base, others)
    assert stored_files(city) == _stored(others)


def test_a_failed_batch_commit_is_retried_file_by_file(
    sample_bundles: SampleBundles,
    city: ReviewWorkspace,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The batch's commit fails once (the disk was full for a moment): its files are tried
    again one by one, and none is lost to the failure of the batch."""
    goods = _copy_goods(sample_bundles, tmp_path / "usb", 3)
    real = folder_bundle_store.fsync_directory
    failures = []

    def failing_once(path: Path) -> None:
        if not failures:
            failures.append(path)
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(path)

    monkeypatch.setattr(folder_bundle_store, "fsync_directory", failing_once)
    base = table_counts(city)
    report = city.service.import_files(goods)
    assert failures
    assert [e.status for e in report.entries] == ["imported"] * 3
    assert table_counts(city) == _expected_counts(base, goods)
    assert stored_files(city) == _stored(goods)


def test_the_command_line_names_each_hostile_file_without_a_traceback(
    sample_bundles: SampleBundles, tmp_path: Path
) -> None:
    from hostile_bundles import field_change, registration_change

    inbox = tmp_path / "usb"
    goods = _copy_goods(sample_bundles, inbox, 2)
    hostile = [
        hostile_bundle(
            sample_bundles.ordinary[3],
            inbox / "calendar-end.swdapp",
            [registration_change("0001-01-01", "9999-12-31")],
        ),
        hostile_bundle(
            sample_bundles.ordinary[3],
            inbox / "hours.swdapp",
            [field_change(("hours", "counted"), "99999")],
        ),
    ]

    def swdesk(*args: str) -> CliResult:
        return run_cli(
            "review",
            *args,
            "--data-dir",
            str(tmp_path / "city"),
            env={"SWDESK_REVIEW_PASSWORD": PASSWORD},
        )

    assert (
        swdesk(
            "init", "--office", "平凉市民政局", "--region", "620800", "--level", "city"
        ).returncode
        == 0
    )
    result = swdesk("import", str(inbox))
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    for path in hostile:
        line = next(line for line in output.splitlines() if path.name in line)
        assert "application_invalid" in line
    for good in goods:
        assert any(good.name in line and "imported" in line for line in output.splitlines()), output


# -- the practitioner's side: what a signed decision says ----------------------------------

DECISION_TODAY = date(2026, 11, 28)


@pytest.fixture
def trusted_practitioner(
    folder_templates: FolderTemplates, tmp_path: Path
) -> Iterator[tuple[Workspace, ApplicationDraft, int]]:
    """张晓梅 (demo) exported her application (a copy of a folder built once per session);
    the province's trust list is imported."""
    sample = exported_demo(folder_templates, tmp_path / "sample", DECISION_TODAY)
    ws, application = sample.open(DECISION_TODAY)
    try:
        ws.decisions.import_trust_file(write(tmp_path / "gansu.swdtrust", trust_file()))
        yield ws, application, sample.pid
    finally:
        ws.close()


def _unchecked_decision(application: ApplicationDraft, **changes: Any) -> bytes:
    """A final approval signed by the trusted province as a careless or hostile signer
    could: the signing side's own checks are skipped."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(decision_file_module, "decision_problem", lambda _d: None)
        return decision_file(offices().province, application, stage="final", **changes)


@pytest.mark.parametrize(
    "changes",
    [
        {"registration": (date(9999, 12, 30), date(9999, 12, 31))},
        {"registration": (date(1, 1, 1), date(1, 1, 2))},
        {"registration": (date(2027, 1, 28), date(2101, 1, 1))},
        {"decided_at": datetime(9999, 12, 31, 23, 0, tzinfo=UTC)},
        {"decided_at": datetime(1, 1, 1, 1, 0, tzinfo=timezone(timedelta(hours=8)))},
    ],
    ids=["calendar end", "year 1", "past 2100", "decided in 9999", "decided in year 1"],
)
def test_a_decision_with_implausible_dates_is_refused_and_nothing_changes(
    trusted_practitioner: tuple[Workspace, ApplicationDraft, int],
    tmp_path: Path,
    changes: dict[str, Any],
) -> None:
    ws, application, pid = trusted_practitioner
    path = write(tmp_path / "odd.swddec", _unchecked_decision(application, **changes))
    before = snapshot(ws.layout.database, ws.layout.evidence_dir)
    with pytest.raises(UserFixableError) as caught:
        ws.decisions.import_decision(path)
    assert caught.value.code == "decision_invalid"
    assert caught.value.params["file"] == "odd.swddec"
    assert snapshot(ws.layout.database, ws.layout.evidence_dir) == before
    ws.dashboard.status_for(pid)


@pytest.mark.parametrize("valid_to", ["9999-12-31", "0001-01-01"])
def test_any_stored_registration_date_keeps_the_app_working(
    trusted_practitioner: tuple[Workspace, ApplicationDraft, int], valid_to: str
) -> None:
    """A period stored at an end of the calendar (by an older swdesk, or edited by hand):
    the dashboard and `swdesk profile list` still work (no OverflowError)."""
    ws, _application, pid = trusted_practitioner
    with closing(sqlite3.connect(ws.layout.database)) as connection, connection:
        connection.execute(
            "UPDATE registration_periods SET valid_from = ?, valid_to = ? "
            "WHERE practitioner_id = ?",
            ("0001-01-01" if valid_to == "0001-01-01" else "9999-12-30", valid_to, pid),
        )
    status = ws.dashboard.status_for(pid)
    assert status.expires_on == date.fromisoformat(valid_to)
    ws.close()  # the command line opens the data folder itself
    result = run_cli("profile", "list", "--data-dir", str(ws.layout.root))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and len(result.stdout.splitlines()) >= 1


def test_date_helpers_saturate_at_the_ends_of_the_calendar() -> None:
    assert add_days(date.max, 1) == date.max and add_days(date.min, -1) == date.min
    assert add_months(date(9999, 12, 1), 1) == date.max
    assert add_months(date(1, 1, 31), -1) == date.min
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert anniversary(date(9999, 1, 1), 3) == date.max
    assert period_end(date(9998, 6, 1), 3) == date(9999, 12, 30)
    assert period_end(date(2024, 3, 1), 3) == date(2027, 2, 28)
    assert months_between_ceil(date(2026, 1, 1), date.max) > 0


def test_at_the_province_one_forward_package_fails_alone(
    sample_bundles: SampleBundles, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Three forward packages in one folder import; the automatic checks of one of them
    fail in a way nobody foresaw: that package is refused, the other two are imported."""
    city = make_office(review_root(tmp_path / "city-data"))
    province = make_office(
        review_root(tmp_path / "province-data"),
        level="province",
        name="甘肃省民政厅",
        region="620000",
    )
    try:
        trust_each_other(city, province, tmp_path)
        report = city.service.import_files(list(sample_bundles.ordinary[:3]))
        ids = [e.application_id for e in report.entries if e.application_id is not None]
        assert len(ids) == 3
        assert all(r.status == "decided" for r in city.service.decide(ids, "approved"))
        outbox = tmp_path / "to-province"
        outbox.mkdir()
        forwards = sorted(p for p in city.service.export_decisions(outbox) if p.suffix == ".swdfwd")
        assert len(forwards) == 3
        victim = forwards[1]
        real = review_checks.run_checks

        def failing(*args: Any, **kwargs: Any) -> Any:
            if kwargs["file"] == victim.name:
                raise ValueError("a value nobody foresaw")
            return real(*args, **kwargs)

        monkeypatch.setattr(file_check, "run_checks", failing)
        base, files = table_counts(province), stored_files(province)
        outcomes = {Path(e.file).name: e for e in province.service.import_files([outbox]).entries}
        assert (outcomes[victim.name].status, outcomes[victim.name].code) == (
            "refused",
            "import_failed",
        )
        assert [outcomes[p.name].status for p in forwards if p != victim] == ["imported"] * 2
        after = table_counts(province)
        assert after["applications"] == base["applications"] + 2
        assert after["decisions"] == base["decisions"] + 2  # the received first decisions
        assert len(stored_files(province)) == len(files) + 2
    finally:
        city.close()
        province.close()


def test_the_schema_and_the_code_share_the_plausible_years(sample_bundles: SampleBundles) -> None:
    """The schema's date patterns accept exactly the years swdesk.domain.dates names."""
    from swdesk.bundle.checks import schema_problem

    app = application_of(sample_bundles.ordinary[0])
    for year, plausible in (
        (PLAUSIBLE_FIRST_YEAR - 1, False),
        (PLAUSIBLE_FIRST_YEAR, True),
        (PLAUSIBLE_LAST_YEAR, True),
        (PLAUSIBLE_LAST_YEAR + 1, False),
    ):
        app["registration"] = {"valid_from": f"{year}-01-01", "valid_to": f"{year}-12-31"}
        assert (schema_problem("application", app) is None) is plausible, year
    app["registration"] = {"valid_from": "2021-01-01", "valid_to": "2023-12-31"}
    for year, plausible in ((EARLIEST_BIRTH_YEAR - 1, False), (EARLIEST_BIRTH_YEAR, True)):
        app["applicant"]["birth_date"] = f"{year}-06-01"
        assert (schema_problem("application", app) is None) is plausible, year


def test_the_practitioner_is_told_about_an_implausible_year_before_exporting() -> None:
    """The forms refuse what the reviewer would refuse: a year outside the plausible ones
    is a field issue, not a failed export."""
    from swdesk.domain.enums import RegistrationKind
    from swdesk.domain.models import RegistrationPeriod
    from swdesk.domain.validation import registration_issues

    period = RegistrationPeriod(
        kind=RegistrationKind.FIRST, valid_from=date(1985, 1, 1), valid_to=date(9999, 12, 31)
    )
    issues = {(i.field, i.code) for i in registration_issues(period)}
    assert issues == {("valid_from", "year_out_of_range"), ("valid_to", "year_out_of_range")}
    fine = RegistrationPeriod(
        kind=RegistrationKind.FIRST, valid_from=date(2021, 1, 1), valid_to=date(2023, 12, 31)
    )
    assert registration_issues(fine) == []
