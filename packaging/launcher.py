"""Entry point of the frozen application (PyInstaller runs this file as the program)."""

import sys

from swdesk.__main__ import main

if __name__ == "__main__":
    # a copy of the program started by the review import's worker processes ("spawn"):
    # the runtime hook loaded multiprocessing to run it as a worker (multiprocessing_hook.py)
    if "multiprocessing" in sys.modules:
        import multiprocessing

        multiprocessing.freeze_support()
    sys.exit(main())
