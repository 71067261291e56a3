"""The composition root: options → paths → settings → database (migrated) → services → window."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .cli import REVIEWER_SUFFIXES, main
from .paths import resolve_data_dir

if TYPE_CHECKING:  # imported where used, after the splash is on screen
    from PySide6.QtWidgets import QApplication, QMessageBox

    from .domain.errors import UserFixableError
    from .services.errors import DatabaseProblem
    from .services.first_screen import FirstScreen
    from .services.workspace import RecoveredFiles, Workspace
    from .ui.settings import UiSettings

log = logging.getLogger("swdesk")


def _wait_for(box: QMessageBox | None) -> None:
    """Show `box` until it is closed (`inform` returns the box on the GUI thread, as here)."""
    assert box is not None
    box.exec()


def _open_damaged(data_dir: Path, error: DatabaseProblem) -> Workspace | None:
    """The database cannot be used (damaged, missing beside saved files, unreadable, or
    read-only): restore the newest backup holding data, open read-only, start afresh (the
    old files moved aside), or quit. A choice that fails is explained and the choices are
    offered again; the workspace opened, or None to quit."""
    from PySide6.QtCore import QCoreApplication

    from .domain.errors import UserFixableError
    from .paths import DataLayout
    from .services.backup import newest_restorable_backup, restore_automatic_backup
    from .services.workspace import open_workspace, open_workspace_read_only
    from .ui.damaged_database import DamagedDatabaseDialog
    from .ui.feedback import inform
    from .ui.texts import error_text

    layout = DataLayout(data_dir)
    title = QCoreApplication.translate("App", "swdesk")
    while True:
        code = getattr(error, "code", "")
        newest = newest_restorable_backup(layout) if code != "database_read_only" else None
        dialog = DamagedDatabaseDialog(error, newest)
        dialog.exec()
        try:
            if dialog.choice == "restore" and newest is not None:
                info = restore_automatic_backup(layout, newest.path)
                log.warning("restored the automatic backup %s", newest.path.name)
                workspace = open_workspace(data_dir, sweep=False)
                _wait_for(
                    inform(
                        None,
                        title,
                        QCoreApplication.translate(
                            "App",
                            'The backup was restored. The previous database was kept in "%1".',
                        ).replace("%1", str(info.kept_aside)),
                    )
                )
                return workspace
            if dialog.choice == "read_only":
                return open_workspace_read_only(data_dir)
            if dialog.choice == "start_afresh":
                workspace = open_workspace(data_dir, start_afresh=True)
                if workspace.set_aside is not None:
                    _wait_for(
                        inform(
                            None,
                            title,
                            QCoreApplication.translate(
                                "App",
                                "swdesk started with an empty database. The previous "
                                'database and files were moved to "%1"; nothing was '
                                "deleted.",
                            ).replace("%1", str(workspace.set_aside)),
                        )
                    )
                return workspace
            return None
        except UserFixableError as failure:
            log.warning("the choice %s failed: %s", dialog.choice, failure.code)
            if failure.params.get("reason") == "unreadable_read_only":
                text = QCoreApplication.translate(
                    "App",
                    "The database is too damaged to be opened even read-only. "
                    "Restore a backup, start afresh, or ask your IT support for "
                    "help; the file was left as it is.",
                )
            else:
                text = error_text(failure)
            _wait_for(inform(None, title, text, warning=True))


def _tell_recovered(recovered: RecoveredFiles) -> None:
    """Say where the start-up sweep moved stored files that no record refers to."""
    from PySide6.QtCore import QCoreApplication

    from .ui.feedback import inform

    count2 = recovered.count
    text = QCoreApplication.translate(
        "App",
        "%n file(s) in the evidence and photo folders belong to no record of this "
        "database (left by an older swdesk, another database or a copy by hand). "
        'They were moved to "%1"; nothing was deleted.',
        "",
        count2,
    )
    _wait_for(
        inform(
            None,
            QCoreApplication.translate("App", "swdesk"),
            text.replace("%1", str(recovered.folder)),
        )
    )


def _gui_step() -> str:
    """The window step of `swdesk --self-check`: headless (offscreen unless
    QT_QPA_PLATFORM says otherwise)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from .ui.gui_check import check_gui

    return check_gui()


