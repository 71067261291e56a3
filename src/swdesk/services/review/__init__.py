"""Reviewer mode: civil-affairs offices import application bundles, check them, decide
(signed), pass first-level approvals up to the province and send decisions back.

Entry points: `init_review_workspace` / `open_review_workspace` → `ReviewWorkspace`
(`.service` is the `ReviewService`), on a reviewer folder (a Path) or on the office's
database server (a `ReviewServer`). Everything returned is a plain dataclass of `models`.
"""

from swdesk.reviewstore.queue import SORT_KEYS, QueueFilter
from swdesk.reviewstore.vocabulary import (
    REASON_CODES,
    DecisionOutcome,
    ReviewStage,
    ReviewState,
)
from swdesk.signing import OfficeIdentity, ReviewLevel

from .checks import CHECK_CODES
from .labels import REASON_LABELS, STATE_LABELS
from .location import ReviewServer, is_server_url, location_text
from .models import (
    ApplicationDetail,
    AuditVerification,
    CertificateMatch,
    CheckResult,
    DecisionInfo,
    DecisionResult,
    HistoryEntry,
    ImportOutcome,
    ImportReport,
    MemberInfo,
    PurgeReport,
    QueueRow,
    RecordVerdict,
)
from .office_setup import init_review_workspace
from .review_folder import review_folder_state, review_root
from .service import Progress, ReviewService
from .staff import MIN_PASSWORD_LENGTH
from .workspace import ReviewWorkspace, open_review_workspace

__all__ = [
    "CHECK_CODES",
    "MIN_PASSWORD_LENGTH",
    "REASON_CODES",
    "REASON_LABELS",
    "SORT_KEYS",
    "STATE_LABELS",
    "ApplicationDetail",
    "AuditVerification",
    "CertificateMatch",
    "CheckResult",
    "DecisionInfo",
    "DecisionOutcome",
    "DecisionResult",
    "HistoryEntry",
    "ImportOutcome",
    "ImportReport",
    "MemberInfo",
    "OfficeIdentity",
    "Progress",
    "PurgeReport",
    "QueueFilter",
    "QueueRow",
    "RecordVerdict",
    "ReviewLevel",
    "ReviewServer",
    "ReviewService",
    "ReviewStage",
    "ReviewState",
    "ReviewWorkspace",
    "init_review_workspace",
    "is_server_url",
    "location_text",
    "open_review_workspace",
    "review_folder_state",
    "review_root",
]
