"""The review decision a civil-affairs office signs (docs/review-formats.md §5): the
`Decision` payload, its rules (`decision_problem`) and its JSON object.

Plain data and checks only; signing and reading files is in `decision_file`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from swdesk.domain.dates import PLAUSIBLE_FIRST_YEAR, PLAUSIBLE_LAST_YEAR, is_plausible
from swdesk.domain.decision import DecisionOutcome, DecisionStage, ReasonCode

from .canonical import (
    MAX_INT,
    expect_keys,
    format_datetime,
    get_date,
    get_datetime,
    get_int,
    get_list,
    get_str,
    text_problem,
)
from .errors import FormatProblem
from .identity import OfficeIdentity, parse_identity

__all__ = [
    "OUTCOMES",
    "REASON_CODES",
    "STAGES",
    "Decision",
    "decision_problem",
    "decision_to_json",
    "parse_decision",
]

#: 初审 (first review, by a county or city office) and 终审 (final review, by the province).
STAGES: tuple[str, ...] = tuple(stage.value for stage in DecisionStage)
OUTCOMES: tuple[str, ...] = tuple(outcome.value for outcome in DecisionOutcome)
#: hours_short 学时不足, data_wrong 信息有误, material_unclear 材料不清晰, photo_unfit 照片不合格,
#: not_in_window 不在申请期, other 其他 (the domain's `ReasonCode`; labels belong to the UI).
REASON_CODES: tuple[str, ...] = tuple(code.value for code in ReasonCode)
MAX_REASONS = 20
MAX_NAME_CHARS = 100
MAX_COMMENT_CHARS = 2000
_SHA256_HEX = re.compile(r"[0-9a-f]{64}")
_KEYS = {
    "application_uid",
    "application_version",
    "bundle_id",
    "content_digest",
    "applicant_name",
    "stage",
    "outcome",
    "reasons",
    "late_accepted_reason",
    "registration_from",
    "registration_to",
    "decided_at",
    "sequence",
    "previous_hash",
    "office",
}
_REASON_KEYS = {"code", "comment"}


@dataclass(frozen=True, slots=True)
class Decision:
    """One office's decision on one exported application (see the module docs and
    docs/review-formats.md for each field). Constructing one checks nothing (lists of
    reasons become tuples); `decision_problem` says whether it may be signed."""

    application_uid: str
    application_version: int
    bundle_id: str
    content_digest: str
    applicant_name: str
    stage: str
    outcome: str
    reasons: tuple[tuple[str, str], ...]
    late_accepted_reason: str
    registration_from: date | None
    registration_to: date | None
    decided_at: datetime
    sequence: int
    previous_hash: str
    office: OfficeIdentity

    def __post_init__(self) -> None:
        if isinstance(self.reasons, list | tuple):
            object.__setattr__(
                self,
                "reasons",
                tuple(
                    tuple(reason) if isinstance(reason, list | tuple) else reason
                    for reason in self.reasons
                ),
            )


def _is_int(value: object, minimum: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and minimum <= value <= MAX_INT


def _is_date(value: object) -> bool:
    return isinstance(value, date) and not isinstance(value, datetime)


def _text(
    name: str, value: object, max_chars: int, *, empty_ok: bool = False, multiline: bool = False
) -> str | None:
    if not isinstance(value, str):
        return f"{name} must be a string"
    problem = text_problem(value, max_chars=max_chars, empty_ok=empty_ok, multiline=multiline)
    return f"{name}: {problem}" if problem else None


def _reasons_problem(reasons: object) -> str | None:
    if not isinstance(reasons, tuple):
        return "reasons must be a tuple of (code, comment)"
    if len(reasons) > MAX_REASONS:
        return f"more than {MAX_REASONS} reasons"
    for reason in reasons:
        if not isinstance(reason, tuple) or len(reason) != 2:
            return "each reason must be a (code, comment) pair"
        code, comment = reason
        if code not in REASON_CODES:
            return f"unknown reason code {code!r}"
        problem = _text("reason comment", comment, MAX_COMMENT_CHARS, empty_ok=True, multiline=True)
        if problem:
            return problem
    return None


def _registration_problem(d: Decision) -> str | None:
    period = (d.registration_from, d.registration_to)
    if d.stage == "final" and d.outcome == "approved":
        if not (_is_date(d.registration_from) and _is_date(d.registration_to)):
            return "a final approval needs the registration period (two dates)"
        assert d.registration_from is not None and d.registration_to is not None
        if d.registration_from >= d.registration_to:
            return "the registration period ends before it starts"
        if not (is_plausible(d.registration_from) and is_plausible(d.registration_to)):
            return (
                f"the registration period must lie in the years {PLAUSIBLE_FIRST_YEAR} "
                f"to {PLAUSIBLE_LAST_YEAR}"
            )
    elif period != (None, None):
        return "only a final approval carries a registration period"
    return None


def _chain_problem(sequence: object, previous_hash: object) -> str | None:
    if not _is_int(sequence, 1):
        return "sequence must be an integer of at least 1"
    if not isinstance(previous_hash, str):
        return "previous_hash must be a string"
    if sequence == 1 and previous_hash:
        return "the first decision (sequence 1) has no previous_hash"
    if sequence != 1 and not _SHA256_HEX.fullmatch(previous_hash):
        return "previous_hash must be the SHA-256 (lower-case hex) of the previous decision"
    return None


def decision_problem(d: Decision) -> str | None:
    """Why `d` is not a decision swdesk signs or accepts (English, for logs), or None."""
    checks: list[str | None] = [
        _text("application_uid", d.application_uid, MAX_NAME_CHARS),
        None if _is_int(d.application_version, 1) else "application_version must be >= 1",
    ]
    for name in ("bundle_id", "content_digest"):
        value = getattr(d, name)
        if not (isinstance(value, str) and _SHA256_HEX.fullmatch(value)):
            checks.append(f"{name} must be a SHA-256 in lower-case hex")
    checks += [
        _text("applicant_name", d.applicant_name, MAX_NAME_CHARS),
        None if d.stage in STAGES else f"stage must be one of {', '.join(STAGES)}",
        None if d.outcome in OUTCOMES else f"outcome must be one of {', '.join(OUTCOMES)}",
        _reasons_problem(d.reasons),
        "a rejection needs at least one reason"
        if d.outcome == "rejected" and not d.reasons
        else None,
        _text(
            "late_accepted_reason",
            d.late_accepted_reason,
            MAX_COMMENT_CHARS,
            empty_ok=True,
            multiline=True,
        ),
        _registration_problem(d),
        None
        if isinstance(d.decided_at, datetime) and d.decided_at.utcoffset() is not None
        else "decided_at must be a timezone-aware datetime",
        None
        if not isinstance(d.decided_at, datetime) or is_plausible(d.decided_at.date())
        else f"decided_at must lie in the years {PLAUSIBLE_FIRST_YEAR} to {PLAUSIBLE_LAST_YEAR}",
        _chain_problem(d.sequence, d.previous_hash),
        None if isinstance(d.office, OfficeIdentity) else "office must be an OfficeIdentity",
    ]
    return next((problem for problem in checks if problem), None)


def decision_to_json(d: Decision) -> dict[str, Any]:
    """The decision's JSON object (dates ISO 8601, reasons as {"code", "comment"})."""
    return {
        "application_uid": d.application_uid,
        "application_version": d.application_version,
        "bundle_id": d.bundle_id,
        "content_digest": d.content_digest,
        "applicant_name": d.applicant_name,
        "stage": d.stage,
        "outcome": d.outcome,
        "reasons": [{"code": code, "comment": comment} for code, comment in d.reasons],
        "late_accepted_reason": d.late_accepted_reason,
        "registration_from": _iso_or_none(d.registration_from),
        "registration_to": _iso_or_none(d.registration_to),
        "decided_at": format_datetime(d.decided_at),
        "sequence": d.sequence,
        "previous_hash": d.previous_hash,
        "office": d.office.to_json(),
    }


