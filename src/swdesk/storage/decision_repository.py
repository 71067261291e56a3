"""Repositories for the trusted review offices and the applied review decisions.

Same rules as `repositories` (re-exported there): domain objects in and out, never ORM rows,
never a commit. A decision's certificate PDF lives in the shared evidence store; methods that
drop a reference return the stored names nothing refers to any more (see `references`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, cast

from sqlalchemy import CursorResult, delete, func, insert, select, update
from sqlalchemy.orm import Session

from swdesk.database.errors import RecordNotFound
from swdesk.domain.decision import AppliedDecision, TrustedOffice

from .orm import ApplicationRow, DecisionRow, TrustedOfficeRow, now
from .references import unreferenced

# --- trusted offices ---------------------------------------------------------------------

_OFFICE_FIELDS = (
    "fingerprint",
    "name",
    "region",
    "level",
    "public_key",
    "trust_list_digest",
    "trust_list_sequence",
    "trust_list_issued_at",
    "is_issuer",
    "imported_at",
)


class TrustedOfficeRepository:
    """The offices of the one trust list in force (replaced whole by a newer list)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def list(self) -> list[TrustedOffice]:
        """Every trusted office: the issuer first, then by level and name."""
        columns = [getattr(TrustedOfficeRow, name) for name in _OFFICE_FIELDS]
        rows = self.session.execute(
            select(*columns).order_by(
                TrustedOfficeRow.is_issuer.desc(), TrustedOfficeRow.level, TrustedOfficeRow.name
            )
        )
        return [TrustedOffice(**dict(zip(_OFFICE_FIELDS, row, strict=True))) for row in rows]

    def get(self, fingerprint: str) -> TrustedOffice | None:
        return next((o for o in self.list() if o.fingerprint == fingerprint), None)

    def count(self) -> int:
        return int(self.session.scalar(select(func.count()).select_from(TrustedOfficeRow)) or 0)

    def replace_all(self, offices: Sequence[TrustedOffice]) -> None:
        """Forget the list in force and store `offices` (one trust list) instead."""
        self.session.execute(delete(TrustedOfficeRow))
        if offices:
            self.session.execute(
                insert(TrustedOfficeRow),
                [{name: getattr(o, name) for name in _OFFICE_FIELDS} for o in offices],
            )


# --- decisions ---------------------------------------------------------------------------

_DECISION_FIELDS = (
    "id",
    "application_id",
    "application_uid",
    "application_version",
    "bundle_id",
    "stage",
    "outcome",
    "late_accepted_reason",
    "registration_from",
    "registration_to",
    "decided_at",
    "office_fingerprint",
    "office_name",
    "sequence",
    "previous_hash",
    "digest",
    "imported_at",
    "certificate_file",
)
_DECISION_COLUMNS = (
    *(getattr(DecisionRow, name) for name in _DECISION_FIELDS),
    DecisionRow.reasons,
)


def _reasons_json(reasons: Sequence[tuple[str, str]]) -> str:
    return json.dumps([[code, comment] for code, comment in reasons], ensure_ascii=False)


def _decision(row: Any) -> AppliedDecision:
    values = dict(zip(_DECISION_FIELDS, row[: len(_DECISION_FIELDS)], strict=True))
    reasons = tuple((str(code), str(comment)) for code, comment in json.loads(row[-1]))
    return AppliedDecision(reasons=reasons, **values)


class DecisionRepository:
    """Applied decisions, newest first, and the raw signed files they came from."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, decision: AppliedDecision, raw: bytes) -> int:
        """Store an applied decision with its exact file bytes; returns its id."""
        values = {name: getattr(decision, name) for name in _DECISION_FIELDS if name != "id"}
        values["imported_at"] = decision.imported_at or now()
        values["reasons"] = _reasons_json(decision.reasons)
        values["raw"] = raw
        # an INSERT's result is a CursorResult (Session.execute is typed with the base Result)
        result = cast(
            "CursorResult[Any]", self.session.execute(insert(DecisionRow).values(**values))
        )
        key = result.inserted_primary_key
        assert key is not None
        return int(key[0])

    def get(self, decision_id: int) -> AppliedDecision:
        found = self._decisions(DecisionRow.id == decision_id)
        if not found:
            raise RecordNotFound("decisions", decision_id)
        return found[0]

    def by_digest(self, digest: str) -> AppliedDecision | None:
        found = self._decisions(DecisionRow.digest == digest)
        return found[0] if found else None

    def for_application(self, application_id: int) -> list[AppliedDecision]:
        """The decisions applied to one application version, newest first."""
        return self._decisions(DecisionRow.application_id == application_id)

    def for_applications(self, application_ids: Sequence[int]) -> list[AppliedDecision]:
        """The decisions applied to any of these application versions, newest first."""
        if not application_ids:
            return []
        return self._decisions(DecisionRow.application_id.in_(list(application_ids)))

    def from_office(self, fingerprint: str) -> list[AppliedDecision]:
        """Every decision applied from one office (any application), newest first."""
        return self._decisions(DecisionRow.office_fingerprint == fingerprint)

    def for_practitioner(self, pid: int) -> list[AppliedDecision]:
        """The decisions applied to any of the practitioner's applications, newest first."""
        return self._decisions(
            DecisionRow.application_id.in_(
                select(ApplicationRow.id).where(ApplicationRow.practitioner_id == pid)
            )
        )

    def raw(self, decision_id: int) -> bytes:
        """The exact signed file the decision was applied from."""
        value = self.session.scalar(select(DecisionRow.raw).where(DecisionRow.id == decision_id))
        if value is None:
            raise RecordNotFound("decisions", decision_id)
        return bytes(value)

    def set_certificate_file(self, decision_id: int, stored_name: str) -> list[str]:
        """Record the certificate PDF of a decision; returns the previous one if nothing
        refers to it any more."""
        old = self.session.scalar(
            select(DecisionRow.certificate_file).where(DecisionRow.id == decision_id)
        )
        if old is None:
            raise RecordNotFound("decisions", decision_id)
        self.session.execute(
            update(DecisionRow)
            .where(DecisionRow.id == decision_id)
            .values(certificate_file=stored_name)
        )
        return unreferenced(self.session, [old]) if old != stored_name else []

    def _decisions(self, *conditions: Any) -> list[AppliedDecision]:
        rows = self.session.execute(
            select(*_DECISION_COLUMNS).where(*conditions).order_by(DecisionRow.id.desc())
        )
        return [_decision(row) for row in rows]
