"""The one font of swdesk's PDFs: the shipped WenQuanYi Micro Hei (GBK subset), registered with
ReportLab once per process, and a check for characters it cannot draw.

ReportLab embeds a TrueType font as a subset of the glyphs a document uses, so the text of the
PDF stays selectable and searchable and prints the same on any machine.
"""

from __future__ import annotations

import io
import threading
import unicodedata
from importlib.resources import files

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_NAME = "SwdeskCJK"
FONT_FILE = "WenQuanYiMicroHei-GBK.ttf"

_lock = threading.Lock()
_font: TTFont | None = None

#: Held while any swdesk PDF is rendered: ReportLab keeps per-document state in shared
#: objects (the registered font's subsets, `rl_config`) and is not safe in two threads at once.
RENDER_LOCK = threading.Lock()


def ensure_font() -> str:
    """Register the shipped font with ReportLab (first call only) and return its name."""
    _loaded_font()
    return FONT_NAME


def _loaded_font() -> TTFont:
    global _font
    font = _font
    if font is not None:
        return font
    with _lock:
        if _font is None:
            # Read through importlib.resources: works from a wheel, a zip and a frozen build.
            data = files("swdesk.resources").joinpath("fonts", FONT_FILE).read_bytes()
            loaded = TTFont(FONT_NAME, io.BytesIO(data))
            pdfmetrics.registerFont(loaded)
            # One face only: <b>/<i> in paragraph markup must not fail, they map to it too.
            pdfmetrics.registerFontFamily(
                FONT_NAME, normal=FONT_NAME, bold=FONT_NAME, italic=FONT_NAME, boldItalic=FONT_NAME
            )
            _font = loaded
        return _font


def missing_glyphs(text: str) -> set[str]:
    """The characters of `text` the font cannot draw (they would print as empty boxes).

    Whitespace and control characters are ignored. Names sometimes use characters outside
    GBK (e.g. from CJK Extension B, such as 𠮷): the UI should warn before printing.
    """
    char_to_glyph = _loaded_font().face.charToGlyph
    return {
        ch
        for ch in text
        if not ch.isspace()
        and unicodedata.category(ch)[0] != "C"
        and not char_to_glyph.get(ord(ch))
    }
