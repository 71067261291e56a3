"""The queue in SQL: every filter, search, sort key and page agrees with a plain Python
reference over the same rows; working days and overdue flags; a queue far larger than a
page and than the reference's rows answers every kind of query."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from review_samples import ENGINES, TODAY, make_office, migrated
from sqlalchemy import text

from swdesk.domain.identity import mask_id_number
from swdesk.reviewstore.synthetic import COUNTIES, fill_queue
from swdesk.rulepacks.calendar import shipped_calendar
from swdesk.services.review import (
    SORT_KEYS,
    QueueFilter,
    ReviewServer,
    ReviewState,
    ReviewWorkspace,
    review_root,
)
from swdesk.services.review.working_days import working_days_after

CALENDAR = shipped_calendar()

ROWS = 3000


# session scope: a worker that work stealing brings back to this module reuses its office
# instead of filling another
@pytest.fixture(scope="session", params=ENGINES)
def office(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ReviewWorkspace]:
    """One office with synthetic rows, shared by the read-only tests of this module: in a
    folder, then on the tests' PostgreSQL server (the same SQL on both engines)."""
    place: Path | ReviewServer = review_root(tmp_path_factory.mktemp("queue"))
    if request.param == "postgresql":
        place = request.getfixturevalue("server_offices").copy("migrated", migrated)
    workspace = make_office(place)
    fill_queue(workspace.database, ROWS, seed=7, today=TODAY)
    yield workspace
    workspace.close()


@pytest.fixture(scope="session")
def office_rows(office: ReviewWorkspace) -> list[dict[str, Any]]:
    """Every row of the shared office, read once: the tests using it only read them."""
    return all_rows(office)


def all_rows(workspace: ReviewWorkspace) -> list[dict[str, Any]]:
    with workspace.database.session() as session:
        result = session.execute(
            text(
                "SELECT id, uid, version, applicant_name, id_number, county, certificate_level,"
                " state, is_late, received_at, decided_at, hours_counted_tenths FROM applications"
            )
        )
        rows = [dict(r._mapping) for r in result]
    for row in rows:
        if isinstance(row["received_at"], str):  # SQLite's text; PostgreSQL's timestamp
            row["received_at"] = datetime.fromisoformat(row["received_at"])
        if isinstance(row["decided_at"], str):
            row["decided_at"] = datetime.fromisoformat(row["decided_at"])
        row["is_late"] = bool(row["is_late"])
    return rows


def reference(rows: list[dict[str, Any]], f: QueueFilter) -> list[dict[str, Any]]:
    def keep(r: dict[str, Any]) -> bool:
        if f.state and r["state"] != f.state:
            return False
        if not f.state and f.hide_superseded and r["state"] == "superseded":
            return False
        if f.certificate_level and r["certificate_level"] != f.certificate_level:
            return False
        if f.county and r["county"] != f.county:
            return False
        if f.late is not None and r["is_late"] != f.late:
            return False
        if f.received_from and r["received_at"].date() < f.received_from:
            return False
        if f.received_to and r["received_at"].date() > f.received_to:
            return False
        if f.search:
            s = f.search.strip().upper()
            if s.replace("X", "").isdigit():
                return r["id_number"] == s if len(s) == 18 else r["id_number"].endswith(s)
            return f.search.strip() in r["applicant_name"]
        return True

    return [r for r in rows if keep(r)]


FILTERS = [
    QueueFilter(),
    QueueFilter(hide_superseded=False),
    QueueFilter(state=ReviewState.PENDING),
    QueueFilter(state=ReviewState.SUPERSEDED),
    QueueFilter(certificate_level="senior"),
    QueueFilter(county="620821", late=True),
    QueueFilter(late=False, certificate_level="assistant"),
    QueueFilter(received_from=TODAY - timedelta(days=30), received_to=TODAY - timedelta(days=7)),
    QueueFilter(received_to=TODAY - timedelta(days=100)),
    QueueFilter(search="王"),
    QueueFilter(search="晓梅"),
    QueueFilter(state=ReviewState.PENDING, county="620802", search="李"),
]


@pytest.mark.parametrize("queue_filter", FILTERS, ids=repr)
def test_filters_and_counts_match_the_reference(
    office: ReviewWorkspace, office_rows: list[dict[str, Any]], queue_filter: QueueFilter
) -> None:
    expected = reference(office_rows, queue_filter)
    assert office.service.queue_count(queue_filter) == len(expected)
    got = office.service.queue_page(queue_filter, "id", True, 0, ROWS)
    assert [r.id for r in got] == sorted(r["id"] for r in expected)


def test_search_by_id_number_full_and_last_digits(
    office: ReviewWorkspace, office_rows: list[dict[str, Any]]
) -> None:
    rows = office_rows
    sample = rows[123]["id_number"]
    service = office.service
    full = service.queue_page(QueueFilter(search=sample, hide_superseded=False))
    assert rows[123]["id"] in [r.id for r in full]
    assert all(r.masked_id_number == mask_id_number(sample) for r in full)
    for tail in (sample[-4:], sample[-6:], sample[-1:]):
        expected = {r["id"] for r in rows if r["id_number"].endswith(tail)}
        found = service.queue_page(
            QueueFilter(search=tail, hide_superseded=False), "id", True, 0, ROWS
        )
        assert {r.id for r in found} == expected
    with_x = next((r for r in rows if r["id_number"].endswith("X")), None)
    if with_x is not None:  # a lower-case x and full-width digits are understood
        query = (
            with_x["id_number"][-4:]
            .lower()
            .translate(str.maketrans("0123456789", "０１２３４５６７８９"))
        )
        found = service.queue_page(
            QueueFilter(search=query, hide_superseded=False), "id", True, 0, ROWS
        )
        assert with_x["id"] in {r.id for r in found}


