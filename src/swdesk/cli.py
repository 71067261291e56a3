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
    return parser
