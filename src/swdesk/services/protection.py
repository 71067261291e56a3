"""PIN protection of a profile: unlock, protect (seal), change the PIN, unprotect.

A protected profile's ID number, birth date, photo and every file it refers to (evidence,
materials, forms, certificates) are sealed with its data key (`storage.sealing`). Protecting
and unprotecting rewrite the files first, then switch every reference in one transaction,
then remove the old copies. Every new copy is journaled before it is renamed into its store
and every old one in the transaction that switches the references (`storage.references`),
so a crash at any point leaves only unreferenced, journaled files, which the sweep at the
next start removes. Afterwards the database is compacted and `scrub` runs (the
workspace replaces the automatic backups, which held the data in clear).

Profiles that got a PIN before swdesk sealed data (a PIN hash only) are sealed the first
time their PIN is entered.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from swdesk.domain.errors import UserFixableError
from swdesk.storage.database import Database
from swdesk.storage.files import EvidenceStore, PhotoStore
from swdesk.storage.pin_lockouts import PinLockout, PinLockoutRepository
from swdesk.storage.references import PHOTOS, note_dropped, unreferenced
from swdesk.storage.repositories import PractitionerRepository
from swdesk.storage.sealing import ProfileKey, unwrap_key, wrap_key

from .pin import check_pin

MAX_PIN_TRIES = 5  # wrong PINs in a row before PIN entry is refused for a while
PIN_LOCKOUT = timedelta(seconds=30)


class PinLockedOut(UserFixableError):
    """Too many wrong PINs in a row: PIN entry is refused for `seconds` more seconds."""

    def __init__(self, seconds: int) -> None:
        super().__init__("pin_locked_out", seconds=seconds)
        self.seconds = seconds


@dataclass(slots=True)
class _Attempt:
    right: bool = False


class ProfileProtection:
    """Seals and unseals one profile's data; keeps unlocked keys in the database's keyring.
    `now` is the clock of the PIN lockout (a public seam for tests)."""

    def __init__(
        self,
        database: Database,
        evidence: EvidenceStore | None,
        photos: PhotoStore,
        scrub: Callable[[], object] | None = None,
    ) -> None:
        self._db = database
        self._evidence = evidence
        self._photos = photos
        self._scrub = scrub
        self.keyring = database.keyring  # the stores were built with the same keyring
        self.now: Callable[[], datetime] = lambda: datetime.now(UTC)

    # -- state ---------------------------------------------------------------------------
    def is_sealed(self, pid: int) -> bool:
        with self._db.session() as session:
            return PractitionerRepository(session).get_wrapped_key(pid) is not None

    def is_unlocked(self, pid: int) -> bool:
        return not self.is_sealed(pid) or self.keyring.get(pid) is not None

    # -- PIN entry -----------------------------------------------------------------------
    def check(self, pid: int, pin: str) -> bool:
        """Whether `pin` is the profile's PIN (True for a profile without one). A wrong PIN
        counts towards the lockout; raises `PinLockedOut` while locked."""
        with self._pin_attempt(pid) as attempt:
            with self._db.session() as session:
                repo = PractitionerRepository(session)
                wrapped, pin_hash = repo.get_wrapped_key(pid), repo.get_pin_hash(pid)
            if wrapped is not None:
                attempt.right = unwrap_key(wrapped, pin, pid) is not None
            else:
                attempt.right = pin_hash is None or check_pin(pin, pin_hash)
        return attempt.right

    def unlock(self, pid: int, pin: str) -> bool:
        """Check the PIN and keep the profile's key for this session; a profile with an
        old-style PIN hash is sealed now. False (nothing changes) for a wrong PIN; the
        `MAX_PIN_TRIES`-th wrong one in a row raises `PinLockedOut`, and so does any try
        in the `PIN_LOCKOUT` after it, in this process or any other."""
        with self._pin_attempt(pid) as attempt:
            with self._db.session() as session:
                repo = PractitionerRepository(session)
                wrapped, pin_hash = repo.get_wrapped_key(pid), repo.get_pin_hash(pid)
            if wrapped is not None:
                key = unwrap_key(wrapped, pin, pid)
                attempt.right = key is not None
                if key is not None:
                    self.keyring.add(key)
                return attempt.right
            attempt.right = pin_hash is None or check_pin(pin, pin_hash)
        if attempt.right and pin_hash is not None:
            self.protect(pid, pin)
        return attempt.right

    @contextlib.contextmanager
    def _pin_attempt(self, pid: int) -> Iterator[_Attempt]:
        """Refuse while the profile is locked out; afterwards count the attempt: a right
        PIN clears the count, the `MAX_PIN_TRIES`-th wrong one starts a lockout."""
        now = self.now().astimezone(UTC).replace(tzinfo=None)
        with self._db.session() as session:
            lockout = PinLockoutRepository(session).get(pid)
        if lockout.locked_until is not None and now < lockout.locked_until:
            # a clock set back must not lock the profile for longer than one lockout
            until = min(lockout.locked_until, now + PIN_LOCKOUT)
            if until != lockout.locked_until:
                with self._db.session() as session:
                    PinLockoutRepository(session).put(pid, lockout._replace(locked_until=until))
            raise PinLockedOut(math.ceil((until - now).total_seconds()))
        attempt = _Attempt()
        yield attempt
        with self._db.session() as session:
            repo = PinLockoutRepository(session)
            if attempt.right:
                repo.clear(pid)
                return
            failures = repo.get(pid).failures + 1
            if failures < MAX_PIN_TRIES:
                repo.put(pid, PinLockout(failures, None))
                return
            repo.put(pid, PinLockout(0, now + PIN_LOCKOUT))
        raise PinLockedOut(int(PIN_LOCKOUT.total_seconds()))

    def lock_all(self) -> None:
        """Forget every unlocked key and remove decrypted copies made for viewers."""
        self.keyring.forget_all()
        for store in self._stores():
            store.clear_viewing()

    def _stores(self) -> list[EvidenceStore]:
        return [s for s in (self._evidence, self._photos) if s is not None]

    # -- changing the protection -----------------------------------------------------------
    def set_pin(self, pid: int, pin: str | None) -> None:
        """Protect with `pin`, give a protected profile a new PIN, or (None) unprotect.
        A protected profile must be unlocked first (ProfileLocked otherwise)."""
        sealed = self.is_sealed(pid)
        if pin and sealed:
            wrapped = wrap_key(self.keyring.require(pid), pin)
            with self._db.session() as session:
                PractitionerRepository(session).set_wrapped_key(pid, wrapped)
        elif pin:
            self.protect(pid, pin)
        elif sealed:
            self.unprotect(pid)
        else:
            with self._db.session() as session:
                PractitionerRepository(session).set_pin_hash(pid, None)

    def protect(self, pid: int, pin: str) -> None:
        """Seal the profile's data under a new data key wrapped by `pin`."""
        key = ProfileKey.generate(pid)
        wrapped = wrap_key(key, pin)
        self._rewrite(
            pid,
            lambda store, name: store.seal_existing(name, key),
            lambda repo: repo.seal(pid, key, wrapped),
        )
        self.keyring.add(key)
        self._after_change()

    def unprotect(self, pid: int) -> None:
        """Store the profile's data in clear again (its key must be unlocked)."""
        self.keyring.require(pid)
        self._rewrite(
            pid, lambda store, name: store.unseal_existing(name), lambda repo: repo.unseal(pid)
        )
        self.keyring.forget(pid)
        self._after_change()

    def _rewrite(
        self,
        pid: int,
        convert: Callable[[EvidenceStore, str], str],
        switch: Callable[[PractitionerRepository], None],
    ) -> None:
        with self._db.session() as session:
            repo = PractitionerRepository(session)
            photo = repo.get_record(pid).practitioner.photo_file
            names = repo.evidence_names(pid) if self._evidence is not None else set()
        created: list[tuple[EvidenceStore, str]] = []
        try:
            renamed = (
                self._convert(self._evidence, names, convert, created)
                if self._evidence is not None
                else {}
            )
            new_photo = self._convert(self._photos, {photo} - {""}, convert, created)
            with self._db.session() as session:
                repo = PractitionerRepository(session)
                switch(repo)
                repo.rename_evidence(pid, renamed)
                if photo in new_photo:
                    repo.set_photo_file(pid, new_photo[photo])
                note_dropped(session, PHOTOS, new_photo)  # the old copies
                old_evidence = unreferenced(session, renamed)  # journals them too
                photos_in_use = repo.photo_names()
        except BaseException:
            self._discard(created)
            raise
        if self._evidence is not None:
            self._evidence.remove_unreferenced(old_evidence)
        self._photos.remove_unreferenced([p for p in new_photo if p not in photos_in_use])

    @staticmethod
    def _convert(
        store: EvidenceStore,
        names: set[str],
        convert: Callable[[EvidenceStore, str], str],
        created: list[tuple[EvidenceStore, str]],
    ) -> dict[str, str]:
        renamed: dict[str, str] = {}
        for name in sorted(names):
            if not store.exists(name):
                continue  # a missing file stays missing (the pre-check reports it)
            new = convert(store, name)
            if new != name:
                renamed[name] = new
                created.append((store, new))
        return renamed

    def _discard(self, created: list[tuple[EvidenceStore, str]]) -> None:
        """After a failed switch: remove the copies just written, unless referenced."""
        with contextlib.suppress(Exception):
            with self._db.session() as session:
                repo = PractitionerRepository(session)
                evidence_orphans = set(
                    unreferenced(session, [n for s, n in created if s is self._evidence])
                )
                photos_in_use = repo.photo_names()
            for store, name in created:
                if (store is self._evidence and name in evidence_orphans) or (
                    store is self._photos and name not in photos_in_use
                ):
                    store.remove_unreferenced([name])

    def _after_change(self) -> None:
        """Values that were replaced must not linger: compact the database, then scrub."""
        self._db.compact()
        if self._scrub is not None:
            self._scrub()
