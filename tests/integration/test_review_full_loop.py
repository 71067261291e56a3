"""The whole loop between three data folders: the practitioner exports, the
city imports, checks and approves, the province imports the forward package and approves,
the practitioner imports the decision and gets the extended registration and the
certificate; and the same with a rejection and a resubmission. The offices are in folders,
then on the tests' PostgreSQL server."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from review_samples import APPLIED_AT, ServerOffices, open_trusting_offices

from folder_samples import FolderTemplates
from swdesk.domain.application import ApplicationState
from swdesk.domain.dates import period_end
from swdesk.services.review import QueueFilter, ReviewState, ReviewWorkspace
from swdesk.services.workspace import Workspace


def export(practitioner: Workspace, pid: int, dest: Path) -> Path:
    draft = replace(
        practitioner.applications.current_draft(pid),
        declaration_accepted=True,
        declaration_accepted_at=APPLIED_AT,
    )
    return practitioner.applications.export(draft, dest).path


@pytest.fixture
def offices(
    folder_templates: FolderTemplates, tmp_path: Path, servers: ServerOffices | None
) -> Iterator[tuple[ReviewWorkspace, ReviewWorkspace, Path]]:
    """The trusting city and province, in folders or on the tests' PostgreSQL server."""
    city, province, trust_file = open_trusting_offices(folder_templates, tmp_path, servers=servers)
    yield city, province, trust_file
    city.close()
    province.close()


def only(paths: list[Path], suffix: str) -> Path:
    (path,) = [p for p in paths if p.name.endswith(suffix)]
    return path


def test_approved_at_both_levels_extends_the_registration(
    practitioner: Workspace, offices: tuple[ReviewWorkspace, ReviewWorkspace, Path], tmp_path: Path
) -> None:
    city, province, trust_file = offices
    pid = next(p.id for p in practitioner.profiles.list_profiles() if p.name == "张晓梅")
    old = practitioner.profiles.get_record(pid).latest_registration
    assert old is not None
    (tmp_path / "usb").mkdir()
    bundle = export(practitioner, pid, tmp_path / "usb" / "张晓梅.swdapp")

    [app_id] = city.service.import_files([bundle]).imported_ids
    assert all(c.passed for c in city.service.detail(app_id).checks)
    city.service.decide([app_id], "approved")
    (tmp_path / "to-province").mkdir(exist_ok=True)
    to_province = city.service.export_decisions(tmp_path / "to-province")

    [forwarded] = province.service.import_files([only(to_province, ".swdfwd")]).imported_ids
    assert province.service.detail(forwarded).first_level_decision is not None
    province.service.decide([forwarded], "approved")
    (tmp_path / "back").mkdir(exist_ok=True)
    back = only(province.service.export_decisions(tmp_path / "back"), "-final.swddec")

    practitioner.decisions.import_trust_file(trust_file)
    practitioner.decisions.import_decision(only(to_province, "-first.swddec"))  # 初审通过
    applied = practitioner.decisions.import_decision(back)
    record = practitioner.profiles.get_record(pid)
    new = record.latest_registration
    assert new is not None and new.valid_from == old.valid_to + timedelta(days=1)
    assert new.valid_to == period_end(new.valid_from, 3)
    assert practitioner.applications.history(pid)[0].state is ApplicationState.APPROVED
    assert practitioner.decisions.certificate_path(applied).read_bytes().startswith(b"%PDF-")


def test_rejected_then_resubmitted_and_linked(
    practitioner: Workspace, offices: tuple[ReviewWorkspace, ReviewWorkspace, Path], tmp_path: Path
) -> None:
    city, _province, trust_file = offices
    pid = next(p.id for p in practitioner.profiles.list_profiles() if p.name == "张晓梅")
    first = export(practitioner, pid, tmp_path / "first.swdapp")
    [app_id] = city.service.import_files([first]).imported_ids
    [result] = city.service.decide(
        [app_id], "rejected", [("material_unclear", "第3项证书扫描件模糊")]
    )
    assert result.status == "decided"
    (tmp_path / "back").mkdir(exist_ok=True)
    rejection = only(city.service.export_decisions(tmp_path / "back"), "-first.swddec")

    practitioner.decisions.import_trust_file(trust_file)
    practitioner.decisions.import_decision(rejection)
    findings = practitioner.decisions.review_findings(pid)
    assert [(f.code, f.comment) for f in findings] == [("material_unclear", "第3项证书扫描件模糊")]
    again = export(practitioner, pid, tmp_path / "again.swdapp")

    [resubmitted] = city.service.import_files([again]).imported_ids
    detail = city.service.detail(resubmitted)
    assert [(h.application_id, h.relation, h.state) for h in detail.history] == [
        (app_id, "resubmission", ReviewState.FIRST_REJECTED),
        (resubmitted, "this", ReviewState.PENDING),
    ]
    assert city.service.queue_count(QueueFilter(state=ReviewState.PENDING)) == 1
