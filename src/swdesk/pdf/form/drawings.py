"""The drawn parts of the form: the title block with its QR code, section headings, the ID
photo box, tick boxes, and the writing and seal areas of the opinion blocks."""

from __future__ import annotations

import hashlib
import io
from typing import Any, cast

from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from swdesk.core.formatting import date_cn, hours_text
from swdesk.domain.application_form import ApplicationFormData

from ..bounded import BoundedCache
from ..fonts import ensure_font
from ..qr import draw_qr
from .page import (
    CONTENT_WIDTH,
    FAINT,
    GREY_TEXT,
    INK,
    PHOTO_NAMES,
    QR_SIZE,
    SEAL,
    bold_text,
    text_lines,
)


class TitleBlock(Flowable):
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

        bold_text(
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


NOTE_SIZE = 8.5  # points: a heading's note (学时要求依据 …)
MIN_NOTE_SIZE = 6.0


class Heading(Flowable):
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
        bold_text(self.canv, 0, baseline, self.text, 12)
        if self.note:
            font = ensure_font()
            x = self.canv.stringWidth(self.text, font, 12) + 3 * mm
            # a rule pack with a long name: the note shrinks to the line rather than run out
            size = NOTE_SIZE
            width = self.canv.stringWidth(self.note, font, size)
            if width > self.width - x:
                size = max(MIN_NOTE_SIZE, size * (self.width - x) / width)
            self.canv.setFont(font, size)
            self.canv.setFillColor(GREY_TEXT)
            self.canv.drawString(x, baseline, self.note)


def photo_size(data: ApplicationFormData) -> tuple[float, float]:
    """The printed photo's (width, height) in points, as the rule pack gives it in mm."""
    width, height = data.photo_size_mm
    return float(width) * mm, float(height) * mm


def _photo_label(data: ApplicationFormData) -> str:
    width, height = data.photo_size_mm
    size = f"{hours_text(width)}×{hours_text(height)} mm"
    name = (
        PHOTO_NAMES.get((int(width), int(height)))
        if width == int(width) and height == int(height)
        else None
    )
    return f"{name} {size}" if name else size


class PhotoBox(Flowable):
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
            image = _PhotoReader(self.jpeg)
            image_w, image_h = image.getSize()
            scale = max(width / image_w, height / image_h)
            drawn_w, drawn_h = image_w * scale, image_h * scale
            canv.saveState()
            clip = canv.beginPath()
            clip.rect(0, 0, width, height)
            canv.clipPath(clip, stroke=0, fill=0)
            canv.drawImage(image, (width - drawn_w) / 2, (height - drawn_h) / 2, drawn_w, drawn_h)
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


#: Decoded photos kept (by the JPEG's SHA-256): a 354×472 photo is 0.5 MB of pixels.
_PHOTO_PIXELS = 4
_pixels = BoundedCache[bytes, tuple[bytes, str]](_PHOTO_PIXELS)


class _PhotoReader(ImageReader):
    """The photo for ReportLab's `drawImage`, which embeds a JPEG's bytes as they are but
    decodes its pixels to name the image in the PDF (a digest of them): decoded once per
    photo, the pixels kept under the JPEG's SHA-256, so the same photo on the next form is
    not decoded again and another photo can never get these pixels."""

    def __init__(self, jpeg: bytes) -> None:
        super().__init__(io.BytesIO(jpeg))
        self._digest = hashlib.sha256(jpeg).digest()

    def getRGBData(self) -> bytes:  # noqa: N802 - ReportLab's name
        state: Any = self  # ImageReader's own attributes, untyped in its stubs
        if state._data is None:
            found = _pixels.get(self._digest)
            if found is not None:
                state._data, state.mode = found
                state._dataA = None
            else:
                decoded: bytes = super().getRGBData()  # type: ignore[no-untyped-call]
                if getattr(state, "_dataA", None) is None:  # JPEG: no alpha; else: not kept
                    _pixels.put(self._digest, (decoded, str(state.mode)))
        return cast(bytes, state._data)


class CheckMark(Flowable):
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
    box = CheckMark.BOX
    canv.setStrokeColor(INK)
    canv.setLineWidth(0.7)
    canv.rect(x, y, box, box, stroke=1, fill=0)
    canv.setFillColor(INK)
    canv.setFont(ensure_font(), size)
    canv.drawString(x + box + 1.5 * mm, y + 0.16 * box, label)
    return x + box + 1.5 * mm + canv.stringWidth(label, ensure_font(), size)


class OpinionArea(Flowable):
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


class SealArea(Flowable):
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
        lines = text_lines(f"{self.owner}{self.caption}", self.width, size)
        while len(lines) > 2 and size > 6:
            size -= 0.5
            lines = text_lines(f"{self.owner}{self.caption}", self.width, size)
        canv.setFillColor(INK)
        canv.setFont(font, size)
        baseline = y - size - 1.5 * mm
        for line in lines[:2]:
            canv.drawCentredString(self.width / 2, baseline, line)
            baseline -= size * 1.25
        canv.setFont(font, 10)
        canv.drawCentredString(self.width / 2, 2 * mm, "______年____月____日")
