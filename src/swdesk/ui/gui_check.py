"""The GUI step of `swdesk --self-check`: Qt starts (on the offscreen platform unless told
otherwise), the shipped font registers, the Chinese translation loads and translates, the
icon and the About dialog's licence list load. Proves the Qt libraries, plugins and resources
are all there, e.g. in a frozen build."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, qVersion
from PySide6.QtWidgets import QApplication


def check_gui() -> str:
    """One line describing what worked; raises RuntimeError naming what did not."""
    from .about import AboutDialog
    from .app_icon import ICON_SIZES, app_icon
    from .fonts import register_cjk_font
    from .i18n import install_language

    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    family = register_cjk_font(app)
    if family is None:
        raise RuntimeError("the shipped CJK font did not load")
    install_language(app, "zh_CN")
    try:
        help_menu = QCoreApplication.translate("MainWindow", "&Help")
        if help_menu == "&Help":
            raise RuntimeError("the Chinese translation did not load")
    finally:
        install_language(app, "en")
    icon = app_icon()
    if len(icon.availableSizes()) != len(ICON_SIZES):
        raise RuntimeError("the application icon did not load")
    about = AboutDialog(None)
    rows = about.table.rowCount()
    about.deleteLater()
    if rows == 0:
        raise RuntimeError("no licences listed")
    return (f"Qt {qVersion()} on '{app.platformName()}', font {family}, Chinese "
            f"translation, icon, {rows} licences")