def _iso_or_none(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def parse_decision(value: Mapping[str, Any]) -> Decision:
    """A decision from its JSON object, types and rules checked; raises FormatProblem."""
    where = "decision"
    expect_keys(value, _KEYS, where)
    reasons = []
    for i, item in enumerate(get_list(value, "reasons", where, max_items=MAX_REASONS)):
        if not isinstance(item, dict):
            raise FormatProblem(f"decision.reasons[{i}] must be an object")
        expect_keys(item, _REASON_KEYS, f"decision.reasons[{i}]")
        reasons.append((get_str(item, "code", "reason"), get_str(item, "comment", "reason")))
    decision = Decision(
        application_uid=get_str(value, "application_uid", where),
        application_version=get_int(value, "application_version", where, minimum=1),
        bundle_id=get_str(value, "bundle_id", where),
        content_digest=get_str(value, "content_digest", where),
        applicant_name=get_str(value, "applicant_name", where),
        stage=get_str(value, "stage", where),
        outcome=get_str(value, "outcome", where),
        reasons=tuple(reasons),
        late_accepted_reason=get_str(value, "late_accepted_reason", where),
        registration_from=get_date(value, "registration_from", where),
        registration_to=get_date(value, "registration_to", where),
        decided_at=get_datetime(value, "decided_at", where),
        sequence=get_int(value, "sequence", where, minimum=1),
        previous_hash=get_str(value, "previous_hash", where),
        office=parse_identity(value["office"], "decision.office"),
    )
    problem = decision_problem(decision)
    if problem:
        raise FormatProblem(problem)
    return decision
