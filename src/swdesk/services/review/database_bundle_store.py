"""The stored bundles of an office on a PostgreSQL server: one `bundle_blobs` row each
(the `BundleStore` protocol: `bundle_store`).

The rows are inserted and deleted in the caller's transaction, so an application's rows and
its bytes commit together or not at all, whichever PC of the office wrote them. Nothing of
it is a file of the office: the verified copies wait in a scratch folder of this PC
(removed when the workspace closes), and a reader gets the bytes (or, where a file is
needed, a temporary copy of them in that scratch folder).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from swdesk.bundle import read_member
from swdesk.database.engine import Database
from swdesk.domain.errors import UserFixableError
from swdesk.reviewstore.orm import BundleBlobRow

from .bundle_store import Staged, SweepReport, check_stored_name

__all__ = ["SCRATCH_PREFIX", "DatabaseBundleStore"]

SCRATCH_PREFIX = "swdesk-review-"  # a server office's scratch folder on this PC
_BATCH = 500  # names per IN (...) list


class DatabaseBundleStore:
    """Bundle bytes as `bundle_blobs` rows of the office's (server) database."""

    def __init__(self, database: Database, scratch: Path | None = None) -> None:
        self.database = database
        self._scratch = scratch
        self._own_scratch = scratch is None

    @property
    def scratch_dir(self) -> Path:
        """This PC's scratch folder of the workspace (made at first use, removed at close)."""
        if self._scratch is None:
            self._scratch = Path(tempfile.mkdtemp(prefix=SCRATCH_PREFIX))
        return self._scratch

    @property
    def in_database(self) -> bool:
        return True

    # -- importing -------------------------------------------------------------------------
    def stage(self, session: Session, temp: Path, stored_name: str, at: datetime) -> None:
        """The copy's bytes as a row of the caller's transaction (its savepoint): they
        commit with the application's rows, or neither does. The copy is the caller's to
        delete."""
        session.execute(
            insert(BundleBlobRow).values(
                stored_name=check_stored_name(stored_name), data=temp.read_bytes()
            )
        )

    def stage_many(
        self, session: Session, copies: Sequence[tuple[Path, str]], at: datetime
    ) -> list[Staged | None]:
        """Each copy's bytes as `stage` stores them (one file's bytes at a time in memory)."""
        for temp, stored_name in copies:
            self.stage(session, temp, stored_name, at)
        return [None] * len(copies)

    def before_commit(self, staged: list[Staged]) -> None:
        """Nothing: the bytes are in the transaction."""

    def after_commit(self, staged: list[Staged]) -> None:
        """Nothing: the commit stored the bytes."""

    def after_failure(self, staged: list[Staged]) -> None:
        """Nothing: the rolled-back transaction took the bytes with it."""

    # -- reading ---------------------------------------------------------------------------
    def _bytes(self, stored_name: str) -> bytes:
        with self.database.read_session() as session:
            data = session.execute(
                select(BundleBlobRow.data).where(
                    BundleBlobRow.stored_name == check_stored_name(stored_name)
                )
            ).scalar_one_or_none()
        if data is None:  # never after a commit; the database was changed by hand
            raise UserFixableError("bundle_file_missing", file=stored_name)
        return bytes(data)

    def exists(self, stored_name: str) -> bool:
        with self.database.read_session() as session:
            found = session.execute(
                select(func.count())
                .select_from(BundleBlobRow)
                .where(BundleBlobRow.stored_name == check_stored_name(stored_name))
            ).scalar_one()
        return bool(found)

    def read_member(self, stored_name: str, member: str, sha256: str) -> bytes:
        with self.local_copy(stored_name) as path:
            return read_member(path, member, sha256)

    @contextlib.contextmanager
    def local_copy(self, stored_name: str) -> Iterator[Path]:
        """The bytes in a temporary file of the scratch folder, removed after the block."""
        data = self._bytes(stored_name)
        fd, name = tempfile.mkstemp(dir=self.scratch_dir, prefix=".swdesk-", suffix=".swdapp")
        path = Path(name)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            yield path
        finally:
            path.unlink(missing_ok=True)

    # -- deleting --------------------------------------------------------------------------
    def unstore(self, session: Session, stored_names: list[str], at: datetime) -> list[str]:
        """Delete the rows of the bytes in the deleting transaction."""
        names = [name for name in dict.fromkeys(stored_names) if name]
        for start in range(0, len(names), _BATCH):
            session.execute(
                delete(BundleBlobRow).where(
                    BundleBlobRow.stored_name.in_(names[start : start + _BATCH])
                )
            )
        return []

    def after_unstore(self, names: list[str]) -> None:
        """Nothing: the commit removed the bytes."""

    def sweep(self, day: date) -> SweepReport:
        """Nothing to finish: rows and bytes never part (no journal, no files)."""
        return SweepReport()

    def close(self) -> None:
        """Remove this workspace's scratch folder (it only holds temporary copies)."""
        if self._own_scratch and self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)
            self._scratch = None
