"""Entry point of the frozen application (PyInstaller runs this file as the program)."""

import sys

from swdesk.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
