"""People, not PCs: the staff of an office and how one of them signs in.

Each person has a user name, a display name, a role and their own password (a scrypt hash,
`core.secret_hash`). A reviewer decides; a head also signs the reviewers' decisions,
exports decisions and forward packages, publishes and imports trust lists, changes the
retention period and manages the staff. A head may hold a copy of the office key
encrypted with their own password: signing in unlocks it. Accounts are disabled, never
deleted (the audit log keeps naming them), and the last active head cannot be disabled.

Signing in (`sign_in`): with a user name, that person's password is checked against their
hash; a wrong password and an unknown user both say "wrong_password" (no hint whether the
user exists). Without a user name, the office password unlocks the office key and the
person is the office's first active head; an office without staff yet (set up before
people signed in) gets that head account from the office password at this first opening,
so a one-person office notices nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from functools import cache

from sqlalchemy.orm import Session

from swdesk.core.secret_hash import DEFAULT_COST, check_secret, hash_secret
from swdesk.domain.errors import UserFixableError
from swdesk.reviewstore.orm import USERNAME_LENGTH
from swdesk.reviewstore.records import StoredOffice
from swdesk.reviewstore.staff import StaffStore, StoredStaff
from swdesk.signing import (
    OfficeIdentity,
    OfficeKey,
    ReviewLevel,
    decrypt_office_key,
    encrypt_office_key,
)

from .context import ReviewContext

__all__ = [
    "DEFAULT_HEAD_USERNAME",
    "MIN_PASSWORD_LENGTH",
    "ROLES",
    "SignedIn",
    "StaffManager",
    "StaffMember",
    "check_username",
    "sign_in",
]

MIN_PASSWORD_LENGTH = 8
DEFAULT_HEAD_USERNAME = "head"
ROLES = ("head", "reviewer")
MAX_DISPLAY_NAME = 60
#: scrypt cost of staff passwords (tests lower it, as they lower the office key's)
PASSWORD_COST = DEFAULT_COST

_USERNAME = re.compile(r"[a-z][a-z0-9._-]*")


@cache
def _nobody(cost: int) -> str:
    """A hash checked when the user is unknown, so that both refusals take as long."""
    return hash_secret("", cost=cost)


@dataclass(frozen=True, slots=True)
class StaffMember:
    """A person of the office, as shown in the staff list (no hash, no key)."""

    username: str
    display_name: str
    role: str
    holds_key: bool
    created_at: datetime
    disabled_at: datetime | None

    @property
    def active(self) -> bool:
        return self.disabled_at is None


@dataclass(frozen=True, slots=True)
class SignedIn:
    """Who opened the office: their user name, role, and the office key when unlocked."""

    username: str
    role: str
    key: OfficeKey | None


def check_username(username: str) -> str:
    """The user name as stored: lower case ASCII letters, digits and . _ -, starting with a
    letter, 2 to USERNAME_LENGTH characters. UserFixableError "username_invalid"."""
    name = username.strip().lower()
    if not 2 <= len(name) <= USERNAME_LENGTH or not _USERNAME.fullmatch(name):
        raise UserFixableError("username_invalid", username=username, max=USERNAME_LENGTH)
    return name


def _check_display_name(display_name: str, username: str) -> str:
    name = " ".join(display_name.split()) or username
    if len(name) > MAX_DISPLAY_NAME or any(not c.isprintable() for c in name):
        raise UserFixableError("display_name_invalid", max=MAX_DISPLAY_NAME)
    return name


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserFixableError("password_too_short", min=MIN_PASSWORD_LENGTH)


def new_head_row(
    session: Session,
    *,
    username: str,
    display_name: str,
    password: str,
    encrypted_key: bytes,
    at: datetime,
) -> StoredStaff:
    """The office's first head, from the office password (at set-up, or at the first
    opening of an office set up before people signed in): their copy of the office key is
    the office's own (encrypted with that same password)."""
    name = check_username(username)
    store = StaffStore(session)
    store.add(
        username=name,
        display_name=_check_display_name(display_name, name),
        role="head",
        password_hash=hash_secret(password, cost=PASSWORD_COST),
        encrypted_key=encrypted_key,
        created_at=at,
    )
    found = store.by_username(name)
    assert found is not None
    return found


def sign_in(
    session: Session,
    office: StoredOffice,
    password: str,
    user: str | None,
    *,
    at: datetime,
    head_username: str = DEFAULT_HEAD_USERNAME,
) -> tuple[SignedIn, bool]:
    """Who `password` (and `user`) sign in as, and whether the office's first head was
    created now. Raises UserFixableError "wrong_password" (also for an unknown user),
    "user_disabled", "key_mismatch"."""
    store = StaffStore(session)
    if user is None:
        office_key = decrypt_office_key(office.encrypted_key, password)  # wrong_password
        if office_key.identity.fingerprint != office.fingerprint:
            raise UserFixableError("key_mismatch")
        head = store.first_head()
        created = False
        if head is None:
            if store.count():  # people but no active head: cannot happen by this code
                raise UserFixableError("no_active_head")
            head = new_head_row(
                session,
                username=head_username,
                display_name="",
                password=password,
                encrypted_key=office.encrypted_key,
                at=at,
            )
            created = True
        return SignedIn(head.username, "head", office_key), created
    person = store.by_username(user.strip().lower())
    if person is None:
        check_secret(password, _nobody(PASSWORD_COST))
        raise UserFixableError("wrong_password")
    if not check_secret(password, person.password_hash):
        raise UserFixableError("wrong_password")
    if not person.active:
        raise UserFixableError("user_disabled", user=person.username)
    key: OfficeKey | None = None
    if person.role == "head" and person.encrypted_key is not None:
        key = decrypt_office_key(person.encrypted_key, password)
        if key.identity.fingerprint != office.fingerprint:
            raise UserFixableError("key_mismatch")
    return SignedIn(person.username, person.role, key), False


