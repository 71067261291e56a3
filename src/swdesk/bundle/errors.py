"""Errors of the bundle package.

`BundleError` (a `UserFixableError`): a bundle file that cannot be accepted, with a stable
`code` the UI translates and params `file` (the bundle's file name), `member` (when one
member is at fault) and `reason` (English detail for logs). `one_line()` is the English
one-liner for the command line and logs.

`BundleContentError` (a `ValueError`): members handed to the writer that break the
format; a bug in the caller, not something the user can fix.
"""

from __future__ import annotations

import re
from typing import Any

from swdesk.domain.errors import UserFixableError

__all__ = ["BUNDLE_ERROR_CODES", "BundleContentError", "BundleError"]

#: code → English phrase used by `one_line()`.
BUNDLE_ERROR_CODES: dict[str, str] = {
    "bundle_unreadable": "cannot be read",
    "not_a_bundle": "not an application bundle",
    "manifest_invalid": "manifest invalid",
    "format_unsupported": "format version not supported",
    "member_missing": "listed in the manifest but missing",
    "member_unlisted": "in the file but not listed in the manifest",
    "member_duplicate": "appears more than once",
    "member_unsafe_name": "unsafe name",
    "member_not_stored": "not stored plainly",
    "member_size_mismatch": "size mismatch",
    "member_hash_mismatch": "hash mismatch",
    "bundle_too_large": "too large",
    "too_many_members": "too many members",
    "application_invalid": "application.json invalid",
    "content_digest_mismatch": "content digest mismatch",
    "bundle_not_canonical": "not in swdesk's canonical layout (the file was changed)",
}

_LONG_HASH = re.compile(r"([0-9a-f]{8})[0-9a-f]{56}")


def short_member_name(name: str) -> str:
    """A member name for one line: hashes shortened, invisible characters escaped."""
    shown = _LONG_HASH.sub(r"\1…", name)
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in shown)


class BundleError(UserFixableError):
    """A bundle that cannot be accepted; `code` is one of `BUNDLE_ERROR_CODES`."""

    def __init__(self, code: str, *, member: str | None = None, **params: Any) -> None:
        if member is not None:
            params["member"] = member
        super().__init__(code, **params)
        self.member = member

    @property
    def reason(self) -> str:
        return str(self.params.get("reason", ""))

    def one_line(self) -> str:
        """E.g. "member evidence/ab12cd34….pdf: hash mismatch" or "not an application
        bundle (no ZIP end record)"."""
        phrase = BUNDLE_ERROR_CODES.get(self.code, self.code)
        detail = f" ({self.reason})" if self.reason else ""
        if self.member is not None:
            return f"member {short_member_name(self.member)}: {phrase}{detail}"
        file = self.params.get("file")
        prefix = f"{file}: " if file else ""
        return f"{prefix}{phrase}{detail}"

    def __str__(self) -> str:
        return self.one_line()


class BundleContentError(ValueError):
    """The members given to `write_bundle` break the format (a caller bug)."""
