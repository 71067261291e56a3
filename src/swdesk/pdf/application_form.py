"""The printed 《社会工作者再登记申请表》 (or 首次登记申请表): A4, ruled tables, one CJK font.

`render_application_form(data)` returns the PDF as bytes. Layout, top to bottom: title block
with QR code, 一 基本信息 (with the photo), 二 证书及登记情况, 三 继续教育情况 (header row
repeated on every page), 四 承诺声明 with signature line, 五 审核意见 (one block per review
level), 六 材料清单; footer "第 X 页 共 Y 页" on every page. A form generated while the
fix list still has items (`open_fix_items` > 0) carries on every page a red line above the
footer and a diagonal watermark "预审未通过，草稿": printed too early, it cannot be taken for
the form to sign and hand in.

Output is deterministic (ReportLab's invariant mode: no timestamps or random IDs), so the same
data gives the same bytes. Rendering is serialised by a lock: ReportLab keeps per-document
state in shared objects (fonts) and is not safe to run in two threads at once.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Any, Literal
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
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

from swdesk.domain.application import (
    ApplicationFormData,
    ApplicationKind,
    FormActivityRow,
    FormChecklistItem,
    FormReviewLevel,
)

from .fonts import RENDER_LOCK, ensure_font, missing_glyphs
from .qr import draw_qr

log = logging.getLogger(__name__)

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 15 * mm
MARGIN_TOP = 14 * mm
MARGIN_BOTTOM = 20 * mm  # the footer sits in here, still 12 mm or more from the edge
FOOTER_BASELINE = 13 * mm
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X  # 180 mm

PHOTO_WIDTH, PHOTO_HEIGHT = 30 * mm, 40 * mm
QR_SIZE = 22 * mm
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

_render_lock = RENDER_LOCK  # shared with the certificate renderer


# -- public API ------------------------------------------------------------------------------


def render_application_form(data: ApplicationFormData) -> bytes:
    """The application form as a PDF (bytes starting with %PDF)."""
    font = ensure_font()
    _warn_unprintable(data)
    out = io.BytesIO()
    with _render_lock:
        # Binary (not ASCII85) streams: smaller and faster, and every PDF reader takes them.
        # rl_config is process-wide, hence set only while we hold the render lock.
        saved_a85 = rl_config.useA85
        rl_config.useA85 = 0
        try:
            doc = _FormDocument(out, data, font)
            doc.build(_story(data), canvasmaker=_footer_canvas(data, font))
        finally:
            rl_config.useA85 = saved_a85
    return out.getvalue()


def unprintable_characters(data: ApplicationFormData) -> dict[str, str]:
    """Field name → the characters of that field the form's font cannot draw (sorted)."""
    found: dict[str, str] = {}
    for field, text in _printed_texts(data):
        missing = missing_glyphs(text)
        if missing:
            found[field] = "".join(sorted(missing))
    return found


# -- text helpers -----------------------------------------------------------------------------


