"""The province's trust list on the practitioner's side: which review offices' signed
decisions this data folder accepts.

A trust file (`.swdtrust`) is verified, shown (issuer fingerprint, offices) and put in
force only once the person has confirmed the issuer's fingerprint (`TrustListService`).
Without a stored list, the rule pack's shipped one is imported on first need
(`trust_in_force`). A list of the same issuer replaces the one in force only with a higher
sequence; a list of another issuer only when the person accepted the new key.

Also the helpers every decision file shares: `signing_module()` loads `swdesk.signing` (and
`cryptography` under it) at the first decision or trust file rather than at start-up;
`read_limited` reads a user-chosen file with a size limit; `wall_time` is how a signed
time is stored.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from swdesk.core.infiles import open_regular_file
from swdesk.domain.decision import TrustedOffice
from swdesk.domain.errors import UserFixableError
from swdesk.storage.attendance_record_repository import (
    TrustedProvider,
    TrustedProviderRepository,
)
from swdesk.storage.database import Database
from swdesk.storage.decision_repository import TrustedOfficeRepository
from swdesk.storage.orm import now
from swdesk.storage.repositories import PractitionerRepository

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

    from swdesk.signing import OfficeIdentity, SignedDecision, TrustList

__all__ = [
    "MAX_TRUST_FILE_BYTES",
    "TrustInspection",
    "TrustListService",
    "check_trusted",
    "normalize_fingerprint",
    "read_limited",
    "signing_module",
    "trust_in_force",
    "wall_time",
]

log = logging.getLogger(__name__)

MAX_TRUST_FILE_BYTES = 4 << 20  # read at most this much; read_trust_file has its own limit


class TrustListService:
    """Inspect, accept, import and remove the trust list of one data folder.

    `rule_packs`: the folder of rule packs whose trust lists serve as the default (see
    `trust_in_force`); the shipped packs unless given."""

    def __init__(self, database: Database, rule_packs: Traversable | None = None) -> None:
        self._db = database
        self._rule_packs = rule_packs

    def inspect_trust_file(self, path: Path) -> TrustInspection:
        """Read and verify a trust file and say what accepting it would change; stores
        nothing. The caller shows `trust.issuer.fingerprint_groups` and the offices (and,
        when `replaces_issuer`, the old fingerprint) and asks the user to confirm before
        `accept_trust`. Raises the signing errors, or `trust_list_outdated` (an older list
        of the issuer in force: nothing to confirm)."""
        data = read_limited(path, MAX_TRUST_FILE_BYTES)
        trust: TrustList = signing_module().read_trust_file(data, file=path.name)
        with self._db.session() as session:
            stored = TrustedOfficeRepository(session).list()
            providers = TrustedProviderRepository(session).list()
        current = _trust_list(stored, providers) if stored else None
        if (
            current is not None
            and current.digest != trust.digest
            and current.issuer.fingerprint == trust.issuer.fingerprint
            and trust.sequence <= current.sequence
        ):
            raise UserFixableError(
                "trust_list_outdated",
                file=path.name,
                sequence=trust.sequence,
                current=current.sequence,
            )
        return TrustInspection(path.name, data, trust, current)

    def accept_trust(self, inspection: TrustInspection, fingerprint: str) -> TrustList:
        """Put an inspected trust list in force once the user has confirmed the issuer's
        `fingerprint` (spaces, colons and case ignored; else `trust_fingerprint_mismatch`).
        A list of another issuer replaces the one in force only if that is still the one
        the inspection showed (else `trust_issuer_changed`); the replacement is logged
        (warning "trust list issuer replaced", both fingerprints)."""
        trust = inspection.trust
        if normalize_fingerprint(fingerprint) != trust.issuer.fingerprint:
            raise UserFixableError(
                "trust_fingerprint_mismatch",
                file=inspection.file,
                fingerprint=trust.issuer.fingerprint_groups,
            )
        previous = (
            inspection.current.issuer.fingerprint
            if inspection.replaces_issuer and inspection.current is not None
            else None
        )
        with self._db.session() as session:
            _store_trust(session, trust, file=inspection.file, accept_new_issuer=previous)
        return trust

    def remove_trust_list(self) -> TrustList | None:
        """Forget the trust list in force (one imported by mistake); returns it, or None
        when there was none. Decisions already applied stay; new ones are refused
        (`trust_list_missing`) until a list is accepted again — or, if the rule pack ships
        a list, that one is used again at the next need. Logged as a warning."""
        with self._db.session() as session:
            repo = TrustedOfficeRepository(session)
            stored = repo.list()
            if not stored:
                return None
            removed = _trust_list(stored)
            repo.replace_all([])
            TrustedProviderRepository(session).replace_all([])
        log.warning(
            "trust list removed: issuer %s (%s), sequence %d, %d offices",
            removed.issuer.name,
            removed.issuer.fingerprint,
            removed.sequence,
            len(removed.offices),
        )
        return removed

    def import_trust_file(self, path: Path, *, accept_new_issuer: bool = False) -> TrustList:
        """Verify the province's trust file and make it the list in force.

        The same list again changes nothing. A list from the same issuer replaces the one
        in force only when its sequence is higher (else `trust_list_outdated`); a list
        signed by another province key is refused (`trust_issuer_changed`) unless
        `accept_new_issuer` (the user has checked the new fingerprint by phone).
        """
        data = read_limited(path, MAX_TRUST_FILE_BYTES)
        trust: TrustList = signing_module().read_trust_file(data, file=path.name)
        with self._db.session() as session:
            _store_trust(session, trust, file=path.name, accept_new_issuer=accept_new_issuer)
        return trust

    def trust_list(self) -> TrustList | None:
        """The trust list in force (the shipped default is imported on first need)."""
        with self._db.session() as session:
            return trust_in_force(session, self._rule_packs)

    def trusted_offices(self) -> list[OfficeIdentity]:
        """The offices of the trust list in force, the issuer first; [] when none."""
        trust = self.trust_list()
        if trust is None:
            return []
        return [trust.issuer, *(o for o in trust.offices if o != trust.issuer)]


@dataclass(frozen=True, slots=True)
class TrustInspection:
    """A verified trust file not yet in force (`data` its exact bytes) and the list in
    force now (`current`, or None)."""

    file: str
    data: bytes
    trust: TrustList
    current: TrustList | None

    @property
    def unchanged(self) -> bool:
        """The very list already in force: accepting it changes nothing."""
        return self.current is not None and self.current.digest == self.trust.digest

    @property
    def replaces_issuer(self) -> bool:
        """Signed by another province key than the list in force (a key rotation or a
        list of another province: the new fingerprint must be checked by phone)."""
        return (
            self.current is not None
            and self.current.issuer.fingerprint != self.trust.issuer.fingerprint
        )


def trust_in_force(session: Session, rule_packs: Traversable | None = None) -> TrustList | None:
    """The stored trust list, or the one shipped with a rule pack in `rule_packs` (default:
    the shipped packs; imported now), or None."""
    offices = TrustedOfficeRepository(session).list()
    if offices:
        return _trust_list(offices, TrustedProviderRepository(session).list())
    from swdesk.rulepacks import shipped_trust_file

    for pack_id in _pack_ids(session):
        shipped = shipped_trust_file(pack_id, rule_packs)
        if shipped is None:
            continue
        file, data = shipped
        trust: TrustList = signing_module().read_trust_file(data, file=file)
        _store_trust(session, trust, file=file, accept_new_issuer=False)
        log.info(
            "imported the trust list shipped with rule pack %s (sequence %d)",
            pack_id,
            trust.sequence,
        )
        return trust
    return None


def check_trusted(signed: SignedDecision, trust: TrustList | None, name: str) -> None:
    """The decision's office is trusted for it: else `trust_list_missing` or the signing
    error, naming the file."""
    if trust is None:
        raise UserFixableError("trust_list_missing", file=name)
    module = signing_module()
    try:
        module.check_decision_trust(signed, trust)
    except module.SigningError as error:
        error.params.setdefault("file", name)
        raise


def normalize_fingerprint(text: str) -> str:
    """A fingerprint as typed or read aloud: spaces, colons and dashes dropped, lower
    case."""
    return "".join(ch for ch in text if ch not in " \t:-").lower()


def signing_module() -> ModuleType:
    """`swdesk.signing` (and `cryptography` under it), loaded at the first decision or trust
    file rather than at start-up."""
    import swdesk.signing

    return swdesk.signing


def wall_time(value: datetime) -> datetime:
    """A signed timestamp as its signer's wall-clock time, naive, to the second (what the
    database stores and the UI shows: the office's own date and time)."""
    return value.replace(tzinfo=None, microsecond=0)


