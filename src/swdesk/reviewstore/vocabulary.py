"""The reviewer's vocabulary: review states, stages, outcomes and reason codes.

Stable ASCII codes stored in the review database and in decision files; Chinese labels for
files the reviewer hands on (the roster, the import report) live in `services.review.labels`,
sentences for the screen in the UI's translations.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["REASON_CODES", "DecisionOutcome", "ReviewStage", "ReviewState"]


class ReviewState(StrEnum):
    """Where one imported application stands in this office."""

    PENDING = "pending"  # 待审核
    FIRST_APPROVED = "first_approved"  # 初审通过 (locked at the first level)
    FIRST_REJECTED = "first_rejected"  # 初审未通过
    FINAL_APPROVED = "final_approved"  # 终审通过 (locked)
    FINAL_REJECTED = "final_rejected"  # 终审未通过
    SUPERSEDED = "superseded"  # a newer version of the same application arrived

    @property
    def decided(self) -> bool:
        return self not in (ReviewState.PENDING, ReviewState.SUPERSEDED)

    @property
    def locked(self) -> bool:
        """No further decision at this level: approved, or replaced by a newer version."""
        return self in (
            ReviewState.FIRST_APPROVED,
            ReviewState.FINAL_APPROVED,
            ReviewState.SUPERSEDED,
        )


class ReviewStage(StrEnum):
    """初审 at the county or city, 终审 at the province."""

    FIRST = "first"
    FINAL = "final"


class DecisionOutcome(StrEnum):
    APPROVED = "approved"
    REJECTED = "rejected"


#: Standard reason codes, in the order the reviewer sees them.
REASON_CODES = (
    "hours_short",
    "data_wrong",
    "material_unclear",
    "photo_unfit",
    "not_in_window",
    "other",
)


def decided_state(stage: ReviewStage, outcome: DecisionOutcome) -> ReviewState:
    """The state a decision of `stage` with `outcome` puts an application in."""
    approved = outcome is DecisionOutcome.APPROVED
    if stage is ReviewStage.FIRST:
        return ReviewState.FIRST_APPROVED if approved else ReviewState.FIRST_REJECTED
    return ReviewState.FINAL_APPROVED if approved else ReviewState.FINAL_REJECTED
