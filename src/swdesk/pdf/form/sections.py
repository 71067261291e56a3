"""The form's sections, one ruled table each: 基本信息, 证书及登记情况, 继续教育情况 (and
the late explanation), 材料清单, 承诺声明, and the opinion blocks (所在单位意见, 审核意见)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from swdesk.core.formatting import date_cn, hours_text
from swdesk.domain.application import ApplicationKind
from swdesk.domain.application_form import (
    ApplicationFormData,
    FormActivityRow,
    FormChecklistItem,
    FormReviewLevel,
)

from .drawings import CheckMark, OpinionArea, PhotoBox, SealArea, photo_size
from .page import (
    CONTENT_WIDTH,
    DASH,
    FRAME,
    GREY_TEXT,
    GRID,
    INK,
    LABEL_BG,
    LABEL_GRID,
    LIST_GRID,
    OPINION_GRID,
    OPINION_HEIGHT,
    PAD_X,
    PHOTO_COLUMN,
    ROW,
    TOTAL_BG,
    date_dot,
    fit,
    label_cells,
    or_dash,
    paragraph_style,
    table_style,
    wrapped,
)

KIND_LABELS = {ApplicationKind.FIRST: "首次登记", ApplicationKind.RENEWAL: "再登记"}


def _label_columns(rest: Sequence[float] = ()) -> list[float]:
    """The label grid's columns (points): LABEL_GRID, then `rest`, then what is left."""
    columns = [w * mm for w in LABEL_GRID] + list(rest)
    return columns + [CONTENT_WIDTH - sum(columns)]


