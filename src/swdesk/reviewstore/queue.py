"""The review queue in SQL: filters, search, sorting and pages over `applications`.

Everything happens in SQLite with the indexes of `orm.ApplicationRow`; Python only ever
sees one page of rows. Search: text that looks like (the end of) an ID number matches the
full number exactly or its last characters (an index range on the reversed number); the
text of an attendance certificate's QR code (`SWDCE1|<record_id>|<sha256>`, what a barcode
scanner types) finds the applications carrying exactly that record file
(`certificate_code`); anything else is a substring of the applicant's name.

Each row also says how many *other* applications awaiting review (another uid) carry the
same ID number: two pending applications of one person usually mean a double submission
the reviewer should look at before deciding either (`QueueFilter.shared_id_only` lists
just those).

Each row names who claimed it (the staff member working on it) and carries its row version
(what a decision made from this view expects, see `ApplicationStore.set_state`);
`QueueFilter.claims` shows only one's own ("mine") or nobody's ("unclaimed").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Integer, Select, String, and_, exists, false, func, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from .orm import ApplicationRow, ProviderRecordRow, StaffRow
from .vocabulary import ReviewState

__all__ = [
    "SORT_KEYS",
    "QueueFilter",
    "certificate_code",
    "QueueRecord",
    "count_queue",
    "count_same_id_pending",
    "queue_page",
]

_ID_PART = re.compile(r"[0-9]{1,17}[0-9X]?|[0-9]{0,17}X")
_ID_UPPER = "~"  # sorts after every character of an ID number (in code point order)
# docs/review-formats.md §8: the prefix, the record id and the SHA-256 of the record file
_CERTIFICATE_CODE = re.compile(
    r"SWDCE1\|([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\|([0-9a-f]{64})",
    re.IGNORECASE,
)


def certificate_code(text: str) -> tuple[str, str] | None:
    """(record id, SHA-256) of an attendance certificate's QR text, lower case; None when
    `text` is not one (spaces and full-width characters a scanner may add are ignored)."""
    match = _CERTIFICATE_CODE.fullmatch("".join(unicodedata.normalize("NFKC", text).split()))
    return (match.group(1).lower(), match.group(2).lower()) if match else None


class position_in(FunctionElement[int]):  # noqa: N801 - an SQL function's name
    """Where `needle` starts in `haystack` (1-based; 0: nowhere), case and accents as
    written: SQLite's instr(), PostgreSQL's strpos()."""

    type = Integer()
    inherit_cache = True


@compiles(position_in)
def _instr(element: position_in, compiler: SQLCompiler, **kw: Any) -> str:
    return f"instr({compiler.process(element.clauses, **kw)})"


@compiles(position_in, "postgresql")
def _strpos(element: position_in, compiler: SQLCompiler, **kw: Any) -> str:
    return f"strpos({compiler.process(element.clauses, **kw)})"


class code_point_order(FunctionElement[str]):  # noqa: N801 - an SQL expression
    """A text compared in code point order: SQLite's default (BINARY); on PostgreSQL the
    "C" collation, since a language's collation (en_US, zh_CN) skips punctuation such as
    `_ID_UPPER` and would end the ID number's range too early."""

    type = String()
    inherit_cache = True


