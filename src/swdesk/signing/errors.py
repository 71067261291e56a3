"""Errors of the signing package.

`SigningError` (a `UserFixableError`): a key, trust or decision file that cannot be
accepted, a wrong password, or a decision not trusted. `code` is one of
`SIGNING_ERROR_CODES` (the UI translates it); params: `file` (the file's name, when a file
was read), `reason` (English detail for logs) and, for trust checks, `office`,
`fingerprint`, `level` and `stage`; for attendance records, `provider`. `one_line()` is
the English one-liner for logs and the command line.

`FormatProblem` is internal: parsers raise it with a reason and the public functions turn
it into a `SigningError` with the code that fits the file being read (`refused_as`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from swdesk.domain.errors import UserFixableError

__all__ = [
    "SIGNING_ERROR_CODES",
    "FormatProblem",
    "SigningError",
    "UnsupportedVersion",
    "refused_as",
]

#: code → English phrase used by `one_line()`.
SIGNING_ERROR_CODES: dict[str, str] = {
    "wrong_password": "wrong password",
    "key_invalid": "not a valid office key",
    "trust_invalid": "not a valid trust list",
    "decision_invalid": "not a valid decision",
    "bad_signature": "signature does not match (the file was altered)",
    "untrusted_office": "office not in the trust list",
    "wrong_level": "office may not sign at this review stage",
    "format_unsupported": "format version not supported",
    "provider_key_invalid": "not a valid training provider key",
    "ce_record_invalid": "not a valid attendance record",
    "ce_record_too_large": "attendance record larger than 8 KB",
    "ce_record_wrong_provider": "attendance record not signed by this provider",
}


class SigningError(UserFixableError):
    """A signing-related file or check that failed; `code` is in `SIGNING_ERROR_CODES`."""

    def __init__(self, code: str, **params: Any) -> None:
        if code not in SIGNING_ERROR_CODES:
            raise ValueError(f"unknown signing error code: {code!r}")
        super().__init__(code, **params)

    @property
    def reason(self) -> str:
        return str(self.params.get("reason", ""))

    def one_line(self) -> str:
        """E.g. "a.swddec: not a valid decision (key 'stage' missing)"."""
        phrase = SIGNING_ERROR_CODES[self.code]
        detail = f" ({self.reason})" if self.reason else ""
        file = self.params.get("file")
        prefix = f"{file}: " if file else ""
        return f"{prefix}{phrase}{detail}"

    def __str__(self) -> str:
        return self.one_line()


class FormatProblem(ValueError):
    """Internal: a value read from a file breaks the format; str(self) says why."""


class UnsupportedVersion(FormatProblem):
    """Internal: the file is of the right kind but a `format_version` this build lacks."""


@contextmanager
def refused_as(invalid_code: str, **params: Any) -> Iterator[None]:
    """Reading a file: its `FormatProblem` becomes SigningError `invalid_code`, an
    `UnsupportedVersion` "format_unsupported", each with `params` and the `reason`."""
    try:
        yield
    except UnsupportedVersion as exc:
        raise SigningError("format_unsupported", **params, reason=str(exc)) from None
    except FormatProblem as exc:
        raise SigningError(invalid_code, **params, reason=str(exc)) from None
