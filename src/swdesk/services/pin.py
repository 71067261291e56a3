"""PINs of profiles on a shared PC: what a PIN may be, and its hash (`core.secret_hash`:
scrypt, ``scrypt$<n>$<r>$<p>$<salt b64>$<hash b64>``). A PIN is 4 to 12 digits.
"""

from __future__ import annotations

import re

from swdesk.core.secret_hash import check_secret, hash_secret
from swdesk.domain.errors import FieldIssue

_PIN_PATTERN = re.compile(r"^[0-9]{4,12}$")


def pin_issues(pin: str) -> list[FieldIssue]:
    """Why a PIN is not acceptable, if it isn't."""
    if not _PIN_PATTERN.match(pin):
        return [FieldIssue("pin", "pin_format", {"min": 4, "max": 12})]
    return []


def hash_pin(pin: str) -> str:
    """A new salted hash of `pin`."""
    return hash_secret(pin)


def check_pin(pin: str, stored: str) -> bool:
    """True when `pin` matches the stored hash; False for any malformed hash."""
    return check_secret(pin, stored)
