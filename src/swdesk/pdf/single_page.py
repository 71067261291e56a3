"""A one-page PDF drawn straight on a ReportLab canvas (the registration certificate, an
attendance certificate): the shared font, invariant (the same data gives the same bytes),
compressed, with its document properties."""

from __future__ import annotations

import io
from collections.abc import Callable

from reportlab.pdfgen.canvas import Canvas

from .fonts import ensure_font
from .rendering import rendering

__all__ = ["single_page_pdf"]


def single_page_pdf(
    page_size: tuple[float, float],
    draw: Callable[[Canvas, str], None],
    *,
    title: str,
    author: str,
    subject: str,
) -> bytes:
    """The PDF of one page that `draw(canvas, font name)` fills (bytes starting with %PDF)."""
    font = ensure_font()
    out = io.BytesIO()
    with rendering():
        # types-reportlab declares initialFontName a float; ReportLab takes a font name
        canv = Canvas(
            out,
            pagesize=page_size,
            invariant=1,
            pageCompression=1,
            initialFontName=font,  # type: ignore[arg-type]
        )
        canv.setTitle(title)
        canv.setAuthor(author)
        canv.setSubject(subject)
        canv.setCreator("swdesk")
        canv.setProducer("swdesk (ReportLab)")
        draw(canv, font)
        canv.showPage()
        canv.save()
    return out.getvalue()
