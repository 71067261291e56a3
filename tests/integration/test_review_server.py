"""An office on a PostgreSQL server (`ReviewServer`): set up and opened with the same
services as a folder's office, its bundles' bytes kept as `bundle_blobs` rows written in the
transaction of the application's rows (a failed import leaves neither), deleted with them,
and every failure to reach or sign in to the server worded for the user (naming the server),
never a traceback. The server is the tests' own (postgres_server); each test gets a copy of
a database migrated once per session (CREATE DATABASE ... TEMPLATE)."""

from __future__ import annotations

import secrets
import socket
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from review_samples import PASSWORD, TODAY, SampleBundles, table_counts
from sqlalchemy import text

from cli_runner import CliResult, run_cli
from postgres_server import PostgresServer, postgres_server  # noqa: F401 - fixtures
from swdesk.bundle import verify_bundle
from swdesk.domain.errors import UserFixableError
from swdesk.reviewstore.queue import QueueFilter
from swdesk.services.review import (
    ReviewServer,
    ReviewWorkspace,
    init_review_workspace,
    open_review_workspace,
)
from swdesk.services.review.database_bundle_store import DatabaseBundleStore


@pytest.fixture(scope="session")
def migrated_template(postgres_server: PostgresServer) -> str:  # noqa: F811
    """A database holding the review schema at head, copied by each test's database."""
    from swdesk.reviewstore.migrate import prepare_review_server

    name = f"tpl_{secrets.token_hex(6)}"
    postgres_server.admin(f'CREATE DATABASE "{name}"')
    engine = ReviewServer(postgres_server.url(name)).engine()
    try:
        prepare_review_server(engine)
    finally:
        engine.dispose()
    return name


@pytest.fixture
def server_url(
    postgres_server: PostgresServer,  # noqa: F811
    migrated_template: str,
    request: pytest.FixtureRequest,
) -> str:
    """A new database for this test, a copy of the migrated template."""
    name = f"t_{secrets.token_hex(6)}"
    postgres_server.admin(f'CREATE DATABASE "{name}" TEMPLATE "{migrated_template}"')

    def drop() -> None:
        postgres_server.admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    request.addfinalizer(drop)
    return postgres_server.url(name)


@pytest.fixture
def office(server_url: str) -> Iterator[ReviewWorkspace]:
    workspace = init_review_workspace(
        ReviewServer(server_url),
        office_name="平凉市民政局",
        region="620800",
        level="city",
        rule_pack_id="gansu",
        password=PASSWORD,
        clock=lambda: TODAY,
    )
    yield workspace
    workspace.close()


def _blobs(workspace: ReviewWorkspace) -> dict[str, bytes]:
    with workspace.database.session() as session:
        rows = session.execute(text("SELECT stored_name, data FROM bundle_blobs")).all()
    return {str(name): bytes(data) for name, data in rows}


def test_a_server_office_keeps_the_bundle_bytes_in_its_database(
    office: ReviewWorkspace, sample_bundles: SampleBundles, tmp_path: Path
) -> None:
    assert office.root is None and office.lock is None and office.on_server
    assert office.location.endswith(office.database.location) and "@" not in office.location
    path = sample_bundles.ordinary[0]
    report = office.service.import_files([path])
    assert [e.status for e in report.entries] == ["imported"]
    app_id = report.entries[0].application_id
    assert app_id is not None
    assert _blobs(office) == {office.service.stored_name(app_id): path.read_bytes()}
    assert office.service.member_bytes(app_id, "application.json").startswith(b"{")
    with pytest.raises(ValueError):
        office.service.bundle_path(app_id)  # no file of the office anywhere
    [result] = office.service.decide(app_id, "approved")
    assert result.status == "decided", result
    (tmp_path / "out").mkdir()
    written = office.service.export_decisions(tmp_path / "out")
    forward = next(p for p in written if p.suffix == ".swdfwd")
    assert path.read_bytes() in forward.read_bytes()  # the bundle, byte for byte
    assert office.service.audit_verify().ok


