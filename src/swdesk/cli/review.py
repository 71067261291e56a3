"""`swdesk review ...`: the reviewer's command line (no window), for batch work and tests.

The reviewer folder is `<data-dir>/review`; with `--database postgresql://[user@]host[:port]/db`
the office is that database on the office's server instead (`review init --database URL`
sets it up there). The office password comes from `--password-file` or
`$SWDESK_REVIEW_PASSWORD`. The database server's own password is never an option's value
nor stored by swdesk: libpq's password file (`~/.pgpass`, `%APPDATA%\\postgresql\\pgpass.conf`
or PGPASSFILE) is used, else `--db-password-file FILE` or `$SWDESK_DB_PASSWORD` (scripts),
else it is asked for at the terminal. Output is one line per fact (tab-separated
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
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ..domain.errors import UserFixableError
from .argparsing import CommandParser
from .output import Console, format_params, print_error, require_suffix
from .practitioner import data_dir_of

if TYPE_CHECKING:
    from ..services.exchange import TrustList
    from ..services.review import ReviewServer, ReviewWorkspace
    from .argparsing import Subcommands

__all__ = ["DB_PASSWORD_ENV", "PASSWORD_ENV", "database_option", "register"]

PASSWORD_ENV = "SWDESK_REVIEW_PASSWORD"
DB_PASSWORD_ENV = "SWDESK_DB_PASSWORD"
PAGE = 500

# One action of an opened office: the office and the options in, the exit status out.
Action = Callable[["ReviewWorkspace", argparse.Namespace, Console], int]


def database_option() -> CommandParser:
    """The one declaration of --database (and --db-password-file), shared (`parents=`) by
    the top-level parser (`swdesk --reviewer --database URL`) and every `swdesk review`
    action. Defaults are SUPPRESS, as for --data-dir, so a value given before the command
    stays; `parser.parse` sets None when it was given nowhere."""
    option = CommandParser(add_help=False)
    option.add_argument(
        "--database",
        metavar="URL",
        default=argparse.SUPPRESS,
        help="the office's database on a server, postgresql://[user@]host[:port]/database, "
        "instead of the reviewer folder in the data folder",
    )
    option.add_argument(
        "--db-password-file",
        metavar="FILE",
        default=argparse.SUPPRESS,
        help="read the database server's password from FILE when libpq's password file "
        f"(~/.pgpass) has none (else ${DB_PASSWORD_ENV}, else asked at the terminal)",
    )
    return option


def register(commands: Subcommands, data_dir: CommandParser) -> None:
    """`swdesk review <action>`: every action takes --data-dir (or --database) and
    --password-file."""
    review = commands.add_parser("review", help="reviewer mode (civil-affairs offices)")
    actions = review.add_subparsers(dest="action", required=True, metavar="ACTION")
    office = CommandParser(add_help=False, parents=[data_dir, database_option()])
    office.add_argument(
        "--password-file",
        metavar="FILE",
        help=f"read the office password from FILE (else ${PASSWORD_ENV})",
    )
    office.add_argument(
        "--user",
        metavar="NAME",
        help="sign in as this member of the staff, with their own password (in "
        "--password-file); without it, the office password signs in as the office's head",
    )

    def action(name: str, help_text: str, run: Action) -> CommandParser:
        sub = actions.add_parser(name, help=help_text, parents=[office])
        sub.set_defaults(handler=partial(_in_office, run))
        return sub

    init = action("init", "set up the office: name, region, review level, signing key", _init)
    init.add_argument("--office", required=True, help="office name, e.g. 平凉市民政局")
    init.add_argument("--region", required=True, help="region code, e.g. 620800")
    init.add_argument("--level", required=True, choices=["county", "city", "province"])
    init.add_argument("--rule-pack", default="gansu")
    init.add_argument(
        "--keep-old-files-aside",
        action="store_true",
        help="the folder holds stored bundles or backups but no usable "
        "database: move them into review/recovered/<day>/ (never "
        "deleted) and set a new office up",
    )
    init.add_argument(
        "--head-user",
        default="head",
        metavar="NAME",
        help="user name of the office's first head, who signs in with the office password "
        "(default: head)",
    )
    init.add_argument("--head-name", default="", metavar="NAME", help="their name, e.g. 王芳")
    export_key = action("export-key", "write the office's public key file (.swdkey)", _export_key)
    export_key.add_argument("--out", required=True, metavar="FILE")
    publish = action(
        "publish-trust", "province: sign a trust file listing the offices", _publish_trust
    )
    publish.add_argument(
        "--key",
        action="append",
        default=[],
        metavar="FILE",
        help="a public key file (.swdkey) of an office to trust (repeatable)",
    )
    publish.add_argument("--out", required=True, metavar="FILE")
    trust_in = action("trust", "import the province's trust file into this office", _trust)
    trust_in.add_argument(
        "--new-issuer-fingerprint",
        metavar="FP",
        help="a list signed by a new province key: its fingerprint as confirmed with the "
        "province (else refused with trust_issuer_changed)",
    )
    trust_in.add_argument("file", metavar="FILE")
    imp = action("import", "verify and import bundles (files or folders)", _import)
    imp.add_argument("paths", nargs="+", metavar="PATH")
    imp.add_argument("--report", metavar="FILE", help="also write the import report (CSV)")
    listing = action("list", "the queue: one line per application", _list)
    listing.add_argument("--state")
    listing.add_argument("--county")
    listing.add_argument("--search", metavar="TEXT", help="name or ID number")
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
    from .review_staff import register_people  # staff, sign, send-back

    register_people(actions, office, _in_office)
    from .review_claims import register_claims  # claim, release

    register_claims(actions, office, _in_office)
    from .review_moving import register_moving  # migrate, verify: no office opened first

    register_moving(actions, office, data_dir)
    retention = action(
        "retention", "show or set how long decided applications are kept", _retention
    )
    retention.add_argument(
        "--days",
        type=int,
        metavar="N",
        help="delete applications N days after this office's exported "
        "decision (0 = keep forever; default 365)",
    )
    action(
        "purge",
        "delete the applications whose retention period has ended (also done at every opening)",
        _purge,
    )
    delete_person = action(
        "delete-person",
        "delete every application of one practitioner, at their request (cannot be undone)",
        _delete_person,
    )
    person = delete_person.add_mutually_exclusive_group(required=True)
    person.add_argument(
        "--id-number",
        metavar="N",
        help="the full ID number ('-': read it from standard input, so it "
        "stays out of the shell history)",
    )
    person.add_argument(
        "--application",
        metavar="ID",
        help="queue number or uid of one of the practitioner's applications",
    )


def _secret(file_option: str | None, env: str, console: Console) -> str:
    """A password from the file `file_option` (its first line), else from `$env`; ""
    when neither gives one."""
    if file_option:
        path = Path(file_option)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise UserFixableError("file_unreadable", file=path.name, path=str(path)) from exc
        return text.rstrip("\r\n")
    return console.env.get(env, "")


def _password(args: argparse.Namespace, console: Console) -> str:
    password = _secret(args.password_file, PASSWORD_ENV, console)
    if not password:
        raise UserFixableError("password_missing", env=PASSWORD_ENV)
    return password


def review_server(args: argparse.Namespace, console: Console) -> ReviewServer | None:
    """The office's server of `--database`, with the password of `--db-password-file`
    or `$SWDESK_DB_PASSWORD` if given (else libpq's password file decides); None for the
    reviewer folder. UserFixableError "server_url_invalid" for another address."""
    from ..services.review import ReviewServer, is_server_url

    url = getattr(args, "database", None)
    if not url:
        return None
    if not is_server_url(url):
        raise UserFixableError("server_url_invalid", url=url)
    password = _secret(getattr(args, "db_password_file", None), DB_PASSWORD_ENV, console)
    return ReviewServer(url, password or None)


def ask_server_password(server: ReviewServer, console: Console) -> ReviewServer | None:
    """The server with a password typed at the terminal (not echoed), or None when
    standard input is not a terminal (a script: the refusal stands) or nothing was typed."""
    import getpass

    if not console.stdin.isatty():
        return None
    try:
        password = getpass.getpass(f"Password for the database server {server.location}: ")
    except (EOFError, KeyboardInterrupt, OSError):
        return None
    return server.with_password(password) if password else None


def _in_office(run: Action, args: argparse.Namespace, console: Console) -> int:
    """Open (or, for `init`, set up) the office, then `run` the action; 0 on success, 1
    when refused."""
    import sqlite3

    from sqlalchemy.exc import SQLAlchemyError

    from ..services.review import init_review_workspace, open_review_workspace, review_root

    err = console.err
    root: Path | None = None
    try:
        server = review_server(args, console)
        if server is None:
            root = review_root(data_dir_of(args))
        _check_output_names(args)
        password = _password(args, console)

        def opened(where: Path | ReviewServer) -> ReviewWorkspace:
            if args.action == "init":
                return init_review_workspace(
                    where,
                    office_name=args.office,
                    region=args.region,
                    level=args.level,
                    rule_pack_id=args.rule_pack,
                    password=password,
                    keep_old_files_aside=bool(getattr(args, "keep_old_files_aside", False)),
                    head_username=args.head_user,
                    head_name=args.head_name,
                )
            return open_review_workspace(where, password, user=args.user)

        try:
            workspace = opened(server or root or Path("."))
        except UserFixableError as error:  # libpq's password file had none: ask
            asked = None
            if server is not None and error.code == "server_password_needed":
                asked = ask_server_password(server, console)
            if asked is None:
                raise
            workspace = opened(asked)
        if workspace.recovered:
            print(
                f"notice: review_files_recovered count={len(workspace.recovered)} "
                f"folder={workspace.recovered_folder}",
                file=err,
            )
        try:
            return run(workspace, args, console)
        finally:
            workspace.close()
    except UserFixableError as error:
        db_path = None if root is None else root / "review.sqlite"
        if db_path is not None and error.params.get("path") == str(db_path):
            from ..services.review.faults import storage_error  # said for the reviewer folder

            error = storage_error(error, db_path, folder=root) or error
        return print_error(err, error.code, error.params)
    except (OSError, SQLAlchemyError, sqlite3.Error) as exc:  # the folder's disk or database
        from ..services.review.faults import storage_error

        where = root if root is not None else Path(".")
        classified = storage_error(exc, where / "review.sqlite", folder=where)
        if classified is None:
            classified = UserFixableError(
                "review_io_error", path=str(where), folder=str(where), reason=type(exc).__name__
            )
        return print_error(err, classified.code, classified.params)


def _check_output_names(args: argparse.Namespace) -> None:
    """A file to write with the wrong extension is refused before the office is opened
    (and before any decision is exported or any bundle imported)."""
    from ..services.exchange import KEY_FILE_SUFFIX, TRUST_SUFFIX

    suffixes = {
        "export-key": ("out", KEY_FILE_SUFFIX),
        "publish-trust": ("out", TRUST_SUFFIX),
        "export-decisions": ("roster", ".xlsx"),
        "import": ("report", ".csv"),
    }
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


def _init(workspace: ReviewWorkspace, args: argparse.Namespace, console: Console) -> int:
    out = console.out
    _office_lines(workspace, out)
    if workspace.root is None:
        print(f"server\t{workspace.location}", file=out)
    else:
        print(f"folder\t{workspace.root}", file=out)
    if workspace.set_aside is not None:
        print(f"set_aside\t{workspace.set_aside}", file=out)
    return 0


def _export_key(workspace: ReviewWorkspace, args: argparse.Namespace, console: Console) -> int:
    out = console.out
    path = workspace.service.export_public_key(Path(args.out))
    print(f"wrote\t{path}", file=out)
    print(f"fingerprint\t{workspace.office.fingerprint_groups}", file=out)
    return 0


def _trust_lines(trust: TrustList, out: TextIO) -> None:
    print(
        f"trust\tsequence={trust.sequence}\tissuer={trust.issuer.name}\t"
        f"offices={len(trust.offices)}",
        file=out,
    )
    for office in trust.offices:
        print(f"trusted\t{office.short_fingerprint}\t{office.level}\t{office.name}", file=out)


def _publish_trust(workspace: ReviewWorkspace, args: argparse.Namespace, console: Console) -> int:
    out = console.out
    trust = workspace.service.publish_trust([Path(k) for k in args.key], Path(args.out))
    print(f"wrote\t{args.out}", file=out)
    _trust_lines(trust, out)
    return 0


def _trust(workspace: ReviewWorkspace, args: argparse.Namespace, console: Console) -> int:
    out = console.out
    _trust_lines(
        workspace.service.import_trust(
            Path(args.file), new_issuer_fingerprint=args.new_issuer_fingerprint
        ),
        out,
    )
    return 0


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


def _retention(workspace: ReviewWorkspace, args: argparse.Namespace, console: Console) -> int:
    out, err = console.out, console.err
    from ..services.review.retention import MAX_RETENTION_DAYS

    service = workspace.service
    if args.days is not None:
        if not 0 <= args.days <= MAX_RETENTION_DAYS:
            return print_error(
                err, "retention_days_invalid", {"days": args.days, "max": MAX_RETENTION_DAYS}
            )
        service.set_retention_days(args.days)
    print(f"retention_days\t{service.retention_days()}", file=out)
    print(f"expired\t{len(service.expired_ids())}", file=out)  # deleted at the next opening
    return 0


def _purge(workspace: ReviewWorkspace, args: argparse.Namespace, console: Console) -> int:
    out = console.out
    at_opening, now = workspace.purged, workspace.service.purge_expired()
    for app_id in (*at_opening.application_ids, *now.application_ids):
        print(f"purged\t{app_id}", file=out)
    print(
        f"purged={at_opening.count + now.count} "
        f"backups_removed={at_opening.backups_removed + now.backups_removed}",
        file=out,
    )
    return 0


def _delete_person(workspace: ReviewWorkspace, args: argparse.Namespace, console: Console) -> int:
    out = console.out
    person = args.application
    if args.id_number is not None:
        person = console.stdin.readline().strip() if args.id_number == "-" else args.id_number
    service = workspace.service
    found = service.find_person(person)
    count = service.delete_person(person)
    for app_id in found:
        print(f"deleted\t{app_id}", file=out)
    print(f"deleted={count}", file=out)
    return 0
