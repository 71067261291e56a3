"""Registers the CJK fonts swdesk ships, so Chinese renders on machines without one, rare name
characters (生僻字) included.

The same fonts as the PDFs (swdesk.pdf.fonts): WenQuanYi Micro Hei (GBK) first, then the
per-character fallbacks HanaMinA (the rest of the BMP's ideographs, Extension A), HanaMinB
(Extensions B-F) and BabelStone Han (the newest BMP and Extension A ideographs, Extensions G
and H). The application font lists them as its family fallbacks, in that order, after the
platform's own font, so every widget draws 𠮷 or 䶮 from the first font that has it.

Adding a font makes Qt read its character map; the three fallbacks (HanaMinB alone is 30
MB) cost about a tenth of a cold start. A start that shows a profile's dashboard first
adds them before its first paint only when the texts shown need one (`needs_fallback_fonts`)
and otherwise once the window is idle (`add_fallback_fonts`), before any other text of
the user's is read.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
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


def _extend_chain(app: QApplication, families: list[str]) -> None:
    """Append `families` to the application font's family chain (no family twice)."""
    font = QFont(app.font())
    chain = [font.family(), *font.families(), *families]
    font.setFamilies(list(dict.fromkeys(chain)))
    app.setFont(font)


def register_cjk_font(app: QApplication, *, with_fallbacks: bool = True) -> str | None:
    """Load the shipped fonts and make them the application font's fallbacks; return the
    family of the primary CJK font (None when it could not be loaded). Without
    `with_fallbacks` only the primary font is added: `add_fallback_fonts` adds the rest."""
    family = _add_font(FONT_FILE)
    _extend_chain(app, [family] if family else [])
    if with_fallbacks:
        add_fallback_fonts(app)
    return family


def add_fallback_fonts(app: QApplication) -> None:
    """Load the fallback fonts and append them to the application font's chain; nothing
    happens when they are in it already. Every widget takes the new chain and repaints."""
    families = register_fallback_fonts()
    if not set(families) <= set(QFont(app.font()).families()):
        _extend_chain(app, families)


#: Where the CJK ideographs begin (Extension A); below it no text needs the fallback fonts.
_FIRST_IDEOGRAPH = 0x3400


def needs_fallback_fonts(texts: Iterable[str]) -> bool:
    """Whether `texts` hold an ideograph beyond GBK, the repertoire of the primary font
    (WenQuanYi Micro Hei GBK): only such a character needs a fallback font."""
    for text in texts:
        for character in text:
            if ord(character) >= _FIRST_IDEOGRAPH:
                try:
                    character.encode("gbk")
                except UnicodeEncodeError:
                    return True
    return False
