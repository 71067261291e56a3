"""The printed 《社会工作者再登记申请表》 (or 首次登记申请表): A4, ruled tables, one CJK font.

`render_application_form(data)` returns the PDF as bytes. Layout, top to bottom: title block
with QR code, 基本信息 (with the photo at the rule pack's ID-photo size), 证书及登记情况 (on a
re-registration with the expiring period, 原登记有效期, and its 登记证书编号), 继续教育情况
(re-registration only; header row repeated on every page), 材料清单, 承诺声明 with the
applicant's signature line, 所在单位意见 and 审核意见 (one block per review level), each
with room for a 42 mm official seal under the office's name and, for the review blocks,
同意/不同意 boxes. Sections are numbered in order (一、二、…), so a first-registration form
has no empty continuing-education section. Footer "第 X 页 共 Y 页" on every page.

Pages: the activity table may break across pages; every other section stays whole. When a
page would hold less than a third of a page of content, the form is laid out again with the
closing sections kept together (see `render_application_form`), so no near-empty page
ends the form. Table columns share one grid: the label/value tables have the same column
edges, and so do the activity table and the materials list. Text in cells is broken between
words, not inside them (`cjk_wrap`).

A form generated while the fix list still has items (`open_fix_items` > 0) carries on every
page a red line above the footer and a diagonal watermark "预审未通过，草稿": printed too
early, it cannot be taken for the form to sign and hand in.

Output is deterministic (ReportLab's invariant mode: no timestamps or random IDs), so the same
data gives the same bytes. Rendering is serialised by a lock: ReportLab keeps per-document
state in shared objects (fonts) and is not safe to run in two threads at once.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterable, Sequence
from datetime import date
from functools import lru_cache
from typing import Any, Literal
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from swdesk.core.formatting import date_cn, hours_text
from swdesk.domain.application import (
    ApplicationFormData,
    ApplicationKind,
    FormActivityRow,
    FormChecklistItem,
    FormReviewLevel,
)

from .cjk_wrap import wrap_lines
from .fonts import RENDER_LOCK, ensure_font, missing_glyphs
from .qr import draw_qr

log = logging.getLogger(__name__)

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

KIND_LABELS = {ApplicationKind.FIRST: "首次登记", ApplicationKind.RENEWAL: "再登记"}
PHOTO_NAMES = {(25, 35): "一寸", (22, 32): "小一寸", (35, 49): "二寸", (33, 48): "小二寸"}
SECTION_NUMBERS = "一二三四五六七八九十"

# Column grids (mm) shared by the sections, so their rules line up across the page.
LABEL_GRID = (33, 39, 33)  # label | value | label | … (the rest of the width)
LIST_GRID = (12, 60, 41, 25, 27, 15)  # 序号 | 项目名称 | 主办单位 | 起止日期 | 类型 | 学时
OPINION_GRID = (105, 75)  # writing area | seal area (edge at the label grid's 105 mm)
SEAL = 45 * mm  # the seal square: a standard official seal is 42 mm across
OPINION_HEIGHT = 64 * mm
MIN_PAGE_FILL = 1 / 3  # a page holds at least this share of the frame's height

_render_lock = RENDER_LOCK  # shared with the certificate renderer


# -- public API ------------------------------------------------------------------------------


def render_application_form(data: ApplicationFormData) -> bytes:
    """The application form as a PDF (bytes starting with %PDF).

    Laid out once; when a page after the first holds less than `MIN_PAGE_FILL` of a page,
    laid out again with one more of the closing sections kept together with the last (the
    materials list, declaration, unit's opinion and review blocks), and the layout whose
    emptiest page is fullest is kept. Deterministic: the same data gives the same bytes."""
    font = ensure_font()
    _warn_unprintable(data)
    best: tuple[float, bytes] | None = None
    with _render_lock:
        # Binary (not ASCII85) streams: smaller and faster, and every PDF reader takes them.
        # rl_config is process-wide, hence set only while we hold the render lock.
        saved_a85 = rl_config.useA85
        rl_config.useA85 = 0
        try:
            closing = _closing_count(data)
            for keep_last in range(closing):
                out = io.BytesIO()
                doc = _FormDocument(out, data, font)
                doc.build(_story(data, keep_last), canvasmaker=_footer_canvas(data, font))
                fill = doc.emptiest_fill()
                if best is None or fill > best[0]:
                    best = (fill, out.getvalue())
                if fill >= MIN_PAGE_FILL:
                    break
        finally:
            rl_config.useA85 = saved_a85
    assert best is not None  # there is always at least one closing section
    return best[1]


def unprintable_characters(data: ApplicationFormData) -> dict[str, str]:
    """Field name → the characters of that field the form's font cannot draw (sorted)."""
    found: dict[str, str] = {}
    for field, text in _printed_texts(data):
        missing = missing_glyphs(text)
        if missing:
            found[field] = "".join(sorted(missing))
    return found


# -- text helpers -----------------------------------------------------------------------------


def date_dot(value: date) -> str:
    return f"{value.year}.{value.month:02d}.{value.day:02d}"


def _or_dash(text: str) -> str:
    text = text.strip()
    return text if text else DASH


def _markup(text: str) -> str:
    """User text → paragraph markup: escaped, line breaks kept."""
    return escape(text).replace("\r\n", "\n").replace("\n", "<br/>")


def _printed_texts(data: ApplicationFormData) -> Iterable[tuple[str, str]]:
    yield from (
        ("title", data.title),
        ("name", data.name),
        ("gender_label", data.gender_label),
        ("phone", data.phone),
        ("employer", data.employer),
        ("employer_credit_code", data.employer_credit_code),
        ("post", data.post),
        ("county_label", data.county_label),
        ("level_label", data.level_label),
        ("certificate_number", data.certificate_number),
        ("registration_number", data.registration_number),
        ("late_explanation", data.late_explanation if data.is_late else ""),
        ("declaration_text", data.declaration_text),
        ("rule_pack_label", data.rule_pack_label),
    )
    for i, row in enumerate(data.activities):
        yield f"activities[{i}]", row.title + row.organiser + row.type_label
    for i, level in enumerate(data.review_levels):
        yield f"review_levels[{i}]", level.title + level.authority
    for i, item in enumerate(data.checklist):
        yield f"checklist[{i}]", item.label + item.note


def _warn_unprintable(data: ApplicationFormData) -> None:
    for field, chars in unprintable_characters(data).items():
        log.warning(
            "form %s: the font cannot draw %r in %s; they print as empty boxes",
            data.application_uid,
            chars,
            field,
        )


# -- styles -----------------------------------------------------------------------------------

Alignment = Literal[0, 1, 2, 4]  # ReportLab's TA_LEFT, TA_CENTER, TA_RIGHT, TA_JUSTIFY


@lru_cache(maxsize=64)
def _style(
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


def _para(text: str, size: float = 10, align: Alignment = TA_LEFT, **kw: Any) -> Paragraph:
    return Paragraph(_markup(text), _style(size, align, **kw))


def _lines(text: str, width: float, size: float, first_indent: float = 0) -> list[str]:
    """`text` broken into lines of at most `width` points at `size` (between words)."""
    font = ensure_font()
    inner = width - 0.5  # slack for rounding: ReportLab must never break a line again
    return wrap_lines(text, inner, lambda s: stringWidth(s, font, size),
                      first_width=inner - first_indent if first_indent else None)


def _wrapped(text: str, width: float, size: float = 10, align: Alignment = TA_LEFT, *,
             leading: float | None = None, first_indent: float = 0) -> Paragraph:
    """A paragraph for a box `width` points wide (inside its paddings), its lines broken
    between words and punctuation as `cjk_wrap` does, never inside a word."""
    markup = "<br/>".join(escape(line) for line in _lines(text, width, size, first_indent))
    return Paragraph(markup, _style(size, align, leading, first_indent))


PAD_X, PAD_Y = 4, 2  # cell paddings, points


def _fit(
    text: str,
    width: float,
    height: float = ROW,
    align: Alignment = TA_LEFT,
    sizes: Sequence[float] = (10, 9, 8, 7, 6),
) -> Paragraph:
    """A paragraph of the largest size that fits a fixed-size cell (long employer names)."""
    inner_w, inner_h = width - 2 * PAD_X, height - 2 * PAD_Y
    for size in sizes[:-1]:
        para = _wrapped(text, inner_w, size, align)
        if para.wrap(inner_w, inner_h)[1] <= inner_h:
            return para
    return _wrapped(text, inner_w, sizes[-1], align)  # the smallest, even if it overflows


def _base_style(font: str, size: float = 10) -> list[tuple[Any, ...]]:
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


def _label_cells(cells: Iterable[tuple[int, int]]) -> list[tuple[Any, ...]]:
    """Grey background and centred text for the label cells at (column, row)."""
    commands: list[tuple[Any, ...]] = []
    for col, row in cells:
        commands.append(("BACKGROUND", (col, row), (col, row), LABEL_BG))
        commands.append(("ALIGN", (col, row), (col, row), "CENTER"))
    return commands


# -- flowables --------------------------------------------------------------------------------


def _bold_text(
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


class _TitleBlock(Flowable):
    """Title, application number line and the QR code at the top right."""

    HEIGHT = 33 * mm

    def __init__(self, data: ApplicationFormData) -> None:
        super().__init__()
        self.data = data
        self.width = CONTENT_WIDTH
        self.height = self.HEIGHT

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canv, data, font = self.canv, self.data, ensure_font()
        top = self.height
        qr_x, qr_y = self.width - QR_SIZE, top - QR_SIZE
        draw_qr(canv, data.qr_payload, qr_x, qr_y, QR_SIZE)
        canv.setFont(font, 6)
        canv.setFillColor(GREY_TEXT)
        canv.drawCentredString(qr_x + QR_SIZE / 2, qr_y - 2.6 * mm, "扫码核对电子材料")

        _bold_text(
            canv,
            self.width / 2,
            top - 15 * mm,
            data.title,
            20,
            align="center",
            char_space=1.5,
            weight=0.5,
        )

        canv.setFont(font, 9)
        canv.setFillColor(INK)
        baseline = 2.2 * mm
        canv.drawString(0, baseline, f"申请编号：{data.application_uid}  第{data.version}版")
        canv.drawRightString(self.width, baseline, f"生成日期：{date_cn(data.generated_on)}")


class _Heading(Flowable):
    """A section heading (一、基本信息 …) in faux bold."""

    def __init__(self, text: str, note: str = "") -> None:
        super().__init__()
        self.text, self.note = text, note
        self.height = 10 * mm

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.height

    def draw(self) -> None:
        baseline = 2.6 * mm
        _bold_text(self.canv, 0, baseline, self.text, 12)
        if self.note:
            font = ensure_font()
            x = self.canv.stringWidth(self.text, font, 12) + 3 * mm
            self.canv.setFont(font, 8.5)
            self.canv.setFillColor(GREY_TEXT)
            self.canv.drawString(x, baseline, self.note)


def photo_size(data: ApplicationFormData) -> tuple[float, float]:
    """The printed photo's (width, height) in points, as the rule pack gives it in mm."""
    width, height = data.photo_size_mm
    return float(width) * mm, float(height) * mm


def _photo_label(data: ApplicationFormData) -> str:
    width, height = data.photo_size_mm
    size = f"{hours_text(width)}×{hours_text(height)} mm"
    name = PHOTO_NAMES.get((int(width), int(height))) if width == int(width) and \
        height == int(height) else None
    return f"{name} {size}" if name else size


class _PhotoBox(Flowable):
    """The ID photo at exactly the rule pack's size, or an empty frame labelled 照片.

    The stored photo is 3:4; a box of another shape (一寸 is 5:7) shows its centre: the
    image is scaled to cover the box and clipped to it, never stretched."""

    def __init__(self, data: ApplicationFormData) -> None:
        super().__init__()
        self.jpeg = data.photo_jpeg
        self.label = _photo_label(data)
        self.width, self.height = photo_size(data)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canv, width, height = self.canv, self.width, self.height
        if self.jpeg:
            # Already a normalised baseline JPEG: ReportLab embeds its bytes as they are.
            image = ImageReader(io.BytesIO(self.jpeg))
            image_w, image_h = image.getSize()
            scale = max(width / image_w, height / image_h)
            drawn_w, drawn_h = image_w * scale, image_h * scale
            canv.saveState()
            clip = canv.beginPath()
            clip.rect(0, 0, width, height)
            canv.clipPath(clip, stroke=0, fill=0)
            canv.drawImage(image, (width - drawn_w) / 2, (height - drawn_h) / 2,
                           drawn_w, drawn_h)
            canv.restoreState()
            return
        canv.setStrokeColor(FAINT)
        canv.setLineWidth(0.6)
        canv.setDash(2, 2)
        canv.rect(0, 0, width, height, stroke=1, fill=0)
        canv.setDash()
        font = ensure_font()
        canv.setFillColor(GREY_TEXT)
        canv.setFont(font, 12)
        canv.drawCentredString(width / 2, height / 2 + 1 * mm, "照片")
        canv.setFont(font, 6.5)
        canv.drawCentredString(width / 2, height / 2 - 4 * mm, "近期免冠证件照")
        canv.drawCentredString(width / 2, height / 2 - 7.5 * mm, self.label)


class _CheckMark(Flowable):
    """A drawn box, ticked or empty, followed by 已附 / 未附 (the font has no ☑/☐)."""

    BOX = 3.4 * mm

    def __init__(self, ticked: bool) -> None:
        super().__init__()
        self.ticked = ticked
        self.label = "已附" if ticked else "未附"
        self.width = self.BOX + 1.5 * mm + 20
        self.height = self.BOX

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canv, box = self.canv, self.BOX
        canv.setStrokeColor(INK)
        canv.setLineWidth(0.7)
        canv.rect(0, 0, box, box, stroke=1, fill=0)
        if self.ticked:
            canv.setLineWidth(1.1)
            canv.setLineCap(1)
            canv.setLineJoin(1)
            path = canv.beginPath()
            path.moveTo(0.18 * box, 0.52 * box)
            path.lineTo(0.42 * box, 0.22 * box)
            path.lineTo(0.86 * box, 0.84 * box)
            canv.drawPath(path, stroke=1, fill=0)
        canv.setFillColor(INK)
        canv.setFont(ensure_font(), 9.5)
        canv.drawString(box + 1.5 * mm, 0.16 * box, self.label)


class _WritingArea(Flowable):
    """Blank space for a handwritten opinion, with faint writing lines."""

    def __init__(self, width: float, height: float, line_gap: float = 8 * mm) -> None:
        super().__init__()
        self.width, self.height, self.line_gap = width, height, line_gap

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        canv.setStrokeColor(FAINT)
        canv.setLineWidth(0.3)
        canv.setDash(1, 2)
        y = self.height - self.line_gap
        while y > 1 * mm:
            canv.line(0, y, self.width, y)
            y -= self.line_gap
        canv.setDash()


def _draw_box(canv: Canvas, x: float, y: float, label: str, size: float = 10) -> float:
    """An empty tick box at (x, y) followed by `label`; returns the x after the label."""
    box = _CheckMark.BOX
    canv.setStrokeColor(INK)
    canv.setLineWidth(0.7)
    canv.rect(x, y, box, box, stroke=1, fill=0)
    canv.setFillColor(INK)
    canv.setFont(ensure_font(), size)
    canv.drawString(x + box + 1.5 * mm, y + 0.16 * box, label)
    return x + box + 1.5 * mm + canv.stringWidth(label, ensure_font(), size)


class _OpinionArea(Flowable):
    """The left part of an opinion block: writing lines, 同意/不同意 boxes (review blocks)
    and the line for the signature of the person who fills it in."""

    def __init__(self, width: float, height: float, signer: str, decision: bool) -> None:
        super().__init__()
        self.width, self.height = width, height
        self.signer, self.decision = signer, decision

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        bottom = 16 * mm if self.decision else 9 * mm  # room for boxes and signature
        _WritingArea(self.width, self.height - bottom).drawOn(canv, 0, bottom)
        if self.decision:
            x = _draw_box(canv, 0, 9 * mm, "同意")
            _draw_box(canv, x + 8 * mm, 9 * mm, "不同意")
        canv.setFillColor(INK)
        canv.setFont(ensure_font(), 10)
        canv.drawString(0, 2 * mm, f"{self.signer}：____________________")


class _SealArea(Flowable):
    """The right part of an opinion block: a square for the office's seal (42 mm seals fit),
    the office's name with （盖章） under it, and the date line."""

    def __init__(self, width: float, height: float, owner: str, caption: str) -> None:
        super().__init__()
        self.width, self.height = width, height
        self.owner, self.caption = owner, caption

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canv, font = self.canv, ensure_font()
        x, y = (self.width - SEAL) / 2, self.height - SEAL
        canv.saveState()
        canv.setStrokeColor(FAINT)
        canv.setLineWidth(0.5)
        canv.setDash(3, 2)
        canv.rect(x, y, SEAL, SEAL, stroke=1, fill=0)
        canv.restoreState()
        size = 9.0
        lines = _lines(f"{self.owner}{self.caption}", self.width, size)
        while len(lines) > 2 and size > 6:
            size -= 0.5
            lines = _lines(f"{self.owner}{self.caption}", self.width, size)
        canv.setFillColor(INK)
        canv.setFont(font, size)
        baseline = y - size - 1.5 * mm
        for line in lines[:2]:
            canv.drawCentredString(self.width / 2, baseline, line)
            baseline -= size * 1.25
        canv.setFont(font, 10)
        canv.drawCentredString(self.width / 2, 2 * mm, "______年____月____日")


# -- sections ---------------------------------------------------------------------------------


def _label_columns(rest: Sequence[float] = ()) -> list[float]:
    """The label grid's columns (points): LABEL_GRID, then `rest`, then what is left."""
    columns = [w * mm for w in LABEL_GRID] + list(rest)
    return columns + [CONTENT_WIDTH - sum(columns)]


def _basic_info(data: ApplicationFormData, font: str) -> Table:
    photo_w, photo_h = photo_size(data)
    photo_col = max(PHOTO_COLUMN, photo_w + 4 * mm)
    c = _label_columns([CONTENT_WIDTH - sum(LABEL_GRID) * mm - photo_col])
    row = max(ROW, (photo_h + 4 * mm) / 5)  # the photo spans the first five rows
    wide_3 = c[1] + c[2] + c[3]  # value spanning columns 1–3 (beside the photo)
    wide_4 = wide_3 + c[4]  # value spanning columns 1–4 (below the photo)
    rows = [
        [
            "姓名",
            _fit(data.name, c[1], row),
            "性别",
            _fit(_or_dash(data.gender_label), c[3], row),
            _PhotoBox(data),
        ],
        [
            "出生日期",
            _fit(date_cn(data.birth_date), c[1], row),
            "联系电话",
            _fit(_or_dash(data.phone), c[3], row),
            "",
        ],
        ["公民身份号码", _fit(data.id_number, wide_3, row), "", "", ""],
        [
            "所在县（区）",
            _fit(_or_dash(data.county_label), c[1], row),
            "从事社会工作年限",
            _fit(f"{data.years_in_social_work} 年", c[3], row),
            "",
        ],
        ["岗位", _fit(_or_dash(data.post), wide_3, row), "", "", ""],
        ["工作单位", _fit(_or_dash(data.employer), wide_4), "", "", ""],
        ["统一社会信用代码", _fit(_or_dash(data.employer_credit_code), wide_4), "", "", ""],
    ]
    labels = [(0, r) for r in range(7)] + [(2, 0), (2, 1), (2, 3)]
    style = (
        _base_style(font)
        + _label_cells(labels)
        + [
            ("SPAN", (4, 0), (4, 4)),
            ("ALIGN", (4, 0), (4, 4), "CENTER"),
            ("SPAN", (1, 2), (3, 2)),
            ("SPAN", (1, 4), (3, 4)),
            ("SPAN", (1, 5), (4, 5)),
            ("SPAN", (1, 6), (4, 6)),
        ]
    )
    heights = [row] * 5 + [ROW] * 2
    return Table(rows, colWidths=c, rowHeights=heights, style=TableStyle(style))


def _certificate(data: ApplicationFormData, font: str) -> Table:
    """Certificate and kind of application; on a re-registration also the expiring period
    (原登记有效期) and its 登记证书编号 (an empty cell to fill in by hand when unknown)."""
    c = _label_columns()
    wide = c[1] + c[2] + c[3]
    rows: list[list[Any]] = [
        [
            "证书级别",
            _fit(_or_dash(data.level_label), c[1]),
            "证书管理号",
            _fit(_or_dash(data.certificate_number), c[3]),
        ],
        [
            "取得证书日期",
            _fit(date_cn(data.certificate_obtained_on), c[1]),
            "申请类别",
            _fit(KIND_LABELS.get(data.kind, str(data.kind)), c[3]),
        ],
    ]
    labels = [(0, 0), (2, 0), (0, 1), (2, 1)]
    style = _base_style(font) + _label_cells(labels)
    if data.kind is not ApplicationKind.FIRST:
        if data.registration_from and data.registration_to:
            period = f"{date_cn(data.registration_from)} 至 {date_cn(data.registration_to)}"
        else:
            period = DASH
        rows.append(["原登记有效期", _fit(period, wide), "", ""])
        rows.append(["登记证书编号", _fit(data.registration_number.strip(), wide), "", ""])
        labels = [(0, 2), (0, 3)]
        style += _label_cells(labels) + [("SPAN", (1, 2), (3, 2)), ("SPAN", (1, 3), (3, 3))]
    return Table(rows, colWidths=c, rowHeights=[ROW] * len(rows), style=TableStyle(style))


def _activity_dates(row: FormActivityRow) -> str:
    if row.start_date == row.end_date:
        return date_dot(row.start_date)
    return f"{date_dot(row.start_date)} 至\n{date_dot(row.end_date)}"


def _inner(width_mm: float) -> float:
    """The text width of a cell `width_mm` wide (inside its paddings), in points."""
    return width_mm * mm - 2 * PAD_X


def _activities(data: ApplicationFormData, font: str) -> Table:
    c = [w * mm for w in LIST_GRID]
    w = LIST_GRID
    header = ["序号", "项目名称", "主办单位", "起止日期", "类型", "学时"]
    rows: list[list[Any]] = [header]
    for i, act in enumerate(data.activities, start=1):
        rows.append(
            [
                str(i),
                _wrapped(act.title, _inner(w[1]), 9),
                _wrapped(_or_dash(act.organiser), _inner(w[2]), 9),
                _wrapped(_activity_dates(act), _inner(w[3]), 8.5, TA_CENTER),
                _wrapped(_or_dash(act.type_label), _inner(w[4]), 9, TA_CENTER),
                hours_text(act.hours),
            ]
        )
    if not data.activities:
        rows.append(["", "（无继续教育记录）", "", "", "", ""])
    total = (
        f"合计 {hours_text(data.hours_total)} 学时（要求 {hours_text(data.hours_required)} 学时）"
    )
    rows.append([total, "", "", "", "", ""])
    last = len(rows) - 1
    style = _base_style(font, 9) + [
        ("BACKGROUND", (0, 0), (-1, 0), LABEL_BG),
        ("FONT", (0, 0), (-1, 0), font, 9.5, 12),
        ("ALIGN", (0, 0), (-1, 0), "CENTER"),
        ("TOPPADDING", (0, 0), (-1, 0), 5),
        ("BOTTOMPADDING", (0, 0), (-1, 0), 5),
        ("TOPPADDING", (0, 1), (-1, -1), 3.5),
        ("BOTTOMPADDING", (0, 1), (-1, -1), 3.5),
        ("ALIGN", (0, 1), (0, -1), "CENTER"),
        ("ALIGN", (5, 1), (5, -1), "CENTER"),
        ("SPAN", (0, last), (-1, last)),
        ("NOSPLIT", (0, last - 1), (-1, last)),  # no total row alone on a page
        ("BACKGROUND", (0, last), (-1, last), TOTAL_BG),
        ("ALIGN", (0, last), (-1, last), "CENTER"),
        ("FONT", (0, last), (-1, last), font, 10.5, 13),
        ("TOPPADDING", (0, last), (-1, last), 6),
        ("BOTTOMPADDING", (0, last), (-1, last), 6),
    ]
    if not data.activities:
        style += [("SPAN", (1, 1), (-1, 1)), ("TEXTCOLOR", (1, 1), (-1, 1), GREY_TEXT)]
    return Table(rows, colWidths=c, repeatRows=1, style=TableStyle(style))


def _text_box(title: str | None, text: str, font: str, *, closing: Sequence[Any] = ()) -> Table:
    """A ruled box holding free text (one row per paragraph, so it can break across pages).

    `title`: a grey heading row; `closing`: rows under the text (e.g. the signature line).
    """
    lines = (line.strip() for line in text.replace("\r\n", "\n").split("\n"))
    paragraphs = [line for line in lines if line] or [DASH]
    rows: list[list[Any]] = []
    style: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), font, 10, 13),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 8),
        ("RIGHTPADDING", (0, 0), (-1, -1), 8),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("BOX", (0, 0), (-1, -1), FRAME, INK),
    ]
    if title:
        rows.append([title])
        style += [
            ("BACKGROUND", (0, 0), (0, 0), LABEL_BG),
            ("LINEBELOW", (0, 0), (0, 0), GRID, INK),
            ("TOPPADDING", (0, 0), (0, 0), 4),
            ("BOTTOMPADDING", (0, 0), (0, 0), 4),
        ]
    first_text = len(rows)
    for paragraph in paragraphs:
        rows.append([_wrapped(paragraph, CONTENT_WIDTH - 16, 10.5, leading=17, first_indent=21)])
    style += [("TOPPADDING", (0, first_text), (0, first_text), 7)]
    rows.extend([row] for row in closing)
    return Table(rows, colWidths=[CONTENT_WIDTH], style=TableStyle(style), splitInRow=1)


