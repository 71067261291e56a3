"""The reviewer's schema on a PostgreSQL server: the same Alembic revisions as on SQLite,
every revision's fixture upgraded with its rows kept, the head equal to the ORM, a newer
schema refused untouched, several clients starting at once upgrading exactly once, and rows
copied to the server and back unchanged. The server is the tests' own (postgres_server)."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, create_engine, text
from test_schema_fixtures import fixture, revisions

from postgres_server import postgres_database, postgres_server  # noqa: F401 - fixtures
from swdesk.database.engine import open_engine
from swdesk.database.errors import DatabaseCorrupt, DatabaseTooNew
from swdesk.database.migrating import alembic_config
from swdesk.database.server import parse_server_url
from swdesk.database.transfer import copy_rows, read_tables
from swdesk.reviewstore import migrate as review_migrate
from swdesk.reviewstore.orm import ReviewBase

HEAD = review_migrate.HEAD_REVISION


def _upgrade_to(url: str, revision: str) -> None:
    engine = create_engine(url)
    try:
        with engine.connect() as connection, connection.begin():
            command.upgrade(alembic_config(review_migrate.MIGRATIONS_DIR, connection), revision)
    finally:
        engine.dispose()


def _fixture_engine(revision: str) -> Engine:
    """A read-only engine on a committed fixture (no WAL switch, no side files written)."""
    uri = fixture("review", revision).resolve().as_uri()
    return create_engine(f"sqlite:///{uri}?mode=ro&uri=true")


def _sqlite_at_head(source: Path, tmp_path: Path) -> dict[str, list[dict[str, object]]]:
    """The fixture upgraded on SQLite, the way a reviewer PC upgrades its file."""
    copy = tmp_path / "sqlite" / "review.sqlite"
    copy.parent.mkdir()
    shutil.copy(source, copy)
    review_migrate.prepare_review_database(copy, tmp_path / "backups")
    engine = open_engine(copy)
    try:
        with engine.connect() as connection:
            return read_tables(connection)
    finally:
        engine.dispose()


@pytest.mark.parametrize("revision", revisions("review"))
def test_every_revision_upgrades_on_postgres_with_every_row(
    revision: str,
    postgres_database: str,  # noqa: F811 - fixture
    tmp_path: Path,
) -> None:
    _upgrade_to(postgres_database, revision)
    source = _fixture_engine(revision)
    server = create_engine(parse_server_url(postgres_database))
    try:
        with server.connect() as connection, connection.begin():
            report = copy_rows(source, connection)
        assert report.rows["applications"] == 5 and report.total > 20

        result = review_migrate.prepare_review_server(server)
        assert (result.from_revision, result.to_revision) == (revision, HEAD)
        assert result.upgraded == (revision != HEAD)
        with server.connect() as connection:
            assert connection.execute(text("SELECT version_num FROM alembic_version")).all() == [
                (HEAD,)
            ]
            on_server = read_tables(connection)
    finally:
        source.dispose()
        server.dispose()
    on_sqlite = _sqlite_at_head(fixture("review", revision), tmp_path)
    assert on_server.keys() == on_sqlite.keys()
    for table, rows in on_sqlite.items():
        assert on_server[table] == rows, f"{table} differs after the upgrade on PostgreSQL"


def test_the_head_schema_on_postgres_is_the_orms(postgres_database: str) -> None:  # noqa: F811
    server = create_engine(parse_server_url(postgres_database))
    try:
        review_migrate.prepare_review_server(server)
        with server.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, ReviewBase.metadata) == []
    finally:
        server.dispose()


def test_a_new_id_after_copied_rows_continues_the_sequence(
    postgres_database: str,  # noqa: F811 - fixture
) -> None:
    _upgrade_to(postgres_database, HEAD)
    source = _fixture_engine(HEAD)
    server = create_engine(parse_server_url(postgres_database))
    try:
        with server.connect() as connection, connection.begin():
            copy_rows(source, connection)
        with server.connect() as connection, connection.begin():
            largest = connection.execute(text("SELECT MAX(id) FROM file_journal")).scalar_one()
            new_id = connection.execute(
                text(
                    "INSERT INTO file_journal (action, name, created_at) "
                    "VALUES ('remove', 'x.swdapp', now()) RETURNING id"
                )
            ).scalar_one()
        assert new_id == (largest or 0) + 1
    finally:
        source.dispose()
        server.dispose()


def test_rows_go_back_from_the_server_to_a_new_sqlite_file_unchanged(
    postgres_database: str,  # noqa: F811 - fixture
    tmp_path: Path,
) -> None:
    _upgrade_to(postgres_database, HEAD)
    server = create_engine(parse_server_url(postgres_database))
    source = _fixture_engine(HEAD)
    back = tmp_path / "back" / "review.sqlite"
    back.parent.mkdir()
    try:
        with server.connect() as connection, connection.begin():
            copy_rows(source, connection)
        review_migrate.prepare_review_database(back, tmp_path / "backups")
        local = open_engine(back)
        try:
            with local.connect() as connection, connection.begin():
                copy_rows(server, connection)
            with local.connect() as connection:
                returned = read_tables(connection)
        finally:
            local.dispose()
        with source.connect() as connection:
            original = read_tables(connection)
    finally:
        source.dispose()
        server.dispose()
    assert returned == original


def test_a_newer_schema_on_the_server_is_refused_untouched(
    postgres_database: str,  # noqa: F811 - fixture
) -> None:
    _upgrade_to(postgres_database, HEAD)
    server = create_engine(parse_server_url(postgres_database))
    try:
        with server.connect() as connection, connection.begin():
            connection.execute(text("UPDATE alembic_version SET version_num = 'r9999'"))
        with pytest.raises(DatabaseTooNew) as refused:
            review_migrate.prepare_review_server(server)
        assert refused.value.params["revision"] == "r9999"
        with server.connect() as connection:
            assert connection.execute(text("SELECT version_num FROM alembic_version")).all() == [
                ("r9999",)
            ]
    finally:
        server.dispose()


def test_a_foreign_database_on_the_server_is_refused_untouched(
    postgres_database: str,  # noqa: F811 - fixture
) -> None:
    server = create_engine(parse_server_url(postgres_database))
    try:
        with server.connect() as connection, connection.begin():
            connection.execute(text("CREATE TABLE payroll (id integer PRIMARY KEY)"))
        with pytest.raises(DatabaseCorrupt) as refused:
            review_migrate.prepare_review_server(server)
        assert refused.value.params["reason"] == "not_swdesk"
        with server.connect() as connection:
            tables = connection.execute(
                text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
            ).all()
        assert tables == [("payroll",)]
    finally:
        server.dispose()


def test_clients_starting_at_once_upgrade_exactly_once(
    postgres_database: str,  # noqa: F811 - fixture
) -> None:
    clients = 4
    start = threading.Barrier(clients)
    results: list[object] = []
    failures: list[BaseException] = []

    def client() -> None:
        engine = create_engine(parse_server_url(postgres_database))
        try:
            start.wait()
            results.append(review_migrate.prepare_review_server(engine))
        except BaseException as exc:  # reported below, with the others' results
            failures.append(exc)
        finally:
            engine.dispose()

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not failures, failures
    upgraded = [r for r in results if getattr(r, "upgraded", False)]
    assert len(results) == clients and len(upgraded) == 1
