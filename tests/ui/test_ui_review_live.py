"""The reviewer window with colleagues working in the same office at once: what a second
session imports or decides appears in the open window's queue within seconds (the real
timer and thread pool), keeping the selection, in a folder's office and in one on the
PostgreSQL server; an office database that stops answering
shows a quiet note and no dialog; deciding what a colleague claimed asks to take it over;
a decision made on a view a colleague changed meanwhile is refused and the open
application reloads to show what changed."""

from __future__ import annotations

import secrets
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from review_ui_helpers import (
    CTRL,
    SHIFT,
    import_all,
    make_window,
    module_bundles,  # noqa: F401  (fixture: bundles)
    ok_button,
    press,
    press_on_first,
    select_ids,
)
from sqlalchemy import select
from ui_helpers import TODAY

from postgres_server import PostgresServer, postgres_server  # noqa: F401 - fixtures
from swdesk.database.engine import Database
from swdesk.domain.errors import UserFixableError
from swdesk.reviewstore.orm import AuditRow, StaffRow
from swdesk.services.review import (
    ReviewServer,
    ReviewService,
    ReviewState,
    init_review_workspace,
    open_review_workspace,
)
from swdesk.services.review.context import DATABASE_NAME
from swdesk.ui.review.window import ReviewWindow
from swdesk.ui.tasks import TaskRunner
from swdesk.ui.texts import error_text

LEFT = Qt.MouseButton.LeftButton
PASSWORD = "correct horse battery"
SECONDS = 15_000  # a loaded machine may take a few polls
# the windows here poll every 0.3 s instead of every 3 s: the same timer and thread pool,
# asked more often, so a test waits a fraction of a second for what a person sees in seconds
TEST_POLL_MS = 300


def _poll_often(window: ReviewWindow) -> ReviewWindow:
    window.live_queue.timer.setInterval(TEST_POLL_MS)
    return window


def _window(qtbot, tmp_path: Path, monkeypatch, folder_templates):  # type: ignore[no-untyped-def]
    return _poll_often(make_window(qtbot, tmp_path / "review", templates=folder_templates))


def _colleague(window, username: str = "", name: str = "", role: str = "head"):  # type: ignore[no-untyped-def]
    """A second session on the window's office: its own connections to the database,
    signed in as `username` (a staff account made for them when given)."""
    context = window.service.context
    database = Database.open(window.workspace.root / DATABASE_NAME)
    if username:
        with database.session() as session:
            if (
                session.execute(select(StaffRow.id).where(StaffRow.username == username)).first()
                is None
            ):
                session.add(
                    StaffRow(
                        username=username,
                        display_name=name,
                        role=role,
                        password_hash="scrypt$test",
                        created_at=context.local_now(),
                    )
                )
    colleague = ReviewService(replace(context, database=database, actor=username, role=role))
    window.destroyed.connect(database.dispose)
    return colleague


def _boxes(window) -> list[QMessageBox]:  # type: ignore[no-untyped-def]
    return [box for box in window.findChildren(QMessageBox) if box.isVisible()]


def test_what_a_colleague_imports_and_decides_appears_keeping_the_selection(
    qtbot,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    monkeypatch,
    folder_templates,
    bundles,
) -> None:
    window = _window(qtbot, tmp_path, monkeypatch, folder_templates)
    import_all(window, [bundles.zhang])
    zhang = window.model.row_at(0).id
    select_ids(window, [zhang])
    colleague = _colleague(window)

    (entry,) = colleague.import_files([bundles.zhang_again]).entries
    assert entry.status == "imported"
    qtbot.waitUntil(lambda: window.model.total == 2, timeout=SECONDS)
    assert window.selected_ids() == [zhang]  # the reviewer's selection stays
    assert "2" in window.count_label.text()

    (result,) = colleague.decide(zhang, "approved")
    assert result.status == "decided"

    def approved() -> bool:
        row = next(r for r in (window.model.row_at(i) for i in range(2)) if r and r.id == zhang)
        return row.state is ReviewState.FIRST_APPROVED

    qtbot.waitUntil(approved, timeout=SECONDS)
    assert window.selected_ids() == [zhang]
    assert window.live_queue.reloads >= 2
    assert not _boxes(window)


