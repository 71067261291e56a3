"""Registers the CJK font swdesk ships, so Chinese renders on machines without one."""

from __future__ import annotations

import logging
from importlib.resources import as_file, files

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

FONT_FILE = "WenQuanYiMicroHei-GBK.ttf"


def register_cjk_font(app: QApplication) -> str | None:
    """Load the shipped font and make it the application font's fallback; return its family."""
    resource = files("swdesk.resources").joinpath("fonts", FONT_FILE)
    with as_file(resource) as path:
        font_id = QFontDatabase.addApplicationFont(str(path))
    if font_id < 0:
        log.warning("the shipped CJK font could not be loaded")
        return None
    families = QFontDatabase.applicationFontFamilies(font_id)
    if not families:
        return None
    family = families[0]
    font = QFont(app.font())
    font.setFamilies([font.family(), family])
    app.setFont(font)
    return family
