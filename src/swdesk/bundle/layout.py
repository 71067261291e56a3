"""The member layout of an application bundle: names, roles, media types, order, name
safety, canonical JSON and the content digest (docs/bundle-format.md).

Shared by the writer and the reader, so that the reader never refuses what the writer
wrote. Standard library only.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import Any

from swdesk.core.strict_json import canonical_bytes

__all__ = [
    "APPLICATION_FORMAT_VERSION",
    "APPLICATION_NAME",
    "BUNDLE_SUFFIX",
    "CE_RECORD_MEDIA_TYPE",
    "MAX_CE_RECORD_BYTES",
    "FORM_NAME",
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "MANIFEST_NAME",
    "PHOTO_NAME",
    "MemberRole",
    "MemberRule",
    "application_format_version",
    "canonical_json",
    "content_digest",
    "in_content_digest",
    "member_rule",
    "order_key",
    "record_member_name",
    "unsafe_name_reason",
]

FORMAT_NAME = "swdesk-application-bundle"
FORMAT_VERSION = 1
# application.json: version 2 adds registration.number (登记证书编号), version 3 an
# activity's "record" (a signed attendance record in the bundle); a writer writes the lowest
# version that holds its content, so that a reviewer's older swdesk reads that bundle
APPLICATION_FORMAT_VERSION = 3
NUMBERED_FORMAT_VERSION = 2
RECORDED_FORMAT_VERSION = 3
BUNDLE_SUFFIX = ".swdapp"
MANIFEST_NAME = "manifest.json"
APPLICATION_NAME = "application.json"
FORM_NAME = "form.pdf"
PHOTO_NAME = "photo.jpg"
SIGNED_FORM_PREFIX = "signed-form."
MAX_NAME_BYTES = 255
MAX_JSON_BYTES = 4 << 20  # manifest.json and application.json
# An attendance record member: swdesk.signing.ce_record.MAX_CE_RECORD_BYTES, repeated because
# bundle and signing are independent layers (pyproject's import contracts); a test keeps the
# two equal. The reader refuses a bigger member before any of it is hashed into memory.
MAX_CE_RECORD_BYTES = 8 * 1024
CE_RECORD_MEDIA_TYPE = "application/vnd.swdesk.ce-record+json"

SHA256_HEX = re.compile(r"[0-9a-f]{64}")
MEDIA_TYPES = {
    "json": "application/json",
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "png": "image/png",
    "swdce": CE_RECORD_MEDIA_TYPE,
}
MAGIC = {
    "pdf": b"%PDF-",
    "jpg": b"\xff\xd8\xff",
    "png": b"\x89PNG\r\n\x1a\n",
    # a record is canonical JSON, so its first key is always "format"
    "swdce": b'{"format":"swdesk-ce-record"',
}
#: The largest a member with this extension may be (none given: the bundle's limits only).
MAX_BYTES = {"swdce": MAX_CE_RECORD_BYTES}
_UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
MATERIAL_ROLES = ("identity_change", "late_explanation", "other")


class MemberRole(StrEnum):
    """The `role` of a manifest entry, in the order members appear in the bundle."""

    APPLICATION = "application"
    FORM = "form"
    PHOTO = "photo"
    EVIDENCE = "evidence"
    CE_RECORD = "ce_record"
    MATERIAL = "material"
    SIGNED_FORM = "signed_form"


_ROLE_RANK = {role: rank for rank, role in enumerate(MemberRole)}

_RULES: tuple[tuple[MemberRole, re.Pattern[str]], ...] = (
    (MemberRole.APPLICATION, re.compile(r"application\.(json)")),
    (MemberRole.FORM, re.compile(r"form\.(pdf)")),
    (MemberRole.PHOTO, re.compile(r"photo\.(jpg)")),
    (MemberRole.EVIDENCE, re.compile(r"evidence/[0-9a-f]{64}\.(pdf|jpg|png)")),
    (MemberRole.CE_RECORD, re.compile(rf"records/{_UUID}\.(swdce)")),
    (
        MemberRole.MATERIAL,
        re.compile(
            r"materials/(?:identity_change|late_explanation|other)-[1-9][0-9]{0,3}"
            r"\.(pdf|jpg|png)"
        ),
    ),
    (MemberRole.SIGNED_FORM, re.compile(r"signed-form\.(pdf|jpg|png)")),
)
#: Members that must be present exactly once.
REQUIRED_NAMES = (APPLICATION_NAME, FORM_NAME, PHOTO_NAME)


@dataclass(frozen=True, slots=True)
class MemberRule:
    """What the layout says about a member name: its role, extension and media type."""

    role: MemberRole
    extension: str
    media_type: str

    @property
    def magic(self) -> bytes:
        """The first bytes every member with this extension starts with (b"" for JSON)."""
        return MAGIC.get(self.extension, b"")

    @property
    def max_bytes(self) -> int | None:
        """The largest such a member may be, or None when only the bundle's limits apply."""
        return MAX_BYTES.get(self.extension)


