"""File names offered in save dialogs: whose file it is, what it holds and the date, e.g.
张晓梅-提醒-2026-12-05.ics, so a clerk with several people's files can tell them apart;
an application's form and bundle are the exception (`application_file`): they travel to
the office, so their names carry no personal data."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from PySide6.QtCore import QStandardPaths

from swdesk.domain.application import ApplicationDraft

_NOT_IN_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')


def safe_part(text: str) -> str:
    """`text` usable inside a file name on Windows and Linux (no separators, no reserved
    characters, no leading or trailing dots and spaces)."""
    return _NOT_IN_NAMES.sub("_", text).strip(" .")


def suggested_name(parts: list[str], day: date, suffix: str) -> str:
    """`part1-part2-YYYY-MM-DD.suffix`, empty parts left out."""
    kept = [safe_part(p) for p in parts]
    return "-".join([p for p in kept if p] + [day.isoformat()]) + suffix


def in_documents(name: str) -> str:
    """`name` in the user's documents folder (the save dialogs' starting point)."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return str(Path(folder) / name)


def application_file(draft: ApplicationDraft, suffix: str) -> Path:
    """Where the wizard suggests saving `draft`'s form (".pdf") or bundle (".swdapp"): in
    the documents folder, named by the application's short id and version only."""
    return Path(in_documents(f"swdesk-application-{draft.uid[:8]}-v{draft.version}{suffix}"))
