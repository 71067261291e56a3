"""Several reviewers in one office at once, on SQLite and on PostgreSQL: processes deciding
the same applications decide each exactly once (the rest refused with the right code) and
the audit chain and the decision chain stay single unbroken chains; two processes
importing the same bundles store each once; a decision made on a stale view is refused
with nothing written; claims are shown, refused and taken over; the change marker moves
with every change and not with a look.

Each worker is its own process (`concurrency_worker.py`, forked from the tests' fork server
with swdesk already imported: `fork_server`) and they start together at a barrier. The
PostgreSQL office is a copy of the same SQLite office's rows in a database made from a
template built once per module (CREATE DATABASE ... TEMPLATE), its bundles in the office
folder as on SQLite.
"""

from __future__ import annotations

import json
import secrets
import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import concurrency_worker
import pytest
from concurrency_worker import STAFF_PASSWORD, open_service
from review_samples import SampleBundles, copied_office, sample_bundles  # noqa: F401
from sqlalchemy import func, select, text

import fork_server
from folder_samples import FolderTemplates
from postgres_server import postgres_database, postgres_server  # noqa: F401 - fixtures
from swdesk.database.engine import Database, open_engine
from swdesk.database.locking import hold_write_lock
from swdesk.database.server import open_server_engine, parse_server_url
from swdesk.domain.errors import UserFixableError
from swdesk.reviewstore.applications import ApplicationStore
from swdesk.reviewstore.orm import (
    ApplicationRow,
    AuditRow,
    BundleBlobRow,
    DecisionRow,
)
from swdesk.services.review import QueueFilter, ReviewService, ReviewState, batch_storing
from swdesk.services.review.context import DATABASE_NAME
from swdesk.services.review.moving import move_to_server

WORKER = Path(__file__).with_name("concurrency_worker.py")
WORKERS = 3
PASSWORD = "correct horse battery"
REASONS = [["hours_short", "请补足学时"]]


@dataclass
class Office:
    """A reviewer office every worker reaches: its folder and, on a server, its database."""

    root: Path
    url: str  # "" for the folder's SQLite database
    opened: list[Any] = field(default_factory=list)  # workspaces and databases to close

    def service(self, actor: str = "") -> ReviewService:
        """A reviewer's service in this process (its own connections), signed in as
        `actor` (a staff user name; "" the office password: its first head)."""
        service: ReviewService = open_service(
            {"root": str(self.root), "url": self.url, "actor": actor, "opened": self.opened}
        )
        return service

    def close(self) -> None:
        for opened in self.opened:
            opened.close()

    def run(self, jobs: list[dict[str, Any]], barrier: Path) -> list[list[dict[str, Any]]]:
        """Run one worker process per job, all starting together; their results."""
        barrier.mkdir()
        outs = [barrier.parent / f"worker-{number}.out" for number in range(len(jobs))]
        processes = [
            fork_server.start(
                concurrency_worker.main,
                [
                    str(WORKER),
                    json.dumps(
                        {
                            "root": str(self.root),
                            "url": self.url,
                            "barrier": str(barrier),
                            "worker": number,
                            "workers": len(jobs),
                            **job,
                        }
                    ),
                ],
                out=out,
            )
            for (number, job), out in zip(enumerate(jobs), outs, strict=True)
        ]
        results = []
        for process, out in zip(processes, outs, strict=True):
            code, stdout, stderr = fork_server.finish(process, out, timeout=300)
            assert code == 0, stderr
            results.append(json.loads(stdout))
        return results

    def scalar(self, statement: Any) -> Any:
        engine = (
            open_engine(self.root / DATABASE_NAME)
            if not self.url
            else open_server_engine(parse_server_url(self.url))
        )
        try:
            with engine.connect() as connection:
                return connection.execute(statement).scalar_one()
        finally:
            engine.dispose()


def _office_with_bundles(templates: FolderTemplates, bundles: SampleBundles, root: Path) -> Path:
    """An office folder holding every sample bundle, set up once per session."""

    def build(folder: Path) -> None:
        folder.rmdir()  # made empty for us: the office's copy makes it anew
        workspace = copied_office(templates, folder)
        try:
            report = workspace.service.import_files(bundles.all)
            assert {e.status for e in report.entries} == {"imported"}
        finally:
            workspace.close()

    return templates.copy("concurrency-office", build, root)


def _empty_office(templates: FolderTemplates, root: Path) -> Path:
    copied_office(templates, root).close()
    return root


