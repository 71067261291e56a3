"""Imported applications, their members, check results and the verdicts on the attendance
records their bundles carry (never commits: the caller's `Database.session()` block is the
transaction).

What retention and deletion on request need (which applications have expired, which
belong to one person, deleting applications' rows) is `retention.RetentionStore`.

Every change of an application row raises its `row_version` (a decision, a state change, a
claim, supersession, a link dropped by a deletion, its decisions marked exported): a
decision made on a view of an older version is refused (`set_state`'s `expected_version`
updates with `WHERE id = ? AND row_version = ?`; 0 rows means someone changed it)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, fields
from datetime import datetime

from sqlalchemy import func, insert, or_, select, update
from sqlalchemy.orm import Session

from swdesk.core.strict_json import canonical_text
from swdesk.database.errors import RecordNotFound

from .audit import lock_writes
from .new_applications import RECORD_COLUMNS, record_rows
from .orm import (
    ApplicationDataRow,
    ApplicationRow,
    CheckResultRow,
    MemberRow,
    ProviderRecordRow,
    StaffRow,
)
from .queue import QueueFilter, QueueRecord, count_queue, count_same_id_pending, queue_page
from .records import (
    NewApplication,
    RecordVerdict,
    StoredApplication,
    StoredCheck,
    StoredMember,
)
from .vocabulary import ReviewState

__all__ = ["ApplicationStore"]

_STORED_FIELDS = [f.name for f in fields(StoredApplication)]
# an UPDATE's value that raises the row version (see the module docs)
NEXT_ROW_VERSION = ApplicationRow.row_version + 1


class ApplicationStore:
    """Reads and writes `applications`, `members`, `check_results` and `provider_records`."""

    def __init__(self, session: Session) -> None:
        self.session = session

    # -- writing ---------------------------------------------------------------------------
    def add(
        self,
        new: NewApplication,
        members: Sequence[StoredMember],
        checks: Sequence[StoredCheck],
        records: Sequence[RecordVerdict] = (),
    ) -> int:
        """Store one application with its members, checks and record verdicts; links it to
        an earlier version of the same uid and to the application it resubmits; a newer
        version supersedes earlier pending ones (and is itself superseded if a newer one is
        here)."""
        lock_writes(self.session)
        values = asdict(new)
        application_json = values.pop("application_json")
        values["id_reversed"] = new.id_number[::-1]
        values["checks_failed"] = sum(1 for check in checks if not check.passed)
        previous = self._latest_of_uid(new.uid, below=new.version)
        values["previous_id"] = previous
        values["resubmission_of_id"] = (
            self._latest_of_uid(new.resubmission_of_uid) if new.resubmission_of_uid else None
        )
        newer = self.session.execute(
            select(ApplicationRow.id)
            .where(ApplicationRow.uid == new.uid, ApplicationRow.version > new.version)
            .limit(1)
        ).first()
        values["state"] = ReviewState.SUPERSEDED if newer else ReviewState.PENDING
        app_id = int(
            self.session.execute(
                insert(ApplicationRow).values(**values).returning(ApplicationRow.id)
            ).scalar_one()
        )
        self.session.execute(
            insert(ApplicationDataRow).values(
                application_id=app_id, application_json=application_json
            )
        )
        if not newer:
            self.session.execute(
                update(ApplicationRow)
                .where(
                    ApplicationRow.uid == new.uid,
                    ApplicationRow.version < new.version,
                    ApplicationRow.state == ReviewState.PENDING,
                )
                .values(state=ReviewState.SUPERSEDED, row_version=NEXT_ROW_VERSION)
            )
        if members:
            self.session.execute(
                insert(MemberRow),
                [
                    {
                        "application_id": app_id,
                        "position": i,
                        "name": m.name,
                        "role": m.role,
                        "size": m.size,
                        "sha256": m.sha256,
                        "media_type": m.media_type,
                    }
                    for i, m in enumerate(members)
                ],
            )
        if checks:
            self.session.execute(
                insert(CheckResultRow),
                [
                    {
                        "application_id": app_id,
                        "position": i,
                        "code": c.code,
                        "passed": c.passed,
                        "params": canonical_text(c.params),
                    }
                    for i, c in enumerate(checks)
                ],
            )
        if records:
            self.session.execute(insert(ProviderRecordRow), record_rows(app_id, records))
        return app_id

    def set_state(
        self,
        app_id: int,
        state: ReviewState,
        decided_at: datetime | None,
        *,
        expected_version: int | None = None,
    ) -> bool:
        """Change the state (raising the row version); with `expected_version`, only if
        the row is still at that version. False: not changed (another change came first)."""
        return self._change(app_id, expected_version, state=state, decided_at=decided_at)

    def claim(
        self, app_id: int, staff_id: int | None, at: datetime | None, expected_version: int
    ) -> bool:
        """Record who works on the application (None: nobody), if the row is still at
        `expected_version`; False when another change came first."""
        return self._change(app_id, expected_version, claimed_by_id=staff_id, claimed_at=at)

    def touch(self, app_ids: Iterable[int]) -> None:
        """Raise the row version of applications whose related rows changed (their
        decisions marked exported), so a view of them from before is known to be old."""
        ids = sorted(set(app_ids))
        lock_writes(self.session)
        for start in range(0, len(ids), 500):
            self.session.execute(
                update(ApplicationRow)
                .where(ApplicationRow.id.in_(ids[start : start + 500]))
                .values(row_version=NEXT_ROW_VERSION)
            )

    def _change(self, app_id: int, expected_version: int | None, **values: object) -> bool:
        lock_writes(self.session)
        statement = update(ApplicationRow).where(ApplicationRow.id == app_id)
        if expected_version is not None:
            statement = statement.where(ApplicationRow.row_version == expected_version)
        result = self.session.execute(
            statement.values(row_version=NEXT_ROW_VERSION, **values),
            execution_options={"synchronize_session": False},
        )
        return bool(getattr(result, "rowcount", 0) == 1)

    def claimant(self, app_id: int) -> tuple[int, str, str] | None:
        """(staff id, user name, display name) of whoever claimed the application."""
        row = self.session.execute(
            select(StaffRow.id, StaffRow.username, StaffRow.display_name)
            .join(ApplicationRow, ApplicationRow.claimed_by_id == StaffRow.id)
            .where(ApplicationRow.id == app_id)
        ).first()
        return (int(row[0]), str(row[1]), str(row[2])) if row else None

    # -- reading ---------------------------------------------------------------------------
    def id_for_bundle(self, bundle_id: str) -> int | None:
        return self.session.execute(
            select(ApplicationRow.id).where(ApplicationRow.bundle_id == bundle_id)
        ).scalar_one_or_none()

    def _latest_of_uid(self, uid: str | None, below: int | None = None) -> int | None:
        statement = select(ApplicationRow.id).where(ApplicationRow.uid == uid)
        if below is not None:
            statement = statement.where(ApplicationRow.version < below)
        statement = statement.order_by(
            ApplicationRow.version.desc(), ApplicationRow.id.desc()
        ).limit(1)
        return self.session.execute(statement).scalar_one_or_none()

    def latest_id_of_uid(self, uid: str) -> int | None:
        """The newest version of `uid` that is not superseded (else the newest at all)."""
        statement = (
            select(ApplicationRow.id)
            .where(ApplicationRow.uid == uid)
            .order_by(
                (ApplicationRow.state == ReviewState.SUPERSEDED).asc(),
                ApplicationRow.version.desc(),
                ApplicationRow.id.desc(),
            )
            .limit(1)
        )
        return self.session.execute(statement).scalar_one_or_none()

    def get(self, app_id: int, *, with_json: bool = True) -> StoredApplication:
        row = self.session.get(ApplicationRow, app_id)
        if row is None:
            raise RecordNotFound("applications", app_id)
        values = {name: getattr(row, name) for name in _STORED_FIELDS if name != "application_json"}
        if with_json:
            values["application_json"] = (
                self.session.execute(
                    select(ApplicationDataRow.application_json).where(
                        ApplicationDataRow.application_id == app_id
                    )
                ).scalar_one_or_none()
                or ""
            )
        return StoredApplication(**values)

    def many(self, app_ids: Iterable[int]) -> list[StoredApplication]:
        """Several applications (without application.json), in id order."""
        ids = sorted(set(app_ids))
        columns = [getattr(ApplicationRow, n) for n in _STORED_FIELDS if n != "application_json"]
        result: list[StoredApplication] = []
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            for row in self.session.execute(
                select(*columns).where(ApplicationRow.id.in_(chunk)).order_by(ApplicationRow.id)
            ):
                result.append(StoredApplication(*row))
        return result

    def members(self, app_id: int) -> list[StoredMember]:
        rows = self.session.execute(
            select(
                MemberRow.name,
                MemberRow.role,
                MemberRow.size,
                MemberRow.sha256,
                MemberRow.media_type,
            )
            .where(MemberRow.application_id == app_id)
            .order_by(MemberRow.position)
        )
        return [StoredMember(*row) for row in rows]

    def checks(self, app_id: int) -> list[StoredCheck]:
        rows = self.session.execute(
            select(CheckResultRow.code, CheckResultRow.passed, CheckResultRow.params)
            .where(CheckResultRow.application_id == app_id)
            .order_by(CheckResultRow.position)
        )
        return [
            StoredCheck(code, bool(passed), json.loads(params)) for code, passed, params in rows
        ]

    def records(self, app_id: int) -> list[RecordVerdict]:
        """The verdicts on the application's attendance records, in activity order."""
        rows = self.session.execute(
            select(*RECORD_COLUMNS)
            .where(ProviderRecordRow.application_id == app_id)
            .order_by(ProviderRecordRow.activity_index)
        )
        return [RecordVerdict(*row) for row in rows]

    def record_users(
        self, record_ids: Sequence[str], other_than_uids: Iterable[str]
    ) -> dict[str, str]:
        """Of `record_ids`, those an application of a uid not in `other_than_uids` carries:
        record id → that application's uid (the earliest received, if several)."""
        excluded = sorted(set(other_than_uids))
        found: dict[str, str] = {}
        ids = sorted(set(record_ids))
        for start in range(0, len(ids), 500):
            rows = self.session.execute(
                select(ProviderRecordRow.record_id, ApplicationRow.uid)
                .join(ApplicationRow, ApplicationRow.id == ProviderRecordRow.application_id)
                .where(
                    ProviderRecordRow.record_id.in_(ids[start : start + 500]),
                    ApplicationRow.uid.not_in(excluded),
                )
                .order_by(ApplicationRow.received_at, ApplicationRow.id)
            )
            for record_id, uid in rows:
                found.setdefault(str(record_id), str(uid))
        return found

    def holders_of_record(self, record_id: str) -> list[tuple[int, str]]:
        """(application id, record file SHA-256) of every application carrying the record
        `record_id`, in received order."""
        rows = self.session.execute(
            select(ProviderRecordRow.application_id, ProviderRecordRow.digest)
            .join(ApplicationRow, ApplicationRow.id == ProviderRecordRow.application_id)
            .where(ProviderRecordRow.record_id == record_id)
            .order_by(ApplicationRow.received_at, ApplicationRow.id)
        )
        return [(int(app_id), str(digest)) for app_id, digest in rows]

    def related_ids(self, app_id: int) -> list[int]:
        """Every application linked with this one (versions of the same uid, the
        applications it resubmits and those resubmitting it, transitively), received order."""
        seen_uids = self.linked_uids([self.get(app_id, with_json=False).uid])
        return list(
            self.session.execute(
                select(ApplicationRow.id)
                .where(ApplicationRow.uid.in_(seen_uids))
                .order_by(ApplicationRow.received_at, ApplicationRow.id)
            ).scalars()
        )

    def linked_uids(self, uids: Iterable[str]) -> set[str]:
        """`uids` and every uid linked with them here by resubmission (the applications
        they resubmit and those resubmitting them), transitively."""
        seen_uids: set[str] = set()
        pending = set(uids)
        while pending:
            seen_uids |= pending
            rows = self.session.execute(
                select(ApplicationRow.uid, ApplicationRow.resubmission_of_uid).where(
                    or_(
                        ApplicationRow.uid.in_(pending),
                        ApplicationRow.resubmission_of_uid.in_(pending),
                    )
                )
            ).all()
            found = {uid for row in rows for uid in row if uid}
            pending = found - seen_uids
        return seen_uids

    def stored_names(self) -> set[str]:
        """The bundle file names in use (every application's `stored_name`)."""
        return set(
            self.session.execute(
                select(ApplicationRow.stored_name).where(ApplicationRow.stored_name != "")
            ).scalars()
        )

    # -- the queue -------------------------------------------------------------------------
    def count(self, queue_filter: QueueFilter) -> int:
        return count_queue(self.session, queue_filter)

    def page(
        self,
        queue_filter: QueueFilter,
        sort_key: str = "received_at",
        ascending: bool = True,
        offset: int = 0,
        limit: int = 100,
    ) -> list[QueueRecord]:
        return queue_page(self.session, queue_filter, sort_key, ascending, offset, limit)

    def same_id_pending(self, app_id: int) -> int:
        """Other applications awaiting review (another uid) with this one's ID number."""
        return count_same_id_pending(self.session, app_id)

    def counts_by_state(self) -> dict[str, int]:
        rows = self.session.execute(
            select(ApplicationRow.state, func.count()).group_by(ApplicationRow.state)
        )
        return {str(state): int(n) for state, n in rows}

    def counts_by_state_and_county(self) -> list[tuple[str, str, int]]:
        """(county, state, count) for every combination present, by county then state."""
        rows = self.session.execute(
            select(ApplicationRow.county, ApplicationRow.state, func.count())
            .group_by(ApplicationRow.county, ApplicationRow.state)
            .order_by(ApplicationRow.county, ApplicationRow.state)
        )
        return [(county, str(state), int(n)) for county, state, n in rows]
