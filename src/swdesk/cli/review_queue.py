"""`swdesk review import`, `list`, `decide`, `export-decisions` and `audit-verify`: the
queue's work, from the bundles coming in to the decision files going out.

    swdesk review import PATH ... [--report FILE.csv]
    swdesk review list [--state S] [--county C] [--search TEXT] [--mine | --unclaimed]
    swdesk review decide --application ID (--approve | --reject) [--reason CODE[:COMMENT] ...]
    swdesk review export-decisions --out FOLDER [--roster FILE.xlsx]
    swdesk review audit-verify

`list` prints one tab-separated line per application, read page by page, with its flags
(late, overdue, holidays_unknown, claimed_by, pending_by, decided_by/signed_by) last.
`--search` takes a name, (the end of) an ID number, or the text of an attendance
certificate's QR code (`SWDCE1|<record_id>|<sha256>`): that lists the application carrying
exactly that record, and a certificate whose record is here in another file is refused
("record_certificate_mismatch").
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from .output import Console, format_params, print_error
from .review_actions import Action, InOffice, office_action

if TYPE_CHECKING:
    from ..services.review import ReviewWorkspace
    from .argparsing import CommandParser, Subcommands

__all__ = ["register_queue"]

PAGE = 500  # queue rows read at a time by `list`


def register_queue(actions: Subcommands, office: CommandParser, in_office: InOffice) -> None:
    """The queue's actions beside the other `swdesk review` actions (`office`: the parent
    parser with --data-dir, --user and --password-file; `in_office`: opens the office and
    runs an action)."""

    def action(name: str, help_text: str, run: Action) -> CommandParser:
        return office_action(actions, office, in_office, name, help_text, run)

    imp = action("import", "verify and import bundles (files or folders)", _import)
    imp.add_argument("paths", nargs="+", metavar="PATH")
    imp.add_argument("--report", metavar="FILE", help="also write the import report (CSV)")
    listing = action("list", "the queue: one line per application", _list)
    listing.add_argument("--state")
    listing.add_argument("--county")
    listing.add_argument(
        "--search", metavar="TEXT", help="name, ID number or a certificate's QR text"
    )
    claims = listing.add_mutually_exclusive_group()
    claims.add_argument("--mine", action="store_true", help="only what you claimed")
    claims.add_argument("--unclaimed", action="store_true", help="only what nobody claimed")
    decide = action("decide", "approve or reject an application", _decide)
    decide.add_argument(
        "--application", required=True, metavar="ID", help="queue number or application uid"
    )
    verdict = decide.add_mutually_exclusive_group(required=True)
    verdict.add_argument("--approve", action="store_true")
    verdict.add_argument("--reject", action="store_true")
    decide.add_argument(
        "--reason",
        action="append",
        default=[],
        metavar="CODE[:COMMENT]",
        help="hours_short, data_wrong, material_unclear, photo_unfit, "
        "not_in_window, other (repeatable)",
    )
    decide.add_argument("--late-reason", metavar="TEXT", help="why a late application is accepted")
    decide.add_argument(
        "--take-over",
        action="store_true",
        help="decide it even though someone else claimed it (recorded in the audit log)",
    )
    export_decisions = action(
        "export-decisions",
        "write decision files (and forward packages for the next level)",
        _export_decisions,
    )
    export_decisions.add_argument("--out", required=True, metavar="FOLDER")
    export_decisions.add_argument(
        "--roster", metavar="FILE.xlsx", help="also write the Excel roster of decisions"
    )
    action("audit-verify", "check the hash chain of the audit log", _audit_verify)


def _import(workspace: ReviewWorkspace, args: argparse.Namespace, console: Console) -> int:
    out, err = console.out, console.err
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
        from ..core.outfiles import write_bytes  # a folder the user chose: swept, named errors

        write_bytes(Path(args.report), report.to_csv())
        print(f"wrote\t{args.report}", file=out)
    if counts["refused"]:
        return print_error(err, "import_refused", {"refused": counts["refused"]})
    return 0


def _list(workspace: ReviewWorkspace, args: argparse.Namespace, console: Console) -> int:
    out, err = console.out, console.err
    from ..services.review import QueueFilter, ReviewState

    try:
        state = ReviewState(args.state) if args.state else None
    except ValueError:
        return print_error(err, "state_unknown", {"state": args.state})
    claims = "mine" if args.mine else "unclaimed" if args.unclaimed else ""
    queue_filter = QueueFilter(
        state=state, county=args.county or None, search=args.search or "", claims=claims
    )
    service = workspace.service
    certificate = service.find_certificate(args.search) if args.search else None
    if certificate is not None and certificate.status == "mismatch":
        return print_error(err, "record_certificate_mismatch", {"record_id": certificate.record_id})
    offset = 0
    while True:
        rows = service.queue_page(queue_filter, "received_at", True, offset, PAGE)
        people = service.decided_by(r.id for r in rows if r.state.decided)
        for r in rows:
            flags = ",".join(f for f, on in (("late", r.is_late), ("overdue", r.overdue)) if on)
            if r.calendar_unknown_years:  # counted Monday to Friday in those years
                unknown = "holidays_unknown:" + "+".join(map(str, r.calendar_unknown_years))
                flags = ",".join(f for f in (flags, unknown) if f)
            if r.claimed_by:  # someone works on it
                flags = ",".join(f for f in (flags, f"claimed_by:{r.claimed_by}") if f)
            if r.pending_by:  # a reviewer's decision awaits the head's signature
                flags = ",".join(f for f in (flags, f"pending_by:{r.pending_by}") if f)
            if people.get(r.id):  # who decided this office's newest decision, who signed it
                decided, signed = people[r.id]
                who = f"decided_by:{decided}" + (
                    f"+signed_by:{signed}" if signed != decided else ""
                )
                flags = ",".join(f for f in (flags, who) if f)
            print(
                f"{r.id}\t{r.uid}\tv{r.version}\t{r.applicant_name}\t{r.masked_id_number}\t"
                f"{r.county_name}\t{r.certificate_level}\t{r.state}\t"
                f"{r.hours_counted}/{r.hours_required}h\t"
                f"{r.waiting_working_days}/{r.deadline_working_days}d\t{flags or '-'}",
                file=out,
            )
        if len(rows) < PAGE:
            return 0
        offset += PAGE


def _decide(workspace: ReviewWorkspace, args: argparse.Namespace, console: Console) -> int:
    out, err = console.out, console.err
    service = workspace.service
    app_id = service.find(args.application)
    reasons = []
    for item in args.reason:
        code, _, comment = item.partition(":")
        reasons.append((code.strip(), comment.strip()))
    outcome = "approved" if args.approve else "rejected"
    result = service.decide(
        [app_id], outcome, reasons, args.late_reason or "", take_over=args.take_over
    )[0]
    if result.status == "pending" and result.pending is not None:  # the head signs it
        print(
            f"pending\t{app_id}\t{result.pending.outcome}\tdecided_by={result.pending.decided_by}",
            file=out,
        )
        return 0
    if result.status != "decided" or result.decision is None:
        return print_error(err, result.code, {"application": app_id, **result.params})
    d = result.decision
    line = f"decided\t{app_id}\t{d.stage}\t{d.outcome}\tsequence={d.sequence}"
    if d.registration_from and d.registration_to:
        line += f"\tregistration={d.registration_from}..{d.registration_to}"
    print(line, file=out)
    return 0


def _export_decisions(
    workspace: ReviewWorkspace, args: argparse.Namespace, console: Console
) -> int:
    out = console.out
    files = workspace.service.export_decisions(Path(args.out))
    for path in files:
        print(f"wrote\t{path}", file=out)
    print(f"files={len(files)}", file=out)
    if args.roster:
        print(f"wrote\t{workspace.service.export_roster(Path(args.roster))}", file=out)
    return 0


def _audit_verify(workspace: ReviewWorkspace, args: argparse.Namespace, console: Console) -> int:
    out, err = console.out, console.err
    result = workspace.service.audit_verify()
    if result.ok:
        print(f"audit ok\tentries={result.entries}", file=out)
        return 0
    print(f"audit broken\tfirst_broken={result.first_broken}\tentries={result.entries}", file=out)
    return print_error(err, "audit_broken", {"first_broken": result.first_broken})
