"""Keys and trust between offices: exporting this office's public key, the province
publishing its signed trust file, and any office importing the trust file in force.

A trust file replaces the list of trusted offices only when it is newer (a higher
sequence) from the same province, or, signed by a new province key, when the new key's
fingerprint is confirmed; a province imports only its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from swdesk.core.datafiles import ensure_writable_dir
from swdesk.core.infiles import open_regular_file
from swdesk.core.outfiles import PUBLIC_MODE, write_bytes
from swdesk.domain.errors import UserFixableError
from swdesk.reviewstore.offices import OfficeStore
from swdesk.reviewstore.records import StoredTrustFile, TrustedOffice
from swdesk.signing import (
    OfficeIdentity,
    ProviderIdentity,
    ReviewLevel,
    SigningError,
    TrustList,
    build_trust_file,
    export_public_key,
    read_provider_key,
    read_public_key,
    read_trust_file,
)

from .context import ReviewContext

__all__ = [
    "MAX_KEY_FILE_BYTES",
    "TrustInspection",
    "export_key",
    "import_trust",
    "inspect_trust",
    "publish_trust",
    "trusted",
]

MAX_KEY_FILE_BYTES = 64 * 1024
MAX_TRUST_FILE_BYTES = 4 << 20


def _read_small(path: Path, limit: int) -> bytes:
    try:
        with open_regular_file(path) as source:  # a FIFO would block for ever
            data = source.read(limit + 1)
    except OSError as exc:
        raise UserFixableError("file_unreadable", file=path.name, path=str(path)) from exc
    if len(data) > limit:
        raise UserFixableError("file_too_large", file=path.name, max_mb=limit / (1 << 20))
    return data


def export_key(context: ReviewContext, path: Path) -> Path:
    """Write this office's public key file (.swdkey)."""
    ensure_writable_dir(path.parent)
    # often onto a USB stick; public (no personal data), so readable by others
    write_bytes(path, export_public_key(context.office), mode=PUBLIC_MODE)
    with context.database.session() as session:
        context.audit(session, "key_exported", fingerprint=context.office.short_fingerprint)
    return path


def _key_identity(data: bytes, file: str) -> OfficeIdentity | ProviderIdentity:
    """The identity in a public key file: an office's, else a training provider's; the
    office reading's refusal when it is neither."""
    try:
        return read_public_key(data, file=file)
    except SigningError as not_an_office:
        try:
            return read_provider_key(data, file=file)
        except SigningError:
            raise not_an_office from None


def publish_trust(context: ReviewContext, key_files: Sequence[Path], out: Path) -> TrustList:
    """Province only: sign a trust file listing the offices and the training providers of
    `key_files` (office and provider key files alike, told apart by their content) and
    itself, write it to `out` and put it in force here too."""
    if context.office.level is not ReviewLevel.PROVINCE:
        raise UserFixableError("not_province", level=str(context.office.level))
    offices: list[OfficeIdentity] = []
    providers: list[ProviderIdentity] = []
    for key_file in key_files:
        identity = _key_identity(_read_small(key_file, MAX_KEY_FILE_BYTES), key_file.name)
        if isinstance(identity, ProviderIdentity):
            providers.append(identity)
        else:
            offices.append(identity)
    with context.database.session() as session:
        current = OfficeStore(session).current_trust()
    sequence = (
        current.sequence + 1
        if current and current.issuer_fingerprint == context.office.fingerprint
        else 1
    )
    try:
        data = build_trust_file(
            context.signing_key(),
            offices,
            issued_at=context.now(),
            sequence=sequence,
            providers=providers,
        )
    except ValueError as exc:
        raise UserFixableError("trust_not_built", reason=str(exc)) from exc
    ensure_writable_dir(out.parent)
    write_bytes(out, data, mode=PUBLIC_MODE)
    trust = read_trust_file(data, file=out.name)
    _put_in_force(context, trust, data, action="trust_published")
    return trust


@dataclass(frozen=True, slots=True)
class TrustInspection:
    """A verified trust file and what putting it in force would change, for a person to
    confirm first: `current_issuer` is the fingerprint of the province key in force (None
    when no list is), so a different one means a key rotation."""

    trust: TrustList
    current_issuer: str | None
    current_issuer_name: str | None

    @property
    def new_issuer(self) -> bool:
        return (
            self.current_issuer is not None and self.current_issuer != self.trust.issuer.fingerprint
        )


