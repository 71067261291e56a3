"""The reviewer workspace: `<data-dir>/review` (or a server's database), its lock and key.

`open_review_workspace` opens an office set up before (`office_setup.init_review_workspace`)
with the password of the person signing in, runs the sweep of the bundles folder
(`retention.Eraser.sweep`: finishes what the file journal lists, removes what the database
proves is garbage, moves files of unknown status to `recovered/<day>/`, reported in
`ReviewWorkspace.recovered`) and deletes the applications whose retention period has ended.
Both return a `ReviewWorkspace` holding the lock until `close()`.

A reviewer folder that holds stored bundles, database backups or a stray WAL but no usable
database (missing, empty, damaged) is never taken for a new one: opening says
"review_database_missing" / "review_database_damaged" (naming the folder). No sweep runs
on a database found damaged. Storage failures (full disk, read-only disk or file, damaged
database, I/O error) come out as the UserFixableError of `faults.storage_error`, never as
a traceback. The folder's own checks are in `review_folder.py`, opening the database
(folder or server) in `workspace_storage.py`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from swdesk.database.engine import Database
from swdesk.database.migrating import MigrationResult
from swdesk.domain.errors import UserFixableError
from swdesk.domain.rulepack import RulePack
from swdesk.reviewstore.offices import OfficeStore
from swdesk.services.clock import china_today
from swdesk.signing import OfficeIdentity, OfficeKey, ReviewLevel
from swdesk.storage.instance_lock import InstanceLock

from .bundle_store import BundleStore
from .context import Clock, Now, ReviewContext, default_now
from .location import ReviewServer
from .models import PurgeReport
from .retention import Eraser, SweepReport
from .review_folder import ReviewFolderState, review_folder_state, storage_errors
from .service import ReviewService
from .staff import office_identity, sign_in
from .workspace_storage import (
    close_storage,
    open_folder_storage,
    open_server_storage,
    storage_errors_of,
)

__all__ = ["ReviewWorkspace", "open_review_workspace"]

log = logging.getLogger(__name__)


@dataclass
class ReviewWorkspace:
    """An open office: a reviewer folder (`root`, the instance lock held) or a database on
    a server (`root` and `lock` None). Close it to release the lock, the connections and
    the key in memory."""

    root: Path | None  # the reviewer folder; None for an office on a server
    database: Database
    lock: InstanceLock | None  # a folder's instance lock (a server's office has none)
    migration: MigrationResult
    service: ReviewService
    key: OfficeKey | None  # None: the person signed in works without the office key
    rule_pack: RulePack
    purged: PurgeReport = field(default_factory=PurgeReport.empty)  # at opening
    swept: SweepReport = field(default_factory=SweepReport)  # at opening
    set_aside: Path | None = None  # init: where the old files were moved
    # where the office is, for titles and messages: the folder, or host:port/database
    location: str = field(default="", kw_only=True)
    bundles: BundleStore | None = field(default=None, kw_only=True, repr=False)

    @property
    def on_server(self) -> bool:
        """Whether the office is a database on a server (else a folder on this PC)."""
        return self.root is None

    @property
    def recovered(self) -> tuple[str, ...]:
        """Bundle files of unknown status the opening moved to `recovered_folder`."""
        return self.swept.recovered

    @property
    def recovered_folder(self) -> Path | None:
        return self.swept.folder

    @property
    def office(self) -> OfficeIdentity:
        return self.service.office

    @property
    def level(self) -> ReviewLevel:
        return self.office.level

    @property
    def actor(self) -> str:
        """The user name of the person signed in."""
        return self.service.actor

    @property
    def role(self) -> str:
        """ "head" or "reviewer"."""
        return self.service.role

    @property
    def rule_pack_id(self) -> str:
        return self.rule_pack.id

    def close(self) -> None:
        self.service.close()  # the import's worker processes first: they write copies
        close_storage(self.database, self.bundles, self.lock)

    def __enter__(self) -> ReviewWorkspace:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def load_rule_pack(rule_pack_id: str) -> RulePack:
    """The office's rule pack (imported only when an office opens)."""
    from swdesk.rulepacks import load_pack

    return load_pack(rule_pack_id)


def open_review_workspace(
    root: Path | ReviewServer,
    password: str,
    *,
    user: str | None = None,
    clock: Clock = china_today,
    now: Now | None = None,
) -> ReviewWorkspace:
    """Open an office set up before, signed in as `user` with their own password, or
    (`user` None) with the office password as the office's first head (`staff.sign_in`).
    Raises UserFixableError: review_not_initialised, review_database_missing (stored
    bundles or backups but no database), review_database_damaged, wrong_password (also
    for an unknown user), user_disabled, already_running, disk_full, review_read_only,
    database_* (migration). On a server (`root` a ReviewServer):
    review_server_not_initialised and the server_* codes of `server_error`
    (server_unreachable, server_login_failed, server_password_needed, ...)."""
    server = root if isinstance(root, ReviewServer) else None
    state: ReviewFolderState | None = None
    if isinstance(root, ReviewServer):
        store = open_server_storage(root)
    else:
        with storage_errors(root):
            state = review_folder_state(root)
            if not state.database_present:
                if state.has_old_data:
                    raise UserFixableError("review_database_missing", **state.params())
                raise UserFixableError("review_not_initialised", path=str(root))
            store = open_folder_storage(root)
    database = store.database
    try:
        with storage_errors_of(store, server):
            with database.session() as session:
                stored = OfficeStore(session).get()
            if stored is None:
                if isinstance(root, ReviewServer):
                    raise UserFixableError("review_server_not_initialised", server=root.location)
                if state is not None and state.has_old_data:
                    raise UserFixableError("review_database_missing", **state.params())
                raise UserFixableError("review_not_initialised", path=str(root))
            pack = load_rule_pack(stored.rule_pack_id)
            now_fn = now or default_now(clock)
            with database.session() as session:  # a first head created is audit-logged with it
                signed, head_created = sign_in(
                    session,
                    stored,
                    password,
                    user,
                    at=now_fn().astimezone().replace(tzinfo=None, microsecond=0),
                )
                key = signed.key
                context = ReviewContext(
                    database,
                    store.work_root,
                    key,
                    pack,
                    clock,
                    now_fn,
                    bundles=store.bundles,
                    actor=signed.username,
                    role=signed.role,
                    identity=office_identity(stored),
                )
                if head_created:
                    context.audit(session, "staff_added", username=signed.username, role="head")
                context.audit(session, "workspace_opened")
            service = ReviewService(context)
            swept, purged = _housekeeping(context)
    except BaseException:
        store.release()
        raise
    return ReviewWorkspace(
        store.root,
        database,
        store.lock,
        store.migration,
        service,
        key,
        pack,
        purged,
        swept,
        location=store.location,
        bundles=store.bundles,
    )


def _housekeeping(context: ReviewContext) -> tuple[SweepReport, PurgeReport]:
    """At opening, on the healthy database just read: the sweep of the bundles folder,
    then the retention purge (which keeps the old database backups when the sweep found
    files this database does not know: one of them may be the database that does). A
    failure here (a full disk, a file held open) is logged and does not keep the office
    from working; both run again at the next opening."""
    swept = SweepReport()
    try:
        eraser = Eraser(context)
        swept = eraser.sweep()
        return swept, eraser.purge_expired(keep_backups=bool(swept.recovered))
    except (OSError, SQLAlchemyError, UserFixableError) as exc:
        log.warning(
            "the sweep or retention purge at opening failed (%s); retried at the next opening",
            type(exc).__name__,
        )
        return swept, PurgeReport.empty()
