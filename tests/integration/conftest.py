"""Fixtures for storage tests: a fresh, migrated database per test, all under tmp_path."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

# reviewer tests: real bundles exported once per module, fast office keys, a demo
# practitioner folder and a city with its province (a module's own fixture of the same
# name takes precedence)
from review_samples import (  # noqa: F401  (fixtures)
    demo_practitioner,
    fast_keys,
    sample_bundles,
    trusting_offices,
)

from swdesk.storage.database import Database
from swdesk.storage.migrate import prepare_database


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "swdesk.sqlite"


@pytest.fixture
def database(db_path: Path, tmp_path: Path) -> Iterator[Database]:
    prepare_database(db_path, tmp_path / "backups")
    db = Database.open(db_path)
    yield db
    db.close()
