"""Offices judge an application by the day they received it, through the real import: a
city receiving after expiry an application declared in time sees it as late and the
declaration date flagged; the province, receiving the forwarded package weeks later, judges
on the declaration bounded by the first-level decision (which does not carry the day the
city received it), so an application the city received in time stays in time."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from review_samples import APPLIED_AT, TODAY, make_office, trust_each_other

from swdesk.services.review import ReviewWorkspace, review_root
from swdesk.services.workspace import Workspace

AFTER_EXPIRY = date(2027, 2, 15)


def _export(practitioner: Workspace, dest: Path) -> tuple[Path, date]:
    """张晓梅's application declared on TODAY; returns it and her expiry day."""
    pid = next(p.id for p in practitioner.profiles.list_profiles() if p.name == "张晓梅")
    registration = practitioner.profiles.get_record(pid).latest_registration
    assert registration is not None
    draft = replace(
        practitioner.applications.current_draft(pid),
        declaration_accepted=True,
        declaration_accepted_at=APPLIED_AT,
    )
    return practitioner.applications.export(draft, dest).path, registration.valid_to


def _checks(workspace: ReviewWorkspace, app_id: int) -> dict[str, tuple[bool, dict[str, Any]]]:
    return {c.code: (c.passed, c.params) for c in workspace.service.detail(app_id).checks}


@pytest.fixture(name="late_offices")
def late_city_and_province(
    tmp_path: Path,
) -> Iterator[tuple[ReviewWorkspace, ReviewWorkspace, ReviewWorkspace]]:
    """(a city on TODAY, a city whose clock is after the expiry, their province after the
    expiry), the province trusting both cities."""
    city = make_office(review_root(tmp_path / "city"))
    late_city = make_office(
        review_root(tmp_path / "late-city"), name="平凉市民政局", clock=lambda: AFTER_EXPIRY
    )
    province = make_office(
        review_root(tmp_path / "province"),
        level="province",
        name="甘肃省民政厅",
        region="620000",
        clock=lambda: AFTER_EXPIRY,
    )
    trust_each_other(city, province, tmp_path)
    yield city, late_city, province
    for workspace in (city, late_city, province):
        workspace.close()


def test_received_after_expiry_is_late_whatever_the_declaration_says(
    practitioner: Workspace, late_offices: tuple[ReviewWorkspace, ...], tmp_path: Path
) -> None:
    _city, late_city, _province = late_offices
    bundle, expires = _export(practitioner, tmp_path / "zhang.swdapp")
    assert APPLIED_AT.date() <= expires < AFTER_EXPIRY
    [app_id] = late_city.service.import_files([bundle]).imported_ids
    checks = _checks(late_city, app_id)
    window = checks["window"]
    assert not window[0] and window[1]["problem"] == "late_not_declared"
    assert window[1]["applied_on"] == AFTER_EXPIRY.isoformat()
    declared = checks["declaration_date"]
    assert not declared[0] and declared[1]["problem"] == "long_before"
    assert declared[1]["days_apart"] == (AFTER_EXPIRY - APPLIED_AT.date()).days
    detail = late_city.service.detail(app_id)
    assert detail.declared_on == APPLIED_AT.date()
    assert detail.row.received_at.date() == AFTER_EXPIRY


def test_the_province_judges_on_what_the_first_level_received_in_time(
    practitioner: Workspace, late_offices: tuple[ReviewWorkspace, ...], tmp_path: Path
) -> None:
    city, _late_city, province = late_offices
    bundle, _expires = _export(practitioner, tmp_path / "zhang.swdapp")
    [app_id] = city.service.import_files([bundle]).imported_ids
    assert all(passed for passed, _ in _checks(city, app_id).values())
    city.service.decide([app_id], "approved")
    (tmp_path / "out").mkdir()
    [forward] = [
        p for p in city.service.export_decisions(tmp_path / "out") if p.suffix == ".swdfwd"
    ]

    [forwarded] = province.service.import_files([forward]).imported_ids
    checks = _checks(province, forwarded)
    assert all(passed for passed, _ in checks.values()), checks
    window = checks["window"][1]
    assert window["basis"] == "first_level" and window["applied_on"] == TODAY.isoformat()
    declared = checks["declaration_date"][1]
    assert declared["first_level"] is True and declared["received_on"] == TODAY.isoformat()
    detail = province.service.detail(forwarded)
    assert detail.row.received_at.date() == AFTER_EXPIRY  # the province's own receipt
    assert detail.row.calendar_unknown_years == (2027,)
