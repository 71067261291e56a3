"""Applications and profile changes: round trips, history, materials, and the shared store.

The evidence store is shared by activities' evidence, applications' materials and generated
forms: a stored name is reported unreferenced only when none of them refers to it.
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from storage_samples import make_activity, make_draft, make_evidence, make_material, make_record

from swdesk.database.errors import RecordNotFound
from swdesk.domain.application import ApplicationKind, ApplicationState, MaterialRole
from swdesk.storage.database import Database
from swdesk.storage.repositories import (
    ActivityRepository,
    ApplicationRepository,
    PractitionerRepository,
    ProfileChange,
    ProfileChangeRepository,
)

OTHER_ID = "620102198001010011"
OTHER_UID = "0e6c1a5b-3f1d-4c44-8e2b-7a9d5c3b1f20"


def count_rows(db: Database, table: str) -> int:
    with db.session() as session:
        return int(session.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())


def name(n: int) -> str:
    return make_evidence(n).stored_name


@pytest.fixture
def pid(database: Database) -> int:
    with database.session() as session:
        return PractitionerRepository(session).add_record(make_record())


@pytest.fixture
def other(database: Database) -> int:
    with database.session() as session:
        return PractitionerRepository(session).add_record(make_record("王五", OTHER_ID))


# --- round trip and history ----------------------------------------------------------------


def test_draft_round_trips_every_field_with_materials_in_order(
    database: Database, pid: int
) -> None:
    with database.session() as session:
        parent = ApplicationRepository(session).add(make_draft(pid))
    draft = dataclasses.replace(
        make_draft(pid, version=2),
        kind=ApplicationKind.FIRST,
        state=ApplicationState.REJECTED,
        identity_changed=True,
        late_explanation="因病住院，未能按时申请再登记。",
        declaration_accepted=True,
        declaration_accepted_at=datetime(2026, 12, 1, 9, 30, 15),
        materials=(
            make_material(1, MaterialRole.PHOTO, "jpg"),
            make_material(2, MaterialRole.IDENTITY_CHANGE),
            make_material(3, MaterialRole.LATE_EXPLANATION, "png"),
            make_material(4, MaterialRole.OTHER),
            make_material(5, MaterialRole.SIGNED_FORM),
            make_material(4, MaterialRole.OTHER),  # the same file twice is kept as given
        ),
        exported_at=datetime(2026, 12, 2, 10, 0, 0),
        bundle_id="d" * 64,
        content_digest="e" * 64,
        parent_id=parent,
        created_at=datetime(2000, 1, 1),  # ignored: set by add
        id=12345,  # ignored: add inserts a new row
    )
    with database.session() as session:
        app_id = ApplicationRepository(session).add(draft)
    with database.session() as session:
        repo = ApplicationRepository(session)
        loaded = repo.get(app_id)
        assert (repo.bundle_path(app_id), repo.form_file(app_id)) == ("", "")

    assert app_id != 12345
    assert loaded.created_at is not None and loaded.created_at.year >= 2025
    assert loaded.updated_at == loaded.created_at
    assert loaded == dataclasses.replace(
        draft, id=app_id, created_at=loaded.created_at, updated_at=loaded.updated_at
    )
    assert loaded.identity_changed is True and loaded.kind is ApplicationKind.FIRST
    assert loaded.photo == draft.materials[0] and loaded.signed_scan == draft.materials[4]


def test_history_is_newest_first_and_latest_is_the_highest_id(
    database: Database, pid: int, other: int
) -> None:
    with database.session() as session:
        repo = ApplicationRepository(session)
        assert repo.latest_for(pid) is None and repo.history(pid) == []
        first = repo.add(make_draft(pid, materials=(make_material(1),)))
        repo.add(make_draft(other, uid=OTHER_UID))
        second = repo.add(make_draft(pid, version=2, materials=(make_material(2),)))
        third = repo.add(make_draft(pid, uid=OTHER_UID, version=2))

    with database.session() as session:
        repo = ApplicationRepository(session)
        history = repo.history(pid)
        latest = repo.latest_for(pid)

    assert [d.id for d in history] == [third, second, first]
    assert [d.materials for d in history] == [(), (make_material(2),), (make_material(1),)]
    assert latest == history[0]


def test_uid_and_version_are_unique(database: Database, pid: int) -> None:
    with database.session() as session:
        ApplicationRepository(session).add(make_draft(pid))
    with pytest.raises(IntegrityError), database.session() as session:
        ApplicationRepository(session).add(make_draft(pid))


def test_missing_application_raises_record_not_found(database: Database) -> None:
    with database.session() as session:
        repo = ApplicationRepository(session)
        for call in (
            lambda: repo.get(99),
            lambda: repo.update(dataclasses.replace(make_draft(1), id=99)),
            lambda: repo.set_state(99, ApplicationState.APPROVED),
            lambda: repo.set_form_file(99, name(1)),
            lambda: repo.bundle_path(99),
            lambda: repo.form_file(99),
            lambda: repo.delete(99),
            lambda: repo.mark_exported(
                99,
                exported_at=datetime(2026, 1, 1),
                bundle_id="",
                content_digest="",
                bundle_path="",
            ),
        ):
            with pytest.raises(RecordNotFound):
                call()
        with pytest.raises(ValueError):
            repo.update(make_draft(1))  # no id


# --- update, export, state, form file ------------------------------------------------------


def test_update_writes_wizard_fields_and_replaces_materials(database: Database, pid: int) -> None:
    kept, dropped, added = (make_material(n) for n in (1, 2, 3))
    with database.session() as session:
        repo = ApplicationRepository(session)
        app_id = repo.add(make_draft(pid, materials=(kept, dropped)))
        repo.mark_exported(
            app_id,
            exported_at=datetime(2026, 12, 2, 10, 0),
            bundle_id="b" * 64,
            content_digest="c" * 64,
            bundle_path="/home/张/再登记 申请.zip",
        )
        before = repo.get(app_id)
        session.execute(text("UPDATE application_materials SET added_at = '2026-01-01 00:00:00'"))

    edited = dataclasses.replace(
        before,
        phone="13300133000",
        employer="新单位",
        employer_credit_code="",
        post="主任",
        identity_changed=True,
        late_explanation="说明",
        declaration_accepted=True,
        declaration_accepted_at=datetime(2026, 12, 3, 8, 0),
        kind=ApplicationKind.FIRST,
        materials=(added, dataclasses.replace(kept, original_name="改名.pdf")),
        # not written by update:
        state=ApplicationState.APPROVED,
        version=7,
        bundle_id="",
    )
    with database.session() as session:
        orphaned = ApplicationRepository(session).update(edited)
    with database.session() as session:
        after = ApplicationRepository(session).get(app_id)
        added_at = dict(
            session.execute(text("SELECT stored_name, added_at FROM application_materials")).all()
        )

    assert orphaned == [dropped.stored_name]
    assert after == dataclasses.replace(
        edited,
        state=ApplicationState.EXPORTED,
        version=1,
        bundle_id="b" * 64,
        updated_at=after.updated_at,
    )
    assert [m.original_name for m in after.materials] == [added.original_name, "改名.pdf"]
    assert added_at[kept.stored_name] == "2026-01-01 00:00:00.000000"  # kept keeps its date
    assert added_at[added.stored_name] != "2026-01-01 00:00:00.000000"


def test_update_reports_only_names_nothing_else_refers_to(
    database: Database, pid: int, other: int
) -> None:
    only_here, in_activity, in_other_app, as_other_form, kept = (
        make_material(n) for n in range(1, 6)
    )
    with database.session() as session:
        ActivityRepository(session).add(
            pid, make_activity(date(2024, 3, 1), evidence=(make_evidence(2),))
        )
        repo = ApplicationRepository(session)
        other_app = repo.add(make_draft(other, uid=OTHER_UID, materials=(make_material(3),)))
        repo.set_form_file(other_app, as_other_form.stored_name)
        app_id = repo.add(
            make_draft(pid, materials=(only_here, in_activity, in_other_app, as_other_form, kept))
        )
        draft = repo.get(app_id)

    with database.session() as session:
        orphaned = ApplicationRepository(session).update(
            dataclasses.replace(draft, materials=(kept,))
        )
    assert orphaned == [only_here.stored_name]


def test_mark_exported_set_state_and_bundle_path(database: Database, pid: int) -> None:
    with database.session() as session:
        repo = ApplicationRepository(session)
        app_id = repo.add(make_draft(pid))
        repo.mark_exported(
            app_id,
            exported_at=datetime(2026, 12, 2, 10, 0, 5),
            bundle_id="b" * 64,
            content_digest="c" * 64,
            bundle_path="D:\\申请\\bundle.zip",
        )
    with database.session() as session:
        repo = ApplicationRepository(session)
        exported = repo.get(app_id)
        assert repo.bundle_path(app_id) == "D:\\申请\\bundle.zip"
        repo.set_state(app_id, ApplicationState.REJECTED)
    with database.session() as session:
        rejected = ApplicationRepository(session).get(app_id)

    assert exported.state is ApplicationState.EXPORTED
    assert exported.exported_at == datetime(2026, 12, 2, 10, 0, 5)
    assert (exported.bundle_id, exported.content_digest) == ("b" * 64, "c" * 64)
    assert rejected == dataclasses.replace(
        exported, state=ApplicationState.REJECTED, updated_at=rejected.updated_at
    )


def test_set_form_file_returns_the_previous_form_only_when_unreferenced(
    database: Database, pid: int
) -> None:
    with database.session() as session:
        ActivityRepository(session).add(
            pid, make_activity(date(2024, 3, 1), evidence=(make_evidence(2),))
        )
        repo = ApplicationRepository(session)
        app_id = repo.add(make_draft(pid))
        assert repo.set_form_file(app_id, name(1)) == []  # there was none
        session.execute(text("UPDATE applications SET updated_at = '2026-01-01 00:00:00'"))
    with database.session() as session:
        repo = ApplicationRepository(session)
        assert repo.set_form_file(app_id, name(1)) == []  # unchanged
        assert repo.set_form_file(app_id, name(2)) == [name(1)]
        assert repo.set_form_file(app_id, name(3)) == []  # name(2) is an activity's evidence
        assert repo.form_file(app_id) == name(3)
        assert repo.get(app_id).updated_at == datetime(2026, 1, 1)  # not an edit


def test_delete_application_reports_its_files_and_orphans_resubmissions(
    database: Database, pid: int
) -> None:
    with database.session() as session:
        repo = ApplicationRepository(session)
        rejected = repo.add(make_draft(pid, materials=(make_material(1), make_material(2))))
        repo.set_form_file(rejected, name(3))
        resubmission = dataclasses.replace(
            make_draft(pid, version=2, materials=(make_material(2),)), parent_id=rejected
        )
        child = repo.add(resubmission)
    with database.session() as session:
        assert ApplicationRepository(session).delete(rejected) == [name(1), name(3)]
    with database.session() as session:
        assert ApplicationRepository(session).get(child).parent_id is None
    assert count_rows(database, "application_materials") == 1


# --- the shared evidence store --------------------------------------------------------------


def test_activity_evidence_used_by_an_application_is_not_reported(
    database: Database, pid: int
) -> None:
    with database.session() as session:
        activities = ActivityRepository(session)
        as_material = activities.add(
            pid, make_activity(date(2024, 3, 1), evidence=(make_evidence(1),))
        )
        as_form = activities.add(pid, make_activity(date(2024, 3, 2), evidence=(make_evidence(2),)))
        dropped_in_update = activities.add(
            pid, make_activity(date(2024, 3, 3), evidence=(make_evidence(4), make_evidence(5)))
        )
        repo = ApplicationRepository(session)
        app_id = repo.add(make_draft(pid, materials=(make_material(1), make_material(4))))
        repo.set_form_file(app_id, name(2))

    with database.session() as session:
        activities = ActivityRepository(session)
        assert activities.referenced_names([name(n) for n in range(1, 7)]) == {
            name(1),
            name(2),
            name(4),
            name(5),
        }
        assert activities.evidence_names() == {name(1), name(2), name(4), name(5)}
        assert activities.delete(as_material) == []
        assert activities.delete(as_form) == []
        edited = dataclasses.replace(activities.get(dropped_in_update), evidence=())
        assert activities.update(edited) == [name(5)]  # name(4) is a material
        assert activities.evidence_names() == {name(1), name(2), name(4)}

    # ...and the other way round: once the application lets go, the files are reported.
    with database.session() as session:
        repo = ApplicationRepository(session)
        assert repo.update(dataclasses.replace(repo.get(app_id), materials=())) == [
            name(1),
            name(4),
        ]
        assert repo.set_form_file(app_id, "") == [name(2)]
        assert ActivityRepository(session).evidence_names() == set()


def test_deleting_a_practitioner_cascades_to_applications_and_reports_their_files(
    database: Database, pid: int, other: int
) -> None:
    with database.session() as session:
        ActivityRepository(session).add(
            pid, make_activity(date(2024, 3, 1), evidence=(make_evidence(1),))
        )
        repo = ApplicationRepository(session)
        first = repo.add(make_draft(pid, materials=(make_material(2), make_material(3))))
        repo.set_form_file(first, name(4))
        second = repo.add(
            dataclasses.replace(
                make_draft(pid, version=2, materials=(make_material(5),)), parent_id=first
            )
        )
        repo.set_form_file(second, name(6))
        # `other` still uses 3 (material) and 6 (evidence)
        kept = repo.add(make_draft(other, uid=OTHER_UID, materials=(make_material(3),)))
        ActivityRepository(session).add(
            other, make_activity(date(2024, 3, 1), evidence=(make_evidence(6),))
        )
        changes = ProfileChangeRepository(session)
        changes.record(pid, "phone", "13800138000", "13900139000", make_draft(pid).uid)
        changes.record(other, "post", "社工", "督导", OTHER_UID)

    with database.session() as session:
        orphaned = PractitionerRepository(session).delete(pid)

    assert orphaned == [name(1), name(2), name(4), name(5)]
    assert count_rows(database, "applications") == 1
    assert count_rows(database, "application_materials") == 1
    assert count_rows(database, "profile_changes") == 1
    with database.session() as session:
        assert [d.id for d in ApplicationRepository(session).history(other)] == [kept]
        assert ApplicationRepository(session).history(pid) == []


# --- profile changes ------------------------------------------------------------------------


def test_profile_changes_are_listed_newest_first_per_practitioner(
    database: Database, pid: int, other: int
) -> None:
    uid = make_draft(pid).uid
    with database.session() as session:
        repo = ProfileChangeRepository(session)
        repo.record(
            pid, "phone", "13800138000", "13900139000", uid, changed_at=datetime(2025, 6, 1, 9, 0)
        )
        repo.record(pid, "employer", "旧单位", "新单位", uid, changed_at=datetime(2025, 6, 1, 9, 0))
        repo.record(pid, "post", "社工", "", changed_at=datetime(2024, 1, 1))
        repo.record(other, "phone", "1", "2", OTHER_UID)
        repo.record(pid, "post", "", "督导", uid)  # now

    with database.session() as session:
        changes = ProfileChangeRepository(session).list_for(pid)

    assert [(c.field, c.old_value, c.new_value, c.application_uid) for c in changes] == [
        ("post", "", "督导", uid),
        ("employer", "旧单位", "新单位", uid),
        ("phone", "13800138000", "13900139000", uid),
        ("post", "社工", "", ""),
    ]
    assert changes[2] == ProfileChange(
        "phone", "13800138000", "13900139000", datetime(2025, 6, 1, 9, 0), uid
    )
    assert changes[0].changed_at.year >= 2025
    with database.session() as session:
        assert ProfileChangeRepository(session).list_for(999) == []
