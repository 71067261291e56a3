"""What every reviewer use case needs: the open database, the folder (or, for an office on a
server, this PC's scratch folder), where the stored bundles' bytes are kept (`bundles`),
this office and its key, the rule pack, the clock, the working-day calendar and the audit
log entry point."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from swdesk.database.engine import Database
from swdesk.domain.errors import UserFixableError
from swdesk.domain.rulepack import RulePack
from swdesk.reviewstore.audit import append_entries, append_entry
from swdesk.reviewstore.vocabulary import ReviewStage
from swdesk.rulepacks.calendar import WorkingCalendar, shipped_calendar
from swdesk.services.clock import default_now as default_now  # the review office's clock
from swdesk.signing import OfficeIdentity, OfficeKey, ReviewLevel

from .bundle_store import BUNDLES_DIR, BundleStore

__all__ = ["BUNDLES_DIR", "DATABASE_NAME", "Clock", "Now", "ReviewContext", "stage_of"]

DATABASE_NAME = "review.sqlite"
BACKUPS_DIR = "backups"

Clock = Callable[[], date]
Now = Callable[[], datetime]


def stage_of(level: ReviewLevel) -> ReviewStage:
    """The review stage an office of `level` decides: the province the final one."""
    return ReviewStage.FINAL if level is ReviewLevel.PROVINCE else ReviewStage.FIRST


@dataclass
class ReviewContext:
    database: Database
    root: Path  # the reviewer folder; on a server, this PC's scratch folder of the workspace
    key: OfficeKey | None  # None: signed in without the office key (a reviewer)
    pack: RulePack
    clock: Clock
    now: Now  # timezone-aware, whole seconds
    # the State Council's holidays and make-up working days, for deadlines in working days
    calendar: WorkingCalendar = field(default_factory=shipped_calendar)
    # where the stored bundles' bytes are: files of the folder, or rows on the server
    bundles: BundleStore = field(kw_only=True)
    # who is signed in (a staff user name; "" before people signed in: the audit log then
    # names the office by its key fingerprint) and their role, "head" or "reviewer"
    actor: str = ""
    role: str = "head"
    identity: OfficeIdentity | None = None  # this office, when `key` is None

    @property
    def office(self) -> OfficeIdentity:
        if self.key is not None:
            return self.key.identity
        assert self.identity is not None, "an office without its key needs its identity"
        return self.identity

    @property
    def is_head(self) -> bool:
        return self.role == "head"

    def require_head(self, action: str) -> None:
        """UserFixableError "head_only" unless the person signed in is a head."""
        if not self.is_head:
            raise UserFixableError("head_only", action=action, user=self.actor)

    def signing_key(self) -> OfficeKey:
        """The office key; UserFixableError "office_key_locked" when this sign-in did not
        unlock it (a head without a copy of the key: sign in with the office password)."""
        if self.key is None:
            raise UserFixableError("office_key_locked", user=self.actor)
        return self.key

    @property
    def stage(self) -> ReviewStage:
        return stage_of(self.office.level)

    @property
    def location(self) -> str:
        """What messages and titles name: the reviewer folder, or host:port/database."""
        return str(self.root) if self.database.is_sqlite else self.database.location

    def local_now(self) -> datetime:
        """Now as naive local time (how the database stores times)."""
        return self.now().astimezone().replace(tzinfo=None, microsecond=0)

    def audit(
        self, session: Session, action: str, application_id: int | None = None, **details: Any
    ) -> None:
        """Append to the audit log in the caller's transaction."""
        append_entry(
            session,
            at=self.now().isoformat(),
            actor=self.actor or self.office.fingerprint,
            action=action,
            application_id=application_id,
            details=details,
        )

    def audit_many(
        self, session: Session, items: Sequence[tuple[str, int | None, Mapping[str, Any]]]
    ) -> None:
        """Append (action, application id, details) entries in order, in one statement."""
        append_entries(
            session,
            at=self.now().isoformat(),
            actor=self.actor or self.office.fingerprint,
            items=items,
        )