def run(argv: list[str]) -> int:
    """`swdesk <argv>`: the command line (`swdesk.cli.main`) answers --help and --version
    and runs a command or --self-check; without a command it starts the window here."""
    return main(argv, window=lambda args: _start_window(args, argv), gui_step=_gui_step)


def _start_window(args: argparse.Namespace, argv: list[str]) -> int:
    """Paths → logging → Qt → settings → the reviewer's or the practitioner's window."""
    data_dir, origin = resolve_data_dir(args.data_dir)

    from platformdirs import user_log_dir

    from .logging_setup import rotate_log, setup_logging

    log_dir = (
        data_dir / "logs" if origin == "portable" else Path(user_log_dir("swdesk", appauthor=False))
    )
    setup_logging(log_dir, rotating=False)  # rotating once the first window is up
    log.info("starting swdesk (data folder chosen by %s)", origin)

    from PySide6.QtWidgets import QApplication

    from .ui.fonts import add_fallback_fonts, needs_fallback_fonts, register_cjk_font
    from .ui.i18n import install_language
    from .ui.settings import UiSettings
    from .ui.theme import apply_theme

    app = QApplication.instance() or QApplication([sys.argv[0], *argv])
    assert isinstance(app, QApplication)
    app.setApplicationName("swdesk")
    app.setOrganizationName("swdesk")
    app.setApplicationDisplayName("swdesk")
    from .ui.app_icon import app_icon

    app.setWindowIcon(app_icon())
    register_cjk_font(app, with_fallbacks=False)  # the fallbacks: below

    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        settings_path = data_dir / "settings.ini"
    except OSError:
        settings_path = data_dir.parent / "swdesk-settings.ini"
    settings = UiSettings(settings_path)
    if args.lang:
        settings.language = args.lang
    if args.theme:
        settings.theme = args.theme
    install_language(app, settings.language)
    apply_theme(app, settings.theme)

    opened_bundle = (
        args.open_file is not None and args.open_file.suffix.lower() in REVIEWER_SUFFIXES
    )
    server_url = getattr(args, "database", None)  # swdesk --reviewer --database URL
    reviewing = bool(args.reviewer or opened_bundle or server_url)
    first: FirstScreen | None = None
    first_pid = args.open_profile if args.open_profile is not None else settings.last_profile
    if not reviewing and first_pid is not None and args.open_file is None:
        from .services.first_screen import read_first_screen

        first = read_first_screen(data_dir, first_pid)
    # The fallback fonts now, unless a dashboard whose texts the primary font covers comes
    # first: that start adds them once its window is idle (`_run_first_screen`).
    if first is None or needs_fallback_fonts(first.shown_texts):
        add_fallback_fonts(app)
    if first is not None:
        return _run_first_screen(app, first, settings, log_dir, data_dir)
    rotate_log()  # the starts below are not the quick first screen

    if reviewing:
        from .ui.review.launcher import open_reviewer

        reviewer = open_reviewer(data_dir / "review", settings, server_url=server_url)
        if reviewer is None:
            return 0
        if opened_bundle:  # swdesk FILE.swdapp (a double-click): import it
            reviewer.import_paths([args.open_file])
        return app.exec()

    # The first window, before the database layer is imported and the folder opened
    from .ui.idle_probe import first_window_shown
    from .ui.splash import show_splash

    splash = show_splash(app)
    first_window_shown()

    from .domain.errors import UserFixableError
    from .services.errors import DatabaseProblem
    from .services.workspace import open_workspace
    from .ui.feedback import install_excepthook
    from .ui.idle_probe import IDLE_PROBE_ENV, quit_when_idle
    from .ui.main_window import MainWindow

    try:
        workspace = open_workspace(data_dir)
    except DatabaseProblem as error:
        splash.close()
        log.warning("the database cannot be used: %s", error.code)
        opened = _open_damaged(data_dir, error)
        if opened is None:
            return 1
        workspace = opened
    except UserFixableError as error:
        splash.close()
        _cannot_start(error)
        return 1

    install_excepthook(app)
    if workspace.recovered is not None:  # files no record refers to were moved, not deleted
        _tell_recovered(workspace.recovered)
    window = MainWindow(workspace, settings)
    window.log_dir = log_dir
    window.show()
    splash.finish(window)
    loading_demo = args.demo and not workspace.profiles.list_profiles()
    if loading_demo:
        window.profile_actions.load_demo()
    elif args.open_profile is not None:
        window.open_profile(args.open_profile)
    else:
        window.start()
    if args.open_file is not None:  # swdesk FILE.swddec (a double-click): import it
        window.open_decision_file(args.open_file)
    probe = os.environ.get(IDLE_PROBE_ENV)
    if probe:
        quit_when_idle(
            app,
            window,
            Path(probe),
            wait_for_dashboard=loading_demo or window.current_id is not None,
        )
    try:
        return app.exec()
    finally:
        settings.sync()
        window.workspace.close()  # the window owns the current one (a restore replaces it)