def _late_note(data: ApplicationFormData, font: str) -> list[Flowable]:
    note = _wrapped("注：本申请为逾期再登记（已超过登记有效期），申请人的情况说明如下。",
                    CONTENT_WIDTH, 9.5)
    box = _text_box("情况说明", data.late_explanation, font)
    return [Spacer(1, 2.5 * mm), KeepTogether([note, Spacer(1, 1.5 * mm), box])]


SIGN_LINE = "申请人签名：________________　　日期：______年____月____日"


def _declaration(data: ApplicationFormData, font: str) -> Table:
    signature = Paragraph(escape(SIGN_LINE), _style(10.5, TA_LEFT))
    sign_row = Table(
        [["", signature]],
        colWidths=[CONTENT_WIDTH - 118 * mm, 118 * mm - 16],
        style=TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), font, 10),
                ("TOPPADDING", (0, 0), (-1, -1), 12 * mm),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5 * mm),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        ),
    )
    return _text_box(None, data.declaration_text, font, closing=[sign_row])


def _opinion_block(title: str, font: str, *, signer: str, owner: str, caption: str,
                   decision: bool) -> Table:
    """One opinion block (所在单位意见 or a review level's): a title bar, the writing area
    (with 同意/不同意 boxes when `decision`) and signer line on the left, the seal square
    with `owner` + `caption` and the date on the right. Every block has the same grid."""
    c = [w * mm for w in OPINION_GRID]
    pad = PAD_X + 2
    rows: list[list[Any]] = [
        [_wrapped(title, CONTENT_WIDTH - pad - PAD_X, 10.5), ""],
        [_OpinionArea(c[0] - pad - PAD_X, OPINION_HEIGHT, signer, decision),
         _SealArea(c[1] - 2 * PAD_X, OPINION_HEIGHT, owner, caption)],
    ]
    style: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), font, 10, 13),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (0, -1), pad),
        ("LEFTPADDING", (1, 0), (1, -1), PAD_X),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD_X),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("BOX", (0, 0), (-1, -1), FRAME, INK),
        ("SPAN", (0, 0), (1, 0)),
        ("BACKGROUND", (0, 0), (1, 0), LABEL_BG),
        ("LINEBELOW", (0, 0), (1, 0), GRID, INK),
        ("TOPPADDING", (0, 0), (1, 0), 4),
        ("BOTTOMPADDING", (0, 0), (1, 0), 4),
        ("LEFTPADDING", (0, 0), (1, 0), pad),
    ]
    return Table(rows, colWidths=c, style=TableStyle(style))


