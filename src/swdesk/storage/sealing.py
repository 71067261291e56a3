"""Encryption at rest for PIN-protected profiles.

Each protected profile has a random 256-bit data key. The data key seals (AES-256-GCM) the
profile's sensitive columns and its files; it is stored only wrapped by a key derived from
the PIN with scrypt (memory-hard, from `cryptography`). Without the PIN the data key, and so
the ID number, birth date, photo and evidence, cannot be read: there is no recovery key.

Wrapped key text: ``scrypt1$<log2 n>$<r>$<p>$<salt b64>$<nonce b64>$<wrapped b64>``.
Sealed file: ``SWDENC1`` + profile id (4 bytes, big-endian) + nonce (12) + ciphertext+tag.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import struct
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from swdesk.domain.errors import UserFixableError

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

# `cryptography` is imported when a key is first used, not at start-up (the keyring is
# created with every database; most sessions never unlock a profile).


def _aesgcm(secret: bytes) -> AESGCM:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    return AESGCM(secret)


KEY_BYTES = 32
NONCE_BYTES = 12
SCRYPT_LOG2_N = 16  # 64 MiB of memory with r=8: slow to guess a PIN on a GPU
SCRYPT_R = 8
SCRYPT_P = 1
FILE_MAGIC = b"SWDENC1"
_FILE_HEADER = struct.Struct(">7sI")
_WRAP_SCHEME = "scrypt1"
_WRAP_AAD = b"swdesk profile data key"


class ProfileLocked(UserFixableError):
    """A protected profile's data was needed while its PIN has not been entered."""

    def __init__(self, practitioner_id: int) -> None:
        super().__init__("profile_locked", profile=practitioner_id)
        self.practitioner_id = practitioner_id


class SealBroken(UserFixableError):
    """Sealed data failed its authentication (wrong key, or the bytes were changed)."""

    def __init__(self, file: str = "") -> None:
        super().__init__("sealed_data_damaged", file=file)


@dataclass(frozen=True)
class ProfileKey:
    """One profile's data key: seals and opens its columns and files."""

    practitioner_id: int
    secret: bytes = field(repr=False)

    @classmethod
    def generate(cls, practitioner_id: int) -> ProfileKey:
        return cls(practitioner_id, os.urandom(KEY_BYTES))

    def seal(self, data: bytes, context: bytes) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        return nonce + _aesgcm(self.secret).encrypt(nonce, data, context)

    def open(self, sealed: bytes, context: bytes) -> bytes:
        from cryptography.exceptions import InvalidTag

        try:
            return _aesgcm(self.secret).decrypt(sealed[:NONCE_BYTES], sealed[NONCE_BYTES:], context)
        except (InvalidTag, ValueError) as exc:
            raise SealBroken from exc

    def content_name(self, data: bytes) -> str:
        """A file name for sealed content: keyed, so it reveals nothing about the bytes."""
        return hmac.new(self.secret, data, hashlib.sha256).hexdigest()

    def seal_file(self, data: bytes, name: str) -> bytes:
        header = _FILE_HEADER.pack(FILE_MAGIC, self.practitioner_id)
        return header + self.seal(data, header + name.encode())


def file_owner(head: bytes) -> int | None:
    """The profile id in a sealed file's first bytes, or None when they are not sealed."""
    if len(head) < _FILE_HEADER.size or not head.startswith(FILE_MAGIC):
        return None
    return int(_FILE_HEADER.unpack_from(head)[1])


def open_file(key: ProfileKey, sealed: bytes, name: str) -> bytes:
    header = sealed[: _FILE_HEADER.size]
    if file_owner(header) != key.practitioner_id:
        raise SealBroken
    return key.open(sealed[_FILE_HEADER.size :], header + name.encode())


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _kdf(pin: str, salt: bytes, log2_n: int, r: int, p: int) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=KEY_BYTES, n=2**log2_n, r=r, p=p).derive(pin.encode())


def wrap_key(key: ProfileKey, pin: str, log2_n: int | None = None) -> str:
    """The data key encrypted under a key derived from `pin` (text for the database), at
    the cost `log2_n` (default: `SCRYPT_LOG2_N` as it is when called; tests lower it). The
    cost is recorded in the text, so unwrapping needs no setting."""
    if log2_n is None:
        log2_n = SCRYPT_LOG2_N
    salt = os.urandom(16)
    kek = _kdf(pin, salt, log2_n, SCRYPT_R, SCRYPT_P)
    nonce = os.urandom(NONCE_BYTES)
    wrapped = _aesgcm(kek).encrypt(nonce, key.secret, _WRAP_AAD)
    return "$".join(
        [
            _WRAP_SCHEME,
            str(log2_n),
            str(SCRYPT_R),
            str(SCRYPT_P),
            _b64(salt),
            _b64(nonce),
            _b64(wrapped),
        ]
    )


def unwrap_key(wrapped: str, pin: str, practitioner_id: int) -> ProfileKey | None:
    """The data key, or None when the PIN is wrong (or the text is damaged)."""
    from cryptography.exceptions import InvalidTag

    try:
        scheme, log2_n, r, p, salt, nonce, body = wrapped.split("$")
        if scheme != _WRAP_SCHEME or not 10 <= int(log2_n) <= 22:
            return None
        kek = _kdf(pin, base64.b64decode(salt), int(log2_n), int(r), int(p))
        secret = _aesgcm(kek).decrypt(base64.b64decode(nonce), base64.b64decode(body), _WRAP_AAD)
    except (ValueError, TypeError, InvalidTag):
        return None
    return ProfileKey(practitioner_id, secret)


class Keyring:
    """The data keys of the protected profiles unlocked in this process (memory only)."""

    def __init__(self) -> None:
        self._keys: dict[int, ProfileKey] = {}

    def add(self, key: ProfileKey) -> None:
        self._keys[key.practitioner_id] = key

    def get(self, practitioner_id: int) -> ProfileKey | None:
        return self._keys.get(practitioner_id)

    def require(self, practitioner_id: int) -> ProfileKey:
        key = self._keys.get(practitioner_id)
        if key is None:
            raise ProfileLocked(practitioner_id)
        return key

    def forget(self, practitioner_id: int) -> None:
        self._keys.pop(practitioner_id, None)

    def forget_all(self) -> None:
        self._keys.clear()
