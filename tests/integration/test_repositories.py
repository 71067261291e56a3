"""Repositories: every field round-trips, lists are filtered and cheap, deletes cascade."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import event, text
from sqlalchemy.exc import IntegrityError
from storage_samples import make_activity, make_evidence, make_record

from swdesk.database.errors import RecordNotFound
from swdesk.domain.enums import CertificateLevel, ContentArea, RegistrationKind
from swdesk.domain.models import Activity, Certificate, RegistrationPeriod
from swdesk.storage.database import Database
from swdesk.storage.repositories import (
    ActivityRepository,
    PractitionerRepository,
    hours_to_tenths,
    tenths_to_hours,
)

OTHER_ID = "620102198001010011"


def without_ids(activity: Activity) -> Activity:
    return dataclasses.replace(
        activity,
        id=None,
        practitioner_id=None,
        evidence=tuple(dataclasses.replace(e, id=None) for e in activity.evidence),
    )


def count_rows(db: Database, table: str) -> int:
    with db.session() as session:
        return int(session.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())


@contextmanager
def counting_statements(db: Database) -> Iterator[list[str]]:
    statements: list[str] = []

    def _on_execute(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", _on_execute)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", _on_execute)


@pytest.fixture
def pid(database: Database) -> int:
    with database.session() as session:
        return PractitionerRepository(session).add_record(make_record())


# --- practitioners -----------------------------------------------------------------------


def test_practitioner_record_round_trips_every_field(database: Database) -> None:
    record = make_record()
    with database.session() as session:
        pid = PractitionerRepository(session).add_record(record)
    with database.session() as session:
        loaded = PractitionerRepository(session).get_record(pid)

    assert loaded.practitioner == dataclasses.replace(record.practitioner, id=pid)
    assert [dataclasses.replace(c, id=None) for c in loaded.certificates] == record.certificates
    assert [dataclasses.replace(r, id=None) for r in loaded.registrations] == record.registrations
    assert all(c.id is not None for c in loaded.certificates)
    assert loaded.current_certificate is not None
    assert loaded.current_certificate.level is CertificateLevel.INTERMEDIATE


def test_summaries_mask_id_numbers_and_show_recent_first(database: Database) -> None:
    with database.session() as session:
        repo = PractitionerRepository(session)
        first = repo.add_record(make_record("张晓梅", "11010519491231002X"))
        second = repo.add_record(make_record("李 喆", "620102199001011234"))
        repo.set_pin_hash(second, "scrypt$16384$8$1$c2FsdA==$aGFzaA==")
        repo.touch_opened(second)

    with database.session() as session:
        summaries = PractitionerRepository(session).list_summaries()

    assert [s.id for s in summaries] == [second, first]
    assert summaries[0].masked_id_number == "620102********1234"
    assert summaries[1].masked_id_number == "110105********002X"
    assert [s.has_pin for s in summaries] == [True, False]
    assert isinstance(summaries[0].last_opened, datetime)
    assert summaries[1].last_opened is None


def test_pin_hash_set_read_and_cleared(database: Database, pid: int) -> None:
    with database.session() as session:
        repo = PractitionerRepository(session)
        assert repo.get_pin_hash(pid) is None
        repo.set_pin_hash(pid, "scrypt$16384$8$1$salt$hash")
    with database.session() as session:
        repo = PractitionerRepository(session)
        assert repo.get_pin_hash(pid) == "scrypt$16384$8$1$salt$hash"
        repo.set_pin_hash(pid, None)
    with database.session() as session:
        assert PractitionerRepository(session).get_pin_hash(pid) is None


def test_update_practitioner_and_add_history(database: Database, pid: int) -> None:
    with database.session() as session:
        repo = PractitionerRepository(session)
        p = repo.get_record(pid).practitioner
        repo.update_practitioner(dataclasses.replace(p, phone="13900139000", county="620802"))
        repo.add_certificate(pid, Certificate(CertificateLevel.SENIOR, "G1", date(2024, 5, 1)))
        repo.add_registration(
            pid, RegistrationPeriod(RegistrationKind.RENEWAL, date(2025, 9, 1), date(2028, 8, 31))
        )
        same_session = repo.get_record(pid)
    with database.session() as session:
        record = PractitionerRepository(session).get_record(pid)
    assert same_session == record
    assert (record.practitioner.phone, record.practitioner.county) == ("13900139000", "620802")
    assert len(record.certificates) == 3 and len(record.registrations) == 3
    assert record.latest_registration is not None
    assert record.latest_registration.valid_to == date(2028, 8, 31)


def test_update_record_syncs_certificates_and_registrations(database: Database, pid: int) -> None:
    with database.session() as session:
        record = PractitionerRepository(session).get_record(pid)
    kept = dataclasses.replace(record.certificates[1], number="S2019002-补")
    record.certificates = [kept, Certificate(CertificateLevel.SENIOR, "G9", date(2024, 1, 2))]
    record.registrations = record.registrations[:1]
    with database.session() as session:
        PractitionerRepository(session).update_record(record)
    with database.session() as session:
        saved = PractitionerRepository(session).get_record(pid)
    assert [c.number for c in saved.certificates] == ["S2019002-补", "G9"]
    assert saved.certificates[0].id == kept.id
    assert [r.kind for r in saved.registrations] == [RegistrationKind.FIRST]
    assert count_rows(database, "certificates") == 2


def test_save_certificate_and_registration_add_or_update(database: Database, pid: int) -> None:
    with database.session() as session:
        repo = PractitionerRepository(session)
        record = repo.get_record(pid)
        cert = dataclasses.replace(record.certificates[0], number="Z2016001-改")
        assert repo.save_certificate(pid, cert) == cert.id
        period = dataclasses.replace(record.registrations[0], note="补记", number="京社登-2019-07")
        assert repo.save_registration(pid, period) == period.id
        new_id = repo.save_certificate(
            pid, Certificate(CertificateLevel.SENIOR, "G2", date(2024, 1, 1))
        )
        other = repo.add_record(make_record("王五", OTHER_ID))
        with pytest.raises(RecordNotFound):
            repo.save_certificate(other, cert)  # belongs to someone else
    with database.session() as session:
        saved = PractitionerRepository(session).get_record(pid)
    assert [c.number for c in saved.certificates] == ["Z2016001-改", "S2019002", "G2"]
    assert saved.certificates[-1].id == new_id
    assert saved.registrations[0].note == "补记"
    assert saved.registrations[0].number == "京社登-2019-07"


def test_missing_practitioner_raises_record_not_found(database: Database) -> None:
    with database.session() as session:
        repo = PractitionerRepository(session)
        with pytest.raises(RecordNotFound):
            repo.get_record(999)
        with pytest.raises(RecordNotFound):
            repo.touch_opened(999)


def test_a_failing_session_writes_nothing(database: Database) -> None:
    with pytest.raises(RuntimeError), database.session() as session:
        pid = PractitionerRepository(session).add_record(make_record())
        ActivityRepository(session).add(pid, make_activity(date(2024, 3, 1)))
        raise RuntimeError("something went wrong half-way")
    assert count_rows(database, "practitioners") == 0
    assert count_rows(database, "activities") == 0


def test_foreign_keys_are_enforced(database: Database) -> None:
    with pytest.raises(IntegrityError), database.session() as session:
        ActivityRepository(session).add(12345, make_activity(date(2024, 3, 1)))


def test_deleting_a_practitioner_cascades_and_reports_orphaned_files(
    database: Database, pid: int
) -> None:
    with database.session() as session:
        other = PractitionerRepository(session).add_record(make_record("王五", OTHER_ID))
        activities = ActivityRepository(session)
        activities.add(pid, make_activity(date(2024, 1, 5), evidence=(make_evidence(1),)))
        activities.add(pid, make_activity(date(2024, 2, 5), evidence=(make_evidence(2),)))
        activities.add(other, make_activity(date(2024, 2, 5), evidence=(make_evidence(2),)))

    with database.session() as session:
        orphaned = PractitionerRepository(session).delete(pid)

    assert orphaned == [make_evidence(1).stored_name]  # evidence 2 is still used by `other`
    assert count_rows(database, "practitioners") == 1
    assert count_rows(database, "certificates") == 2  # `other`'s
    assert count_rows(database, "registration_periods") == 2
    assert count_rows(database, "activities") == 1
    assert count_rows(database, "evidence_files") == 1


# --- activities --------------------------------------------------------------------------


def test_activity_round_trips_every_field_with_decimal_hours(database: Database, pid: int) -> None:
    activity = make_activity(
        date(2024, 3, 9),
        hours=Decimal("1.5"),
        evidence=(make_evidence(1), make_evidence(2, "jpg"), make_evidence(3, "png")),
    )
    activity = dataclasses.replace(
        activity, start_date=date(2024, 3, 8), content_area=ContentArea.LAWS_POLICIES
    )
    with database.session() as session:
        aid = ActivityRepository(session).add(pid, activity)
    with database.session() as session:
        loaded = ActivityRepository(session).get(aid)

    assert (loaded.id, loaded.practitioner_id) == (aid, pid)
    assert without_ids(loaded) == activity
    assert isinstance(loaded.hours, Decimal) and str(loaded.hours) == "1.5"
    assert all(e.id is not None for e in loaded.evidence)


def test_hours_conversion() -> None:
    assert hours_to_tenths(Decimal("1.5")) == 15
    assert hours_to_tenths(Decimal("2")) == 20
    assert str(tenths_to_hours(20)) == "2.0"
    assert tenths_to_hours(hours_to_tenths(Decimal("0.1"))) == Decimal("0.1")
    with pytest.raises(ValueError):
        hours_to_tenths(Decimal("1.25"))


def test_list_for_orders_latest_first_and_filters_by_end_date(database: Database, pid: int) -> None:
    ends = [date(2023, 12, 31), date(2024, 1, 1), date(2024, 6, 30), date(2024, 7, 1)]
    with database.session() as session:
        other = PractitionerRepository(session).add_record(make_record("王五", OTHER_ID))
        repo = ActivityRepository(session)
        for end in ends:
            repo.add(pid, make_activity(end, title=f"活动 {end}"))
        repo.add(other, make_activity(date(2024, 3, 1)))

    with database.session() as session:
        repo = ActivityRepository(session)
        everything = repo.list_for(pid)
        inside = repo.list_for(pid, date(2024, 1, 1), date(2024, 6, 30))
        from_start = repo.list_for(pid, start=date(2024, 6, 30))
        until_end = repo.list_for(pid, end=date(2024, 1, 1))
        assert repo.count_for(pid) == 4

    assert [a.end_date for a in everything] == sorted(ends, reverse=True)
    assert [a.end_date for a in inside] == [date(2024, 6, 30), date(2024, 1, 1)]
    assert [a.end_date for a in from_start] == [date(2024, 7, 1), date(2024, 6, 30)]
    assert [a.end_date for a in until_end] == [date(2024, 1, 1), date(2023, 12, 31)]


def test_list_for_uses_two_queries_whatever_the_number_of_activities(
    database: Database, pid: int
) -> None:
    with database.session() as session:
        ActivityRepository(session).bulk_add(
            pid,
            [
                make_activity(date(2024, 1, 1 + n), evidence=(make_evidence(n), make_evidence(99)))
                for n in range(20)
            ],
        )
    with database.session() as session, counting_statements(database) as selects:
        activities = ActivityRepository(session).list_for(pid)
    assert len(activities) == 20
    assert all(len(a.evidence) == 2 for a in activities)
    assert activities[0].evidence[0].stored_name == make_evidence(19).stored_name
    assert len(selects) == 2


def test_update_replaces_fields_and_evidence(database: Database, pid: int) -> None:
    shared, dropped, kept, added = (make_evidence(n) for n in range(4))
    with database.session() as session:
        repo = ActivityRepository(session)
        aid = repo.add(pid, make_activity(date(2024, 3, 1), evidence=(shared, dropped, kept)))
        repo.add(pid, make_activity(date(2024, 4, 1), evidence=(shared,)))
        before = repo.get(aid)

    renamed = dataclasses.replace(kept, original_name="改名.pdf")
    edited = dataclasses.replace(
        before, title="改过的标题", hours=Decimal("3.0"), evidence=(renamed, added)
    )
    with database.session() as session:
        orphaned = ActivityRepository(session).update(edited)
    with database.session() as session:
        after = ActivityRepository(session).get(aid)

    assert orphaned == [dropped.stored_name]  # `shared` is still used by the other activity
    assert (after.title, after.hours) == ("改过的标题", Decimal("3.0"))
    assert [e.original_name for e in after.evidence] == ["改名.pdf", added.original_name]
    kept_before = next(e for e in before.evidence if e.stored_name == kept.stored_name)
    assert after.evidence[0].id == kept_before.id


def test_delete_returns_only_files_no_longer_referenced(database: Database, pid: int) -> None:
    with database.session() as session:
        repo = ActivityRepository(session)
        first = repo.add(pid, make_activity(date(2024, 3, 1), evidence=(make_evidence(1),)))
        repo.add(pid, make_activity(date(2024, 3, 2), evidence=(make_evidence(1),)))
        third = repo.add(pid, make_activity(date(2024, 3, 3), evidence=(make_evidence(3),)))
    with database.session() as session:
        repo = ActivityRepository(session)
        assert repo.delete(first) == []
        assert repo.delete(third) == [make_evidence(3).stored_name]
        assert repo.evidence_names() == {make_evidence(1).stored_name}
        names = [make_evidence(1).stored_name, make_evidence(3).stored_name]
        assert repo.referenced_names(names) == {make_evidence(1).stored_name}
        with pytest.raises(RecordNotFound):
            repo.delete(third)
        with pytest.raises(RecordNotFound):
            repo.get(third)


def test_bulk_add_returns_ids_in_order(database: Database, pid: int) -> None:
    activities = [
        make_activity(date(2020, 1, 1) if n % 2 else date(2021, 1, 1), title=f"第{n}次")
        for n in range(50)
    ]
    with database.session() as session:
        ids = ActivityRepository(session).bulk_add(pid, activities)
    with database.session() as session:
        repo = ActivityRepository(session)
        assert [repo.get(aid).title for aid in ids] == [a.title for a in activities]
        assert repo.count_for(pid) == 50
        assert repo.bulk_add(pid, []) == []
