"""Showing and printing a PDF inside swdesk: pages rendered with PDFium (pypdfium2).

Rendering runs off the GUI thread (QImage is safe there); printing draws each page at the
printer's resolution over the full paper, so the form prints at 100 %.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget


def render_pages(pdf: bytes, dpi: float) -> list[QImage]:
    """Every page of `pdf` as an RGB image at `dpi`."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        images = []
        for index in range(len(document)):
            page = document[index]
            bitmap = page.render(scale=dpi / 72.0)
            pil = bitmap.to_pil().convert("RGB")
            data = pil.tobytes()
            image = QImage(data, pil.width, pil.height, pil.width * 3,
                           QImage.Format.Format_RGB888).copy()
            images.append(image)
            page.close()
        return images
    finally:
        document.close()


def print_pdf(pdf: bytes, printer: QPrinter) -> int:
    """Print every page at 100 % (no fit-to-page scaling); returns the number of pages."""
    printer.setFullPage(True)
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
    """A scrollable column of page images."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pdfPreview")
        self.setAccessibleName(self.tr("Preview of the application form"))
        self.setWidgetResizable(True)
        self._body = QWidget()
        self._layout = QVBoxLayout(self._body)
        self._layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.setWidget(self._body)
        self.page_labels: list[QLabel] = []

    def show_pages(self, images: list[QImage]) -> None:
        for label in self.page_labels:
            label.deleteLater()
        self.page_labels = []
        for number, image in enumerate(images, start=1):
            label = QLabel()
            label.setPixmap(QPixmap.fromImage(image))
            label.setAccessibleName(self.tr("Page %1").replace("%1", str(number)))
            label.setStyleSheet("border: 1px solid #8a8886; background: white;")
            self._layout.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
            self.page_labels.append(label)
