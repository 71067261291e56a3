"""Small synthetic files for the demo: an ID-photo-like PNG and one-page evidence PDFs.

Pure standard library, so the demo needs no image or PDF library.
"""

from __future__ import annotations

import math
import struct
import zlib


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def portrait_png(seed: int, width: int = 354, height: int = 472) -> bytes:
    """A plain-background head-and-shoulders silhouette (354×472 px = 30×40 mm at 300 dpi).

    Each row is background, one run of the figure centred on the middle column (the head's
    chord or the shoulders, whichever is wider), background: built as three runs rather
    than pixel by pixel, which made every demo photo cost a tenth of a second."""
    backgrounds = [(67, 142, 219), (255, 255, 255), (200, 30, 40)]
    bg = bytes(backgrounds[seed % len(backgrounds)])
    shade = 60 + (seed * 37) % 60
    figure = bytes((shade, shade, shade + 10))
    cx, head_cy, head_r = width // 2, int(height * 0.38), int(width * 0.2)
    shoulders_top = int(height * 0.66)
    rows = []
    for y in range(height):
        reach = -1  # the figure covers the columns cx - reach .. cx + reach
        left_over = head_r * head_r - (y - head_cy) ** 2
        if left_over >= 0:  # (x - cx)² <= left_over
            reach = math.isqrt(left_over)
        if y >= shoulders_top:
            reach = max(reach, int(width * 0.22 + (y - shoulders_top) * 0.9))
        first = max(cx - reach, 0) if reach >= 0 else width
        last = min(cx + reach, width - 1) if reach >= 0 else width - 1
        rows.append(b"\x00" + bg * first + figure * (last - first + 1) + bg * (width - 1 - last))
    raw = zlib.compress(b"".join(rows), 9)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", raw)
        + _png_chunk(b"IEND", b"")
    )


def certificate_pdf(lines: list[str]) -> bytes:
    """A one-page A4 PDF with a few lines of ASCII text (a training certificate stand-in)."""

    def esc(text: str) -> str:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    ops = ["BT", "/F1 20 Tf", "72 760 Td", "24 TL"]
    for line in lines:
        ops.append(f"({esc(line)}) Tj T*")
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)
