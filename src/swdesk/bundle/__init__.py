"""Application bundles (.swdapp): one canonical, uncompressed ZIP file holding an exported
(re-)registration application, written by practitioners and verified by reviewers offline.
The format is specified in docs/bundle-format.md.

Independent of storage, pdf, media, services and Qt: it reads and writes bytes and files.
"""

from .archive import (
    DEFAULT_MAX_MEMBERS,
    DEFAULT_MAX_TOTAL_BYTES,
    MemberStream,
    check_outline,
    open_member,
    read_member,
)
from .errors import BUNDLE_ERROR_CODES, BundleContentError, BundleError
from .layout import (
    BUNDLE_SUFFIX,
    CE_RECORD_MEDIA_TYPE,
    FORMAT_NAME,
    FORMAT_VERSION,
    MAX_CE_RECORD_BYTES,
    MemberRole,
    application_format_version,
    canonical_json,
    in_content_digest,
    record_member_name,
)
from .sources import BundleMember
from .verification import ManifestEntry, VerifiedBundle, verify_bundle, verify_bundle_bytes
from .writer import (
    BundleInfo,
    PreparedBundle,
    StagedBundle,
    content_digest,
    prepare_bundle,
    stage_bundle,
    write_bundle,
)

__all__ = [
    "BUNDLE_ERROR_CODES",
    "BUNDLE_SUFFIX",
    "CE_RECORD_MEDIA_TYPE",
    "DEFAULT_MAX_MEMBERS",
    "DEFAULT_MAX_TOTAL_BYTES",
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "MAX_CE_RECORD_BYTES",
    "BundleContentError",
    "BundleError",
    "BundleInfo",
    "BundleMember",
    "PreparedBundle",
    "StagedBundle",
    "ManifestEntry",
    "MemberRole",
    "MemberStream",
    "VerifiedBundle",
    "application_format_version",
    "canonical_json",
    "content_digest",
    "in_content_digest",
    "open_member",
    "read_member",
    "record_member_name",
    "check_outline",
    "verify_bundle",
    "verify_bundle_bytes",
    "prepare_bundle",
    "stage_bundle",
    "write_bundle",
]
