"""Command-line options of swdesk (parsed before Qt is imported, so --help is instant)."""

from __future__ import annotations

import argparse
from pathlib import Path

from .paths import DATA_DIR_ENV, PORTABLE_MARKER


class _VersionAction(argparse.Action):
    """--version: the version is read from the package metadata only when asked for."""

    def __call__(self, parser: argparse.ArgumentParser, *_args: object, **_kw: object) -> None:
        from . import __version__

        print(f"swdesk {__version__}")  # to standard output, as argparse's own action
        parser.exit()


# Files a double-click (or `swdesk FILE`) opens: bundles in reviewer mode, decisions in the
# practitioner window (packaging/ registers these types with the desktop).
REVIEWER_SUFFIXES = (".swdapp", ".swdfwd")
PRACTITIONER_SUFFIXES = (".swddec",)
OPENABLE_SUFFIXES = REVIEWER_SUFFIXES + PRACTITIONER_SUFFIXES


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="swdesk",
        description="swdesk: offline workspace for certified social workers — registration, "
                    "continuing-education log, re-registration. (社会工作者登记与继续教育桌面工具)",
        epilog=f"The data folder is chosen by --data-dir, else ${DATA_DIR_ENV}, else a "
               f"'{PORTABLE_MARKER}' marker file beside the program (portable mode: data/ "
               "beside it), else the user data folder of this system. 'swdesk FILE' opens "
               "FILE: an application bundle (.swdapp) or forward package (.swdfwd) in "
               "reviewer mode, a decision file (.swddec) in the practitioner window.",
    )
    parser.set_defaults(open_file=None)
    parser.add_argument("--version", action=_VersionAction, nargs=0,
                        help="show the version and exit")
    parser.add_argument("--self-check", action="store_true",
                        help="check this installation without a window (temporary data "
                             "folder, migrations, a PDF with Chinese text, a bundle written "
                             "and verified); one line per step, exit 0 or 1")
    parser.add_argument("--data-dir", metavar="DIR",
                        help=f"keep the data in DIR (overrides ${DATA_DIR_ENV})")
    parser.add_argument("--demo", action="store_true",
                        help="on a data folder without profiles, add the demo practitioners "
                             "from Pingliang and open the first one")
    parser.add_argument("--profile", metavar="ID", type=int, dest="open_profile",
                        help="open the profile with this number (see 'profile list') "
                             "directly; one with a PIN asks for it first")
    parser.add_argument("--reviewer", action="store_true",
                        help="open reviewer mode (civil-affairs offices; its own database "
                             "under DIR/review, opened with the office password)")
    parser.add_argument("--lang", choices=["zh_CN", "en"],
                        help="language of the interface (remembered); default Simplified "
                             "Chinese")
    parser.add_argument("--theme", choices=["system", "light", "dark"],
                        help="colour theme (remembered)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND",
                                     title="commands (no window; for scripts)")
    profile = commands.add_parser("profile", help="practitioner profiles")
    profile_commands = profile.add_subparsers(dest="action", required=True, metavar="ACTION")
    listing = profile_commands.add_parser(
        "list", help="one line per profile: id, name, masked ID number, state")
    listing.add_argument("--data-dir", metavar="DIR", dest="sub_data_dir")
    application = commands.add_parser("application", help="registration applications")
    application_commands = application.add_subparsers(dest="action", required=True,
                                                      metavar="ACTION")
    export = application_commands.add_parser(
        "export", help="pre-check and write the application bundle; refuses with the fix list")
    export.add_argument("--data-dir", metavar="DIR", dest="sub_data_dir")
    export.add_argument("--profile", metavar="ID", type=int, required=True)
    export.add_argument("--out", metavar="FILE", required=True,
                        help="where to write the bundle (.swdapp)")
    export.add_argument("--photo", metavar="FILE", help="attach this ID photo first")
    export.add_argument("--pin-file", metavar="FILE",
                        help="a file whose first line is the profile's PIN (for a profile "
                             "protected by a PIN; or set SWDESK_PIN)")
    export.add_argument("--accept-declaration", action="store_true",
                        help="accept the declaration (承诺声明) on the applicant's behalf")
    bundle = commands.add_parser("bundle", help="application bundles")
    bundle_commands = bundle.add_subparsers(dest="action", required=True, metavar="ACTION")
    verify = bundle_commands.add_parser(
        "verify", help="check a bundle; exit 0 and a summary when intact, 1 and the reason "
                       "otherwise")
    verify.add_argument("file", metavar="FILE")
    backup = commands.add_parser("backup", help="back up or restore the data folder")
    backup_commands = backup.add_subparsers(dest="action", required=True, metavar="ACTION")
    create = backup_commands.add_parser(
        "create", help="write one verified backup file (database and evidence files)")
    create.add_argument("--data-dir", metavar="DIR", dest="sub_data_dir")
    create.add_argument("path", metavar="PATH", help="the backup file to write (.swdbak)")
    restore = backup_commands.add_parser(
        "restore", help="check a backup file, then restore it (the current data is kept aside)")
    restore.add_argument("--data-dir", metavar="DIR", dest="sub_data_dir")
    restore.add_argument("path", metavar="PATH")
    _add_review_commands(commands)
    trust = commands.add_parser("trust", help="trusted review offices (practitioner side)")
    trust_commands = trust.add_subparsers(dest="action", required=True, metavar="ACTION")
    trust_import = trust_commands.add_parser(
        "import", help="import the province's trust file (.swdtrust)")
    trust_import.add_argument("--data-dir", metavar="DIR", dest="sub_data_dir")
    trust_import.add_argument(
        "--fingerprint", metavar="FP",
        help="the province's fingerprint as confirmed by phone (without it the list is "
             "only shown, unless you type yes at the terminal)")
    trust_import.add_argument("file", metavar="FILE")
    trust_remove = trust_commands.add_parser(
        "remove", help="forget the trust list in force (one imported by mistake)")
    trust_remove.add_argument("--data-dir", metavar="DIR", dest="sub_data_dir")
    trust_remove.add_argument("--yes", action="store_true",
                              help="remove without asking")
    decision = commands.add_parser("decision", help="review decisions (practitioner side)")
    decision_commands = decision.add_subparsers(dest="action", required=True, metavar="ACTION")
    decision_import = decision_commands.add_parser(
        "import", help="verify and apply a signed decision file (.swddec)")
    decision_import.add_argument("--data-dir", metavar="DIR", dest="sub_data_dir")
    decision_import.add_argument("file", metavar="FILE")
    return parser


