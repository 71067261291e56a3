"""The GUI step of `swdesk --self-check`: Qt starts (on the offscreen platform unless told
otherwise), the shipped fonts register (the CJK font and its fallbacks for rare characters),
swdesk's and Qt's own Chinese translations load and translate, the icon, the user guide and
the About dialog's licence list load. Proves the Qt libraries, plugins and resources are all
there, e.g. in a frozen build."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, qVersion
from PySide6.QtWidgets import QApplication

_QT_TEXT_PROBES = (
    ("QPlatformTheme", "Cancel", "Qt's own Chinese translation (qtbase_zh_CN.qm)"),
    ("QFileDialog", "&Look in:", "the Chinese texts of Qt's file dialog"),
)


def check_gui() -> str:
    """One line describing what worked; raises RuntimeError naming what did not."""
    from .about import AboutDialog
    from .app_icon import ICON_SIZES, app_icon
    from .fonts import FALLBACK_FONT_FILES, register_cjk_font, register_fallback_fonts
    from .i18n import install_language

    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    family = register_cjk_font(app)
    if family is None:
        raise RuntimeError("the shipped CJK font did not load")
    fallbacks = register_fallback_fonts()  # already added: returns their families
    if len(fallbacks) != len(FALLBACK_FONT_FILES):
        raise RuntimeError("the shipped fonts for rare characters (生僻字) did not all load")
    install_language(app, "zh_CN")
    try:
        help_menu = QCoreApplication.translate("MainWindow", "&Help")
        if help_menu == "&Help":
            raise RuntimeError("the Chinese translation did not load")
        # Qt's own texts, looked up through variables so that lupdate does not copy them
        # into swdesk's translation file (they belong to qtbase_zh_CN and qtbase_extra_zh_CN)
        for context, source, what in _QT_TEXT_PROBES:
            if QCoreApplication.translate(context, source) == source:
                raise RuntimeError(f"{what} did not load")
    finally:
        install_language(app, "en")
    from .user_guide import guide_text

    if "swdesk" not in guide_text():
        raise RuntimeError("the user guide did not load")
    icon = app_icon()
    if len(icon.availableSizes()) != len(ICON_SIZES):
        raise RuntimeError("the application icon did not load")
    about = AboutDialog(None)
    rows = about.table.rowCount()
    about.deleteLater()
    if rows == 0:
        raise RuntimeError("no licences listed")
    return (
        f"Qt {qVersion()} on '{app.platformName()}', font {family} with fallbacks "
        f"{', '.join(fallbacks)}, Chinese "
        f"translation (swdesk's and Qt's), icon, user guide, {rows} licences"
    )
