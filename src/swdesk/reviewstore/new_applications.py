"""Many new applications stored in one go (an import's batch at a first-level office), one
statement per table, and the rows of the attendance-record verdicts both this and
`ApplicationStore.add` write (never commits: the caller's transaction)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from swdesk.core.strict_json import canonical_text

from .audit import lock_writes
from .inserts import inserted_ids, table_of
from .orm import (
    ApplicationDataRow,
    ApplicationRow,
    CheckResultRow,
    MemberRow,
    ProviderRecordRow,
)
from .records import NewApplication, RecordVerdict, StoredCheck, StoredMember
from .vocabulary import ReviewState

__all__ = ["RECORD_COLUMNS", "add_new_applications", "ids_for_bundles", "record_rows"]

APPLICATION_FIELDS = fields(NewApplication)


def add_new_applications(
    session: Session,
    items: Sequence[tuple[NewApplication, Sequence[StoredMember], Sequence[StoredCheck]]],
    records: Sequence[Sequence[RecordVerdict]] = (),
) -> list[int] | None:
    """Store many applications at once, one statement per table (an import's batch), as
    `ApplicationStore.add` would one by one, when none of their uids is here yet, no two
    share one and none resubmits another of them: then each is pending, with no earlier
    version and nothing to supersede. `records`: each item's record verdicts (none when
    empty). Returns their ids in order; None, having written nothing, when that is not so
    (store them with `add` one by one)."""
    uids = [new.uid for new, _members, _checks in items]
    resubmitted = {new.resubmission_of_uid for new, _m, _c in items} - {None}
    if not items or len(set(uids)) != len(uids) or resubmitted & set(uids):
        return None
    lock_writes(session)
    for start in range(0, len(uids), 500):
        here = select(ApplicationRow.id).where(ApplicationRow.uid.in_(uids[start : start + 500]))
        if session.execute(here.limit(1)).first() is not None:
            return None
    latest: dict[str, int] = {}
    if resubmitted:
        rows = session.execute(
            select(ApplicationRow.uid, ApplicationRow.id)
            .where(ApplicationRow.uid.in_(sorted(str(uid) for uid in resubmitted)))
            .order_by(ApplicationRow.version.desc(), ApplicationRow.id.desc())
        )
        for uid, app_id in rows:
            latest.setdefault(str(uid), int(app_id))
    values, texts = [], []
    for new, _members, checks in items:
        row = {f.name: getattr(new, f.name) for f in APPLICATION_FIELDS}  # flat: no deep copy
        texts.append(row.pop("application_json"))
        row["id_reversed"] = new.id_number[::-1]
        row["checks_failed"] = sum(1 for check in checks if not check.passed)
        row["previous_id"] = None
        row["resubmission_of_id"] = latest.get(new.resubmission_of_uid or "")
        row["state"] = ReviewState.PENDING
        values.append(row)
    # Core statements on the session's connection: plain executemany of the rows, without
    # the ORM's per-row bulk bookkeeping (the same SQL, columns and defaults)
    connection = session.connection()
    ids = inserted_ids(connection, ApplicationRow, values, "uid")
    connection.execute(
        insert(table_of(ApplicationDataRow)),
        [{"application_id": i, "application_json": t} for i, t in zip(ids, texts, strict=True)],
    )
    member_rows = [
        {
            "application_id": app_id,
            "position": position,
            "name": m.name,
            "role": m.role,
            "size": m.size,
            "sha256": m.sha256,
            "media_type": m.media_type,
        }
        for app_id, (_new, stored, _checks) in zip(ids, items, strict=True)
        for position, m in enumerate(stored)
    ]
    if member_rows:
        connection.execute(insert(table_of(MemberRow)), member_rows)
    check_rows = [
        {
            "application_id": app_id,
            "position": position,
            "code": c.code,
            "passed": c.passed,
            "params": canonical_text(c.params),
        }
        for app_id, (_new, _members, results) in zip(ids, items, strict=True)
        for position, c in enumerate(results)
    ]
    if check_rows:
        connection.execute(insert(table_of(CheckResultRow)), check_rows)
    verdict_rows = [
        row
        for app_id, verdicts in zip(ids, records or [()] * len(ids), strict=True)
        for row in record_rows(app_id, verdicts)
    ]
    if verdict_rows:
        connection.execute(insert(table_of(ProviderRecordRow)), verdict_rows)
    return ids


RECORD_COLUMNS = (
    ProviderRecordRow.activity_index,
    ProviderRecordRow.record_id,
    ProviderRecordRow.digest,
    ProviderRecordRow.status,
    ProviderRecordRow.provider_name,
    ProviderRecordRow.reason,
    ProviderRecordRow.detail,
    ProviderRecordRow.hours_tenths,
    ProviderRecordRow.counted,
)


def record_rows(app_id: int, records: Sequence[RecordVerdict]) -> list[dict[str, object]]:
    """The `provider_records` rows of application `app_id`'s record verdicts."""
    return [
        {
            "application_id": app_id,
            "activity_index": r.activity,
            "record_id": r.record_id,
            "digest": r.digest,
            "status": r.status,
            "provider_name": r.provider,
            "reason": r.reason,
            "detail": r.detail,
            "hours_tenths": r.hours_tenths,
            "counted": r.counted,
        }
        for r in records
    ]


def ids_for_bundles(session: Session, bundle_ids: Sequence[str]) -> dict[str, int]:
    """The application ids of those of `bundle_ids` stored here, by bundle id."""
    found: dict[str, int] = {}
    for start in range(0, len(bundle_ids), 500):
        rows = session.execute(
            select(ApplicationRow.bundle_id, ApplicationRow.id).where(
                ApplicationRow.bundle_id.in_(bundle_ids[start : start + 500])
            )
        )
        found.update((str(bundle_id), int(app_id)) for bundle_id, app_id in rows)
    return found
