"""Reaching a database server: addresses are checked and named without their password, and
what the server (or the network) answers becomes an error the user can act on. Against the
tests' own PostgreSQL server, with real passwords and a real closed port."""

from __future__ import annotations

import socket
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from postgres_server import (  # noqa: F401 - fixtures
    PostgresServer,
    postgres_database,
    postgres_server,
)
from swdesk.database.engine import Database
from swdesk.database.server import (
    advisory_lock_key,
    is_server_url,
    open_server_engine,
    parse_server_url,
    server_location,
    without_password,
)
from swdesk.domain.errors import UserFixableError


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgresql://office-pc/review", "postgresql+psycopg://office-pc/review"),
        ("postgres://u@10.0.0.5:5433/shenhe", "postgresql+psycopg://u@10.0.0.5:5433/shenhe"),
        ("postgresql+psycopg://h/db?sslmode=require", "postgresql+psycopg://h/db?sslmode=require"),
    ],
)
def test_server_addresses_are_read_with_the_psycopg_driver(given: str, expected: str) -> None:
    assert is_server_url(given)
    assert parse_server_url(given).render_as_string(hide_password=False) == expected


@pytest.mark.parametrize(
    "given",
    ["postgresql:///nohost", "postgresql://host", "mysql://host/db", "not a url", "::"],
)
def test_anything_else_is_refused_by_name(given: str) -> None:
    with pytest.raises(UserFixableError) as refused:
        parse_server_url(given)
    assert refused.value.code == "server_url_invalid"


def test_a_password_in_an_address_is_never_repeated_or_remembered() -> None:
    with pytest.raises(UserFixableError) as refused:
        parse_server_url("mysql://zhang:s3cret@host/db")
    assert "s3cret" not in str(refused.value.params)
    url = parse_server_url("postgresql://zhang:s3cret@host:5432/review")
    assert without_password(url).password is None
    assert server_location(url) == "host:5432/review"
    assert "s3cret" not in server_location(url)


def test_a_database_may_have_a_chinese_name() -> None:
    url = parse_server_url("postgresql://10.0.0.5/审核")
    assert url.database == "审核" and server_location(url) == "10.0.0.5/审核"


def test_folders_and_files_are_not_server_addresses(tmp_path: Path) -> None:
    assert not is_server_url(str(tmp_path))
    assert not is_server_url(r"C:\swdesk\review")
    assert not is_server_url("review.sqlite")


def test_lock_keys_are_stable_and_distinct() -> None:
    assert advisory_lock_key("audit") == advisory_lock_key("audit")
    assert advisory_lock_key("audit") != advisory_lock_key("review-schema-upgrade")
    assert -(2**63) <= advisory_lock_key("audit") < 2**63


def _error_of(url: str, *, password: str | None = None) -> UserFixableError:
    database = Database(open_server_engine(parse_server_url(url), password=password))
    try:
        with pytest.raises(UserFixableError) as failed, database.session() as session:
            session.execute(text("SELECT 1"))
        return failed.value
    finally:
        database.dispose()


def test_a_wrong_password_is_a_refused_login(
    postgres_server: PostgresServer,  # noqa: F811 - fixture
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("PGPASSFILE")
    error = _error_of(postgres_server.url("postgres"), password="wrong password")
    assert error.code == "server_login_failed"
    assert error.params["server"] == f"127.0.0.1:{postgres_server.port}/postgres"


def test_no_password_anywhere_asks_for_one(
    postgres_server: PostgresServer,  # noqa: F811 - fixture
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "none"))
    assert _error_of(postgres_server.url("postgres")).code == "server_password_needed"


def test_a_password_given_in_memory_opens_the_database(
    postgres_server: PostgresServer,  # noqa: F811 - fixture
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    password = next(
        line.rsplit(":", 1)[1] for line in postgres_server.passfile.read_text().splitlines()
    )
    monkeypatch.delenv("PGPASSFILE")
    database = Database(
        open_server_engine(parse_server_url(postgres_server.url("postgres")), password=password)
    )
    try:
        with database.read_session() as session:
            assert session.execute(text("SELECT 1")).scalar_one() == 1
        assert not database.is_sqlite
        assert database.location == f"127.0.0.1:{postgres_server.port}/postgres"
    finally:
        database.dispose()


def test_a_missing_database_is_named(
    postgres_server: PostgresServer,  # noqa: F811 - fixture
) -> None:
    error = _error_of(postgres_server.url("no_such_office"))
    assert error.code == "server_database_missing"
    assert error.params["server"].endswith("/no_such_office")


def test_a_server_that_does_not_answer_is_unreachable() -> None:
    with closing(socket.socket()) as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # nothing listens here once closed
    error = _error_of(f"postgresql://nobody@127.0.0.1:{port}/review")
    assert error.code == "server_unreachable"
    assert error.params["server"] == f"127.0.0.1:{port}/review"


def test_no_rights_is_told_apart(
    postgres_server: PostgresServer,  # noqa: F811 - fixture
    postgres_database: str,  # noqa: F811 - fixture
) -> None:
    name = make_url(postgres_database).database
    postgres_server.admin("CREATE ROLE clerk LOGIN PASSWORD 'clerk-password'")
    try:
        # PostgreSQL 15 and later: only a database's owner may create tables in "public"
        url = postgres_server.url(name).replace(postgres_server.user, "clerk")
        database = Database(open_server_engine(parse_server_url(url), password="clerk-password"))
        try:
            with pytest.raises(UserFixableError) as failed, database.session() as session:
                session.execute(text("CREATE TABLE t (id integer)"))
            assert failed.value.code == "server_no_permission"
        finally:
            database.dispose()
    finally:
        postgres_server.admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        postgres_server.admin("DROP ROLE clerk")
