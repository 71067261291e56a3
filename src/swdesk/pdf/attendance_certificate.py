"""The printable certificate of a continuing-education attendance record (A4 portrait): who
attended which course, for how many hours, issued by which provider, with a QR code holding
the record's digest (`SWDCE1|<record id>|<SHA-256 of the .swdce file>`), so a paper copy
names exactly one signed record (docs/review-formats.md §8).

The certificate is a convenience for people; the signed `.swdce` file is the proof. It shows
the attendee's ID number masked, as swdesk shows it everywhere outside the form.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from swdesk.core.formatting import date_cn

from .cjk_wrap import wrap_lines
from .qr import draw_qr
from .single_page import single_page_pdf

__all__ = ["AttendanceCertificateData", "render_attendance_certificate"]

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 22 * mm
INK = colors.Color(0.08, 0.08, 0.08)
MUTED = colors.Color(0.35, 0.35, 0.35)
RULE = colors.Color(0.55, 0.12, 0.12)
QR_SIZE = 38 * mm
LABEL_WIDTH = 36 * mm


@dataclass(frozen=True, slots=True)
class AttendanceCertificateData:
    """What the certificate prints; every text already in its printed form."""

    attendee_name: str
    masked_id_number: str
    course_title: str
    activity_type: str  # Chinese label, e.g. 培训
    content_area: str  # Chinese label, e.g. 专业价值观与伦理
    start_date: date
    end_date: date
    hours: str
    provider_name: str
    provider_credit_code: str
    provider_fingerprint: str  # in groups of four, for reading out
    record_id: str
    issued_on: date
    qr_payload: str


def render_attendance_certificate(data: AttendanceCertificateData) -> bytes:
    """The certificate as a one-page PDF (bytes starting with %PDF)."""
    return single_page_pdf(
        (PAGE_WIDTH, PAGE_HEIGHT),
        lambda canv, font: _draw(canv, data, font),
        title=f"继续教育学时证明 {data.attendee_name}",
        author=data.provider_name,
        subject=f"{data.course_title}；{data.hours} 学时；记录编号 {data.record_id}",
    )


def _line(
    canv: Canvas, x: float, y: float, text: str, font: str, size: float, **kw: object
) -> None:
    canv.saveState()
    canv.setFont(font, size)
    canv.setFillColor(kw.get("color", INK))  # type: ignore[arg-type]
    if kw.get("align") == "center":
        canv.drawCentredString(x, y, text)
    else:
        canv.drawString(x, y, text)
    canv.restoreState()


def _draw(canv: Canvas, data: AttendanceCertificateData, font: str) -> None:
    top = PAGE_HEIGHT - MARGIN
    canv.setStrokeColor(RULE)
    canv.setLineWidth(1.2)
    canv.rect(MARGIN / 2, MARGIN / 2, PAGE_WIDTH - MARGIN, PAGE_HEIGHT - MARGIN)
    _line(canv, PAGE_WIDTH / 2, top - 18 * mm, "继续教育学时证明", font, 26, align="center")
    _line(
        canv,
        PAGE_WIDTH / 2,
        top - 27 * mm,
        "Continuing Education Attendance Certificate",
        font,
        11,
        align="center",
        color=MUTED,
    )
    y = top - 48 * mm
    width = PAGE_WIDTH - 2 * MARGIN - LABEL_WIDTH
    rows = [
        ("姓名", data.attendee_name),
        ("公民身份号码", data.masked_id_number),
        ("课程名称", data.course_title),
        ("活动类型", data.activity_type),
        ("内容类别", data.content_area),
        ("学习时间", f"{date_cn(data.start_date)}至{date_cn(data.end_date)}"),
        ("学时", f"{data.hours} 学时"),
        ("培训机构", data.provider_name),
        ("统一社会信用代码", data.provider_credit_code),
    ]
    size = 13
    for label, value in rows:
        _line(canv, MARGIN, y, label, font, 11, color=MUTED)
        for piece in wrap_lines(value, width, lambda t: canv.stringWidth(t, font, size)):
            _line(canv, MARGIN + LABEL_WIDTH, y, piece, font, size)
            y -= 7.5 * mm
        y -= 2 * mm
    statement = (
        f"兹证明{data.attendee_name}参加上述继续教育活动，完成学时如上。"
        "本证明对应一份由培训机构签名的电子学时记录（.swdce），以该电子记录为准。"
    )
    y -= 4 * mm
    for piece in wrap_lines(
        statement, PAGE_WIDTH - 2 * MARGIN, lambda t: canv.stringWidth(t, font, 11)
    ):
        _line(canv, MARGIN, y, piece, font, 11)
        y -= 6.5 * mm
    right = PAGE_WIDTH - MARGIN
    canv.saveState()
    canv.setFont(font, 12)
    canv.setFillColor(INK)
    canv.drawRightString(right, MARGIN + QR_SIZE + 24 * mm, data.provider_name)
    canv.drawRightString(right, MARGIN + QR_SIZE + 16 * mm, date_cn(data.issued_on))
    canv.restoreState()
    draw_qr(canv, data.qr_payload, MARGIN, MARGIN + 6 * mm, QR_SIZE)
    small = 8
    x = MARGIN + QR_SIZE + 6 * mm
    lines = [
        f"记录编号 Record: {data.record_id}",
        "机构密钥指纹 Provider key fingerprint:",
        data.provider_fingerprint[:39],
        data.provider_fingerprint[40:],
        "扫描二维码可核对对应的电子学时记录。",
    ]
    yy = MARGIN + QR_SIZE
    for text in lines:
        _line(canv, x, yy, text, font, small, color=MUTED)
        yy -= 5 * mm