@lru_cache(maxsize=4096)  # a verification asks about each name four times
def member_rule(name: str) -> MemberRule | None:
    """The layout rule `name` falls under, or None when the layout has no place for it
    (`manifest.json` included: the manifest is not one of the listed members)."""
    for role, pattern in _RULES:
        match = pattern.fullmatch(name)
        if match:
            extension = match.group(1)
            return MemberRule(role, extension, MEDIA_TYPES[extension])
    return None


def record_member_name(record_id: str) -> str:
    """The member name of the attendance record `record_id` (a canonical lower-case UUID):
    `records/<record_id>.swdce`. ValueError for anything else."""
    name = f"records/{record_id}.swdce"
    rule = member_rule(name)
    if rule is None or rule.role is not MemberRole.CE_RECORD:
        raise ValueError(f"not a record id in canonical lower-case UUID form: {record_id!r}")
    return name


def application_format_version(application: Any) -> int:
    """The lowest application.json format version that holds `application`: 3 when an
    activity carries a "record", else 2 when the registration carries a "number", else 1.
    Writers put this in "format_version", so a bundle without the newer content stays
    readable by an older swdesk (docs/bundle-format.md, "Versions")."""
    if any("record" in activity for activity in application.get("activities") or ()):
        return RECORDED_FORMAT_VERSION
    registration = application.get("registration")
    if isinstance(registration, dict) and "number" in registration:
        return NUMBERED_FORMAT_VERSION
    return 1


def order_key(name: str) -> tuple[int, str]:
    """Sort key of the canonical member order: by role (application, form, photo, evidence,
    attendance records, materials, signed form), then by name in code-point order. Layout
    names only."""
    rule = member_rule(name)
    if rule is None:
        raise ValueError(f"not a bundle member name: {name!r}")
    return _ROLE_RANK[rule.role], name


def in_content_digest(name: str) -> bool:
    """Whether a member counts towards the content digest: all but the form and the
    signed form (which show the digest, so cannot be part of it)."""
    return name != FORM_NAME and not name.startswith(SIGNED_FORM_PREFIX)


def canonical_json(value: Any) -> bytes:
    """The one byte form of a JSON value swdesk writes (`core.strict_json`), with a
    trailing newline. No floats in bundles."""
    return canonical_bytes(value)


def content_digest(members: Iterable[tuple[str, str]]) -> str:
    """SHA-256 (hex) identifying an application's content: over the canonical JSON array of
    `[name, sha256]` pairs, sorted by name, of every member except `form.pdf` and
    `signed-form.*` (pairs for those are ignored, so all members may be passed).

    Computable before the form is rendered; the form's QR code prints it. `manifest.json`
    is not a member and must not be passed (ValueError), nor a name twice.
    """
    pairs: dict[str, str] = {}
    for name, sha256 in members:
        if name == MANIFEST_NAME:
            raise ValueError("manifest.json is not part of the content digest")
        if not SHA256_HEX.fullmatch(sha256):
            raise ValueError(f"not a lower-case hex SHA-256: {sha256!r} ({name})")
        if name in pairs:
            raise ValueError(f"member listed twice: {name}")
        pairs[name] = sha256
    listed = [[name, pairs[name]] for name in sorted(pairs) if in_content_digest(name)]
    return hashlib.sha256(canonical_json(listed)).hexdigest()


_UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
_PLAIN_NAME = re.compile(r"[A-Za-z0-9._/-]+")


def unsafe_name_reason(name: str) -> str | None:
    """Why `name` is not safe as a member name anywhere (absolute, `..`, backslash, drive
    letter or colon, control or invisible characters, not NFC, empty parts), or None."""
    if not name:
        return "empty name"
    if len(name.encode("utf-8", "surrogatepass")) > MAX_NAME_BYTES:
        return "name longer than 255 bytes"
    if name.startswith("/"):
        return "absolute path"
    if "\\" in name:
        return "backslash in name"
    if ":" in name:
        return "drive letter or colon in name"
    if not _PLAIN_NAME.fullmatch(name):  # ASCII letters, digits, . _ - / need no more
        if any(unicodedata.category(c) in _UNSAFE_CATEGORIES for c in name):
            return "control or invisible character in name"
        if unicodedata.normalize("NFC", name) != name:
            return "name not in Unicode normal form C"
    parts = name.split("/")
    if ".." in parts:
        return "parent directory (..) in name"
    if any(part in ("", ".") for part in parts):
        return "empty or '.' path segment (or a directory entry)"
    return None
