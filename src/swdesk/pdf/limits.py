"""How much a PDF from someone else may cost to read, checked before PDFium sees it.

A PDF of a few megabytes can hold a content stream that inflates to gigabytes (a
"deflate bomb"); PDFium inflates a page's streams whole while extracting text or
rendering, so reading such a file would take minutes and all the memory there is. This
module scans the file's bytes for every `stream` keyword and inflates each FlateDecode
stream incrementally (zlib with `max_length`), counting the output and stopping as soon
as a limit is passed; nothing inflated is kept. Filters whose output cannot be bounded
that cheaply are refused when their input could exceed the limit (LZW at its worst
expands about 2,700 times, RunLength 64 times), chained filters and filters given
indirectly are refused outright (swdesk and ordinary scanners write one direct filter),
and an image whose declared width × height is above `MAX_IMAGE_PIXELS` is refused before
anything decodes it.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

__all__ = [
    "DOCUMENT_PDF_LIMITS",
    "FORM_PDF_LIMITS",
    "MAX_IMAGE_PIXELS",
    "PdfLimits",
    "PdfTooComplex",
    "check_pdf_limits",
]

MAX_IMAGE_PIXELS = 60_000_000  # an A4 page scanned at 600 dpi has 35 megapixels
_CHUNK = 1 << 16
_OUT = 1 << 20
_LZW_RATIO = 2731  # at most 4096 bytes per 12-bit code
_RUNLENGTH_RATIO = 64  # at most 128 bytes per 2 bytes
_HEADER_WINDOW = 4096  # how far before `stream` the stream's dictionary is looked for

_STREAM = re.compile(rb"(?<![A-Za-z])stream(?![A-Za-z])[ \t\f\x00]*(?:\r\n|\n|\r)?")
_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[^\s/\[\]<>()]+|\d+\s+\d+\s+R)")
_NAME = re.compile(rb"/([^\s/\[\]<>()]+)")
_WIDTH = re.compile(rb"/(?:Width|W)\s+(\d{1,12})(?![\d.])")
_HEIGHT = re.compile(rb"/(?:Height|H)\s+(\d{1,12})(?![\d.])")
_NOT_INFLATING = frozenset(
    {
        b"DCTDecode",
        b"DCT",
        b"JPXDecode",
        b"CCITTFaxDecode",
        b"CCF",
        b"JBIG2Decode",
        b"ASCIIHexDecode",
        b"AHx",
        b"ASCII85Decode",
        b"A85",
        b"Crypt",
    }
)


@dataclass(frozen=True, slots=True)
class PdfLimits:
    """`max_stream_bytes`: one stream inflated; `max_total_bytes`: all streams together."""

    max_stream_bytes: int
    max_total_bytes: int


# swdesk's own form inflates to well under 1 MB; evidence and materials are scans, whose
# Flate-compressed pages (300 dpi A4 in colour: 26 MB each) PDFium inflates one at a time.
FORM_PDF_LIMITS = PdfLimits(max_stream_bytes=16 << 20, max_total_bytes=64 << 20)
DOCUMENT_PDF_LIMITS = PdfLimits(max_stream_bytes=128 << 20, max_total_bytes=2 << 30)


class PdfTooComplex(ValueError):
    """The PDF would cost more than the limits to read; the message says why."""


def check_pdf_limits(data: bytes, limits: PdfLimits) -> None:
    """Raise PdfTooComplex when some stream of `data` inflates beyond the limits, uses a
    filter whose output cannot be bounded, or declares an image above MAX_IMAGE_PIXELS."""
    total = 0
    view = memoryview(data)
    for match in _streams(data):
        keyword = match.start()
        header = _stream_header(data, keyword)
        filters = _filters(header)
        _check_image(header)
        start = match.end()
        if not filters:
            continue
        if len(filters) > 1:
            raise PdfTooComplex("a stream with more than one filter")
        name = filters[0]
        if name in (b"FlateDecode", b"Fl"):
            size = _inflated_size(view[start:], limits.max_stream_bytes + 1)
            if size > limits.max_stream_bytes:
                raise PdfTooComplex(
                    f"a stream inflates to more than {limits.max_stream_bytes} bytes"
                )
        elif name in (b"LZWDecode", b"LZW", b"RunLengthDecode", b"RL"):
            ratio = _LZW_RATIO if name.startswith(b"L") else _RUNLENGTH_RATIO
            size = _raw_length(data, start) * ratio
            if size > limits.max_stream_bytes:
                raise PdfTooComplex(
                    f"a {name.decode()} stream could expand beyond {limits.max_stream_bytes} bytes"
                )
        elif name not in _NOT_INFLATING:
            raise PdfTooComplex(f"an unknown filter {name.decode('latin-1')[:40]}")
        else:
            size = 0
        total += size
        if total > limits.max_total_bytes:
            raise PdfTooComplex(f"streams inflate to more than {limits.max_total_bytes} bytes")


def _streams(data: bytes) -> Iterator[re.Match[bytes]]:
    """The matches of `_STREAM` in `data`, as `_STREAM.finditer` finds them, ten times
    faster: a pattern that starts with a lookbehind is tried at every byte, while
    `bytes.find` jumps from one "stream" to the next (the word cannot overlap itself)."""
    position = data.find(b"stream")
    while position >= 0:
        match = _STREAM.match(data, position)  # the lookbehind sees the byte before
        if match is not None:
            yield match
            position = data.find(b"stream", match.end())
        else:
            position = data.find(b"stream", position + 1)


def _stream_header(data: bytes, keyword: int) -> bytes:
    """The bytes between the stream's `obj` keyword (or the window's start) and `stream`."""
    window = data[max(0, keyword - _HEADER_WINDOW) : keyword]
    found = window.rfind(b"obj")
    return window[found + 3 :] if found >= 0 else window


def _filters(header: bytes) -> list[bytes]:
    found = _FILTER.search(header)
    if found is None:
        return []
    value = found.group(1)
    if value.endswith(b"R"):
        raise PdfTooComplex("a stream's filter given by reference")
    return [name.group(1) for name in _NAME.finditer(value)]


def _check_image(header: bytes) -> None:
    if b"/Image" not in header:
        return
    width, height = _WIDTH.search(header), _HEIGHT.search(header)
    if width and height and int(width.group(1)) * int(height.group(1)) > MAX_IMAGE_PIXELS:
        raise PdfTooComplex(
            f"an image of {width.group(1).decode()} × {height.group(1).decode()} pixels"
        )


def _raw_length(data: bytes, start: int) -> int:
    end = data.find(b"endstream", start)
    return (len(data) if end < 0 else end) - start


def _inflated_size(source: memoryview, limit: int) -> int:
    """Bytes the zlib stream at the start of `source` inflates to, counted up to `limit`
    (a stream that is no zlib data or is cut short counts what it gave)."""
    inflater = zlib.decompressobj()
    size = 0
    try:
        for position in range(0, len(source), _CHUNK):
            pending: bytes | memoryview = source[position : position + _CHUNK]
            while pending:
                size += len(inflater.decompress(pending, _OUT))
                if size >= limit or inflater.eof:
                    return size
                pending = inflater.unconsumed_tail
            if inflater.eof:
                break
    except zlib.error:
        pass
    return size
