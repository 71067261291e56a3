"""Moving an office from its folder to a PostgreSQL server and back (`services.review.moving`,
`swdesk review migrate`), and checking an office (`services.review.office_check`,
`swdesk review verify`): every row and bundle arrives and verifies, refusals and failures
leave source and target as they were, and a server office backed up with pg_dump and
restored with pg_restore verifies. The office is a real one (imported sample bundles,
decisions, its audit log), set up once per module and copied per test; the server is the
tests' own (postgres_server)."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from review_samples import PASSWORD, SampleBundles, copied_office
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine

from cli_runner import CliResult, run_cli
from folder_samples import FolderTemplates
from postgres_server import PostgresServer, postgres_database, postgres_server  # noqa: F401
from swdesk.core.progress import Cancelled
from swdesk.database.engine import open_engine
from swdesk.database.transfer import read_tables
from swdesk.domain.errors import UserFixableError
from swdesk.services.review import (
    QueueFilter,
    ReviewServer,
    open_review_workspace,
    review_root,
)
from swdesk.services.review.moving import move_to_folder, move_to_server
from swdesk.services.review.office_check import check_office

SIDE_FILES = ("swdesk.lock", "review.sqlite-wal", "review.sqlite-shm")


@pytest.fixture(scope="module")
def office_template(
    folder_templates: FolderTemplates,
    sample_bundles: SampleBundles,
    tmp_path_factory: pytest.TempPathFactory,
) -> Path:
    """A data folder whose office imported every sample bundle and decided two of them."""
    data_dir = tmp_path_factory.mktemp("moving") / "data"
    with copied_office(folder_templates, review_root(data_dir)) as city:
        report = city.service.import_files(list(sample_bundles.all))
        assert report.counts()["imported"] == len(sample_bundles.all)
        ids = [e.application_id for e in report.entries if e.application_id is not None]
        assert city.service.decide([ids[0]], "approved")[0].status == "decided"
        rejected = city.service.decide([ids[1]], "rejected", [("material_unclear", "扫描件模糊")])
        assert rejected[0].status == "decided"
    return data_dir


@pytest.fixture
def data_dir(office_template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(office_template, target)
    return target


def _folder_digest(root: Path) -> dict[str, str]:
    """Every file of a reviewer folder (but the lock and SQLite's side files) by hash."""
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file() and path.name not in SIDE_FILES
    }


def _rows_of(engine: Engine) -> dict[str, list[dict[str, object]]]:
    try:
        with engine.connect() as connection:
            return read_tables(connection)
    finally:
        engine.dispose()


def _folder_rows(root: Path) -> dict[str, list[dict[str, object]]]:
    return _rows_of(open_engine(root / "review.sqlite"))


def _without_move(
    rows: dict[str, list[dict[str, object]]],
) -> dict[str, list[dict[str, object]]]:
    """The rows but the bundle bytes and the audit log's "migrated" entries."""
    kept = {name: table for name, table in rows.items() if name != "bundle_blobs"}
    kept["audit_log"] = [row for row in rows["audit_log"] if row["action"] != "migrated"]
    return kept


