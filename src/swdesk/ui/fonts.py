"""Registers the CJK fonts swdesk ships, so Chinese renders on machines without one, rare name
characters (生僻字) included.

The same fonts as the PDFs (swdesk.pdf.fonts): WenQuanYi Micro Hei (GBK) first, then the
per-character fallbacks HanaMinA (the rest of the BMP's ideographs, Extension A), HanaMinB
(Extensions B-F) and BabelStone Han (the newest BMP and Extension A ideographs, Extensions G
and H). The application font lists them as its family fallbacks, in that order, after the
platform's own font, so every widget draws 𠮷 or 䶮 from the first font that has it.
"""

from __future__ import annotations

import logging
from importlib.resources import as_file, files

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

FONT_FILE = "WenQuanYiMicroHei-GBK.ttf"
FALLBACK_FONT_FILES = ("HanaMinA-CJK.ttf", "HanaMinB-CJK.ttf", "BabelStoneHan-CJK.ttf")


_families: dict[str, str] = {}  # file name -> family, for the fonts already added


def _add_font(file_name: str) -> str | None:
    """Add a shipped font to Qt's font database (once per process); return its family."""
    if file_name in _families:
        return _families[file_name]
    resource = files("swdesk.resources").joinpath("fonts", file_name)
    with as_file(resource) as path:
        font_id = QFontDatabase.addApplicationFont(str(path))
    if font_id < 0:
        log.warning("the shipped font %s could not be loaded", file_name)
        return None
    families = QFontDatabase.applicationFontFamilies(font_id)
    if not families:
        return None
    _families[file_name] = families[0]
    return families[0]


def register_fallback_fonts() -> list[str]:
    """Load the shipped fallback fonts; return their families in fallback order."""
    return [family for family in map(_add_font, FALLBACK_FONT_FILES) if family]


def register_cjk_font(app: QApplication) -> str | None:
    """Load the shipped fonts and make them the application font's fallbacks; return the
    family of the primary CJK font (None when it could not be loaded)."""
    family = _add_font(FONT_FILE)
    fallbacks = register_fallback_fonts()
    font = QFont(app.font())
    chain = [font.family()] + ([family] if family else []) + fallbacks
    font.setFamilies(list(dict.fromkeys(chain)))  # no family twice
    app.setFont(font)
    return family
