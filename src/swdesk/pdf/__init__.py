"""swdesk.pdf: the printed application form (ReportLab, one embedded CJK font)."""

from .fonts import FONT_NAME, ensure_font, missing_glyphs
from .form import render_application_form, unprintable_characters
from .qr import draw_qr, qr_modules, qr_symbol

__all__ = [
    "FONT_NAME",
    "ensure_font",
    "missing_glyphs",
    "draw_qr",
    "qr_modules",
    "qr_symbol",
    "render_application_form",
    "unprintable_characters",
]