@compiles(code_point_order)
def _as_is(element: code_point_order, compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(element.clauses, **kw)


@compiles(code_point_order, "postgresql")
def _collate_c(element: code_point_order, compiler: SQLCompiler, **kw: Any) -> str:
    return f'({compiler.process(element.clauses, **kw)} COLLATE "C")'


@dataclass(frozen=True, slots=True)
class QueueFilter:
    """What the queue shows. None (or "") means "any". `received_from`/`received_to` are
    inclusive days. With no `state`, superseded versions are hidden unless
    `hide_superseded` is False. `shared_id_only`: only applications awaiting review whose
    ID number another application awaiting review (another uid) also carries."""

    state: ReviewState | None = None
    certificate_level: str | None = None
    county: str | None = None
    late: bool | None = None
    received_from: date | None = None
    received_to: date | None = None
    search: str = ""
    hide_superseded: bool = True
    shared_id_only: bool = False
    # "mine": claimed by `mine_id` (the service fills it in: the person signed in);
    # "unclaimed": claimed by nobody; "": either
    claims: str = ""
    mine_id: int | None = None


@dataclass(frozen=True, slots=True)
class QueueRecord:
    """One queue row as stored (the service adds masks, names and working days)."""

    id: int
    uid: str
    version: int
    applicant_name: str
    id_number: str
    county: str
    certificate_level: str
    state: ReviewState
    is_late: bool
    received_at: datetime
    decided_at: datetime | None
    hours_counted_tenths: int
    hours_required_tenths: int
    checks_failed: int
    same_id_pending: int = 0  # other applications awaiting review with this ID number
    row_version: int = 1
    claimed_by: str = ""  # the user name of who claimed it, "" nobody
    claimed_by_name: str = ""  # their display name


_OTHER = aliased(ApplicationRow)


def _same_id_pending() -> ColumnElement[bool]:
    """Correlated: another application awaiting review, of another uid, same ID number."""
    return and_(
        _OTHER.id_number == ApplicationRow.id_number,
        _OTHER.id != ApplicationRow.id,
        _OTHER.uid != ApplicationRow.uid,
        _OTHER.state == ReviewState.PENDING,
    )


def _same_id_pending_count() -> Any:
    return (
        select(func.count())
        .select_from(_OTHER)
        .where(_same_id_pending())
        .correlate(ApplicationRow)
        .scalar_subquery()
    )


_COLUMNS = (
    ApplicationRow.id,
    ApplicationRow.uid,
    ApplicationRow.version,
    ApplicationRow.applicant_name,
    ApplicationRow.id_number,
    ApplicationRow.county,
    ApplicationRow.certificate_level,
    ApplicationRow.state,
    ApplicationRow.is_late,
    ApplicationRow.received_at,
    ApplicationRow.decided_at,
    ApplicationRow.hours_counted_tenths,
    ApplicationRow.hours_required_tenths,
    ApplicationRow.checks_failed,
)

_CLAIMANT = func.coalesce(StaffRow.display_name, "")  # nobody sorts first on both engines

#: Sort keys: the queue row's field names, mapped to the column that orders them.
SORT_KEYS: dict[str, Any] = {
    "id": ApplicationRow.id,
    "uid": ApplicationRow.uid,
    "version": ApplicationRow.version,
    "applicant_name": ApplicationRow.applicant_name,
    "masked_id_number": ApplicationRow.id_number,
    "id_number": ApplicationRow.id_number,
    "county": ApplicationRow.county,
    "county_name": ApplicationRow.county,
    "certificate_level": ApplicationRow.certificate_level,
    "state": ApplicationRow.state,
    "is_late": ApplicationRow.is_late,
    "received_at": ApplicationRow.received_at,
    "waiting_working_days": ApplicationRow.received_at,  # reversed below
    "overdue": ApplicationRow.received_at,  # reversed below
    "deadline_working_days": ApplicationRow.received_at,  # reversed below
    "hours_counted": ApplicationRow.hours_counted_tenths,
    "hours_required": ApplicationRow.hours_required_tenths,
    "checks_failed": ApplicationRow.checks_failed,
    "claimed_by": _CLAIMANT,  # by display name
}
_REVERSED_KEYS = frozenset({"waiting_working_days", "overdue", "deadline_working_days"})


def normalise_search(text: str) -> str:
    """Full-width characters to ASCII, spaces removed; an ID number's x upper-cased."""
    text = "".join(unicodedata.normalize("NFKC", text).split())
    return text.upper() if _ID_PART.fullmatch(text.upper()) else text


def _conditions(queue_filter: QueueFilter) -> list[ColumnElement[bool]]:
    f = queue_filter
    conditions: list[ColumnElement[bool]] = []
    if f.state:
        conditions.append(ApplicationRow.state == ReviewState(f.state))
    elif f.hide_superseded:
        conditions.append(ApplicationRow.state != ReviewState.SUPERSEDED)
    if f.certificate_level:
        conditions.append(ApplicationRow.certificate_level == f.certificate_level)
    if f.county:
        conditions.append(ApplicationRow.county == f.county)
    if f.late is not None:
        conditions.append(ApplicationRow.is_late == f.late)
    if f.shared_id_only:
        conditions.append(ApplicationRow.state == ReviewState.PENDING)
        conditions.append(exists().where(_same_id_pending()).correlate(ApplicationRow))
    if f.claims == "unclaimed":
        conditions.append(ApplicationRow.claimed_by_id.is_(None))
    elif f.claims == "mine":
        conditions.append(
            false() if f.mine_id is None else ApplicationRow.claimed_by_id == f.mine_id
        )
    if f.received_from is not None:
        conditions.append(ApplicationRow.received_at >= datetime.combine(f.received_from, time()))
    if f.received_to is not None:
        conditions.append(
            ApplicationRow.received_at < datetime.combine(f.received_to + timedelta(days=1), time())
        )
    text = normalise_search(f.search)
    certificate = certificate_code(text) if text else None
    if certificate is not None:
        record_id, digest = certificate
        conditions.append(
            exists().where(
                ProviderRecordRow.application_id == ApplicationRow.id,
                ProviderRecordRow.record_id == record_id,
                ProviderRecordRow.digest == digest,
            )
        )
    elif text:
        if _ID_PART.fullmatch(text):
            if len(text) == 18:
                conditions.append(ApplicationRow.id_number == text)
            else:
                reversed_part = text[::-1]
                reversed_number = code_point_order(ApplicationRow.id_reversed)
                conditions.append(
                    and_(
                        reversed_number >= reversed_part,
                        reversed_number < reversed_part + _ID_UPPER,
                    )
                )
        else:
            conditions.append(position_in(ApplicationRow.applicant_name, text) > 0)
    return conditions


def count_queue(session: Session, queue_filter: QueueFilter) -> int:
    """How many applications the filter lets through (one SQL COUNT)."""
    statement = select(func.count()).select_from(ApplicationRow)
    for condition in _conditions(queue_filter):
        statement = statement.where(condition)
    return int(session.execute(statement).scalar_one())


def page_statement(
    queue_filter: QueueFilter,
    sort_key: str = "received_at",
    ascending: bool = True,
    offset: int = 0,
    limit: int = 100,
) -> Select[*tuple[Any, ...]]:
    """The SELECT of one page: filtered, ordered by `sort_key` then id, LIMIT/OFFSET."""
    if sort_key not in SORT_KEYS:
        raise ValueError(f"unknown sort key {sort_key!r}; one of {sorted(SORT_KEYS)}")
    if offset < 0 or limit < 0:
        raise ValueError("offset and limit must not be negative")
    column = SORT_KEYS[sort_key]
    up = ascending != (sort_key in _REVERSED_KEYS)
    order = [column.asc() if up else column.desc()]
    if column is not ApplicationRow.id:
        order.append(ApplicationRow.id.asc() if up else ApplicationRow.id.desc())
    statement = select(
        *_COLUMNS,
        _same_id_pending_count(),
        ApplicationRow.row_version,
        func.coalesce(StaffRow.username, ""),
        func.coalesce(StaffRow.display_name, ""),
    ).outerjoin(StaffRow, StaffRow.id == ApplicationRow.claimed_by_id)
    for condition in _conditions(queue_filter):
        statement = statement.where(condition)
    return statement.order_by(*order).offset(offset).limit(limit)


def queue_page(
    session: Session,
    queue_filter: QueueFilter,
    sort_key: str = "received_at",
    ascending: bool = True,
    offset: int = 0,
    limit: int = 100,
) -> list[QueueRecord]:
    """One page of the queue, as records."""
    rows = session.execute(page_statement(queue_filter, sort_key, ascending, offset, limit))
    return [QueueRecord(*row) for row in rows]


def count_same_id_pending(session: Session, app_id: int) -> int:
    """How many other applications awaiting review (another uid) carry the ID number of
    application `app_id`."""
    statement = (
        select(func.count())
        .select_from(_OTHER)
        .join(ApplicationRow, ApplicationRow.id == app_id)
        .where(_same_id_pending())
    )
    return int(session.execute(statement).scalar_one())
