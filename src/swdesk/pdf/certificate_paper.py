"""The registration certificate's paper: tinted inside a double crimson frame, a faint
wave pattern (two families of sine lines, guilloche-like) clipped to the inner frame, and
an ornament on each corner of the inner frame. Its crimson and gold are the certificate's
accent colours, which the text uses too."""

from __future__ import annotations

import math

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

CRIMSON = colors.Color(0.60, 0.11, 0.10)  # frame, title, the period
GOLD = colors.Color(0.72, 0.56, 0.26)  # inner rule, ornaments
TINT = colors.Color(0.995, 0.984, 0.955)  # the paper inside the frame
WAVE = colors.Color(0.93, 0.87, 0.78)  # the background pattern

OUTER = 8 * mm  # outer frame, from the paper's edge
INNER = 11.5 * mm  # inner frame
CORNER = 9 * mm  # the ornament squares at the inner frame's corners


def draw_paper(canv: Canvas, page_width: float, page_height: float) -> None:
    """Tinted paper, a faint wave pattern, a double frame and four corner ornaments."""
    canv.saveState()
    inner_w, inner_h = page_width - 2 * INNER, page_height - 2 * INNER
    canv.setFillColor(TINT)
    canv.rect(INNER, INNER, inner_w, inner_h, stroke=0, fill=1)

    # Guilloche-like waves: two families of sine lines, clipped to the inner frame.
    clip = canv.beginPath()
    clip.rect(INNER, INNER, inner_w, inner_h)
    canv.clipPath(clip, stroke=0, fill=0)
    canv.setStrokeColor(WAVE)
    canv.setLineWidth(0.35)
    step, amplitude, period = 6 * mm, 2.4 * mm, 38 * mm
    for family, phase in ((0, 0.0), (1, math.pi)):
        y0 = INNER - amplitude + family * step / 2
        while y0 < page_height - INNER + amplitude:
            path = canv.beginPath()
            x = INNER
            path.moveTo(x, y0 + amplitude * math.sin(phase))
            while x < page_width - INNER:
                x += 1.5 * mm
                path.lineTo(x, y0 + amplitude * math.sin(2 * math.pi * x / period + phase))
            canv.drawPath(path, stroke=1, fill=0)
            y0 += step
    canv.restoreState()

    canv.saveState()
    canv.setStrokeColor(CRIMSON)
    canv.setLineWidth(3.2)
    canv.rect(OUTER, OUTER, page_width - 2 * OUTER, page_height - 2 * OUTER, stroke=1, fill=0)
    canv.setLineWidth(0.6)
    gap = 1.3 * mm
    canv.rect(
        OUTER + gap,
        OUTER + gap,
        page_width - 2 * (OUTER + gap),
        page_height - 2 * (OUTER + gap),
        stroke=1,
        fill=0,
    )
    canv.setStrokeColor(GOLD)
    canv.setLineWidth(1.0)
    canv.rect(INNER, INNER, inner_w, inner_h, stroke=1, fill=0)
    for cx in (INNER, page_width - INNER):
        for cy in (INNER, page_height - INNER):
            _ornament(canv, cx, cy)
    canv.restoreState()


def _ornament(canv: Canvas, cx: float, cy: float) -> None:
    """A crimson square on a frame corner with a gold diamond and a tint dot inside."""
    half = CORNER / 2
    canv.setFillColor(CRIMSON)
    canv.setStrokeColor(GOLD)
    canv.setLineWidth(0.8)
    canv.rect(cx - half, cy - half, CORNER, CORNER, stroke=1, fill=1)
    d = half * 0.62
    diamond = canv.beginPath()
    diamond.moveTo(cx, cy + d)
    diamond.lineTo(cx + d, cy)
    diamond.lineTo(cx, cy - d)
    diamond.lineTo(cx - d, cy)
    diamond.close()
    canv.setFillColor(GOLD)
    canv.drawPath(diamond, stroke=0, fill=1)
    canv.setFillColor(TINT)
    canv.circle(cx, cy, d * 0.32, stroke=0, fill=1)
