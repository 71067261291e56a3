"""Setting an office up: `init_review_workspace`, once per office.

An Ed25519 key is generated here, its private part stored encrypted with the office
password; the person setting it up becomes the office's first head. In a folder with
stored bundles or backups but no usable database it refuses ("review_data_without_database")
unless asked to move the old files aside first (`keep_old_files_aside`: into
`recovered/<day>/`, never deleted); no sweep runs on the database just created.
"""

from __future__ import annotations

from pathlib import Path

from swdesk.domain.errors import UserFixableError
from swdesk.reviewstore.offices import OfficeStore
from swdesk.reviewstore.records import StoredOffice
from swdesk.services.clock import china_today
from swdesk.signing import ReviewLevel, encrypt_office_key, generate_office_key

from .context import Clock, Now, ReviewContext, default_now
from .location import ReviewServer
from .review_folder import prepare_new_folder, storage_errors
from .service import ReviewService
from .staff import DEFAULT_HEAD_USERNAME, MIN_PASSWORD_LENGTH, check_username, new_head_row
from .workspace import ReviewWorkspace, load_rule_pack
from .workspace_storage import open_folder_storage, open_server_storage, storage_errors_of

__all__ = ["init_review_workspace"]


def init_review_workspace(
    root: Path | ReviewServer,
    *,
    office_name: str,
    region: str,
    level: ReviewLevel | str,
    rule_pack_id: str,
    password: str,
    clock: Clock = china_today,
    now: Now | None = None,
    keep_old_files_aside: bool = False,
    head_username: str = DEFAULT_HEAD_USERNAME,
    head_name: str = "",
) -> ReviewWorkspace:
    """Set up an office in `root` (= <data-dir>/review, or a `ReviewServer`: an empty
    database on the office's server) and open it. Raises
    UserFixableError: review_already_initialised (review_server_already_initialised
    on a server), review_data_without_database (stored
    bundles or backups but no usable database: restore the database, or pass
    `keep_old_files_aside` to move them into recovered/<day>/ first), password_too_short,
    office_invalid, rulepack_unknown, already_running, review_database_damaged,
    disk_full, review_read_only, database_*, username_invalid, display_name_invalid.

    The person setting it up becomes the office's first head (`head_username`, display
    name `head_name`), signing in with the office password and holding the office key."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserFixableError("password_too_short", min_length=MIN_PASSWORD_LENGTH)
    check_username(head_username)  # refused before anything is written
    pack = load_rule_pack(rule_pack_id)
    try:
        key = generate_office_key(office_name.strip(), region.strip(), ReviewLevel(level))
    except ValueError as exc:
        raise UserFixableError("office_invalid", reason=str(exc)) from exc
    server = root if isinstance(root, ReviewServer) else None
    set_aside: Path | None = None
    if isinstance(root, ReviewServer):
        store = open_server_storage(root)
    else:
        with storage_errors(root):
            root.mkdir(parents=True, exist_ok=True)
            set_aside = prepare_new_folder(root, clock(), keep_old_files_aside)
            store = open_folder_storage(root)
    database = store.database
    try:
        with storage_errors_of(store, server):
            now_fn = now or default_now(clock)
            with database.session() as session:
                offices = OfficeStore(session)
                if offices.get() is not None:
                    raise _already_initialised(root)
                identity = key.identity
                encrypted = encrypt_office_key(key, password)
                created_at = now_fn().astimezone().replace(tzinfo=None)
                offices.create(
                    StoredOffice(
                        identity.name,
                        identity.region,
                        str(identity.level),
                        pack.id,
                        identity.fingerprint,
                        identity.public_key,
                        encrypted,
                        created_at,
                    )
                )
                head = new_head_row(
                    session,
                    username=head_username,
                    display_name=head_name,
                    password=password,
                    encrypted_key=encrypted,
                    at=created_at,
                )
            context = ReviewContext(
                database,
                store.work_root,
                key,
                pack,
                clock,
                now_fn,
                bundles=store.bundles,
                actor=head.username,
                role="head",
            )
            with database.session() as session:
                context.audit(
                    session,
                    "office_created",
                    name=identity.name,
                    level=str(identity.level),
                    rule_pack=pack.id,
                    fingerprint=identity.short_fingerprint,
                    head=head.username,
                )
                if set_aside is not None:
                    context.audit(
                        session,
                        "old_files_set_aside",
                        folder=str(set_aside.relative_to(store.work_root)),
                    )
    except BaseException:
        store.release()
        raise
    return ReviewWorkspace(
        store.root,
        database,
        store.lock,
        store.migration,
        ReviewService(context),
        key,
        pack,
        set_aside=set_aside,
        location=store.location,
        bundles=store.bundles,
    )


def _already_initialised(root: Path | ReviewServer) -> UserFixableError:
    if isinstance(root, ReviewServer):
        return UserFixableError("review_server_already_initialised", server=root.location)
    return UserFixableError("review_already_initialised", path=str(root))
