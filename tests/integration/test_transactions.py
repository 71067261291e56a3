"""Write transactions take SQLite's write lock when they begin (BEGIN IMMEDIATE): a session
that read, then writes after another connection wrote and committed in between, waits for
the lock and succeeds instead of failing at once with "database is locked"."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from swdesk.storage.database import Database
from swdesk.storage.migrate import prepare_database


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "swdesk.sqlite"
    prepare_database(path, tmp_path / "backups")
    with Database.open(path) as database, database.session() as session:
        session.execute(text("CREATE TABLE counter (n INTEGER NOT NULL)"))
        session.execute(text("INSERT INTO counter VALUES (0)"))
    return path


def _bump(session: object) -> None:
    session.execute(text("UPDATE counter SET n = n + 1"))  # type: ignore[attr-defined]


def test_read_then_write_after_another_connection_wrote(db_path: Path) -> None:
    a, b = Database.open(db_path), Database.open(db_path)
    try:
        a_read = threading.Event()
        b_done = threading.Event()
        failures: list[BaseException] = []

        def other_writer() -> None:
            try:
                a_read.wait(10)
                with b.session() as session:  # waits until A's transaction ends
                    _bump(session)
            except BaseException as exc:  # noqa: BLE001 - reported below
                failures.append(exc)
            finally:
                b_done.set()

        thread = threading.Thread(target=other_writer)
        thread.start()
        with a.session() as session:
            seen = session.execute(text("SELECT n FROM counter")).scalar_one()
            a_read.set()
            b_done.wait(0.5)  # B tries to write meanwhile
            session.execute(text("UPDATE counter SET n = :n"), {"n": seen + 10})
        thread.join(20)
        assert failures == []
        with a.session() as session:
            # A's write was not lost to B's (B waited for A, then added one)
            assert session.execute(text("SELECT n FROM counter")).scalar_one() == 11
    finally:
        a.dispose()
        b.dispose()


def test_read_session_then_write_session_across_a_commit(db_path: Path) -> None:
    """The ordering of the report: A reads, B writes and commits, A writes."""
    a, b = Database.open(db_path), Database.open(db_path)
    try:
        with a.read_session() as session:
            assert session.execute(text("SELECT n FROM counter")).scalar_one() == 0
        with b.session() as session:
            _bump(session)
        with a.session() as session:
            seen = session.execute(text("SELECT n FROM counter")).scalar_one()
            with b.read_session() as reader:  # a reader is never blocked by A's lock
                assert reader.execute(text("SELECT n FROM counter")).scalar_one() == 1
            _bump(session)
        with b.read_session() as session:
            assert session.execute(text("SELECT n FROM counter")).scalar_one() == seen + 1
    finally:
        a.dispose()
        b.dispose()


def test_savepoints_still_roll_back_alone(db_path: Path) -> None:
    with Database.open(db_path) as database:
        with database.session() as session:
            _bump(session)
            with pytest.raises(OperationalError), session.begin_nested():
                _bump(session)
                session.execute(text("SELECT * FROM no_such_table"))
            _bump(session)
        with database.read_session() as session:
            assert session.execute(text("SELECT n FROM counter")).scalar_one() == 2