def _server_tables(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return {
                str(name)
                for name in connection.execute(
                    text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
                ).scalars()
            }
    finally:
        engine.dispose()


def test_an_office_moves_to_a_server_and_back_with_every_row_and_bundle(
    data_dir: Path,
    postgres_database: str,  # noqa: F811 - fixture
    tmp_path: Path,
) -> None:
    root = review_root(data_dir)
    before = _folder_digest(root)
    source_rows = _folder_rows(root)
    seen: list[str] = []

    report = move_to_server(
        root, postgres_database, PASSWORD, progress=lambda what, _n: seen.append(what) is None
    )
    assert _folder_digest(root) == before  # the source is only read
    assert {"applications", "decisions", "audit_log", "bundles", "checked"} <= set(seen)
    files = sorted((root / "bundles").iterdir())
    assert report.bundles == len(files) > 5
    assert report.rows["bundle_blobs"] == len(files)
    assert report.audit_entries == len(source_rows["audit_log"]) + 1

    server_rows = _rows_of(create_engine(postgres_database))
    assert _without_move(server_rows) == _without_move(source_rows)
    [moved] = [row for row in server_rows["audit_log"] if row["action"] == "migrated"]
    assert str(root) in str(moved["details"]) and "swdesk_test" not in str(moved["details"])
    blobs = {row["stored_name"]: row["data"] for row in server_rows["bundle_blobs"]}
    assert blobs == {path.name: path.read_bytes() for path in files}

    check = check_office(postgres_database)
    assert (
        check.ok
        and check.bundles == len(files)
        and check.audit.entries == len(server_rows["audit_log"])
    )
    back = review_root(tmp_path / "back")
    again = move_to_folder(postgres_database, back, PASSWORD)
    assert again.bundles == len(files)
    assert _without_move(_folder_rows(back)) == _without_move(source_rows)
    assert [row["action"] for row in _folder_rows(back)["audit_log"][-2:]] == [
        "migrated",
        "migrated",
    ]
    assert {p.name: p.read_bytes() for p in (back / "bundles").iterdir()} == {
        p.name: p.read_bytes() for p in files
    }
    assert [p.name for p in tmp_path.joinpath("back").iterdir()] == ["review"]  # no staging
    assert check_office(back).ok
    with open_review_workspace(back, PASSWORD) as office:  # and the office opens and works
        assert office.service.audit_verify().ok
        assert not office.recovered
        first = office.service.queue_page(QueueFilter(), "received_at", True, 0, 100)[0]
        assert office.service.detail(first.id).members
    # and so does the office on the server, reading its moved bundles there
    with open_review_workspace(ReviewServer(postgres_database), PASSWORD) as office:
        assert office.service.audit_verify().ok
        every = QueueFilter(hide_superseded=False)
        rows = office.service.queue_page(every, "received_at", True, 0, 100)
        assert len(rows) == len(source_rows["applications"])
        assert all(office.service.detail(row.id).members for row in rows[:3])


def test_a_server_database_that_is_not_empty_is_refused_untouched(
    data_dir: Path,
    postgres_database: str,  # noqa: F811 - fixture
) -> None:
    root = review_root(data_dir)
    move_to_server(root, postgres_database, PASSWORD)
    rows = _rows_of(create_engine(postgres_database))
    with pytest.raises(UserFixableError) as refused:
        move_to_server(root, postgres_database, PASSWORD)
    assert refused.value.code == "migrate_target_not_empty"
    assert "@" not in str(refused.value.params["target"])
    assert _rows_of(create_engine(postgres_database)) == rows


def test_a_database_of_something_else_is_refused(
    data_dir: Path,
    postgres_database: str,  # noqa: F811 - fixture
) -> None:
    engine = create_engine(postgres_database)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE notes (id integer)"))
    engine.dispose()
    with pytest.raises(UserFixableError) as refused:
        move_to_server(review_root(data_dir), postgres_database, PASSWORD)
    assert refused.value.code == "migrate_target_not_empty"
    assert _server_tables(postgres_database) == {"notes"}


def test_the_wrong_password_copies_nothing(
    data_dir: Path,
    postgres_database: str,  # noqa: F811 - fixture
    tmp_path: Path,
) -> None:
    root = review_root(data_dir)
    before = _folder_digest(root)
    with pytest.raises(UserFixableError) as refused:
        move_to_server(root, postgres_database, "not the password")
    assert refused.value.code == "wrong_password"
    assert _server_tables(postgres_database) == set()
    assert _folder_digest(root) == before

    move_to_server(root, postgres_database, PASSWORD)
    with pytest.raises(UserFixableError) as again:
        move_to_folder(postgres_database, tmp_path / "back" / "review", "not the password")
    assert again.value.code == "wrong_password"
    assert not (tmp_path / "back").exists() or not any((tmp_path / "back").iterdir())


def test_an_unreachable_server_is_said_and_the_folder_stays(data_dir: Path) -> None:
    import socket

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    root = review_root(data_dir)
    before = _folder_digest(root)
    with pytest.raises(UserFixableError) as refused:
        move_to_server(root, f"postgresql://office@127.0.0.1:{port}/review", PASSWORD)
    assert refused.value.code == "server_unreachable"
    assert refused.value.params["server"] == f"127.0.0.1:{port}/review"
    assert _folder_digest(root) == before


def test_an_office_open_elsewhere_or_with_unfinished_files_is_not_moved(
    data_dir: Path,
    postgres_database: str,  # noqa: F811 - fixture
) -> None:
    root = review_root(data_dir)
    with open_review_workspace(root, PASSWORD), pytest.raises(UserFixableError) as busy:
        move_to_server(root, postgres_database, PASSWORD)
    assert busy.value.code == "already_running"
    assert _server_tables(postgres_database) == set()

    # a crash between an import's commit and its rename: opening the office finishes it
    with sqlite3.connect(root / "review.sqlite") as connection:
        connection.execute(
            "INSERT INTO file_journal (action, name, target, created_at) "
            "VALUES ('place', '.swdesk-x.tmp', 'x.swdapp', '2026-11-28 09:30:00')"
        )
    with pytest.raises(UserFixableError) as unsettled:
        move_to_server(root, postgres_database, PASSWORD)
    assert unsettled.value.code == "migrate_source_not_ready"
    assert unsettled.value.params["reason"] == "files"
    assert _server_tables(postgres_database) == set()


def test_a_cancelled_or_failed_move_leaves_the_server_empty(
    data_dir: Path,
    postgres_database: str,  # noqa: F811 - fixture
) -> None:
    root = review_root(data_dir)
    with pytest.raises(Cancelled):
        move_to_server(
            root, postgres_database, PASSWORD, progress=lambda what, _n: what != "bundles"
        )
    assert _server_tables(postgres_database) == set()

    # a stored bundle damaged on the disk: the check before the commit finds it
    damaged = sorted((root / "bundles").iterdir())[2]
    data = bytearray(damaged.read_bytes())
    data[len(data) // 2] ^= 0xFF
    damaged.write_bytes(bytes(data))
    with pytest.raises(UserFixableError) as failed:
        move_to_server(root, postgres_database, PASSWORD)
    assert failed.value.code == "migrate_check_failed"
    assert str(failed.value.params["reason"]).startswith("bundle:")
    assert _server_tables(postgres_database) == set()
    assert not check_office(root).ok


def test_a_failed_move_to_a_folder_leaves_no_folder(
    data_dir: Path,
    postgres_database: str,  # noqa: F811 - fixture
    tmp_path: Path,
) -> None:
    move_to_server(review_root(data_dir), postgres_database, PASSWORD)
    target = tmp_path / "back" / "review"
    with pytest.raises(Cancelled):
        move_to_folder(postgres_database, target, PASSWORD, progress=lambda what, n: n < 3)
    assert not target.exists() and list((tmp_path / "back").iterdir()) == []
    with pytest.raises(UserFixableError) as refused:
        move_to_folder(postgres_database, review_root(data_dir), PASSWORD)
    assert refused.value.code == "migrate_target_not_empty"


# -- the command line ----------------------------------------------------------------------


def swdesk(*args: str, password: str | None = PASSWORD) -> CliResult:
    return run_cli("review", *args, env={"SWDESK_REVIEW_PASSWORD": password})


def test_migrate_and_verify_on_the_command_line(
    data_dir: Path,
    postgres_database: str,  # noqa: F811 - fixture
    tmp_path: Path,
) -> None:
    url = postgres_database.replace("postgresql+psycopg://", "postgresql://")
    result = swdesk("migrate", "--data-dir", str(data_dir), "--to", url)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert any(line.startswith("rows\tapplications\t") for line in lines)
    assert lines[-1].startswith("migrated\t") and lines[-1].endswith(url.rsplit("@", 1)[1])
    # the person at the terminal sees each step start
    steps = result.stderr.splitlines()
    assert "moving: applications 7" in steps and "moving: bundles 1" in steps

    result = swdesk("verify", "--database", url, password=None)
    assert result.returncode == 0, result.stderr
    assert "audit ok" in result.stdout and result.stdout.splitlines()[-1].startswith("ok\t")
    assert result.stderr.startswith("verifying: checked ")

    back = tmp_path / "back"
    result = swdesk("migrate", "--database", url, "--to", str(back))
    assert result.returncode == 0, result.stderr
    assert (back / "review" / "review.sqlite").is_file()
    assert swdesk("verify", "--data-dir", str(back), password=None).returncode == 0

    again = swdesk("migrate", "--data-dir", str(data_dir), "--to", url)
    assert again.returncode == 1 and "error: migrate_target_not_empty" in again.stderr
    wrong = swdesk("migrate", "--database", url, "--to", str(tmp_path / "x"), password="wrong pass")
    assert wrong.returncode == 1 and "error: wrong_password" in wrong.stderr
    assert not (tmp_path / "x" / "review").exists()

    # a damaged bundle in the folder: verify says which application and exits 1
    damaged = sorted((back / "review" / "bundles").iterdir())[0]
    damaged.write_bytes(damaged.read_bytes()[:-10])
    result = swdesk("verify", "--data-dir", str(back), password=None)
    assert result.returncode == 1
    assert any(line.startswith("bundle bad\t") for line in result.stdout.splitlines())
    assert "error: office_check_failed" in result.stderr


# -- backups of a server office ------------------------------------------------------------


def _libpq_env(server: PostgresServer) -> dict[str, str]:
    return {**os.environ, **server.libpq_env()}


def test_a_server_office_backed_up_with_pg_dump_restores_and_verifies(
    data_dir: Path,
    postgres_server: PostgresServer,  # noqa: F811 - fixture
    postgres_database: str,  # noqa: F811 - fixture
    tmp_path: Path,
) -> None:
    dump, restore = postgres_server.bin_dir / "pg_dump", postgres_server.bin_dir / "pg_restore"
    if not (dump.exists() and restore.exists()):
        pytest.skip("pg_dump / pg_restore are not beside the server binaries")
    move_to_server(review_root(data_dir), postgres_database, PASSWORD)
    name = postgres_database.rsplit("/", 1)[1]
    backup = tmp_path / "office.dump"
    subprocess.run(
        [str(dump), "-Fc", "-f", str(backup), name],
        check=True,
        env=_libpq_env(postgres_server),
        capture_output=True,
        timeout=120,
    )
    restored = f"r_{name}"
    postgres_server.admin(f'CREATE DATABASE "{restored}"')
    try:
        subprocess.run(
            [str(restore), "--no-owner", "--exit-on-error", "-d", restored, str(backup)],
            check=True,
            env=_libpq_env(postgres_server),
            capture_output=True,
            timeout=120,
        )
        url = postgres_server.url(restored)
        result = swdesk("verify", "--database", url, password=None)
        assert result.returncode == 0, result.stdout + result.stderr
        assert _rows_of(create_engine(url)) == _rows_of(create_engine(postgres_database))
        # and the restored office moves back to a folder that opens
        back = review_root(tmp_path / "restored")
        move_to_folder(url, back, PASSWORD)
        with open_review_workspace(back, PASSWORD) as office:
            assert office.service.audit_verify().ok
    finally:
        postgres_server.admin(f'DROP DATABASE IF EXISTS "{restored}" WITH (FORCE)')


@pytest.fixture(autouse=True)
def _no_stray_staging(tmp_path: Path) -> Iterator[None]:
    yield
    assert not list(tmp_path.rglob(".review.moving-*"))


def test_synthetic_queue_rows_fill_a_server_database(
    postgres_database: str,  # noqa: F811 - fixture
) -> None:
    """The benchmarks' bulk rows go into a server office too, and ids go on after them."""
    from swdesk.database.engine import Database
    from swdesk.reviewstore.migrate import prepare_review_server
    from swdesk.reviewstore.synthetic import fill_queue

    engine = create_engine(postgres_database)
    prepare_review_server(engine)
    database = Database(engine)
    fill_queue(database, 30, seed=3)
    fill_queue(database, 20, seed=4)
    with engine.connect() as connection:
        ids = connection.execute(text("SELECT id FROM applications ORDER BY id")).scalars().all()
        following = connection.execute(
            text("SELECT nextval(pg_get_serial_sequence('applications', 'id'))")
        ).scalar_one()
    engine.dispose()
    assert ids == list(range(1, 51)) and following == 51