def test_a_server_office_shows_what_a_colleague_at_another_pc_imports_and_decides(
    qtbot,  # type: ignore[no-untyped-def]
    monkeypatch,
    postgres_server: PostgresServer,  # noqa: F811 - fixture
    bundles,
) -> None:

    name = f"t_{secrets.token_hex(6)}"
    postgres_server.admin(f'CREATE DATABASE "{name}"')
    server = ReviewServer(postgres_server.url(name))
    try:
        office = init_review_workspace(
            server,
            office_name="平凉市民政局",
            region="620800",
            level="city",
            rule_pack_id="gansu",
            password=PASSWORD,
            clock=lambda: TODAY,
        )
        window = _poll_often(ReviewWindow(office, None, TaskRunner(synchronous=True)))
        qtbot.addWidget(window)
        window.show()
        import_all(window, [bundles.zhang])
        zhang = window.model.row_at(0).id
        select_ids(window, [zhang])
        other_pc = open_review_workspace(server, PASSWORD, clock=lambda: TODAY)
        try:
            (entry,) = other_pc.service.import_files([bundles.zhang_again]).entries
            assert entry.status == "imported"
            qtbot.waitUntil(lambda: window.model.total == 2, timeout=SECONDS)
            assert window.selected_ids() == [zhang]
            (result,) = other_pc.service.decide(zhang, "approved")
            assert result.status == "decided"
            qtbot.waitUntil(
                lambda: any(
                    r is not None and r.id == zhang and r.state is ReviewState.FIRST_APPROVED
                    for r in (window.model.row_at(i) for i in range(2))
                ),
                timeout=SECONDS,
            )
            assert window.selected_ids() == [zhang] and not _boxes(window)
        finally:
            other_pc.close()
        window.close()
    finally:
        postgres_server.admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_an_office_database_not_answering_shows_a_quiet_note(
    qtbot,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    monkeypatch,
    folder_templates,
) -> None:
    window = _window(qtbot, tmp_path, monkeypatch, folder_templates)
    live = window.live_queue
    real_marker = window.service.change_marker

    def unreachable() -> int:
        raise UserFixableError("server_unreachable", location="db.office:5432/swdesk")

    monkeypatch.setattr(window.service, "change_marker", unreachable)
    qtbot.waitUntil(live.note.isVisible, timeout=SECONDS)
    assert live.note.text() and not _boxes(window)  # said once, quietly; no dialog
    monkeypatch.setattr(window.service, "change_marker", real_marker)
    qtbot.waitUntil(lambda: not live.note.isVisible(), timeout=SECONDS)


