"""Where swdesk keeps its files: data directory resolution and the layout inside it.

Order of precedence: ``--data-dir``, the ``SWDESK_DATA_DIR`` environment variable, portable
mode (a ``swdesk-portable`` marker file beside the program keeps data in ``data/`` beside it,
for a USB stick), and finally platformdirs' user data directory.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "swdesk"
PORTABLE_MARKER = "swdesk-portable"
DATA_DIR_ENV = "SWDESK_DATA_DIR"


@dataclass(frozen=True, slots=True)
class DataLayout:
    """The files and folders inside one data directory."""

    root: Path

    @property
    def database(self) -> Path:
        return self.root / "swdesk.sqlite"

    @property
    def evidence_dir(self) -> Path:
        return self.root / "evidence"

    @property
    def photos_dir(self) -> Path:
        return self.root / "photos"

    @property
    def backups_dir(self) -> Path:
        return self.root / "backups"

    @property
    def settings_file(self) -> Path:
        return self.root / "settings.ini"

    @property
    def log_dir(self) -> Path:
        return self.root / "logs"

    def create(self) -> None:
        for folder in (self.root, self.evidence_dir, self.photos_dir, self.backups_dir):
            folder.mkdir(parents=True, exist_ok=True)


def program_dir() -> Path:
    """The folder holding the program: the frozen executable's, or the launcher script's."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return Path(sys.argv[0]).resolve().parent if sys.argv and sys.argv[0] else Path.cwd()


def portable_data_dir(start: Path | None = None) -> Path | None:
    """The portable data folder when a portable marker sits beside the program."""
    folder = start if start is not None else program_dir()
    if (folder / PORTABLE_MARKER).is_file():
        return folder / "data"
    return None


def resolve_data_dir(
    cli_value: str | None, environ: dict[str, str] | None = None, program_folder: Path | None = None
) -> tuple[Path, str]:
    """Return the data directory and how it was chosen ("option", "environment",
    "portable" or "user")."""
    env = os.environ if environ is None else environ
    if cli_value:
        return Path(cli_value).expanduser().resolve(), "option"
    if env.get(DATA_DIR_ENV):
        return Path(env[DATA_DIR_ENV]).expanduser().resolve(), "environment"
    portable = portable_data_dir(program_folder)
    if portable is not None:
        return portable, "portable"
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False, roaming=True)), "user"
