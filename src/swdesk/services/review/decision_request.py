"""What a reviewer asks to decide: the outcome, the reasons (known codes, each with an
optional comment) and the reason a late application is accepted, checked before anything
is read or signed, with the row version the reviewer saw and whether to take over a claim."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from swdesk.domain.errors import UserFixableError
from swdesk.reviewstore.vocabulary import REASON_CODES, DecisionOutcome

__all__ = ["MAX_COMMENT_CHARS", "DecisionRequest"]

MAX_COMMENT_CHARS = 2000


@dataclass(frozen=True, slots=True)
class DecisionRequest:
    outcome: DecisionOutcome
    reasons: tuple[tuple[str, str], ...]
    late_reason: str
    # the application's row version as the reviewer saw it (None: not checked)
    expected_version: int | None = None
    take_over: bool = False  # decide even though someone else claimed it

    @classmethod
    def checked(
        cls,
        outcome: str,
        reasons: Sequence[tuple[str, str]],
        late_reason: str = "",
        *,
        expected_version: int | None = None,
        take_over: bool = False,
    ) -> DecisionRequest:
        """Raises UserFixableError: outcome_unknown, reason_unknown, reason_required,
        comment_too_long."""
        try:
            verdict = DecisionOutcome(outcome)
        except ValueError:
            raise UserFixableError("outcome_unknown", outcome=str(outcome)) from None
        cleaned: list[tuple[str, str]] = []
        for code, comment in reasons:
            if code not in REASON_CODES:
                raise UserFixableError("reason_unknown", reason_code=str(code))
            comment = str(comment).strip()
            if len(comment) > MAX_COMMENT_CHARS:
                raise UserFixableError(
                    "comment_too_long", reason_code=code, max_chars=MAX_COMMENT_CHARS
                )
            cleaned.append((code, comment))
        if verdict is DecisionOutcome.REJECTED and not cleaned:
            raise UserFixableError("reason_required")
        late_reason = late_reason.strip()
        if len(late_reason) > MAX_COMMENT_CHARS:
            raise UserFixableError(
                "comment_too_long", reason_code="late_reason", max_chars=MAX_COMMENT_CHARS
            )
        return cls(verdict, tuple(cleaned), late_reason, expected_version, take_over)
