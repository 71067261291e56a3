"""Implausible values in otherwise perfect bundles, and unforeseen failures while importing:
one file, one verdict. A hostile file is refused with a code and its file's name; every good
file of the same import is imported; nothing of the hostile file reaches the reviewer's
database or bundles folder; no traceback reaches the user (CLI or service)."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from bundle_variants import application_of
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from review_samples import (
    PASSWORD,
    SampleBundles,
    make_office,
    stored_files,
    table_counts,
)

from hostile_bundles import Change, hostile_bundle, hostile_change
from swdesk.bundle import verify_bundle
from swdesk.domain.dates import PLAUSIBLE_FIRST_YEAR, PLAUSIBLE_LAST_YEAR
from swdesk.rulepacks import load_pack
from swdesk.services.review import ReviewWorkspace, review_root
from swdesk.services.review import checks as review_checks
from swdesk.services.review import importer as review_importer


@pytest.fixture
def city(tmp_path: Path, fast_keys: None) -> Iterator[ReviewWorkspace]:
    workspace = make_office(review_root(tmp_path / "city"))
    yield workspace
    workspace.close()


def _expected_counts(base: dict[str, int], goods: list[Path]) -> dict[str, int]:
    members = sum(len(verify_bundle(good).members) for good in goods)
    return {**base, "applications": base["applications"] + len(goods),
            "application_data": base["application_data"] + len(goods),
            "members": base["members"] + members,
            "check_results": base["check_results"] + 7 * len(goods),
            "audit_log": base["audit_log"] + len(goods)}


def _stored(goods: list[Path]) -> list[str]:
    return sorted(f"{verify_bundle(good).bundle_id}.swdapp" for good in goods)


# -- hostile values: property-based --------------------------------------------------------

@settings(max_examples=12, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture,
                                 HealthCheck.too_slow])
@given(hostile=st.lists(st.lists(hostile_change(), min_size=1, max_size=3), min_size=1,
                        max_size=3))
def test_hostile_values_are_refused_beside_good_files(
        hostile: list[list[Change]], sample_bundles: SampleBundles, fast_keys: None) -> None:
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp) / "usb"
        folder.mkdir()
        goods = [folder / f"good-{i}.swdapp" for i in range(2)]
        for source, good in zip(sample_bundles.ordinary[:2], goods, strict=True):
            good.write_bytes(source.read_bytes())
        bad = [hostile_bundle(sample_bundles.ordinary[2], folder / f"hostile-{i}.swdapp",
                              changes) for i, changes in enumerate(hostile)]
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
        sample_bundles: SampleBundles, city: ReviewWorkspace, tmp_path: Path) -> None:
    """The bundle that once crashed the automatic checks (registration up to 9999-12-31)
    is refused at verification, naming the field."""
    from hostile_bundles import _registration

    bad = hostile_bundle(sample_bundles.ordinary[0], tmp_path / "end.swdapp",
                         [_registration("9997-01-01", "9999-12-31")])
    (entry,) = city.service.import_files([bad]).entries
    assert (entry.status, entry.code) == ("refused", "application_invalid")
    assert "registration" in entry.params["reason"]
    assert stored_files(city) == []


def test_the_automatic_checks_survive_any_date_and_number(sample_bundles: SampleBundles
                                                          ) -> None:
    """Even a value the schema would refuse never makes a check raise: dates outside the
    plausible years count as missing, hours that are no finite number as 0."""
    pack = load_pack("gansu")
    app = application_of(sample_bundles.ordinary[0])
    for valid_from, valid_to in (("0001-01-01", "0001-01-01"), ("9999-12-30", "9999-12-31"),
                                 ("0001-01-01", "9999-12-31")):
        app["registration"] = {"valid_from": valid_from, "valid_to": valid_to}
        app["hours"] = {"counted": "NaN", "required": "-Infinity"}
        app["activities"][0]["hours"] = "1e999999"
        app["declaration"]["accepted_at"] = "9999-12-31T23:59:59+14:00"
        applied_on = review_checks.application_date(app, date(2026, 11, 28))
        assert applied_on == date(2026, 11, 28)
        window = review_checks.check_window(app, pack, applied_on)
        assert (window.passed, window.params["problem"]) == (False, "no_valid_to")
        review_checks.check_activities(app, pack, applied_on)
        hours = review_checks.check_hours(app, pack, applied_on)
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
        sample_bundles: SampleBundles, city: ReviewWorkspace, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    goods = _copy_goods(sample_bundles, tmp_path / "usb", 4)
    victim = goods[1]
    real = review_checks.run_checks

    def failing(*args: Any, **kwargs: Any) -> Any:
        if kwargs["file"] == victim.name:
            raise OverflowError("date value out of range")
        return real(*args, **kwargs)

    monkeypatch.setattr(review_importer, "run_checks", failing)
    base = table_counts(city)
    report = city.service.import_files([tmp_path / "usb"])
    outcomes = {Path(e.file).name: e for e in report.entries}
    assert (outcomes[victim.name].status, outcomes[victim.name].code) == \
        ("refused", "import_failed")
    assert outcomes[victim.name].params["file"] == victim.name
    others = [g for g in goods if g != victim]
    assert all(outcomes[g.name].status == "imported" for g in others)
    assert table_counts(city) == _expected_counts(base, others)
    assert stored_files(city) == _stored(others)
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "OverflowError" in logged and victim.name not in logged


def test_an_unexpected_failure_while_storing_rolls_back_only_that_file(
        sample_bundles: SampleBundles, city: ReviewWorkspace, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The failure comes after the file's rows were written into its savepoint: they go,
    the files before and after it in the same batch stay."""
    goods = _copy_goods(sample_bundles, tmp_path / "usb", 4)
    victim = verify_bundle(goods[2]).bundle_id
    real = review_importer.FileJournal.add_place

    def failing(self: Any, temp: str, stored: str, when: Any) -> int:
        if stored.startswith(victim):
            raise KeyError("unforeseen")
        return real(self, temp, stored, when)

    monkeypatch.setattr(review_importer.FileJournal, "add_place", failing)
    base = table_counts(city)
    report = city.service.import_files(goods)
    outcomes = {Path(e.file).name: e for e in report.entries}
    assert outcomes[goods[2].name].code == "import_failed"
    others = [g for i, g in enumerate(goods) if i != 2]
    assert all(outcomes[g.name].status == "imported" for g in others)
    assert table_counts(city) == _expected_counts(base, others)
    assert stored_files(city) == _stored(others)


