"""Showing and printing a PDF inside swdesk: pages rendered with PDFium (pypdfium2).

Rendering runs off the GUI thread (QImage is safe there); printing draws each page at the
printer's resolution over the full paper, so the form prints at 100 %.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPageSize, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QScrollArea, QWidget

from swdesk.services.documents import check_document_pdf

from .plain_text import plain_label

MAX_RENDERED_PAGES = 100  # a longer PDF shows its first pages only
MAX_PAGE_PIXELS = 25_000_000  # a page larger than this at `dpi` is rendered smaller


def render_pages(pdf: bytes, dpi: float) -> list[QImage]:
    """The pages of `pdf` (at most MAX_RENDERED_PAGES) as RGB images at `dpi`, a huge page
    scaled down to MAX_PAGE_PIXELS. Raises PdfTooComplex (a ValueError) before PDFium sees
    a PDF that would inflate beyond the limits for documents (services.documents)."""
    import pypdfium2 as pdfium

    check_document_pdf(pdf)
    document = pdfium.PdfDocument(pdf)
    try:
        images = []
        for index in range(min(len(document), MAX_RENDERED_PAGES)):
            page = document[index]
            scale = dpi / 72.0
            width, height = page.get_size()
            area = max(width * height, 1.0) * scale * scale
            if area > MAX_PAGE_PIXELS:
                scale *= (MAX_PAGE_PIXELS / area) ** 0.5
            bitmap = page.render(scale=scale)
            pil = bitmap.to_pil().convert("RGB")
            data = pil.tobytes()
            image = QImage(
                data, pil.width, pil.height, pil.width * 3, QImage.Format.Format_RGB888
            ).copy()
            images.append(image)
            page.close()
        return images
    finally:
        document.close()


def print_pdf(pdf: bytes, printer: QPrinter) -> int:
    """Print every page at 100 % (no fit-to-page scaling); returns the number of pages."""
    printer.setFullPage(True)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))  # the form is A4: no rescaling
    dpi = min(printer.resolution(), 300)
    pages = render_pages(pdf, dpi)
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("the printer could not be opened")
    try:
        for number, image in enumerate(pages):
            if number:
                printer.newPage()
            target = printer.paperRect(QPrinter.Unit.DevicePixel).toRect()
            painter.drawImage(target, image)
    finally:
        painter.end()
    return len(pages)


class PdfPreview(QScrollArea):
    """A scrollable column of the pages, drawn as one picture with a gap between pages."""

    GAP = 12

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pdfPreview")
        self.setAccessibleName(self.tr("Preview of the application form"))
        self.setWidgetResizable(True)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.canvas = plain_label()
        self.canvas.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.setWidget(self.canvas)
        self.page_count = 0

    def show_pages(self, images: list[QImage]) -> None:
        self.page_count = len(images)
        if not images:
            self.canvas.clear()
            return
        width = max(i.width() for i in images) + 2
        height = sum(i.height() + 2 for i in images) + self.GAP * (len(images) - 1)
        sheet = QPixmap(width, height)
        sheet.fill(Qt.GlobalColor.transparent)
        painter = QPainter(sheet)
        y = 0
        for image in images:
            painter.fillRect(0, y, image.width() + 2, image.height() + 2, Qt.GlobalColor.gray)
            painter.drawImage(1, y + 1, image)
            y += image.height() + 2 + self.GAP
        painter.end()
        self.canvas.setPixmap(sheet)
        images_count = len(images)
        self.canvas.setAccessibleDescription(self.tr("%n page(s)", "", images_count))
