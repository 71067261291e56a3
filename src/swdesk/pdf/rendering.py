"""One swdesk PDF at a time: ReportLab keeps per-document state in shared objects (the
registered font's subsets, `rl_config`) and is not safe in two threads at once."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from reportlab import rl_config

__all__ = ["RENDER_LOCK", "rendering"]

#: Held while any swdesk PDF is rendered: ReportLab keeps per-document state in shared
#: objects (the registered font's subsets, `rl_config`) and is not safe in two threads at once.
RENDER_LOCK = threading.Lock()


@contextmanager
def rendering() -> Iterator[None]:
    """Hold `RENDER_LOCK` while ReportLab writes binary (not ASCII85) streams: smaller and
    faster, and every PDF reader takes them. `rl_config` is process-wide, hence changed only
    while the lock is held, and restored after."""
    with RENDER_LOCK:
        saved_a85 = rl_config.useA85
        rl_config.useA85 = 0
        try:
            yield
        finally:
            rl_config.useA85 = saved_a85
