"""Continuing-education activities and their evidence files. Never commits: the caller's
`Database.session()` block is the transaction."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from swdesk.database.errors import RecordNotFound
from swdesk.domain.models import (
    Activity,
    Attestation,
    EvidenceFile,
)

from .orm import (
    ActivityRow,
    AttendanceRecordRow,
    EvidenceRow,
    TrustedProviderRow,
    now,
)
from .references import names_in_use, referenced_names, unreferenced
from .values import hours_to_tenths, require_id, tenths_to_hours

# --- activities --------------------------------------------------------------------------


def _activity_values(a: Activity) -> dict[str, Any]:
    return {
        "title": a.title,
        "organiser": a.organiser,
        "activity_type": a.activity_type,
        "content_area": a.content_area,
        "start_date": a.start_date,
        "end_date": a.end_date,
        "hours_tenths": hours_to_tenths(a.hours),
        "reflection_learnt": a.reflection_learnt,
        "reflection_change": a.reflection_change,
    }


def _evidence_values(activity_id: int, e: EvidenceFile) -> dict[str, Any]:
    return {
        "activity_id": activity_id,
        "original_name": e.original_name,
        "stored_name": e.stored_name,
        "sha256": e.sha256,
        "size": e.size,
        "media_type": e.media_type,
        "added_at": now(),
    }


_ACTIVITY_COLUMNS = (
    ActivityRow.id,
    ActivityRow.practitioner_id,
    ActivityRow.title,
    ActivityRow.organiser,
    ActivityRow.activity_type,
    ActivityRow.content_area,
    ActivityRow.start_date,
    ActivityRow.end_date,
    ActivityRow.hours_tenths,
    ActivityRow.reflection_learnt,
    ActivityRow.reflection_change,
    AttendanceRecordRow.record_id,
    AttendanceRecordRow.digest,
    AttendanceRecordRow.provider_name,
    TrustedProviderRow.id.label("provider_trusted"),
)
_EVIDENCE_COLUMNS = (
    EvidenceRow.activity_id,
    EvidenceRow.id,
    EvidenceRow.original_name,
    EvidenceRow.stored_name,
    EvidenceRow.sha256,
    EvidenceRow.size,
    EvidenceRow.media_type,
)


class ActivityRepository:
    """Continuing-education activities and their evidence files."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def list_for(
        self, pid: int, start: date | None = None, end: date | None = None
    ) -> list[Activity]:
        """A practitioner's activities whose end date is within [start, end] (inclusive,
        either bound optional), latest first, with their evidence (two queries in all)."""
        conditions = [ActivityRow.practitioner_id == pid]
        if start is not None:
            conditions.append(ActivityRow.end_date >= start)
        if end is not None:
            conditions.append(ActivityRow.end_date <= end)
        rows = self.session.execute(
            _with_attestations(select(*_ACTIVITY_COLUMNS))
            .where(*conditions)
            .order_by(ActivityRow.end_date.desc(), ActivityRow.id.desc())
        ).all()
        evidence = self._evidence(
            select(*_EVIDENCE_COLUMNS)
            .join(ActivityRow, EvidenceRow.activity_id == ActivityRow.id)
            .where(*conditions)
        )
        return [_activity(row, evidence.get(row.id, ())) for row in rows]

    def get(self, aid: int) -> Activity:
        row = self.session.execute(
            _with_attestations(select(*_ACTIVITY_COLUMNS)).where(ActivityRow.id == aid)
        ).one_or_none()
        if row is None:
            raise RecordNotFound("activities", aid)
        evidence = self._evidence(select(*_EVIDENCE_COLUMNS).where(EvidenceRow.activity_id == aid))
        return _activity(row, evidence.get(aid, ()))

    def add(self, pid: int, activity: Activity) -> int:
        """Insert an activity with its evidence rows; returns its id."""
        row = ActivityRow(practitioner_id=pid, **_activity_values(activity))
        self.session.add(row)
        self.session.flush()
        self._insert_evidence(row.id, activity.evidence)
        return row.id

    def update(self, activity: Activity) -> list[str]:
        """Save an edited activity; its evidence rows are made to match `activity.evidence`
        (kept, added or removed by stored name). Returns the stored names that nothing
        (evidence, application material or form) refers to any more, to remove from the
        store after commit."""
        aid = require_id(activity.id, "activity")
        result = self.session.execute(
            update(ActivityRow)
            .where(ActivityRow.id == aid)
            .values(**_activity_values(activity), updated_at=now())
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]  # DML: a CursorResult
            raise RecordNotFound("activities", aid)
        rows = self.session.execute(
            select(EvidenceRow.stored_name, EvidenceRow.id).where(EvidenceRow.activity_id == aid)
        )
        existing = {name: eid for name, eid in rows}
        wanted = {e.stored_name: e for e in activity.evidence}
        dropped = set(existing) - set(wanted)
        if dropped:
            self.session.execute(
                delete(EvidenceRow).where(
                    EvidenceRow.activity_id == aid, EvidenceRow.stored_name.in_(dropped)
                )
            )
        for name in set(existing) & set(wanted):
            self.session.execute(
                update(EvidenceRow)
                .where(EvidenceRow.id == existing[name])
                .values(original_name=wanted[name].original_name)
            )
        self._insert_evidence(aid, [e for e in activity.evidence if e.stored_name not in existing])
        return unreferenced(self.session, dropped)

    def delete(self, aid: int) -> list[str]:
        """Delete an activity and its evidence rows. Returns the stored names of its evidence
        that nothing else (another activity, an application's material or form) refers to
        (files to remove from the store after commit)."""
        names = set(
            self.session.scalars(
                select(EvidenceRow.stored_name).where(EvidenceRow.activity_id == aid)
            )
        )
        result = self.session.execute(delete(ActivityRow).where(ActivityRow.id == aid))
        if result.rowcount != 1:  # type: ignore[attr-defined]  # DML: a CursorResult
            raise RecordNotFound("activities", aid)
        return unreferenced(self.session, names)

    def count_for(self, pid: int) -> int:
        count = self.session.scalar(
            select(func.count()).select_from(ActivityRow).where(ActivityRow.practitioner_id == pid)
        )
        return int(count or 0)

    def referenced_names(self, names: Iterable[str]) -> set[str]:
        """Which of `names` an evidence row, an application material or an application's
        form still refers to (the evidence store is shared)."""
        return referenced_names(self.session, names)

    def evidence_names(self) -> set[str]:
        """Every evidence-store name in use, applications' included (for sweeping the
        evidence folder)."""
        return names_in_use(self.session)

    def bulk_add(self, pid: int, activities: Sequence[Activity]) -> list[int]:
        """Insert many activities (and their evidence) in a few statements; returns ids."""
        if not activities:
            return []
        stamp = now()
        ids = list(
            self.session.scalars(
                insert(ActivityRow).returning(ActivityRow.id, sort_by_parameter_order=True),
                [
                    {
                        "practitioner_id": pid,
                        **_activity_values(a),
                        "created_at": stamp,
                        "updated_at": stamp,
                    }
                    for a in activities
                ],
            )
        )
        evidence = [
            _evidence_values(aid, e)
            for aid, activity in zip(ids, activities, strict=True)
            for e in activity.evidence
        ]
        if evidence:
            self.session.execute(insert(EvidenceRow), evidence)
        return ids

    def _insert_evidence(self, aid: int, evidence: Iterable[EvidenceFile]) -> None:
        values = [_evidence_values(aid, e) for e in evidence]
        if values:
            self.session.execute(insert(EvidenceRow), values)

    def _evidence(self, query: Any) -> dict[int, tuple[EvidenceFile, ...]]:
        grouped: defaultdict[int, list[EvidenceFile]] = defaultdict(list)
        for activity_id, eid, original, stored, sha256, size, media_type in self.session.execute(
            query.order_by(EvidenceRow.id)
        ):
            grouped[activity_id].append(
                EvidenceFile(
                    original_name=original,
                    stored_name=stored,
                    sha256=sha256,
                    size=size,
                    media_type=media_type,
                    id=eid,
                )
            )
        return {aid: tuple(files) for aid, files in grouped.items()}


def _with_attestations(query: Any) -> Any:
    """`query` over activities, joined with their signed records and whether each record's
    provider is on the trust list in force."""
    return query.outerjoin(
        AttendanceRecordRow, AttendanceRecordRow.activity_id == ActivityRow.id
    ).outerjoin(
        TrustedProviderRow,
        TrustedProviderRow.fingerprint == AttendanceRecordRow.provider_fingerprint,
    )


def _activity(row: Any, evidence: tuple[EvidenceFile, ...]) -> Activity:
    attestation = None
    if row.record_id is not None:
        attestation = Attestation(
            row.record_id, row.digest, row.provider_name, row.provider_trusted is not None
        )
    return Activity(
        id=row.id,
        practitioner_id=row.practitioner_id,
        title=row.title,
        organiser=row.organiser,
        activity_type=row.activity_type,
        content_area=row.content_area,
        start_date=row.start_date,
        end_date=row.end_date,
        hours=tenths_to_hours(row.hours_tenths),
        reflection_learnt=row.reflection_learnt,
        reflection_change=row.reflection_change,
        evidence=evidence,
        attestation=attestation,
    )
