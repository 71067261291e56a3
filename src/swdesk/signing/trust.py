"""The trust list (`.swdtrust`, docs/review-formats.md §4): the province's signed list of
the review offices whose decisions practitioners accept, and of the training providers
whose signed attendance records (`.swdce`, §8) count as verified.

The province office signs it with its own key; the file carries that key, so reading it
proves only that it is intact and self-consistent. Whether the issuer is *the* province is
for a person to check: the practitioner compares `issuer.fingerprint_groups` over the phone.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from .canonical import (
    MAX_INT,
    expect_keys,
    format_datetime,
    get_datetime,
    get_int,
    get_list,
    signed_bytes,
)
from .envelope import open_envelope, write_envelope
from .errors import FormatProblem, SigningError, refused_as
from .identity import OfficeIdentity, OfficeKey, ReviewLevel, parse_identity
from .provider import ProviderIdentity, parse_provider_identity

__all__ = [
    "MAX_TRUST_BYTES",
    "MAX_TRUST_OFFICES",
    "MAX_TRUST_PROVIDERS",
    "TRUST_FORMAT",
    "TRUST_SUFFIX",
    "TrustList",
    "build_trust_file",
    "read_trust_file",
]

TRUST_FORMAT = "swdesk-trust-list"
TRUST_SUFFIX = ".swdtrust"
MAX_TRUST_BYTES = 2 << 20
MAX_TRUST_OFFICES = 5000
MAX_TRUST_PROVIDERS = 5000
_BODY_KEYS = {"issuer", "offices", "issued_at", "sequence"}
# written only when the list names providers, so a list of offices alone keeps its bytes
_OPTIONAL_KEYS = {"providers"}


@dataclass(frozen=True, slots=True)
class TrustList:
    """A verified trust list: `issuer` (a province office; also one of `offices`),
    `offices` (ordered by fingerprint), `issued_at`, `sequence` (the province's running
    number: a newer list has a higher one), `digest` (SHA-256 hex of the file) and the
    training `providers` it lists (ordered by fingerprint; none in older lists)."""

    issuer: OfficeIdentity
    offices: tuple[OfficeIdentity, ...]
    issued_at: datetime
    sequence: int
    digest: str
    providers: tuple[ProviderIdentity, ...] = ()

    def find(self, fingerprint: str) -> OfficeIdentity | None:
        """The listed office with this fingerprint (any case; spaces ignored), or None."""
        wanted = "".join(fingerprint.split()).lower()
        return next((office for office in self.offices if office.fingerprint == wanted), None)

    def find_provider(self, fingerprint: str) -> ProviderIdentity | None:
        """The listed training provider with this fingerprint (any case; spaces ignored),
        or None: a record signed by a provider not listed is not verified."""
        wanted = "".join(fingerprint.split()).lower()
        return next((p for p in self.providers if p.fingerprint == wanted), None)


_Listed = TypeVar("_Listed", OfficeIdentity, ProviderIdentity)


def _by_fingerprint(identities: Iterable[_Listed], what: str, most: int) -> dict[str, _Listed]:
    """`identities` by fingerprint, one given twice once. ValueError when two different
    ones share a key or there are more than `most`."""
    found: dict[str, _Listed] = {}
    for identity in identities:
        known = found.setdefault(identity.fingerprint, identity)
        if known != identity:
            raise ValueError(
                f"two {what} share the key {identity.short_fingerprint}: "
                f"{known.name} and {identity.name}"
            )
    if len(found) > most:
        raise ValueError(f"a trust list holds at most {most} {what}")
    return found


def build_trust_file(
    province_key: OfficeKey,
    offices: Sequence[OfficeIdentity],
    *,
    issued_at: datetime,
    sequence: int,
    providers: Sequence[ProviderIdentity] = (),
) -> bytes:
    """A `.swdtrust` file listing `offices` and the issuer, and the training `providers`,
    signed by `province_key`.

    Offices and providers are written in fingerprint order, one given twice once. ValueError
    (a caller bug) when the key is not a province's, two different identities share a
    public key (an office's and a provider's included), `issued_at` has no timezone,
    `sequence` < 1, or a list is too long."""
    issuer = province_key.identity
    if issuer.level is not ReviewLevel.PROVINCE:
        raise ValueError("only a province office issues trust lists")
    if not 1 <= sequence <= MAX_INT:
        raise ValueError("sequence must be at least 1")
    by_fingerprint = _by_fingerprint((issuer, *offices), "offices", MAX_TRUST_OFFICES)
    listed = _by_fingerprint(providers, "providers", MAX_TRUST_PROVIDERS)
    for provider in listed.values():
        if provider.fingerprint in by_fingerprint:
            raise ValueError(f"the provider {provider.name} has the key of an office")
    body: dict[str, Any] = {
        "issuer": issuer.to_json(),
        "offices": [by_fingerprint[fp].to_json() for fp in sorted(by_fingerprint)],
        "issued_at": format_datetime(issued_at),
        "sequence": sequence,
    }
    if listed:
        body["providers"] = [listed[fp].to_json() for fp in sorted(listed)]
    data = write_envelope(TRUST_FORMAT, "trust", body, province_key.sign(signed_bytes(body)))
    if len(data) > MAX_TRUST_BYTES:
        raise ValueError("the trust list is too large")
    return data


def read_trust_file(data: bytes, *, file: str) -> TrustList:
    """Read and verify a `.swdtrust` file. Raises SigningError "trust_invalid",
    "bad_signature" or "format_unsupported" (params `file`, `reason`)."""
    with refused_as("trust_invalid", file=file):
        envelope = open_envelope(
            data, format_name=TRUST_FORMAT, body_key="trust", signed=True, max_bytes=MAX_TRUST_BYTES
        )
        body = envelope.body
        expect_keys(body, _BODY_KEYS | (_OPTIONAL_KEYS & set(body)), "trust")
        issuer = parse_identity(body["issuer"], "trust.issuer")
        if not issuer.verifies(envelope.signature, signed_bytes(body)):
            raise SigningError(
                "bad_signature", file=file, reason="the trust list's signature does not match"
            )
        trust = _trust_list(body, issuer, hashlib.sha256(data).hexdigest())
    return trust


def _trust_list(body: dict[str, Any], issuer: OfficeIdentity, digest: str) -> TrustList:
    """The rest of a signed trust body; raises FormatProblem."""
    if issuer.level is not ReviewLevel.PROVINCE:
        raise FormatProblem("the issuer is not a province office")
    items = get_list(body, "offices", "trust", max_items=MAX_TRUST_OFFICES)
    offices = tuple(parse_identity(item, f"trust.offices[{i}]") for i, item in enumerate(items))
    fingerprints = [office.fingerprint for office in offices]
    if any(a >= b for a, b in zip(fingerprints, fingerprints[1:], strict=False)):
        raise FormatProblem("offices not in fingerprint order, or an office twice")
    if issuer not in offices:
        raise FormatProblem("the issuer is not among the offices")
    providers: tuple[ProviderIdentity, ...] = ()
    if "providers" in body:
        items = get_list(body, "providers", "trust", max_items=MAX_TRUST_PROVIDERS)
        if not items:
            raise FormatProblem("providers, when present, lists at least one")
        providers = tuple(
            parse_provider_identity(item, f"trust.providers[{i}]") for i, item in enumerate(items)
        )
        listed = [provider.fingerprint for provider in providers]
        if any(a >= b for a, b in zip(listed, listed[1:], strict=False)):
            raise FormatProblem("providers not in fingerprint order, or a provider twice")
        if set(listed) & set(fingerprints):
            raise FormatProblem("a provider has the key of an office")
    return TrustList(
        issuer=issuer,
        offices=offices,
        issued_at=get_datetime(body, "issued_at", "trust"),
        sequence=get_int(body, "sequence", "trust", minimum=1),
        digest=digest,
        providers=providers,
    )
