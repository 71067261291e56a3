"""The application form as the reviewer first sees it: rendered with the middle of the
applicant's ID number painted over and replaced by the asterisks of its masked form, so the
full number shows only after the audited "Show full ID number"."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter

from swdesk.domain.identity import mask_id_number

from ..pdf_preview import render_pages


class IdNotFoundOnForm(Exception):
    """The form's text layer does not hold the ID number, so it cannot be masked."""


def render_masked(pdf: bytes, dpi: float, id_number: str) -> list[QImage]:
    """The pages of `pdf` with the middle of every occurrence of `id_number` painted over
    and replaced by the masked form's asterisks (what `mask_id_number` hides). Raises
    IdNotFoundOnForm when the number is nowhere in the text, as the form would otherwise
    be shown with it in clear."""
    import pypdfium2 as pdfium

    images = render_pages(pdf, dpi)
    masked = mask_id_number(id_number)
    head = len(masked) - len(masked.lstrip("0123456789Xx")) if masked else 0
    tail = len(masked) - head - masked.count("*")
    hidden = len(id_number) - head - tail  # the characters the masked form leaves out
    scale = dpi / 72.0
    found = 0
    document = pdfium.PdfDocument(pdf)
    try:
        for index, image in enumerate(images):
            page = document[index]
            height = page.get_height()
            text = page.get_textpage()
            searcher = text.search(id_number, match_case=False)
            hits: list[list[QRectF]] = []  # per occurrence: one box per hidden digit
            while (hit := searcher.get_next()) is not None:
                start, count = hit
                if count != len(id_number):
                    continue
                cells = []
                for offset in range(head, head + hidden):
                    left, bottom, right, top = text.get_charbox(start + offset)
                    pad = (top - bottom) * 0.25
                    cells.append(
                        QRectF(
                            left * scale,
                            (height - top - pad) * scale,
                            (right - left) * scale,
                            (top - bottom + 2 * pad) * scale,
                        )
                    )
                hits.append(cells)
            searcher.close()
            text.close()
            page.close()
            if hits:
                found += len(hits)
                painter = QPainter(image)
                painter.setPen(QColor("black"))
                for cells in hits:
                    whole = cells[0]
                    for cell in cells[1:]:
                        whole = whole.united(cell)
                    painter.fillRect(
                        whole.adjusted(-0.5 * scale, 0, 0.5 * scale, 0), QColor("white")
                    )
                    font = painter.font()
                    font.setPixelSize(max(6, int(whole.height() * 0.75)))
                    painter.setFont(font)
                    for cell in cells:  # each star where its digit was
                        painter.drawText(cell, Qt.AlignmentFlag.AlignCenter, "*")
                painter.end()
    finally:
        document.close()
    if not found:
        raise IdNotFoundOnForm
    return images
