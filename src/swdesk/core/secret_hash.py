"""Slow, salted hashes of secrets a person types (a profile's PIN, a reviewer's password),
with scrypt from the standard library.

Stored form: ``scrypt$<n>$<r>$<p>$<salt b64>$<hash b64>``: the cost travels with each hash,
so raising the default cost later leaves older hashes checkable.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

__all__ = ["DEFAULT_COST", "check_secret", "hash_secret"]

DEFAULT_COST = 2**14  # scrypt's N: about 50 ms and 16 MiB here
_R, _P = 8, 1


def hash_secret(secret: str, *, cost: int = DEFAULT_COST) -> str:
    """A new salted hash of `secret` in the stored form."""
    salt = os.urandom(16)
    digest = hashlib.scrypt(secret.encode(), salt=salt, n=cost, r=_R, p=_P, dklen=32)
    return "$".join(
        [
            "scrypt",
            str(cost),
            str(_R),
            str(_P),
            base64.b64encode(salt).decode(),
            base64.b64encode(digest).decode(),
        ]
    )


def check_secret(secret: str, stored: str) -> bool:
    """True when `secret` matches the stored hash; False for any malformed hash."""
    try:
        scheme, n, r, p, salt_b64, hash_b64 = stored.split("$")
        if scheme != "scrypt":
            return False
        salt = base64.b64decode(salt_b64)
        expected = base64.b64decode(hash_b64)
        digest = hashlib.scrypt(
            secret.encode(), salt=salt, n=int(n), r=int(r), p=int(p), dklen=len(expected)
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(digest, expected)
