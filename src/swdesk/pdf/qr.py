"""The QR codes printed on the application form and the electronic certificate: the symbol
is encoded by segno (a pure-Python QR encoder with a public module matrix) and drawn
straight onto the canvas as one filled path of rectangles.

The sizes are chosen so that the form's code decodes from a 150 dpi office scan (grey,
slightly blurred): error correction L (segno raises it for free when the payload leaves
room in the same version), a 2-module quiet zone inside the drawn square (the page around
the square is white, so the symbol gets the rest of its quiet zone from the page), and the
square as large as the form's reserved box allows (`QR_SIZE` in form/page.py).
For the form's `SWDAPP1|uid|version|digest` (110 bytes) that is version 6, 41 modules:
0.53 mm per module in a 24 mm square, about 3 pixels at 150 dpi.
`tests/unit/test_qr_scans.py` decodes the rendered PDFs with a real decoder (zxing-cpp).

Drawing the modules as a single path is fast and gives a small PDF.
"""

from __future__ import annotations

import itertools
from functools import lru_cache

import segno
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.pathobject import PDFPathObject

QUIET_ZONE = 2  # modules of white inside the drawn square; the white page adds the rest
ERROR_CORRECTION = "L"  # the least: larger modules; segno boosts it when it costs nothing

Modules = tuple[tuple[bool, ...], ...]


@lru_cache(maxsize=32)
def qr_symbol(payload: str) -> segno.QRCode:
    """The QR symbol of `payload` (UTF-8 bytes in byte mode where needed)."""
    return segno.make_qr(payload, error=ERROR_CORRECTION.lower(), encoding="utf-8")


@lru_cache(maxsize=32)
def qr_modules(payload: str) -> Modules:
    """The dark (True) and light modules of the QR symbol for `payload`, row by row
    (without the quiet zone)."""
    return tuple(tuple(bool(m) for m in row) for row in qr_symbol(payload).matrix)


def draw_qr(canv: Canvas, payload: str, x: float, y: float, size: float) -> None:
    """Draw the QR code of `payload` as a `size`-point square (quiet zone included) whose
    lower left corner is at (x, y)."""
    canv.saveState()
    canv.setFillColorRGB(0, 0, 0)
    canv.drawPath(PDFPathObject(code=[_qr_path(payload, x, y, size)]), stroke=0, fill=1)
    canv.restoreState()


@lru_cache(maxsize=32)
def _qr_path(payload: str, x: float, y: float, size: float) -> str:
    """The PDF path of the symbol's dark modules, one rectangle per run of them in a row.

    Kept per (payload, place): the form is often drawn again for the same application
    (preview, print, export), and writing some 600 rectangles' numbers is a good part of
    drawing the title block. The payload itself is the key, so a hit is the same drawing."""
    modules = qr_modules(payload)
    count = len(modules)
    box = size / (count + 2 * QUIET_ZONE)
    left, top = x + QUIET_ZONE * box, y + size - QUIET_ZONE * box
    path = PDFPathObject()
    for r, row in enumerate(modules):
        c = 0
        for dark, run in itertools.groupby(row):
            length = len(list(run))
            if dark:
                path.rect(left + c * box, top - (r + 1) * box, length * box, box)
            c += length
    return path.getCode()
