"""An office's private key at rest: encrypted with a password (docs/review-formats.md §3).

scrypt (n=2**15, r=8, p=1) turns the password into a 256-bit key; AES-256-GCM encrypts the
32 raw private-key bytes with the canonical JSON of the identity as associated data, so the
blob cannot be relabelled with another office's name or level. A wrong password and an
altered blob look the same to AES-GCM: both are "wrong_password". A training provider's key
(`provider.py`) is kept the same way under its own format name.
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from .canonical import (
    b64decode,
    b64encode,
    canonical_file,
    expect_keys,
    get_int,
    get_object,
    get_str,
    load_canonical,
    signed_bytes,
)
from .envelope import FORMAT_VERSION, check_format
from .errors import FormatProblem, SigningError, refused_as
from .identity import OfficeKey, parse_identity

__all__ = [
    "SCRYPT_MAX_N",
    "SCRYPT_N",
    "SCRYPT_P",
    "SCRYPT_R",
    "SECRET_KEY_FORMAT",
    "SealedKey",
    "decrypt_office_key",
    "encrypt_office_key",
    "parse_sealed_key",
    "seal_private_key",
]

SECRET_KEY_FORMAT = "swdesk-office-secret-key"
#: scrypt cost written into new blobs (tests may lower it; the blob records what was used).
SCRYPT_N = 2**15
SCRYPT_R = 8
SCRYPT_P = 1
#: The highest cost a blob may ask for (256 MiB of memory), so a file cannot hang the app.
SCRYPT_MAX_N = 2**18
SALT_BYTES = 16
NONCE_BYTES = 12
PRIVATE_KEY_BYTES = 32
CIPHERTEXT_BYTES = PRIVATE_KEY_BYTES + 16  # the GCM tag
MAX_BLOB_BYTES = 16 * 1024
_KEYS = {
    "format",
    "format_version",
    "kdf",
    "n",
    "r",
    "p",
    "salt",
    "nonce",
    "ciphertext",
    "identity",
}


def _derive(password: str, salt: bytes, n: int) -> bytes:
    secret = unicodedata.normalize("NFC", password).encode("utf-8")
    return Scrypt(salt=salt, length=32, n=n, r=SCRYPT_R, p=SCRYPT_P).derive(secret)


def seal_private_key(
    private_key: Ed25519PrivateKey,
    identity: dict[str, Any],
    password: str,
    *,
    format_name: str = SECRET_KEY_FORMAT,
) -> bytes:
    """`private_key` encrypted with `password` (NFC-normalised; ValueError if empty), bound
    to the JSON object `identity` (the associated data), as a canonical JSON blob of
    `format_name`. Shared by office and training-provider keys."""
    if not password:
        raise ValueError("an empty password cannot protect a key")
    salt = os.urandom(SALT_BYTES)
    nonce = os.urandom(NONCE_BYTES)
    ciphertext = AESGCM(_derive(password, salt, SCRYPT_N)).encrypt(
        nonce, private_key.private_bytes_raw(), signed_bytes(identity)
    )
    return canonical_file(
        {
            "format": format_name,
            "format_version": FORMAT_VERSION,
            "kdf": "scrypt",
            "n": SCRYPT_N,
            "r": SCRYPT_R,
            "p": SCRYPT_P,
            "salt": b64encode(salt),
            "nonce": b64encode(nonce),
            "ciphertext": b64encode(ciphertext),
            "identity": identity,
        }
    )


@dataclass(frozen=True, slots=True)
class SealedKey:
    """A blob of `seal_private_key`, parsed but not yet decrypted."""

    identity: dict[str, Any]
    n: int
    salt: bytes
    nonce: bytes
    ciphertext: bytes

    def unseal(self, password: str) -> Ed25519PrivateKey:
        """The private key; SigningError "wrong_password" when the password is wrong or
        the blob was altered (AES-GCM cannot tell these apart)."""
        try:
            raw = AESGCM(_derive(password, self.salt, self.n)).decrypt(
                self.nonce, self.ciphertext, signed_bytes(self.identity)
            )
        except InvalidTag:
            raise SigningError(
                "wrong_password", reason="wrong password, or the key file was altered"
            ) from None
        return Ed25519PrivateKey.from_private_bytes(raw)


def parse_sealed_key(blob: bytes, *, format_name: str = SECRET_KEY_FORMAT) -> SealedKey:
    """Check a blob of `seal_private_key` strictly; raises FormatProblem or
    UnsupportedVersion (the caller picks the error code)."""
    value = load_canonical(blob, max_bytes=MAX_BLOB_BYTES)
    check_format(value, format_name)
    expect_keys(value, _KEYS, "key")
    if value["kdf"] != "scrypt":
        raise FormatProblem("kdf must be scrypt")
    n = get_int(value, "n", "key", minimum=2)
    if n > SCRYPT_MAX_N or n & (n - 1):
        raise FormatProblem("scrypt n must be a power of two up to 2**18")
    if (
        get_int(value, "r", "key", minimum=1) != SCRYPT_R
        or get_int(value, "p", "key", minimum=1) != SCRYPT_P
    ):
        raise FormatProblem("scrypt r and p must be 8 and 1")
    salt = b64decode(get_str(value, "salt", "key"), length=SALT_BYTES, what="salt")
    nonce = b64decode(get_str(value, "nonce", "key"), length=NONCE_BYTES, what="nonce")
    ciphertext = b64decode(
        get_str(value, "ciphertext", "key"), length=CIPHERTEXT_BYTES, what="ciphertext"
    )
    return SealedKey(get_object(value, "identity", "key"), n, salt, nonce, ciphertext)


def encrypt_office_key(key: OfficeKey, password: str) -> bytes:
    """The private key encrypted with `password` (NFC-normalised; ValueError if empty), as
    a canonical JSON blob for the office's own computer. Takes about 0.1 s."""
    return seal_private_key(key.private_key, key.identity.to_json(), password)


def decrypt_office_key(blob: bytes, password: str) -> OfficeKey:
    """The key inside a blob from `encrypt_office_key`. Raises SigningError
    "wrong_password" (wrong password, or the blob altered), "key_invalid" (not such a
    blob) or "format_unsupported"."""
    with refused_as("key_invalid"):
        sealed = parse_sealed_key(blob)
        identity = parse_identity(sealed.identity, "identity")
    try:
        return OfficeKey(identity, sealed.unseal(password))
    except ValueError:
        raise SigningError(
            "key_invalid", reason="the private key does not match the public key"
        ) from None
