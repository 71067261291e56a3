"""swdesk.pdf: the printed application form (ReportLab, one embedded CJK font).

The package's names load on first use (PEP 562), so importing a light module of it, such as
`swdesk.pdf.limits` for the PDF checks, does not load ReportLab and the fonts at start-up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from swdesk.core.lazy_names import lazy_names

if TYPE_CHECKING:
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

_HOMES = {
    "FONT_NAME": ".fonts",
    "ensure_font": ".fonts",
    "missing_glyphs": ".fonts",
    "render_application_form": ".form",
    "unprintable_characters": ".form",
    "draw_qr": ".qr",
    "qr_modules": ".qr",
    "qr_symbol": ".qr",
}


__getattr__, __dir__ = lazy_names(__name__, _HOMES)
