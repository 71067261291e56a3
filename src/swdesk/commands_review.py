"""`swdesk review ...`: the reviewer's command line (no window), for batch work and tests.

The reviewer folder is `<data-dir>/review`. The office password comes from
`--password-file` or `$SWDESK_REVIEW_PASSWORD`. Output is one line per fact (tab-separated
where there are several fields); a refused request exits 1 with
`error: <code>: <reason>; <params>` on stderr (a file to write with the wrong
extension: `wrong_extension`). A failure of the reviewer folder's disk or database (full,
read-only, damaged) is such a refusal too ("disk_full", "review_read_only",
"review_database_damaged", ...), never a traceback. When the opening moved bundle files
of unknown status aside, one line `notice: review_files_recovered count=N folder=DIR` goes
to stderr before the output.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from sqlalchemy.exc import SQLAlchemyError

from .commands import format_params, print_error, require_suffix
from .domain.errors import UserFixableError
from .paths import resolve_data_dir

if TYPE_CHECKING:
    from .services.review import ReviewWorkspace
    from .signing import TrustList

__all__ = ["PASSWORD_ENV", "run_review_command"]

PASSWORD_ENV = "SWDESK_REVIEW_PASSWORD"
PAGE = 500


def _password(args: argparse.Namespace) -> str:
    if args.password_file:
        path = Path(args.password_file)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise UserFixableError("file_unreadable", file=path.name, path=str(path)) from exc
        password = text.rstrip("\r\n")
    else:
        password = os.environ.get(PASSWORD_ENV, "")
    if not password:
        raise UserFixableError("password_missing", env=PASSWORD_ENV)
    return password


def run_review_command(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Run `swdesk review <action>`; 0 on success, 1 when refused."""
    from .services.review import init_review_workspace, open_review_workspace, review_root

    root: Path | None = None
    try:
        data_dir, _origin = resolve_data_dir(args.sub_data_dir or args.data_dir)
        root = review_root(data_dir)
        _check_output_names(args)
        password = _password(args)
        if args.action == "init":
            workspace = init_review_workspace(
                root, office_name=args.office, region=args.region, level=args.level,
                rule_pack_id=args.rule_pack, password=password,
                keep_old_files_aside=bool(getattr(args, "keep_old_files_aside", False)))
        else:
            workspace = open_review_workspace(root, password)
        if workspace.recovered:
            print(f"notice: review_files_recovered count={len(workspace.recovered)} "
                  f"folder={workspace.recovered_folder}", file=err)
        try:
            return _ACTIONS[args.action](workspace, args, out, err)
        finally:
            workspace.close()
    except UserFixableError as error:
        db_path = None if root is None else root / "review.sqlite"
        if db_path is not None and error.params.get("path") == str(db_path):
            from .services.review.faults import storage_error  # said for the reviewer folder

            error = storage_error(error, db_path, folder=root) or error
        return print_error(err, error.code, error.params)
    except (OSError, SQLAlchemyError, sqlite3.Error) as exc:  # the folder's disk or database
        from .services.review.faults import storage_error

        where = root if root is not None else Path(".")
        classified = storage_error(exc, where / "review.sqlite", folder=where)
        if classified is None:
            classified = UserFixableError("review_io_error", path=str(where),
                                          folder=str(where), reason=type(exc).__name__)
        return print_error(err, classified.code, classified.params)


def _check_output_names(args: argparse.Namespace) -> None:
    """A file to write with the wrong extension is refused before the office is opened
    (and before any decision is exported or any bundle imported)."""
    from .signing import KEY_FILE_SUFFIX, TRUST_SUFFIX

    suffixes = {"export-key": ("out", KEY_FILE_SUFFIX), "publish-trust": ("out", TRUST_SUFFIX),
                "export-decisions": ("roster", ".xlsx"), "import": ("report", ".csv")}
    if args.action in suffixes:
        option, suffix = suffixes[args.action]
        require_suffix(getattr(args, option, None), suffix)


