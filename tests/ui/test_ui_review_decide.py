"""Deciding and reading applications in the reviewer window, as a reviewer does it: what is
reported after a decision (refusals by name and reason, the count actually recorded), the
detail window following the decision, the decision dialog's reasons and errors, the ID
number masked on the rendered form, the county by name, evidence listed by activity, the
warning when two applications awaiting review share an ID number, and the office set-up
form's errors going away as fields are fixed."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRect, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from review_ui_helpers import (
    CTRL,
    FULL_ID,
    SHIFT,
    import_all,
    make_window,
    module_bundles,  # noqa: F401  (fixture: bundles)
    ok_button,
    press,
    press_on_first,
    reviewer_window,  # noqa: F401  (fixture: window)
    select_ids,
    tick,
)
from ui_helpers import type_text

from swdesk.services.review import ReviewLevel
from swdesk.ui.pdf_preview import PdfPreview, render_pages
from swdesk.ui.review.decide import DecideDialog
from swdesk.ui.review.detail import FORM_DPI

LEFT = Qt.MouseButton.LeftButton


def _visible_boxes(window) -> list[QMessageBox]:  # type: ignore[no-untyped-def]
    return [box for box in window.findChildren(QMessageBox) if box.isVisible()]


def _decide(qtbot, window, app_ids: list[int], outcome: str, reason: str = "") -> None:  # type: ignore[no-untyped-def]
    select_ids(window, app_ids)
    press(qtbot, window, Qt.Key.Key_A if outcome == "approved" else Qt.Key.Key_R, CTRL | SHIFT)
    dialog = window.decisions.decide_dialog
    if reason:
        tick(qtbot, dialog.reason_checks[reason])
    qtbot.mouseClick(ok_button(dialog), LEFT)
    assert not dialog.isVisible()


def _decisions_stored(window) -> int:  # type: ignore[no-untyped-def]
    from sqlalchemy import text

    with window.workspace.database.session() as session:
        return int(session.execute(text("SELECT count(*) FROM decisions")).scalar_one())


# -- what is reported after a decision ----------------------------------------------------
def test_rejecting_an_approved_application_reports_the_refusal(
    qtbot,
    window,  # type: ignore[no-untyped-def]
    bundles,
) -> None:
    import_all(window, [bundles.zhang])
    app_id = window.model.row_at(0).id
    _decide(qtbot, window, [app_id], "approved")
    assert _decisions_stored(window) == 1
    assert "1" in window.statusBar().currentMessage()

    _decide(qtbot, window, [app_id], "rejected", reason="hours_short")
    assert _decisions_stored(window) == 1  # nothing new was stored ...
    assert window.service.counts()["first_approved"] == 1
    message = window.statusBar().currentMessage()
    assert "0" in message and "1" in message  # ... and the status bar says so
    [box] = _visible_boxes(window)
    assert box.icon() == QMessageBox.Icon.Warning
    assert "张晓梅" in box.text()
    assert "application_locked" not in box.text() and "_" not in box.text()
    from swdesk.domain.errors import UserFixableError
    from swdesk.ui.texts import error_text

    assert error_text(UserFixableError("application_locked")) in box.text()  # in words
    assert not FULL_ID.search(box.text())
    box.close()


def test_a_batch_counts_only_what_was_recorded(qtbot, window, bundles) -> None:  # type: ignore[no-untyped-def]
    import_all(window, [bundles.zhang, bundles.zhang_again])
    first, second = (window.model.row_at(r).id for r in range(2))
    _decide(qtbot, window, [first], "approved")
    _decide(qtbot, window, [first, second], "rejected", reason="data_wrong")
    results = {r.application_id: r.status for r in window.decisions.last_decisions}
    assert results == {first: "refused", second: "decided"}
    assert _decisions_stored(window) == 2
    message = window.statusBar().currentMessage()
    assert message.count("1") >= 2  # one recorded, one not decided
    [box] = _visible_boxes(window)
    assert box.text().count("张晓梅") == 1 and "*" in box.text()
    box.close()


def test_an_open_detail_window_follows_the_decision(qtbot, window, bundles) -> None:  # type: ignore[no-untyped-def]
    import_all(window, [bundles.zhang])
    press_on_first(qtbot, window, Qt.Key.Key_Return)
    detail = window.decisions.detail_dialog
    pending = detail.summary.text()
    assert detail.approve_button.isEnabled() and detail.reject_button.isEnabled()
    qtbot.mouseClick(detail.approve_button, LEFT)
    dialog = window.decisions.decide_dialog
    assert dialog.parent() is detail and dialog.outcome() == "approved"
    qtbot.mouseClick(ok_button(dialog), LEFT)
    assert detail.isVisible()
    assert detail.summary.text() != pending
    from swdesk.ui.texts import review_state_label

    assert review_state_label("first_approved") in detail.summary.text()
    assert not detail.approve_button.isEnabled() and not detail.reject_button.isEnabled()
    assert detail.notice_label.isVisible() and detail.notice_label.text()
    history = [detail.history_list.item(i).text() for i in range(detail.history_list.count())]
    assert any("平凉市民政局" in line for line in history)
    detail.close()


def test_the_detail_window_reloads_on_the_thread_pool(
    qtbot,
    tmp_path,
    monkeypatch,  # type: ignore[no-untyped-def]
    bundles,
) -> None:
    window = make_window(qtbot, tmp_path / "review", synchronous=False)
    window.service.import_files([bundles.zhang])
    window.apply_filters()
    press_on_first(qtbot, window, Qt.Key.Key_Return)
    detail = window.decisions.detail_dialog
    qtbot.mouseClick(detail.reject_button, LEFT)
    dialog = window.decisions.decide_dialog
    tick(qtbot, dialog.reason_checks["photo_unfit"])
    with qtbot.waitSignal(window.decisions_recorded, timeout=60000):
        qtbot.mouseClick(ok_button(dialog), LEFT)
    from swdesk.ui.texts import review_state_label

    assert review_state_label("first_rejected") in detail.summary.text()
    assert detail.approve_button.isEnabled()  # a rejection can still be revised
    detail.close()
    window.close()


# -- the decision dialog --------------------------------------------------------------------
def test_choosing_approve_clears_and_disables_the_reasons(qtbot, window, bundles) -> None:  # type: ignore[no-untyped-def]
    import_all(window, [bundles.zhang])
    press_on_first(qtbot, window, Qt.Key.Key_R, CTRL | SHIFT)
    dialog = window.decisions.decide_dialog
    assert dialog.reasons_box.isEnabled()
    comment = dialog.reason_comments["other"]
    comment.setFocus()
    type_text(comment, "请补充材料")
    comment.textEdited.emit(comment.text())  # what typing does: the reason gets ticked
    assert dialog.reason_checks["other"].isChecked()
    tick(qtbot, dialog.approve_radio)
    assert dialog.approve_radio.isChecked()
    assert not dialog.reasons_box.isEnabled()
    assert not any(c.isChecked() for c in dialog.reason_checks.values())
    assert comment.text() == "" and dialog.reasons() == []
    tick(qtbot, dialog.reject_radio)
    assert dialog.reasons_box.isEnabled()
    dialog.close()


def test_the_rejection_error_goes_once_a_reason_is_ticked(qtbot, window, bundles) -> None:  # type: ignore[no-untyped-def]
    import_all(window, [bundles.zhang])
    press_on_first(qtbot, window, Qt.Key.Key_R, CTRL | SHIFT)
    dialog = window.decisions.decide_dialog
    qtbot.mouseClick(ok_button(dialog), LEFT)
    assert dialog.isVisible() and dialog.error_label.text()
    tick(qtbot, dialog.reason_checks["hours_short"])
    assert dialog.error_label.text() == ""  # at once, not at the next OK
    tick(qtbot, dialog.reason_checks["hours_short"])
    assert dialog.error_label.text() == ""  # no new error before OK
    dialog.close()


def test_the_late_reason_error_goes_once_written(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = DecideDialog(1, True, ReviewLevel.CITY, names=["马明远"])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(ok_button(dialog), LEFT)
    assert dialog.isVisible() and dialog.error_label.text()
    dialog.late_edit.setFocus()
    type_text(dialog.late_edit, "驻村服务")
    assert dialog.error_label.text() == ""
    assert "马明远" in dialog.summary_label.text()


def test_the_decision_dialog_is_wide_enough_to_read(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = DecideDialog(3, False, ReviewLevel.CITY, names=["张晓梅", "刘喆", "陈淼", "杨堃"])
    qtbot.addWidget(dialog)
    dialog.show()
    metrics = dialog.fontMetrics()
    assert dialog.width() >= metrics.averageCharWidth() * 48 > 244
    for code, check in dialog.reason_checks.items():
        assert check.width() >= metrics.horizontalAdvance(check.text()), code
        assert dialog.reason_comments[code].width() >= metrics.averageCharWidth() * 15
    assert "1" in dialog.summary_label.text()  # "and 1 more"


# -- the detail view ------------------------------------------------------------------------
def _open_detail(qtbot, window, bundles):  # type: ignore[no-untyped-def]
    import_all(window, [bundles.zhang])
    press_on_first(qtbot, window, Qt.Key.Key_Return)
    return window.decisions.detail_dialog


def _sheet(pages: list[QImage]) -> QImage:
    preview = PdfPreview()
    preview.show_pages(pages)
    image = preview.canvas.pixmap().toImage()
    preview.deleteLater()
    return image


def _diff_box(a: QImage, b: QImage) -> QRect:
    assert (a.width(), a.height()) == (b.width(), b.height())
    box = QRect()
    for y in range(a.height()):
        for x in range(a.width()):
            if a.pixel(x, y) != b.pixel(x, y):
                box = box.united(QRect(x, y, 1, 1))
    return box


def test_the_form_tab_masks_the_id_number_until_revealed(qtbot, window, bundles) -> None:  # type: ignore[no-untyped-def]
    import pypdfium2 as pdfium

    detail = _open_detail(qtbot, window, bundles)
    pdf = window.service.member_bytes(detail.app_id, "form.pdf")
    clear = _sheet(render_pages(pdf, FORM_DPI))
    detail.tabs.setCurrentWidget(detail.form_preview)
    assert detail.form_preview.page_count == len(pdfium.PdfDocument(pdf)) >= 2
    shown = detail.form_preview.canvas.pixmap().toImage()
    changed = _diff_box(shown, clear)
    assert not changed.isEmpty()  # something was painted over ...

    document = pdfium.PdfDocument(pdf)
    page = document[0]
    text = page.get_textpage()
    start, count = text.search(bundles.id_number).get_next()
    assert count == 18
    boxes = [text.get_charbox(start + i) for i in range(6, 14)]  # the masked digits
    scale = FORM_DPI / 72
    height = page.get_height()
    digits = QRect(
        int(min(b[0] for b in boxes) * scale) + 1,
        int((height - max(b[3] for b in boxes)) * scale) + 1,
        int((max(b[2] for b in boxes) - min(b[0] for b in boxes)) * scale),
        int((max(b[3] for b in boxes) - min(b[1] for b in boxes)) * scale),
    )
    text.close()
    page.close()
    document.close()
    # ... the digits the header masks, and nothing far from them
    assert changed.intersects(digits)
    assert changed.adjusted(-2, -2, 2, 2).contains(digits.adjusted(1, 1, -1, -1))
    assert changed.width() < digits.width() * 2 and changed.height() < digits.height() * 3

    detail.reveal_button.click()
    assert window.service.audit_verify().ok
    assert _diff_box(detail.form_preview.canvas.pixmap().toImage(), clear).isEmpty()
    assert bundles.id_number in detail.summary.text()
    detail.close()


def test_the_data_tab_names_the_county_and_shows_whole_titles(qtbot, window, bundles) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QLabel

    detail = _open_detail(qtbot, window, bundles)
    texts = [label.text() for label in detail.tabs.widget(0).findChildren(QLabel)]
    assert "崆峒区" in texts
    assert "620802" not in texts
    table = detail.activities_table
    assert table.wordWrap() and table.verticalHeader().isHidden()
    detail.resize(700, 500)  # narrow: the titles must wrap, not be cut
    detail.show()
    qtbot.waitExposed(detail)
    metrics = table.fontMetrics()

    def every_text_fits() -> None:
        assert table.columnWidth(0) >= metrics.averageCharWidth() * 12
        for row in range(table.rowCount()):
            for column in (0, 1):
                text = table.item(row, column).text()
                lines = max(1, table.rowHeight(row) // metrics.lineSpacing())
                # the whole text fits in its cell, wrapped over as many lines as it needs
                assert (table.columnWidth(column) - 8) * lines >= metrics.horizontalAdvance(text), (
                    text,
                    table.columnWidth(column),
                    lines,
                )

    qtbot.waitUntil(every_text_fits)  # row heights follow once the layout has settled
    detail.close()


def test_the_evidence_tab_lists_proofs_by_activity(qtbot, window, bundles) -> None:  # type: ignore[no-untyped-def]
    detail = _open_detail(qtbot, window, bundles)
    tree = detail.evidence_list
    titles = [a["title"] for a in detail.detail.application["activities"]]
    groups = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    for title, group in zip(titles, groups, strict=False):
        assert title in group.text(0)
        assert group.childCount() >= 1
        child = group.child(0)
        assert child.text(2).split()[-1] in ("B", "KB", "MB")
        assert "PDF" in child.text(1) or "JPEG" in child.text(1) or "PNG" in child.text(1)
        assert "evidence/" not in child.text(0)
    tree.setCurrentItem(groups[0].child(0))
    assert detail.evidence_view.page_count >= 1
    detail.close()


# -- two applications awaiting review with one ID number ------------------------------------
def test_the_queue_warns_when_two_pending_applications_share_an_id(
    qtbot,
    window,  # type: ignore[no-untyped-def]
    bundles,
) -> None:
    import_all(window, [bundles.zhang])
    assert not window.shared_id_banner.isVisible()
    import_all(window, [bundles.zhang_again])
    assert window.model.total == 2
    assert window.shared_id_banner.isVisible()
    assert "2" in window.shared_id_label.text()
    shown = [window.model.data(window.model.index(r, 1)) for r in range(2)]
    assert all("※" in text for text in shown)
    tips = [
        window.model.data(window.model.index(r, 1), Qt.ItemDataRole.ToolTipRole) for r in range(2)
    ]
    assert all(tips)
    for text in (*shown, *tips, window.shared_id_label.text()):
        assert not FULL_ID.search(text)
        assert bundles.id_number not in text

    qtbot.mouseClick(window.shared_id_button, LEFT)
    assert window.model.total == 2
    # deciding one of them ends the warning: only one is still awaiting review
    _decide(qtbot, window, [window.model.row_at(0).id], "approved")
    assert window.service.queue_count(window.current_filter()) == 0
    qtbot.mouseClick(window.shared_id_button, LEFT)
    assert window.model.total == 2
    assert not window.shared_id_banner.isVisible()
    assert not any("※" in window.model.data(window.model.index(r, 1)) for r in range(2))
    for box in _visible_boxes(window):
        box.close()


def test_the_shared_id_warning_is_readable_in_both_themes(qtbot, window, bundles) -> None:  # type: ignore[no-untyped-def]
    """The warning's red is the theme's error red (4.5:1 on the window colour) and follows
    a theme change while the reviewer window stays open."""
    from PySide6.QtGui import QPalette
    from test_ui_theme import contrast

    from swdesk.ui.theme import apply_theme

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    import_all(window, [bundles.zhang, bundles.zhang_again])
    label = window.shared_id_label
    assert label.isVisible() and label.styleSheet() == ""  # its palette is what is drawn
    try:
        for theme in ("dark", "light", "dark"):
            apply_theme(app, theme)
            QApplication.processEvents()
            red = label.palette().color(QPalette.ColorRole.WindowText)
            assert red.red() > red.green() + 60
            window_colour = QApplication.palette().color(QPalette.ColorRole.Window)
            assert contrast(red, window_colour) >= 4.5, (theme, red.name())
    finally:
        apply_theme(app, "system")


def test_the_detail_window_warns_of_a_shared_id_number(qtbot, window, bundles) -> None:  # type: ignore[no-untyped-def]
    import_all(window, [bundles.zhang, bundles.zhang_again])
    press_on_first(qtbot, window, Qt.Key.Key_Return)
    detail = window.decisions.detail_dialog
    assert detail.notice_label.isVisible() and detail.notice_label.text()
    assert not FULL_ID.search(detail.notice_label.text())
    detail.close()


# -- import messages in words ---------------------------------------------------------------
def test_every_import_refusal_is_worded(qtbot) -> None:  # type: ignore[no-untyped-def]
    from swdesk.bundle.errors import BUNDLE_ERROR_CODES
    from swdesk.services.review import ImportOutcome
    from swdesk.signing import SIGNING_ERROR_CODES
    from swdesk.ui.review.import_dialog import outcome_reason

    codes = {
        *BUNDLE_ERROR_CODES,
        *SIGNING_ERROR_CODES,
        "forward_not_expected",
        "forward_package_required",
        "forward_decision_mismatch",
        "forward_invalid",
        "trust_list_missing",
        "decision_replayed",
        "disk_full",
        "not_writable",
        "a_code_nobody_worded",
    }
    for code in sorted(codes):
        text = outcome_reason(
            ImportOutcome("/usb/a.swdapp", "refused", code, {"file": "a.swdapp", "reason": "x"})
        )
        assert text and code not in text, code
    duplicate = outcome_reason(
        ImportOutcome("/usb/a.swdapp", "duplicate", "already_imported", {"bundle_id": "ab"}, 7)
    )
    assert duplicate and "already_imported" not in duplicate
    cancelled = outcome_reason(ImportOutcome("/usb/b.swdapp", "cancelled"))
    assert cancelled


# -- the office set-up form -----------------------------------------------------------------
def test_office_setup_errors_go_as_fields_are_fixed(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from swdesk.ui.review.login import OfficeSetupDialog

    dialog = OfficeSetupDialog(tmp_path / "review")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(ok_button(dialog), LEFT)
    fields = dialog.fields
    assert fields["office"].has_error and fields["region"].has_error
    assert fields["password"].has_error
    dialog.office_edit.setFocus()
    type_text(dialog.office_edit, "平凉市民政局")
    assert not fields["office"].has_error  # at once
    assert fields["region"].has_error  # the others stay until fixed
    qtbot.keyClicks(dialog.region_edit, "620800")
    assert not fields["region"].has_error
    qtbot.keyClicks(dialog.password_edit, "short")
    assert fields["password"].has_error
    qtbot.keyClicks(dialog.password_edit, "-but-long")
    assert not fields["password"].has_error
    assert not fields["repeat"].has_error  # a new error waits for OK
    dialog.close()


# -- fitting a small screen -----------------------------------------------------------------
def test_a_remembered_geometry_larger_than_the_screen_is_pulled_in(
    qtbot,
    tmp_path,  # type: ignore[no-untyped-def]
    monkeypatch,
) -> None:
    from swdesk.services.review import init_review_workspace
    from swdesk.signing import ReviewLevel
    from swdesk.ui.review.window import ReviewWindow
    from swdesk.ui.settings import UiSettings
    from swdesk.ui.tasks import TaskRunner

    area = QApplication.primaryScreen().availableGeometry()
    big = QWidget()
    big.setGeometry(area.x() + 200, area.y() + 150, area.width() * 2, area.height() * 2)
    settings = UiSettings(tmp_path / "settings.ini")
    settings.set_geometry("review", QByteArray(big.saveGeometry()))
    big.deleteLater()
    ws = init_review_workspace(
        tmp_path / "review",
        office_name="平凉市民政局",
        region="620800",
        level=ReviewLevel.CITY,
        rule_pack_id="gansu",
        password="correct horse battery",
    )
    window = ReviewWindow(ws, settings, TaskRunner(synchronous=True))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    frame = window.frameGeometry()
    assert area.contains(frame), (area, frame)


def test_queue_headers_are_never_cut_short(qtbot, window, bundles) -> None:  # type: ignore[no-untyped-def]
    from swdesk.ui.i18n import install_language

    install_language(QApplication.instance(), "zh_CN")
    try:
        model = window.model
        header = window.table.horizontalHeader()
        for fill in ([], [bundles.zhang]):  # an empty queue and a filled one
            if fill:
                import_all(window, fill)
            window.apply_filters()
            metrics = header.fontMetrics()
            for column in range(model.columnCount() - 1):  # the last one stretches
                text = model.headerData(column, Qt.Orientation.Horizontal)
                assert header.sectionSize(column) >= metrics.horizontalAdvance(text), text
        assert model.headerData(7, Qt.Orientation.Horizontal) == "等待/期限（工作日）"
    finally:
        install_language(QApplication.instance(), "en")
