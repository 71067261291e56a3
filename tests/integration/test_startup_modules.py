"""Start-up loads only what the first screen needs: swdesk started in a fresh
process to a practitioner's dashboard must not have imported the heavy modules that only
later screens use, nor SQLAlchemy and the services: the dashboard is read with sqlite3
(`services.first_screen`) and the services are opened once the window is idle, which the
last tests check too. Structural, not timed; the timing is `benchmarks/run.py --only start`."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest

from folder_samples import FolderTemplates
from run_once import run_once
from swdesk.services.workspace import open_workspace

RARE_NAME = "张𠮷"
FALLBACK_FAMILIES = {"HanaMinA", "HanaMinB", "BabelStone Han"}
Started = tuple[dict[str, object], dict[str, object], str, dict[str, object]]

HEAVY = [
    "sqlalchemy",  # the ORM and the repositories: opened once the first screen is idle
    "alembic",
    "swdesk.storage.orm",
    "swdesk.services.workspace",
    "swdesk.services.profiles",
    "swdesk.ui.profile_editor",
    "cryptography",  # a protected profile's key, signed files
    "reportlab",  # the form PDF: when a PDF is made
    "alembic.command",  # migrations: only when the schema is not current
    "pypdfium2",  # the PDF viewer, the reviewer's form check
    "openpyxl",  # the reviewer's Excel roster
    "fastjsonschema",  # rule packs are validated once per content (cached), bundles on use
    "tomllib",  # a rule pack read before is read back from the cache of parsed packs
    "jsonschema",  # the reference validator: the tests' only
    "PIL",  # photos
    "swdesk.ui.wizard",
    "swdesk.ui.pdf_preview",
    "swdesk.ui.review.window",
    "swdesk.services.demo",
    "logging.handlers",  # the rotating log (socket, pickle): swapped in once the window is idle
    "swdesk.cli.review",  # the command groups: only when a command is given
    # the menus' backup, decision and record controllers (Qt's file and progress dialogs)
    "swdesk.ui.backup_actions",
    "swdesk.ui.decision_actions",
    "swdesk.ui.record_import",
    # the pages of a folder without profiles and of choosing one: made when first shown
    "swdesk.ui.start_page",
    "swdesk.ui.profile_chooser",
    "swdesk.ui.activity_log",  # the log tab: made when chosen, or once the services are open
]


@pytest.fixture(scope="module")
def started(folder_templates: FolderTemplates, tmp_path_factory: pytest.TempPathFactory) -> Started:
    """The probe's reports of `swdesk --profile ID` once its dashboard is shown and idle
    (second start: the first one of a data folder may validate the rule packs), and once
    the services are open and the dashboard read through them; the profile's name; the
    report of another profile, whose name has an Extension B character, at its dashboard.
    The four starts run once per test run (`run_once`), not once per worker that gets one
    of these tests."""
    folder = run_once(
        tmp_path_factory, "startup-modules", lambda work: _start_four_times(work, folder_templates)
    )
    found = json.loads((folder / "started.json").read_text(encoding="utf-8"))
    return found["dashboard"], found["services"], found["name"], found["rare"]


def _start_four_times(root: Path, folder_templates: FolderTemplates) -> None:
    """Start swdesk four times on the demo data in `root` (see `started`); writes the last
    three probe reports and the profile's name to `root`/started.json."""
    home = root / "home"
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_STATE_HOME": str(home / "state"),
    }
    env.pop("SWDESK_DATA_DIR", None)
    data = folder_templates.demo(root / "data", date.today())  # the demo people, closed
    workspace = open_workspace(data)
    try:
        pid, rare_pid = sorted(p.id for p in workspace.profiles.list_profiles())[:2]
        name = workspace.profiles.get_record(pid).practitioner.name
    finally:
        workspace.close()
    with closing(sqlite3.connect(data / "swdesk.sqlite")) as connection, connection:
        connection.execute(  # a name the primary CJK font lacks (Extension B)
            "UPDATE practitioners SET name = ? WHERE id = ?", (RARE_NAME, rare_pid)
        )
    probe = root / "idle.json"
    reports = []
    for services, profile in (("", pid), ("", pid), ("1", pid), ("", rare_pid)):
        probe.unlink(missing_ok=True)
        subprocess.run(
            [sys.executable, "-m", "swdesk", "--data-dir", str(data), "--profile", str(profile)],
            env={**env, "SWDESK_IDLE_PROBE": str(probe), "SWDESK_IDLE_PROBE_SERVICES": services},
            check=True,
            timeout=120,
            capture_output=True,
        )
        reports.append(json.loads(probe.read_text(encoding="utf-8")))
    (root / "started.json").write_text(
        json.dumps(
            {"dashboard": reports[1], "services": reports[2], "rare": reports[3], "name": name},
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )


@pytest.fixture(scope="module")
def loaded_at_dashboard(started: Started) -> set[str]:
    modules = started[0]["modules"]
    assert isinstance(modules, list)
    return set(modules)


def test_the_dashboard_was_reached(loaded_at_dashboard: set[str], started: Started) -> None:
    assert {"swdesk.ui.main_window", "swdesk.ui.dashboard"} <= loaded_at_dashboard
    assert "swdesk.storage.quick_read" in loaded_at_dashboard  # the first screen's reader
    assert str(started[0]["title"]).startswith(started[2])


def test_the_services_open_once_the_first_screen_is_idle(
    started: Started,
) -> None:
    """The deferred opening happens: the ORM and the services are loaded, and the
    dashboard, read again through them, still shows the profile."""
    _first, after, name, _rare = started
    modules = after["modules"]
    assert isinstance(modules, list)
    assert {"sqlalchemy.orm", "swdesk.services.workspace", "swdesk.storage.orm"} <= set(modules)
    assert "logging.handlers" in modules  # the log file rotates from here on
    assert str(after["title"]).startswith(name)


def test_the_fallback_fonts_wait_until_the_first_screen_is_idle(started: Started) -> None:
    """A dashboard whose texts the primary CJK font covers is painted before the fallback
    fonts are read (HanaMinB alone is 30 MB); they are in the font chain once the window is
    idle and the services open, before the log table shows the user's other texts."""
    dashboard, services, _name, _rare = started
    assert "WenQuanYi Micro Hei" in dashboard["font_families"]  # type: ignore[operator]
    assert not FALLBACK_FAMILIES & set(dashboard["font_families"])  # type: ignore[arg-type]
    assert set(services["font_families"]) >= FALLBACK_FAMILIES  # type: ignore[arg-type]


def test_a_name_beyond_the_primary_font_gets_the_fallbacks_before_the_first_paint(
    started: Started,
) -> None:
    rare = started[3]
    assert str(rare["title"]).startswith(RARE_NAME)
    assert set(rare["font_families"]) >= FALLBACK_FAMILIES  # type: ignore[arg-type]


@pytest.mark.parametrize("module", HEAVY)
def test_heavy_module_not_loaded_at_start(loaded_at_dashboard: set[str], module: str) -> None:
    assert module not in loaded_at_dashboard, f"{module} is imported before the first screen"


def test_cryptography_not_loaded_at_start(loaded_at_dashboard: set[str]) -> None:
    assert "cryptography" not in loaded_at_dashboard


# -- the command line: a process of its own ---------------------------------------------------

MODULES_AFTER = """import json, sys
from swdesk.__main__ import main
status = main(sys.argv[1:])
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
sys.exit(status)
"""


def test_help_works_as_a_process() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "swdesk", "--help"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout.startswith("usage: swdesk ")
    assert "profile" in result.stdout and "--data-dir" in result.stdout


@pytest.mark.parametrize(
    ("argv", "forbidden"),
    [
        (["--help"], ["PySide6", "sqlalchemy", "swdesk.services"]),
        (["bundle", "verify", "missing.swdapp"], ["PySide6", "swdesk.ui"]),
    ],
)
def test_the_command_line_loads_no_window(
    argv: list[str], forbidden: list[str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """--help is answered before the database layer or Qt is imported; a command loads
    the services it uses, never Qt."""
    result = subprocess.run(
        [sys.executable, "-c", MODULES_AFTER, *argv],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path_factory.mktemp("cwd"),
    )
    loaded = set(json.loads(result.stderr.splitlines()[-1]))
    for module in forbidden:
        assert not any(name == module or name.startswith(module + ".") for name in loaded), (
            f"{module} is imported by swdesk {' '.join(argv)}"
        )
