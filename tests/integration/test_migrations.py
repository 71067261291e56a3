"""Migrations: one head, ORM == migrated schema, backup before upgrade, refusals untouched."""

from __future__ import annotations

import hashlib
import re
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Sequence
from contextlib import closing
from dataclasses import replace
from datetime import datetime
from enum import StrEnum
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from storage_samples import make_draft, make_record

from swdesk.database import engine as engine_module
from swdesk.database.engine import open_engine, quick_check
from swdesk.database.errors import DatabaseCorrupt, DatabaseLocked, DatabaseTooNew
from swdesk.database.migrating import alembic_config
from swdesk.domain.application import ApplicationKind, ApplicationState, MaterialRole
from swdesk.domain.decision import DecisionOutcome, DecisionStage
from swdesk.domain.enums import (
    ActivityType,
    CertificateLevel,
    ContentArea,
    Gender,
    RegistrationKind,
)
from swdesk.storage.database import Database
from swdesk.storage.migrate import (
    HEAD_REVISION,
    MIGRATIONS_DIR,
    new_revision,
    prepare_database,
)
from swdesk.storage.orm import Base
from swdesk.storage.repositories import ApplicationRepository, PractitionerRepository

NEXT_REVISION = f"{int(HEAD_REVISION) + 1:04d}"  # what a later swdesk would add


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def stored_revision(db_path: Path) -> str:
    with closing(sqlite3.connect(db_path)) as connection:
        return str(connection.execute("SELECT version_num FROM alembic_version").fetchone()[0])


def test_exactly_one_head_and_it_is_head_revision() -> None:
    heads = ScriptDirectory(str(MIGRATIONS_DIR)).get_heads()
    assert heads == [HEAD_REVISION]


def test_orm_metadata_matches_migrated_schema(db_path: Path, tmp_path: Path) -> None:
    prepare_database(db_path, tmp_path / "backups")
    engine = open_engine(db_path)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        engine.dispose()


def test_autogenerate_against_head_finds_nothing_to_do(tmp_path: Path) -> None:
    """The developer tool works, and a fresh revision at head is empty."""
    migrations = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, migrations, ignore=shutil.ignore_patterns("__pycache__"))
    new_revision("nothing yet", migrations)
    (generated,) = (migrations / "versions").glob(f"{NEXT_REVISION}_*.py")
    body = generated.read_text("utf-8")
    assert "op." not in body.split("def upgrade")[1]


def test_downgrade_to_base_and_up_again(db_path: Path, tmp_path: Path) -> None:
    prepare_database(db_path, tmp_path / "backups")
    engine = open_engine(db_path, foreign_keys=False)
    try:
        with engine.connect() as connection, connection.begin():
            command.downgrade(alembic_config(MIGRATIONS_DIR, connection), "base")
            tables = connection.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type = 'table'"
            ).scalars()
            assert list(tables) == ["alembic_version"]
    finally:
        engine.dispose()
    assert prepare_database(db_path, tmp_path / "backups").upgraded


ENUM_COLUMNS: list[tuple[str, str, type[StrEnum]]] = [
    ("practitioners", "gender", Gender),
    ("certificates", "level", CertificateLevel),
    ("registration_periods", "kind", RegistrationKind),
    ("activities", "activity_type", ActivityType),
    ("activities", "content_area", ContentArea),
    ("applications", "kind", ApplicationKind),
    ("applications", "state", ApplicationState),
    ("application_materials", "role", MaterialRole),
    ("decisions", "stage", DecisionStage),
    ("decisions", "outcome", DecisionOutcome),
]


@pytest.mark.parametrize(("table", "column", "enum"), ENUM_COLUMNS)
def test_enum_checks_in_migrations_list_exactly_the_domain_values(
    db_path: Path, tmp_path: Path, table: str, column: str, enum: type[StrEnum]
) -> None:
    """compare_metadata ignores CHECK constraints, so the frozen value lists are checked here."""
    prepare_database(db_path, tmp_path / "backups")
    with closing(sqlite3.connect(db_path)) as connection:
        (sql,) = connection.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
        ).fetchone()
    match = re.search(rf"CHECK \({column} IN \(([^)]*)\)\)", sql)
    assert match, sql
    assert re.findall(r"'([^']*)'", match.group(1)) == [member.value for member in enum]


