"""PIN hashing for profiles on a shared PC (scrypt from the standard library).

Stored form: ``scrypt$<n>$<r>$<p>$<salt b64>$<hash b64>``. A PIN is 4 to 12 digits.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re

from swdesk.domain.errors import FieldIssue

_N, _R, _P = 2**14, 8, 1
_PIN_PATTERN = re.compile(r"^[0-9]{4,12}$")


def pin_issues(pin: str) -> list[FieldIssue]:
    """Why a PIN is not acceptable, if it isn't."""
    if not _PIN_PATTERN.match(pin):
        return [FieldIssue("pin", "pin_format", {"min": 4, "max": 12})]
    return []


def hash_pin(pin: str) -> str:
    salt = os.urandom(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return "$".join(
        [
            "scrypt",
            str(_N),
            str(_R),
            str(_P),
            base64.b64encode(salt).decode(),
            base64.b64encode(digest).decode(),
        ]
    )


def check_pin(pin: str, stored: str) -> bool:
    """True when `pin` matches the stored hash; False for any malformed hash."""
    try:
        scheme, n, r, p, salt_b64, hash_b64 = stored.split("$")
        if scheme != "scrypt":
            return False
        salt = base64.b64decode(salt_b64)
        expected = base64.b64decode(hash_b64)
        digest = hashlib.scrypt(
            pin.encode(), salt=salt, n=int(n), r=int(r), p=int(p), dklen=len(expected)
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(digest, expected)
