"""Exports: decision files (and forward packages for the province) and the Excel roster.

Decision files are the signed bytes exactly as stored, named
`<applicant>-<application uid>-v<version>-<sequence>-<stage>.swddec` (the applicant's name
for the clerk; the full uid, the version, the office's sequence number and the stage make
the name unique by construction); a first-level approval also gets
`<applicant>-<application uid>-v<version>-<sequence>.swdfwd` (the original bundle with the
decision, for the province). Decision files and forward packages never replace a file: a
name already taken by a different file is refused (`file_exists`), one holding exactly the
same bytes (the same decision exported again) is left as it is. Every file is written under
a temporary name and renamed (`swdesk.core.outfiles`), after the leftovers of a writer that
died in that folder are removed. The roster (.xlsx, openpyxl in write-only mode) has one
row per decided application and a second sheet with counts by county and state; a text
that a spreadsheet could take for a formula (an applicant named `=HYPERLINK(...)`) is
written as a text cell (`swdesk.core.cells`).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from swdesk.core.cells import looks_like_formula
from swdesk.core.datafiles import ensure_writable_dir
from swdesk.core.outfiles import write_bytes
from swdesk.domain.errors import UserFixableError
from swdesk.domain.identity import mask_id_number
from swdesk.reviewstore.applications import ApplicationStore
from swdesk.reviewstore.decisions import DecisionStore
from swdesk.reviewstore.records import StoredApplication, StoredDecision
from swdesk.reviewstore.vocabulary import DecisionOutcome, ReviewStage, ReviewState
from swdesk.signing import DECISION_SUFFIX

from .context import ReviewContext
from .forward import FORWARD_SUFFIX, write_forward
from .labels import LEVEL_LABELS, OUTCOME_LABELS, REASON_LABELS, STAGE_LABELS, STATE_LABELS

__all__ = ["decision_file_name", "export_decisions", "export_roster", "forward_file_name"]

ROSTER_COLUMNS = (
    "申请编号",
    "版本",
    "姓名",
    "公民身份号码",
    "县区代码",
    "县区",
    "证书级别",
    "审核阶段",
    "审核结果",
    "理由",
    "逾期受理说明",
    "决定时间",
    "审核机关",
    "新登记有效期自",
    "新登记有效期至",
    "当前状态",
)


_NOT_IN_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')


def _name_part(applicant_name: str) -> str:
    """The applicant's name as a safe file-name prefix ("" when nothing is left)."""
    name = _NOT_IN_NAMES.sub("", applicant_name).strip(" .")[:20]
    return f"{name}-" if name else ""


def decision_file_name(app: StoredApplication, decision: StoredDecision) -> str:
    return (
        f"{_name_part(app.applicant_name)}{app.uid}-v{app.version}-{decision.sequence}-"
        f"{decision.stage}{DECISION_SUFFIX}"
    )


def forward_file_name(app: StoredApplication, decision: StoredDecision) -> str:
    return (
        f"{_name_part(app.applicant_name)}{app.uid}-v{app.version}-{decision.sequence}"
        f"{FORWARD_SUFFIX}"
    )


def export_decisions(
    context: ReviewContext, folder: Path, app_ids: Iterable[int] | None = None
) -> list[Path]:
    """Write the newest decision of each application: those not yet exported, or those of
    `app_ids` (exported or not). Returns the files written, in decision order. Raises
    UserFixableError "file_exists" when a name is taken by a different file (the files
    before it are written and marked exported), "disk_full", "not_writable", and
    "folder_missing" (param path) when `folder` does not exist: it is never created, a
    folder the user named wrongly or a stick not inserted must not get a new folder."""
    if not folder.is_dir():
        raise UserFixableError("folder_missing", path=str(folder), file=folder.name)
    ensure_writable_dir(folder)
    with context.database.session() as session:
        decisions = DecisionStore(session)
        latest = decisions.latest_issued(app_ids, unexported_only=app_ids is None)
        apps = {a.id: a for a in ApplicationStore(session).many(d.application_id for d in latest)}
        raws = {d.id: decisions.raw(d.id) for d in latest}
    written: list[Path] = []
    for decision in latest:
        app = apps[decision.application_id]
        files = _write_one(context, folder, app, decision, raws[decision.id])
        written.extend(files)
        with context.database.session() as session:
            DecisionStore(session).mark_exported(app.id, context.local_now())
            context.audit(
                session,
                "decision_exported",
                app.id,
                sequence=decision.sequence,
                files=[path.name for path in files],
            )
    return written