def _add_review_commands(
        commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """`swdesk review ...`: the reviewer workspace (its own database under DIR/review)."""
    review = commands.add_parser("review", help="reviewer mode (civil-affairs offices)")
    actions = review.add_subparsers(dest="action", required=True, metavar="ACTION")

    def action(name: str, help_text: str) -> argparse.ArgumentParser:
        sub: argparse.ArgumentParser = actions.add_parser(name, help=help_text)
        sub.add_argument("--data-dir", metavar="DIR", dest="sub_data_dir")
        sub.add_argument("--password-file", metavar="FILE",
                         help="read the office password from FILE (else $SWDESK_REVIEW_PASSWORD)")
        return sub

    init = action("init", "set up the office: name, region, review level, signing key")
    init.add_argument("--office", required=True, help="office name, e.g. 平凉市民政局")
    init.add_argument("--region", required=True, help="region code, e.g. 620800")
    init.add_argument("--level", required=True, choices=["county", "city", "province"])
    init.add_argument("--rule-pack", default="gansu")
    init.add_argument("--keep-old-files-aside", action="store_true",
                      help="the folder holds stored bundles or backups but no usable "
                           "database: move them into review/recovered/<day>/ (never "
                           "deleted) and set a new office up")
    export_key = action("export-key", "write the office's public key file (.swdkey)")
    export_key.add_argument("--out", required=True, metavar="FILE")
    publish = action("publish-trust", "province: sign a trust file listing the offices")
    publish.add_argument("--key", action="append", default=[], metavar="FILE",
                         help="a public key file (.swdkey) of an office to trust (repeatable)")
    publish.add_argument("--out", required=True, metavar="FILE")
    trust_in = action("trust", "import the province's trust file into this office")
    trust_in.add_argument(
        "--new-issuer-fingerprint", metavar="FP",
        help="a list signed by a new province key: its fingerprint as confirmed with the "
             "province (else refused with trust_issuer_changed)")
    trust_in.add_argument("file", metavar="FILE")
    imp = action("import", "verify and import bundles (files or folders)")
    imp.add_argument("paths", nargs="+", metavar="PATH")
    imp.add_argument("--report", metavar="FILE", help="also write the import report (CSV)")
    listing = action("list", "the queue: one line per application")
    listing.add_argument("--state")
    listing.add_argument("--county")
    listing.add_argument("--search", metavar="TEXT", help="name or ID number")
    decide = action("decide", "approve or reject an application")
    decide.add_argument("--application", required=True, metavar="ID",
                        help="queue number or application uid")
    verdict = decide.add_mutually_exclusive_group(required=True)
    verdict.add_argument("--approve", action="store_true")
    verdict.add_argument("--reject", action="store_true")
    decide.add_argument("--reason", action="append", default=[], metavar="CODE[:COMMENT]",
                        help="hours_short, data_wrong, material_unclear, photo_unfit, "
                             "not_in_window, other (repeatable)")
    decide.add_argument("--late-reason", metavar="TEXT",
                        help="why a late application is accepted")
    export_decisions = action("export-decisions",
                              "write decision files (and forward packages for the next level)")
    export_decisions.add_argument("--out", required=True, metavar="FOLDER")
    export_decisions.add_argument("--roster", metavar="FILE.xlsx",
                                  help="also write the Excel roster of decisions")
    action("audit-verify", "check the hash chain of the audit log")
    retention = action("retention", "show or set how long decided applications are kept")
    retention.add_argument("--days", type=int, metavar="N",
                           help="delete applications N days after this office's exported "
                                "decision (0 = keep forever; default 365)")
    action("purge", "delete the applications whose retention period has ended (also done "
                    "at every opening)")
    delete_person = action("delete-person", "delete every application of one practitioner, "
                                            "at their request (cannot be undone)")
    person = delete_person.add_mutually_exclusive_group(required=True)
    person.add_argument("--id-number", metavar="N",
                        help="the full ID number ('-': read it from standard input, so it "
                             "stays out of the shell history)")
    person.add_argument("--application", metavar="ID",
                        help="queue number or uid of one of the practitioner's applications")


def parse_args(argv: list[str]) -> argparse.Namespace:
    """Parse `argv`; a file to open (`swdesk [options] FILE.swdapp`) is taken out first,
    since argparse cannot mix an optional positional with the sub-commands."""
    parser = build_parser()
    rest, open_file = split_open_file(parser, argv)
    args = parser.parse_args(rest)
    if open_file is not None:
        if args.command:
            parser.error(f"a file to open cannot be combined with '{args.command}'")
        args.open_file = open_file
    return args


def split_open_file(parser: argparse.ArgumentParser,
                    argv: list[str]) -> tuple[list[str], Path | None]:
    """The arguments without the file to open, and that file: the first positional
    argument when it names a file with one of OPENABLE_SUFFIXES (a sub-command's name is
    never taken for a file)."""
    takes_value = {option for action in parser._actions if action.nargs != 0
                   for option in action.option_strings}
    index = 0
    while index < len(argv):
        arg = argv[index]
        if arg == "--":
            index += 1
            break
        if arg.startswith("-") and arg != "-":
            index += 2 if arg in takes_value else 1
            continue
        break
    if index >= len(argv):
        return argv, None
    candidate = argv[index]
    if Path(candidate).suffix.lower() not in OPENABLE_SUFFIXES:
        return argv, None
    rest = [a for i, a in enumerate(argv) if i != index and not (a == "--" and i == index - 1)]
    return rest, Path(candidate).expanduser().resolve()