@pytest.mark.parametrize("sort_key", sorted(SORT_KEYS))
@pytest.mark.parametrize("ascending", [True, False])
def test_sorting_and_paging(
    office: ReviewWorkspace, office_rows: list[dict[str, Any]], sort_key: str, ascending: bool
) -> None:
    # the last month's rows (about a quarter, every state and kind among them, superseded
    # ones included): page boundaries fall inside runs of equal values of every key, and
    # each row shown costs its working-day count, so paging all of them adds nothing
    queue_filter = QueueFilter(hide_superseded=False, received_from=TODAY - timedelta(days=30))
    expected = {r["id"] for r in reference(office_rows, queue_filter)}
    assert len(expected) > 500
    service = office.service
    pages = []
    for offset in range(0, len(expected), 150):
        pages.extend(service.queue_page(queue_filter, sort_key, ascending, offset, 150))
    assert len(pages) == len(expected) and {r.id for r in pages} == expected
    column = {
        "masked_id_number": "id_number",
        "county_name": "county",
        "hours_counted": "hours_counted_tenths",
        "hours_required": None,
        "waiting_working_days": "received_at",
        "overdue": "received_at",
        "deadline_working_days": "received_at",
        "claimed_by": None,  # nobody claimed any (claims: test_review_concurrency.py)
    }.get(sort_key, sort_key)
    rows = {r["id"]: r for r in office_rows}
    if column is None or column in ("checks_failed",):
        return
    values = [rows[r.id][column] for r in pages]
    descending_keys = {"waiting_working_days", "overdue", "deadline_working_days"}
    up = ascending != (sort_key in descending_keys)
    assert values == sorted(values, reverse=not up)


def test_queue_rows_show_masked_numbers_names_and_working_days(
    office: ReviewWorkspace, office_rows: list[dict[str, Any]]
) -> None:
    rows = {r["id"]: r for r in office_rows}
    page = office.service.queue_page(
        QueueFilter(hide_superseded=False), "received_at", True, 0, 300
    )
    assert page[0].received_at <= page[-1].received_at
    saw_overdue = False
    for row in page:
        stored = rows[row.id]
        assert row.masked_id_number == mask_id_number(stored["id_number"])
        assert stored["id_number"] not in repr(row)
        assert row.county in COUNTIES and row.county_name.endswith(("区", "县", "市"))
        end = stored["decided_at"].date() if stored["decided_at"] else TODAY
        # counted one day at a time: the State Council's holidays and make-up working
        # days (National Day 2026 lies in these four months)
        received = row.received_at.date()
        brute = sum(
            1
            for i in range(1, (end - received).days + 1)
            if CALENDAR.is_working_day(received + timedelta(days=i))
        )
        assert row.waiting_working_days == brute
        assert row.deadline_working_days == 30
        assert row.deadline_on is not None and CALENDAR.is_working_day(row.deadline_on)
        assert (
            sum(
                1
                for i in range(1, (row.deadline_on - received).days + 1)
                if CALENDAR.is_working_day(received + timedelta(days=i))
            )
            == 30
        )
        assert row.calendar_unknown_years == ((2027,) if row.deadline_on.year == 2027 else ())
        assert row.overdue == (row.state is ReviewState.PENDING and brute > 30)
        saw_overdue |= row.overdue
    assert saw_overdue


def test_working_days() -> None:
    monday = date(2026, 11, 23)
    assert working_days_after(monday, monday) == 0
    assert working_days_after(monday, monday + timedelta(days=1)) == 1
    assert working_days_after(monday, monday + timedelta(days=7)) == 5
    assert working_days_after(monday + timedelta(days=5), monday + timedelta(days=7)) == 1
    assert working_days_after(monday, monday - timedelta(days=3)) == 0


def test_bad_sort_key_is_a_bug(office: ReviewWorkspace) -> None:
    with pytest.raises(ValueError):
        office.service.queue_page(QueueFilter(), "applicant_name; DROP TABLE x")


def test_a_queue_of_twenty_thousand(tmp_path: Path) -> None:
    """Counts and pages of a queue far larger than a page (a page deep at offset 5,000,
    every filter finding rows). Each query's rows are checked against a reference above,
    on fewer rows; what 100,000 rows (a province) cost is measured by benchmarks/
    bench_review.py, as speed is never asserted in tests."""
    workspace = make_office(review_root(tmp_path))
    try:
        fill_queue(workspace.database, 20_000, seed=1, today=TODAY)
        service = workspace.service
        counts = service.counts()
        assert sum(counts.values()) == 20_000
        assert service.queue_count(QueueFilter(state=ReviewState.PENDING)) == counts["pending"]
        for queue_filter, sort_key, offset in [
            (QueueFilter(state=ReviewState.PENDING), "received_at", 0),
            (QueueFilter(), "applicant_name", 5000),
            (QueueFilter(county="620821", late=True), "received_at", 0),
            (QueueFilter(), "hours_counted", 0),
            (QueueFilter(search="王"), "received_at", 0),
            (QueueFilter(search="1234"), "received_at", 0),
            (QueueFilter(received_from=TODAY - timedelta(days=10)), "state", 0),
        ]:
            total = service.queue_count(queue_filter)
            assert total > offset, queue_filter  # the page below is not empty
            page = service.queue_page(queue_filter, sort_key, True, offset, 100)
            assert len(page) == min(100, total - offset)
    finally:
        workspace.close()
