"""The idle probe (internal, for the start-up benchmark and test): with `SWDESK_IDLE_PROBE`
set to a file path, once the first screen is shown (with a profile: its dashboard filled)
and the event loop is idle, swdesk writes {"idle_monotonic": time.monotonic(), "modules":
[...]} (and the moment the first window was on screen, the window title, the
application font's family chain and the process's peak memory) there and quits."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from .main_window import MainWindow

IDLE_PROBE_ENV = "SWDESK_IDLE_PROBE"
# With "1", a start whose first screen was read before the services reports once the
# services are loaded and the dashboard read again through them (not at the first idle
# moment), so a test can check the deferred opening.
IDLE_PROBE_SERVICES_ENV = "SWDESK_IDLE_PROBE_SERVICES"
_first_window_at: float | None = None  # time.monotonic() when the first window was on screen


def peak_mb() -> float | None:
    """This process's peak resident memory in MB, from /proc (Linux; None elsewhere). Not
    `ru_maxrss`: Linux carries the peak of the process that started this one across exec,
    so a child of a large process would report its parent's size."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def first_window_shown() -> None:
    """Note the moment the first window (the splash or the first screen) is on screen."""
    global _first_window_at
    _first_window_at = time.monotonic()


def quit_when_idle(
    app: QApplication, window: MainWindow, target: Path, wait_for_dashboard: bool
) -> None:
    """Report to `target` and quit at the next idle moment, or with `wait_for_dashboard`
    at the first idle moment after the window's `dashboard_updated`. Call right after the
    window picked its first page (the dashboard's data arrives later, from the task
    runner)."""
    done = False

    def record() -> None:
        nonlocal done
        if done:
            return
        done = True
        target.write_text(
            json.dumps(
                {
                    "idle_monotonic": time.monotonic(),
                    "first_window_monotonic": _first_window_at,
                    "title": window.windowTitle(),
                    "font_families": app.font().families(),
                    "peak_mb": peak_mb(),
                    "modules": sorted(sys.modules),
                }
            ),
            encoding="utf-8",
        )
        app.quit()

    def when_idle() -> None:  # two turns of the loop: posted paints and layouts first
        QTimer.singleShot(0, lambda: QTimer.singleShot(0, record))

    if wait_for_dashboard:
        window.dashboard_updated.connect(when_idle)
    else:
        when_idle()