def test_new_database_is_created_at_head_with_pragmas(db_path: Path, tmp_path: Path) -> None:
    result = prepare_database(db_path, tmp_path / "backups")
    assert (result.from_revision, result.to_revision, result.backup) == (None, HEAD_REVISION, None)
    assert result.upgraded
    assert stored_revision(db_path) == HEAD_REVISION
    assert not (tmp_path / "backups").exists()
    with Database.open(db_path) as db, db.engine.connect() as connection:
        pragmas = {
            name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()
            for name in ("journal_mode", "foreign_keys", "synchronous", "busy_timeout")
        }
    expected = {"journal_mode": "wal", "foreign_keys": 1, "synchronous": 2, "busy_timeout": 10_000}
    assert pragmas == expected


def test_empty_file_is_treated_as_new(db_path: Path, tmp_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.touch()
    assert prepare_database(db_path, tmp_path / "backups").to_revision == HEAD_REVISION
    assert stored_revision(db_path) == HEAD_REVISION


def test_current_database_is_detected_without_loading_alembic(
    db_path: Path, tmp_path: Path
) -> None:
    prepare_database(db_path, tmp_path / "backups")
    before = sha256_of(db_path)
    code = (
        "import sys; from pathlib import Path;"
        "from swdesk.storage.migrate import prepare_database;"
        f"r = prepare_database(Path({str(db_path)!r}), Path({str(tmp_path / 'b')!r}));"
        "assert not r.upgraded and r.backup is None, r;"
        "assert not any(m.startswith('alembic') for m in sys.modules), 'alembic loaded'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
    assert sha256_of(db_path) == before


NEXT_REVISION_SCRIPT = f'''"""Test-only revision: add practitioners.nickname (table recreated)."""
import sqlalchemy as sa
from alembic import op

revision = "{NEXT_REVISION}"
down_revision = "{HEAD_REVISION}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("practitioners", recreate="always") as batch_op:
        batch_op.add_column(
            sa.Column("nickname", sa.String(32), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("practitioners") as batch_op:
        batch_op.drop_column("nickname")
'''


def test_upgrade_of_a_database_with_data_takes_a_backup_first(
    db_path: Path, tmp_path: Path
) -> None:
    prepare_database(db_path, tmp_path / "backups")
    with Database.open(db_path) as db, db.session() as session:
        pid = PractitionerRepository(session).add_record(make_record())
    # A later swdesk: the packaged scripts plus one more (in a path with a "%" on purpose).
    migrations = tmp_path / "newer 100%" / "migrations"
    shutil.copytree(MIGRATIONS_DIR, migrations, ignore=shutil.ignore_patterns("__pycache__"))
    script = migrations / "versions" / f"{NEXT_REVISION}_nickname.py"
    script.write_text(NEXT_REVISION_SCRIPT, "utf-8")
    before = sha256_of(db_path)

    result = prepare_database(db_path, tmp_path / "backups", migrations_dir=migrations)

    assert (result.from_revision, result.to_revision) == (HEAD_REVISION, NEXT_REVISION)
    assert result.backup is not None
    backup_name = rf"swdesk-before-{NEXT_REVISION}-\d{{8}}-\d{{6}}\.sqlite"
    assert re.fullmatch(backup_name, result.backup.name)
    assert sorted(p.name for p in (tmp_path / "backups").iterdir()) == [result.backup.name]
    assert quick_check(result.backup)
    assert stored_revision(result.backup) == HEAD_REVISION
    with closing(sqlite3.connect(result.backup)) as backup:
        assert backup.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        assert backup.execute("SELECT name FROM practitioners").fetchall() == [("张晓梅",)]
    assert sha256_of(db_path) != before
    assert stored_revision(db_path) == NEXT_REVISION
    # The table was recreated with foreign keys off: its children were not cascaded away.
    with Database.open(db_path) as db, db.session() as session:
        record = PractitionerRepository(session).get_record(pid)
        nickname = session.execute(text("SELECT nickname FROM practitioners")).scalar()
    assert len(record.certificates) == 2 and len(record.registrations) == 2
    assert nickname == ""


# One row in every table of revision 0001, written as a 0001 swdesk would have.
ROWS_AT_0001: dict[str, dict[str, object]] = {
    "practitioners": {
        "id": 1,
        "name": "张晓梅",
        "gender": "female",
        "birth_date": "1949-12-31",
        "id_number": "11010519491231002X",
        "phone": "13800138000",
        "employer": "兰州市城关区社会工作服务中心",
        "employer_credit_code": "11320000MB151840XJ",
        "post": "项目主管",
        "years_in_social_work": 7,
        "county": "620102",
        "photo_file": "a" * 64 + ".jpg",
        "rulepack_id": "gansu",
        "pin_hash": "scrypt$16384$8$1$c2FsdA==$aGFzaA==",
        "created_at": "2025-01-02 03:04:05.000000",
        "updated_at": "2025-01-03 03:04:05.000000",
        "last_opened_at": "2025-01-04 03:04:05.000000",
    },
    "certificates": {
        "id": 1,
        "practitioner_id": 1,
        "level": "intermediate",
        "number": "S2019002",
        "obtained_on": "2019-06-22",
    },
    "registration_periods": {
        "id": 1,
        "practitioner_id": 1,
        "kind": "first",
        "valid_from": "2019-09-01",
        "valid_to": "2022-08-31",
        "note": "首次登记",
    },
    "activities": {
        "id": 1,
        "practitioner_id": 1,
        "title": "社会工作伦理培训",
        "organiser": "甘肃省社会工作协会",
        "activity_type": "training",
        "content_area": "values_ethics",
        "start_date": "2024-03-08",
        "end_date": "2024-03-09",
        "hours_tenths": 15,
        "reflection_learnt": "学会了知情同意的边界",
        "reflection_change": "个案记录中写明保密例外",
        "created_at": "2024-03-10 08:00:00.000000",
        "updated_at": "2024-03-10 08:00:00.000000",
    },
    "evidence_files": {
        "id": 1,
        "activity_id": 1,
        "original_name": "证明1.pdf",
        "stored_name": "b" * 64 + ".pdf",
        "sha256": "b" * 64,
        "size": 1001,
        "media_type": "application/pdf",
        "added_at": "2024-03-10 08:00:00.000000",
    },
}


def dump_tables(
    db_path: Path, tables: Sequence[str], columns_of: Path | None = None
) -> dict[str, list[tuple[object, ...]]]:
    """Every row of `tables`; with `columns_of`, only the columns that database's tables
    have (to compare rows across a migration that added columns)."""

    def columns(table: str) -> str:
        if columns_of is None:
            return "*"
        with closing(sqlite3.connect(columns_of)) as old:
            return ", ".join(row[1] for row in old.execute(f"PRAGMA table_info({table})"))

    with closing(sqlite3.connect(db_path)) as connection:
        return {
            table: connection.execute(
                f"SELECT {columns(table)} FROM {table} ORDER BY id"
            ).fetchall()
            for table in tables
        }


def _database_at(db_path: Path, revision: str, rows: dict[str, dict[str, object]]) -> None:
    """A database as swdesk at `revision` left it, holding `rows` (one per table)."""
    db_path.parent.mkdir(parents=True)
    engine = open_engine(db_path, foreign_keys=False)
    try:
        with engine.connect() as connection, connection.begin():
            command.upgrade(alembic_config(MIGRATIONS_DIR, connection), revision)
    finally:
        engine.dispose()
    with closing(sqlite3.connect(db_path)) as connection, connection:
        for table, row in rows.items():
            columns = ", ".join(row)
            marks = ", ".join("?" * len(row))
            connection.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", [*row.values()])


def test_upgrade_from_0001_keeps_every_row_and_takes_a_backup(
    db_path: Path, tmp_path: Path
) -> None:
    _database_at(db_path, "0001", ROWS_AT_0001)
    before = dump_tables(db_path, list(ROWS_AT_0001))
    assert all(len(rows) == 1 for rows in before.values())
    assert stored_revision(db_path) == "0001"

    result = prepare_database(db_path, tmp_path / "backups")

    assert (result.from_revision, result.to_revision) == ("0001", HEAD_REVISION)
    assert result.backup is not None and result.backup.parent == tmp_path / "backups"
    assert sorted(p.name for p in (tmp_path / "backups").iterdir()) == [result.backup.name]
    assert stored_revision(result.backup) == "0001"
    assert dump_tables(result.backup, list(ROWS_AT_0001)) == before
    assert stored_revision(db_path) == HEAD_REVISION
    assert dump_tables(db_path, list(ROWS_AT_0001), columns_of=result.backup) == before
    assert dump_tables(db_path, ["applications", "application_materials", "profile_changes"]) == {
        "applications": [],
        "application_materials": [],
        "profile_changes": [],
    }
    # The upgraded database is usable: the old profile reads back and takes an application.
    with Database.open(db_path) as db, db.session() as session:
        record = PractitionerRepository(session).get_record(1)
        app_id = ApplicationRepository(session).add(make_draft(1))
        assert ApplicationRepository(session).latest_for(1) is not None
    assert record.practitioner.name == "张晓梅"
    assert [str(r.valid_to) for r in record.registrations] == ["2022-08-31"]
    assert app_id == 1


# One row in every table of revision 0002 (those of 0001 and the application tables).
ROWS_AT_0002: dict[str, dict[str, object]] = {
    **ROWS_AT_0001,
    "applications": {
        "id": 1,
        "practitioner_id": 1,
        "uid": "0b4f0c52-6a1e-4f6e-9a38-3c1f3b3f9c11",
        "version": 1,
        "kind": "renewal",
        "state": "exported",
        "phone": "13800138000",
        "employer": "兰州市城关区社会工作服务中心",
        "employer_credit_code": "11320000MB151840XJ",
        "post": "项目主管",
        "identity_changed": 0,
        "late_explanation": "",
        "declaration_accepted": 1,
        "declaration_accepted_at": "2025-06-01 10:00:00.000000",
        "created_at": "2025-06-01 09:00:00.000000",
        "updated_at": "2025-06-01 10:00:00.000000",
        "exported_at": "2025-06-01 10:05:00.000000",
        "bundle_id": "c" * 64,
        "content_digest": "d" * 64,
        "bundle_path": "/media/usb/张晓梅.swdapp",
        "form_file": "e" * 64 + ".pdf",
        "parent_id": None,
    },
    "application_materials": {
        "id": 1,
        "application_id": 1,
        "role": "photo",
        "original_name": "照片.jpg",
        "stored_name": "f" * 64 + ".jpg",
        "sha256": "f" * 64,
        "size": 2048,
        "media_type": "image/jpeg",
        "added_at": "2025-06-01 09:30:00.000000",
    },
    "profile_changes": {
        "id": 1,
        "practitioner_id": 1,
        "changed_at": "2025-06-01 10:05:00.000000",
        "field": "phone",
        "old_value": "13900139000",
        "new_value": "13800138000",
        "application_uid": "0b4f0c52-6a1e-4f6e-9a38-3c1f3b3f9c11",
    },
}


def test_upgrade_from_0002_keeps_every_row_and_takes_a_backup(
    db_path: Path, tmp_path: Path
) -> None:
    _database_at(db_path, "0002", ROWS_AT_0002)
    tables = list(ROWS_AT_0002)
    before = dump_tables(db_path, tables)
    assert all(len(rows) == 1 for rows in before.values())

    result = prepare_database(db_path, tmp_path / "backups")

    assert (result.from_revision, result.to_revision) == ("0002", HEAD_REVISION)
    assert result.backup is not None
    assert stored_revision(result.backup) == "0002"
    assert dump_tables(result.backup, tables) == before
    assert dump_tables(db_path, tables, columns_of=result.backup) == before
    assert dump_tables(db_path, ["trusted_offices", "decisions"]) == {
        "trusted_offices": [],
        "decisions": [],
    }
    # The upgraded database takes a decision on the old application, and cascades it away.
    from swdesk.domain.decision import AppliedDecision
    from swdesk.storage.repositories import DecisionRepository

    applied = AppliedDecision(
        application_id=1,
        application_uid=str(ROWS_AT_0002["applications"]["uid"]),
        application_version=1,
        bundle_id="c" * 64,
        stage=DecisionStage.FIRST,
        outcome=DecisionOutcome.REJECTED,
        reasons=(("hours_short", "学时不足"),),
        late_accepted_reason="",
        registration_from=None,
        registration_to=None,
        decided_at=datetime(2025, 7, 1, 9, 0),
        office_fingerprint="1" * 64,
        office_name="兰州市民政局",
        sequence=1,
        previous_hash="",
        digest="2" * 64,
        imported_at=datetime(2025, 7, 2, 9, 0),
        certificate_file="9" * 64 + ".pdf",
    )
    with Database.open(db_path) as db:
        with db.session() as session:
            decision_id = DecisionRepository(session).add(applied, b"{}\n")
            assert DecisionRepository(session).get(decision_id) == replace(applied, id=decision_id)
        with db.session() as session:
            orphans = ApplicationRepository(session).delete(1)
            assert orphans == ["9" * 64 + ".pdf", "e" * 64 + ".pdf", "f" * 64 + ".jpg"]
            assert DecisionRepository(session).for_practitioner(1) == []


def test_database_from_a_newer_swdesk_is_refused_untouched(db_path: Path, tmp_path: Path) -> None:
    prepare_database(db_path, tmp_path / "backups")
    with closing(sqlite3.connect(db_path)) as connection, connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    before = sha256_of(db_path)

    with pytest.raises(DatabaseTooNew) as caught:
        prepare_database(db_path, tmp_path / "backups")

    assert caught.value.code == "database_too_new"
    assert caught.value.params == {"path": str(db_path), "revision": "9999"}
    assert sha256_of(db_path) == before
    assert not (tmp_path / "backups").exists()


def test_garbage_file_is_corrupt_and_untouched(db_path: Path, tmp_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"this is not a database\n" * 200)
    before = sha256_of(db_path)

    with pytest.raises(DatabaseCorrupt) as caught:
        prepare_database(db_path, tmp_path / "backups")

    assert caught.value.code == "database_corrupt"
    assert caught.value.params["path"] == str(db_path)
    assert sha256_of(db_path) == before
    assert not quick_check(db_path)


def test_damaged_sqlite_file_is_corrupt(db_path: Path, tmp_path: Path) -> None:
    prepare_database(db_path, tmp_path / "backups")
    with Database.open(db_path) as db, db.session() as session:
        PractitionerRepository(session).add_record(make_record())
    data = bytearray(db_path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    data[page_size : 3 * page_size] = b"\xa5" * (2 * page_size)  # pages 2 and 3
    db_path.write_bytes(bytes(data))

    assert not quick_check(db_path)
    with pytest.raises(DatabaseCorrupt):
        prepare_database(db_path, tmp_path / "backups")


def test_sqlite_file_of_another_program_is_refused(db_path: Path, tmp_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    with closing(sqlite3.connect(db_path)) as connection, connection:
        connection.execute("CREATE TABLE notes (body TEXT)")
    before = sha256_of(db_path)

    with pytest.raises(DatabaseCorrupt) as caught:
        prepare_database(db_path, tmp_path / "backups")

    assert caught.value.params["reason"] == "not_swdesk"
    assert sha256_of(db_path) == before


def test_locked_database_is_reported(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", 50)
    db_path.parent.mkdir(parents=True)
    holder = sqlite3.connect(db_path, isolation_level=None)  # rollback journal, not WAL
    try:
        holder.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
        holder.execute("BEGIN EXCLUSIVE")
        with pytest.raises(DatabaseLocked) as caught:
            prepare_database(db_path, tmp_path / "backups")
        assert caught.value.code == "database_locked"
    finally:
        holder.close()


def test_path_with_chinese_and_spaces(tmp_path: Path) -> None:
    db_path = tmp_path / "社工 数据#1" / "swdesk.sqlite"
    prepare_database(db_path, tmp_path / "backups")
    assert prepare_database(db_path, tmp_path / "backups").upgraded is False
    assert quick_check(db_path)


class _FullOnVacuum(sqlite3.Connection):
    """A connection on a disk with room for the upgrade but not for VACUUM's copy."""

    def execute(self, sql: str, *args: object) -> sqlite3.Cursor:  # type: ignore[override]
        if sql.strip().upper() == "VACUUM":
            raise sqlite3.OperationalError("database or disk is full")
        return super().execute(sql, *args)  # type: ignore[arg-type]


def test_no_room_to_compact_after_an_upgrade_keeps_the_upgraded_database(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _database_at(db_path, "0001", ROWS_AT_0001)
    before = dump_tables(db_path, list(ROWS_AT_0001))
    real_connect = sqlite3.connect

    def connect(*args: object, **kwargs: object) -> sqlite3.Connection:
        return real_connect(*args, factory=_FullOnVacuum, **kwargs)  # type: ignore[arg-type,call-overload,misc]

    monkeypatch.setattr(sqlite3, "connect", connect)
    monkeypatch.setattr(sqlite3.dbapi2, "connect", connect)  # what SQLAlchemy calls
    result = prepare_database(db_path, tmp_path / "backups")
    monkeypatch.undo()

    assert result.upgraded and result.to_revision == HEAD_REVISION
    assert stored_revision(db_path) == HEAD_REVISION
    assert dump_tables(db_path, list(ROWS_AT_0001), columns_of=result.backup) == before
    assert quick_check(db_path)
