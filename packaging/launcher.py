"""Entry point of the frozen application (PyInstaller runs this file as the program)."""

import multiprocessing
import sys

from swdesk.__main__ import main

if __name__ == "__main__":
    # the review import's worker processes ("spawn") start this program again as workers
    multiprocessing.freeze_support()
    sys.exit(main())