def _cannot_start(error: UserFixableError) -> None:
    """The data folder could not be opened, for a reason the person can act on: logged by
    its code, told in a modal box (plain text: it may name the folder) until closed."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QMessageBox

    from .ui.plain_text import plain_message_box
    from .ui.texts import error_text

    log.warning("data folder could not be opened: %s", error.code)
    box = plain_message_box(
        QMessageBox.Icon.Critical,
        QCoreApplication.translate("App", "swdesk cannot start"),
        error_text(error),
        QMessageBox.StandardButton.Close,
    )
    box.setObjectName("startupError")
    box.exec()


def _run_first_screen(
    app: QApplication, first: FirstScreen, settings: UiSettings, log_dir: Path, data_dir: Path
) -> int:
    """The profile's dashboard filled from the quick read (`services.first_screen`), then,
    once the window is idle, the folder opened on a worker (`DeferredWorkspace.load`) and
    the window switched to the services. A folder that cannot be opened after all is
    handled as at an ordinary start: the damaged-database choices or the error, then quit."""
    from typing import cast

    from PySide6.QtCore import QCoreApplication, QThreadPool, QTimer

    from .ui.feedback import install_excepthook
    from .ui.idle_probe import (
        IDLE_PROBE_ENV,
        IDLE_PROBE_SERVICES_ENV,
        first_window_shown,
        quit_when_idle,
    )
    from .ui.main_window import MainWindow

    deferred = first.workspace
    # it forwards every Workspace attribute, opening the folder on first use
    window = MainWindow(cast("Workspace", deferred), settings)
    window.log_dir = log_dir
    window.show()
    window.show_first_screen(first)
    first_window_shown()
    probe = os.environ.get(IDLE_PROBE_ENV)
    after_services = os.environ.get(IDLE_PROBE_SERVICES_ENV) == "1"
    exit_code = 0

    def loaded(workspace: Workspace) -> None:
        install_excepthook(app)
        if probe and after_services:
            quit_when_idle(app, window, Path(probe), wait_for_dashboard=True)
        window.services_ready(workspace)
        if workspace.recovered is not None:
            _tell_recovered(workspace.recovered)

    def failed(error: BaseException) -> None:
        nonlocal exit_code
        from .domain.errors import UserFixableError
        from .services.errors import DatabaseProblem
        from .ui.feedback import explain_error

        if isinstance(error, DatabaseProblem):
            log.warning("the database cannot be used: %s", error.code)
            window.detach_workspace()
            opened = _open_damaged(data_dir, error)
            if opened is not None:
                install_excepthook(app)
                window.attach_workspace(opened)
                if opened.recovered is not None:
                    _tell_recovered(opened.recovered)
                return
        else:
            title = QCoreApplication.translate("App", "swdesk cannot start")
            if isinstance(error, UserFixableError):
                _cannot_start(error)
            else:  # nobody foresaw it: logged, explained without a traceback
                log.error("opening the data folder failed", exc_info=error)
                shown = explain_error(window, error, title)
                if shown is not None:
                    shown.exec()
        exit_code = 1
        window.hide()
        app.quit()

    def open_services() -> None:
        from .logging_setup import rotate_log
        from .ui.fonts import add_fallback_fonts

        rotate_log()
        add_fallback_fonts(app)  # before the log table shows the user's other texts
        window.runner.submit(deferred.load, loaded, failed)

    if probe and not after_services:
        quit_when_idle(app, window, Path(probe), wait_for_dashboard=False)
    else:  # two turns of the loop: the first screen is painted first
        QTimer.singleShot(0, lambda: QTimer.singleShot(0, open_services))
    try:
        status = app.exec()
        return exit_code or status
    finally:
        settings.sync()
        # the worker that opened the folder or read the dashboard may still be finishing
        # its job after the loop ended (the idle probe quits without closing the window)
        QThreadPool.globalInstance().waitForDone(30000)
        window.workspace.close()
