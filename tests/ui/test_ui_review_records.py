"""The providers' signed attendance records in the reviewer's window, as a person meets them:
bundles imported through File → Import, the application opened with Return, each activity
marked 已核验（provider）, 自报 or 核验失败：reason in the data tab, the check's sentence in
the checks tab (in Chinese, and in English after a change of language), and a certificate's
QR code typed into the queue's search field (what a barcode scanner does) finding the
application that holds its record, or saying why it finds none."""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from review_ui_helpers import (
    ReviewBundles,
    import_all,
    make_window,
    module_bundles,  # noqa: F401  (fixture: bundles)
    press,
    select_ids,
)

from swdesk.signing.ce_record import qr_payload
from swdesk.ui.i18n import install_language
from swdesk.ui.review.window import ReviewWindow

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration"))

from record_samples import (  # noqa: E402
    ASSOCIATION,
    UNIVERSITY,
    application_of,
    record_for,
    record_id_of,
    trust_providers,
    with_records,
)


@pytest.fixture
def window(qtbot, tmp_path: Path, folder_templates) -> Iterator[ReviewWindow]:  # type: ignore[no-untyped-def]
    """A city office's window whose trust list names the association, not the university,
    in Chinese (the default language)."""
    install_language(QApplication.instance(), "zh_CN")
    window = make_window(qtbot, tmp_path / "review", templates=folder_templates)
    trust_providers(window.workspace, tmp_path, [ASSOCIATION])
    yield window


def _recorded(bundles: ReviewBundles, folder: Path) -> tuple[Path, Path, bytes]:
    """张晓梅's bundle with activity 1 backed by the association's record and activity 2 by
    the university's; her second application (another uid) replaying the first record."""
    zhang = application_of(bundles.zhang)
    first = record_for(zhang["activities"][0], bundles.id_number)
    second = record_for(zhang["activities"][1], bundles.id_number, UNIVERSITY)
    recorded = with_records(bundles.zhang, folder / "recorded.swdapp", {0: first})
    both = with_records(
        recorded, folder / "both.swdapp", {1: second}, organiser=UNIVERSITY.identity.name
    )
    again = application_of(bundles.zhang_again)["activities"][0]
    assert all(again[k] == zhang["activities"][0][k] for k in ("title", "start_date", "hours"))
    replay = with_records(bundles.zhang_again, folder / "replay.swdapp", {0: first})
    return both, replay, first


def _column(detail, title: str) -> list[str]:  # type: ignore[no-untyped-def]
    table = detail.activities_table
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    column = headers.index(title)
    return [table.item(r, column).text() for r in range(table.rowCount())]


def _open(qtbot, window: ReviewWindow, app_id: int):  # type: ignore[no-untyped-def]
    select_ids(window, [app_id])
    press(qtbot, window, Qt.Key.Key_Return)
    detail = window.decisions.detail_dialog
    assert detail is not None and detail.detail.row.id == app_id
    return detail


def _checks_line(detail) -> str:  # type: ignore[no-untyped-def]
    lines = [detail.checks_list.item(i).text() for i in range(detail.checks_list.count())]
    return next(line for line in lines if "培训机构签发" in line or "signed by providers" in line)


def test_each_activity_shows_what_its_record_proved(  # type: ignore[no-untyped-def]
    qtbot, window: ReviewWindow, bundles: ReviewBundles, tmp_path: Path
) -> None:
    both, replay, _first = _recorded(bundles, tmp_path)
    import_all(window, [both])
    import_all(window, [replay])
    assert window.last_report.counts()["imported"] == 1
    rows = {
        window.model.row_at(r).uid: window.model.row_at(r).id
        for r in range(window.model.rowCount())
    }
    zhang_id = rows[application_of(both)["application"]["uid"]]
    replay_id = rows[application_of(replay)["application"]["uid"]]

    detail = _open(qtbot, window, zhang_id)
    marks = _column(detail, "核验")
    assert marks[0] == "已核验（甘肃省社会工作协会）"
    assert marks[1] == "自报（兰州大学 不在可信机关名单中）"
    assert all(mark == "自报" for mark in marks[2:])
    hours = application_of(both)["activities"][0]["hours"]
    total = sum(float(a["hours"]) for a in application_of(both)["activities"])
    line = _checks_line(detail)
    assert f"其中 {hours} 学时经培训机构签名核验" in line and f"共 {total:g} 学时" in line
    assert "1 条记录的培训机构不在可信机关名单中" in line
    detail.close()

    detail = _open(qtbot, window, replay_id)
    uid = application_of(both)["application"]["uid"]
    assert _column(detail, "核验")[0] == f"核验失败：已用于申请 {uid}"
    assert f"第 1 项学习活动：已用于申请 {uid}" in _checks_line(detail)
    detail.close()

    app = QApplication.instance()
    install_language(app, "en")
    try:
        detail = _open(qtbot, window, zhang_id)
        assert _column(detail, "Verification")[:2] == [
            "Verified (甘肃省社会工作协会)",
            "Self-reported (兰州大学 is not in the trust list)",
        ]
        assert f"{hours} of {total:g} hours verified by provider signature" in _checks_line(detail)
        detail.close()
    finally:
        install_language(app, "zh_CN")


def test_a_certificates_qr_code_typed_into_the_search_finds_its_application(  # type: ignore[no-untyped-def]
    qtbot, window: ReviewWindow, bundles: ReviewBundles, tmp_path: Path
) -> None:
    both, _replay, first = _recorded(bundles, tmp_path)
    import_all(window, [both, bundles.zhang_again])
    assert window.last_report.counts()["imported"] == 2
    assert window.model.total == 2
    code = qr_payload(record_id_of(first), hashlib.sha256(first).hexdigest())

    search = window.search_edit
    search.setFocus()
    qtbot.keyClicks(search, code)  # a barcode scanner types the QR text, then Return
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert window.model.total == 1
    assert window.model.row_at(0).uid == application_of(both)["application"]["uid"]
    note = window.filters.certificate_note
    assert note.isHidden()

    search.clear()
    qtbot.keyClicks(search, qr_payload(record_id_of(first), "0" * 64))
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert window.model.total == 0
    assert note.isVisible()
    assert note.text().startswith("此证书与其所指的培训记录不符")
    assert record_id_of(first) in note.text()

    search.clear()
    qtbot.keyClicks(search, qr_payload("00000000-0000-4000-8000-000000000000", "0" * 64))
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert window.model.total == 0 and note.text() == "本机关没有包含此证书所指培训记录的申请。"

    search.clear()
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert window.model.total == 2 and note.isHidden()
