"""The cold-start baseline: a bare PySide6 QMainWindow with one label, shown offscreen.

Reports like swdesk does under SWDESK_IDLE_PROBE: once shown and the event loop idle (two
turns of zero timers), it writes {"idle_monotonic": ..., "peak_mb": ...} to the file named
by that variable and quits (the peak read from /proc as swdesk's probe reads it).
"""

import json
import os
import sys
import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow


def peak_mb() -> float | None:
    """As `swdesk.ui.idle_probe.peak_mb`, written out: the baseline imports nothing of
    swdesk (its `ui` package would change PySide's import hook for this process too)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def main() -> int:
    app = QApplication(sys.argv)
    window = QMainWindow()
    window.setCentralWidget(QLabel("swdesk"))
    window.resize(1100, 760)
    window.show()

    def record() -> None:
        with open(os.environ["SWDESK_IDLE_PROBE"], "w", encoding="utf-8") as probe:
            json.dump(
                {
                    "idle_monotonic": time.monotonic(),
                    "modules": sorted(sys.modules),
                    "peak_mb": peak_mb(),
                },
                probe,
            )
        app.quit()

    QTimer.singleShot(0, lambda: QTimer.singleShot(0, record))
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
