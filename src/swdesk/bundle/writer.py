"""Write an application bundle (.swdapp): check the members, hash them, then write the
canonical ZIP atomically (docs/bundle-format.md).

Two passes over file members: the first hashes every source (SHA-256 and CRC-32,
`sources.hash_member`), since the manifest holds every hash and must come first; the second
streams each source into the bundle and hashes it again (`zipwriter.py`), so a file changed
in between is caught ("file_changed") rather than shipped under a wrong hash. The passes are
the two steps of the API: `prepare_bundle` checks the members, hashes them and builds the
manifest (so the bundle's identifier, content digest and exact size are known before a byte
is written); `PreparedBundle.stage` writes it. The bundle is written under a temporary name
beside the destination (`.<name>.partial-<host>-<pid>-<random>`, `swdesk.core.outfiles`),
flushed and fsynced, and renamed over it, so the destination is the old file or the complete
new one, never half of one. `stage_bundle` stops before the rename: the caller records the
bundle (its id and digest) first and then publishes it, so a bundle at its destination is
always one the caller has recorded.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from swdesk.core.outfiles import OutputFile
from swdesk.core.timestamps import stamp
from swdesk.domain.errors import UserFixableError

from . import zipformat
from .checks import (
    JsonProblem,
    application_problem,
    load_json,
    manifest_problem,
    schema_fault,
    schema_problem,
)
from .errors import BundleContentError
from .layout import (
    APPLICATION_NAME,
    BUNDLE_SUFFIX,
    FORMAT_NAME,
    FORMAT_VERSION,
    MANIFEST_NAME,
    MAX_JSON_BYTES,
    REQUIRED_NAMES,
    MemberRole,
    canonical_json,
    content_digest,
    member_rule,
    order_key,
    unsafe_name_reason,
)
from .sources import MAX_BUNDLE_BYTES, BundleMember, Hashed, hash_member
from .zipwriter import write_temporary

__all__ = [
    "BundleInfo",
    "PreparedBundle",
    "StagedBundle",
    "content_digest",
    "prepare_bundle",
    "stage_bundle",
    "write_bundle",
]


@dataclass(frozen=True, slots=True)
class BundleInfo:
    """A bundle just written: where, its identifier (SHA-256 of manifest.json), its content
    digest (as printed in the form's QR code) and its size in bytes."""

    path: Path
    bundle_id: str
    content_digest: str
    size: int


class StagedBundle:
    """A bundle written in full and fsynced under a temporary name beside its destination:
    `publish` renames it into place (replacing the destination), `discard` removes it."""

    def __init__(self, out: OutputFile, info: BundleInfo) -> None:
        self._out = out
        self.info = info

    @property
    def temp(self) -> Path:
        return self._out.temp

    def publish(self) -> BundleInfo:
        """Rename it into place. Raises UserFixableError "disk_full" / "not_writable" /
        "folder_missing" (the temporary file is removed then, if the medium allows)."""
        try:
            self._out.publish()
        except BaseException:
            self._out.discard()
            raise
        return self.info

    def discard(self) -> None:
        self._out.discard()


@dataclass(frozen=True)
class PreparedBundle:
    """A bundle whose members are checked and hashed and whose manifest is built, not yet
    written: `bundle_id` (SHA-256 of manifest.json), `content_digest` and `size` (bytes) are
    what the bundle will have. `stage` writes it, re-hashing every source: one changed since
    `prepare_bundle` is "file_changed"."""

    manifest: bytes
    members: list[BundleMember]
    hashes: list[Hashed]
    content_digest: str
    size: int

    @property
    def bundle_id(self) -> str:
        return hashlib.sha256(self.manifest).hexdigest()

    def stage(self, dest: Path) -> StagedBundle:
        """The second pass: the bundle written in full and fsynced under a temporary name
        beside `dest` (see `stage_bundle`)."""
        dest = Path(dest)
        _check_destination(dest)
        out, size = write_temporary(dest, self.manifest, self.members, self.hashes)
        return StagedBundle(out, BundleInfo(dest, self.bundle_id, self.content_digest, size))


def write_bundle(
    dest: Path, members: Sequence[BundleMember], *, created_at: datetime, generator: str
) -> BundleInfo:
    """Write `members` as the bundle `dest` (suffix .swdapp), replacing it atomically.

    Members may come in any order; they are written in the canonical order. Raises
    `BundleContentError` when the members break the format (a bug) and `UserFixableError`:
    "file_unreadable" / "file_changed" (params file, member) for a source, "disk_full" /
    "not_writable" / "folder_missing" (params path, file) for the destination,
    "bundle_too_large" (max_mb).
    """
    return stage_bundle(dest, members, created_at=created_at, generator=generator).publish()


def stage_bundle(
    dest: Path, members: Sequence[BundleMember], *, created_at: datetime, generator: str
) -> StagedBundle:
    """Everything `write_bundle` does but the rename: the bundle is complete and fsynced
    under its temporary name; publish or discard the result. Leftover temporary bundles of
    writers that died in `dest`'s folder are removed first (`outfiles.remove_leftovers`)."""
    _check_destination(dest)
    return prepare_bundle(members, created_at=created_at, generator=generator).stage(dest)


def prepare_bundle(
    members: Sequence[BundleMember], *, created_at: datetime, generator: str
) -> PreparedBundle:
    """The first pass: the members checked and put in canonical order, every source hashed,
    the manifest built and the bundle's size checked against the limit. Raises as
    `write_bundle` does, but never for the destination: nothing is written yet."""
    ordered = _checked_members(members)
    _check_application(ordered)
    hashes = [hash_member(member) for member in ordered]
    digest = content_digest((m.name, h.sha256) for m, h in zip(ordered, hashes, strict=True))
    manifest = _manifest_bytes(ordered, hashes, created_at, generator, digest)
    total = _bundle_size(manifest, ordered, hashes)
    if total > MAX_BUNDLE_BYTES:
        raise UserFixableError(
            "bundle_too_large", max_mb=MAX_BUNDLE_BYTES >> 20, size_mb=round(total / (1 << 20), 1)
        )
    return PreparedBundle(manifest, ordered, hashes, digest, total)


# -- checks before anything is read or written ------------------------------------------


def _check_destination(dest: Path) -> None:
    if Path(dest).suffix.lower() != BUNDLE_SUFFIX:
        raise BundleContentError(f"a bundle's name must end in {BUNDLE_SUFFIX}: {Path(dest).name}")


def _checked_members(members: Sequence[BundleMember]) -> list[BundleMember]:
    """The members in canonical order, after checking names, roles and media types."""
    seen: set[str] = set()
    for member in members:
        reason = unsafe_name_reason(member.name)
        if reason:
            raise BundleContentError(f"{member.name!r}: {reason}")
        rule = member_rule(member.name)
        if rule is None:
            raise BundleContentError(f"{member.name}: no such member in the bundle layout")
        if rule.role != member.role:
            raise BundleContentError(f"{member.name}: role must be {rule.role.value}")
        if rule.media_type != member.media_type:
            raise BundleContentError(f"{member.name}: media type must be {rule.media_type}")
        if member.name in seen:
            raise BundleContentError(f"{member.name}: given twice")
        seen.add(member.name)
    for name in REQUIRED_NAMES:
        if name not in seen:
            raise BundleContentError(f"{name}: required member missing")
    if sum(member.role == MemberRole.SIGNED_FORM for member in members) > 1:
        raise BundleContentError("more than one signed form")
    return sorted(members, key=lambda member: order_key(member.name))


def _check_application(members: list[BundleMember]) -> None:
    """application.json must parse and match its schema and the members."""
    member = next(m for m in members if m.name == APPLICATION_NAME)
    if member.data is None:  # a file could change between this check and pass 1
        raise BundleContentError("application.json: give it as data, not as a path")
    data = member.data
    if len(data) > MAX_JSON_BYTES:
        raise BundleContentError(f"application.json: larger than {MAX_JSON_BYTES} bytes")
    try:
        application = load_json(data)
    except JsonProblem as exc:
        raise BundleContentError(f"application.json: {exc}") from None
    problem = application_problem(application, [(m.name, m.role) for m in members])
    if problem:
        field = _typed_field_at_fault(application)
        if field is not None:
            # what a person typed (or data stored by an older version): they can fix it;
            # the value itself is never put into the error (it may be an ID number)
            raise UserFixableError("bundle_field_invalid", field=field)
        raise BundleContentError(f"application.json: {problem}")


# where a typed value sits in application.json → the field name the UI has a label for
_TYPED_FIELDS = {
    ("applicant", "name"): "name",
    ("applicant", "id_number"): "id_number",
    ("applicant", "phone"): "phone",
    ("applicant", "employer"): "employer",
    ("applicant", "employer_credit_code"): "employer_credit_code",
    ("applicant", "post"): "post",
    ("applicant", "county"): "county",
    ("certificate", "number"): "certificate_number",
    ("late_explanation",): "late_explanation",
    ("registration", "number"): "registration_number",
}
_TYPED_ACTIVITY_FIELDS = ("title", "organiser")


def _typed_field_at_fault(application: object) -> str | None:
    """The first field a person types that breaks the schema, or None when the fault is
    elsewhere (a bug in the caller)."""
    fault = schema_fault("application", application)
    if fault is None:
        return None
    path = fault.path
    if path in _TYPED_FIELDS:
        return _TYPED_FIELDS[path]
    if len(path) == 3 and path[0] == "activities" and path[2] in _TYPED_ACTIVITY_FIELDS:
        return path[2]
    return None


# -- the manifest ----------------------------------------------------------------------


def _manifest_bytes(
    members: list[BundleMember],
    hashes: list[Hashed],
    created_at: datetime,
    generator: str,
    digest: str,
) -> bytes:
    manifest = {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "created_at": stamp(created_at, "seconds"),
        "generator": generator,
        "content_digest": digest,
        "members": [
            {
                "name": m.name,
                "size": h.size,
                "media_type": m.media_type,
                "sha256": h.sha256,
                "role": str(m.role),
            }
            for m, h in zip(members, hashes, strict=True)
        ],
    }
    problem = schema_problem("manifest", manifest) or manifest_problem(manifest)
    if problem:
        raise BundleContentError(f"manifest.json: {problem}")
    return canonical_json(manifest)


def _bundle_size(manifest: bytes, members: list[BundleMember], hashes: list[Hashed]) -> int:
    """The exact size of the bundle these members make."""
    per_member = zipformat.LOCAL_HEADER_SIZE + zipformat.CENTRAL_HEADER_SIZE
    sizes = [(MANIFEST_NAME, len(manifest))]
    sizes += [(m.name, h.size) for m, h in zip(members, hashes, strict=True)]
    return zipformat.END_RECORD_SIZE + sum(
        per_member + 2 * len(name.encode("utf-8")) + size for name, size in sizes
    )
