"""Migrations: one head, ORM == migrated schema, backup before upgrade, refusals untouched."""

from __future__ import annotations

import hashlib
import re
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from enum import StrEnum
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from storage_samples import make_record

from swdesk.domain.application import ApplicationKind, ApplicationState, MaterialRole
from swdesk.domain.enums import (
    ActivityType,
    CertificateLevel,
    ContentArea,
    Gender,
    RegistrationKind,
)
from swdesk.storage import engine as engine_module
from swdesk.storage.engine import Database, open_engine, quick_check
from swdesk.storage.errors import DatabaseCorrupt, DatabaseLocked, DatabaseTooNew
from swdesk.storage.migrate import (
    HEAD_REVISION,
    MIGRATIONS_DIR,
    alembic_config,
    new_revision,
    prepare_database,
)
from swdesk.storage.orm import Base
from swdesk.storage.repositories import PractitionerRepository


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
    expected = {"journal_mode": "wal", "foreign_keys": 1, "synchronous": 2, "busy_timeout": 5000}
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


NEXT_REVISION_SCRIPT = f'''"""Test-only revision: add practitioners.nickname, recreating the table."""
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