def inspect_trust(context: ReviewContext, path: Path) -> TrustInspection:
    """Read and verify a trust file without storing anything (the window shows the
    province's fingerprint and the offices before the reviewer confirms). Raises what
    `import_trust` raises for an unreadable, forged or foreign file."""
    data = _read_small(path, MAX_TRUST_FILE_BYTES)
    trust = read_trust_file(data, file=path.name)
    office = context.office
    if office.level is ReviewLevel.PROVINCE and trust.issuer != office:
        raise UserFixableError("trust_not_ours", file=path.name, issuer=trust.issuer.name)
    with context.database.read_session() as session:
        current = OfficeStore(session).current_trust()
    if current is None:
        return TrustInspection(trust, None, None)
    return TrustInspection(trust, current.issuer_fingerprint, current.issuer_name)


def import_trust(
    context: ReviewContext, path: Path, *, new_issuer_fingerprint: str | None = None
) -> TrustList:
    """Read and verify a province's trust file and put it in force. Raises SigningError
    (trust_invalid, bad_signature, ...) or UserFixableError: trust_not_ours (a province
    importing another's), trust_issuer_changed, trust_outdated.

    A list signed by another province key (a key rotation) replaces the one in force only
    when `new_issuer_fingerprint` is its issuer's fingerprint as confirmed with the province
    (spaces, colons, dashes and case ignored); the replacement is audit-logged
    ("trust_issuer_replaced", both fingerprints)."""
    data = _read_small(path, MAX_TRUST_FILE_BYTES)
    trust = read_trust_file(data, file=path.name)
    office = context.office
    if office.level is ReviewLevel.PROVINCE and trust.issuer != office:
        raise UserFixableError("trust_not_ours", file=path.name, issuer=trust.issuer.name)
    with context.database.session() as session:
        current = OfficeStore(session).current_trust()
    replaced: dict[str, str] = {}
    if current is not None:
        if current.digest == trust.digest:
            return trust  # the same file again: nothing to do
        if current.issuer_fingerprint != trust.issuer.fingerprint:
            confirmed = "".join(
                ch for ch in new_issuer_fingerprint or "" if ch not in " \t:-"
            ).lower()
            if confirmed != trust.issuer.fingerprint:
                raise UserFixableError(
                    "trust_issuer_changed",
                    file=path.name,
                    issuer=trust.issuer.name,
                    current=current.issuer_name,
                    fingerprint=trust.issuer.fingerprint_groups,
                )
            replaced = {
                "old_issuer": current.issuer_fingerprint,
                "new_issuer": trust.issuer.fingerprint,
            }
        elif trust.sequence <= current.sequence:
            raise UserFixableError(
                "trust_outdated", file=path.name, sequence=trust.sequence, current=current.sequence
            )
    _put_in_force(
        context,
        trust,
        data,
        action="trust_issuer_replaced" if replaced else "trust_imported",
        **replaced,
    )
    return trust


def _put_in_force(
    context: ReviewContext, trust: TrustList, data: bytes, *, action: str, **details: str
) -> None:
    now = context.local_now()
    stored = StoredTrustFile(
        0,
        trust.issuer.fingerprint,
        trust.issuer.name,
        trust.sequence,
        trust.issued_at.astimezone().replace(tzinfo=None),
        trust.digest,
        data,
        now,
    )
    offices = [
        TrustedOffice(o.fingerprint, o.name, o.region, str(o.level), o.public_key)
        for o in trust.offices
    ]
    with context.database.session() as session:
        OfficeStore(session).set_trust(stored, offices)
        context.audit(
            session,
            action,
            None,
            sequence=trust.sequence,
            offices=len(offices),
            issuer=trust.issuer.short_fingerprint,
            **details,
        )


def trusted(context: ReviewContext) -> list[OfficeIdentity]:
    """The offices of the trust file in force (empty when none was imported)."""
    with context.database.session() as session:
        rows = OfficeStore(session).trusted_offices()
    return [OfficeIdentity(r.name, r.region, ReviewLevel(r.level), r.public_key) for r in rows]


def trusted_providers(context: ReviewContext) -> tuple[ProviderIdentity, ...]:
    """The training providers of the trust file in force, read again from its stored bytes
    (verified when it was put in force); empty when none was imported or it lists none."""
    with context.database.session() as session:
        current = OfficeStore(session).current_trust()
    if current is None:
        return ()
    return read_trust_file(current.raw, file="trust in force").providers
