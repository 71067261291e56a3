"""Qt translations: Simplified Chinese by default, English selectable."""

from __future__ import annotations

import logging
from importlib.resources import as_file, files

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)

_installed: list[QTranslator] = []


def install_language(app: QCoreApplication, language: str) -> None:
    """Replace the installed translators with those for `language` ("zh_CN" or "en")."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if language == "en":
        QLocale.setDefault(QLocale("en_US"))
        return
    QLocale.setDefault(QLocale("zh_CN"))
    own = QTranslator(app)
    resource = files("swdesk.resources").joinpath("translations", f"swdesk_{language}.qm")
    with as_file(resource) as path:
        if own.load(str(path)):
            app.installTranslator(own)
            _installed.append(own)
        else:
            log.warning("translation %s could not be loaded", language)
    qt_own = QTranslator(app)  # Qt's own dialogs and buttons (OK, Cancel, file dialog)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_own.load(f"qtbase_{language}", qt_dir):
        app.installTranslator(qt_own)
        _installed.append(qt_own)