def test_a_failed_batch_commit_is_retried_file_by_file(
        sample_bundles: SampleBundles, city: ReviewWorkspace, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The batch's commit fails once (the disk was full for a moment): its files are tried
    again one by one, and none is lost to the failure of the batch."""
    goods = _copy_goods(sample_bundles, tmp_path / "usb", 3)
    real = review_importer.fsync_directory
    failures = []

    def failing_once(path: Path) -> None:
        if not failures:
            failures.append(path)
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(path)

    monkeypatch.setattr(review_importer, "fsync_directory", failing_once)
    base = table_counts(city)
    report = city.service.import_files(goods)
    assert failures
    assert [e.status for e in report.entries] == ["imported"] * 3
    assert table_counts(city) == _expected_counts(base, goods)
    assert stored_files(city) == _stored(goods)


def test_the_command_line_names_each_hostile_file_without_a_traceback(
        sample_bundles: SampleBundles, tmp_path: Path) -> None:
    from hostile_bundles import _field, _registration

    inbox = tmp_path / "usb"
    goods = _copy_goods(sample_bundles, inbox, 2)
    hostile = [hostile_bundle(sample_bundles.ordinary[3], inbox / "calendar-end.swdapp",
                              [_registration("0001-01-01", "9999-12-31")]),
               hostile_bundle(sample_bundles.ordinary[3], inbox / "hours.swdapp",
                              [_field(("hours", "counted"), "99999")])]
    env = {**os.environ, "SWDESK_REVIEW_PASSWORD": PASSWORD}

    def swdesk(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "swdesk", "review", *args,
                               "--data-dir", str(tmp_path / "city")],
                              capture_output=True, text=True, timeout=120, env=env)

    assert swdesk("init", "--office", "平凉市民政局", "--region", "620800",
                  "--level", "city").returncode == 0
    result = swdesk("import", str(inbox))
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    for path in hostile:
        line = next(line for line in output.splitlines() if path.name in line)
        assert "application_invalid" in line
    for good in goods:
        assert any(good.name in line and "imported" in line for line in output.splitlines()),\
            output
