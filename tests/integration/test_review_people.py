"""People, not PCs: staff accounts, signing in as oneself, what a reviewer may not do, and a
reviewer's decision waiting for a head's signature before it becomes the next link of the
office's signed chain. The `office` tests run on both engines: a folder's office (SQLite) and
an office on the tests' PostgreSQL server (a copy of a database migrated once per session)."""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import secrets
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest
from review_samples import PASSWORD, TODAY, SampleBundles, copied_office
from sqlalchemy import select

from folder_samples import FolderTemplates
from postgres_server import PostgresServer, postgres_server  # noqa: F401 - fixtures
from swdesk.domain.errors import UserFixableError
from swdesk.reviewstore.audit import entries
from swdesk.reviewstore.orm import DecisionRow
from swdesk.services.review import (
    ReviewServer,
    ReviewState,
    ReviewWorkspace,
    init_review_workspace,
    open_review_workspace,
)
from swdesk.signing import read_decision

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "schema"
REVIEWER_PASSWORD = "lijun's own password"
HEAD2_PASSWORD = "second head's password"


def _fixture_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_fixtures", FIXTURES / "make_fixtures.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_fixtures = _fixture_script()


_SERVERS: dict[str, ReviewServer] = {}  # an office on the server by its location


def where(workspace: ReviewWorkspace) -> Path | ReviewServer:
    """Where `workspace`'s office is: its folder, or its server."""
    return workspace.root if workspace.root is not None else _SERVERS[workspace.location]


def reopen(workspace: ReviewWorkspace, password: str, user: str | None = None) -> ReviewWorkspace:
    """Close `workspace` and open the same office signed in as `user`."""
    place = where(workspace)
    workspace.close()
    return open_review_workspace(place, password, user=user, clock=lambda: TODAY)


@pytest.fixture(scope="session")
def migrated_template(postgres_server: PostgresServer) -> str:  # noqa: F811
    """A database holding the review schema at head, copied by each server test."""
    from swdesk.reviewstore.migrate import prepare_review_server

    name = f"tpl_people_{secrets.token_hex(6)}"
    postgres_server.admin(f'CREATE DATABASE "{name}"')
    engine = ReviewServer(postgres_server.url(name)).engine()
    try:
        prepare_review_server(engine)
    finally:
        engine.dispose()
    return name


