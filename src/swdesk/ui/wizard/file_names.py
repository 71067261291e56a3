"""Where the wizard suggests saving the form and the bundle: the Documents folder, under a
name that carries no personal data (the application's short id and version)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths

from swdesk.domain.application import ApplicationDraft


def suggested_path(draft: ApplicationDraft, suffix: str) -> Path:
    """The suggested path of `draft`'s file with `suffix` (".pdf", ".swdapp")."""
    folder = Path(
        QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    )
    return folder / f"swdesk-application-{draft.uid[:8]}-v{draft.version}{suffix}"