def read_limited(path: Path, limit: int) -> bytes:
    """Read at most `limit` bytes of a user-chosen file (the parsers refuse longer ones)."""
    try:
        with open_regular_file(path) as file:  # a FIFO would block for ever
            return file.read(limit)
    except OSError as error:
        raise UserFixableError("file_unreadable", file=path.name) from error


def _pack_ids(session: Session) -> list[str]:
    """The rule packs whose shipped trust list may serve: the default first, then the
    packs the profiles use."""
    from swdesk.rulepacks import default_pack_id

    used = PractitionerRepository(session).rulepack_ids()
    return [default_pack_id(), *sorted(used - {default_pack_id()})]


def _store_trust(
    session: Session, trust: TrustList, *, file: str, accept_new_issuer: bool | str | None
) -> None:
    """Store `trust` as the list in force. A list of another issuer needs
    `accept_new_issuer`: True, or the fingerprint of the issuer it may replace."""
    repo = TrustedOfficeRepository(session)
    current = repo.list()
    if current:
        in_force = current[0]
        issuer = next((o for o in current if o.is_issuer), in_force)
        if trust.digest == in_force.trust_list_digest:
            _store_providers(session, trust)  # kept by a swdesk that stored no providers
            return
        if issuer.fingerprint != trust.issuer.fingerprint:
            if accept_new_issuer is not True and accept_new_issuer != issuer.fingerprint:
                raise UserFixableError(
                    "trust_issuer_changed",
                    file=file,
                    issuer=issuer.name,
                    fingerprint=trust.issuer.short_fingerprint,
                )
            log.warning(
                "trust list issuer replaced: %s (%s) by %s (%s), sequence %d",
                issuer.name,
                issuer.fingerprint,
                trust.issuer.name,
                trust.issuer.fingerprint,
                trust.sequence,
            )
        elif trust.sequence <= in_force.trust_list_sequence:
            raise UserFixableError(
                "trust_list_outdated",
                file=file,
                sequence=trust.sequence,
                current=in_force.trust_list_sequence,
            )
    log.info(
        "trust list in force: issuer %s (%s), sequence %d, %d offices",
        trust.issuer.name,
        trust.issuer.fingerprint,
        trust.sequence,
        len(trust.offices),
    )
    imported_at = now()
    repo.replace_all(
        [
            TrustedOffice(
                fingerprint=office.fingerprint,
                name=office.name,
                region=office.region,
                level=office.level.value,
                public_key=office.public_key,
                trust_list_digest=trust.digest,
                trust_list_sequence=trust.sequence,
                trust_list_issued_at=wall_time(trust.issued_at),
                is_issuer=office == trust.issuer,
                imported_at=imported_at,
            )
            for office in trust.offices
        ]
    )
    _store_providers(session, trust)


def _store_providers(session: Session, trust: TrustList) -> None:
    """The training providers of `trust` as those in force."""
    TrustedProviderRepository(session).replace_all(
        [
            TrustedProvider(p.fingerprint, p.name, p.credit_code, p.public_key, trust.digest)
            for p in trust.providers
        ]
    )


def _trust_list(
    offices: list[TrustedOffice], providers: list[TrustedProvider] | None = None
) -> TrustList:
    """The stored rows back as a TrustList (offices and providers in fingerprint order)."""
    module = signing_module()
    identities = {
        o.fingerprint: module.OfficeIdentity(
            o.name, o.region, module.ReviewLevel(o.level), o.public_key
        )
        for o in offices
    }
    issuer = next(o for o in offices if o.is_issuer)
    first = offices[0]
    trust: TrustList = module.TrustList(
        issuer=identities[issuer.fingerprint],
        offices=tuple(identities[fp] for fp in sorted(identities)),
        issued_at=first.trust_list_issued_at,
        sequence=first.trust_list_sequence,
        digest=first.trust_list_digest,
        providers=tuple(
            module.ProviderIdentity(p.name, p.credit_code, p.public_key)
            for p in providers or ()
            if p.trust_list_digest == first.trust_list_digest
        ),
    )
    return trust
