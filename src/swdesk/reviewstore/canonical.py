"""Canonical JSON text for the review database: sorted keys, no spaces, UTF-8 as is.

Used for JSON columns and for the audit log's hash chain, whose hashes must not depend on
how a dictionary happened to be ordered.
"""

from __future__ import annotations

import json
from typing import Any

__all__ = ["canonical_text"]


def canonical_text(value: Any) -> str:
    """The one text form of a JSON value (no NaN; dates must already be strings)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      allow_nan=False)