def _server_office(request: pytest.FixtureRequest) -> ReviewWorkspace:
    server: PostgresServer = request.getfixturevalue("postgres_server")
    template: str = request.getfixturevalue("migrated_template")
    name = f"t_{secrets.token_hex(6)}"
    server.admin(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    request.addfinalizer(lambda: server.admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    place = ReviewServer(server.url(name))
    workspace = init_review_workspace(
        place,
        office_name="平凉市民政局",
        region="620800",
        level="city",
        rule_pack_id="gansu",
        password=PASSWORD,
        clock=lambda: TODAY,
    )
    _SERVERS[workspace.location] = place
    return workspace


@pytest.fixture(params=["folder", "server"])
def office(
    request: pytest.FixtureRequest, folder_templates: FolderTemplates, tmp_path: Path
) -> Iterator[ReviewWorkspace]:
    """A city office signed in with the office password, with a reviewer "lijun": in a
    folder, or on the PostgreSQL server."""
    if request.param == "server":
        workspace = _server_office(request)
    else:
        workspace = copied_office(folder_templates, tmp_path / "review")
    workspace.service.staff.add("lijun", "李军", "reviewer", REVIEWER_PASSWORD)
    yield workspace
    with contextlib.suppress(Exception):  # closed already when a test signed in again
        workspace.close()


def actors(workspace: ReviewWorkspace) -> list[tuple[str, str]]:
    with workspace.database.session() as session:
        return [(e.actor, e.action) for e in reversed(entries(session))]


def verify_decision_chain(workspace: ReviewWorkspace) -> list[tuple[int, str, str]]:
    """Every decision this office issued, in sequence: each signed by the office key and
    linked to the one before; returns (sequence, decided_by, signed_by)."""
    with workspace.database.session() as session:
        issued = session.execute(
            select(DecisionRow.sequence, DecisionRow.previous_hash, DecisionRow.raw)
            .add_columns(DecisionRow.decided_by, DecisionRow.signed_by)
            .where(DecisionRow.issued_here.is_(True))
            .order_by(DecisionRow.sequence)
        ).all()
    previous = ""
    found = []
    for expected, (sequence, previous_hash, raw, decided_by, signed_by) in enumerate(
        issued, start=1
    ):
        signed = read_decision(bytes(raw), file="chain")
        assert signed.decision.office == workspace.office
        assert sequence == expected == signed.decision.sequence
        assert signed.decision.previous_hash == previous == previous_hash
        previous = hashlib.sha256(bytes(raw)).hexdigest()
        found.append((sequence, decided_by, signed_by))
    return found


# -- signing in ---------------------------------------------------------------------------


def test_the_office_password_signs_in_as_the_first_head(office: ReviewWorkspace) -> None:
    assert (office.actor, office.role, office.key is not None) == ("head", "head", True)
    members = {m.username: m for m in office.service.staff.members()}
    assert members["head"].role == "head" and members["head"].holds_key
    assert members["lijun"].role == "reviewer" and not members["lijun"].holds_key


def test_a_person_signs_in_with_their_own_password(office: ReviewWorkspace) -> None:
    reviewer = reopen(office, REVIEWER_PASSWORD, "lijun")
    try:
        assert (reviewer.actor, reviewer.role, reviewer.key) == ("lijun", "reviewer", None)
        assert reviewer.office.name == "平凉市民政局"  # known without the key
        assert actors(reviewer)[-1] == ("lijun", "workspace_opened")
    finally:
        reviewer.close()


@pytest.mark.parametrize(
    ("user", "password"),
    [
        ("lijun", PASSWORD),  # the office password is not lijun's
        ("lijun", "wrong password"),
        ("nobody", REVIEWER_PASSWORD),  # an unknown user: the same answer
        (None, REVIEWER_PASSWORD),  # the office password is needed without a user
    ],
)
def test_a_wrong_password_or_user_says_only_wrong_password(
    office: ReviewWorkspace, user: str | None, password: str
) -> None:
    place = where(office)
    office.close()
    with pytest.raises(UserFixableError) as caught:
        open_review_workspace(place, password, user=user, clock=lambda: TODAY)
    assert caught.value.code == "wrong_password"
    assert "user" not in caught.value.params


def test_a_disabled_person_is_refused_and_the_last_head_stays(office: ReviewWorkspace) -> None:
    staff = office.service.staff
    with pytest.raises(UserFixableError) as caught:
        staff.disable("head")
    assert caught.value.code == "last_head"
    staff.disable("lijun")
    assert not {m.username: m for m in staff.members()}["lijun"].active
    place = where(office)
    office.close()
    with pytest.raises(UserFixableError) as refused:
        open_review_workspace(place, REVIEWER_PASSWORD, user="lijun")
    assert refused.value.code == "user_disabled"
    with pytest.raises(UserFixableError) as wrong:  # a wrong password says nothing more
        open_review_workspace(place, "not lijun's password", user="lijun")
    assert wrong.value.code == "wrong_password"


def test_staff_rules(office: ReviewWorkspace) -> None:
    staff = office.service.staff
    for username, display, role, password, code in [
        ("Li Jun", "", "reviewer", REVIEWER_PASSWORD, "username_invalid"),
        ("x", "", "reviewer", REVIEWER_PASSWORD, "username_invalid"),
        ("lijun", "", "reviewer", REVIEWER_PASSWORD, "username_taken"),
        ("wanggang", "", "boss", REVIEWER_PASSWORD, "role_unknown"),
        ("wanggang", "", "reviewer", "short", "password_too_short"),
        ("wanggang", "王\x07刚", "reviewer", REVIEWER_PASSWORD, "display_name_invalid"),
    ]:
        with pytest.raises(UserFixableError) as caught:
            staff.add(username, display, role, password)
        assert caught.value.code == code, username
    assert [m.username for m in staff.members()] == ["head", "lijun"]  # nothing half-added


def test_a_second_head_with_a_key_copy_signs_and_passwords_change(
    office: ReviewWorkspace,
) -> None:
    office.service.staff.add("wangfang", "王芳", "head", HEAD2_PASSWORD, with_key=True)
    office.service.staff.add("zhouli", "周丽", "head", HEAD2_PASSWORD)  # without the key
    head2 = reopen(office, HEAD2_PASSWORD, "wangfang")
    try:
        assert (head2.role, head2.key is not None) == ("head", True)
        head2.service.staff.change_own_password(HEAD2_PASSWORD, "wangfang's new one")
        with pytest.raises(UserFixableError) as caught:
            head2.service.staff.change_own_password("not the old one", "whatever else")
        assert caught.value.code == "wrong_password"
        head2.service.staff.reset_password("lijun", "lijun's next password")
        head2 = reopen(head2, "wangfang's new one", "wangfang")
        assert head2.key is not None  # the copy of the key followed the new password
        head2 = reopen(head2, HEAD2_PASSWORD, "zhouli")
        assert (head2.role, head2.key) == ("head", None)
        with pytest.raises(UserFixableError) as locked:
            head2.service.sign_pending()
        assert locked.value.code == "office_key_locked"
        head2 = reopen(head2, "lijun's next password", "lijun")
        assert head2.actor == "lijun"
        actions = [a for who, a in actors(head2) if a.startswith("staff_")]
        assert actions == [
            "staff_added",
            "staff_added",
            "staff_added",
            "staff_password_changed",
            "staff_password_reset",
        ]
    finally:
        head2.close()


# -- what a reviewer may not do -----------------------------------------------------------


def test_a_reviewer_is_refused_the_heads_work(office: ReviewWorkspace, tmp_path: Path) -> None:
    reviewer = reopen(office, REVIEWER_PASSWORD, "lijun")
    service = reviewer.service
    try:
        for attempt in (
            lambda: service.export_decisions(tmp_path / "out"),
            lambda: service.publish_trust([], tmp_path / "x.swdtrust"),
            lambda: service.import_trust(tmp_path / "x.swdtrust"),
            lambda: service.set_retention_days(30),
            lambda: service.sign_pending(),
            lambda: service.send_back(1),
            lambda: service.staff.add("wanggang", "", "reviewer", REVIEWER_PASSWORD),
            lambda: service.staff.disable("head"),
            lambda: service.staff.reset_password("head", "taken over now"),
        ):
            with pytest.raises(UserFixableError) as caught:
                attempt()
            assert caught.value.code == "head_only"
            assert caught.value.params["user"] == "lijun"
        assert not (tmp_path / "out").exists()
        assert service.retention_days() == 365
        service.staff.change_own_password(REVIEWER_PASSWORD, "lijun's own new one")  # allowed
    finally:
        reviewer.close()


# -- a reviewer decides, a head signs ----------------------------------------------------


def test_a_reviewers_decision_waits_and_the_head_signs_it_into_the_chain(
    office: ReviewWorkspace, sample_bundles: SampleBundles
) -> None:
    report = office.service.import_files(sample_bundles.ordinary[:3])
    first, second, third = (e.application_id for e in report.entries)
    assert first and second and third
    assert office.service.decide([first], "approved")[0].status == "decided"

    reviewer = reopen(office, REVIEWER_PASSWORD, "lijun")
    results = reviewer.service.decide([second, third], "rejected", [("hours_short", "少 3 小时")])
    assert [r.status for r in results] == ["pending", "pending"]
    assert results[0].pending is not None and results[0].pending.decided_by == "lijun"
    assert reviewer.service.decide([second], "approved")[0].code == "decision_pending"
    detail = reviewer.service.detail(second)
    assert detail.row.state is ReviewState.PENDING  # unchanged until signed
    assert detail.pending is not None and detail.pending.decided_by == "lijun"
    assert (detail.row.pending_by, detail.row.pending_by_name) == ("lijun", "李军")
    rows = {r.id: r for r in reviewer.service.queue_page()}
    assert (rows[second].pending_by, rows[first].pending_by) == ("lijun", "")
    assert (rows[second].pending_by_name, rows[first].pending_by_name) == ("李军", "")

    head = reopen(reviewer, PASSWORD)
    try:
        waiting = head.service.pending_decisions()
        assert [(p.application_id, p.decided_by) for p in waiting] == [
            (second, "lijun"),
            (third, "lijun"),
        ]
        assert head.service.send_back(third, "请核对学时") is True
        signed = head.service.sign_pending()
        assert [(r.application_id, r.status) for r in signed] == [(second, "decided")]
        decision = signed[0].decision
        assert decision is not None
        assert (decision.decided_by, decision.signed_by, decision.sequence) == ("lijun", "head", 2)
        assert decision.reasons == (("hours_short", "少 3 小时"),)
        assert head.service.detail(second).row.state is ReviewState.FIRST_REJECTED
        assert head.service.detail(third).row.state is ReviewState.PENDING
        assert head.service.pending_decisions() == []
        assert head.service.sign_pending([third])[0].code == "nothing_pending"

        assert verify_decision_chain(head) == [(1, "head", "head"), (2, "lijun", "head")]
        assert head.service.audit_verify().ok
        log = actors(head)
        assert ("lijun", "decision_proposed") in log
        assert ("head", "decision_sent_back") in log
        assert ("head", "decision_signed") in log
        assert [who for who, action in log if action == "decided"] == ["head"]
    finally:
        head.close()


def test_the_full_id_shown_names_the_person(
    office: ReviewWorkspace, sample_bundles: SampleBundles
) -> None:
    app_id = office.service.import_files(sample_bundles.ordinary[:1]).entries[0].application_id
    assert app_id is not None
    reviewer = reopen(office, REVIEWER_PASSWORD, "lijun")
    try:
        full = reviewer.service.reveal_id_number(app_id)
        assert len(full) == 18
        assert actors(reviewer)[-1] == ("lijun", "id_revealed")
    finally:
        reviewer.close()


# -- offices from earlier schema revisions ------------------------------------------------


def _fixture_office(tmp_path: Path, revision: str) -> Path:
    root = tmp_path / "review"
    root.mkdir(parents=True)
    shutil.copy(FIXTURES / f"review-{revision}.sqlite", root / "review.sqlite")
    return root


def test_the_r0004_fixture_opens_for_its_reviewer_and_its_head(tmp_path: Path) -> None:
    root = _fixture_office(tmp_path, "r0004")
    today = lambda: date(2026, 12, 4)  # noqa: E731
    reviewer = open_review_workspace(
        root, make_fixtures.REVIEWER_PASSWORD, user=make_fixtures.REVIEWER_USER, clock=today
    )
    try:
        assert (reviewer.actor, reviewer.role, reviewer.key) == ("lijun", "reviewer", None)
        assert reviewer.service.detail(4).pending is not None
        assert reviewer.service.audit_verify().ok
    finally:
        reviewer.close()
    with pytest.raises(UserFixableError) as caught:
        open_review_workspace(root, "a former colleague", user="zhaolei", clock=today)
    assert caught.value.code == "user_disabled"
    head = open_review_workspace(root, make_fixtures.PASSWORD, clock=today)
    try:
        assert (head.actor, head.role, head.key is not None) == ("wangfang", "head", True)
        assert [p.application_id for p in head.service.pending_decisions()] == [4]
        assert [m.username for m in head.service.staff.members()] == [
            "wangfang",
            "lijun",
            "zhaolei",
        ]
        assert head.service.audit_verify().ok  # old entries keep the office's fingerprint
    finally:
        head.close()
    same = open_review_workspace(root, make_fixtures.PASSWORD, user="wangfang", clock=today)
    try:
        assert same.key is not None  # wangfang's copy of the key
    finally:
        same.close()


def test_an_office_from_before_people_gets_its_head_at_the_first_opening(tmp_path: Path) -> None:
    root = _fixture_office(tmp_path, "r0003")
    today = lambda: date(2026, 11, 28)  # noqa: E731
    first = open_review_workspace(root, make_fixtures.PASSWORD, clock=today)
    try:
        assert (first.actor, first.role) == ("head", "head")
        with first.database.session() as session:
            log = list(reversed(entries(session)))
        assert [(e.actor, e.action) for e in log[-2:]] == [
            ("head", "staff_added"),
            ("head", "workspace_opened"),
        ]
        assert log[0].actor == first.office.fingerprint  # the old entries are kept as they were
        assert first.service.audit_verify().ok
    finally:
        first.close()
    again = open_review_workspace(root, make_fixtures.PASSWORD, user="head", clock=today)
    try:  # the head signs in by name with the office password, key and all
        assert (again.actor, again.key is not None) == ("head", True)
        assert [m.username for m in again.service.staff.members()] == ["head"]
    finally:
        again.close()
