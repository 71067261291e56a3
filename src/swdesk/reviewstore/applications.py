"""Imported applications, their members and check results (never commits: the caller's
`Database.session()` block is the transaction).

Also what retention and deletion on request need: which applications have expired, which
belong to one person, and deleting one application's rows (see `delete`).

Every change of an application row raises its `row_version` (a decision, a state change, a
claim, supersession, a link dropped by a deletion, its decisions marked exported): a
decision made on a view of an older version is refused (`set_state`'s `expected_version`
updates with `WHERE id = ? AND row_version = ?`; 0 rows means someone changed it)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, fields
from datetime import datetime

from sqlalchemy import delete, exists, func, insert, or_, select, update
from sqlalchemy.orm import Session

from swdesk.core.strict_json import canonical_text
from swdesk.database.errors import RecordNotFound

from .audit import lock_writes
from .orm import (
    ApplicationDataRow,
    ApplicationRow,
    CheckResultRow,
    DecisionRow,
    MemberRow,
    StaffRow,
)
from .queue import QueueFilter, QueueRecord, count_queue, count_same_id_pending, queue_page
from .records import NewApplication, StoredApplication, StoredCheck, StoredMember
from .vocabulary import ReviewState

__all__ = ["ApplicationStore"]

_STORED_FIELDS = [f.name for f in fields(StoredApplication)]
DECIDED_STATES = tuple(state for state in ReviewState if state.decided)
_CHILD_TABLES = (ApplicationDataRow, MemberRow, CheckResultRow, DecisionRow)
_NEXT_VERSION = ApplicationRow.row_version + 1


class ApplicationStore:
    """Reads and writes `applications`, `members` and `check_results`."""

    def __init__(self, session: Session) -> None:
        self.session = session

    # -- writing ---------------------------------------------------------------------------
    def add(
        self, new: NewApplication, members: Sequence[StoredMember], checks: Sequence[StoredCheck]
    ) -> int:
        """Store one application with its members and checks; links it to an earlier
        version of the same uid and to the application it resubmits; a newer version
        supersedes earlier pending ones (and is itself superseded if a newer one is here)."""
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
                .values(state=ReviewState.SUPERSEDED, row_version=_NEXT_VERSION)
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
                .values(row_version=_NEXT_VERSION)
            )

    def _change(self, app_id: int, expected_version: int | None, **values: object) -> bool:
        lock_writes(self.session)
        statement = update(ApplicationRow).where(ApplicationRow.id == app_id)
        if expected_version is not None:
            statement = statement.where(ApplicationRow.row_version == expected_version)
        result = self.session.execute(
            statement.values(row_version=_NEXT_VERSION, **values),
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

    def delete(self, app_ids: Sequence[int]) -> None:
        """Delete applications with their application.json, members, checks and decisions
        (keep the decisions' chain links first: `DecisionStore.keep_chain_links`). Later
        versions and resubmissions that pointed at one keep its uid, no longer its row id.
        At most 500 ids (one IN list)."""
        ids = sorted(set(app_ids))
        if len(ids) > 500:
            raise ValueError("delete at most 500 applications at a time")
        if not ids:
            return
        lock_writes(self.session)
        self.session.execute(
            update(ApplicationRow)
            .where(ApplicationRow.previous_id.in_(ids))
            .values(previous_id=None, row_version=_NEXT_VERSION)
        )
        self.session.execute(
            update(ApplicationRow)
            .where(ApplicationRow.resubmission_of_id.in_(ids))
            .values(resubmission_of_id=None, row_version=_NEXT_VERSION)
        )
        for table in _CHILD_TABLES:
            self.session.execute(delete(table).where(table.application_id.in_(ids)))
        self.session.execute(delete(ApplicationRow).where(ApplicationRow.id.in_(ids)))

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

    def related_ids(self, app_id: int) -> list[int]:
        """Every application linked with this one (versions of the same uid, the
        applications it resubmits and those resubmitting it, transitively), received order."""
        seen_uids: set[str] = set()
        start = self.get(app_id, with_json=False)
        pending = {start.uid}
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
        return list(
            self.session.execute(
                select(ApplicationRow.id)
                .where(ApplicationRow.uid.in_(seen_uids))
                .order_by(ApplicationRow.received_at, ApplicationRow.id)
            ).scalars()
        )

    # -- retention and deletion on request -------------------------------------------------
    def expired_ids(self, decided_before: datetime) -> list[int]:
        """Applications this office decided before `decided_before` whose decisions issued
        here are all exported, with the superseded (never decided) earlier versions of
        their uids; in id order."""
        unexported = exists().where(
            DecisionRow.application_id == ApplicationRow.id,
            DecisionRow.issued_here.is_(True),
            DecisionRow.exported_at.is_(None),
        )
        decided = self.session.execute(
            select(ApplicationRow.id, ApplicationRow.uid, ApplicationRow.version).where(
                ApplicationRow.state.in_(DECIDED_STATES),
                ApplicationRow.decided_at < decided_before,
                ~unexported,
            )
        ).all()
        found = {int(row[0]) for row in decided}
        newest: dict[str, int] = {}
        for _, uid, version in decided:
            newest[uid] = max(version, newest.get(uid, 0))
        uids = sorted(newest)
        for start in range(0, len(uids), 500):
            rows = self.session.execute(
                select(ApplicationRow.id, ApplicationRow.uid, ApplicationRow.version).where(
                    ApplicationRow.state == ReviewState.SUPERSEDED,
                    ApplicationRow.uid.in_(uids[start : start + 500]),
                )
            )
            found.update(int(i) for i, uid, version in rows if version < newest[uid])
        return sorted(found)

    def ids_of_person(self, id_numbers: Iterable[str]) -> list[int]:
        """Every application whose ID number is one of `id_numbers` (exact match)."""
        numbers = sorted(set(id_numbers))
        if not numbers:
            return []
        return list(
            self.session.execute(
                select(ApplicationRow.id)
                .where(ApplicationRow.id_number.in_(numbers))
                .order_by(ApplicationRow.id)
            ).scalars()
        )

    def ids_of_uid(self, uid: str) -> list[int]:
        return list(
            self.session.execute(
                select(ApplicationRow.id)
                .where(ApplicationRow.uid == uid)
                .order_by(ApplicationRow.id)
            ).scalars()
        )

    def id_numbers(self, app_ids: Iterable[int]) -> set[str]:
        ids = sorted(set(app_ids))
        found: set[str] = set()
        for start in range(0, len(ids), 500):
            found.update(
                self.session.execute(
                    select(ApplicationRow.id_number).where(
                        ApplicationRow.id.in_(ids[start : start + 500])
                    )
                ).scalars()
            )
        return found

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