def office_identity(office: StoredOffice) -> OfficeIdentity:
    return OfficeIdentity(office.name, office.region, ReviewLevel(office.level), office.public_key)


def _member(row: StoredStaff) -> StaffMember:
    return StaffMember(
        row.username,
        row.display_name,
        row.role,
        row.encrypted_key is not None,
        row.created_at,
        row.disabled_at,
    )


class StaffManager:
    """Staff accounts: listed by anyone signed in, changed by a head (a person changes
    their own password). Each change is audit-logged, naming who did it."""

    def __init__(self, context: ReviewContext) -> None:
        self.context = context

    def members(self) -> list[StaffMember]:
        with self.context.database.session() as session:
            return [_member(row) for row in StaffStore(session).all()]

    def add(
        self,
        username: str,
        display_name: str,
        role: str,
        password: str,
        *,
        with_key: bool = False,
    ) -> StaffMember:
        """A new account (head only). `with_key` gives a head a copy of the office key
        encrypted with their password (needs the key unlocked by this sign-in).
        UserFixableError: head_only, username_invalid, username_taken, role_unknown,
        display_name_invalid, password_too_short, office_key_locked."""
        context = self.context
        context.require_head("staff")
        name = check_username(username)
        if role not in ROLES:
            raise UserFixableError("role_unknown", role=role)
        shown = _check_display_name(display_name, name)
        _check_password(password)
        encrypted = None
        if with_key and role == "head":
            encrypted = encrypt_office_key(context.signing_key(), password)
        password_hash = hash_secret(password, cost=PASSWORD_COST)
        with context.database.session() as session:
            store = StaffStore(session)
            if store.by_username(name) is not None:
                raise UserFixableError("username_taken", username=name)
            store.add(
                username=name,
                display_name=shown,
                role=role,
                password_hash=password_hash,
                encrypted_key=encrypted,
                created_at=context.local_now(),
            )
            context.audit(
                session,
                "staff_added",
                username=name,
                role=role,
                holds_key=encrypted is not None,
            )
            found = store.by_username(name)
            assert found is not None
            return _member(found)

    def disable(self, username: str) -> None:
        """Disable an account (head only; never deleted). UserFixableError: head_only,
        user_unknown, last_head (the last active head cannot be disabled)."""
        context = self.context
        context.require_head("staff")
        with context.database.session() as session:
            store = StaffStore(session)
            person = self._person(store, username)
            if not person.active:
                return
            if person.role == "head" and store.active_heads() <= 1:
                raise UserFixableError("last_head", username=person.username)
            store.disable(person.id, context.local_now())
            context.audit(session, "staff_disabled", username=person.username)

    def reset_password(self, username: str, password: str) -> None:
        """Give another person a new password (head only). A head's copy of the office key
        is encrypted again with it when this sign-in holds the key, else dropped (they then
        work without it until a head with the key resets them again)."""
        context = self.context
        context.require_head("staff")
        _check_password(password)
        password_hash = hash_secret(password, cost=PASSWORD_COST)
        with context.database.session() as session:
            store = StaffStore(session)
            person = self._person(store, username)
            encrypted = None
            if person.encrypted_key is not None and context.key is not None:
                encrypted = encrypt_office_key(context.key, password)
            store.set_password(person.id, password_hash, encrypted)
            context.audit(
                session,
                "staff_password_reset",
                username=person.username,
                holds_key=encrypted is not None,
            )

    def change_own_password(self, old_password: str, new_password: str) -> None:
        """The signed-in person's new password (their copy of the key follows).
        UserFixableError: wrong_password, password_too_short, user_unknown."""
        context = self.context
        _check_password(new_password)
        with context.database.session() as session:
            store = StaffStore(session)
            person = self._person(store, context.actor)
            if not check_secret(old_password, person.password_hash):
                raise UserFixableError("wrong_password")
            encrypted = None
            if person.encrypted_key is not None:
                key = decrypt_office_key(person.encrypted_key, old_password)
                encrypted = encrypt_office_key(key, new_password)
            store.set_password(person.id, hash_secret(new_password, cost=PASSWORD_COST), encrypted)
            context.audit(session, "staff_password_changed", username=person.username)

    @staticmethod
    def _person(store: StaffStore, username: str) -> StoredStaff:
        person = store.by_username(username.strip().lower())
        if person is None:
            raise UserFixableError("user_unknown", username=username)
        return person
