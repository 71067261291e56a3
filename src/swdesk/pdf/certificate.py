"""The electronic registration certificate 《社会工作者登记证书（电子）》: one A4 landscape page.

`render_registration_certificate(data)` returns the PDF as bytes. Layout: the paper, a
double frame with corner ornaments and a faint wave pattern (`certificate_paper`); the title;
the holder's photo and particulars (name, gender, ID number in full, certificate level and
number, registration type and the period, emphasised); the registration authority (the
office of the final decision) and the decision date; the QR code
`SWDCERT1|<decision digest>|<application uid>|<valid to>` and a line saying how to verify
the certificate against the signed decision file.

All text is real text in the embedded CJK subset (selectable, searchable). Output is
deterministic (ReportLab's invariant mode), and rendering holds the shared `rendering.RENDER_LOCK`.
"""

from __future__ import annotations

import io
from typing import Literal
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from swdesk.core.formatting import date_cn
from swdesk.domain.certificate import CertificateData

from .certificate_paper import CRIMSON, GOLD, INNER, draw_paper
from .qr import draw_qr
from .single_page import single_page_pdf

Alignment = Literal[0, 1, 2, 4]  # ReportLab's TA_LEFT, TA_CENTER, TA_RIGHT, TA_JUSTIFY

PAGE_WIDTH, PAGE_HEIGHT = landscape(A4)  # 297 × 210 mm

INK = colors.Color(0.08, 0.08, 0.08)
LABEL = colors.Color(0.33, 0.30, 0.28)
FAINT = colors.Color(0.62, 0.58, 0.54)

PHOTO_W, PHOTO_H = 36 * mm, 48 * mm
ROW = 12 * mm  # baseline to baseline of the particulars
QR_SIZE = 40 * mm
LEFT = 30 * mm  # left edge of the photo
FIELDS_X = LEFT + PHOTO_W + 12 * mm  # labels of the particulars
RIGHT = PAGE_WIDTH - 30 * mm  # right edge of the QR code and the authority block
BODY_TOP = PAGE_HEIGHT - 62 * mm  # top of the photo, the particulars and the QR code


def render_registration_certificate(data: CertificateData) -> bytes:
    """The certificate as a PDF (bytes starting with %PDF)."""
    return single_page_pdf(
        (PAGE_WIDTH, PAGE_HEIGHT),
        lambda canv, font: _draw(canv, data, font),
        title=data.title,
        author="swdesk",
        subject=f"电子证书编号 {data.serial}；登记有效期 {date_cn(data.valid_from)}"
        f"至{date_cn(data.valid_to)}",
    )


# -- drawing ---------------------------------------------------------------------------------


def _draw(canv: Canvas, data: CertificateData, font: str) -> None:
    draw_paper(canv, PAGE_WIDTH, PAGE_HEIGHT)
    _title(canv, data, font)
    _photo(canv, data.photo_jpeg, font)
    _particulars(canv, data, font)
    _qr_block(canv, data, font)
    _statement(canv, data, font)
    _authority(canv, data, font)
    _verification(canv, data, font)


def _text(
    canv: Canvas,
    x: float,
    y: float,
    text: str,
    font: str,
    size: float,
    *,
    color: colors.Color = INK,
    align: str = "left",
    char_space: float = 0,
    bold: float = 0,
) -> float:
    """Draw one line; `bold` > 0 strokes the glyphs too (faux bold: the font has one
    weight). Returns the drawn width."""
    width = canv.stringWidth(text, font, size) + char_space * max(len(text) - 1, 0)
    if align == "center":
        x -= width / 2
    elif align == "right":
        x -= width
    canv.saveState()
    canv.setFont(font, size)
    canv.setFillColor(color)
    canv.setStrokeColor(color)
    canv.setLineWidth(bold)
    canv.drawString(x, y, text, mode=2 if bold else 0, charSpace=char_space)
    canv.restoreState()
    return width


