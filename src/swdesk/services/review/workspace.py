"""The reviewer workspace: `<data-dir>/review`, its own database, lock and signing key.

`init_review_workspace` sets an office up once (an Ed25519 key generated here, its private
part stored encrypted with the password); `open_review_workspace` opens it with the
password, removes bundle files a crash left without a row and deletes the applications
whose retention period has ended (`retention`). Either returns a `ReviewWorkspace` holding
the lock until `close()`.
"""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import event, text
from sqlalchemy.exc import SQLAlchemyError

from swdesk.domain.errors import UserFixableError
from swdesk.domain.rulepack import RulePack
from swdesk.reviewstore.migrate import prepare_review_database
from swdesk.reviewstore.offices import OfficeStore
from swdesk.reviewstore.records import StoredOffice
from swdesk.signing import (
    OfficeIdentity,
    OfficeKey,
    ReviewLevel,
    decrypt_office_key,
    encrypt_office_key,
    generate_office_key,
)
from swdesk.storage.engine import Database
from swdesk.storage.files import ensure_writable_dir
from swdesk.storage.instance_lock import InstanceLock, acquire_instance_lock
from swdesk.storage.migrate import MigrationResult

from .context import BACKUPS_DIR, BUNDLES_DIR, DATABASE_NAME, Clock, Now, ReviewContext, default_now
from .models import PurgeReport
from .service import ReviewService

__all__ = [
    "MIN_PASSWORD_LENGTH",
    "ReviewWorkspace",
    "init_review_workspace",
    "open_review_workspace",
    "review_root",
]

log = logging.getLogger(__name__)

MIN_PASSWORD_LENGTH = 8
CACHE_KIB = 32768  # SQLite page cache per connection: the queue's indexes stay in memory


def review_root(data_dir: Path) -> Path:
    """The reviewer folder inside a data directory."""
    return data_dir / "review"


@dataclass
class ReviewWorkspace:
    """An open reviewer folder. Close it to release the lock (and the key in memory)."""

    root: Path
    database: Database
    lock: InstanceLock
    migration: MigrationResult
    service: ReviewService
    key: OfficeKey
    rule_pack: RulePack
    purged: PurgeReport = field(default_factory=PurgeReport.empty)  # at opening

    @property
    def office(self) -> OfficeIdentity:
        return self.key.identity

    @property
    def level(self) -> ReviewLevel:
        return self.key.identity.level

    @property
    def rule_pack_id(self) -> str:
        return self.rule_pack.id

    def close(self) -> None:
        with contextlib.suppress(Exception), self.database.engine.connect() as connection:
            connection.execute(text("PRAGMA optimize"))
        self.database.dispose()
        self.lock.release()

    def __enter__(self) -> ReviewWorkspace:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def _open_database(root: Path) -> tuple[InstanceLock, MigrationResult, Database]:
    ensure_writable_dir(root)
    lock = acquire_instance_lock(root)
    try:
        bundles = root / BUNDLES_DIR
        bundles.mkdir(exist_ok=True)
        for leftover in bundles.glob(".swdesk-*.tmp"):  # a copy an import never finished
            leftover.unlink(missing_ok=True)
        migration = prepare_review_database(root / DATABASE_NAME, root / BACKUPS_DIR)
        database = Database.open(root / DATABASE_NAME)

        @event.listens_for(database.engine, "connect")
        def _on_connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
            dbapi_connection.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
            dbapi_connection.execute("PRAGMA secure_delete = ON")  # deleted data overwritten
    except BaseException:
        lock.release()
        raise
    return lock, migration, database


def _pack(rule_pack_id: str) -> RulePack:
    from swdesk.rulepacks import load_pack

    return load_pack(rule_pack_id)


def init_review_workspace(root: Path, *, office_name: str, region: str,
                          level: ReviewLevel | str, rule_pack_id: str, password: str,
                          clock: Clock = date.today, now: Now | None = None) -> ReviewWorkspace:
    """Set up an office in `root` (= <data-dir>/review) and open it. Raises
    UserFixableError: review_already_initialised, password_too_short, office_invalid,
    rulepack_unknown, already_running, database_*."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserFixableError("password_too_short", min_length=MIN_PASSWORD_LENGTH)
    pack = _pack(rule_pack_id)
    try:
        key = generate_office_key(office_name.strip(), region.strip(), ReviewLevel(level))
    except ValueError as exc:
        raise UserFixableError("office_invalid", reason=str(exc)) from exc
    lock, migration, database = _open_database(root)
    try:
        now_fn = now or default_now(clock)
        with database.session() as session:
            offices = OfficeStore(session)
            if offices.get() is not None:
                raise UserFixableError("review_already_initialised", path=str(root))
            identity = key.identity
            offices.create(StoredOffice(
                identity.name, identity.region, str(identity.level), pack.id,
                identity.fingerprint, identity.public_key, encrypt_office_key(key, password),
                now_fn().astimezone().replace(tzinfo=None)))
        context = ReviewContext(database, root, key, pack, clock, now_fn)
        with database.session() as session:
            context.audit(session, "office_created", name=identity.name,
                          level=str(identity.level), rule_pack=pack.id,
                          fingerprint=identity.short_fingerprint)
    except BaseException:
        database.dispose()
        lock.release()
        raise
    return ReviewWorkspace(root, database, lock, migration, ReviewService(context), key, pack)


def open_review_workspace(root: Path, password: str, *, clock: Clock = date.today,
                          now: Now | None = None) -> ReviewWorkspace:
    """Open an office set up before. Raises UserFixableError: review_not_initialised,
    wrong_password (SigningError), already_running, database_* (migration)."""
    if not (root / DATABASE_NAME).is_file():
        raise UserFixableError("review_not_initialised", path=str(root))
    lock, migration, database = _open_database(root)
    try:
        with database.session() as session:
            stored = OfficeStore(session).get()
        if stored is None:
            raise UserFixableError("review_not_initialised", path=str(root))
        key = decrypt_office_key(stored.encrypted_key, password)
        if key.identity.fingerprint != stored.fingerprint:
            raise UserFixableError("key_mismatch", path=str(root))
        pack = _pack(stored.rule_pack_id)
        context = ReviewContext(database, root, key, pack, clock, now or default_now(clock))
        with database.session() as session:
            context.audit(session, "workspace_opened")
        service = ReviewService(context)
        purged = _housekeeping(service)
    except BaseException:
        database.dispose()
        lock.release()
        raise
    return ReviewWorkspace(root, database, lock, migration, service, key, pack, purged)


def _housekeeping(service: ReviewService) -> PurgeReport:
    """At opening: the orphan sweep, then the retention purge. A failure here (a full disk,
    a file held open) is logged and does not keep the office from working; both run again
    at the next opening."""
    try:
        service.sweep_orphans()
        return service.purge_expired()
    except (OSError, SQLAlchemyError, UserFixableError) as exc:
        log.warning("retention purge at opening failed (%s); retried at the next opening",
                    type(exc).__name__)
        return PurgeReport.empty()
