"""Review offices, trust files and signed decisions for the practitioner-side tests, built
with `swdesk.signing` exactly as a reviewer's swdesk would; and the demo folder in which
张晓梅 exported her application, built once per session and copied per test
(`exported_demo`)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from contextlib import closing
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, timezone
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from swdesk.domain.application import ApplicationDraft
from swdesk.services.demo import populate_demo
from swdesk.services.workspace import Workspace, open_workspace
from swdesk.signing import (
    Decision,
    OfficeKey,
    ProviderIdentity,
    ReviewLevel,
    build_trust_file,
    generate_office_key,
    sign_decision,
)

if TYPE_CHECKING:
    from folder_samples import FolderTemplates

CST = timezone(timedelta(hours=8))
NEW_FROM, NEW_TO = date(2027, 1, 28), date(2030, 1, 27)  # the demo 张晓梅 on 2026-11-28


@dataclass(frozen=True)
class Offices:
    city: OfficeKey  # 平凉市民政局 (first level)
    province: OfficeKey  # 甘肃省民政厅 (final level, issues the trust list)
    stranger: OfficeKey  # a city office nobody listed


@cache
def offices() -> Offices:
    return Offices(
        city=generate_office_key("平凉市民政局", "620800", ReviewLevel.CITY),
        province=generate_office_key("甘肃省民政厅", "620000", ReviewLevel.PROVINCE),
        stranger=generate_office_key("某市民政局", "629900", ReviewLevel.CITY),
    )


@dataclass(frozen=True)
class ExportedDemo:
    """A copy of the demo folder in which 张晓梅 exported her re-registration application."""

    data: Path  # the data folder (closed)
    bundle: Path  # the exported .swdapp
    pid: int  # 张晓梅's profile
    application_id: int

    def open(self, today: date) -> tuple[Workspace, ApplicationDraft]:
        """The data folder opened, and the exported application as stored."""
        ws = open_workspace(self.data, clock=lambda: today)
        application = next(
            a for a in ws.applications.history(self.pid) if a.id == self.application_id
        )
        return ws, application


def _export_demo(root: Path, today: date) -> None:
    ws = open_workspace(root / "data", clock=lambda: today)
    try:
        for _ in populate_demo(ws.profiles, ws.activities, today):
            pass
        pid = min(p.id for p in ws.profiles.list_profiles())
        draft = replace(ws.applications.current_draft(pid), declaration_accepted=True)
        application = ws.applications.export(draft, root / "zhang.swdapp").application
    finally:
        ws.close()
    ids = {"pid": pid, "application_id": application.id}
    (root / "ids.json").write_text(json.dumps(ids), encoding="utf-8")


def exported_demo(templates: FolderTemplates, dest: Path, today: date) -> ExportedDemo:
    """At `dest`: a copy of the demo folder (opened on `today`) in which 张晓梅 exported her
    application (to `dest`/zhang.swdapp); built once per session, copied per test."""
    templates.copy(f"exported-demo-{today.isoformat()}", lambda r: _export_demo(r, today), dest)
    ids = json.loads((dest / "ids.json").read_text(encoding="utf-8"))
    return ExportedDemo(dest / "data", dest / "zhang.swdapp", ids["pid"], ids["application_id"])


def trust_file(
    sequence: int = 1,
    province: OfficeKey | None = None,
    listed: Sequence[OfficeKey] | None = None,
    providers: Sequence[ProviderIdentity] = (),
) -> bytes:
    keys = offices()
    issuer = province or keys.province
    members = [k.identity for k in (listed if listed is not None else [keys.city])]
    return build_trust_file(
        issuer,
        members,
        issued_at=datetime(2026, 11, sequence, 9, 0, tzinfo=CST),
        sequence=sequence,
        providers=providers,
    )


def decision_file(
    key: OfficeKey,
    application: ApplicationDraft,
    *,
    stage: str = "first",
    outcome: str = "approved",
    reasons: Sequence[tuple[str, str]] = (),
    sequence: int = 1,
    previous_hash: str = "",
    uid: str | None = None,
    bundle_id: str | None = None,
    registration: tuple[date, date] | None = None,
    decided_at: datetime | None = None,
) -> bytes:
    """A signed `.swddec` judging `application` (an exported one)."""
    if registration is None and stage == "final" and outcome == "approved":
        registration = (NEW_FROM, NEW_TO)
    decision = Decision(
        application_uid=uid or application.uid,
        application_version=application.version,
        bundle_id=bundle_id or application.bundle_id,
        content_digest=application.content_digest,
        applicant_name="张晓梅",
        stage=stage,
        outcome=outcome,
        reasons=tuple(reasons),
        late_accepted_reason="",
        registration_from=registration[0] if registration else None,
        registration_to=registration[1] if registration else None,
        decided_at=decided_at or datetime(2027, 1, 15, 10, 30, tzinfo=CST),
        sequence=sequence,
        previous_hash=previous_hash or chained_hash(sequence),
        office=key.identity,
    )
    return sign_decision(key, decision)


def chained_hash(sequence: int) -> str:
    """A plausible previous_hash for a decision with this sequence ("" for the first)."""
    return "" if sequence == 1 else f"{sequence - 1:064x}"


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def snapshot(db_path: Path, evidence_dir: Path) -> dict[str, object]:
    """Counts of rows in every table, the registration periods, the application states and
    the evidence files: what a refused import must leave exactly as it was."""
    with closing(sqlite3.connect(db_path)) as connection:
        tables = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        result: dict[str, object] = {
            table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in tables
        }
        result["periods"] = connection.execute(
            "SELECT practitioner_id, kind, valid_from, valid_to FROM registration_periods "
            "ORDER BY id"
        ).fetchall()
        result["states"] = connection.execute(
            "SELECT id, state, updated_at FROM applications ORDER BY id"
        ).fetchall()
        result["trust"] = connection.execute(
            "SELECT fingerprint, trust_list_sequence FROM trusted_offices ORDER BY fingerprint"
        ).fetchall()
    result["evidence"] = sorted(p.name for p in evidence_dir.iterdir())
    return result