def test_reopening_a_server_office_finds_its_applications(
    office: ReviewWorkspace, sample_bundles: SampleBundles, server_url: str
) -> None:
    office.service.import_files(list(sample_bundles.ordinary[:2]))
    office.close()
    again = open_review_workspace(ReviewServer(server_url), PASSWORD, clock=lambda: TODAY)
    try:
        assert again.service.queue_count() == 2
        assert len(_blobs(again)) == 2
        assert again.swept.removed == 0 and again.recovered == ()
    finally:
        again.close()


def test_a_failed_import_commit_leaves_neither_rows_nor_bytes(
    office: ReviewWorkspace, sample_bundles: SampleBundles, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The commit fails after the rows and the bytes were written in the transaction:
    neither stays (the import is refused, nothing half-stored)."""
    base = table_counts(office)

    def failing(self: DatabaseBundleStore, staged: object) -> None:
        with self.database.engine.connect() as probe:  # another connection sees nothing yet
            assert probe.execute(text("SELECT count(*) FROM bundle_blobs")).scalar_one() == 0
        raise RuntimeError("the commit did not happen")

    monkeypatch.setattr(DatabaseBundleStore, "before_commit", failing)
    report = office.service.import_files([sample_bundles.ordinary[0]])
    assert [(e.status, e.code) for e in report.entries] == [("refused", "import_failed")]
    assert table_counts(office) == base
    assert _blobs(office) == {}


def test_a_file_failing_after_its_bytes_were_stored_loses_both(
    office: ReviewWorkspace, sample_bundles: SampleBundles, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One file's failure after its bytes were inserted rolls back its savepoint: its rows
    and bytes go, the other files of the batch stay whole."""
    goods = sorted(sample_bundles.ordinary[:3], key=str)  # the order they are imported in
    names = [f"{verify_bundle(path).bundle_id}.swdapp" for path in goods]
    real = DatabaseBundleStore.stage

    def failing_second(self: DatabaseBundleStore, session, temp, stored_name, at):  # type: ignore[no-untyped-def]
        real(self, session, temp, stored_name, at)
        if stored_name == names[1]:
            raise KeyError("unforeseen")

    monkeypatch.setattr(DatabaseBundleStore, "stage", failing_second)
    report = office.service.import_files(goods)
    assert [e.status for e in report.entries] == ["imported", "refused", "imported"]
    assert report.entries[1].code == "import_failed"
    assert sorted(_blobs(office)) == sorted([names[0], names[2]])
    assert table_counts(office)["applications"] == 2


def test_deleting_an_application_deletes_its_bytes(
    office: ReviewWorkspace, sample_bundles: SampleBundles
) -> None:
    report = office.service.import_files(list(sample_bundles.ordinary[:2]))
    first, second = (e.application_id for e in report.entries)
    assert first is not None and second is not None
    kept = office.service.stored_name(second)
    assert office.service.delete_person(first) >= 1
    assert kept in _blobs(office)
    assert office.service.stored_name(second) == kept
    assert len(_blobs(office)) == office.service.queue_count()


def test_the_queue_searches_and_filters_on_the_server(
    office: ReviewWorkspace, sample_bundles: SampleBundles
) -> None:
    """The queue's SQL on PostgreSQL: a name's part, an ID number's last digits, the
    boolean "late" filter and sorting find what they find on SQLite."""
    office.service.import_files(list(sample_bundles.ordinary))
    rows = office.service.queue_page(limit=100)
    assert len(rows) == office.service.queue_count() == len(sample_bundles.ordinary)
    first = rows[0]
    by_name = office.service.queue_page(QueueFilter(search=first.applicant_name[1:]))
    assert first.id in {r.id for r in by_name}
    tail = office.service.reveal_id_number(first.id)[-6:]
    by_number = office.service.queue_page(QueueFilter(search=tail))
    assert first.id in {r.id for r in by_number}
    assert office.service.queue_page(QueueFilter(search="不存在的名字")) == []
    late = office.service.queue_count(QueueFilter(late=True))
    assert late == sum(1 for r in rows if r.is_late)
    names = [r.applicant_name for r in office.service.queue_page(sort_key="applicant_name")]
    assert len(names) == len(rows)


def test_an_id_number_tail_is_found_under_a_language_collation(
    postgres_server: PostgresServer,  # noqa: F811
    request: pytest.FixtureRequest,
) -> None:
    """An office's server usually sorts text by a language (en-US, zh-CN), whose collation
    skips punctuation: the search by an ID number's last digits still finds exactly the
    applications whose number ends so."""
    from swdesk.database.engine import Database
    from swdesk.reviewstore.applications import ApplicationStore
    from swdesk.reviewstore.migrate import prepare_review_server
    from swdesk.reviewstore.synthetic import fill_queue

    name = f"t_{secrets.token_hex(6)}"
    try:
        postgres_server.admin(
            f'CREATE DATABASE "{name}" TEMPLATE template0 LOCALE_PROVIDER icu '
            "ICU_LOCALE 'en-US' LOCALE 'C'"
        )
    except Exception as exc:  # noqa: BLE001 - a server built without ICU
        pytest.skip(f"no ICU collation on this server: {exc}")
    request.addfinalizer(
        lambda: postgres_server.admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    )
    engine = ReviewServer(postgres_server.url(name)).engine()
    database = Database(engine)
    try:
        prepare_review_server(engine)
        fill_queue(database, 300, seed=3, today=TODAY)
        with database.session() as session:
            numbers = {
                int(i): str(n)
                for i, n in session.execute(text("SELECT id, id_number FROM applications"))
            }
            for tail in {n[-4:] for n in list(numbers.values())[:20]}:
                found = {
                    r.id
                    for r in ApplicationStore(session).page(
                        QueueFilter(search=tail, hide_superseded=False),
                        "received_at",
                        True,
                        0,
                        1000,
                    )
                }
                assert found == {i for i, n in numbers.items() if n.endswith(tail)}, tail
    finally:
        database.dispose()


def _code(exc: pytest.ExceptionInfo[UserFixableError]) -> tuple[str, str]:
    return exc.value.code, str(exc.value.params.get("server"))


def test_a_wrong_server_password_is_said_naming_the_server(
    office: ReviewWorkspace, server_url: str
) -> None:
    server = ReviewServer(server_url, password="not-the-password")
    with pytest.raises(UserFixableError) as refused:
        open_review_workspace(server, PASSWORD)
    assert _code(refused) == ("server_login_failed", server.location)


def test_a_server_asking_for_a_password_none_was_given(
    server_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "pgpass"
    empty.write_text("")
    empty.chmod(0o600)
    server = ReviewServer(server_url)
    with monkeypatch.context() as patch, pytest.raises(UserFixableError) as refused:
        patch.setenv("PGPASSFILE", str(empty))  # libpq finds no password for the server
        patch.delenv("PGPASSWORD", raising=False)
        open_review_workspace(server, PASSWORD)
    assert _code(refused) == ("server_password_needed", server.location)


def test_an_unreachable_server_is_said_naming_it() -> None:
    with closing(socket.socket()) as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = ReviewServer(f"postgresql://swdesk@127.0.0.1:{port}/review")
    with pytest.raises(UserFixableError) as refused:
        open_review_workspace(server, PASSWORD)
    assert _code(refused) == ("server_unreachable", f"127.0.0.1:{port}/review")


def test_a_missing_database_and_a_database_without_an_office(
    postgres_server: PostgresServer,  # noqa: F811
    server_url: str,
) -> None:
    server = ReviewServer(postgres_server.url("no_such_database"))
    with pytest.raises(UserFixableError) as missing:
        open_review_workspace(server, PASSWORD)
    assert _code(missing) == ("server_database_missing", server.location)
    empty = ReviewServer(server_url)
    with pytest.raises(UserFixableError) as not_set_up:
        open_review_workspace(empty, PASSWORD)
    assert _code(not_set_up) == ("review_server_not_initialised", empty.location)


def test_an_office_is_set_up_on_a_server_once(office: ReviewWorkspace, server_url: str) -> None:
    with pytest.raises(UserFixableError) as again:
        init_review_workspace(
            ReviewServer(server_url),
            office_name="另一个民政局",
            region="620800",
            level="city",
            rule_pack_id="gansu",
            password=PASSWORD,
        )
    assert again.value.code == "review_server_already_initialised"


def test_a_server_address_never_keeps_its_password() -> None:
    server = ReviewServer("postgresql://reviewer:s3cret@db.office.lan:5433/review")
    assert server.password == "s3cret"
    assert "s3cret" not in server.url and "s3cret" not in repr(server)
    assert server.url == "postgresql://reviewer@db.office.lan:5433/review"
    assert server.location == "db.office.lan:5433/review"
    with pytest.raises(UserFixableError) as bad:
        ReviewServer("mysql://db.office.lan/review")
    assert bad.value.code == "server_url_invalid"


# -- the command line ------------------------------------------------------------------------


def _cli(*args: str, env: dict[str, str | None] | None = None) -> CliResult:
    return run_cli("review", *args, env={"SWDESK_REVIEW_PASSWORD": PASSWORD, **(env or {})})


def _ok(result: CliResult) -> list[str]:
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout.splitlines()


def test_the_command_line_sets_up_imports_decides_and_exports_on_a_server(
    server_url: str, sample_bundles: SampleBundles, tmp_path: Path
) -> None:
    server = ReviewServer(server_url)
    on_server = ["--database", server.url]
    lines = _ok(
        _cli(
            "init", *on_server, "--office", "平凉市民政局", "--region", "620800", "--level", "city"
        )
    )
    assert f"server\t{server.location}" in lines
    inbox = tmp_path / "usb"
    inbox.mkdir()
    path = inbox / sample_bundles.ordinary[0].name
    path.write_bytes(sample_bundles.ordinary[0].read_bytes())
    assert _ok(_cli("import", *on_server, str(inbox)))[0].startswith("imported\t")
    listed = _ok(_cli("list", *on_server))
    assert len(listed) == 1
    app_id = listed[0].split("\t")[0]
    _ok(_cli("decide", *on_server, "--application", app_id, "--approve"))
    out = tmp_path / "out"
    out.mkdir()
    _ok(_cli("export-decisions", *on_server, "--out", str(out)))
    forwards = list(out.glob("*.swdfwd"))
    assert len(forwards) == 1 and path.read_bytes() in forwards[0].read_bytes()
    assert not (tmp_path / "review").exists()  # nothing of the office in a folder
    again = open_review_workspace(server, PASSWORD)
    try:
        assert len(_blobs(again)) == 1 and again.service.queue_count() == 1
    finally:
        again.close()


def test_the_command_line_takes_the_database_password_from_a_file_or_the_environment(
    office: ReviewWorkspace,
    server_url: str,
    postgres_server: PostgresServer,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without libpq's password file: no password refuses (a script is never prompted),
    a wrong one is said naming the server, the right one from a file or $SWDESK_DB_PASSWORD
    opens the office."""
    office.close()
    location = ReviewServer(server_url).location
    real = postgres_server.passfile.read_text().strip().rsplit(":", 1)[1]
    password_file = tmp_path / "db-password"
    password_file.write_text(real + "\n")
    empty = tmp_path / "pgpass"
    empty.write_text("")
    empty.chmod(0o600)
    on_server = ["--database", server_url]
    with monkeypatch.context() as patch:  # libpq finds no password for the server
        patch.setenv("PGPASSFILE", str(empty))
        patch.delenv("PGPASSWORD", raising=False)
        refused = _cli("audit-verify", *on_server)
        wrong = _cli("audit-verify", *on_server, env={"SWDESK_DB_PASSWORD": "nope"})
        by_file = _cli("audit-verify", *on_server, "--db-password-file", str(password_file))
        by_env = _cli("audit-verify", *on_server, env={"SWDESK_DB_PASSWORD": real})
    assert refused.returncode == 1
    assert refused.stderr.strip().splitlines()[-1].startswith("error: server_password_needed")
    assert location in refused.stderr and "Traceback" not in refused.stderr
    assert wrong.stderr.strip().splitlines()[-1].startswith("error: server_login_failed")
    assert by_file.returncode == 0, by_file.stderr
    assert by_env.returncode == 0, by_env.stderr
    assert real not in by_env.stdout + by_env.stderr


def test_a_bad_server_address_on_the_command_line(tmp_path: Path) -> None:
    result = _cli("list", "--database", "mysql://db/review")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1].startswith("error: server_url_invalid")
