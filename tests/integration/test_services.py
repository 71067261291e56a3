"""Use cases end to end on a real data folder: demo, activities with files, PINs, reminders."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from ui_free_samples import sample_draft

from swdesk.domain.enums import ActivityType, ContentArea, RegistrationState
from swdesk.domain.errors import UserFixableError, ValidationFailed
from swdesk.domain.identity import id_number_issues
from swdesk.domain.models import Activity
from swdesk.services.calendar_export import CalendarEntry, build_ics
from swdesk.services.demo import populate_demo
from swdesk.services.workspace import Workspace, open_workspace

TODAY = date(2026, 11, 28)
PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture
def ws(tmp_path: Path):  # type: ignore[no-untyped-def]
    workspace = open_workspace(tmp_path / "data", clock=lambda: TODAY)
    yield workspace
    workspace.close()


def _demo(ws: Workspace) -> list[int]:
    progress = list(populate_demo(ws.profiles, ws.activities, TODAY))
    assert progress[-1] == (5, 5)
    return [p.id for p in ws.profiles.list_profiles()]


def test_demo_covers_every_state_with_valid_people(ws: Workspace) -> None:
    ids = _demo(ws)
    states = {}
    for pid in ids:
        record = ws.profiles.get_record(pid)
        p = record.practitioner
        assert p.county.startswith("6208")
        assert id_number_issues(p.id_number, birth_date=p.birth_date, gender=p.gender) == []
        status = ws.dashboard.status_for(pid)
        states[p.name] = status
        for activity in ws.activities.list_activities(pid):
            assert activity.evidence and activity.end_date < TODAY
    assert states["张晓梅"].state is RegistrationState.WINDOW_OPEN
    assert states["张晓梅"].hours_needed == 0
    assert states["李建国"].state is RegistrationState.VALID
    assert states["李建国"].hours_needed > 0 and states["李建国"].catch_up is not None
    assert states["王芳"].state is RegistrationState.WINDOW_NOT_OPEN
    assert states["马明远"].state is RegistrationState.OVERDUE
    assert states["马明远"].required_hours == Decimal(120)
    assert states["赵静"].state is RegistrationState.VALID


def test_a_bad_file_saves_nothing(ws: Workspace, tmp_path: Path) -> None:
    pid = ws.profiles.create_profile(sample_draft())
    good = tmp_path / "good.pdf"
    good.write_bytes(PDF)
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"PK\x03\x04 not allowed")
    activity = Activity(
        "伦理培训",
        "平凉市民政局",
        ActivityType.TRAINING,
        ContentArea.VALUES_ETHICS,
        date(2025, 3, 1),
        date(2025, 3, 1),
        Decimal(6),
    )
    with pytest.raises(UserFixableError) as caught:
        ws.activities.save_activity(pid, activity, [good, bad])
    assert caught.value.code == "file_type_not_allowed"
    assert caught.value.params["file"] == "bad.docx"
    assert ws.activities.list_activities(pid) == []
    assert list(ws.layout.evidence_dir.iterdir()) == []
    with pytest.raises(ValidationFailed) as invalid:
        ws.activities.save_activity(pid, replace(activity, hours=Decimal(0)))
    assert [i.code for i in invalid.value.issues] == ["hours_not_positive"]


def test_pins_are_checked_and_can_be_removed(ws: Workspace) -> None:
    pid = ws.profiles.create_profile(sample_draft(), pin="1357")
    assert ws.profiles.has_pin(pid)
    assert not ws.profiles.verify_pin(pid, "0000")
    assert ws.profiles.verify_pin(pid, "1357")
    with pytest.raises(ValidationFailed):
        ws.profiles.set_pin(pid, "12")
    ws.profiles.set_pin(pid, None)
    assert not ws.profiles.has_pin(pid)
    assert [p.has_pin for p in ws.profiles.list_profiles()] == [False]


def test_ics_has_one_event_per_date_with_stable_uids() -> None:
    entries = [
        CalendarEntry("window_opens", date(2026, 12, 1), "再登记申请期开始"),
        CalendarEntry("expires", date(2027, 2, 28), "登记有效期届满"),
    ]
    first = build_ics(entries, "profile1")
    second = build_ics(entries, "profile1")
    assert first.count(b"BEGIN:VEVENT") == 2
    assert first.count(b"BEGIN:VALARM") == 2
    assert b"DTSTART;VALUE=DATE:20261201" in first
    uids = [line for line in first.splitlines() if line.startswith(b"UID:")]
    assert uids == [line for line in second.splitlines() if line.startswith(b"UID:")]


def test_deleting_a_profile_removes_its_files(ws: Workspace) -> None:
    _demo(ws)
    assert any(ws.layout.evidence_dir.iterdir()) and any(ws.layout.photos_dir.iterdir())
    for profile in ws.profiles.list_profiles():
        ws.profiles.delete_profile(profile.id)
    assert ws.profiles.list_profiles() == []
    assert list(ws.layout.evidence_dir.iterdir()) == []
    assert list(ws.layout.photos_dir.iterdir()) == []


def test_saving_the_same_new_draft_twice_keeps_one_application(ws: Workspace) -> None:
    pid = ws.profiles.create_profile(sample_draft())
    draft = ws.applications.current_draft(pid)
    first = ws.applications.save_draft(draft)
    second = ws.applications.save_draft(replace(draft, post="督导"))
    assert first.id == second.id
    assert [a.post for a in ws.applications.history(pid)] == ["督导"]


def test_application_versions_and_resubmission(ws: Workspace, tmp_path: Path) -> None:
    from swdesk.domain.application import ApplicationState
    from swdesk.storage.repositories import ApplicationRepository

    _demo(ws)
    pid = min(p.id for p in ws.profiles.list_profiles())
    draft = replace(ws.applications.current_draft(pid), declaration_accepted=True)
    first = ws.applications.export(draft, tmp_path / "v1.swdapp").application
    status = ws.dashboard.status_for(pid)  # on the stick, not yet handed in
    assert status.state is RegistrationState.AWAITING_SUBMISSION
    assert status.next_action.code == "hand_in_application"
    assert status.next_action.params["office_zh"] == "平凉市民政局"
    # unchanged: the exported application is what the wizard continues
    assert ws.applications.current_draft(pid).id == first.id
    second = ws.applications.save_draft(replace(first, post="督导"))
    assert (second.uid, second.version, second.state) == (first.uid, 2, ApplicationState.DRAFT)
    states = [(a.version, a.state) for a in ws.applications.history(pid)]
    assert states == [(2, ApplicationState.DRAFT), (1, ApplicationState.EXPORTED)]
    exported = ws.applications.export(second, tmp_path / "v2.swdapp").application
    with ws.database.session() as session:
        ApplicationRepository(session).set_state(exported.id, ApplicationState.REJECTED)
    resubmission = ws.applications.current_draft(pid)
    assert resubmission.id is None and resubmission.parent_id == exported.id
    assert resubmission.uid != first.uid and resubmission.post == "督导"
    assert not resubmission.declaration_accepted
    result = ws.applications.export(
        replace(resubmission, declaration_accepted=True), tmp_path / "again.swdapp"
    )
    from swdesk.bundle import verify_bundle

    assert verify_bundle(result.path).application["resubmission_of"] == first.uid


def test_first_registration_has_its_own_form(ws: Workspace, tmp_path: Path) -> None:
    from pypdf import PdfReader

    from swdesk.bundle import verify_bundle
    from swdesk.domain.application import ApplicationKind, MaterialRole
    from swdesk.services.demo_images import portrait_png

    pid = ws.profiles.create_profile(replace(sample_draft("刘喆"), registration=None))
    draft = ws.applications.current_draft(pid)
    assert draft.kind is ApplicationKind.FIRST
    photo = tmp_path / "photo.png"
    photo.write_bytes(portrait_png(2))
    draft = ws.applications.attach(draft, MaterialRole.PHOTO, photo)
    draft = replace(draft, declaration_accepted=True)
    assert ws.applications.precheck(draft) == []
    pdf = ws.applications.render_form(draft)
    text = "".join(page.extract_text() for page in PdfReader(__import__("io").BytesIO(pdf)).pages)
    assert "社会工作者首次登记申请表" in text and "刘喆" in text
    result = ws.applications.export(draft, tmp_path / "first.swdapp")
    assert verify_bundle(result.path).application["application"]["kind"] == "first"
