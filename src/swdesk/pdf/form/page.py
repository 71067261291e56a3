"""The form's page: geometry, colours, column grids, and the text and table styles every
section draws with (one CJK font, faux bold, paragraphs wrapped between words)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from functools import lru_cache
from typing import Any, Literal

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from ..cjk_wrap import wrap_lines
from ..fonts import ensure_font

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 15 * mm
MARGIN_TOP = 14 * mm
MARGIN_BOTTOM = 20 * mm  # the footer sits in here, still 12 mm or more from the edge
FOOTER_BASELINE = 13 * mm
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X  # 180 mm

PHOTO_COLUMN = 35 * mm  # the photo's column: at least this wide, wider for a larger photo
QR_SIZE = 24 * mm  # 0.53 mm modules: decodes from a 150 dpi scan (pdf/qr.py)
ROW = 9 * mm  # the height of a one-line label/value row
DASH = "—"

LABEL_BG = colors.Color(0.90, 0.90, 0.90)
TOTAL_BG = colors.Color(0.95, 0.95, 0.95)
INK = colors.black
FAINT = colors.Color(0.72, 0.72, 0.72)
DRAFT_RED = colors.Color(0.78, 0.1, 0.1)
DRAFT_MARK = "预审未通过，草稿"
GREY_TEXT = colors.Color(0.35, 0.35, 0.35)
GRID = 0.5  # inner rules, points
FRAME = 1.0  # outer rules

PHOTO_NAMES = {(25, 35): "一寸", (22, 32): "小一寸", (35, 49): "二寸", (33, 48): "小二寸"}

# Column grids (mm) shared by the sections, so their rules line up across the page.
LABEL_GRID = (33, 39, 33)  # label | value | label | … (the rest of the width)
LIST_GRID = (12, 60, 41, 25, 27, 15)  # 序号 | 项目名称 | 主办单位 | 起止日期 | 类型 | 学时
OPINION_GRID = (105, 75)  # writing area | seal area (edge at the label grid's 105 mm)
SEAL = 45 * mm  # the seal square: a standard official seal is 42 mm across
OPINION_HEIGHT = 64 * mm


# -- text helpers -----------------------------------------------------------------------------


def date_dot(value: date) -> str:
    return f"{value.year}.{value.month:02d}.{value.day:02d}"


def or_dash(text: str) -> str:
    text = text.strip()
    return text if text else DASH


# -- styles -----------------------------------------------------------------------------------

Alignment = Literal[0, 1, 2, 4]  # ReportLab's TA_LEFT, TA_CENTER, TA_RIGHT, TA_JUSTIFY


@lru_cache(maxsize=64)
def paragraph_style(
    size: float = 10,
    align: Alignment = TA_LEFT,
    leading: float | None = None,
    first_indent: float = 0,
) -> ParagraphStyle:
    return ParagraphStyle(
        name=f"s{size}-{align}-{leading}-{first_indent}",
        fontName=ensure_font(),
        fontSize=size,
        leading=leading if leading is not None else round(size * 1.3, 1),
        alignment=align,
        firstLineIndent=first_indent,
        textColor=INK,
        wordWrap="CJK",  # Chinese has no spaces: lines may break between any two characters
        splitLongWords=True,
    )


class TextLines(Flowable):
    """Text whose lines `text_lines` has already broken, placed as ReportLab's `Paragraph`
    places a paragraph of these lines (`wordWrap="CJK"`, one font): the same height (lines ×
    leading), the first baseline one font size below the top, the same alignment in the
    width it is given, the first line indented by the style's `firstLineIndent`, and split
    between lines as a paragraph splits (no single line left behind, the later part not
    indented). It neither parses markup nor measures every character to break lines again,
    which cost the form about half of its rendering time.

    Left, centred and right alignment (the form uses no justified text)."""

    def __init__(self, lines: Sequence[str], style: ParagraphStyle, *, indented: bool = True):
        super().__init__()
        if style.alignment not in _ALIGNED:
            raise ValueError(f"TextLines does not justify text (alignment {style.alignment})")
        self.lines = tuple(lines)
        self.style = style
        self.indented = indented
        self.width = 0.0
        self.height = len(self.lines) * style.leading

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth
        return availWidth, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        fitting = int(availHeight / self.style.leading)
        if fitting <= 1:  # a single line alone at the foot of a page: move all of it
            return []
        if len(self.lines) <= fitting:
            return [self]
        return [
            TextLines(self.lines[:fitting], self.style, indented=self.indented),
            TextLines(self.lines[fitting:], self.style, indented=False),
        ]

    def draw(self) -> None:
        canv, style = self.canv, self.style
        size, leading = style.fontSize, style.leading
        font, align = style.fontName, style.alignment
        canv.saveState()
        canv.setFillColor(style.textColor)
        canv.setFont(font, size, leading)
        y = self.height - size
        for number, line in enumerate(self.lines):
            indent = style.firstLineIndent if number == 0 and self.indented else 0
            left = style.leftIndent + indent
            if line:
                if align == TA_LEFT:
                    canv.drawString(left, y, line)
                else:
                    room = self.width - left - style.rightIndent - stringWidth(line, font, size)
                    canv.drawString(left + (room / 2 if align == TA_CENTER else room), y, line)
            y -= leading
        canv.restoreState()


_ALIGNED = (TA_LEFT, TA_CENTER, TA_RIGHT)


def text_lines(text: str, width: float, size: float, first_indent: float = 0) -> list[str]:
    """`text` broken into lines of at most `width` points at `size` (between words)."""
    return list(_broken_lines(text, width, size, first_indent))


#: Texts broken into lines, kept by (text, width, size, indent): the same form drawn again
#: (preview, print, export) and the labels every form shares are not measured again. The key
#: is the text itself, so a kept entry is exactly the lines that text breaks into.
_LINES_KEPT = 2048


@lru_cache(maxsize=_LINES_KEPT)
def _broken_lines(text: str, width: float, size: float, first_indent: float) -> tuple[str, ...]:
    font = ensure_font()
    inner = width - 0.5  # slack for rounding: ReportLab must never break a line again
    return tuple(
        wrap_lines(
            text,
            inner,
            lambda s: stringWidth(s, font, size),
            first_width=inner - first_indent if first_indent else None,
        )
    )


def wrapped(
    text: str,
    width: float,
    size: float = 10,
    align: Alignment = TA_LEFT,
    *,
    leading: float | None = None,
    first_indent: float = 0,
) -> TextLines:
    """Lines for a box `width` points wide (inside its paddings), its lines broken
    between words and punctuation as `cjk_wrap` does, never inside a word."""
    lines = text_lines(text, width, size, first_indent)
    return TextLines(lines, paragraph_style(size, align, leading, first_indent))


PAD_X, PAD_Y = 4, 2  # cell paddings, points


def fit(
    text: str,
    width: float,
    height: float = ROW,
    align: Alignment = TA_LEFT,
    sizes: Sequence[float] = (10, 9, 8, 7, 6),
) -> TextLines:
    """A paragraph of the largest size that fits a fixed-size cell (long employer names)."""
    inner_w, inner_h = width - 2 * PAD_X, height - 2 * PAD_Y
    for size in sizes[:-1]:
        para = wrapped(text, inner_w, size, align)
        if para.wrap(inner_w, inner_h)[1] <= inner_h:
            return para
    return wrapped(text, inner_w, sizes[-1], align)  # the smallest, even if it overflows


def table_style(font: str, size: float = 10) -> list[tuple[Any, ...]]:
    return [
        ("FONT", (0, 0), (-1, -1), font, size, size * 1.3),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD_X),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD_X),
        ("TOPPADDING", (0, 0), (-1, -1), PAD_Y),
        ("BOTTOMPADDING", (0, 0), (-1, -1), PAD_Y),
        ("INNERGRID", (0, 0), (-1, -1), GRID, INK),
        ("BOX", (0, 0), (-1, -1), FRAME, INK),
    ]


def label_cells(cells: Iterable[tuple[int, int]]) -> list[tuple[Any, ...]]:
    """Grey background and centred text for the label cells at (column, row)."""
    commands: list[tuple[Any, ...]] = []
    for col, row in cells:
        commands.append(("BACKGROUND", (col, row), (col, row), LABEL_BG))
        commands.append(("ALIGN", (col, row), (col, row), "CENTER"))
    return commands


def bold_text(
    canv: Canvas,
    x: float,
    y: float,
    text: str,
    size: float,
    *,
    align: str = "left",
    char_space: float = 0,
    weight: float = 0.35,
) -> None:
    """Faux bold (fill + thin stroke): the font has one weight only. Stays real text."""
    canv.saveState()
    canv.setFillColor(INK)
    canv.setStrokeColor(INK)
    canv.setLineWidth(weight)
    canv.setFont(ensure_font(), size)
    width = canv.stringWidth(text, ensure_font(), size) + char_space * max(len(text) - 1, 0)
    if align == "center":
        x -= width / 2
    elif align == "right":
        x -= width
    canv.drawString(x, y, text, mode=2, charSpace=char_space)
    canv.restoreState()
