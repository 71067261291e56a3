"""The audit log: every reviewer action appended to a hash chain, never a full ID number,
and any edited, inserted or deleted entry reported as the first broken one."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest
from review_samples import (
    PASSWORD,
    SampleBundles,
    make_office,
)

from swdesk.reviewstore.audit import append_entry, entries
from swdesk.services.review import ReviewServer, ReviewWorkspace, open_review_workspace

Places = Callable[[str], "Path | ReviewServer"]  # the office_places fixture


def busy_office(
    place: Path | ReviewServer, tmp_path: Path, sample_bundles: SampleBundles
) -> tuple[ReviewWorkspace, int]:
    workspace = make_office(place)
    service = workspace.service
    app_id = service.import_files([sample_bundles.ordinary[0]]).entries[0].application_id
    assert app_id is not None
    service.detail(app_id)
    service.reveal_id_number(app_id)
    service.decide([app_id], "approved")
    (tmp_path / "out").mkdir(exist_ok=True)
    service.export_decisions(tmp_path / "out")
    service.export_roster(tmp_path / "roster.xlsx")
    service.export_public_key(tmp_path / "office.swdkey")
    return workspace, app_id


def test_every_action_is_logged_in_a_verifiable_chain(
    tmp_path: Path, sample_bundles: SampleBundles, office_places: Places
) -> None:
    place = office_places("office")
    workspace, app_id = busy_office(place, tmp_path, sample_bundles)
    full_id = workspace.service.reveal_id_number(app_id)
    with workspace.database.session() as session:
        log = list(reversed(entries(session)))
    assert [e.action for e in log] == [
        "office_created",
        "imported",
        "opened",
        "id_revealed",
        "decided",
        "decision_exported",
        "roster_exported",
        "key_exported",
        "id_revealed",
    ]
    # the person signed in: the office's first head, set up with the office password
    assert {e.actor for e in log} == {"head"}
    assert log[0].details["head"] == "head"
    assert [e.seq for e in log] == list(range(1, len(log) + 1))
    assert all(e.application_id == app_id for e in log[1:6])
    assert log[4].details["outcome"] == "approved" and log[4].details["sequence"] == 1
    for entry in log:
        assert full_id not in repr(entry.details)
    result = workspace.service.audit_verify()
    assert (result.ok, result.entries, result.first_broken) == (True, len(log), None)
    workspace.close()
    # opening the workspace is an action too, and the chain goes on across sessions
    again = open_review_workspace(place, PASSWORD)
    assert again.service.audit_verify().entries == len(log) + 1
    again.close()


def test_the_log_refuses_a_full_id_number(office_places: Places) -> None:
    workspace = make_office(office_places("office"))
    try:
        with pytest.raises(ValueError), workspace.database.session() as session:
            append_entry(
                session,
                at="2026-11-28T10:00:00+08:00",
                actor="x",
                action="oops",
                details={"id": "11010519491231002X"},
            )
        with workspace.database.session() as session:  # a hex digest is not an ID number
            append_entry(
                session,
                at="2026-11-28T10:00:00+08:00",
                actor="x",
                action="ok",
                details={"digest": "a" + "1" * 60 + "bcd"},
            )
        assert workspace.service.audit_verify().ok
    finally:
        workspace.close()


def _tamper(workspace: ReviewWorkspace, sql: str) -> None:
    """Change the audit log behind swdesk's back (the database's own client), then close."""
    if workspace.root is None:  # a server: its own connection, as psql would
        with workspace.database.engine.begin() as connection:
            connection.exec_driver_sql(sql)
        workspace.close()
        return
    db_path = workspace.root / "review.sqlite"
    workspace.close()
    with closing(sqlite3.connect(db_path)) as connection:
        connection.execute(sql)
        connection.commit()


@pytest.mark.parametrize(
    ("sql", "broken"),
    [
        ('UPDATE audit_log SET details = \'{"outcome":"rejected"}\' WHERE seq = 5', 5),
        ("UPDATE audit_log SET action = 'viewed' WHERE seq = 3", 3),
        ("UPDATE audit_log SET at = '2020-01-01T00:00:00+08:00' WHERE seq = 1", 1),
        ("UPDATE audit_log SET hash = '" + "0" * 64 + "' WHERE seq = 4", 4),
        ("DELETE FROM audit_log WHERE seq = 6", 6),
        ("UPDATE audit_log SET details = 'not json' WHERE seq = 2", 2),
    ],
)
def test_tampering_is_found_at_the_first_broken_entry(
    tmp_path: Path, sample_bundles: SampleBundles, office_places: Places, sql: str, broken: int
) -> None:
    place = office_places("office")
    workspace, _app_id = busy_office(place, tmp_path, sample_bundles)
    _tamper(workspace, sql)
    again = open_review_workspace(place, PASSWORD)
    try:
        result = again.service.audit_verify()
        assert (result.ok, result.first_broken) == (False, broken)
        assert result.entries >= 8
    finally:
        again.close()


def test_a_consistently_rewritten_entry_still_breaks_the_next_one(
    tmp_path: Path, sample_bundles: SampleBundles, office_places: Places
) -> None:
    """Recomputing the hash of an edited entry does not help: the next entry names the old
    hash as its prev_hash."""
    from swdesk.reviewstore.audit import entry_hash

    place = office_places("office")
    workspace, _app_id = busy_office(place, tmp_path, sample_bundles)
    with workspace.database.session() as session:
        log = {e.seq: e for e in entries(session)}
    target = log[5]
    details = {**target.details, "outcome": "rejected"}
    forged = entry_hash(
        target.prev_hash, 5, target.at, target.actor, target.action, target.application_id, details
    )
    import json

    text = json.dumps(details, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    _tamper(workspace, f"UPDATE audit_log SET details = '{text}', hash = '{forged}' WHERE seq = 5")
    again = open_review_workspace(place, PASSWORD)
    try:
        assert again.service.audit_verify().first_broken == 6
    finally:
        again.close()
