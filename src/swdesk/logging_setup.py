"""The log file, without personal data (messages never include ID numbers): `swdesk.log`,
rotated at 1 MB with 3 old files kept.

A start of the window opens the file with a plain appending handler (`rotating=False`),
so that `logging.handlers`, which imports socket, pickle and queue, is not loaded before
the first window is painted; `rotate_log` swaps in the rotating handler once the window is
idle, and the size is checked from its next record on.
"""

from __future__ import annotations

import logging
from pathlib import Path

__all__ = ["BACKUP_COUNT", "MAX_BYTES", "rotate_log", "setup_logging"]

MAX_BYTES = 1_000_000
BACKUP_COUNT = 3
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

# the appending handler of `setup_logging(rotating=False)`, until `rotate_log` replaces it
_plain: logging.FileHandler | None = None


def setup_logging(log_dir: Path, *, rotating: bool = True) -> Path | None:
    """Log to `log_dir/swdesk.log` at INFO; returns the file, or None when it cannot be
    opened. `rotating=False`: a plain appending handler until `rotate_log` is called."""
    global _plain
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        path = log_dir / "swdesk.log"
        handler = _rotating(path) if rotating else logging.FileHandler(path, encoding="utf-8")
    except OSError:
        return None
    if not rotating:
        _plain = handler
    _attach(handler)
    logging.getLogger().setLevel(logging.INFO)
    return path


def rotate_log() -> None:
    """Replace the plain handler of `setup_logging(rotating=False)` with the rotating one
    on the same file (nothing to do without one). If the file cannot be opened again, the
    plain handler stays."""
    global _plain
    plain, _plain = _plain, None
    if plain is None:
        return
    try:
        rotating = _rotating(Path(plain.baseFilename))
    except OSError:
        return
    rotating.setLevel(plain.level)
    _attach(rotating)  # before the plain one leaves: a record from another thread is not lost
    root = logging.getLogger()
    root.removeHandler(plain)
    plain.close()


def _rotating(path: Path) -> logging.FileHandler:
    import logging.handlers

    return logging.handlers.RotatingFileHandler(
        path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8"
    )


def _attach(handler: logging.Handler) -> None:
    handler.setFormatter(logging.Formatter(_FORMAT))
    logging.getLogger().addHandler(handler)
