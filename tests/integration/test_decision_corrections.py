"""Correcting a decision: a newer decision of the same office on the same application
version and stage supersedes its earlier one (docs/review-formats.md, "Which decision
counts"). A province that rejected by mistake approves later and the practitioner ends
registered with a certificate; an older decision replayed after the newer one is refused; a
final approval cannot be revoked (the reviewer refuses to decide it again, the practitioner
refuses anything after it)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from decision_samples import snapshot
from review_samples import APPLIED_AT

from swdesk.domain.application import ApplicationState
from swdesk.domain.decision import DecisionStatus
from swdesk.domain.errors import UserFixableError
from swdesk.services.review import ReviewWorkspace
from swdesk.services.workspace import Workspace


def _folder(path: Path) -> Path:
    path.mkdir(exist_ok=True)
    return path


def _final(paths: list[Path]) -> Path:
    (path,) = [p for p in paths if p.name.endswith("-final.swddec")]
    return path


def _at_province(
    practitioner: Workspace, city: ReviewWorkspace, province: ReviewWorkspace, tmp_path: Path
) -> tuple[int, int, Path]:
    """张晓梅 exports, the city approves and forwards; returns (practitioner id, province
    application id, the city's 初审 decision file)."""
    pid = next(p.id for p in practitioner.profiles.list_profiles() if p.name == "张晓梅")
    draft = replace(
        practitioner.applications.current_draft(pid),
        declaration_accepted=True,
        declaration_accepted_at=APPLIED_AT,
    )
    bundle = practitioner.applications.export(draft, _folder(tmp_path / "usb") / "z.swdapp")
    [city_id] = city.service.import_files([bundle.path]).imported_ids
    city.service.decide([city_id], "approved")
    sent = city.service.export_decisions(_folder(tmp_path / "to-province"))
    (forward,) = [p for p in sent if p.name.endswith(".swdfwd")]
    (first,) = [p for p in sent if p.name.endswith("-first.swddec")]
    [app_id] = province.service.import_files([forward]).imported_ids
    return pid, app_id, first


def test_province_rejection_corrected_by_a_later_approval(
    practitioner: Workspace, offices: tuple[ReviewWorkspace, ReviewWorkspace, Path], tmp_path: Path
) -> None:
    city, province, trust_file = offices
    pid, app_id, first = _at_province(practitioner, city, province, tmp_path)
    old = practitioner.profiles.get_record(pid).latest_registration
    assert old is not None

    [rejected] = province.service.decide([app_id], "rejected", [("other", "误判")])
    assert rejected.status == "decided"
    rejection = _final(province.service.export_decisions(_folder(tmp_path / "back1")))
    [approved] = province.service.decide([app_id], "approved")
    assert approved.status == "decided"
    approval = _final(province.service.export_decisions(_folder(tmp_path / "back2")))

    practitioner.decisions.import_trust_file(trust_file)
    practitioner.decisions.import_decision(first)
    refused = practitioner.decisions.import_decision(rejection)
    assert refused.status is DecisionStatus.FINAL_REJECTED
    assert practitioner.applications.history(pid)[0].state is ApplicationState.REJECTED
    assert len(practitioner.profiles.get_record(pid).registrations) == 1

    applied = practitioner.decisions.import_decision(approval)

    assert applied.status is DecisionStatus.FINAL_APPROVED
    assert applied.sequence > refused.sequence
    assert practitioner.applications.history(pid)[0].state is ApplicationState.APPROVED
    new = practitioner.profiles.get_record(pid).latest_registration
    assert new is not None and new.valid_from == old.valid_to + timedelta(days=1)
    assert practitioner.decisions.latest_rejection(pid) is None
    assert practitioner.decisions.review_findings(pid) == []
    assert practitioner.decisions.certificate_path(applied).read_bytes().startswith(b"%PDF-")


def test_older_decision_replayed_after_the_correction_is_refused(
    practitioner: Workspace, offices: tuple[ReviewWorkspace, ReviewWorkspace, Path], tmp_path: Path
) -> None:
    city, province, trust_file = offices
    pid, app_id, first = _at_province(practitioner, city, province, tmp_path)
    province.service.decide([app_id], "rejected", [("other", "误判")])
    rejection = _final(province.service.export_decisions(_folder(tmp_path / "back1")))
    province.service.decide([app_id], "approved")
    approval = _final(province.service.export_decisions(_folder(tmp_path / "back2")))

    practitioner.decisions.import_trust_file(trust_file)
    practitioner.decisions.import_decision(approval)
    layout = practitioner.layout
    before = snapshot(layout.database, layout.evidence_dir)
    with pytest.raises(UserFixableError) as caught:
        practitioner.decisions.import_decision(rejection)
    assert caught.value.code == "decision_outdated"
    assert caught.value.params["reason"] == "older_sequence"
    # the city's first-level decision arriving after the final one is refused too
    with pytest.raises(UserFixableError) as late:
        practitioner.decisions.import_decision(first)
    assert (late.value.code, late.value.params["reason"]) == ("decision_outdated", "final_applied")
    assert snapshot(layout.database, layout.evidence_dir) == before
    assert practitioner.applications.history(pid)[0].state is ApplicationState.APPROVED


def test_a_final_approval_cannot_be_revoked(
    practitioner: Workspace, offices: tuple[ReviewWorkspace, ReviewWorkspace, Path], tmp_path: Path
) -> None:
    city, province, _trust_file = offices
    _pid, app_id, _first = _at_province(practitioner, city, province, tmp_path)
    [approved] = province.service.decide([app_id], "approved")
    assert approved.status == "decided"
    [again] = province.service.decide([app_id], "rejected", [("other", "撤销")])
    assert (again.status, again.code) == ("refused", "application_locked")