def basic_info(data: ApplicationFormData, font: str) -> Table:
    photo_w, photo_h = photo_size(data)
    photo_col = max(PHOTO_COLUMN, photo_w + 4 * mm)
    c = _label_columns([CONTENT_WIDTH - sum(LABEL_GRID) * mm - photo_col])
    row = max(ROW, (photo_h + 4 * mm) / 5)  # the photo spans the first five rows
    wide_3 = c[1] + c[2] + c[3]  # value spanning columns 1–3 (beside the photo)
    wide_4 = wide_3 + c[4]  # value spanning columns 1–4 (below the photo)
    rows = [
        [
            "姓名",
            fit(data.name, c[1], row),
            "性别",
            fit(or_dash(data.gender_label), c[3], row),
            PhotoBox(data),
        ],
        [
            "出生日期",
            fit(date_cn(data.birth_date), c[1], row),
            "联系电话",
            fit(or_dash(data.phone), c[3], row),
            "",
        ],
        ["公民身份号码", fit(data.id_number, wide_3, row), "", "", ""],
        [
            "所在县（区）",
            fit(or_dash(data.county_label), c[1], row),
            "从事社会工作年限",
            fit(f"{data.years_in_social_work} 年", c[3], row),
            "",
        ],
        ["岗位", fit(or_dash(data.post), wide_3, row), "", "", ""],
        ["工作单位", fit(or_dash(data.employer), wide_4), "", "", ""],
        ["统一社会信用代码", fit(or_dash(data.employer_credit_code), wide_4), "", "", ""],
    ]
    labels = [(0, r) for r in range(7)] + [(2, 0), (2, 1), (2, 3)]
    style = (
        table_style(font)
        + label_cells(labels)
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


def certificate(data: ApplicationFormData, font: str) -> Table:
    """Certificate and kind of application; on a re-registration also the expiring period
    (原登记有效期) and its 登记证书编号 (an empty cell to fill in by hand when unknown)."""
    c = _label_columns()
    wide = c[1] + c[2] + c[3]
    rows: list[list[Any]] = [
        [
            "证书级别",
            fit(or_dash(data.level_label), c[1]),
            "证书管理号",
            fit(or_dash(data.certificate_number), c[3]),
        ],
        [
            "取得证书日期",
            fit(date_cn(data.certificate_obtained_on), c[1]),
            "申请类别",
            fit(KIND_LABELS.get(data.kind, str(data.kind)), c[3]),
        ],
    ]
    labels = [(0, 0), (2, 0), (0, 1), (2, 1)]
    style = table_style(font) + label_cells(labels)
    if data.kind is not ApplicationKind.FIRST:
        if data.registration_from and data.registration_to:
            period = f"{date_cn(data.registration_from)} 至 {date_cn(data.registration_to)}"
        else:
            period = DASH
        rows.append(["原登记有效期", fit(period, wide), "", ""])
        rows.append(["登记证书编号", fit(data.registration_number.strip(), wide), "", ""])
        labels = [(0, 2), (0, 3)]
        style += label_cells(labels) + [("SPAN", (1, 2), (3, 2)), ("SPAN", (1, 3), (3, 3))]
    return Table(rows, colWidths=c, rowHeights=[ROW] * len(rows), style=TableStyle(style))


def _activity_dates(row: FormActivityRow) -> str:
    if row.start_date == row.end_date:
        return date_dot(row.start_date)
    return f"{date_dot(row.start_date)} 至\n{date_dot(row.end_date)}"


def _inner(width_mm: float) -> float:
    """The text width of a cell `width_mm` wide (inside its paddings), in points."""
    return width_mm * mm - 2 * PAD_X


def hours_total(data: ApplicationFormData) -> str:
    """合计 … 学时（要求 … 学时）: the activity table's last row, and its section's heading."""
    total, required = hours_text(data.hours_total), hours_text(data.hours_required)
    return f"合计 {total} 学时（要求 {required} 学时）"


def activities(data: ApplicationFormData, font: str) -> Table:
    c = [w * mm for w in LIST_GRID]
    w = LIST_GRID
    header = ["序号", "项目名称", "主办单位", "起止日期", "类型", "学时"]
    rows: list[list[Any]] = [header]
    for i, act in enumerate(data.activities, start=1):
        rows.append(
            [
                str(i),
                wrapped(act.title, _inner(w[1]), 9),
                wrapped(or_dash(act.organiser), _inner(w[2]), 9),
                wrapped(_activity_dates(act), _inner(w[3]), 8.5, TA_CENTER),
                wrapped(or_dash(act.type_label), _inner(w[4]), 9, TA_CENTER),
                hours_text(act.hours),
            ]
        )
    if not data.activities:
        rows.append(["", "（无继续教育记录）", "", "", "", ""])
    rows.append([hours_total(data), "", "", "", "", ""])
    last = len(rows) - 1
    style = table_style(font, 9) + [
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
        rows.append([wrapped(paragraph, CONTENT_WIDTH - 16, 10.5, leading=17, first_indent=21)])
    style += [("TOPPADDING", (0, first_text), (0, first_text), 7)]
    rows.extend([row] for row in closing)
    return Table(rows, colWidths=[CONTENT_WIDTH], style=TableStyle(style), splitInRow=1)


def late_note(data: ApplicationFormData, font: str) -> list[Flowable]:
    note = wrapped(
        "注：本申请为逾期再登记（已超过登记有效期），申请人的情况说明如下。", CONTENT_WIDTH, 9.5
    )
    box = _text_box("情况说明", data.late_explanation, font)
    return [Spacer(1, 2.5 * mm), KeepTogether([note, Spacer(1, 1.5 * mm), box])]


SIGN_LINE = "申请人签名：________________　　日期：______年____月____日"


def declaration(data: ApplicationFormData, font: str) -> Table:
    signature = Paragraph(escape(SIGN_LINE), paragraph_style(10.5, TA_LEFT))
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


def _opinion_block(
    title: str, font: str, *, signer: str, owner: str, caption: str, decision: bool
) -> Table:
    """One opinion block (所在单位意见 or a review level's): a title bar, the writing area
    (with 同意/不同意 boxes when `decision`) and signer line on the left, the seal square
    with `owner` + `caption` and the date on the right. Every block has the same grid."""
    c = [w * mm for w in OPINION_GRID]
    pad = PAD_X + 2
    rows: list[list[Any]] = [
        [wrapped(title, CONTENT_WIDTH - pad - PAD_X, 10.5), ""],
        [
            OpinionArea(c[0] - pad - PAD_X, OPINION_HEIGHT, signer, decision),
            SealArea(c[1] - 2 * PAD_X, OPINION_HEIGHT, owner, caption),
        ],
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


def employer_block(data: ApplicationFormData, font: str) -> Table:
    employer = data.employer.strip() or "所在单位"
    return _opinion_block(
        f"工作单位：{or_dash(data.employer)}",
        font,
        signer="单位负责人（签字）",
        owner=employer,
        caption="（单位盖章）",
        decision=False,
    )


def review_block(level: FormReviewLevel, font: str) -> Table:
    return _opinion_block(
        level.title,
        font,
        signer="经办人（签字）",
        owner=or_dash(level.authority),
        caption="（盖章）",
        decision=True,
    )


def checklist(items: Sequence[FormChecklistItem], font: str) -> Table:
    # the activity table's grid: 序号 | 材料名称 (to 主办单位's right edge) | 提交情况 | 备注
    g = LIST_GRID
    widths = (g[0], g[1] + g[2], g[3], g[4] + g[5])
    rows: list[list[Any]] = [["序号", "材料名称", "提交情况", "备注"]]
    for i, item in enumerate(items, start=1):
        rows.append(
            [
                str(i),
                wrapped(item.label, _inner(widths[1]), 9.5),
                CheckMark(item.included),
                wrapped(item.note, _inner(widths[3]), 9),
            ]
        )
    if not items:
        rows.append(["", "（无）", "", ""])
    style = table_style(font, 9.5) + [
        ("BACKGROUND", (0, 0), (-1, 0), LABEL_BG),
        ("ALIGN", (0, 0), (-1, 0), "CENTER"),
        ("ALIGN", (0, 1), (0, -1), "CENTER"),
        ("ALIGN", (2, 1), (2, -1), "CENTER"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    return Table(rows, colWidths=[w * mm for w in widths], repeatRows=1, style=TableStyle(style))
