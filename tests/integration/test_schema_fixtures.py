"""Databases of every released schema revision open with today's swdesk and keep every row.

The fixtures in tests/fixtures/schema (built by make_fixtures.py there) are what swdesk at
each revision wrote: a few rows in every table. Each is copied and opened the way a user
opens it (`open_workspace`, `open_review_workspace`): it must be upgraded to the head, an
older one backed up first (the backup holding the file as it was), and every row of every
table must still be there with the same values. A new migration without a fixture of the
revision it creates fails `test_every_revision_has_a_fixture`.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest
from alembic.script import ScriptDirectory

from swdesk.reviewstore import migrate as review_migrate
from swdesk.reviewstore.orm import ReviewBase
from swdesk.services.review import open_review_workspace
from swdesk.services.workspace import open_workspace
from swdesk.storage import migrate as practitioner_migrate
from swdesk.storage.orm import Base
from swdesk.storage.sealing import ProfileLocked

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "schema"
TODAY = date(2026, 11, 28)  # the fixtures' decisions are recent: retention deletes nothing
Table = tuple[list[str], dict[int, tuple[object, ...]]]  # columns, rows by rowid
# Columns NULL in every row of a head fixture, on purpose (every other column must have a
# value somewhere, so that a new column gets fixture data too).
ALWAYS_NULL = {
    "review": {  # a city office: its approvals do not set the registration period
        "decisions.registration_from",
        "decisions.registration_to",
        "pending_decisions.registration_from",
        "pending_decisions.registration_to",
    },
}


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_fixtures", FIXTURES / "make_fixtures.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_fixtures = _load_script()

KINDS = {  # kind -> (migrations, head revision, ORM metadata)
    "practitioner": (
        practitioner_migrate.MIGRATIONS_DIR,
        practitioner_migrate.HEAD_REVISION,
        Base.metadata,
    ),
    "review": (review_migrate.MIGRATIONS_DIR, review_migrate.HEAD_REVISION, ReviewBase.metadata),
}


def revisions(kind: str) -> list[str]:
    location = KINDS[kind][0]
    return sorted(script.revision for script in ScriptDirectory(str(location)).walk_revisions())


def fixture(kind: str, revision: str) -> Path:
    return FIXTURES / f"{kind}-{revision}.sqlite"


def stored_revision(db_path: Path) -> str:
    with closing(sqlite3.connect(db_path)) as connection:
        return str(connection.execute("SELECT version_num FROM alembic_version").fetchone()[0])


def tables(db_path: Path) -> dict[str, Table]:
    """Every table (but Alembic's) with its columns and rows, read without writing."""
    uri = db_path.resolve().as_uri() + "?mode=ro"
    with closing(sqlite3.connect(uri, uri=True)) as connection:
        names = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'"
                " AND name != 'alembic_version' ORDER BY name"
            )
        ]
        result: dict[str, Table] = {}
        for name in names:
            columns = [row[1] for row in connection.execute(f"PRAGMA table_info({name})")]
            rows = connection.execute(
                f"SELECT rowid, {', '.join(columns)} FROM {name} ORDER BY rowid"
            ).fetchall()
            result[name] = (columns, {row[0]: tuple(row[1:]) for row in rows})
        return result


def assert_rows_kept(
    before: dict[str, Table], after: dict[str, Table], may_grow: frozenset[str] = frozenset()
) -> None:
    """Every row of `before` is in `after` with the same values in the same columns; only
    the tables in `may_grow` may have gained rows (e.g. the audit log of an opening)."""
    for table, (columns, rows) in before.items():
        assert table in after, f"table {table} is gone"
        now_columns, now_rows = after[table]
        missing = [c for c in columns if c not in now_columns]
        assert not missing, f"{table}: columns {missing} are gone"
        index = [now_columns.index(c) for c in columns]
        kept = {rowid: tuple(row[i] for i in index) for rowid, row in now_rows.items()}
        if table not in may_grow:
            assert sorted(kept) == sorted(rows), f"{table}: rows added or removed"
        for rowid, row in rows.items():
            assert kept.get(rowid) == row, f"{table}: row {rowid} changed or lost"