def _employer_block(data: ApplicationFormData, font: str) -> Table:
    employer = data.employer.strip() or "所在单位"
    return _opinion_block(f"工作单位：{_or_dash(data.employer)}", font,
                          signer="单位负责人（签字）", owner=employer, caption="（单位盖章）",
                          decision=False)


def _review_block(level: FormReviewLevel, font: str) -> Table:
    return _opinion_block(level.title, font, signer="经办人（签字）",
                          owner=_or_dash(level.authority), caption="（盖章）", decision=True)


def _checklist(items: Sequence[FormChecklistItem], font: str) -> Table:
    # the activity table's grid: 序号 | 材料名称 (to 主办单位's right edge) | 提交情况 | 备注
    g = LIST_GRID
    widths = (g[0], g[1] + g[2], g[3], g[4] + g[5])
    rows: list[list[Any]] = [["序号", "材料名称", "提交情况", "备注"]]
    for i, item in enumerate(items, start=1):
        rows.append(
            [str(i), _wrapped(item.label, _inner(widths[1]), 9.5), _CheckMark(item.included),
             _wrapped(item.note, _inner(widths[3]), 9)]
        )
    if not items:
        rows.append(["", "（无）", "", ""])
    style = _base_style(font, 9.5) + [
        ("BACKGROUND", (0, 0), (-1, 0), LABEL_BG),
        ("ALIGN", (0, 0), (-1, 0), "CENTER"),
        ("ALIGN", (0, 1), (0, -1), "CENTER"),
        ("ALIGN", (2, 1), (2, -1), "CENTER"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    return Table(rows, colWidths=[w * mm for w in widths], repeatRows=1,
                 style=TableStyle(style))


def _closing_count(data: ApplicationFormData) -> int:
    """How many closing sections `_story` lays out after the continuing education."""
    return 3 + len(data.review_levels)


def _story(data: ApplicationFormData, keep_last: int = 0) -> list[Flowable]:
    """Small sections stay whole with their heading; the activity table may break across
    pages (after at least its header and a few rows). The closing sections (材料清单,
    承诺声明, 所在单位意见, one block per review level) each stay whole; the last
    `keep_last` + 1 of them are kept together (`render_application_form` asks for that when
    the last page would be near-empty)."""
    font = ensure_font()
    numbers = iter(SECTION_NUMBERS)

    def heading(text: str, note: str = "") -> _Heading:
        return _Heading(f"{next(numbers)}、{text}", note)

    gap = Spacer(1, 2 * mm)
    story: list[Flowable] = [_TitleBlock(data), gap]
    story += [KeepTogether([heading("基本信息"), _basic_info(data, font)]), gap]
    story += [KeepTogether([heading("证书及登记情况"), _certificate(data, font)]), gap]
    if data.kind is not ApplicationKind.FIRST:  # a first registration needs no hours
        note = f"学时要求依据：{data.rule_pack_label}" if data.rule_pack_label else ""
        story += [CondPageBreak(45 * mm), heading("继续教育情况", note),
                  _activities(data, font)]
        if data.is_late:
            story += _late_note(data, font)
        story.append(gap)
    closing: list[list[Flowable]] = [
        [heading("材料清单"), _checklist(data.checklist, font), gap],
        [heading("承诺声明"), _declaration(data, font), gap],
        [heading("所在单位意见"), _employer_block(data, font), gap],
    ]
    if data.review_levels:
        first, *others = [_review_block(level, font) for level in data.review_levels]
        closing.append([heading("审核意见", "（以下由审核机关填写）"), first,
                        Spacer(1, 3 * mm)])
        closing += [[block, Spacer(1, 3 * mm)] for block in others]
    # Not nested: a KeepTogether inside a KeepTogether always breaks the page.
    split = max(0, len(closing) - keep_last - 1) if keep_last else len(closing)
    story += [KeepTogether(section) for section in closing[:split]]
    if split < len(closing):
        story.append(KeepTogether([f for section in closing[split:] for f in section]))
    return story


# -- document and footer ---------------------------------------------------------------------


class _FormDocument(BaseDocTemplate):
    def __init__(self, out: io.BytesIO, data: ApplicationFormData, font: str) -> None:
        super().__init__(
            out,
            pagesize=A4,
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=data.title,
            author="swdesk",
            subject=f"申请编号 {data.application_uid} 第{data.version}版",
            creator="swdesk",
            producer="swdesk (ReportLab)",
            invariant=1,  # no creation date, fixed document ID: same data → same bytes
            initialFontName=font,
        )
        frame = Frame(
            self.leftMargin,
            self.bottomMargin,
            self.width,
            self.height,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        self.addPageTemplates([PageTemplate(id="form", frames=[frame])])
        self.lowest: dict[int, float] = {}  # page → lowest y a flowable reached on it

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 (ReportLab's name)
        frame = getattr(self, "frame", None)
        if frame is None:  # not placed in a frame (ReportLab's page actions)
            return
        y = frame._y  # ReportLab's own: where the next flowable would start
        self.lowest[self.page] = min(y, self.lowest.get(self.page, y))

    def emptiest_fill(self) -> float:
        """The smallest share of the frame's height filled on any page after the first
        (1.0 for a one-page form)."""
        top = self.bottomMargin + self.height
        fills = [(top - y) / self.height for page, y in self.lowest.items() if page > 1]
        return min(fills, default=1.0)


def _footer_canvas(data: ApplicationFormData, font: str) -> type[Canvas]:
    """A Canvas class that keeps every page until the end, then stamps 第 X 页 共 Y 页."""
    left_text = f"swdesk 生成 · 申请编号 {data.application_uid[:8]}"

    class FooterCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 (ReportLab's name)
            self._pages.append(dict(self.__dict__))
            self._startPage()  # type: ignore[attr-defined]  # ReportLab's own, not in its stubs

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self._draw_footer(number, total)
                super().showPage()
            super().save()

        def _draw_footer(self, number: int, total: int) -> None:
            if data.open_fix_items > 0:
                self._draw_draft_mark()
            self.saveState()
            self.setFont(font, 9)
            self.setFillColor(INK)
            self.drawCentredString(PAGE_WIDTH / 2, FOOTER_BASELINE, f"第 {number} 页 共 {total} 页")
            self.setFont(font, 7)
            self.setFillColor(GREY_TEXT)
            self.drawString(MARGIN_X, FOOTER_BASELINE, left_text)
            self.restoreState()

        def _draw_draft_mark(self) -> None:
            """A line above the footer (inside the 12 mm every printer can print) and a
            diagonal watermark over the page."""
            self.saveState()
            self.setFillColor(DRAFT_RED)
            self.setFont(font, 9)
            self.drawCentredString(
                PAGE_WIDTH / 2, FOOTER_BASELINE + 4 * mm,
                f"{DRAFT_MARK} · 补正清单尚有 {data.open_fix_items} 项未完成，"
                "本表不能签字提交")
            self.setFillAlpha(0.16)
            self.setFont(font, 54)
            self.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
            self.rotate(35)
            self.drawCentredString(0, -18, DRAFT_MARK)
            self.restoreState()

    return FooterCanvas