def _office_lines(workspace: ReviewWorkspace, out: TextIO) -> None:
    office = workspace.office
    print(f"office\t{office.name}", file=out)
    print(f"region\t{office.region}", file=out)
    print(f"level\t{office.level}", file=out)
    print(f"rule_pack\t{workspace.rule_pack.id}", file=out)
    print(f"fingerprint\t{office.fingerprint_groups}", file=out)


def _init(workspace: ReviewWorkspace, args: argparse.Namespace, out: TextIO,
          err: TextIO) -> int:
    _office_lines(workspace, out)
    print(f"folder\t{workspace.root}", file=out)
    if workspace.set_aside is not None:
        print(f"set_aside\t{workspace.set_aside}", file=out)
    return 0


def _export_key(workspace: ReviewWorkspace, args: argparse.Namespace, out: TextIO,
                err: TextIO) -> int:
    path = workspace.service.export_public_key(Path(args.out))
    print(f"wrote\t{path}", file=out)
    print(f"fingerprint\t{workspace.office.fingerprint_groups}", file=out)
    return 0


def _trust_lines(trust: TrustList, out: TextIO) -> None:
    print(f"trust\tsequence={trust.sequence}\tissuer={trust.issuer.name}\t"
          f"offices={len(trust.offices)}", file=out)
    for office in trust.offices:
        print(f"trusted\t{office.short_fingerprint}\t{office.level}\t{office.name}", file=out)


def _publish_trust(workspace: ReviewWorkspace, args: argparse.Namespace, out: TextIO,
                   err: TextIO) -> int:
    trust = workspace.service.publish_trust([Path(k) for k in args.key], Path(args.out))
    print(f"wrote\t{args.out}", file=out)
    _trust_lines(trust, out)
    return 0


def _trust(workspace: ReviewWorkspace, args: argparse.Namespace, out: TextIO,
           err: TextIO) -> int:
    _trust_lines(workspace.service.import_trust(
        Path(args.file), new_issuer_fingerprint=args.new_issuer_fingerprint), out)
    return 0


def _import(workspace: ReviewWorkspace, args: argparse.Namespace, out: TextIO,
            err: TextIO) -> int:
    report = workspace.service.import_files([Path(p) for p in args.paths])
    for entry in report.entries:
        detail = entry.code
        if entry.params:
            detail = f"{detail} {format_params(entry.params)}".strip()
        number = "" if entry.application_id is None else str(entry.application_id)
        print(f"{entry.status}\t{number}\t{entry.file}\t{detail}".rstrip(), file=out)
    counts = report.counts()
    print(" ".join(f"{k}={v}" for k, v in counts.items()), file=out)
    if args.report:
        from .core.outfiles import write_bytes  # a folder the user chose: swept, named errors

        write_bytes(Path(args.report), report.to_csv())
        print(f"wrote\t{args.report}", file=out)
    if counts["refused"]:
        return print_error(err, "import_refused", {"refused": counts["refused"]})
    return 0


def _list(workspace: ReviewWorkspace, args: argparse.Namespace, out: TextIO,
          err: TextIO) -> int:
    from .services.review import QueueFilter, ReviewState

    try:
        state = ReviewState(args.state) if args.state else None
    except ValueError:
        return print_error(err, "state_unknown", {"state": args.state})
    queue_filter = QueueFilter(state=state, county=args.county or None,
                               search=args.search or "")
    service = workspace.service
    offset = 0
    while True:
        rows = service.queue_page(queue_filter, "received_at", True, offset, PAGE)
        for r in rows:
            flags = ",".join(f for f, on in (("late", r.is_late), ("overdue", r.overdue)) if on)
            if r.calendar_unknown_years:  # counted Monday to Friday in those years
                unknown = "holidays_unknown:" + "+".join(map(str, r.calendar_unknown_years))
                flags = ",".join(f for f in (flags, unknown) if f)
            print(f"{r.id}\t{r.uid}\tv{r.version}\t{r.applicant_name}\t{r.masked_id_number}\t"
                  f"{r.county_name}\t{r.certificate_level}\t{r.state}\t"
                  f"{r.hours_counted}/{r.hours_required}h\t"
                  f"{r.waiting_working_days}/{r.deadline_working_days}d\t{flags or '-'}",
                  file=out)
        if len(rows) < PAGE:
            return 0
        offset += PAGE


