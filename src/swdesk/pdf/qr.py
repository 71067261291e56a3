"""The QR codes printed on the application form and the electronic certificate: the symbol
is encoded by segno (a pure-Python QR encoder with a public module matrix) and drawn as
an exact image of its modules (see the end).

The sizes are chosen so that the form's code decodes from a 150 dpi office scan (grey,
slightly blurred): error correction L (segno raises it for free when the payload leaves
room in the same version), a 2-module quiet zone inside the drawn square (the page around
the square is white, so the symbol gets the rest of its quiet zone from the page), and the
square as large as the form's reserved box allows (`QR_SIZE` in form/page.py).
For the form's `SWDAPP1|uid|version|digest` (110 bytes) that is version 6, 41 modules:
0.53 mm per module in a 24 mm square, about 3 pixels at 150 dpi.
`tests/unit/test_qr_scans.py` decodes the rendered PDFs with a real decoder (zxing-cpp).

The symbol is drawn as an image of exactly its modules, `PIXELS_PER_MODULE` pixels each
(black and white, losslessly compressed): what a printer or viewer scales is the module
grid itself, and at 4 pixels a module the image already has about as many pixels as the
printed square has at 190 dpi, so viewers that smooth an image scaled up more than
fourfold (poppler) show it as sharp as vector rectangles. A reader of the PDF's text
(the reviewer's check of the form, PDFium) passes an image by without parsing it, where
the same symbol as some 430 rectangles cost it about 0.17 ms of every form it read: a
tenth of reading the form's first page.
"""

from __future__ import annotations

from functools import lru_cache

import segno
from PIL import Image
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

QUIET_ZONE = 2  # modules of white inside the drawn square; the white page adds the rest
ERROR_CORRECTION = "L"  # the least: larger modules; segno boosts it when it costs nothing
PIXELS_PER_MODULE = 4  # see above: sharp in every viewer, a small image

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
    canv.drawImage(_qr_image(payload), x, y, size, size)


@lru_cache(maxsize=32)
def _qr_image(payload: str) -> ImageReader:
    """The symbol of `payload` with its quiet zone, `PIXELS_PER_MODULE` pixels a module,
    black on white in greyscale, as ReportLab reads it; kept per payload: the form is often
    drawn again for the same application (preview, print, export)."""
    modules = qr_modules(payload)
    side = len(modules) + 2 * QUIET_ZONE
    grid = Image.new("L", (side, side), 255)
    grid.putdata(
        [
            0 if 0 <= r < len(modules) and 0 <= c < len(modules) and modules[r][c] else 255
            for r in range(-QUIET_ZONE, side - QUIET_ZONE)
            for c in range(-QUIET_ZONE, side - QUIET_ZONE)
        ]
    )
    scaled = side * PIXELS_PER_MODULE
    return ImageReader(grid.resize((scaled, scaled), Image.Resampling.NEAREST))
