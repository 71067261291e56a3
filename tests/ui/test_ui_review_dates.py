"""The reviewer sees the applicant's declaration date beside the date the office received
the application, a declaration dated far from that day flagged among the checks, and the
review deadline in working days with a note when its year's holidays are not known."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QScrollArea
from review_ui_helpers import PASSWORD, import_all, press_on_first
from ui_helpers import TODAY

from swdesk.services.demo import populate_demo
from swdesk.services.review import init_review_workspace
from swdesk.services.workspace import open_workspace
from swdesk.signing import ReviewLevel
from swdesk.ui.review.detail import ReviewDetailDialog
from swdesk.ui.review.window import ReviewWindow
from swdesk.ui.tasks import TaskRunner
from swdesk.ui.texts import check_label

DECLARED = datetime.combine(TODAY, time(9, 30))  # 2026-11-28, the practitioner's clock


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """张晓梅's application, declared on TODAY."""
    folder = tmp_path_factory.mktemp("dated")
    (folder / "usb").mkdir()
    ws = open_workspace(folder / "practitioner", clock=lambda: TODAY)
    try:
        for _ in populate_demo(ws.profiles, ws.activities, TODAY):
            pass
        pid = min(p.id for p in ws.profiles.list_profiles())
        draft = replace(
            ws.applications.current_draft(pid),
            declaration_accepted=True,
            declaration_accepted_at=DECLARED,
        )
        ws.applications.export(draft, folder / "usb" / "zhang.swdapp")
    finally:
        ws.close()
    return folder / "usb" / "zhang.swdapp"


def _window(
    qtbot,
    root: Path,
    received: date,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> ReviewWindow:
    """A city office whose clock says `received`: bundles imported now are received then."""
    ws = init_review_workspace(
        root,
        office_name="平凉市民政局",
        region="620800",
        level=ReviewLevel.CITY,
        rule_pack_id="gansu",
        password=PASSWORD,
        clock=lambda: received,
    )
    window = ReviewWindow(ws, None, TaskRunner(synchronous=True))
    qtbot.addWidget(window)
    window.show()
    return window


def _open(qtbot, window: ReviewWindow) -> ReviewDetailDialog:  # type: ignore[no-untyped-def]
    press_on_first(qtbot, window, Qt.Key.Key_Return)
    detail = window.findChild(ReviewDetailDialog)
    assert detail is not None
    return detail


def _data_rows(detail: ReviewDetailDialog) -> dict[str, str]:
    """The Data tab's rows as label → value."""
    scroll = detail.tabs.widget(0)
    assert isinstance(scroll, QScrollArea)
    form = scroll.widget().layout()
    assert isinstance(form, QFormLayout)
    rows = {}
    for row in range(form.rowCount()):
        label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
        if label is None or field is None or not isinstance(field.widget(), QLabel):
            continue
        rows[label.widget().text()] = field.widget().text()
    return rows


def _check_line(detail: ReviewDetailDialog, code: str) -> tuple[bool, str]:
    label = check_label(code)
    for i in range(detail.checks_list.count()):
        item = detail.checks_list.item(i)
        if label in item.text():
            return bool(item.data(Qt.ItemDataRole.UserRole)), item.text()
    raise AssertionError(f"no check line for {code}")


def test_received_on_the_declaration_day_both_dates_agree(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, bundle: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _window(qtbot, tmp_path / "office", TODAY, monkeypatch)
    import_all(window, [bundle])
    detail = _open(qtbot, window)
    rows = _data_rows(detail)
    assert rows[detail.tabs.widget(0).tr("Declaration date")] == "2026-11-28"
    assert rows[detail.tabs.widget(0).tr("Date received")] == "2026-11-28"
    passed, text = _check_line(detail, "declaration_date")
    assert passed and "2026-11-28" in text
    # 30 working days from Saturday 28 Nov 2026 end in January 2027, a year whose
    # holiday notice swdesk does not have: said beside the deadline and under the queue
    row = window.model.row_at(0)
    assert row.deadline_on is not None and row.deadline_on.year == 2027
    assert row.calendar_unknown_years == (2027,)
    deadline = rows[detail.tabs.widget(0).tr("Review deadline")]
    assert row.deadline_on.isoformat() in deadline and "2027" in deadline.split("\n")[1]
    assert window.calendar_note.isVisible() and "2027" in window.calendar_note.text()
    assert window.model.data(window.model.index(0, 7)).endswith(" *")
    tooltip = window.model.data(window.model.index(0, 7), Qt.ItemDataRole.ToolTipRole)
    assert row.deadline_on.isoformat() in tooltip and "2027" in tooltip
    detail.close()


def test_a_declaration_long_before_the_day_received_is_flagged(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, bundle: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Declared on 28 Nov, received 31 days later: the check fails with its own line and
    the Data tab shows both dates."""
    received = date(2026, 12, 29)
    window = _window(qtbot, tmp_path / "office", received, monkeypatch)
    import_all(window, [bundle])
    detail = _open(qtbot, window)
    rows = _data_rows(detail)
    assert rows[detail.tabs.widget(0).tr("Declaration date")] == "2026-11-28"
    assert rows[detail.tabs.widget(0).tr("Date received")] == "2026-12-29"
    passed, text = _check_line(detail, "declaration_date")
    assert not passed
    assert "2026-11-28" in text and "2026-12-29" in text and "31" in text
    assert text.startswith("×")
    detail.close()


def test_received_within_the_limit_passes(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, bundle: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _window(qtbot, tmp_path / "office", date(2026, 12, 28), monkeypatch)  # 30 days
    import_all(window, [bundle])
    detail = _open(qtbot, window)
    passed, text = _check_line(detail, "declaration_date")
    assert passed and "30" in text
    detail.close()