def _decide(workspace: ReviewWorkspace, args: argparse.Namespace, out: TextIO,
            err: TextIO) -> int:
    service = workspace.service
    app_id = service.find(args.application)
    reasons = []
    for item in args.reason:
        code, _, comment = item.partition(":")
        reasons.append((code.strip(), comment.strip()))
    outcome = "approved" if args.approve else "rejected"
    result = service.decide([app_id], outcome, reasons, args.late_reason or "")[0]
    if result.status != "decided" or result.decision is None:
        return print_error(err, result.code, {"application": app_id, **result.params})
    d = result.decision
    line = f"decided\t{app_id}\t{d.stage}\t{d.outcome}\tsequence={d.sequence}"
    if d.registration_from and d.registration_to:
        line += f"\tregistration={d.registration_from}..{d.registration_to}"
    print(line, file=out)
    return 0


def _export_decisions(workspace: ReviewWorkspace, args: argparse.Namespace, out: TextIO,
                      err: TextIO) -> int:
    files = workspace.service.export_decisions(Path(args.out))
    for path in files:
        print(f"wrote\t{path}", file=out)
    print(f"files={len(files)}", file=out)
    if args.roster:
        print(f"wrote\t{workspace.service.export_roster(Path(args.roster))}", file=out)
    return 0


def _audit_verify(workspace: ReviewWorkspace, args: argparse.Namespace, out: TextIO,
                  err: TextIO) -> int:
    result = workspace.service.audit_verify()
    if result.ok:
        print(f"audit ok\tentries={result.entries}", file=out)
        return 0
    print(f"audit broken\tfirst_broken={result.first_broken}\tentries={result.entries}",
          file=out)
    return print_error(err, "audit_broken", {"first_broken": result.first_broken})


def _retention(workspace: ReviewWorkspace, args: argparse.Namespace, out: TextIO,
               err: TextIO) -> int:
    from .services.review.retention import MAX_RETENTION_DAYS

    service = workspace.service
    if args.days is not None:
        if not 0 <= args.days <= MAX_RETENTION_DAYS:
            return print_error(err, "retention_days_invalid",
                          {"days": args.days, "max": MAX_RETENTION_DAYS})
        service.set_retention_days(args.days)
    print(f"retention_days\t{service.retention_days()}", file=out)
    print(f"expired\t{len(service.expired_ids())}", file=out)  # deleted at the next opening
    return 0


def _purge(workspace: ReviewWorkspace, args: argparse.Namespace, out: TextIO,
           err: TextIO) -> int:
    at_opening, now = workspace.purged, workspace.service.purge_expired()
    for app_id in (*at_opening.application_ids, *now.application_ids):
        print(f"purged\t{app_id}", file=out)
    print(f"purged={at_opening.count + now.count} "
          f"backups_removed={at_opening.backups_removed + now.backups_removed}", file=out)
    return 0


def _delete_person(workspace: ReviewWorkspace, args: argparse.Namespace, out: TextIO,
                   err: TextIO) -> int:
    person = args.application
    if args.id_number is not None:
        person = sys.stdin.readline().strip() if args.id_number == "-" else args.id_number
    service = workspace.service
    found = service.find_person(person)
    count = service.delete_person(person)
    for app_id in found:
        print(f"deleted\t{app_id}", file=out)
    print(f"deleted={count}", file=out)
    return 0


_ACTIONS: dict[str, Callable[..., int]] = {
    "init": _init,
    "export-key": _export_key,
    "publish-trust": _publish_trust,
    "trust": _trust,
    "import": _import,
    "list": _list,
    "decide": _decide,
    "export-decisions": _export_decisions,
    "audit-verify": _audit_verify,
    "retention": _retention,
    "purge": _purge,
    "delete-person": _delete_person,
}
