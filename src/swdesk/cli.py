"""Command-line options of swdesk (parsed before Qt is imported, so --help is instant)."""

from __future__ import annotations

import argparse

from . import __version__
from .paths import DATA_DIR_ENV, PORTABLE_MARKER


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="swdesk",
        description="swdesk: offline workspace for certified social workers — registration, "
                    "continuing-education log, re-registration. (社会工作者登记与继续教育桌面工具)",
        epilog=f"The data folder is chosen by --data-dir, else ${DATA_DIR_ENV}, else a "
               f"'{PORTABLE_MARKER}' marker file beside the program (portable mode: data/ "
               "beside it), else the user data folder of this system.",
    )
    parser.add_argument("--version", action="version", version=f"swdesk {__version__}")
    parser.add_argument("--data-dir", metavar="DIR",
                        help=f"keep the data in DIR (overrides ${DATA_DIR_ENV})")
    parser.add_argument("--demo", action="store_true",
                        help="on a data folder without profiles, add the demo practitioners "
                             "from Pingliang and open the first one")
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
    export.add_argument("--accept-declaration", action="store_true",
                        help="accept the declaration (承诺声明) on the applicant's behalf")
    bundle = commands.add_parser("bundle", help="application bundles")
    bundle_commands = bundle.add_subparsers(dest="action", required=True, metavar="ACTION")
    verify = bundle_commands.add_parser(
        "verify", help="check a bundle; exit 0 and a summary when intact, 1 and the reason "
                       "otherwise")
    verify.add_argument("file", metavar="FILE")
    return parser
