"""The registration number through the services: stored as checked, a missing one is a note
on the fix list (never a refusal), and the exported application.json carries it in version 2
or, without it, stays version 1 (readable by an office whose swdesk knows only version 1)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from folder_samples import FolderTemplates
from swdesk.bundle import verify_bundle
from swdesk.domain.errors import ValidationFailed
from swdesk.domain.fix_list import blocking_items
from swdesk.services.profiles import ProfileDraft
from swdesk.services.workspace import Workspace, open_workspace

TODAY = date(2026, 11, 28)


@pytest.fixture
def ws(folder_templates: FolderTemplates, tmp_path: Path):  # type: ignore[no-untyped-def]
    """A data folder with the demo people (a copy of one built once per session)."""
    workspace = open_workspace(folder_templates.demo(tmp_path / "data", TODAY), clock=lambda: TODAY)
    yield workspace
    workspace.close()


def _renewing(ws: Workspace) -> int:
    """The demo's practitioner whose re-registration window is open (the first one)."""
    return min(p.id for p in ws.profiles.list_profiles())


def _set_number(ws: Workspace, pid: int, number: str) -> None:
    record = ws.profiles.get_record(pid)
    assert record.current_certificate is not None and record.latest_registration is not None
    ws.profiles.update_profile(
        pid,
        ProfileDraft(
            record.practitioner,
            record.current_certificate,
            replace(record.latest_registration, number=number),
        ),
    )


def test_the_number_is_checked_and_stored_canonical(ws: Workspace) -> None:
    pid = _renewing(ws)
    _set_number(ws, pid, "\u3000ＰＬ２０２３－０８２１\t015 ")
    assert ws.profiles.get_record(pid).latest_registration.number == "PL2023-0821 015"  # type: ignore[union-attr]
    with pytest.raises(ValidationFailed) as refused:
        _set_number(ws, pid, "PL" * 21)
    assert [(i.field, i.code) for i in refused.value.issues] == [
        ("registration_number", "too_long")
    ]
    assert ws.profiles.get_record(pid).latest_registration.number == "PL2023-0821 015"  # type: ignore[union-attr]


def test_export_with_the_number_writes_version_2(ws: Workspace, tmp_path: Path) -> None:
    pid = _renewing(ws)
    number = ws.profiles.get_record(pid).latest_registration.number  # type: ignore[union-attr]
    draft = replace(ws.applications.current_draft(pid), declaration_accepted=True)
    assert "registration_number_missing" not in [
        i.code for i in ws.applications.precheck(draft, ws.applications.context(pid))
    ]
    result = ws.applications.export(draft, tmp_path / "with.swdapp")
    application = verify_bundle(result.path).application
    assert application["format_version"] == 2
    assert application["registration"]["number"] == number


def test_export_without_the_number_is_a_note_and_writes_version_1(
    ws: Workspace, tmp_path: Path
) -> None:
    pid = _renewing(ws)
    _set_number(ws, pid, "")
    draft = replace(ws.applications.current_draft(pid), declaration_accepted=True)
    items = ws.applications.precheck(draft, ws.applications.context(pid))
    assert "registration_number_missing" in [i.code for i in items]
    assert blocking_items(items) == []  # the office looks the number up: export goes ahead
    result = ws.applications.export(draft, tmp_path / "without.swdapp")
    application = verify_bundle(result.path).application
    assert application["format_version"] == 1
    assert "number" not in application["registration"]


def test_the_wizard_path_stores_the_number_on_the_latest_registration(ws: Workspace) -> None:
    pid = _renewing(ws)
    before = ws.profiles.get_record(pid).latest_registration
    context = ws.applications.set_registration_number(pid, " ＧＳ-2023\u200b-77 ")
    assert context.record.latest_registration == replace(before, number="GS-2023-77")  # type: ignore[arg-type]
    with pytest.raises(ValidationFailed) as refused:
        ws.applications.set_registration_number(pid, "GS\ue000")
    assert [(i.field, i.code) for i in refused.value.issues] == [
        ("registration_number", "registration_number_characters")
    ]
    assert ws.profiles.get_record(pid).latest_registration.number == "GS-2023-77"  # type: ignore[union-attr]