def date_cn(value: date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


def date_dot(value: date) -> str:
    return f"{value.year}.{value.month:02d}.{value.day:02d}"


def hours_text(value: Decimal) -> str:
    """12 → "12", 1.50 → "1.5" (never "1.5E+1")."""
    text = f"{value.normalize():f}"
    return text


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
        para = _para(text, size, align)
        if para.wrap(inner_w, inner_h)[1] <= inner_h:
            return para
    return _para(text, sizes[-1], align)  # the smallest size, even if it still overflows


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


class _PhotoBox(Flowable):
    """The 30×40 mm photo, or an empty frame labelled 照片."""

    def __init__(self, jpeg: bytes | None) -> None:
        super().__init__()
        self.jpeg = jpeg
        self.width, self.height = PHOTO_WIDTH, PHOTO_HEIGHT

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        if self.jpeg:
            # Already a normalised baseline JPEG: ReportLab embeds its bytes as they are.
            canv.drawImage(ImageReader(io.BytesIO(self.jpeg)), 0, 0, PHOTO_WIDTH, PHOTO_HEIGHT)
            return
        canv.setStrokeColor(FAINT)
        canv.setLineWidth(0.6)
        canv.setDash(2, 2)
        canv.rect(0, 0, PHOTO_WIDTH, PHOTO_HEIGHT, stroke=1, fill=0)
        canv.setDash()
        font = ensure_font()
        canv.setFillColor(GREY_TEXT)
        canv.setFont(font, 12)
        canv.drawCentredString(PHOTO_WIDTH / 2, PHOTO_HEIGHT / 2 + 1 * mm, "照片")
        canv.setFont(font, 7)
        canv.drawCentredString(PHOTO_WIDTH / 2, PHOTO_HEIGHT / 2 - 4 * mm, "近期免冠证件照")
        canv.drawCentredString(PHOTO_WIDTH / 2, PHOTO_HEIGHT / 2 - 7.5 * mm, "30×40 mm")


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


# -- sections ---------------------------------------------------------------------------------


def _basic_info(data: ApplicationFormData, font: str) -> Table:
    c = [33 * mm, 39 * mm, 33 * mm, 40 * mm, 35 * mm]
    wide_3 = c[1] + c[2] + c[3]  # value spanning columns 1–3 (beside the photo)
    wide_4 = wide_3 + c[4]  # value spanning columns 1–4 (below the photo)
    rows = [
        [
            "姓名",
            _fit(data.name, c[1]),
            "性别",
            _fit(_or_dash(data.gender_label), c[3]),
            _PhotoBox(data.photo_jpeg),
        ],
        [
            "出生日期",
            _fit(date_cn(data.birth_date), c[1]),
            "联系电话",
            _fit(_or_dash(data.phone), c[3]),
            "",
        ],
        ["公民身份号码", _fit(data.id_number, wide_3), "", "", ""],
        [
            "所在县（区）",
            _fit(_or_dash(data.county_label), c[1]),
            "从事社会工作年限",
            _fit(f"{data.years_in_social_work} 年", c[3]),
            "",
        ],
        ["岗位", _fit(_or_dash(data.post), wide_3), "", "", ""],
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
    return Table(rows, colWidths=c, rowHeights=[ROW] * len(rows), style=TableStyle(style))


def _certificate(data: ApplicationFormData, font: str) -> Table:
    c = [33 * mm, 57 * mm, 33 * mm, 57 * mm]
    wide = c[1] + c[2] + c[3]
    if data.registration_from and data.registration_to:
        period = f"{date_cn(data.registration_from)} 至 {date_cn(data.registration_to)}"
    else:
        period = DASH
    rows = [
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
        ["本次登记有效期", _fit(period, wide), "", ""],
    ]
    labels = [(0, 0), (2, 0), (0, 1), (2, 1), (0, 2)]
    style = _base_style(font) + _label_cells(labels) + [("SPAN", (1, 2), (3, 2))]
    return Table(rows, colWidths=c, rowHeights=[ROW] * len(rows), style=TableStyle(style))


def _activity_dates(row: FormActivityRow) -> str:
    if row.start_date == row.end_date:
        return date_dot(row.start_date)
    return f"{date_dot(row.start_date)} 至\n{date_dot(row.end_date)}"


def _activities(data: ApplicationFormData, font: str) -> Table:
    c = [11 * mm, 58 * mm, 42 * mm, 29 * mm, 24 * mm, 16 * mm]
    header = ["序号", "项目名称", "主办单位", "起止日期", "类型", "学时"]
    rows: list[list[Any]] = [header]
    for i, act in enumerate(data.activities, start=1):
        rows.append(
            [
                str(i),
                _para(act.title, 9),
                _para(_or_dash(act.organiser), 9),
                _para(_activity_dates(act), 8.5, TA_CENTER),
                _para(_or_dash(act.type_label), 9, TA_CENTER),
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
        rows.append(
            [Paragraph(_markup(paragraph), _style(10.5, TA_JUSTIFY, leading=17, first_indent=21))]
        )
    style += [("TOPPADDING", (0, first_text), (0, first_text), 7)]
    rows.extend([row] for row in closing)
    return Table(rows, colWidths=[CONTENT_WIDTH], style=TableStyle(style), splitInRow=1)


def _late_note(data: ApplicationFormData, font: str) -> list[Flowable]:
    note = _para("注：本申请为逾期再登记（已超过登记有效期），申请人的情况说明如下。", 9.5)
    box = _text_box("情况说明", data.late_explanation, font)
    return [Spacer(1, 2.5 * mm), KeepTogether([note, Spacer(1, 1.5 * mm), box])]


SIGN_LINE = "申请人签名：________________　　日期：______年____月____日"
REVIEW_SIGN_LINE = "审核人：______________（盖章）　　______年____月____日"


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


def _review_block(level: FormReviewLevel, font: str) -> Table:
    area_height = 30 * mm
    authority = _para(f"审核单位：{_or_dash(level.authority)}", 9.5)
    sign = Paragraph(escape(REVIEW_SIGN_LINE), _style(10, TA_LEFT))
    rows: list[list[Any]] = [
        [_para(level.title, 10.5), ""],
        [_WritingArea(CONTENT_WIDTH - 2 * PAD_X - 2, area_height - 6), ""],
        [authority, sign],
    ]
    style: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), font, 10, 13),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD_X + 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD_X),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("BOX", (0, 0), (-1, -1), FRAME, INK),
        ("SPAN", (0, 0), (1, 0)),
        ("BACKGROUND", (0, 0), (1, 0), LABEL_BG),
        ("LINEBELOW", (0, 0), (1, 0), GRID, INK),
        ("TOPPADDING", (0, 0), (1, 0), 4),
        ("BOTTOMPADDING", (0, 0), (1, 0), 4),
        ("SPAN", (0, 1), (1, 1)),
        ("VALIGN", (0, 1), (1, 1), "TOP"),
        ("BOTTOMPADDING", (0, 2), (1, 2), 6),
    ]
    return Table(
        rows,
        colWidths=[CONTENT_WIDTH - 102 * mm, 102 * mm],
        rowHeights=[None, area_height, None],
        style=TableStyle(style),
    )


