"""Fixtures for storage tests: a fresh, migrated database per test (a copy of one migrated
once per session), all under tmp_path; the import's worker processes forked from the tests'
fork server."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from review_samples import (  # noqa: F401  (fixtures)
    demo_practitioner,
    office_places,
    review_engine,
    sample_bundles,
    server_offices,
    servers,
    trusting_offices,
)

import fork_server

# reviewer tests: real bundles exported once per module, fast office keys, a demo
# practitioner folder and a city with its province (a module's own fixture of the same
# name takes precedence)
from folder_samples import FolderTemplates
from postgres_server import postgres_server  # noqa: F401  (the reviewer tests' server)
from swdesk.storage.database import Database
from swdesk.storage.migrate import prepare_database


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "swdesk.sqlite"


def _empty_database(folder: Path) -> None:
    prepare_database(folder / "swdesk.sqlite", folder / "backups")


@pytest.fixture
def database(folder_templates: FolderTemplates, db_path: Path) -> Iterator[Database]:
    """A new database at head: a copy of one migrated once per session (the migrations run
    from an empty file are what every fresh data folder goes through, tested elsewhere)."""
    template = folder_templates.template("empty-database", _empty_database)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(template / "swdesk.sqlite", db_path)
    db = Database.open(db_path)
    yield db
    db.close()


@pytest.fixture(scope="session", autouse=True)
def _import_workers_from_the_fork_server() -> Iterator[None]:
    """The import's worker processes (`check_pool`) are forked from the tests' fork server
    (`fork_server`: a clean interpreter that imported swdesk once, the database layer
    included, for the tests' other processes too) on every platform: the same processes,
    without a second of start-up each. test_review_import_pool checks "spawn" (Windows,
    macOS) too, test_review_worker_modules the app's own fork server."""
    from swdesk.services.review import check_pool

    fork_server.context()  # its server imports swdesk before the first fork
    patch = pytest.MonkeyPatch()
    patch.setattr(check_pool, "START_METHOD", "forkserver")
    patch.setattr(check_pool, "WORKER_MODULES", fork_server.PRELOAD)  # the server's, kept
    yield
    patch.undo()
