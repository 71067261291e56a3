"""Child of the dashboard figure: refreshes one practitioner's dashboard offscreen.

    python benchmarks/dashboard_child.py DATA_DIR PROFILE_ID RUNS

Builds the real main window (synchronous task runner), opens the profile once (warm), then
times `refresh_dashboard(reload_log=True)` RUNS times: the dashboard service's computation
(record, status, latest application) and the widgets (dashboard page and log table). Prints
one JSON line: medians of the whole refresh, of the computation alone and of the widgets.
"""

import json
import statistics
import sys
import time
from pathlib import Path


def main() -> int:
    data_dir, pid, runs = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    from PySide6.QtWidgets import QApplication

    from swdesk.services.workspace import open_workspace
    from swdesk.ui.fonts import register_cjk_font
    from swdesk.ui.i18n import install_language
    from swdesk.ui.main_window import MainWindow
    from swdesk.ui.settings import UiSettings
    from swdesk.ui.tasks import TaskRunner

    app = QApplication([sys.argv[0]])
    register_cjk_font(app)
    settings = UiSettings(data_dir / "settings.ini")
    install_language(app, settings.language)
    workspace = open_workspace(data_dir)
    window = MainWindow(workspace, settings, TaskRunner(synchronous=True))
    window.show()
    window.show_profile(pid)
    app.processEvents()
    total, compute = [], []
    for _ in range(runs):
        start = time.perf_counter()
        workspace.profiles.get_record(pid)
        workspace.dashboard.status_for(pid)
        workspace.dashboard.latest_application(pid)
        compute.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        window.refresh_dashboard(reload_log=True)
        app.processEvents()
        total.append((time.perf_counter() - start) * 1000)
    shown = window.log_page.table.model().rowCount()
    window.close()
    workspace.close()
    print(
        json.dumps(
            {
                "total_ms": statistics.median(total),
                "compute_ms": statistics.median(compute),
                "rows_shown": shown,
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
