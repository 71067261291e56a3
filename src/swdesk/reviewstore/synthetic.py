"""Synthetic queue rows for benchmarks and queue tests: many applications inserted in bulk.

Invented people with valid ID numbers (GB 11643) from Pingliang's counties, spread over
states, levels, late flags and the last 120 days. The rows have no bundle file and no
members: they exercise the queue, not the detail view's files.
"""

from __future__ import annotations

import hashlib
import random
import uuid
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Table, func, select, text

from swdesk.core.strict_json import canonical_text
from swdesk.database.engine import Database
from swdesk.domain.identity import id_check_char

from .orm import ApplicationDataRow, ApplicationRow
from .vocabulary import ReviewStage, ReviewState

__all__ = ["COUNTIES", "fill_queue"]

COUNTIES = ("620802", "620821", "620822", "620823", "620825", "620826", "620881")
_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾"
_GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂兰晓梅建国玉华红"
_LEVELS = ("assistant", "intermediate", "senior")
_STATES = (ReviewState.PENDING,) * 6 + (
    ReviewState.FIRST_APPROVED,
    ReviewState.FIRST_REJECTED,
    ReviewState.SUPERSEDED,
)
_CHUNK = 5000
CACHE_KIB = 65536  # SQLite page cache while filling: index inserts stay in memory


def _id_number(rng: random.Random, county: str) -> str:
    birth = date(1960, 1, 1) + timedelta(days=rng.randrange(365 * 40))
    first17 = f"{county}{birth:%Y%m%d}{rng.randrange(1000):03d}"
    return first17 + id_check_char(first17)


def _row(rng: random.Random, index: int, seed: int, today: date) -> dict[str, Any]:
    county = rng.choice(COUNTIES)
    name = rng.choice(_SURNAMES) + "".join(rng.choice(_GIVEN) for _ in range(rng.choice((1, 2))))
    id_number = _id_number(rng, county)
    uid = str(uuid.UUID(int=rng.getrandbits(128), version=4))
    received_at = datetime.combine(
        today - timedelta(days=rng.randrange(120)), time(8 + rng.randrange(10), rng.randrange(60))
    )
    state = rng.choice(_STATES)
    decided = state in (ReviewState.FIRST_APPROVED, ReviewState.FIRST_REJECTED)
    level = rng.choice(_LEVELS)
    is_late = rng.random() < 0.1
    required = 1200 if is_late else 900
    counted = rng.randrange(600, 1300, 5)
    application = {
        "format_version": 1,
        "application": {"uid": uid, "version": 1, "kind": "renewal"},
        "applicant": {"name": name, "county": county},
        "certificate": {"level": level},
        "synthetic": True,
    }
    return {
        "bundle_id": hashlib.sha256(f"synthetic-{seed}-{index}".encode()).hexdigest(),
        "uid": uid,
        "version": 1,
        "content_digest": hashlib.sha256(f"content-{seed}-{index}".encode()).hexdigest(),
        "stored_name": "",
        "original_name": f"synthetic-{index}.swdapp",
        "file_size": 0,
        "received_at": received_at,
        "stage": ReviewStage.FIRST,
        "state": state,
        "decided_at": received_at + timedelta(days=rng.randrange(1, 20)) if decided else None,
        "kind": "renewal",
        "applicant_name": name,
        "id_number": id_number,
        "id_reversed": id_number[::-1],
        "county": county,
        "certificate_level": level,
        "is_late": is_late,
        "hours_counted_tenths": counted,
        "hours_required_tenths": required,
        "registration_valid_to": None,
        "checks_failed": 0 if counted >= required else 1,
        "previous_id": None,
        "resubmission_of_uid": None,
        "resubmission_of_id": None,
        "application_json": canonical_text(application),
    }


def fill_queue(db: Database, n: int, seed: int = 0, *, today: date | None = None) -> None:
    """Insert `n` synthetic applications (bulk inserts of 5,000 rows per statement batch,
    one transaction), on SQLite or a server database. The same seed gives the same rows."""
    rng = random.Random(seed)
    day = today or date.today()
    # declarative classes type __table__ as a FromClause; here they are plain Tables
    table, data_table = ApplicationRow.__table__, ApplicationDataRow.__table__
    assert isinstance(table, Table) and isinstance(data_table, Table)
    with db.session() as session:
        if db.is_sqlite:
            session.execute(text(f"PRAGMA cache_size = -{CACHE_KIB}"))
        next_id = (
            int(session.execute(select(func.coalesce(func.max(ApplicationRow.id), 0))).scalar_one())
            + 1
        )
        for start in range(0, n, _CHUNK):
            rows = [_row(rng, i, seed, day) for i in range(start, min(n, start + _CHUNK))]
            data = []
            for row in rows:
                row["id"] = next_id
                data.append(
                    {"application_id": next_id, "application_json": row.pop("application_json")}
                )
                next_id += 1
            session.execute(table.insert(), rows)  # Core: no ORM bookkeeping for bulk rows
            session.execute(data_table.insert(), data)
        if not db.is_sqlite and next_id > 1:  # explicit ids do not advance its id sequence
            session.execute(
                text("SELECT setval(pg_get_serial_sequence('applications', 'id'), :last)"),
                {"last": next_id - 1},
            )
        if db.is_sqlite:
            session.execute(text("ANALYZE"))  # fresh statistics for the queue's plans
    if not db.is_sqlite:
        # what the server's autovacuum does to a table that grew over months: statistics,
        # and the visibility map that lets a COUNT read the index alone
        with db.engine.connect() as connection:
            connection.execution_options(isolation_level="AUTOCOMMIT").execute(
                text("VACUUM (ANALYZE) applications, application_data")
            )
