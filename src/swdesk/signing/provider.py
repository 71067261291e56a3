"""Training providers and their Ed25519 keys: `ProviderIdentity` (who a provider is and its
public key), `ProviderKey` (with the private key), the provider's public key file
(`.swdkey` of format "swdesk-provider-key") and its password-encrypted private key
(docs/review-formats.md, "Continuing-education attendance records").

A provider is named by its organisation name and its 统一社会信用代码 (GB 32100), which
swdesk checks; its fingerprint (SHA-256 of the 32 raw public-key bytes) is what an
attendance record names and what the province will list.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
)

from swdesk.domain.credit_code import credit_code_issues, normalize_credit_code

from .canonical import b64decode, b64encode, expect_keys, get_str, text_problem
from .envelope import open_envelope, write_envelope
from .errors import FormatProblem, SigningError, refused_as
from .identity import KEY_FILE_SUFFIX, MAX_KEY_FILE_BYTES, PUBLIC_KEY_BYTES, PublicKeyHolder
from .keystore import parse_sealed_key, seal_private_key

__all__ = [
    "MAX_PROVIDER_NAME_CHARS",
    "PROVIDER_KEY_FORMAT",
    "PROVIDER_KEY_SUFFIX",
    "PROVIDER_SECRET_KEY_FORMAT",
    "ProviderIdentity",
    "ProviderKey",
    "credit_code_problem",
    "decrypt_provider_key",
    "encrypt_provider_key",
    "export_provider_key",
    "generate_provider_key",
    "parse_provider_identity",
    "provider_key_from_seed",
    "read_provider_key",
]

PROVIDER_KEY_FORMAT = "swdesk-provider-key"
PROVIDER_SECRET_KEY_FORMAT = "swdesk-provider-secret-key"
PROVIDER_KEY_SUFFIX = KEY_FILE_SUFFIX
MAX_PROVIDER_NAME_CHARS = 100
_IDENTITY_KEYS = {"name", "credit_code", "public_key"}


def credit_code_problem(code: str) -> str | None:
    """Why `code` is not a valid unified social credit code as stored (18 characters of
    the GB 32100 alphabet, upper case, right check character), or None."""
    if not isinstance(code, str) or not code:
        return "credit code missing"
    if normalize_credit_code(code) != code:
        return "credit code not in its normal form (upper case, no spaces)"
    issues = credit_code_issues(code)
    if issues:
        return (
            "credit code check character does not match"
            if issues[0].code == "credit_code_check_char"
            else "credit code is not 18 characters of the GB 32100 alphabet"
        )
    return None


@dataclass(frozen=True, slots=True)
class ProviderIdentity(PublicKeyHolder):
    """A training provider: organisation `name` (e.g. 甘肃省社会工作协会), its
    `credit_code` and its 32-byte raw Ed25519 `public_key`. ValueError on construction
    when a field breaks the format."""

    name: str
    credit_code: str
    public_key: bytes

    def __post_init__(self) -> None:
        if not isinstance(self.public_key, bytes) or len(self.public_key) != PUBLIC_KEY_BYTES:
            raise ValueError("public_key must be 32 raw bytes")
        if not isinstance(self.name, str):
            raise ValueError("name must be a string")
        problem = text_problem(self.name, max_chars=MAX_PROVIDER_NAME_CHARS)
        if problem:
            raise ValueError(f"name: {problem}")
        problem = credit_code_problem(self.credit_code)
        if problem:
            raise ValueError(f"credit_code: {problem}")

    def to_json(self) -> dict[str, Any]:
        """{"name", "credit_code", "public_key" (base64)}."""
        return {
            "name": self.name,
            "credit_code": self.credit_code,
            "public_key": b64encode(self.public_key),
        }


def parse_provider_identity(value: Any, where: str) -> ProviderIdentity:
    """An identity from its JSON object, checked strictly; raises FormatProblem."""
    if not isinstance(value, Mapping):
        raise FormatProblem(f"{where} must be an object")
    expect_keys(value, _IDENTITY_KEYS, where)
    name = get_str(value, "name", where)
    credit_code = get_str(value, "credit_code", where)
    public_key = b64decode(
        get_str(value, "public_key", where), length=PUBLIC_KEY_BYTES, what=f"{where}.public_key"
    )
    try:
        return ProviderIdentity(name, credit_code, public_key)
    except ValueError as exc:
        raise FormatProblem(f"{where}.{exc}") from None


@dataclass(frozen=True, slots=True)
class ProviderKey:
    """A provider's identity with its private key; never written unencrypted
    (`encrypt_provider_key`)."""

    identity: ProviderIdentity
    private_key: Ed25519PrivateKey = field(repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.private_key.public_key().public_bytes_raw() != self.identity.public_key:
            raise ValueError("the private key does not belong to the identity's public key")

    def sign(self, data: bytes) -> bytes:
        """The 64-byte Ed25519 signature of `data`."""
        return self.private_key.sign(data)


def provider_key_from_seed(seed: bytes, name: str, credit_code: str) -> ProviderKey:
    """The key pair of a 32-byte Ed25519 seed (tests and golden files: a fixed key)."""
    private_key = Ed25519PrivateKey.from_private_bytes(seed)
    public = private_key.public_key().public_bytes_raw()
    return ProviderKey(ProviderIdentity(name, credit_code, public), private_key)


def generate_provider_key(name: str, credit_code: str) -> ProviderKey:
    """A new random key pair (ValueError when the name or credit code are unusable)."""
    private_key = Ed25519PrivateKey.generate()
    public = private_key.public_key().public_bytes_raw()
    return ProviderKey(ProviderIdentity(name, credit_code, public), private_key)


def export_provider_key(identity: ProviderIdentity) -> bytes:
    """The provider's public key file: its identity, unsigned (checked by fingerprint)."""
    return write_envelope(PROVIDER_KEY_FORMAT, "provider", identity.to_json(), None)


def read_provider_key(data: bytes, *, file: str) -> ProviderIdentity:
    """Read a provider's public key file. SigningError "provider_key_invalid" or
    "format_unsupported" (params `file`, `reason`)."""
    with refused_as("provider_key_invalid", file=file):
        envelope = open_envelope(
            data,
            format_name=PROVIDER_KEY_FORMAT,
            body_key="provider",
            signed=False,
            max_bytes=MAX_KEY_FILE_BYTES,
        )
        return parse_provider_identity(envelope.body, "provider")


def encrypt_provider_key(key: ProviderKey, password: str) -> bytes:
    """The private key encrypted with `password` (ValueError if empty), bound to the
    identity (keystore.py: scrypt and AES-256-GCM)."""
    return seal_private_key(
        key.private_key,
        key.identity.to_json(),
        password,
        format_name=PROVIDER_SECRET_KEY_FORMAT,
    )


def decrypt_provider_key(blob: bytes, password: str, *, file: str = "") -> ProviderKey:
    """The key inside a blob of `encrypt_provider_key`. SigningError "wrong_password",
    "provider_key_invalid" or "format_unsupported"."""
    params = {"file": file} if file else {}
    with refused_as("provider_key_invalid", **params):
        sealed = parse_sealed_key(blob, format_name=PROVIDER_SECRET_KEY_FORMAT)
        identity = parse_provider_identity(sealed.identity, "identity")
    try:
        return ProviderKey(identity, sealed.unseal(password))
    except ValueError:
        raise SigningError(
            "provider_key_invalid",
            **params,
            reason="the private key does not match the public key",
        ) from None
