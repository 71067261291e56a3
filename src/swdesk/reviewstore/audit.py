"""The audit log: every reviewer action appended to a hash chain.

Entry n stores `prev_hash` (entry n-1's hash, "" for the first) and
`hash = sha256(prev_hash + canonical JSON of {seq, at, actor, action, application_id,
details})`. Changing, inserting or deleting an entry breaks the chain at that entry;
`verify_chain` reports the first one. Details never hold a full ID number (checked here).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from swdesk.core.strict_json import canonical_text
from swdesk.database.locking import hold_write_lock

from .orm import AuditRow

__all__ = [
    "WRITE_LOCK",
    "AuditEntry",
    "ChainCheck",
    "append_entries",
    "append_entry",
    "entries",
    "entry_hash",
    "lock_writes",
    "newest_change",
    "verify_chain",
]

WRITE_LOCK = "review-office-writes"  # see the module's docstring
#: entries that record a look, not a change: the change marker skips them
LOOKS = ("opened", "id_revealed")

# 18 characters of an ID number standing alone (not inside a longer hex digest)
_FULL_ID_NUMBER = re.compile(r"(?<![0-9A-Fa-f])[0-9]{17}[0-9Xx](?![0-9A-Fa-f])")


@dataclass(frozen=True, slots=True)
class AuditEntry:
    seq: int
    at: str
    actor: str
    action: str
    application_id: int | None
    details: dict[str, Any]
    prev_hash: str
    hash: str


@dataclass(frozen=True, slots=True)
class ChainCheck:
    ok: bool
    entries: int
    first_broken: int | None  # the seq of the first entry that does not verify


def entry_hash(
    prev_hash: str,
    seq: int,
    at: str,
    actor: str,
    action: str,
    application_id: int | None,
    details: Mapping[str, Any],
) -> str:
    body = canonical_text(
        {
            "seq": seq,
            "at": at,
            "actor": actor,
            "action": action,
            "application_id": application_id,
            "details": dict(details),
        }
    )
    return hashlib.sha256((prev_hash + body).encode("utf-8")).hexdigest()


def _refuse_full_id_numbers(details: Mapping[str, Any]) -> None:
    if _FULL_ID_NUMBER.search(canonical_text(dict(details))):
        raise ValueError("audit details must not contain a full ID number")


def lock_writes(session: Session) -> None:
    """Hold the office's write lock until the transaction ends (see the module)."""
    hold_write_lock(session, WRITE_LOCK)


def newest_change(session: Session) -> int:
    """The seq of the newest entry that records a change (an import, a decision, a claim,
    a deletion...; not a look such as "opened"): 0 for none. One index walk from the end."""
    found = session.execute(
        select(AuditRow.seq)
        .where(AuditRow.action.not_in(LOOKS))
        .order_by(AuditRow.seq.desc())
        .limit(1)
    ).scalar_one_or_none()
    return int(found or 0)


def append_entry(
    session: Session,
    *,
    at: str,
    actor: str,
    action: str,
    application_id: int | None = None,
    details: Mapping[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry in the caller's transaction and return it."""
    return append_entries(
        session, at=at, actor=actor, items=[(action, application_id, details or {})]
    )[0]


def append_entries(
    session: Session,
    *,
    at: str,
    actor: str,
    items: Sequence[tuple[str, int | None, Mapping[str, Any]]],
) -> list[AuditEntry]:
    """Append entries (action, application id, details), in order, in the caller's
    transaction: one read of the last entry and one bulk insert for all of them."""
    if not items:
        return []
    lock_writes(session)
    last = session.execute(
        select(AuditRow.seq, AuditRow.hash).order_by(AuditRow.seq.desc()).limit(1)
    ).first()
    seq = int(last[0]) if last else 0
    prev_hash = str(last[1]) if last else ""
    appended: list[AuditEntry] = []
    for action, application_id, given in items:
        details = dict(given)
        _refuse_full_id_numbers(details)
        seq += 1
        digest = entry_hash(prev_hash, seq, at, actor, action, application_id, details)
        appended.append(
            AuditEntry(seq, at, actor, action, application_id, details, prev_hash, digest)
        )
        prev_hash = digest
    session.execute(
        insert(AuditRow),
        [
            {
                "seq": e.seq,
                "at": e.at,
                "actor": e.actor,
                "action": e.action,
                "application_id": e.application_id,
                "details": canonical_text(e.details),
                "prev_hash": e.prev_hash,
                "hash": e.hash,
            }
            for e in appended
        ],
    )
    return appended


def verify_chain(session: Session) -> ChainCheck:
    """Walk the whole log in order (streamed) and report the first broken entry."""
    expected_seq, prev_hash, count = 1, "", 0
    rows = session.execute(
        select(
            AuditRow.seq,
            AuditRow.at,
            AuditRow.actor,
            AuditRow.action,
            AuditRow.application_id,
            AuditRow.details,
            AuditRow.prev_hash,
            AuditRow.hash,
        )
        .order_by(AuditRow.seq)
        .execution_options(yield_per=2000)
    )
    broken: int | None = None
    for seq, at, actor, action, application_id, details_text, stored_prev, stored_hash in rows:
        count += 1
        if seq != expected_seq:
            broken = expected_seq  # an entry is missing (or the numbering was changed)
            break
        try:
            details = json.loads(details_text)
            computed = entry_hash(prev_hash, seq, at, actor, action, application_id, details)
        except (ValueError, TypeError):
            broken = seq
            break
        if stored_prev != prev_hash or stored_hash != computed:
            broken = seq
            break
        prev_hash, expected_seq = stored_hash, expected_seq + 1
    if broken is None:
        return ChainCheck(True, count, None)
    rows.close()
    total = int(session.execute(select(func.count()).select_from(AuditRow)).scalar_one())
    return ChainCheck(False, total, broken)


def entries(
    session: Session, *, application_id: int | None = None, limit: int = 200
) -> list[AuditEntry]:
    """The newest entries (of one application, if given), newest first."""
    statement = select(AuditRow).order_by(AuditRow.seq.desc()).limit(limit)
    if application_id is not None:
        statement = statement.where(AuditRow.application_id == application_id)
    return [
        AuditEntry(
            r.seq,
            r.at,
            r.actor,
            r.action,
            r.application_id,
            json.loads(r.details),
            r.prev_hash,
            r.hash,
        )
        for r in session.execute(statement).scalars()
    ]
