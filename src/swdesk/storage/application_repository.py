"""The repository of (re-)registration applications: versions, their materials, the
generated form and the export columns.

Same rules as `repositories` (re-exported there): domain objects in and out, never ORM rows,
never a commit. Materials and generated forms are files of the shared evidence store, so
every method that drops a reference returns the stored names nothing refers to any more
(see `references`), for the caller to remove after commit.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from swdesk.database.errors import RecordNotFound
from swdesk.domain.application import (
    ApplicationDraft,
    ApplicationState,
    MaterialFile,
    MaterialRole,
)

from .orm import ApplicationMaterialRow, ApplicationRow, DecisionRow, now
from .references import unreferenced


@dataclass(frozen=True, slots=True)
class ExportRecord:
    """What an application row says about its export (to undo one that was not published)."""

    state: ApplicationState
    exported_at: datetime | None
    bundle_id: str
    content_digest: str
    bundle_path: str
    form_file: str


# --- applications ------------------------------------------------------------------------

# What the wizard edits; `update` writes these (and the materials), nothing else.
_EDITABLE_FIELDS = (
    "kind",
    "phone",
    "employer",
    "employer_credit_code",
    "post",
    "identity_changed",
    "late_explanation",
    "declaration_accepted",
    "declaration_accepted_at",
)
# Set once by `add`; afterwards changed only through the dedicated methods.
_FIXED_FIELDS = (
    "practitioner_id",
    "uid",
    "version",
    "state",
    "exported_at",
    "bundle_id",
    "content_digest",
    "parent_id",
)

_APPLICATION_COLUMNS = (
    ApplicationRow.id,
    ApplicationRow.created_at,
    ApplicationRow.updated_at,
    *(getattr(ApplicationRow, name) for name in _EDITABLE_FIELDS + _FIXED_FIELDS),
)
_MATERIAL_COLUMNS = (
    ApplicationMaterialRow.application_id,
    ApplicationMaterialRow.role,
    ApplicationMaterialRow.original_name,
    ApplicationMaterialRow.stored_name,
    ApplicationMaterialRow.sha256,
    ApplicationMaterialRow.size,
    ApplicationMaterialRow.media_type,
)


def _editable_values(draft: ApplicationDraft) -> dict[str, Any]:
    return {name: getattr(draft, name) for name in _EDITABLE_FIELDS}


def _material_values(
    application_id: int, m: MaterialFile, added_at: datetime | None = None
) -> dict[str, Any]:
    return {
        "application_id": application_id,
        "role": m.role,
        "original_name": m.original_name,
        "stored_name": m.stored_name,
        "sha256": m.sha256,
        "size": m.size,
        "media_type": m.media_type,
        "added_at": added_at or now(),
    }


def _draft(row: Any, materials: tuple[MaterialFile, ...]) -> ApplicationDraft:
    return ApplicationDraft(
        id=row.id,
        created_at=row.created_at,
        updated_at=row.updated_at,
        materials=materials,
        **{name: getattr(row, name) for name in _EDITABLE_FIELDS + _FIXED_FIELDS},
    )


class ApplicationRepository:
    """Application versions with their materials, and the files each one refers to."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, draft: ApplicationDraft) -> int:
        """Insert the draft (its id is ignored) with its materials, in their order; returns
        the new id. `created_at` and `updated_at` are set to now."""
        stamp = now()
        row = ApplicationRow(
            **_editable_values(draft),
            **{name: getattr(draft, name) for name in _FIXED_FIELDS},
            created_at=stamp,
            updated_at=stamp,
        )
        self.session.add(row)
        self.session.flush()
        self._insert_materials([_material_values(row.id, m, stamp) for m in draft.materials])
        return row.id

    def get(self, app_id: int) -> ApplicationDraft:
        drafts = self._drafts(ApplicationRow.id == app_id)
        if not drafts:
            raise RecordNotFound("applications", app_id)
        return drafts[0]

    def find(self, uid: str, version: int) -> ApplicationDraft | None:
        """The application version `version` of application `uid`, if this database has it."""
        drafts = self._drafts(ApplicationRow.uid == uid, ApplicationRow.version == version)
        return drafts[0] if drafts else None

    def latest_for(self, pid: int) -> ApplicationDraft | None:
        """The practitioner's most recently created application version, if any."""
        app_id = self.session.scalar(
            select(ApplicationRow.id)
            .where(ApplicationRow.practitioner_id == pid)
            .order_by(ApplicationRow.id.desc())
            .limit(1)
        )
        return None if app_id is None else self.get(app_id)

    def history(self, pid: int) -> list[ApplicationDraft]:
        """Every application version of the practitioner, newest first (two queries)."""
        return self._drafts(ApplicationRow.practitioner_id == pid)

    def update(self, draft: ApplicationDraft) -> list[str]:
        """Save the wizard's fields (`kind`, personal data, `identity_changed`,
        `late_explanation`, the declaration) and make the stored materials match
        `draft.materials`, in order; `updated_at` becomes now. State, version, export
        fields and parent are not written here (see `mark_exported`, `set_state`).

        Returns the stored names of dropped materials that nothing refers to any more."""
        app_id = draft.id
        if app_id is None:
            raise ValueError("application has no id: add it first")
        result = self.session.execute(
            update(ApplicationRow)
            .where(ApplicationRow.id == app_id)
            .values(**_editable_values(draft), updated_at=now())
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]  # DML: a CursorResult
            raise RecordNotFound("applications", app_id)
        old = self.session.execute(
            select(
                ApplicationMaterialRow.role,
                ApplicationMaterialRow.stored_name,
                ApplicationMaterialRow.added_at,
            ).where(ApplicationMaterialRow.application_id == app_id)
        ).all()
        added_at: dict[tuple[MaterialRole, str], datetime] = {}
        for role, stored_name, stamp in old:
            added_at.setdefault((role, stored_name), stamp)  # kept materials keep their date
        self.session.execute(
            delete(ApplicationMaterialRow).where(ApplicationMaterialRow.application_id == app_id)
        )
        self._insert_materials(
            [
                _material_values(app_id, m, added_at.get((m.role, m.stored_name)))
                for m in draft.materials
            ]
        )
        dropped = {name for _, name, _ in old} - {m.stored_name for m in draft.materials}
        return unreferenced(self.session, dropped)

    def mark_exported(
        self,
        app_id: int,
        *,
        exported_at: datetime,
        bundle_id: str,
        content_digest: str,
        bundle_path: str,
    ) -> None:
        """Record a finished export: state becomes `exported`."""
        self._update(
            app_id,
            state=ApplicationState.EXPORTED,
            exported_at=exported_at,
            bundle_id=bundle_id,
            content_digest=content_digest,
            bundle_path=bundle_path,
        )

    def export_record(self, app_id: int) -> ExportRecord:
        """The row's export columns as they are now."""
        r = ApplicationRow
        row = self.session.execute(
            select(
                r.state, r.exported_at, r.bundle_id, r.content_digest, r.bundle_path, r.form_file
            ).where(r.id == app_id)
        ).one_or_none()
        if row is None:
            raise RecordNotFound("applications", app_id)
        return ExportRecord(
            ApplicationState(row[0]), row[1], row[2] or "", row[3] or "", row[4] or "", row[5] or ""
        )

    def restore_export_record(self, app_id: int, record: ExportRecord) -> list[str]:
        """Put the export columns back as `record` says (an export whose bundle could not be
        published). Returns the form file nothing refers to any more, if any."""
        dropped = self.form_file(app_id)
        self._update(
            app_id,
            state=record.state,
            exported_at=record.exported_at,
            bundle_id=record.bundle_id,
            content_digest=record.content_digest,
            bundle_path=record.bundle_path,
            form_file=record.form_file,
            updated_at=ApplicationRow.updated_at,
        )
        return unreferenced(self.session, [dropped]) if dropped != record.form_file else []

    def exported_bundles(self) -> list[tuple[int, str, str]]:
        """(id, bundle_id, bundle_path) of every application awaiting review."""
        r = ApplicationRow
        rows = self.session.execute(
            select(r.id, r.bundle_id, r.bundle_path).where(
                r.state == ApplicationState.EXPORTED, r.bundle_id != ""
            )
        )
        return [(app_id, bundle_id, bundle_path or "") for app_id, bundle_id, bundle_path in rows]

    def knows_bundle(self, bundle_id: str) -> bool:
        """Whether any application version records this bundle as its export."""
        return (
            self.session.scalar(
                select(ApplicationRow.id).where(ApplicationRow.bundle_id == bundle_id).limit(1)
            )
            is not None
        )

    def set_state(self, app_id: int, state: ApplicationState) -> None:
        self._update(app_id, state=state)

    def set_form_file(self, app_id: int, stored_name: str) -> list[str]:
        """Remember the last generated form PDF ("" for none). Not an edit: `updated_at`
        stays. Returns the previous form's name if nothing refers to it any more."""
        old = self.form_file(app_id)
        self._update(app_id, form_file=stored_name, updated_at=ApplicationRow.updated_at)
        return unreferenced(self.session, [old]) if old != stored_name else []

    def bundle_path(self, app_id: int) -> str:
        """Where the bundle was written ("" before the first export)."""
        return self._scalar(ApplicationRow.bundle_path, app_id)

    def form_file(self, app_id: int) -> str:
        """The stored name of the last generated form PDF ("" if none)."""
        return self._scalar(ApplicationRow.form_file, app_id)

    def delete(self, app_id: int) -> list[str]:
        """Delete one application version with its materials and decisions (a resubmission
        that pointed at it loses its `parent_id`). Returns its stored names nothing refers
        to any more."""
        names = set(
            self.session.scalars(
                select(ApplicationMaterialRow.stored_name).where(
                    ApplicationMaterialRow.application_id == app_id
                )
            )
        )
        names.add(self.form_file(app_id))
        names.update(
            self.session.scalars(
                select(DecisionRow.certificate_file).where(DecisionRow.application_id == app_id)
            )
        )
        self.session.execute(delete(ApplicationRow).where(ApplicationRow.id == app_id))
        return unreferenced(self.session, names)

    def _drafts(self, *conditions: Any) -> list[ApplicationDraft]:
        rows = self.session.execute(
            select(*_APPLICATION_COLUMNS).where(*conditions).order_by(ApplicationRow.id.desc())
        ).all()
        if not rows:
            return []
        grouped: defaultdict[int, list[MaterialFile]] = defaultdict(list)
        materials = self.session.execute(
            select(*_MATERIAL_COLUMNS)
            .join(ApplicationRow, ApplicationMaterialRow.application_id == ApplicationRow.id)
            .where(*conditions)
            .order_by(ApplicationMaterialRow.id)
        )
        for application_id, role, original, stored, sha256, size, media_type in materials:
            grouped[application_id].append(
                MaterialFile(
                    role=role,
                    original_name=original,
                    stored_name=stored,
                    sha256=sha256,
                    size=size,
                    media_type=media_type,
                )
            )
        return [_draft(row, tuple(grouped.get(row.id, ()))) for row in rows]

    def _insert_materials(self, values: list[dict[str, Any]]) -> None:
        if values:
            self.session.execute(insert(ApplicationMaterialRow), values)

    def _scalar(self, column: Any, app_id: int) -> str:
        value = self.session.scalar(select(column).where(ApplicationRow.id == app_id))
        if value is None:
            raise RecordNotFound("applications", app_id)
        return str(value)

    def _update(self, app_id: int, **values: Any) -> None:
        result = self.session.execute(
            update(ApplicationRow).where(ApplicationRow.id == app_id).values(**values)
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]  # DML: a CursorResult
            raise RecordNotFound("applications", app_id)
