"""Writing an exported application: the form stored, the bundle staged, the export
recorded, the bundle published (`publish_export`), each step undone when a later one
fails, and publications a crash interrupted finished.

`ApplicationService.export` checks and plans the application, then hands it here; the
order makes a bundle at its destination always one the database records.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from swdesk import __version__
from swdesk.domain.application import ApplicationDraft
from swdesk.domain.errors import UserFixableError
from swdesk.domain.fix_list import FixItem
from swdesk.domain.models import Practitioner, PractitionerRecord
from swdesk.storage.application_repository import ApplicationRepository, ExportRecord
from swdesk.storage.database import Database
from swdesk.storage.files import EvidenceStore
from swdesk.storage.profile_change_repository import ProfileChangeRepository
from swdesk.storage.references import unreferenced
from swdesk.storage.repositories import PractitionerRepository

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from .application_bundle import BundlePlan

__all__ = [
    "PERSONAL_FIELDS",
    "ExportResult",
    "ExportUndo",
    "FixListOpen",
    "drop_if_unreferenced",
    "publish_export",
    "recover_exports",
    "record_export",
    "undo_export",
]

log = logging.getLogger(__name__)

PERSONAL_FIELDS = ("phone", "employer", "employer_credit_code", "post")


class FixListOpen(UserFixableError):
    """Export refused: the fix list still has items."""

    def __init__(self, items: list[FixItem]) -> None:
        super().__init__("fix_list_open", count=len(items))
        self.items = items


@dataclass(frozen=True, slots=True)
class ExportResult:
    path: Path
    bundle_id: str
    content_digest: str
    application: ApplicationDraft


@dataclass(frozen=True, slots=True)
class ExportUndo:
    """What undoes a committed export: the row's export columns before it, and the profile
    before the personal changes it applied (None when it applied none)."""

    record: ExportRecord
    practitioner: Practitioner | None
    change_ids: list[int]


def publish_export(
    database: Database,
    evidence: EvidenceStore,
    draft: ApplicationDraft,
    record: PractitionerRecord,
    plan: BundlePlan,
    pdf: bytes,
    dest: Path,
) -> ExportResult:
    """Store the form `pdf`, write the bundle in full under a temporary name beside `dest`,
    commit the export (bundle id, content digest, path), and only then rename the bundle
    to `dest`. A failed step undoes the ones before it: the form is dropped, the staged
    bundle discarded, the commit undone."""
    from swdesk.bundle import stage_bundle

    members = plan.members_with_form(pdf)
    form_file = evidence.import_bytes(
        pdf, f"{draft.uid}-v{draft.version}.pdf", owner=draft.practitioner_id
    )
    try:
        staged = stage_bundle(
            dest, members, created_at=plan.exported_at, generator=f"swdesk {__version__}"
        )
    except BaseException:
        drop_if_unreferenced(database, evidence, [form_file.stored_name])
        raise
    info = staged.info
    assert draft.id is not None
    try:
        undo, orphans = record_export(
            database,
            draft,
            record,
            form_file.stored_name,
            plan.exported_at,
            info.bundle_id,
            info.content_digest,
            str(info.path),
        )
    except BaseException:
        staged.discard()
        drop_if_unreferenced(database, evidence, [form_file.stored_name])
        raise
    try:
        staged.publish()
    except BaseException:
        undo_export(database, evidence, draft.id, undo)
        raise
    with database.session() as session:
        exported = ApplicationRepository(session).get(draft.id)
    evidence.remove_unreferenced(orphans)
    return ExportResult(info.path, info.bundle_id, info.content_digest, exported)


def record_export(
    database: Database,
    draft: ApplicationDraft,
    record: PractitionerRecord,
    form_file: str,
    exported_at: datetime,
    bundle_id: str,
    content_digest: str,
    bundle_path: str,
) -> tuple[ExportUndo, list[str]]:
    """Commit the export: personal changes, the form, the bundle's id and digest. Returns
    what undoes it and the stored files no longer referenced."""
    assert draft.id is not None
    with database.session() as session:
        repo = ApplicationRepository(session)
        before = repo.export_record(draft.id)
        changes = _apply_personal_changes(session, record, draft)
        orphans = repo.set_form_file(draft.id, form_file)
        repo.mark_exported(
            draft.id,
            exported_at=exported_at,
            bundle_id=bundle_id,
            content_digest=content_digest,
            bundle_path=bundle_path,
        )
    return ExportUndo(before, record.practitioner if changes else None, changes), orphans


def undo_export(database: Database, evidence: EvidenceStore, app_id: int, undo: ExportUndo) -> None:
    """The bundle was not published: the record goes back to what it was. If even that
    fails, the record names a bundle nobody has, which harms nothing (no decision can
    name it) and the next export replaces it."""
    try:
        with database.session() as session:
            dropped = ApplicationRepository(session).restore_export_record(app_id, undo.record)
            if undo.practitioner is not None:
                PractitionerRepository(session).update_practitioner(undo.practitioner)
                ProfileChangeRepository(session).delete(undo.change_ids)
    except Exception:  # noqa: BLE001 - the caller raises the publish error
        log.exception("an export that was not published could not be undone")
        return
    evidence.remove_unreferenced(dropped)


def drop_if_unreferenced(
    database: Database, evidence: EvidenceStore, stored_names: list[str]
) -> None:
    """Remove generated files nothing refers to (a form whose export failed)."""
    try:
        with database.session() as session:
            names = unreferenced(session, stored_names)
    except Exception:  # noqa: BLE001 - the start-up sweep removes it then
        log.warning("a generated form could not be tidied away")
        return
    evidence.remove_unreferenced(names)


def recover_exports(database: Database, folder: Path | None = None) -> list[Path]:
    """Finish publications a crash interrupted: an application awaiting review whose
    recorded bundle is not at its path, while a temporary file beside that path holds
    exactly that bundle (same id), gets it renamed into place. A different file at the
    path is replaced only if no application records it. With `folder`, only bundles
    exported into it are looked at. Returns the paths of the bundles put in place."""
    from swdesk.bundle import BundleError, verify_bundle
    from swdesk.core.outfiles import leftovers_of, publish

    with database.session() as session:
        exported = ApplicationRepository(session).exported_bundles()
    adopted: list[Path] = []
    for _app_id, bundle_id, bundle_path in exported:
        if not bundle_path:
            continue
        dest = Path(bundle_path)
        if folder is not None and os.path.normcase(dest.parent) != os.path.normcase(folder):
            continue
        if not dest.parent.is_dir():
            continue
        candidates = list(leftovers_of(dest))
        if not candidates:
            continue
        current = _bundle_id_of(dest) if dest.exists() else None
        if current == bundle_id:
            continue
        if current is not None:
            with database.session() as session:
                if ApplicationRepository(session).knows_bundle(current):
                    continue
        for temp in candidates:
            try:
                if verify_bundle(temp).bundle_id != bundle_id:
                    continue
                publish(temp, dest)
            except (BundleError, UserFixableError, OSError) as problem:
                log.warning(
                    "an interrupted export could not be finished: %s", type(problem).__name__
                )
                continue
            log.info("an interrupted export was finished: %s", dest.name)
            adopted.append(dest)
            break
    return adopted


def _apply_personal_changes(
    session: Session, record: PractitionerRecord, draft: ApplicationDraft
) -> list[int]:
    """Update the profile from the draft; returns the ids of the changes recorded."""
    p = record.practitioner
    changes = {f: getattr(draft, f) for f in PERSONAL_FIELDS if getattr(draft, f) != getattr(p, f)}
    if not changes:
        return []
    changes_repo = ProfileChangeRepository(session)
    ids = [
        changes_repo.record(draft.practitioner_id, name, getattr(p, name), new, draft.uid)
        for name, new in changes.items()
    ]
    PractitionerRepository(session).update_practitioner(replace(p, **changes))
    return ids


def _bundle_id_of(path: Path) -> str | None:
    """The id of the bundle at `path` (None when it is not a readable bundle)."""
    from swdesk.bundle import BundleError, verify_bundle

    try:
        return verify_bundle(path).bundle_id
    except (BundleError, UserFixableError, OSError):
        return None
