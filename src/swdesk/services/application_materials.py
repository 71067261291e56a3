"""An application's material files in the data folder: a file brought in and added to the
draft (a photo checked, re-encoded and stripped of metadata first), and where a bundle
member's bytes are read from."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from swdesk.domain.application import ApplicationDraft, MaterialFile, MaterialRole
from swdesk.domain.errors import UserFixableError
from swdesk.storage.files import EvidenceStore

__all__ = ["member_source", "with_material"]


def with_material(
    evidence: EvidenceStore, draft: ApplicationDraft, role: MaterialRole, path: Path
) -> ApplicationDraft:
    """Copy the file at `path` into the data folder and return the draft with it added (not
    saved). One photo and one signed scan at most: a new one replaces the old."""
    if role is MaterialRole.PHOTO:
        from swdesk.media.photo import normalise_photo

        try:
            data = path.read_bytes()
        except OSError as error:
            raise UserFixableError("file_unreadable", file=path.name) from error
        photo = normalise_photo(data, source_name=path.name)
        stored = evidence.import_bytes(photo.jpeg, path.stem + ".jpg", owner=draft.practitioner_id)
    else:
        stored = evidence.import_file(path, owner=draft.practitioner_id)
    material = MaterialFile(
        role, path.name, stored.stored_name, stored.sha256, stored.size, stored.media_type
    )
    keep = draft.materials
    if role in (MaterialRole.PHOTO, MaterialRole.SIGNED_FORM):
        keep = tuple(m for m in keep if m.role is not role)
    return replace(draft, materials=(*keep, material))


def member_source(evidence: EvidenceStore, stored_name: str) -> dict[str, Any]:
    """Where a bundle member's bytes come from: the stored file (streamed), or for a sealed
    file its decrypted bytes (a missing file is left for the writer to report)."""
    if evidence.is_sealed(stored_name) and evidence.exists(stored_name):
        return {"data": evidence.read_bytes(stored_name)}
    return {"path": evidence.path_for(stored_name)}