def _title(canv: Canvas, data: CertificateData, font: str) -> None:
    centre = PAGE_WIDTH / 2
    top = PAGE_HEIGHT - INNER
    _text(
        canv,
        centre,
        top - 25 * mm,
        data.title,
        font,
        27,
        color=CRIMSON,
        align="center",
        char_space=3,
        bold=0.7,
    )
    _text(
        canv,
        centre,
        top - 32 * mm,
        "CERTIFICATE OF REGISTRATION · CERTIFIED SOCIAL WORKER",
        font,
        8.5,
        color=LABEL,
        align="center",
        char_space=1.6,
    )
    # a rule with a diamond in its middle
    y = top - 36.5 * mm
    canv.saveState()
    canv.setStrokeColor(GOLD)
    canv.setLineWidth(0.8)
    canv.line(centre - 62 * mm, y, centre - 3.5 * mm, y)
    canv.line(centre + 3.5 * mm, y, centre + 62 * mm, y)
    canv.setFillColor(CRIMSON)
    d = 1.8 * mm
    path = canv.beginPath()
    path.moveTo(centre, y + d)
    path.lineTo(centre + d, y)
    path.lineTo(centre, y - d)
    path.lineTo(centre - d, y)
    path.close()
    canv.drawPath(path, stroke=0, fill=1)
    canv.restoreState()
    _text(
        canv,
        PAGE_WIDTH - INNER - 9 * mm,
        top - 8.5 * mm,
        f"电子证书编号：{data.serial}",
        font,
        9,
        color=LABEL,
        align="right",
    )


def _photo(canv: Canvas, jpeg: bytes | None, font: str) -> None:
    x, y = LEFT, BODY_TOP - PHOTO_H
    canv.saveState()
    if jpeg:
        canv.drawImage(
            ImageReader(io.BytesIO(jpeg)),
            x,
            y,
            PHOTO_W,
            PHOTO_H,
            preserveAspectRatio=True,
            anchor="c",
        )
        canv.setStrokeColor(GOLD)
        canv.setLineWidth(0.8)
        canv.rect(x, y, PHOTO_W, PHOTO_H, stroke=1, fill=0)
    else:
        canv.setStrokeColor(FAINT)
        canv.setLineWidth(0.6)
        canv.setDash(2, 2)
        canv.rect(x, y, PHOTO_W, PHOTO_H, stroke=1, fill=0)
        canv.setDash()
        _text(canv, x + PHOTO_W / 2, y + PHOTO_H / 2, "照片", font, 12, color=FAINT, align="center")
    canv.restoreState()


def _particulars(canv: Canvas, data: CertificateData, font: str) -> None:
    """Label/value rows with a thin rule under each value."""
    label_w = 27 * mm
    right_col = FIELDS_X + 68 * mm  # the second pair of a two-pair row
    end = RIGHT - QR_SIZE - 12 * mm  # the particulars stop short of the QR code
    y = BODY_TOP - 6 * mm

    def pair(
        x: float,
        x_end: float,
        label: str,
        value: str,
        *,
        size: float = 13,
        color: colors.Color = INK,
        bold: float = 0.25,
    ) -> None:
        _text(canv, x, y, label, font, 10.5, color=LABEL, char_space=0.5)
        room = x_end - (x + label_w) - 1 * mm
        while size > 8 and canv.stringWidth(value, font, size) > room:
            size -= 0.5  # a long value (a certificate number, a name) shrinks to fit
        _text(canv, x + label_w, y, value, font, size, color=color, bold=bold)
        canv.saveState()
        canv.setStrokeColor(FAINT)
        canv.setLineWidth(0.4)
        canv.line(x + label_w - 1 * mm, y - 2.2 * mm, x_end, y - 2.2 * mm)
        canv.restoreState()

    pair(FIELDS_X, right_col - 6 * mm, "姓　　名", data.holder_name, size=15, bold=0.45)
    pair(right_col, end, "性　　别", data.gender_label)
    y -= ROW
    pair(FIELDS_X, end, "公民身份号码", data.id_number)
    y -= ROW
    pair(FIELDS_X, right_col - 6 * mm, "证书级别", data.level_label)
    pair(right_col, end, "证书管理号", data.certificate_number)
    y -= ROW
    pair(FIELDS_X, end, "登记类别", data.registration_label)
    y -= ROW
    period = f"{date_cn(data.valid_from)} 至 {date_cn(data.valid_to)}"
    pair(FIELDS_X, end, "登记有效期", period, size=14, color=CRIMSON, bold=0.45)


