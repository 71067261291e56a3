"""The practitioner's database: the shared `Database` (`swdesk.database.engine`) plus the
keyring of the protected profiles unlocked in this process, which the repositories find
in `session.info["keyring"]` to seal and open a profile's data."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from swdesk.database import engine as shared

from .sealing import Keyring


class Database(shared.Database):
    """The engine and session factory of the practitioner's database file, and the keyring
    of the protected profiles unlocked in this process."""

    def __init__(
        self, engine: Engine, keyring: Keyring | None = None, path: Path | None = None
    ) -> None:
        super().__init__(engine, path)
        self.keyring = keyring if keyring is not None else Keyring()

    def session_info(self) -> dict[str, object]:
        return {"keyring": self.keyring}
