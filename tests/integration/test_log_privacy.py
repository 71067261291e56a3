"""The log file never holds an ID number or a full name, even at DEBUG and after errors.

A realistic session runs through the services with swdesk's rotating log file set to DEBUG:
the demo people and a new profile with a photo and a PIN, activities with evidence, an
application exported, imported, opened and rejected at a city office, the decision taken
back, and saves that fail (a typing error, a full disk, an unexpected database error whose
traceback is logged the way the GUI logs bugs). Then every log file is searched for every
person's ID number, any 18-character ID number at all, and every full name.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from review_samples import APPLIED_AT, TODAY, make_office, trust_each_other
from sqlalchemy import event
from ui_free_samples import sample_draft

from attendance_samples import course_record, signed
from swdesk.domain.enums import ActivityType, ContentArea
from swdesk.domain.errors import UserFixableError, ValidationFailed
from swdesk.domain.identity import id_check_char
from swdesk.domain.models import Activity
from swdesk.logging_setup import setup_logging
from swdesk.services.demo import populate_demo
from swdesk.services.demo_images import certificate_pdf, portrait_png
from swdesk.services.review import review_root
from swdesk.services.workspace import Workspace, open_workspace
from swdesk.storage.database import Database

# 18 characters of an ID number standing alone (not inside a longer hex digest or number)
ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])[0-9]{17}[0-9Xx](?![0-9A-Za-z])")
NEW_PERSON = "欧阳晓峰"
OTHER_PERSON = "司马光明"  # saved while the database fails: never stored


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    """swdesk's own log set-up, turned up to DEBUG for the test (and removed after)."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    path = setup_logging(tmp_path / "logs")
    assert path is not None
    root.setLevel(logging.DEBUG)
    for handler in root.handlers:
        if handler not in handlers:
            handler.setLevel(logging.DEBUG)
    yield path
    for handler in root.handlers[:]:
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


def log_text(log_file: Path) -> str:
    for handler in logging.getLogger().handlers:
        handler.flush()
    return "\n".join(p.read_text("utf-8") for p in sorted(log_file.parent.glob("swdesk.log*")))


def people(ws: Workspace) -> dict[str, str]:
    """Every full name with its ID number (a sealed one opened: its key is unlocked)."""
    with closing(sqlite3.connect(ws.layout.database)) as connection:
        ids = [row[0] for row in connection.execute("SELECT id FROM practitioners")]
    return {
        record.practitioner.name: record.practitioner.id_number
        for record in map(ws.profiles.get_record, ids)
    }


def log_like_the_gui(error: BaseException) -> None:
    """What swdesk.ui.feedback.explain_error and its install_excepthook do with an error that
    is not the user's to fix: log it with its traceback."""
    logging.getLogger("swdesk.ui.feedback").error("unexpected error", exc_info=error)
    logging.getLogger("swdesk").error(
        "uncaught error", exc_info=(type(error), error, error.__traceback__)
    )


