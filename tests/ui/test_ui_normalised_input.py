"""Pasted and full-width input in the profile editor and the wizard is accepted and stored in
the canonical form its check accepted (text is set directly: pytest-qt cannot type
Chinese or full-width characters)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from ui_helpers import sample_draft, valid_id

from swdesk.domain.credit_code import credit_code_check_char
from swdesk.domain.identity import id_check_char
from swdesk.ui.profile_editor import ProfileEditorDialog

WIDE = str.maketrans(
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ",
)
CREDIT = "91620802MA7123456" + credit_code_check_char("91620802MA7123456")
BIRTH = date(1991, 4, 12)


def _id_ending_in_x() -> str:
    sequence = next(
        s
        for s in range(2, 999, 2)  # even: female, as the sample profile
        if id_check_char(f"620802{BIRTH:%Y%m%d}{s:03d}") == "X"
    )
    return valid_id("620802", BIRTH, sequence)


def test_the_profile_editor_stores_what_it_accepted(qtbot, window, workspace) -> None:  # type: ignore[no-untyped-def]
    number = _id_ending_in_x()
    draft = sample_draft()
    pid = workspace.profiles.create_profile(
        replace(draft, practitioner=replace(draft.practitioner, id_number=number))
    )
    window.show_profile(pid)
    window.menus.edit_action.trigger()
    dialog = next(d for d in window.findChildren(ProfileEditorDialog) if d.isVisible())
    dialog.personal.id_edit.setText(
        "\u00a0" + number[:6] + "\t" + number[6:-1].translate(WIDE) + "x"
    )
    dialog.personal.credit_edit.setText(
        CREDIT[:8].translate(WIDE) + "\t" + CREDIT[8:].lower() + " "
    )
    dialog.personal.phone_edit.setText("１３９ 0933\u00a01234")
    dialog.personal.employer_edit.setText(" 东关街道\t社会工作服务站\u3000")
    dialog.personal.post_edit.setText("社会工作者\t")
    dialog.certificate.cert_number_edit.setText("Ｓ2023 0001")
    assert dialog.issues() == []  # the checks accept it …
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: not dialog.isVisible())
    record = workspace.profiles.get_record(pid)
    p = record.practitioner  # … and what is stored is exactly what they accepted
    assert (p.id_number, p.employer_credit_code, p.phone) == (number, CREDIT, "13909331234")
    assert (p.employer, p.post) == ("东关街道 社会工作服务站", "社会工作者")
    assert record.current_certificate is not None
    assert record.current_certificate.number == "S20230001"


def test_the_wizard_stores_what_its_fix_list_accepted(qtbot, window, workspace) -> None:  # type: ignore[no-untyped-def]
    pid = workspace.profiles.create_profile(sample_draft())
    window.show_profile(pid)
    window.menus.apply_action.trigger()
    wizard = window.application_actions.wizard
    assert wizard is not None and wizard.isVisible()
    wizard.go_to("personal")
    page = wizard.personal_page
    page.credit_edit.setText(CREDIT.translate(WIDE)[:10] + "\t" + CREDIT[10:].lower())
    page.phone_edit.setText("139-0933-1234 ")
    page.employer_edit.setText("\u00a0平凉市\t崆峒区社工站")
    page.credit_edit.setFocus()
    qtbot.keyClick(page.credit_edit, Qt.Key.Key_Tab)  # leaving the field checks it
    assert not page.fields.fields["employer_credit_code"].has_error
    assert not page.fields.fields["phone"].has_error
    qtbot.mouseClick(wizard.save_button, Qt.MouseButton.LeftButton)
    codes = [(item.code, item.params.get("field")) for item in wizard.fix_items]
    assert ("personal_invalid", "employer_credit_code") not in codes
    stored = workspace.applications.current_draft(pid)
    assert (stored.employer_credit_code, stored.phone, stored.employer) == (
        CREDIT,
        "13909331234",
        "平凉市 崆峒区社工站",
    )
    wizard.close()
