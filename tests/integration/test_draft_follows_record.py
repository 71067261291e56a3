"""An application draft follows the registration on record, and can be discarded.

A first-registration draft saved while the practitioner was not registered turns into a
renewal as soon as a registration is recorded (in the window, or overdue with the late
path's explanation asked for), keeping what still applies; a draft is discarded with its
own files released, an exported application is not.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from ui_free_samples import sample_draft

from swdesk.domain.application import ApplicationKind, ApplicationState, MaterialRole
from swdesk.domain.dates import period_end
from swdesk.domain.enums import RegistrationKind
from swdesk.domain.errors import UserFixableError
from swdesk.domain.models import RegistrationPeriod
from swdesk.services.demo_images import portrait_png
from swdesk.services.workspace import Workspace, open_workspace

TODAY = date(2026, 11, 28)
IN_WINDOW = date(2024, 1, 15)  # valid to 2027-01-14: the renewal window is open
OVERDUE = date(2023, 6, 1)  # valid to 2026-05-31: the registration has lapsed
PDF = b"%PDF-1.4\n%%EOF\n"


def _stored(ws: Workspace, name: str) -> bool:
    return (ws.layout.evidence_dir / name).is_file()


def _files_without_reference(ws: Workspace) -> set[str]:
    """Files in the evidence store no row refers to (what a crash-free run never leaves)."""
    from swdesk.storage.references import names_in_use

    with ws.database.session() as session:
        used = names_in_use(session)
    return {p.name for p in ws.layout.evidence_dir.iterdir() if p.is_file()} - used


@pytest.fixture
def ws(tmp_path: Path):  # type: ignore[no-untyped-def]
    workspace = open_workspace(tmp_path / "data", clock=lambda: TODAY)
    yield workspace
    workspace.close()


def _unregistered(ws: Workspace, tmp_path: Path) -> tuple[int, Path]:
    """A profile without a registration, and a saved first-registration draft with a
    photo, a proof of identity change, personal edits and the declaration accepted."""
    pid = ws.profiles.create_profile(replace(sample_draft("刘喆"), registration=None))
    draft = ws.applications.current_draft(pid)
    assert draft.kind is ApplicationKind.FIRST
    photo = tmp_path / "photo.png"
    photo.write_bytes(portrait_png(2))
    proof = tmp_path / "改名证明.pdf"
    proof.write_bytes(PDF)
    draft = ws.applications.attach(draft, MaterialRole.PHOTO, photo)
    draft = ws.applications.attach(draft, MaterialRole.IDENTITY_CHANGE, proof)
    draft = replace(draft, post="社会工作督导", identity_changed=True, declaration_accepted=True)
    saved = ws.applications.save_draft(draft)
    assert ws.applications.precheck(saved) == []
    return pid, proof


def _register(ws: Workspace, pid: int, valid_from: date) -> None:
    """Record the registration in the profile, as the profile editor saves it."""
    from swdesk.services.profiles import ProfileDraft

    record = ws.profiles.get_record(pid)
    certificate = record.current_certificate
    assert certificate is not None
    ws.profiles.update_profile(
        pid,
        ProfileDraft(
            record.practitioner,
            certificate,
            RegistrationPeriod(RegistrationKind.FIRST, valid_from, period_end(valid_from, 3)),
        ),
    )


def test_a_first_registration_draft_becomes_a_renewal_in_the_window(
    ws: Workspace, tmp_path: Path
) -> None:
    pid, _proof = _unregistered(ws, tmp_path)
    _register(ws, pid, IN_WINDOW)
    draft = ws.applications.current_draft(pid)
    assert draft.kind is ApplicationKind.RENEWAL
    # what still applies is kept; the declaration was given for the other application
    assert draft.post == "社会工作督导" and draft.identity_changed
    assert draft.photo is not None and draft.materials_with(MaterialRole.IDENTITY_CHANGE)
    assert not draft.declaration_accepted and draft.declaration_accepted_at is None
    codes = [item.code for item in ws.applications.precheck(draft)]
    assert "already_registered" not in codes
    assert "declaration_not_accepted" in codes
    assert "late_explanation_missing" not in codes
    # saved as a renewal: the stored row follows too, not only the copy handed out
    saved = ws.applications.save_draft(draft)
    assert saved.kind is ApplicationKind.RENEWAL
    assert [a.kind for a in ws.applications.history(pid)] == [ApplicationKind.RENEWAL]


def test_an_overdue_registration_asks_for_the_late_explanation_and_the_hours(
    ws: Workspace, tmp_path: Path
) -> None:
    pid, _proof = _unregistered(ws, tmp_path)
    _register(ws, pid, OVERDUE)
    status = ws.dashboard.status_for(pid)
    assert status.is_late and status.explanation_required
    draft = ws.applications.current_draft(pid)
    assert draft.kind is ApplicationKind.RENEWAL
    codes = [item.code for item in ws.applications.precheck(draft)]
    assert "late_explanation_missing" in codes
    assert "hours_short" in codes  # no longer a "first registration" with 0 hours
    assert "already_registered" not in codes
    # even a draft handed to the service with the stale kind is saved, checked and
    # refused for export as the renewal it now is
    stale = replace(draft, kind=ApplicationKind.FIRST, declaration_accepted=True)
    saved = ws.applications.save_draft(stale)
    assert saved.kind is ApplicationKind.RENEWAL and not saved.declaration_accepted
    with pytest.raises(UserFixableError) as refused:
        ws.applications.export(replace(saved, declaration_accepted=True), tmp_path / "late.swdapp")
    assert refused.value.code == "fix_list_open"
    assert not (tmp_path / "late.swdapp").exists()
    # the explanation written on the late path is what is saved (trimmed, NFC)
    written = ws.applications.save_draft(
        replace(saved, late_explanation="  \t2026年3月至6月住院治疗，未能按时申请再登记。\r\n")
    )
    assert written.late_explanation == "2026年3月至6月住院治疗，未能按时申请再登记。"
    codes = [item.code for item in ws.applications.precheck(written)]
    assert "late_explanation_missing" not in codes


def test_removing_the_registration_turns_a_renewal_back_and_drops_the_late_parts(
    ws: Workspace, tmp_path: Path
) -> None:
    pid = ws.profiles.create_profile(
        replace(
            sample_draft(),
            registration=RegistrationPeriod(
                RegistrationKind.FIRST, OVERDUE, period_end(OVERDUE, 3)
            ),
        )
    )
    scan = tmp_path / "情况说明.pdf"
    scan.write_bytes(PDF)
    draft = ws.applications.attach(
        ws.applications.current_draft(pid), MaterialRole.LATE_EXPLANATION, scan
    )
    draft = ws.applications.save_draft(
        replace(draft, late_explanation="2026年3月至6月住院治疗，未能按时申请再登记。")
    )
    stored_scan = draft.materials_with(MaterialRole.LATE_EXPLANATION)[0].stored_name
    assert draft.kind is ApplicationKind.RENEWAL
    with ws.database.session() as session:  # the registration was entered by mistake
        from swdesk.storage.orm import RegistrationRow

        session.query(RegistrationRow).filter_by(practitioner_id=pid).delete()
    saved = ws.applications.save_draft(ws.applications.current_draft(pid))
    assert saved.kind is ApplicationKind.FIRST
    assert saved.late_explanation == ""
    assert not saved.materials_with(MaterialRole.LATE_EXPLANATION)
    assert not _stored(ws, stored_scan)  # its file released, nothing orphaned
    assert _files_without_reference(ws) == set()


def test_an_exported_application_keeps_its_kind_until_it_is_changed(
    ws: Workspace, tmp_path: Path
) -> None:
    pid, _proof = _unregistered(ws, tmp_path)
    exported = ws.applications.export(
        ws.applications.current_draft(pid), tmp_path / "first.swdapp"
    ).application
    assert exported.state is ApplicationState.EXPORTED
    _register(ws, pid, IN_WINDOW)
    again = ws.applications.current_draft(pid)
    assert (again.id, again.kind) == (exported.id, ApplicationKind.FIRST)  # as the office has it
    changed = ws.applications.save_draft(replace(again, post="督导"))
    assert (changed.version, changed.kind) == (2, ApplicationKind.RENEWAL)


def test_discarding_a_draft_releases_its_own_files_only(ws: Workspace, tmp_path: Path) -> None:
    from decimal import Decimal

    from swdesk.domain.enums import ActivityType, ContentArea
    from swdesk.domain.models import Activity
    from swdesk.storage.orm import FileJournalRow

    pid, proof = _unregistered(ws, tmp_path)
    # the same PDF is also an activity's evidence: it must survive the discard
    ws.activities.save_activity(
        pid,
        Activity(
            "伦理培训",
            "平凉市社工协会",
            ActivityType.TRAINING,
            ContentArea.VALUES_ETHICS,
            date(2026, 5, 10),
            date(2026, 5, 10),
            Decimal(6),
        ),
        [proof],
    )
    evidence = ws.activities.list_activities(pid)[0].evidence[0].stored_name
    draft = ws.applications.current_draft(pid)
    photo_name = draft.photo.stored_name if draft.photo else ""
    proof_name = draft.materials_with(MaterialRole.IDENTITY_CHANGE)[0].stored_name
    assert evidence == proof_name and _stored(ws, photo_name)
    with ws.database.session() as session:
        session.query(FileJournalRow).delete()  # as after a start: nothing journaled
    ws.applications.discard(draft)
    assert ws.applications.history(pid) == []
    assert not _stored(ws, photo_name)
    assert _stored(ws, proof_name)
    with ws.database.session() as session:  # dropped through the journal, not behind it
        noted = {row.stored_name for row in session.query(FileJournalRow)}
    assert photo_name in noted and proof_name not in noted
    assert _files_without_reference(ws) == set()
    fresh = ws.applications.current_draft(pid)
    assert fresh.id is None and fresh.kind is ApplicationKind.FIRST


def test_a_draft_never_saved_releases_the_files_it_imported(ws: Workspace, tmp_path: Path) -> None:
    portrait = tmp_path / "portrait.png"
    portrait.write_bytes(portrait_png(3))
    pid = ws.profiles.create_profile(replace(sample_draft(), new_photo=portrait))
    draft = ws.applications.current_draft(pid)  # nothing saved yet
    photo = draft.photo
    assert photo is not None and _stored(ws, photo.stored_name)
    ws.applications.discard(draft)
    assert not _stored(ws, photo.stored_name)
    assert ws.applications.history(pid) == []
    assert _files_without_reference(ws) == set()


def test_an_exported_application_cannot_be_discarded(ws: Workspace, tmp_path: Path) -> None:
    pid, _proof = _unregistered(ws, tmp_path)
    exported = ws.applications.export(
        ws.applications.current_draft(pid), tmp_path / "first.swdapp"
    ).application
    with pytest.raises(UserFixableError) as refused:
        ws.applications.discard(exported)
    assert refused.value.code == "application_not_discardable"
    assert [a.id for a in ws.applications.history(pid)] == [exported.id]
    assert all(_stored(ws, m.stored_name) for m in exported.materials)
    # its next version is a draft again: that one can go, the exported one stays
    second = ws.applications.save_draft(replace(exported, post="督导"))
    ws.applications.discard(second)
    assert [a.id for a in ws.applications.history(pid)] == [exported.id]
    assert all(_stored(ws, m.stored_name) for m in exported.materials)
    assert ws.applications.current_draft(pid).id == exported.id


def test_a_locked_profile_s_draft_is_still_saved(ws: Workspace) -> None:
    """Closing the wizard after the profile was locked keeps the edits; the kind is checked
    against the record the next time the profile is open."""
    pid = ws.profiles.create_profile(sample_draft(), pin="2468")
    draft = ws.applications.save_draft(ws.applications.current_draft(pid))
    ws.profiles.lock_all()
    saved = ws.applications.save_draft(replace(draft, post="督导"))
    assert (saved.id, saved.post, saved.kind) == (draft.id, "督导", ApplicationKind.RENEWAL)
