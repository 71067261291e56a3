"""The files swdesk hands between people, as the layers above the services see them: the
suffix each kind of file must have, the check of an application bundle in one line, and the
trust list's type. The command line and the windows take these from here instead of
reaching into `bundle`, `signing` or `storage`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from swdesk.bundle import BUNDLE_SUFFIX
from swdesk.signing import KEY_FILE_SUFFIX, TRUST_SUFFIX, TrustList
from swdesk.storage.backup_file import BACKUP_SUFFIX

__all__ = [
    "BACKUP_SUFFIX",
    "BUNDLE_SUFFIX",
    "KEY_FILE_SUFFIX",
    "TRUST_SUFFIX",
    "BundleCheck",
    "TrustList",
    "check_bundle_file",
]


@dataclass(frozen=True)
class BundleCheck:
    """What checking a bundle file found: intact (`summary`, e.g. "OK 申请包 ab12… · 9
    members · 1.2 MB · content cd34…"), or refused (`code`, e.g. "member_hash_mismatch",
    and `reason`, one line naming the member or the file)."""

    summary: str = ""
    code: str = ""
    reason: str = ""

    @property
    def ok(self) -> bool:
        return not self.code


def check_bundle_file(path: Path) -> BundleCheck:
    """Verify the bundle at `path` (every member against its hash, the manifest against
    its schema); a file that cannot be read is refused too ("bundle_unreadable")."""
    from swdesk.bundle import BundleError, verify_bundle

    try:
        verified = verify_bundle(path)
    except BundleError as error:
        return BundleCheck(code=error.code, reason=error.one_line())
    return BundleCheck(summary=verified.summary())
