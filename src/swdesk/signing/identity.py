"""Review offices and their Ed25519 keys: `OfficeIdentity` (who an office is and its public
key), `OfficeKey` (the identity with its private key) and the public key file (`.swdkey`,
docs/review-formats.md §2).

An identity is what a trust list lists and a decision names; its fingerprint (SHA-256 of the
32 raw public-key bytes) is what people compare over the phone.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from .canonical import b64decode, b64encode, expect_keys, get_str, text_problem
from .envelope import open_envelope, write_envelope
from .errors import FormatProblem, SigningError, refused_as

__all__ = [
    "KEY_FILE_FORMAT",
    "KEY_FILE_SUFFIX",
    "MAX_KEY_FILE_BYTES",
    "PUBLIC_KEY_BYTES",
    "OfficeIdentity",
    "OfficeKey",
    "ReviewLevel",
    "export_public_key",
    "generate_office_key",
    "parse_identity",
    "read_public_key",
]

KEY_FILE_FORMAT = "swdesk-office-key"
KEY_FILE_SUFFIX = ".swdkey"
MAX_KEY_FILE_BYTES = 16 * 1024
PUBLIC_KEY_BYTES = 32
MAX_NAME_CHARS = 100
_IDENTITY_KEYS = {"name", "region", "level", "public_key"}


class ReviewLevel(StrEnum):
    """The administrative level of a civil-affairs review office."""

    COUNTY = "county"
    CITY = "city"
    PROVINCE = "province"


_LEVELS = frozenset(level.value for level in ReviewLevel)


class PublicKeyHolder:
    """What an identity with an Ed25519 `public_key` (an office's, a training provider's)
    offers: its fingerprint in the forms people compare, and checking a signature."""

    __slots__ = ()
    public_key: bytes

    @property
    def fingerprint(self) -> str:
        """SHA-256 (64 lower-case hex digits) of the raw public key."""
        return hashlib.sha256(self.public_key).hexdigest()

    @property
    def short_fingerprint(self) -> str:
        """The fingerprint's first 16 hex digits, for lists and logs."""
        return self.fingerprint[:16]

    @property
    def fingerprint_groups(self) -> str:
        """The whole fingerprint in upper case, in groups of four ("1A2B 3C4D …"), for
        reading over the phone."""
        upper = self.fingerprint.upper()
        return " ".join(upper[i : i + 4] for i in range(0, len(upper), 4))

    def verifies(self, signature: bytes, data: bytes) -> bool:
        """Whether `signature` is this key's Ed25519 signature of `data`."""
        try:
            Ed25519PublicKey.from_public_bytes(self.public_key).verify(signature, data)
        except (InvalidSignature, ValueError):
            return False
        return True


@dataclass(frozen=True, slots=True)
class OfficeIdentity(PublicKeyHolder):
    """A review office: `name` (e.g. 深圳市民政局), `region` (the area it serves, free text or
    a division code), `level` and its 32-byte raw Ed25519 `public_key`.

    Raises ValueError on construction when a field breaks the format (empty or over-long
    text, control characters, a key that is not 32 bytes); a `str` level is converted.
    """

    name: str
    region: str
    level: ReviewLevel
    public_key: bytes

    def __post_init__(self) -> None:
        object.__setattr__(self, "level", ReviewLevel(self.level))
        if not isinstance(self.public_key, bytes) or len(self.public_key) != PUBLIC_KEY_BYTES:
            raise ValueError("public_key must be 32 raw bytes")
        for name in ("name", "region"):
            value = getattr(self, name)
            if not isinstance(value, str):
                raise ValueError(f"{name} must be a string")
            problem = text_problem(value, max_chars=MAX_NAME_CHARS)
            if problem:
                raise ValueError(f"{name}: {problem}")

    def to_json(self) -> dict[str, Any]:
        """{"name", "region", "level", "public_key" (base64)}."""
        return {
            "name": self.name,
            "region": self.region,
            "level": str(self.level),
            "public_key": b64encode(self.public_key),
        }

    @classmethod
    def from_json(cls, value: Mapping[str, Any]) -> OfficeIdentity:
        """The inverse of `to_json`; raises SigningError("key_invalid") for anything else."""
        try:
            return parse_identity(value, "office")
        except FormatProblem as exc:
            raise SigningError("key_invalid", reason=str(exc)) from None


def parse_identity(value: Any, where: str) -> OfficeIdentity:
    """An identity from its JSON object, checked strictly; raises FormatProblem."""
    if not isinstance(value, Mapping):
        raise FormatProblem(f"{where} must be an object")
    expect_keys(value, _IDENTITY_KEYS, where)
    name = get_str(value, "name", where)
    region = get_str(value, "region", where)
    level = get_str(value, "level", where)
    if level not in _LEVELS:
        raise FormatProblem(f"{where}.level is not county, city or province")
    public_key = b64decode(
        get_str(value, "public_key", where), length=PUBLIC_KEY_BYTES, what=f"{where}.public_key"
    )
    try:
        return OfficeIdentity(name, region, ReviewLevel(level), public_key)
    except ValueError as exc:
        raise FormatProblem(f"{where}.{exc}") from None


@dataclass(frozen=True, slots=True)
class OfficeKey:
    """An office's identity with its private key. Never written unencrypted: see
    `encrypt_office_key`. Two keys are equal when their identities are."""

    identity: OfficeIdentity
    private_key: Ed25519PrivateKey = field(repr=False, compare=False)

    def __post_init__(self) -> None:
        public = self.private_key.public_key().public_bytes_raw()
        if public != self.identity.public_key:
            raise ValueError("the private key does not belong to the identity's public key")

    def sign(self, data: bytes) -> bytes:
        """The 64-byte Ed25519 signature of `data`."""
        return self.private_key.sign(data)


def generate_office_key(name: str, region: str, level: ReviewLevel | str) -> OfficeKey:
    """A new random key pair for an office (ValueError when name or region are unusable)."""
    private_key = Ed25519PrivateKey.generate()
    public = private_key.public_key().public_bytes_raw()
    return OfficeKey(OfficeIdentity(name, region, ReviewLevel(level), public), private_key)


def export_public_key(identity: OfficeIdentity) -> bytes:
    """The `.swdkey` file of an office: its identity, unsigned (checked by fingerprint)."""
    return write_envelope(KEY_FILE_FORMAT, "office", identity.to_json(), None)


def read_public_key(data: bytes, *, file: str) -> OfficeIdentity:
    """Read a `.swdkey` file. Raises SigningError "key_invalid" or "format_unsupported"
    with params `file` and `reason`."""
    with refused_as("key_invalid", file=file):
        envelope = open_envelope(
            data,
            format_name=KEY_FILE_FORMAT,
            body_key="office",
            signed=False,
            max_bytes=MAX_KEY_FILE_BYTES,
        )
        return parse_identity(envelope.body, "office")
