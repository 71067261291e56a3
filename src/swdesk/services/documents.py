"""Checks a PDF document passes before it is rendered on screen.

PDFium inflates a page's streams in memory; a crafted PDF (a few kilobytes that inflate to
gigabytes) is refused first with `PdfTooComplex` (in services.errors), a `ValueError` whose
message says why. The limits are those for scanned evidence and materials.
"""

from swdesk.pdf.limits import DOCUMENT_PDF_LIMITS, check_pdf_limits

__all__ = ["check_document_pdf"]


def check_document_pdf(pdf: bytes) -> None:
    """Raise PdfTooComplex when `pdf` would inflate beyond the limits for documents."""
    check_pdf_limits(pdf, DOCUMENT_PDF_LIMITS)