FIXTURE_IDS = [(kind, revision) for kind in KINDS for revision in revisions(kind)]


@pytest.mark.parametrize(
    ("kind", "revision"), FIXTURE_IDS, ids=[f"{k}-{r}" for k, r in FIXTURE_IDS]
)
def test_every_revision_has_a_fixture(kind: str, revision: str) -> None:
    path = fixture(kind, revision)
    assert path.is_file(), (
        f"no fixture for {kind} revision {revision}: add its rows to "
        f"tests/fixtures/schema/make_fixtures.py and run it"
    )
    assert stored_revision(path) == revision
    assert f"{kind}-{revision}" in make_fixtures.FIXTURE_SPECS
    with closing(sqlite3.connect(path)) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    assert all(rows for _, rows in tables(path).values()), "a table without rows"


def schema(db_path: Path) -> set[tuple[str, str, tuple[str, ...]]]:
    """Tables and indexes as SQLite stores them; a table's definition as its sorted clauses
    (a table that Alembic's batch mode rebuilt lists its constraints in an order that
    varies from one Python process to the next)."""
    with closing(sqlite3.connect(db_path)) as connection:
        rows = connection.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite%'"
        )
        return {(kind, name, _clauses(sql)) for kind, name, sql in rows}


def _clauses(sql: str | None) -> tuple[str, ...]:
    body = (sql or "").rstrip().removesuffix(")")
    return tuple(sorted(clause.strip() for clause in re.split(r",\s*\n", body)))


@pytest.mark.parametrize(
    ("kind", "revision"), FIXTURE_IDS, ids=[f"{k}-{r}" for k, r in FIXTURE_IDS]
)
def test_fixture_schema_is_its_revisions(kind: str, revision: str, tmp_path: Path) -> None:
    """The fixture's tables and indexes are exactly what its migration creates today: a
    released migration must never change, and an unreleased one changed after its fixture
    was built needs the fixture rebuilt."""
    from alembic import command

    from swdesk.database.engine import open_engine
    from swdesk.database.migrating import alembic_config

    fresh = tmp_path / "fresh.sqlite"
    engine = open_engine(fresh, foreign_keys=False)
    try:
        with engine.connect() as connection, connection.begin():
            command.upgrade(alembic_config(KINDS[kind][0], connection), revision)
    finally:
        engine.dispose()
    assert schema(fixture(kind, revision)) == schema(fresh), (
        f"the schema of {kind}-{revision}.sqlite differs from its migration: if {revision} "
        f"is not released yet, rebuild it (make_fixtures.py --force {kind}-{revision})"
    )


@pytest.mark.parametrize("kind", list(KINDS))
def test_head_fixture_has_rows_and_values_everywhere(kind: str) -> None:
    """The fixture of the current head covers every table and column of today's ORM."""
    _, head, metadata = KINDS[kind]
    path = fixture(kind, head)
    assert path.is_file(), f"no fixture for the head revision {head} of the {kind} database"
    found = tables(path)
    assert set(found) == set(metadata.tables)
    null_everywhere = {
        f"{table}.{column}"
        for table, (columns, rows) in found.items()
        for i, column in enumerate(columns)
        if all(row[i] is None for row in rows.values())
    }
    assert null_everywhere == ALWAYS_NULL.get(kind, set())