@pytest.fixture(scope="module")
def pg_templates(
    request: pytest.FixtureRequest,
    folder_templates: FolderTemplates,
    sample_bundles: SampleBundles,  # noqa: F811 - fixture
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[dict[str, str]]:
    """Server template databases (per module): the office with every sample bundle
    ("bundles") and the empty office ("empty"), each its folder's office moved to the
    server (`move_to_server`: rows and bundle bytes)."""
    server = request.getfixturevalue("postgres_server")
    made: dict[str, str] = {}
    folders = {
        "bundles": _office_with_bundles(
            folder_templates, sample_bundles, tmp_path_factory.mktemp("pgtpl") / "b"
        ),
        "empty": _empty_office(folder_templates, tmp_path_factory.mktemp("pgtpl") / "e"),
    }
    for name, folder in folders.items():
        database = f"tpl_{name}_{secrets.token_hex(4)}"
        server.admin(f'CREATE DATABASE "{database}"')
        made[name] = database
        move_to_server(folder, server.url(database), PASSWORD)
    yield made
    for database in made.values():
        server.admin(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def _office(
    request: pytest.FixtureRequest,
    engine: str,
    kind: str,
    root: Path,
) -> Office:
    templates: FolderTemplates = request.getfixturevalue("folder_templates")
    if kind == "bundles":
        bundles: SampleBundles = request.getfixturevalue("sample_bundles")
        _office_with_bundles(templates, bundles, root)
    else:
        _empty_office(templates, root)
    if engine == "sqlite":
        return Office(root, "")
    server = request.getfixturevalue("postgres_server")
    template = request.getfixturevalue("pg_templates")[kind]
    database = f"t_{secrets.token_hex(6)}"
    server.admin(f'CREATE DATABASE "{database}" TEMPLATE "{template}"')
    request.addfinalizer(lambda: server.admin(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
    (root / DATABASE_NAME).unlink()  # the server's rows are the office now
    return Office(root, server.url(database))


ENGINES = ["sqlite", "postgres"]


@pytest.fixture(params=ENGINES)
def office(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Office]:
    """The office with every sample bundle imported, on each engine."""
    office = _office(request, request.param, "bundles", tmp_path / "office")
    yield office
    office.close()


@pytest.fixture(params=ENGINES)
def empty_office(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Office]:
    office = _office(request, request.param, "empty", tmp_path / "office")
    yield office
    office.close()


def _pending(service: ReviewService) -> list[Any]:
    return service.queue_page(QueueFilter(state=ReviewState.PENDING), "id", True, 0, 100)


def _ordinary(service: ReviewService) -> list[Any]:
    """Pending applications that need no reason to be approved late."""
    return [row for row in _pending(service) if not row.is_late]


def _chain_is_whole(office: Office, service: ReviewService, decided: int) -> None:
    assert service.audit_verify().ok
    sequences = office.scalar(
        select(func.count(func.distinct(DecisionRow.sequence))).where(
            DecisionRow.issued_here.is_(True)
        )
    )
    highest = office.scalar(
        select(func.coalesce(func.max(DecisionRow.sequence), 0)).where(
            DecisionRow.issued_here.is_(True)
        )
    )
    assert sequences == highest == decided  # 1..n, none taken twice, none skipped


def test_processes_approving_the_same_applications_approve_each_once(
    office: Office, tmp_path: Path
) -> None:
    service = office.service()
    ids = [row.id for row in _ordinary(service)]
    assert len(ids) >= 4
    jobs = [
        {"decide": [[i, None] for i in (ids if n % 2 == 0 else ids[::-1])], "outcome": "approved"}
        for n in range(WORKERS)
    ]
    results = [item for worker in office.run(jobs, tmp_path / "barrier") for item in worker]

    decided = Counter(r["id"] for r in results if r["status"] == "decided")
    assert decided == Counter(ids)  # each exactly once
    refusals = {r["code"] for r in results if r["status"] != "decided"}
    assert refusals == {"application_locked"}  # the others found it approved
    assert len(results) == WORKERS * len(ids)
    _chain_is_whole(office, service, len(ids))
    assert {r.state for r in _pending(service)} <= {ReviewState.PENDING}
    assert not {r.id for r in _pending(service)} & set(ids)


def test_processes_deciding_from_the_same_view_decide_each_once(
    office: Office, tmp_path: Path
) -> None:
    # rejections may be corrected later, so only the row version tells the second one
    # that the view it decides from is no longer the stored application
    service = office.service()
    seen = [[row.id, row.row_version] for row in _pending(service)]
    jobs = [
        {"decide": seen if n % 2 == 0 else seen[::-1], "outcome": "rejected", "reasons": REASONS}
        for n in range(WORKERS)
    ]
    results = [item for worker in office.run(jobs, tmp_path / "barrier") for item in worker]

    decided = Counter(r["id"] for r in results if r["status"] == "decided")
    assert decided == Counter(i for i, _ in seen)
    assert {r["code"] for r in results if r["status"] != "decided"} == {"application_changed"}
    _chain_is_whole(office, service, len(seen))


def test_two_processes_importing_the_same_bundles_store_each_once(
    empty_office: Office,
    sample_bundles: SampleBundles,  # noqa: F811 - fixture
    tmp_path: Path,
) -> None:
    files = [str(p) for p in sample_bundles.all]
    jobs = [{"import": files}, {"import": files[::-1]}]
    results = [item for worker in empty_office.run(jobs, tmp_path / "barrier") for item in worker]

    by_file: dict[str, list[dict[str, Any]]] = {}
    for item in results:
        by_file.setdefault(item["file"], []).append(item)
    assert len(by_file) == len(files)
    for outcomes in by_file.values():
        statuses = sorted((o["status"], o["code"]) for o in outcomes)
        assert statuses == [("duplicate", "already_imported"), ("imported", "")]
        assert len({o["id"] for o in outcomes}) == 1  # the duplicate names the stored one
    assert empty_office.scalar(select(func.count()).select_from(ApplicationRow)) == len(files)
    if empty_office.url:  # a server office keeps the bytes as rows, once each
        blobs = select(func.count()).select_from(BundleBlobRow)
        assert empty_office.scalar(blobs) == len(files)
        assert not (empty_office.root / "bundles").exists() or not any(
            (empty_office.root / "bundles").iterdir()
        )
    else:
        stored = sorted(p.name for p in (empty_office.root / "bundles").iterdir())
        assert len(stored) == len(files) and all(name.endswith(".swdapp") for name in stored)
    service = empty_office.service()
    assert service.audit_verify().ok
    imported = select(func.count()).select_from(AuditRow).where(AuditRow.action == "imported")
    assert empty_office.scalar(imported) == len(files)


def test_the_unique_bundle_id_decides_when_the_look_before_missed_it(
    office: Office,
    sample_bundles: SampleBundles,  # noqa: F811 - fixture
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # another PC committed the same bundle between this import's look and its insert
    service = office.service()
    before = office.scalar(select(func.count()).select_from(ApplicationRow))
    looks: list[str] = []
    real_look = ApplicationStore.id_for_bundle

    def missed_once(store: ApplicationStore, bundle_id: str) -> int | None:
        looks.append(bundle_id)
        return None if len(looks) == 1 else real_look(store, bundle_id)

    monkeypatch.setattr(ApplicationStore, "id_for_bundle", missed_once)
    # the batch's one look for all its files misses it too (its uid then sends the file
    # to the look and insert of its own above)
    monkeypatch.setattr(batch_storing, "ids_for_bundles", lambda _session, _ids: {})
    path = sample_bundles.ordinary[0]
    (entry,) = service.import_files([path]).entries
    assert (entry.status, entry.code) == ("duplicate", "already_imported")
    assert entry.application_id is not None and len(looks) == 2
    assert office.scalar(select(func.count()).select_from(ApplicationRow)) == before
    assert service.audit_verify().ok


def test_a_decision_on_a_stale_view_is_refused_with_nothing_written(office: Office) -> None:
    mine, colleague = office.service(), office.service()
    row = _ordinary(mine)[0]
    (first,) = colleague.decide(row.id, "rejected", [tuple(r) for r in REASONS])
    assert first.status == "decided"
    audit_before = office.scalar(select(func.count()).select_from(AuditRow))
    decisions_before = office.scalar(select(func.count()).select_from(DecisionRow))

    (late,) = mine.decide(row.id, "approved", expected_version=row.row_version)
    assert (late.status, late.code) == ("refused", "application_changed")
    assert office.scalar(select(func.count()).select_from(AuditRow)) == audit_before
    assert office.scalar(select(func.count()).select_from(DecisionRow)) == decisions_before

    fresh = mine.detail(row.id, opened=False).row
    assert fresh.row_version > row.row_version and fresh.state is ReviewState.FIRST_REJECTED
    (again,) = mine.decide(row.id, "approved", expected_version=fresh.row_version)
    assert again.status == "decided"


def _add_staff(office: Office, *people: tuple[str, str, str]) -> None:
    """Staff accounts (user name, display name, role) with STAFF_PASSWORD, added by the
    office's head."""
    staff = office.service().staff
    for username, name, role in people:
        staff.add(username, name, role, STAFF_PASSWORD, with_key=role == "head")


def test_claims_are_shown_refused_and_taken_over(office: Office) -> None:
    _add_staff(office, ("wangfang", "王芳", "head"), ("lijun", "李军", "reviewer"))
    wang, li = office.service("wangfang"), office.service("lijun")
    first, second = _ordinary(wang)[:2]

    claimed = li.claim(first.id)
    assert (claimed.claimed_by, claimed.claimed_by_name, claimed.mine) == ("lijun", "李军", True)
    row = next(r for r in _pending(wang) if r.id == first.id)
    assert (row.claimed_by, row.claimed_by_name) == ("lijun", "李军")
    assert row.row_version == first.row_version + 1  # a claim is a change of the row
    assert [r.id for r in li.queue_page(QueueFilter(claims="mine"))] == [first.id]
    assert wang.queue_page(QueueFilter(claims="mine")) == []
    unclaimed = {r.id for r in wang.queue_page(QueueFilter(claims="unclaimed"), limit=500)}
    assert first.id not in unclaimed and second.id in unclaimed
    assert li.queue_count(QueueFilter(claims="mine")) == 1

    # deciding what a colleague claimed is refused, naming them, with nothing written
    (refused,) = wang.decide(first.id, "approved", expected_version=row.row_version)
    assert (refused.status, refused.code) == ("refused", "application_claimed")
    assert refused.params["claimed_by"] == "李军"
    with pytest.raises(UserFixableError) as raised:
        wang.claim(first.id)
    assert raised.value.code == "application_claimed"
    assert raised.value.params["claimed_by"] == "李军"

    # ... unless taken over explicitly, which the audit log records
    (taken,) = wang.decide(first.id, "approved", expected_version=row.row_version, take_over=True)
    assert taken.status == "decided"
    assert wang.detail(first.id, opened=False).row.claimed_by == "wangfang"
    actions = [
        (entry_action, details)
        for entry_action, details in _audit(office, first.id)
        if entry_action in ("claimed", "claim_taken_over")
    ]
    assert actions == [("claimed", {}), ("claim_taken_over", {"taken_from": "lijun"})]

    # opening to decide claims only what nobody claimed; releasing gives it back
    assert li.claim_if_unclaimed(second.id) is True
    assert wang.claim_if_unclaimed(second.id) is False
    assert wang.detail(second.id, opened=False).row.claimed_by == "lijun"
    with pytest.raises(UserFixableError) as raised:
        wang.release(second.id)
    assert raised.value.code == "application_claimed"
    released = li.release(second.id)
    assert (released.claimed_by, released.mine) == ("", False)
    assert wang.claim(second.id).claimed_by == "wangfang"


def _audit(office: Office, app_id: int) -> list[tuple[str, dict[str, Any]]]:
    engine = (
        open_engine(office.root / DATABASE_NAME)
        if not office.url
        else open_server_engine(parse_server_url(office.url))
    )
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                select(AuditRow.action, AuditRow.details)
                .where(AuditRow.application_id == app_id)
                .order_by(AuditRow.seq)
            ).all()
    finally:
        engine.dispose()
    return [(action, json.loads(details)) for action, details in rows]


def test_a_claim_on_a_stale_view_is_refused(office: Office) -> None:
    _add_staff(office, ("lijun", "李军", "reviewer"))
    li = office.service("lijun")
    row = _pending(li)[0]
    li.claim(row.id)
    with pytest.raises(UserFixableError) as raised:
        li.release(row.id, expected_version=row.row_version)
    assert raised.value.code == "application_changed"


@pytest.mark.parametrize("office", ["sqlite"], indirect=True)  # reached without signing in
def test_without_people_claims_are_not_recorded_and_refuse_nothing(office: Office) -> None:
    service = office.service()  # the office's database used by a context naming nobody
    row = _ordinary(service)[0]
    state = service.claim(row.id)
    assert (state.claimed_by, state.row_version) == ("", row.row_version)
    assert service.claim_if_unclaimed(row.id) is False
    (result,) = service.decide(row.id, "approved", expected_version=row.row_version)
    assert result.status == "decided"


def test_the_change_marker_moves_with_changes_not_with_looks(office: Office) -> None:
    service, colleague = office.service(), office.service()
    start = service.change_marker()
    row = _pending(service)[0]
    colleague.detail(row.id)  # audit-logged "opened": a look
    colleague.reveal_id_number(row.id)
    assert service.change_marker() == start
    colleague.decide(row.id, "rejected", [tuple(r) for r in REASONS])
    after_decision = service.change_marker()
    assert after_decision > start


def test_the_write_lock_makes_a_second_writer_wait_for_the_first_commit(
    postgres_database: str,  # noqa: F811 - fixture
) -> None:
    database = Database(open_server_engine(parse_server_url(postgres_database)))
    order: list[str] = []
    first_holds = threading.Event()
    try:
        with database.session() as session:  # the other writer, in its own connection
            hold_write_lock(session, "test-lock")
            first_holds.set()

            def second() -> None:
                with database.session() as other:
                    hold_write_lock(other, "test-lock")
                    order.append("second has it")

            thread = threading.Thread(target=second)
            thread.start()
            thread.join(0.5)  # it waits: the first still holds the lock
            order.append("first commits")
        thread.join(30)
        assert order == ["first commits", "second has it"]
        with database.session() as session:  # taken twice in one transaction: no wait
            hold_write_lock(session, "test-lock")
            hold_write_lock(session, "test-lock")
            assert session.execute(text("SELECT 1")).scalar_one() == 1
    finally:
        database.dispose()


def test_the_write_lock_is_nothing_on_sqlite(tmp_path: Path) -> None:
    database = Database.open(tmp_path / "x.sqlite")
    try:
        with database.session() as session:
            hold_write_lock(session, "test-lock")
            assert session.execute(text("SELECT 1")).scalar_one() == 1
    finally:
        database.dispose()


def test_claims_on_the_command_line(
    folder_templates: FolderTemplates,
    sample_bundles: SampleBundles,  # noqa: F811 - fixture
    tmp_path: Path,
) -> None:
    from cli_runner import run_cli

    data = tmp_path / "data"
    _office_with_bundles(folder_templates, sample_bundles, data / "review")
    head = {"SWDESK_REVIEW_PASSWORD": PASSWORD}
    staff_password = "lijun's own passphrase"
    as_li = {"SWDESK_REVIEW_PASSWORD": staff_password}

    def swdesk(*args: str, env: dict[str, str]) -> Any:
        return run_cli("review", *args, "--data-dir", str(data), env=env)

    added = swdesk(
        "staff",
        "add",
        "lijun",
        "--name",
        "李军",
        "--role",
        "reviewer",
        env={**head, "SWDESK_NEW_PASSWORD": staff_password},
    )
    assert added.returncode == 0, added.stderr
    listed = swdesk("list", "--state", "pending", env=head)
    app_id = listed.stdout.splitlines()[0].split("\t")[0]

    claimed = swdesk("claim", "--application", app_id, "--user", "lijun", env=as_li)
    assert claimed.stdout.splitlines() == [f"claimed\t{app_id}\tlijun"], claimed.stderr
    mine = swdesk("list", "--mine", "--user", "lijun", env=as_li).stdout.splitlines()
    assert [line.split("\t")[0] for line in mine] == [app_id]
    assert "claimed_by:lijun" in mine[0]
    unclaimed = swdesk("list", "--unclaimed", env=head).stdout.splitlines()
    assert app_id not in {line.split("\t")[0] for line in unclaimed} and unclaimed

    refused = swdesk("decide", "--application", app_id, "--approve", env=head)
    assert refused.returncode == 1
    assert refused.stderr.startswith("error: application_claimed") and "李军" in refused.stderr
    taken = swdesk("decide", "--application", app_id, "--approve", "--take-over", env=head)
    assert taken.returncode == 0 and taken.stdout.startswith(f"decided\t{app_id}"), taken.stderr

    # now the head's claim: lijun's release is refused unless he takes it over
    not_his = swdesk("release", "--application", app_id, "--user", "lijun", env=as_li)
    assert not_his.stderr.startswith("error: application_claimed"), not_his.stderr
    released = swdesk(
        "release", "--application", app_id, "--user", "lijun", "--take-over", env=as_li
    )
    assert released.stdout.splitlines() == [f"released\t{app_id}"], released.stderr
