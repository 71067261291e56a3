"""Real application bundles for the reviewer tests, exported by the practitioner side.

`export_sample_bundles(folder)` builds a practitioner data folder (the demo people plus a
few more in other counties and levels), exports their applications with
`ApplicationService.export` and returns the bundle files by role: ordinary ones, a late
one, a second version, and a resubmission of a rejected application. Also: helpers to
set up review offices quickly (low scrypt cost) and to walk the city → province loop.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from swdesk.domain.application import ApplicationState
from swdesk.domain.dates import add_months, period_end
from swdesk.domain.enums import (
    ActivityType,
    CertificateLevel,
    ContentArea,
    Gender,
    RegistrationKind,
)
from swdesk.domain.identity import id_check_char
from swdesk.domain.models import Activity, Certificate, Practitioner, RegistrationPeriod
from swdesk.services.demo import populate_demo
from swdesk.services.demo_images import certificate_pdf, portrait_png
from swdesk.services.profiles import ProfileDraft
from swdesk.services.review import (
    ReviewServer,
    ReviewWorkspace,
    init_review_workspace,
    open_review_workspace,
    review_root,
)
from swdesk.services.workspace import Workspace, open_workspace
from swdesk.signing import keystore
from swdesk.storage.repositories import ApplicationRepository

if TYPE_CHECKING:
    from folder_samples import FolderTemplates
    from postgres_server import PostgresServer

TODAY = date(2026, 11, 28)  # a Saturday
APPLIED_AT = datetime.combine(TODAY, time(9, 30))
PASSWORD = "correct horse battery"


@dataclass(frozen=True)
class SampleBundles:
    """Bundles exported by real practitioners (paths), by what they are."""

    ordinary: tuple[Path, ...]  # in the window, hours complete, different counties/levels
    late: Path  # past the deadline, 120 hours and an explanation
    first_version: Path  # version 1 of an application ...
    second_version: Path  # ... and its version 2 (same uid)
    rejected: Path  # an application the practitioner later resubmitted ...
    resubmission: Path  # ... as a new application (resubmission_of = its uid)

    @property
    def all(self) -> tuple[Path, ...]:
        items = (
            *self.ordinary,
            self.late,
            self.first_version,
            self.second_version,
            self.rejected,
            self.resubmission,
        )
        return tuple(dict.fromkeys(items))


def _id_number(county: str, birth: date, sequence: int) -> str:
    first17 = f"{county}{birth:%Y%m%d}{sequence:03d}"
    return first17 + id_check_char(first17)


_PEOPLE = [  # name, gender, county, level, sequence
    ("刘喆", Gender.MALE, "620821", CertificateLevel.INTERMEDIATE, 131),
    ("陈淼", Gender.FEMALE, "620826", CertificateLevel.SENIOR, 242),
    ("杨堃", Gender.MALE, "620881", CertificateLevel.ASSISTANT, 351),
]


def _add_person(
    ws: Workspace,
    folder: Path,
    index: int,
    name: str,
    gender: Gender,
    county: str,
    level: CertificateLevel,
    sequence: int,
) -> int:
    birth = date(1985 + index, 3 + index, 10 + index)
    valid_from = add_months(TODAY, -34)
    practitioner = Practitioner(
        name=name,
        gender=gender,
        birth_date=birth,
        id_number=_id_number(county, birth, sequence),
        phone=f"1390933{index:04d}",
        employer="平凉市社会工作服务中心",
        post="社会工作者",
        years_in_social_work=6,
        county=county,
        rulepack_id="gansu",
    )
    photo = folder / f"photo-{name}.png"
    photo.write_bytes(portrait_png(index))
    pid = ws.profiles.create_profile(
        ProfileDraft(
            practitioner,
            Certificate(level, f"S2020{county}{index:04d}", valid_from - timedelta(60)),
            RegistrationPeriod(
                RegistrationKind.FIRST,
                valid_from,
                period_end(valid_from, 3),
                number=f"甘社登字{county}-{valid_from.year}-{index:04d}",
            ),
            photo,
        )
    )
    _log_hours(ws, folder, pid, valid_from + timedelta(days=20), 8, tag=name)
    return pid


def _log_hours(ws: Workspace, folder: Path, pid: int, start: date, count: int, tag: str) -> None:
    """`count` two-day trainings of 12 hours each, with a certificate each."""
    for number in range(count):
        day = start + timedelta(days=30 * number)
        proof = folder / f"proof-{tag}-{number}.pdf"
        proof.write_bytes(certificate_pdf([f"Training {tag} {number}", day.isoformat()]))
        ws.activities.save_activity(
            pid,
            Activity(
                f"社会工作实务培训第{number + 1}期",
                "平凉市民政局",
                ActivityType.TRAINING,
                ContentArea.THEORY_PRACTICE,
                day,
                day + timedelta(days=1),
                Decimal(12),
            ),
            [proof],
        )


def _export(ws: Workspace, pid: int, dest: Path, **changes: object) -> Path:
    draft = ws.applications.current_draft(pid)
    draft = replace(draft, declaration_accepted=True, declaration_accepted_at=APPLIED_AT, **changes)
    return ws.applications.export(draft, dest).path


def export_sample_bundles(folder: Path) -> SampleBundles:
    """Export the sample bundles into `folder` (takes a few seconds: PDFs are rendered)."""
    folder.mkdir(parents=True, exist_ok=True)
    ws = open_workspace(folder / "practitioner", clock=lambda: TODAY)
    try:
        for _ in populate_demo(ws.profiles, ws.activities, TODAY):
            pass
        by_name = {p.name: p.id for p in ws.profiles.list_profiles()}
        with tempfile.TemporaryDirectory() as tmp:
            extra = [_add_person(ws, Path(tmp), i, *person) for i, person in enumerate(_PEOPLE)]
            late_id = by_name["马明远"]
            _log_hours(ws, Path(tmp), late_id, TODAY - timedelta(days=80), 3, tag="late")
        out = folder / "bundles"
        out.mkdir()
        ordinary = [_export(ws, by_name["张晓梅"], out / "zhang.swdapp")]
        ordinary += [_export(ws, pid, out / f"extra-{i}.swdapp") for i, pid in enumerate(extra)]
        late = _export(
            ws,
            late_id,
            out / "late.swdapp",
            late_explanation="因长期驻村开展社会救助服务，未能按时申请再登记，现补办。",
        )
        # version 1 and 2 of one application (the employer changed after export)
        first_version = ordinary[0]
        exported = ws.applications.current_draft(by_name["张晓梅"])
        second = ws.applications.save_draft(replace(exported, post="督导"))
        second_version = _export(
            ws, by_name["张晓梅"], out / "zhang-v2.swdapp", **{"post": second.post}
        )
        # a rejected application and its resubmission
        rejected = ordinary[1]
        rejected_app = ws.applications.current_draft(extra[0])
        with ws.database.session() as session:
            ApplicationRepository(session).set_state(rejected_app.id, ApplicationState.REJECTED)
        resubmission = _export(ws, extra[0], out / "resubmission.swdapp", post="项目主管")
    finally:
        ws.close()
    return SampleBundles(
        tuple(ordinary), late, first_version, second_version, rejected, resubmission
    )


# -- fixtures shared by the reviewer test modules (import them into a module to use) -----


_BUNDLE_ROLES = ("ordinary", "late", "first_version", "second_version", "rejected", "resubmission")


def _sample_bundles_template(root: Path) -> None:
    """The bundles of `export_sample_bundles` in `root`/bundles and which is which in
    `root`/roles.json (the practitioner folder they came from is not kept)."""
    bundles = export_sample_bundles(root)
    shutil.rmtree(root / "practitioner")
    roles = {
        role: [p.relative_to(root).as_posix() for p in paths]
        if isinstance(paths := getattr(bundles, role), tuple)
        else paths.relative_to(root).as_posix()
        for role in _BUNDLE_ROLES
    }
    (root / "roles.json").write_text(json.dumps(roles), encoding="utf-8")


@pytest.fixture(scope="module")
def sample_bundles(tmp_path_factory: pytest.TempPathFactory) -> SampleBundles:
    """Real bundles: exported once per test run (by the first pytest-xdist worker that
    needs them, `run_once`), copied for each test module."""
    from run_once import run_once  # in tests/, which the crash worker's process lacks

    template = run_once(tmp_path_factory, "sample-bundles", _sample_bundles_template)
    folder = tmp_path_factory.mktemp("samples") / "s"
    shutil.copytree(template, folder, symlinks=True)
    roles = json.loads((folder / "roles.json").read_text(encoding="utf-8"))
    ordinary = tuple(folder / name for name in roles.pop("ordinary"))
    return SampleBundles(ordinary, **{role: folder / name for role, name in roles.items()})


def make_office(
    root: Path | ReviewServer,
    level: str = "city",
    name: str = "平凉市民政局",
    region: str = "620800",
    clock: Callable[[], date] = lambda: TODAY,
) -> ReviewWorkspace:
    """A new office in `root` (= <data-dir>/review, or a server's database), opened."""
    return init_review_workspace(
        root,
        office_name=name,
        region=region,
        level=level,
        rule_pack_id="gansu",
        password=PASSWORD,
        clock=clock,
    )


def copied_office(
    templates: FolderTemplates,
    root: Path,
    level: str = "city",
    name: str = "平凉市民政局",
    region: str = "620800",
    clock: Callable[[], date] = lambda: TODAY,
    *,
    servers: ServerOffices | None = None,
) -> ReviewWorkspace:
    """An office in `root` like `make_office`'s, opened with `PASSWORD`: set up once per
    session (its key encrypted at the suite's low scrypt cost) and copied, so each
    test has its own database, key and folders. Its audit log starts with office_created
    and workspace_opened. With `servers` (the `review_engine` "postgresql"), the office is
    a database of the tests' PostgreSQL server instead, copied from a template database
    set up once per session (`root` is not used)."""

    def build(folder: Path | ReviewServer) -> None:
        make_office(folder, level, name, region).close()

    key = f"office-{level}-{region}-{name}"
    if servers is not None:
        return open_review_workspace(servers.copy(key, build), PASSWORD, clock=clock)
    templates.copy(key, build, root)
    return open_review_workspace(root, PASSWORD, clock=clock)


# -- the engine: reviewer tests taking `review_engine` run on SQLite and on PostgreSQL --------

ENGINES = ("sqlite", "postgresql")


class ServerOffices:
    """Offices on the tests' PostgreSQL server: each set up once per session in a template
    database, and copied for a test with CREATE DATABASE ... TEMPLATE (a file copy on the
    server, far cheaper than setting an office up)."""

    def __init__(self, server: PostgresServer) -> None:
        self.server = server
        self._templates: dict[str, str] = {}

    def template(self, key: str, build: Callable[[ReviewServer], object]) -> str:
        """The template database of `key`, set up by `build(server)` the first time."""
        if key not in self._templates:
            name = f"tpl_{secrets.token_hex(6)}"
            self.server.admin(f'CREATE DATABASE "{name}"')
            build(ReviewServer(self.server.url(name)))
            self._templates[key] = name
        return self._templates[key]

    def adopt(self, key: str, database: str) -> None:
        """Make the existing database `database` the template of `key`."""
        self._templates[key] = database

    def new_database(self, template: str | None = None) -> ReviewServer:
        """A new database (a copy of `template`, else empty), dropped when the session's
        server stops."""
        name = f"t_{secrets.token_hex(6)}"
        source = f' TEMPLATE "{template}"' if template else ""
        self.server.admin(f'CREATE DATABASE "{name}"{source}')
        return ReviewServer(self.server.url(name))

    def copy(self, key: str, build: Callable[[ReviewServer], object]) -> ReviewServer:
        return self.new_database(self.template(key, build))


@pytest.fixture(scope="session")
def server_offices(request: pytest.FixtureRequest) -> ServerOffices:
    """The tests' PostgreSQL server (started on first use) and its office templates."""
    return ServerOffices(request.getfixturevalue("postgres_server"))


@pytest.fixture(params=ENGINES)
def review_engine(request: pytest.FixtureRequest) -> str:
    """ "sqlite" (the office in a folder) or "postgresql" (on the tests' server)."""
    return str(request.param)


@pytest.fixture
def servers(review_engine: str, request: pytest.FixtureRequest) -> ServerOffices | None:
    """For `copied_office` and `open_trusting_offices`: the server offices when the test
    runs on PostgreSQL, else None (a folder)."""
    if review_engine == "postgresql":
        return request.getfixturevalue("server_offices")  # type: ignore[no-any-return]
    return None


def migrated(server: ReviewServer) -> None:
    """Build function of `ServerOffices`: the review schema at head, no office."""
    from swdesk.reviewstore.migrate import prepare_review_server

    engine = server.engine()
    try:
        prepare_review_server(engine)
    finally:
        engine.dispose()


@pytest.fixture
def office_places(
    tmp_path: Path, servers: ServerOffices | None
) -> Callable[[str], Path | ReviewServer]:
    """Where a test sets up offices of its own (`make_office(place("city"))`): a new
    reviewer folder `tmp_path/<name>/review`, or a new database on the tests' server (a
    copy of one migrated once per session)."""

    def place(name: str) -> Path | ReviewServer:
        if servers is None:
            return review_root(tmp_path / name)
        return servers.copy("migrated", migrated)

    return place


def trust_each_other(city: ReviewWorkspace, province: ReviewWorkspace, folder: Path) -> Path:
    """The province publishes a trust file listing the city; the city imports it too."""
    key = city.service.export_public_key(folder / "city.swdkey")
    trust_file = folder / "province.swdtrust"
    province.service.publish_trust([key], trust_file)
    city.service.import_trust(trust_file)
    return trust_file


@pytest.fixture(name="practitioner")
def demo_practitioner(folder_templates: FolderTemplates, tmp_path: Path) -> Iterator[Workspace]:
    """A practitioner folder with the demo people (a copy of one built once per session)."""
    folder = folder_templates.demo(tmp_path / "practitioner", TODAY)
    workspace = open_workspace(folder, clock=lambda: TODAY)
    yield workspace
    workspace.close()


def _trusting_server_offices(
    servers: ServerOffices, templates: FolderTemplates, folder: Path
) -> tuple[ReviewWorkspace, ReviewWorkspace, Path]:
    """`open_trusting_offices` on the server: both offices' databases and the files (the
    city's key and the province's trust file) set up once per session, then copied."""
    built: dict[str, ReviewServer] = {}

    def build_both(files: Path) -> None:
        city_db, province_db = servers.new_database(), servers.new_database()
        city = make_office(city_db)
        try:
            province = make_office(
                province_db,
                level="province",
                name="甘肃省民政厅",
                region="620000",
            )
            try:
                trust_each_other(city, province, files)
            finally:
                province.close()
        finally:
            city.close()
        built["city"], built["province"] = city_db, province_db

    key = f"trusting-server-offices-n{keystore.SCRYPT_N}"
    staging = templates.copy(key, build_both, folder / ".trusting-offices")
    for name in os.listdir(staging):
        os.rename(staging / name, folder / name)
    os.rmdir(staging)
    if built:  # just built: the two databases become this session's templates
        for role, db in built.items():
            servers.adopt(f"{key}-{role}", db.url.rsplit("/", 1)[1])
    city_server = servers.copy(f"{key}-city", lambda _s: None)
    province_server = servers.copy(f"{key}-province", lambda _s: None)
    city = open_review_workspace(city_server, PASSWORD, clock=lambda: TODAY)
    try:
        province = open_review_workspace(province_server, PASSWORD, clock=lambda: TODAY)
    except BaseException:
        city.close()
        raise
    return city, province, folder / "province.swdtrust"


def _trusting_offices_template(root: Path) -> None:
    city = make_office(review_root(root / "city"))
    try:
        province = make_office(
            review_root(root / "province"), level="province", name="甘肃省民政厅", region="620000"
        )
        try:
            trust_each_other(city, province, root)
        finally:
            province.close()
    finally:
        city.close()


def open_trusting_offices(
    templates: FolderTemplates, folder: Path, *, servers: ServerOffices | None = None
) -> tuple[ReviewWorkspace, ReviewWorkspace, Path]:
    """A city (`folder`/city/review) and its province (`folder`/province/review), the
    province's trust file (`folder`/province.swdtrust, listing the city's key exported to
    `folder`/city.swdkey) in force at both: (city, province, trust file), each office opened
    with `PASSWORD`. Set up once per session (and per key cost) and copied: each caller has
    its own. With `servers`, both offices are databases on the
    tests' PostgreSQL server (the files stay in `folder`)."""
    if servers is not None:
        return _trusting_server_offices(servers, templates, folder)
    staging = templates.copy(
        f"trusting-offices-n{keystore.SCRYPT_N}",
        _trusting_offices_template,
        folder / ".trusting-offices",
    )
    for name in os.listdir(staging):
        os.rename(staging / name, folder / name)
    os.rmdir(staging)
    city = open_review_workspace(review_root(folder / "city"), PASSWORD, clock=lambda: TODAY)
    try:
        province = open_review_workspace(
            review_root(folder / "province"), PASSWORD, clock=lambda: TODAY
        )
    except BaseException:
        city.close()
        raise
    return city, province, folder / "province.swdtrust"


@pytest.fixture(name="offices")
def trusting_offices(
    folder_templates: FolderTemplates, tmp_path: Path
) -> Iterator[tuple[ReviewWorkspace, ReviewWorkspace, Path]]:
    """`open_trusting_offices` in `tmp_path`."""
    city, province, trust_file = open_trusting_offices(folder_templates, tmp_path)
    yield city, province, trust_file
    city.close()
    province.close()


def table_counts(workspace: ReviewWorkspace) -> dict[str, int]:
    """Rows per table of a reviewer database (to prove nothing was written)."""
    from sqlalchemy import text

    tables = (
        "applications",
        "application_data",
        "members",
        "check_results",
        "decisions",
        "audit_log",
    )
    with workspace.database.session() as session:
        return {
            t: int(session.execute(text(f"SELECT count(*) FROM {t}")).scalar_one()) for t in tables
        }


def stored_bytes(workspace: ReviewWorkspace, stored_name: str) -> bytes:
    """The bytes the office keeps of a stored bundle (its file, or its bundle_blobs row)."""
    if workspace.root is None:
        from sqlalchemy import text

        with workspace.database.session() as session:
            return bytes(
                session.execute(
                    text("SELECT data FROM bundle_blobs WHERE stored_name = :name"),
                    {"name": stored_name},
                ).scalar_one()
            )
    return (workspace.root / "bundles" / stored_name).read_bytes()


def replace_stored_bytes(workspace: ReviewWorkspace, stored_name: str, data: bytes) -> None:
    """Change a stored bundle behind the office's back (a damaged disk, a hand at work)."""
    if workspace.root is None:
        from sqlalchemy import text

        with workspace.database.session() as session:
            session.execute(
                text("UPDATE bundle_blobs SET data = :data WHERE stored_name = :name"),
                {"data": data, "name": stored_name},
            )
        return
    (workspace.root / "bundles" / stored_name).write_bytes(data)


def stored_files(workspace: ReviewWorkspace) -> list[str]:
    """The stored bundles' names: the files of the office's bundles folder, or the
    bundle_blobs rows of an office on a server."""
    if workspace.root is None:
        from sqlalchemy import text

        with workspace.database.session() as session:
            rows = session.execute(text("SELECT stored_name FROM bundle_blobs"))
            return sorted(str(name) for (name,) in rows)
    return sorted(p.name for p in (workspace.root / "bundles").iterdir())