@pytest.mark.parametrize("revision", revisions("practitioner"))
def test_practitioner_fixture_opens_upgraded_with_every_row(revision: str, tmp_path: Path) -> None:
    source = fixture("practitioner", revision)
    root = tmp_path / "数据"
    root.mkdir()
    db_path = root / "swdesk.sqlite"
    shutil.copy(source, db_path)
    before = tables(source)

    ws = open_workspace(root, clock=lambda: TODAY)
    try:
        migration = ws.migration
        # the data reads back through the services, PIN included
        profiles = {p.name: p for p in ws.profiles.list_profiles()}
        assert set(profiles) == {"张晓梅", "马明远", "刘喆"}
        assert profiles["张晓梅"].has_pin and ws.profiles.verify_pin(1, make_fixtures.PIN)
        assert not ws.profiles.verify_pin(1, "0000")
        record = ws.profiles.get_record(2)
        assert [c.number for c in record.certificates] == ["Z2012620821007", "S2016620821031"]
        # registration numbers: unknown ("") before revision 0006 recorded them
        numbers = [r.number for r in sorted(record.registrations, key=lambda r: r.valid_from)]
        assert numbers == (["", "PL2022-0821-015"] if int(revision) >= 6 else ["", ""])
        activities = ws.activities.list_activities(1)
        assert [len(a.evidence) for a in activities] == [0, 2]
        assert activities[1].reflection_learnt.startswith("学会了在知情同意中")
        if int(revision) >= 2:
            assert [a.version for a in ws.applications.history(1)] in ([1, 2], [2, 1])
        if int(revision) >= 4:  # 张晓梅's ID number and birth date are sealed
            with pytest.raises(ProfileLocked):
                ws.profiles.get_record(1)
            assert ws.profiles.unlock(1, make_fixtures.PIN)
            zhang = ws.profiles.get_record(1).practitioner
            person = make_fixtures.ZHANG
            assert zhang.id_number == make_fixtures.id_number(
                person["county"], person["birth"], person["seq"]
            )
            assert zhang.birth_date == person["birth"]
    finally:
        ws.close()

    head = practitioner_migrate.HEAD_REVISION
    assert (migration.from_revision, migration.to_revision) == (revision, head)
    if revision == head:
        assert migration.backup is None
    else:
        assert migration.backup is not None and migration.backup.is_file()
        assert stored_revision(migration.backup) == revision
        assert_rows_kept(before, tables(migration.backup))
    assert stored_revision(db_path) == head
    after = tables(db_path)
    if "file_journal" in before:  # a healthy opening acts on the journal, then empties it
        assert after["file_journal"][1] == {}
        before = {name: table for name, table in before.items() if name != "file_journal"}
    assert_rows_kept(before, after)


@pytest.mark.parametrize("revision", revisions("review"))
def test_review_fixture_opens_upgraded_with_every_row(revision: str, tmp_path: Path) -> None:
    source = fixture("review", revision)
    root = tmp_path / "数据" / "review"
    root.mkdir(parents=True)
    db_path = root / "review.sqlite"
    shutil.copy(source, db_path)
    before = tables(source)

    ws = open_review_workspace(root, make_fixtures.PASSWORD, clock=lambda: TODAY)
    try:
        migration = ws.migration
        assert ws.office.name == "平凉市民政局"
        assert ws.service.audit_verify().ok  # the fixture's chain goes on unbroken
        assert sum(ws.service.counts().values()) == 5
        assert ws.service.find(make_fixtures.UID_LIU) == 5  # version 2 of 刘喆's
        detail = ws.service.detail(1)
        assert detail.application["applicant"]["name"] == "张晓梅"
        assert [d.outcome for d in detail.decisions] == ["approved"]
        assert len(detail.members) == 5 and len(detail.checks) == 7
        history = ws.service.detail(4).history
        assert [entry.relation for entry in history] == ["resubmission", "this"]
        assert {o.name for o in ws.service.trusted_offices()} == {
            "甘肃省民政厅",
            "平凉市民政局",
            "崆峒区民政局",
        }
    finally:
        ws.close()

    head = review_migrate.HEAD_REVISION
    assert (migration.from_revision, migration.to_revision) == (revision, head)
    if revision == head:
        assert migration.backup is None
    else:
        assert migration.backup is not None and migration.backup.is_file()
        assert stored_revision(migration.backup) == revision
        assert_rows_kept(before, tables(migration.backup))
    assert stored_revision(db_path) == head
    assert_rows_kept(before, tables(db_path), may_grow=frozenset({"audit_log"}))
