"""Qt translations: Simplified Chinese by default, English selectable.

For Chinese three translators are installed: swdesk's own (`swdesk_zh_CN.qm`), Qt's own
(`qtbase_zh_CN.qm` from Qt's translations folder: the file dialog, OK/Cancel, context
menus) and `qtbase_extra_zh_CN.qm`, shipped with swdesk, for the few texts of Qt's dialogs
that Qt changed after its Chinese translation was made (e.g. the file dialog's "&Look in:").
"""

from __future__ import annotations

import logging
from importlib.resources import as_file, files

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)

_installed: list[QTranslator] = []


def qt_translations_dir() -> str:
    """Where Qt's own .qm files are (PySide6's translations folder; in a frozen build the
    one PyInstaller collected)."""
    return QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)


def install_language(app: QCoreApplication, language: str) -> None:
    """Replace the installed translators with those for `language` ("zh_CN" or "en")."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if language == "en":
        QLocale.setDefault(QLocale("en_US"))
        return
    QLocale.setDefault(QLocale(language))
    qt_own = QTranslator(app)  # Qt's own dialogs and buttons (OK, Cancel, file dialog)
    if qt_own.load(f"qtbase_{language}", qt_translations_dir()):
        _install(app, qt_own)
    else:
        log.warning("Qt's own translation qtbase_%s was not found", language)
    # installed later = looked up first: these fill the gaps of Qt's file, then swdesk's
    for name in (f"qtbase_extra_{language}.qm", f"swdesk_{language}.qm"):
        translator = QTranslator(app)
        resource = files("swdesk.resources").joinpath("translations", name)
        with as_file(resource) as path:
            if translator.load(str(path)):
                _install(app, translator)
            else:
                log.warning("translation %s could not be loaded", name)


def _install(app: QCoreApplication, translator: QTranslator) -> None:
    app.installTranslator(translator)
    _installed.append(translator)
