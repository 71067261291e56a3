"""The reviewer workspace: office set-up, opening with the password, refusals, and its own
database (own Alembic environment, ORM equal to the migrated schema)."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from review_samples import PASSWORD, TODAY, make_office  # noqa: F401

from swdesk.database.engine import open_engine
from swdesk.domain.errors import UserFixableError
from swdesk.reviewstore.migrate import HEAD_REVISION, MIGRATIONS_DIR, prepare_review_database
from swdesk.reviewstore.orm import ReviewBase
from swdesk.services.review import (
    ReviewLevel,
    ReviewStage,
    init_review_workspace,
    open_review_workspace,
    review_root,
)
from swdesk.signing import SigningError


def test_init_then_open_with_the_password(tmp_path: Path) -> None:
    root = review_root(tmp_path / "data")
    workspace = make_office(root)
    fingerprint = workspace.office.fingerprint
    assert workspace.level is ReviewLevel.CITY
    assert workspace.service.stage is ReviewStage.FIRST
    assert (root / "review.sqlite").is_file() and (root / "bundles").is_dir()
    assert not (tmp_path / "data" / "swdesk.sqlite").exists()  # never the practitioner's db
    workspace.close()

    again = open_review_workspace(root, PASSWORD, clock=lambda: TODAY)
    try:
        assert again.office.fingerprint == fingerprint
        assert again.office.name == "平凉市民政局" and again.office.region == "620800"
        assert again.rule_pack.id == "gansu"
        assert again.service.review_deadline_working_days == 30
    finally:
        again.close()


def test_the_key_is_stored_encrypted(tmp_path: Path) -> None:
    root = review_root(tmp_path)
    workspace = make_office(root)
    raw = workspace.key.private_key.private_bytes_raw()
    workspace.close()
    assert raw not in (root / "review.sqlite").read_bytes()


def test_wrong_password_not_initialised_and_already_running(tmp_path: Path) -> None:
    root = review_root(tmp_path)
    with pytest.raises(UserFixableError) as missing:
        open_review_workspace(root, PASSWORD)
    assert missing.value.code == "review_not_initialised"
    assert not (root / "review.sqlite").exists()

    workspace = make_office(root)
    with pytest.raises(UserFixableError) as running:
        open_review_workspace(root, PASSWORD)
    assert running.value.code == "already_running"
    workspace.close()

    with pytest.raises(SigningError) as wrong:
        open_review_workspace(root, "not the password")
    assert wrong.value.code == "wrong_password"
    # a failed open released the lock
    open_review_workspace(root, PASSWORD).close()


def test_init_refusals(tmp_path: Path) -> None:
    root = review_root(tmp_path)
    with pytest.raises(UserFixableError) as short:
        init_review_workspace(
            root,
            office_name="x局",
            region="1",
            level="city",
            rule_pack_id="gansu",
            password="short",
        )
    assert short.value.code == "password_too_short"
    with pytest.raises(UserFixableError) as unknown_pack:
        init_review_workspace(
            root,
            office_name="x局",
            region="1",
            level="city",
            rule_pack_id="atlantis",
            password=PASSWORD,
        )
    assert unknown_pack.value.code == "rulepack_unknown"
    with pytest.raises(UserFixableError) as bad_name:
        init_review_workspace(
            root, office_name="", region="1", level="city", rule_pack_id="gansu", password=PASSWORD
        )
    assert bad_name.value.code == "office_invalid"
    make_office(root).close()
    with pytest.raises(UserFixableError) as twice:
        make_office(root)
    assert twice.value.code == "review_already_initialised"


def test_exactly_one_head_and_it_is_head_revision() -> None:
    assert ScriptDirectory(str(MIGRATIONS_DIR)).get_heads() == [HEAD_REVISION]


def test_orm_metadata_matches_the_migrated_schema(tmp_path: Path) -> None:
    db_path = tmp_path / "review.sqlite"
    result = prepare_review_database(db_path, tmp_path / "backups")
    assert (result.from_revision, result.to_revision, result.backup) == (None, HEAD_REVISION, None)
    engine = open_engine(db_path)
    try:
        with engine.connect() as connection:
            assert (
                compare_metadata(MigrationContext.configure(connection), ReviewBase.metadata) == []
            )
            modes = connection.exec_driver_sql("PRAGMA journal_mode").scalar()
            assert modes == "wal"
    finally:
        engine.dispose()
    # at head: a second prepare is a no-op that does not load Alembic
    code = (
        "import sys; from pathlib import Path; "
        "from swdesk.reviewstore.migrate import prepare_review_database as p; "
        f"r = p(Path({str(db_path)!r}), Path({str(tmp_path / 'b')!r})); "
        "assert not r.upgraded; assert 'alembic' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_a_database_from_a_newer_swdesk_is_refused_untouched(tmp_path: Path) -> None:
    db_path = tmp_path / "review.sqlite"
    prepare_review_database(db_path, tmp_path / "backups")
    with closing(sqlite3.connect(db_path)) as connection:
        connection.execute("UPDATE alembic_version SET version_num = 'r9999'")
        connection.commit()
    before = hashlib.sha256(db_path.read_bytes()).hexdigest()
    with pytest.raises(UserFixableError) as caught:
        prepare_review_database(db_path, tmp_path / "backups")
    assert caught.value.code == "database_too_new"
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == before
    assert not (tmp_path / "backups").exists()


def test_a_foreign_database_is_refused(tmp_path: Path) -> None:
    root = review_root(tmp_path)
    root.mkdir(parents=True)
    with closing(sqlite3.connect(root / "review.sqlite")) as connection:
        connection.execute("CREATE TABLE t (x)")
        connection.commit()
    with pytest.raises(UserFixableError) as caught:
        open_review_workspace(root, PASSWORD)
    assert caught.value.code == "review_database_damaged"
    assert caught.value.params == {
        "path": str(root / "review.sqlite"),
        "folder": str(root),
        "reason": "not_swdesk",
    }


def test_a_practitioner_workspace_and_the_review_workspace_run_side_by_side(tmp_path: Path) -> None:
    from swdesk.services.workspace import open_workspace

    practitioner = open_workspace(tmp_path, clock=lambda: TODAY)
    try:
        reviewer = make_office(review_root(tmp_path))
        reviewer.close()
    finally:
        practitioner.close()


def test_opening_removes_copies_an_interrupted_import_left(tmp_path: Path) -> None:
    root = review_root(tmp_path)
    workspace = make_office(root)
    assert workspace.rule_pack_id == "gansu"
    workspace.close()
    leftover = root / "bundles" / ".swdesk-abc123.tmp"
    leftover.write_bytes(b"half a bundle")
    open_review_workspace(root, PASSWORD).close()
    assert not leftover.exists()