def fail_inserts_into(database: Database, table: str) -> Any:
    """Every INSERT into `table` fails inside SQLite (a temporary trigger), so the error
    carries the statement and its parameters: the new person's name and ID number."""

    def install(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        dbapi_connection.execute(
            f"CREATE TEMP TRIGGER fail_{table} BEFORE INSERT ON main.{table} "
            "BEGIN SELECT RAISE(ABORT, 'simulated failure'); END"
        )

    event.listen(database.engine, "connect", install)
    database.engine.dispose()
    return install


def test_a_whole_session_logs_no_id_number_and_no_name(log_file: Path, tmp_path: Path) -> None:
    ws = open_workspace(tmp_path / "practitioner", clock=lambda: TODAY)
    city = make_office(review_root(tmp_path / "city"))
    province = make_office(
        review_root(tmp_path / "province"), level="province", name="甘肃省民政厅", region="620000"
    )
    try:
        trust_file = trust_each_other(city, province, tmp_path)
        for _ in populate_demo(ws.profiles, ws.activities, TODAY):
            pass
        # a new profile with a photo and a PIN, and activities with evidence
        photo = tmp_path / "证件照.png"
        photo.write_bytes(portrait_png(7))
        new = sample_draft(NEW_PERSON)
        first17 = "62080219880306002"  # 2: a woman
        new = replace(
            new,
            new_photo=photo,
            practitioner=replace(
                new.practitioner,
                birth_date=date(1988, 3, 6),
                id_number=first17 + id_check_char(first17),
            ),
        )
        pid = ws.profiles.create_profile(new, pin="2580")
        ws.profiles.mark_opened(pid)
        proof = tmp_path / "结业证书.pdf"
        proof.write_bytes(certificate_pdf(["Training", "2025-03-01"]))
        training = Activity(
            "社会工作伦理培训",
            "平凉市民政局",
            ActivityType.TRAINING,
            ContentArea.VALUES_ETHICS,
            date(2025, 3, 1),
            date(2025, 3, 2),
            Decimal(12),
            reflection_learnt="知情同意的边界",
        )
        ws.activities.save_activity(pid, training, [proof])

        # saves that fail: a typing error, a full disk, an unexpected database error
        wrong = replace(
            new.practitioner,
            id_number=first17 + "0" if id_check_char(first17) != "0" else first17 + "1",
        )
        with pytest.raises(ValidationFailed):
            ws.profiles.create_profile(replace(new, practitioner=wrong, new_photo=None))
        long_reflection = "督导中讨论了知情同意与保密例外的处理方式。" * 90
        with _database_full(ws.database), pytest.raises(UserFixableError) as full:
            ws.activities.save_activity(
                pid,
                replace(
                    training,
                    title="个案管理培训",
                    reflection_learnt=long_reflection[:2000],
                    reflection_change=long_reflection[:2000],
                ),
            )
        assert full.value.code == "disk_full"
        log_like_the_gui(full.value)
        # (the traceback quotes the failing line of this test: no name may be on it)
        other = replace(
            new, new_photo=None, practitioner=replace(new.practitioner, name=OTHER_PERSON)
        )
        trigger = fail_inserts_into(ws.database, "practitioners")
        try:
            with pytest.raises(Exception) as unexpected:
                ws.profiles.create_profile(other)
        finally:
            event.remove(ws.database.engine, "connect", trigger)
            ws.database.engine.dispose()
        assert "simulated failure" in str(unexpected.value)
        log_like_the_gui(unexpected.value)

        # the application goes to the city office and comes back rejected
        zhang = next(p.id for p in ws.profiles.list_profiles() if p.name == "张晓梅")
        draft = replace(
            ws.applications.current_draft(zhang),
            declaration_accepted=True,
            declaration_accepted_at=APPLIED_AT,
        )
        (tmp_path / "usb").mkdir()
        bundle = ws.applications.export(
            draft, tmp_path / "usb" / f"swdesk-application-{draft.uid[:8]}-v1.swdapp"
        ).path
        [app_id] = city.service.import_files([bundle]).imported_ids
        city.service.detail(app_id)
        city.service.reveal_id_number(app_id)
        city.service.decide([app_id], "rejected", [("material_unclear", "照片不清晰")])
        (tmp_path / "back").mkdir(exist_ok=True)
        decisions = city.service.export_decisions(tmp_path / "back")
        city.service.export_roster(tmp_path / "roster.xlsx")
        ws.decisions.import_trust_file(trust_file)
        ws.decisions.import_decision(next(p for p in decisions if p.suffix == ".swddec"))
        # an attendance record, its file named by its attendee as a provider's folder names
        # them: refused (this trust list names no provider), and the refusal logged
        records = tmp_path / "records"
        records.mkdir()
        zhang_id = ws.profiles.get_record(zhang).practitioner.id_number
        (records / "0001-张晓梅-5f0c6a52.swdce").write_bytes(signed(course_record(zhang_id)))
        (refused,) = ws.records.import_files(zhang, [records])
        assert refused.error is not None and refused.error.code == "ce_record_provider_unknown"
        everyone = people(ws)
    finally:
        city.close()
        province.close()
        ws.close()

    text = log_text(log_file)
    assert "applied decision" in text  # the session was logged at all
    assert "Traceback" in text and "simulated failure" in text  # the bugs were, in full
    assert NEW_PERSON in everyone and "张晓梅" in everyone
    assert ID_NUMBER.findall(text) == []
    for name, id_number in everyone.items():
        assert id_number not in text, f"the ID number of {name} is in the log"
        assert name not in text, f"{name} is in the log"
    assert OTHER_PERSON not in text

    # nor in the roster the office exports, nor in any file name swdesk wrote
    from openpyxl import load_workbook

    workbook = load_workbook(tmp_path / "roster.xlsx", read_only=True)
    cells = " ".join(
        str(value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    )
    workbook.close()
    assert "张晓梅" in cells  # the roster lists people by name
    names = " ".join(str(path.relative_to(tmp_path)) for path in tmp_path.rglob("*"))
    for name, id_number in everyone.items():
        assert id_number not in cells, f"the ID number of {name} is in the roster"
        assert id_number not in names, f"the ID number of {name} is in a file name"


class _database_full:  # noqa: N801 - used like a function
    """Inside the block the database file cannot grow by one page (max_page_count)."""

    def __init__(self, database: Database) -> None:
        self.engine = database.engine

    @staticmethod
    def _limit(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    def __enter__(self) -> None:
        event.listen(self.engine, "connect", self._limit)
        self.engine.dispose()

    def __exit__(self, *_exc: object) -> None:
        event.remove(self.engine, "connect", self._limit)
        self.engine.dispose()
