"""The automatic checks of the bundle's files: the ID photo decoded with `media.photo`'s
limits, every PDF member within `swdesk.pdf.limits` before anything parses it, and the form
PDF's text against application.json, read with PDFium (pypdfium2) and bounded in pages and
text (`checks.run_checks` runs them with the checks of application.json).

A file that cannot even be looked at safely (a photo that is no image or a decompression
bomb, a PDF too costly to read) is not a failed check but a refused bundle: these raise
`UserFixableError` naming the file and the member.
"""

from __future__ import annotations

import ctypes
import logging
import re
from collections.abc import Iterator
from typing import Any

from swdesk.core.formatting import hours_text
from swdesk.domain.errors import UserFixableError
from swdesk.pdf.limits import PdfLimits, PdfTooComplex, check_pdf_limits

from .application_checks import hours_of
from .models import CheckResult

__all__ = [
    "MAX_FORM_BYTES",
    "MAX_FORM_PAGES",
    "check_form",
    "check_pdf_member",
    "check_photo",
]

log = logging.getLogger(__name__)

MAX_FORM_BYTES = 8 << 20  # the form swdesk renders is well under 1 MB
MAX_FORM_PAGES = 20
MAX_FORM_TEXT = 200_000  # characters of extracted text looked at
_PHOTO_REFUSALS = frozenset({"photo_not_image", "photo_too_many_pixels", "photo_file_too_large"})


def check_photo(data: bytes, *, file: str) -> CheckResult:
    """The ID photo decoded with swdesk's own limits (size, pixel count before decoding).
    Raises UserFixableError (params file, member) when it is no usable image at all."""
    from swdesk.media.photo import MAX_FILE_BYTES, normalised_size

    try:
        width, height = normalised_size(data, source_name="photo.jpg")
    except UserFixableError as error:
        if error.code in _PHOTO_REFUSALS:
            params = {**error.params, "file": file, "member": "photo.jpg"}
            raise UserFixableError(error.code, **params) from error
        params = {k: v for k, v in error.params.items() if k != "file"}
        return CheckResult("photo_acceptable", False, {"problem": error.code, **params})
    return CheckResult(
        "photo_acceptable",
        True,
        {
            "width": width,
            "height": height,
            "bytes": len(data),
            "max_bytes": MAX_FILE_BYTES,
        },
    )


def check_pdf_member(data: bytes, *, file: str, member: str, limits: PdfLimits) -> None:
    """Raise UserFixableError "pdf_too_complex" (params file, member, reason) when the PDF
    member would cost more than `limits` to read (see swdesk.pdf.limits)."""
    try:
        check_pdf_limits(data, limits)
    except PdfTooComplex as exc:
        raise UserFixableError(
            "pdf_too_complex", file=file, member=member, reason=str(exc)
        ) from exc


def _form_pages(data: bytes) -> tuple[int, Iterator[str]]:
    """The page count of the form PDF and its pages' text, whitespace removed, one page at a
    time (bounded: at most MAX_FORM_PAGES pages, MAX_FORM_TEXT characters in all). PDFium
    reads it (about ten times faster than a pure-Python parser), through pypdfium2's
    bindings of its C functions: its Python helpers cost some 50 µs a form more."""
    import pypdfium2  # noqa: F401 - initialises PDFium once per process
    import pypdfium2.raw as pdfium_c

    document = pdfium_c.FPDF_LoadMemDocument64(data, len(data), None)  # reads `data` in place
    if not document:
        raise ValueError(f"PDFium cannot load it (error {pdfium_c.FPDF_GetLastError()})")
    pages = pdfium_c.FPDF_GetPageCount(document)
    if pages > MAX_FORM_PAGES:
        pdfium_c.FPDF_CloseDocument(document)
        raise ValueError(f"more than {MAX_FORM_PAGES} pages")

    def texts(kept: bytes = data) -> Iterator[str]:  # `kept`: PDFium reads it till closed
        length = 0
        try:
            for index in range(pages):
                text = _page_text(document, index, MAX_FORM_TEXT + 1 - length)
                length += len(text)
                yield text
                if length > MAX_FORM_TEXT:
                    return
        finally:
            pdfium_c.FPDF_CloseDocument(document)

    return pages, texts()


def _page_text(document: Any, index: int, most: int) -> str:
    """The text of page `index` (at most `most` characters), whitespace removed."""
    import pypdfium2.raw as pdfium_c  # loaded with the document (`_form_pages`)

    page = pdfium_c.FPDF_LoadPage(document, index)
    if not page:
        raise ValueError(f"page {index + 1} cannot be loaded")
    try:
        textpage = pdfium_c.FPDFText_LoadPage(page)
        if not textpage:
            raise ValueError(f"the text of page {index + 1} cannot be read")
        try:
            count = min(pdfium_c.FPDFText_CountChars(textpage), most)
            if count <= 0:
                return ""
            out = ctypes.create_string_buffer(count * 2 + 2)  # UTF-16 and its terminator
            written = pdfium_c.FPDFText_GetText(
                textpage, 0, count, ctypes.cast(out, ctypes.POINTER(ctypes.c_ushort))
            )
            text = out.raw[: max(written - 1, 0) * 2].decode("utf-16-le", errors="replace")
        finally:
            pdfium_c.FPDFText_ClosePage(textpage)
    finally:
        pdfium_c.FPDF_ClosePage(page)
    return "".join(text.split())


def _shows(value: str, text: str) -> bool:
    """`value` is in the page's text. A character that no font swdesk ships can draw prints
    as an empty box whose text is lost or garbled: it matches any one character or none, so
    the applicant is never failed for swdesk's font (swdesk.pdf.fonts)."""
    if value in text:
        return True
    from swdesk.pdf.fonts import missing_glyphs  # ReportLab: only when the plain match fails

    undrawable = missing_glyphs(value)
    if not undrawable:
        return False
    pattern = "".join(".?" if ch in undrawable else re.escape(ch) for ch in value)
    return re.search(pattern, text, re.DOTALL) is not None


def check_form(application: dict[str, Any], form: bytes) -> CheckResult:
    """The form PDF shows the same name, ID number, total hours (re-registration only) and
    application number (uid and version) as application.json. Pages are read until
    everything is found."""
    if len(form) > MAX_FORM_BYTES:
        return CheckResult(
            "pdf_matches_json", False, {"problem": "too_large", "max_bytes": MAX_FORM_BYTES}
        )
    applicant = application["applicant"]
    app = application["application"]
    counted = hours_text(hours_of((application.get("hours") or {}).get("counted")))
    expected = {
        "name": "".join(str(applicant.get("name", "")).split()),
        "id_number": str(applicant.get("id_number", "")),
        "uid": str(app.get("uid", "")),
        "version": f"第{app.get('version')}版",
        "hours": f"合计{counted}学时",
    }
    if app.get("kind") == "first":  # a first-registration form prints no hours at all
        del expected["hours"]
    missing = {key for key, value in expected.items() if value}
    try:
        pages, texts = _form_pages(form)
        for text in texts:
            missing -= {key for key in missing if _shows(expected[key], text)}
            if not missing:
                break
    except Exception as exc:  # a hostile PDF may raise any kind of exception
        log.info("form.pdf could not be read: %s", exc)
        return CheckResult(
            "pdf_matches_json", False, {"problem": "unreadable", "reason": str(exc)[:200]}
        )
    mismatch = [key for key in expected if key in missing or not expected[key]]
    return CheckResult("pdf_matches_json", not mismatch, {"mismatch": mismatch, "pages": pages})
