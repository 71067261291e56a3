"""Fixtures for storage tests: a fresh, migrated database per test (a copy of one migrated
once per session), all under tmp_path."""

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