def _qr_block(canv: Canvas, data: CertificateData, font: str) -> None:
    x, y = RIGHT - QR_SIZE, BODY_TOP - QR_SIZE
    canv.saveState()
    canv.setFillColor(colors.white)
    canv.setStrokeColor(GOLD)
    canv.setLineWidth(0.8)
    canv.rect(x, y, QR_SIZE, QR_SIZE, stroke=1, fill=1)
    canv.restoreState()
    draw_qr(canv, data.qr_payload, x, y, QR_SIZE)
    _text(
        canv,
        x + QR_SIZE / 2,
        y - 4.5 * mm,
        "扫码核验登记决定",
        font,
        9,
        color=LABEL,
        align="center",
        char_space=0.5,
    )


def _paragraph(
    text: str,
    font: str,
    size: float,
    *,
    color: colors.Color = INK,
    align: Alignment = TA_LEFT,
    leading: float | None = None,
    first_indent: float = 0,
) -> Paragraph:
    style = ParagraphStyle(
        name=f"cert-{size}-{align}",
        fontName=font,
        fontSize=size,
        leading=leading or round(size * 1.5, 1),
        textColor=color,
        alignment=align,
        firstLineIndent=first_indent,
        wordWrap="CJK",
        splitLongWords=True,
    )
    return Paragraph(escape(text), style)


def _statement(canv: Canvas, data: CertificateData, font: str) -> None:
    kind = data.registration_label
    text = (
        f"兹证明{data.holder_name}持有社会工作者职业水平证书（{data.level_label}），"
        f"经{data.office_name}审核，准予{kind}，特发此证。"
    )
    para = _paragraph(text, font, 12, leading=20, first_indent=24)
    width = RIGHT - LEFT
    _w, h = para.wrap(width, 40 * mm)
    para.drawOn(canv, LEFT, BODY_TOP - 6 * mm - 4 * ROW - 11 * mm - h)


def _authority(canv: Canvas, data: CertificateData, font: str) -> None:
    y = INNER + 36 * mm
    _text(canv, RIGHT, y, f"登记机关：{data.office_name}", font, 13, align="right", bold=0.3)
    _text(
        canv,
        RIGHT,
        y - 8 * mm,
        f"审核决定日期：{date_cn(data.decided_on)}",
        font,
        11,
        align="right",
        color=LABEL,
    )


def _verification(canv: Canvas, data: CertificateData, font: str) -> None:
    text = (
        "核验方法：扫描二维码得到“SWDCERT1|决定文件摘要|申请编号|有效期至”。请持证人出示"
        "登记机关以数字签名签发的终审决定文件（.swddec），其 SHA-256 摘要须与二维码一致，"
        "并用 swdesk 核验签名来自省级民政部门公布的可信机关。本证书由 swdesk 根据该决定文件"
        "生成，不加盖实物印章。"
    )
    para = _paragraph(text, font, 7.5, color=LABEL, leading=11)
    width = 150 * mm
    para.wrap(width, 30 * mm)
    bottom = INNER + 13 * mm
    para.drawOn(canv, LEFT, bottom)
    canv.saveState()
    canv.setFont(font, 7)
    canv.setFillColor(LABEL)
    canv.drawString(LEFT, bottom - 5 * mm, f"决定文件摘要（SHA-256）：{data.decision_digest}")
    canv.drawString(LEFT, bottom - 9 * mm, f"申请编号：{data.application_uid}")
    canv.restoreState()
