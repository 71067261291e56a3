"""The envelope every signing file shares (docs/review-formats.md §1):
`{"format": <name>, "format_version": 1, <body_key>: {...}, "signature": <base64>}`
(`signature` only in signed files), written as canonical JSON.

`open_envelope` checks the format name first, then the version (an unknown version is
`UnsupportedVersion`, whatever else the file holds), then the exact key set and the
signature's encoding. It does not verify the signature: the caller knows which key must.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .canonical import (
    b64decode,
    b64encode,
    canonical_file,
    expect_keys,
    get_object,
    get_str,
    load_canonical,
)
from .errors import FormatProblem, UnsupportedVersion

__all__ = [
    "FORMAT_VERSION",
    "SIGNATURE_BYTES",
    "Envelope",
    "check_format",
    "open_envelope",
    "write_envelope",
]

FORMAT_VERSION = 1
SIGNATURE_BYTES = 64  # Ed25519


@dataclass(frozen=True, slots=True)
class Envelope:
    """A parsed envelope: the body object and the signature (b"" when unsigned)."""

    body: dict[str, Any]
    signature: bytes


def write_envelope(
    format_name: str, body_key: str, body: Mapping[str, Any], signature: bytes | None
) -> bytes:
    """The canonical file bytes of an envelope; unsigned when `signature` is None."""
    value: dict[str, Any] = {
        "format": format_name,
        "format_version": FORMAT_VERSION,
        body_key: dict(body),
    }
    if signature is not None:
        value["signature"] = b64encode(signature)
    return canonical_file(value)


def check_format(value: Mapping[str, Any], format_name: str) -> None:
    """Refuse a file whose `format` is not `format_name` (FormatProblem) or whose
    `format_version` is not one this build reads (UnsupportedVersion)."""
    if value.get("format") != format_name:
        raise FormatProblem(f"not a {format_name} file")
    version = value.get("format_version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise FormatProblem("format_version missing or not an integer")
    if version != FORMAT_VERSION:
        raise UnsupportedVersion(f"format_version {version}; this swdesk reads {FORMAT_VERSION}")


def open_envelope(
    data: bytes, *, format_name: str, body_key: str, signed: bool, max_bytes: int
) -> Envelope:
    """Parse and check an envelope; raises FormatProblem or UnsupportedVersion."""
    value = load_canonical(data, max_bytes=max_bytes)
    check_format(value, format_name)
    keys = {"format", "format_version", body_key} | ({"signature"} if signed else set())
    expect_keys(value, keys, "file")
    body = get_object(value, body_key, "file")
    signature = b""
    if signed:
        signature = b64decode(
            get_str(value, "signature", "file"), length=SIGNATURE_BYTES, what="signature"
        )
    return Envelope(body, signature)
