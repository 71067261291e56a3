"""Reviewer mode: civil-affairs offices import application bundles, check them, decide
(signed), pass first-level approvals up to the province and send decisions back.

Entry points: `init_review_workspace` / `open_review_workspace` → `ReviewWorkspace`
(`.service` is the `ReviewService`), on a reviewer folder (a Path) or on the office's
database server (a `ReviewServer`). Everything returned is a plain dataclass of `models`.

The package's names load on first use (PEP 562): importing one module of the package, such
as `check_pool` in the import's worker processes, runs neither SQLAlchemy nor the review
store nor the rest of the package that these names would bring in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from swdesk.core.lazy_names import lazy_names

if TYPE_CHECKING:
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

_HOMES = {
    "SORT_KEYS": "swdesk.reviewstore.queue",
    "QueueFilter": "swdesk.reviewstore.queue",
    "REASON_CODES": "swdesk.reviewstore.vocabulary",
    "DecisionOutcome": "swdesk.reviewstore.vocabulary",
    "ReviewStage": "swdesk.reviewstore.vocabulary",
    "ReviewState": "swdesk.reviewstore.vocabulary",
    "OfficeIdentity": "swdesk.signing",
    "ReviewLevel": "swdesk.signing",
    "CHECK_CODES": "swdesk.services.review.checks",
    "REASON_LABELS": "swdesk.services.review.labels",
    "STATE_LABELS": "swdesk.services.review.labels",
    "ReviewServer": "swdesk.services.review.location",
    "is_server_url": "swdesk.services.review.location",
    "location_text": "swdesk.services.review.location",
    "ApplicationDetail": "swdesk.services.review.models",
    "AuditVerification": "swdesk.services.review.models",
    "CertificateMatch": "swdesk.services.review.models",
    "CheckResult": "swdesk.services.review.models",
    "DecisionInfo": "swdesk.services.review.models",
    "DecisionResult": "swdesk.services.review.models",
    "HistoryEntry": "swdesk.services.review.models",
    "ImportOutcome": "swdesk.services.review.models",
    "ImportReport": "swdesk.services.review.models",
    "MemberInfo": "swdesk.services.review.models",
    "PurgeReport": "swdesk.services.review.models",
    "QueueRow": "swdesk.services.review.models",
    "RecordVerdict": "swdesk.services.review.models",
    "init_review_workspace": "swdesk.services.review.office_setup",
    "review_folder_state": "swdesk.services.review.review_folder",
    "review_root": "swdesk.services.review.review_folder",
    "Progress": "swdesk.services.review.service",
    "ReviewService": "swdesk.services.review.service",
    "MIN_PASSWORD_LENGTH": "swdesk.services.review.staff",
    "ReviewWorkspace": "swdesk.services.review.workspace",
    "open_review_workspace": "swdesk.services.review.workspace",
}


__getattr__, __dir__ = lazy_names(__name__, _HOMES)
