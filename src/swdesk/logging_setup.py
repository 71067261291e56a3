"""A rotating log file without personal data (messages never include ID numbers)."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path


def setup_logging(log_dir: Path) -> Path | None:
    """Log to `log_dir/swdesk.log` (rotated at 1 MB, 3 kept); returns the file or None."""
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        path = log_dir / "swdesk.log"
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path
