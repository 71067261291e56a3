"""The QR code printed on the form: ReportLab's encoder (UTF-8 bytes, error correction M),
drawn straight onto the canvas as one filled path.

Drawing the modules as a single path is ~20× faster than rendering ReportLab's QrCodeWidget
as a graphics Drawing (hundreds of validated Rect shapes) and gives a smaller PDF.
"""

from __future__ import annotations

import itertools
from functools import lru_cache

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.pdfgen.canvas import Canvas

QUIET_ZONE = 4  # modules of white around the symbol, as the QR standard asks
ERROR_CORRECTION = "M"  # ~15 % of the symbol may be damaged (a fold, a stamp, a scan)

Modules = tuple[tuple[bool, ...], ...]


def qr_widget(payload: str) -> QrCodeWidget:
    """ReportLab's QR widget for `payload` (not yet encoded)."""
    return QrCodeWidget(payload, barLevel=ERROR_CORRECTION, barBorder=QUIET_ZONE)


@lru_cache(maxsize=32)
def qr_modules(payload: str) -> Modules:
    """The dark (True) and light modules of the QR symbol for `payload`, row by row."""
    widget = qr_widget(payload)
    # `qr` (the encoder) is set by QrCodeWidget.addData() but is missing from types-reportlab
    encoder = widget.qr  # type: ignore[attr-defined]
    encoder.make()
    return tuple(tuple(bool(m) for m in row) for row in encoder.modules)


def draw_qr(canv: Canvas, payload: str, x: float, y: float, size: float) -> None:
    """Draw the QR code of `payload` as a `size`-point square (quiet zone included) whose
    lower left corner is at (x, y)."""
    modules = qr_modules(payload)
    count = len(modules)
    box = size / (count + 2 * QUIET_ZONE)
    left, top = x + QUIET_ZONE * box, y + size - QUIET_ZONE * box
    path = canv.beginPath()
    for r, row in enumerate(modules):
        c = 0
        for dark, run in itertools.groupby(row):
            length = len(list(run))
            if dark:
                path.rect(left + c * box, top - (r + 1) * box, length * box, box)
            c += length
    canv.saveState()
    canv.setFillColorRGB(0, 0, 0)
    canv.drawPath(path, stroke=0, fill=1)
    canv.restoreState()