def _checklist(items: Sequence[FormChecklistItem], font: str) -> Table:
    c = [12 * mm, 84 * mm, 26 * mm, 58 * mm]
    rows: list[list[Any]] = [["序号", "材料名称", "提交情况", "备注"]]
    for i, item in enumerate(items, start=1):
        rows.append(
            [str(i), _para(item.label, 9.5), _CheckMark(item.included), _para(item.note, 9)]
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
    return Table(rows, colWidths=c, repeatRows=1, style=TableStyle(style))


def _story(data: ApplicationFormData) -> list[Flowable]:
    """Small sections stay whole with their heading; the activity table may break across
    pages (after at least its header and a few rows), the review blocks break between
    blocks."""
    font = ensure_font()
    gap = Spacer(1, 2 * mm)
    story: list[Flowable] = [_TitleBlock(data), gap]
    story += [KeepTogether([_Heading("一、基本信息"), _basic_info(data, font)]), gap]
    story += [KeepTogether([_Heading("二、证书及登记情况"), _certificate(data, font)]), gap]
    note = f"学时要求依据：{data.rule_pack_label}" if data.rule_pack_label else ""
    story += [CondPageBreak(45 * mm), _Heading("三、继续教育情况", note), _activities(data, font)]
    if data.is_late:
        story += _late_note(data, font)
    story += [gap, KeepTogether([_Heading("四、承诺声明"), _declaration(data, font)]), gap]
    if data.review_levels:
        # Not nested: a KeepTogether inside a KeepTogether always breaks the page.
        first, *others = [_review_block(level, font) for level in data.review_levels]
        story.append(
            KeepTogether(
                [_Heading("五、审核意见", "（以下由审核机关填写）"), first, Spacer(1, 3 * mm)]
            )
        )
        story += [KeepTogether([block, Spacer(1, 3 * mm)]) for block in others]
    story += [gap, KeepTogether([_Heading("六、材料清单"), _checklist(data.checklist, font)])]
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
