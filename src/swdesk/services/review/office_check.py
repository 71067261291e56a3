"""Checking what an office has stored (`swdesk review verify`, also on a database restored
from a pg_dump backup, and every copy `moving` makes before it commits): the audit chain
verifies, and every stored bundle's bytes verify as the bundle its application row names
(`verify_bundle`: the manifest's SHA-256 is the row's bundle_id, the content digest and the
size are the row's). Only reads.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from swdesk.bundle import verify_bundle
from swdesk.database.transfer import read_table_counts
from swdesk.domain.errors import UserFixableError
from swdesk.reviewstore.audit import ChainCheck, verify_chain
from swdesk.reviewstore.orm import ApplicationRow, OfficeRow

from .context import BUNDLES_DIR
from .office_reading import (
    MoveProgress,
    ReadBundle,
    blob_reader,
    file_reader,
    folder_source,
    read_only_sqlite,
    refuse_other_schema,
    report_progress,
    server_engine,
    server_errors,
    snapshot,
)

__all__ = ["BundleProblem", "OfficeCheck", "audit_chain", "check_bundles", "check_office"]


@dataclass(frozen=True, slots=True)
class BundleProblem:
    """A stored bundle that does not verify as its application row says."""

    application_id: int
    stored_name: str
    reason: str  # "missing", "bundle_id", "content_digest", "size" or a BundleError code


@dataclass(frozen=True, slots=True)
class OfficeCheck:
    """What `check_office` found (no personal data: counts, numbers, hashes)."""

    location: str
    audit: ChainCheck
    bundles: int  # stored bundles checked
    problems: tuple[BundleProblem, ...]
    rows: dict[str, int] = field(default_factory=dict)  # table → rows

    @property
    def ok(self) -> bool:
        return self.audit.ok and not self.problems


def _bundle_problem(
    app_id: int,
    name: str,
    bundle_id: str,
    digest: str,
    size: int,
    stored: Path | bytes | None,
    scratch: Path,
) -> BundleProblem | None:
    """Whether the stored bytes are the bundle the row names."""
    if stored is None:
        return BundleProblem(app_id, name, "missing")
    path = stored if isinstance(stored, Path) else scratch / "bundle.swdapp"
    if isinstance(stored, bytes):
        path.write_bytes(stored)
    try:
        verified = verify_bundle(path)
    except UserFixableError as error:
        return BundleProblem(app_id, name, error.code)
    except FileNotFoundError:
        return BundleProblem(app_id, name, "missing")
    for what, bad in (
        ("bundle_id", verified.bundle_id != bundle_id),
        ("content_digest", verified.content_digest != digest),
        ("size", verified.size != size),
    ):
        if bad:
            return BundleProblem(app_id, name, what)
    return None


def check_bundles(
    connection: Connection, read: ReadBundle, progress: MoveProgress | None = None
) -> tuple[int, list[BundleProblem]]:
    """Every application's stored bundle verified (in application order)."""
    problems: list[BundleProblem] = []
    count = 0
    rows = connection.execute(
        select(
            ApplicationRow.id,
            ApplicationRow.stored_name,
            ApplicationRow.bundle_id,
            ApplicationRow.content_digest,
            ApplicationRow.file_size,
        )
        .where(ApplicationRow.stored_name != "")
        .order_by(ApplicationRow.id)
    ).all()
    with tempfile.TemporaryDirectory(prefix="swdesk-check-") as scratch:
        for app_id, name, bundle_id, digest, size in rows:
            problem = _bundle_problem(
                app_id, name, bundle_id, digest, size, read(name), Path(scratch)
            )
            if problem is not None:
                problems.append(problem)
            count += 1
            report_progress(progress, "checked", count)
    return count, problems


def audit_chain(connection: Connection) -> ChainCheck:
    """The audit chain verified as `connection`'s transaction sees it (committed or not)."""
    with Session(bind=connection) as session:
        return verify_chain(session)


def check_office(
    where: Path | str, *, server_password: str | None = None, progress: MoveProgress | None = None
) -> OfficeCheck:
    """Check the office in the reviewer folder `where` (a Path) or on the server database
    `where` (a URL): its audit chain, every stored bundle against its application row, and
    count the rows of each table. Only reads (the folder's database opened read-only)."""
    folder = where if isinstance(where, Path) else None
    if folder is not None:
        engine, location = read_only_sqlite(folder_source(folder)), str(folder)
    else:
        engine, location = server_engine(str(where), server_password)
    try:
        with server_errors(location), snapshot(engine) as connection:
            if folder is None:
                refuse_other_schema(connection, location)
            if connection.execute(select(func.count()).select_from(OfficeRow)).scalar_one() == 0:
                raise UserFixableError("review_not_initialised", path=location)
            audit = audit_chain(connection)
            read = blob_reader(connection) if folder is None else file_reader(folder / BUNDLES_DIR)
            bundles, problems = check_bundles(connection, read, progress)
            rows = read_table_counts(connection)
    finally:
        engine.dispose()
    return OfficeCheck(location, audit, bundles, tuple(problems), rows)