def _write_one(
    context: ReviewContext,
    folder: Path,
    app: StoredApplication,
    decision: StoredDecision,
    raw: bytes,
) -> list[Path]:
    dest = folder / decision_file_name(app, decision)
    write_bytes(dest, raw, exclusive=True)
    files = [dest]
    if decision.stage is ReviewStage.FIRST and decision.outcome is DecisionOutcome.APPROVED:
        if not app.stored_name:
            raise UserFixableError("bundle_file_missing", application=app.id)
        if not context.bundles.exists(app.stored_name):
            raise UserFixableError("bundle_file_missing", application=app.id, file=app.stored_name)
        with context.bundles.local_copy(app.stored_name) as source:
            files.append(write_forward(folder / forward_file_name(app, decision), source, raw))
    return files


def _reasons_text(reasons: tuple[tuple[str, str], ...]) -> str:
    return "；".join(
        f"{REASON_LABELS.get(code, code)}" + (f"：{comment}" if comment else "")
        for code, comment in reasons
    )


def _stamp(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else ""


def export_roster(context: ReviewContext, path: Path) -> Path:
    """The Excel roster of every application decided here (newest decision each), and a
    sheet of counts by county and state. Written atomically."""
    from openpyxl import Workbook

    with context.database.session() as session:
        decisions = DecisionStore(session).latest_issued()
        applications = ApplicationStore(session)
        apps = {a.id: a for a in applications.many(d.application_id for d in decisions)}
        counts = applications.counts_by_state_and_county()
    book = Workbook(write_only=True)
    sheet = book.create_sheet("审核决定")
    sheet.append(list(ROSTER_COLUMNS))
    for decision in decisions:
        app = apps[decision.application_id]
        county = context.pack.county(app.county)
        sheet.append(
            _row(
                sheet,
                [
                    app.uid,
                    app.version,
                    app.applicant_name,
                    mask_id_number(app.id_number),
                    app.county,
                    county.name_zh if county else "",
                    LEVEL_LABELS.get(app.certificate_level, app.certificate_level),
                    STAGE_LABELS[str(decision.stage)],
                    OUTCOME_LABELS[str(decision.outcome)],
                    _reasons_text(decision.reasons),
                    decision.late_reason,
                    _stamp(decision.decided_at),
                    decision.office_name,
                    decision.registration_from.isoformat() if decision.registration_from else "",
                    decision.registration_to.isoformat() if decision.registration_to else "",
                    STATE_LABELS.get(str(app.state), str(app.state)),
                ],
            )
        )
    _count_sheet(book.create_sheet("统计"), counts, context)
    buffer = io.BytesIO()
    book.save(buffer)
    write_bytes(path, buffer.getvalue())
    with context.database.session() as session:
        context.audit(session, "roster_exported", rows=len(decisions))
    return path


def _row(sheet: Any, values: list[Any]) -> list[Any]:
    """`values` for `sheet.append`: a text a spreadsheet could read as a formula becomes a
    string cell with the quote prefix (openpyxl would otherwise store it as a formula)."""
    from openpyxl.cell import WriteOnlyCell

    row: list[Any] = []
    for value in values:
        if isinstance(value, str) and looks_like_formula(value):
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"
            cell.quotePrefix = True
            row.append(cell)
        else:
            row.append(value)
    return row


def _count_sheet(sheet: Any, counts: list[tuple[str, str, int]], context: ReviewContext) -> None:
    states = [state.value for state in ReviewState]
    sheet.append(["县区代码", "县区", *[STATE_LABELS[s] for s in states], "合计"])
    table: dict[str, dict[str, int]] = {}
    for county, state, n in counts:
        table.setdefault(county, {})[state] = n
    totals = dict.fromkeys(states, 0)
    for county in sorted(table):
        row = [table[county].get(s, 0) for s in states]
        for s, n in zip(states, row, strict=True):
            totals[s] += n
        named = context.pack.county(county)
        sheet.append(_row(sheet, [county, named.name_zh if named else "", *row, sum(row)]))
    sheet.append(["合计", "", *[totals[s] for s in states], sum(totals.values())])