def test_deciding_what_a_colleague_claimed_asks_to_take_it_over(
    qtbot,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    monkeypatch,
    folder_templates,
    bundles,
) -> None:
    window = _window(qtbot, tmp_path, monkeypatch, folder_templates)
    import_all(window, [bundles.zhang])
    app_id = window.model.row_at(0).id
    colleague = _colleague(window, "lijun", "李军", role="reviewer")
    colleague.claim(app_id)
    qtbot.waitUntil(lambda: window.model.row_at(0).claimed_by == "lijun", timeout=SECONDS)
    column = window.model.COLUMNS.index("claimed_by")
    assert window.model.index(0, column).data() == "李军"  # the queue says by whom

    asked: list[str] = []

    def answer(button: QMessageBox.StandardButton):  # type: ignore[no-untyped-def]
        def question(parent, title, text, *args, **kwargs):  # type: ignore[no-untyped-def]
            asked.append(text)
            return button

        return staticmethod(question)

    # "No": nothing decided, and the refusal names the colleague
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.No))
    select_ids(window, [app_id])
    press(qtbot, window, Qt.Key.Key_A, CTRL | SHIFT)
    qtbot.mouseClick(ok_button(window.decisions.decide_dialog), LEFT)
    assert len(asked) == 1 and "李军" in asked[0]
    assert window.service.counts()["first_approved"] == 0
    [box] = _boxes(window)
    assert error_text(UserFixableError("application_claimed", claimed_by="李军")) in box.text()
    box.close()

    # "Yes": taken over and decided, as the audit log records
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    select_ids(window, [app_id])
    press(qtbot, window, Qt.Key.Key_A, CTRL | SHIFT)
    qtbot.mouseClick(ok_button(window.decisions.decide_dialog), LEFT)
    assert len(asked) == 2
    assert window.service.counts()["first_approved"] == 1
    with window.workspace.database.session() as session:
        actions = list(
            session.execute(
                select(AuditRow.action).where(AuditRow.application_id == app_id)
            ).scalars()
        )
    assert actions.count("claim_taken_over") == 1 and actions.count("decided") == 1
    assert window.model.row_at(0).claimed_by == window.service.actor


def test_a_decision_on_a_view_a_colleague_changed_is_refused_and_the_detail_reloads(
    qtbot,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    monkeypatch,
    folder_templates,
    bundles,
) -> None:
    window = _window(qtbot, tmp_path, monkeypatch, folder_templates)
    import_all(window, [bundles.zhang])
    press_on_first(qtbot, window, Qt.Key.Key_Return)  # opened to decide: claimed
    detail = window.decisions.detail_dialog
    app_id = detail.app_id
    assert detail.detail.row.claimed_by == window.service.actor

    colleague = _colleague(window, "lijun", "李军", role="head")
    (rejected,) = colleague.decide(app_id, "rejected", [("hours_short", "")], take_over=True)
    assert rejected.status == "decided"

    qtbot.mouseClick(detail.approve_button, LEFT)
    qtbot.mouseClick(ok_button(window.decisions.decide_dialog), LEFT)
    assert window.service.counts()["first_approved"] == 0  # nothing written
    assert detail.detail.row.state is ReviewState.FIRST_REJECTED  # reloaded: what changed
    [box] = _boxes(window)
    assert error_text(UserFixableError("application_changed")) in box.text()


def test_claiming_and_releasing_the_selected_from_the_review_menu(
    qtbot,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    monkeypatch,
    folder_templates,
    bundles,
) -> None:
    from review_ui_helpers import action

    window = _window(qtbot, tmp_path, monkeypatch, folder_templates)
    import_all(window, [bundles.zhang, bundles.zhang_again])
    first, second = (window.model.row_at(i).id for i in range(2))
    colleague = _colleague(window, "lijun", "李军", role="reviewer")
    colleague.claim(first)
    me = window.service.actor

    def claimant(app_id: int) -> str:
        rows = (window.model.row_at(i) for i in range(window.model.rowCount()))
        return next(r.claimed_by for r in rows if r is not None and r.id == app_id)

    asked: list[str] = []

    def question(parent, title, text, *args, **kwargs):  # type: ignore[no-untyped-def]
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    select_ids(window, [first, second])
    action(window, "claimSelected").trigger()
    assert len(asked) == 1 and "李军" in asked[0]  # the colleague's, taken over when asked
    qtbot.waitUntil(lambda: claimant(first) == me and claimant(second) == me, timeout=SECONDS)
    assert sorted(window.selected_ids()) == sorted([first, second])
    with window.workspace.database.session() as session:
        taken = session.execute(
            select(AuditRow.details).where(
                AuditRow.application_id == first, AuditRow.action == "claim_taken_over"
            )
        ).scalar_one()
    assert "lijun" in taken

    select_ids(window, [second])
    action(window, "releaseSelected").trigger()
    qtbot.waitUntil(lambda: claimant(second) == "", timeout=SECONDS)
    assert claimant(first) == me and not _boxes(window)
