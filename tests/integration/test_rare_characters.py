"""Rare name characters (生僻字) through the whole practitioner side: a name with 𠮷 is no
fix-list item and exports a form whose text holds the name, which the reviewer's "form =
data" check accepts; a character no shipped font can draw is a note on the fix list naming
the field and the character, before export, that does not block it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from ui_free_samples import sample_draft

from swdesk.bundle import verify_bundle
from swdesk.domain.application import ApplicationDraft, MaterialRole
from swdesk.domain.fix_list import WizardPage
from swdesk.services.demo_images import portrait_png
from swdesk.services.review.member_checks import check_form
from swdesk.services.workspace import Workspace, open_workspace

TODAY = date(2026, 11, 28)
EXT_G_UNDRAWN = "\U00030041"  # an Extension G ideograph none of the shipped fonts has
PUA = "\ue000"  # private use, as an input method's self-made character (造字) would type


@pytest.fixture
def ws(tmp_path: Path):  # type: ignore[no-untyped-def]
    workspace = open_workspace(tmp_path / "data", clock=lambda: TODAY)
    yield workspace
    workspace.close()


def _ready_draft(ws: Workspace, tmp_path: Path, name: str) -> ApplicationDraft:
    """A first registration with everything it needs but the characters under test."""
    pid = ws.profiles.create_profile(replace(sample_draft(name), registration=None))
    photo = tmp_path / "photo.png"
    photo.write_bytes(portrait_png(4))
    draft = ws.applications.attach(ws.applications.current_draft(pid), MaterialRole.PHOTO, photo)
    return replace(draft, declaration_accepted=True)


def test_a_name_with_an_extension_b_character_exports_and_passes_the_form_check(
    ws: Workspace, tmp_path: Path
) -> None:
    draft = _ready_draft(ws, tmp_path, "𠮷祥")
    assert ws.applications.precheck(draft) == []
    result = ws.applications.export(ws.applications.save_draft(draft), tmp_path / "rare.swdapp")
    bundle = verify_bundle(result.path)
    assert bundle.application["applicant"]["name"] == "𠮷祥"
    form = bundle.read_member("form.pdf")
    document = pdfium.PdfDocument(form)
    text = "".join(document[0].get_textpage().get_text_range().split())
    document.close()
    assert "𠮷祥" in text
    check = check_form(bundle.application, form)
    assert check.passed, check.params


def test_a_character_no_font_draws_is_a_note_naming_field_and_character(
    ws: Workspace, tmp_path: Path
) -> None:
    draft = _ready_draft(ws, tmp_path, f"王{EXT_G_UNDRAWN}")
    draft = replace(draft, employer=f"平凉市{PUA}社工站")
    items = ws.applications.precheck(draft)
    notes = {item.params["field"]: item for item in items if item.code == "unprintable_characters"}
    assert set(notes) == {"name", "employer"}
    assert notes["name"].page is WizardPage.PROFILE
    assert notes["name"].params["chars"] == f"{EXT_G_UNDRAWN} (U+30041)"
    assert notes["employer"].page is WizardPage.PERSONAL
    assert notes["employer"].params["chars"] == f"{PUA} (U+E000)"
    assert not any(item.blocking for item in notes.values())
    # The form still prints (a box where the character is) and the reviewer's check does not
    # blame the applicant for it.
    form = ws.applications.render_form(draft)
    application = {
        "applicant": {
            "name": f"王{EXT_G_UNDRAWN}",
            "id_number": sample_draft().practitioner.id_number,
        },
        "application": {"uid": draft.uid, "version": draft.version, "kind": "first"},
        "hours": {"counted": "0"},
    }
    check = check_form(application, form)
    assert check.passed, check.params


def test_the_note_does_not_hold_back_the_export(ws: Workspace, tmp_path: Path) -> None:
    draft = _ready_draft(ws, tmp_path, f"王{EXT_G_UNDRAWN}")
    assert [item.code for item in ws.applications.precheck(draft)] == ["unprintable_characters"]
    result = ws.applications.export(ws.applications.save_draft(draft), tmp_path / "g.swdapp")
    bundle = verify_bundle(result.path)
    assert bundle.application["applicant"]["name"] == f"王{EXT_G_UNDRAWN}"  # data unchanged
    check = check_form(bundle.application, bundle.read_member("form.pdf"))
    assert check.passed, check.params
