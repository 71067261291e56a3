"""How much a PDF from someone else may cost to read, checked before PDFium sees it.

A PDF of a few megabytes can hold a content stream that inflates to gigabytes (a
"deflate bomb"); PDFium inflates a page's streams whole while extracting text or
rendering, so reading such a file would take minutes and all the memory there is. This
module scans the file's bytes for every `stream` keyword and bounds what each FlateDecode
stream can inflate to without inflating it: deflate gives at most 1,032 bytes per byte
read (a 258-byte match in 2 bits), and PDFium reads at most the stream's direct /Length
or up to the next `endstream` (the rest of the file when /Length is indirect or no plain
integer). Only a stream whose bound is above the limit, or the largest ones when the
bounds together are, is inflated, incrementally (zlib with `max_length`), counting the
output and stopping as soon as a limit is passed; nothing inflated is kept, and an
ordinary form is proven within its limits without inflating a byte (PDFium inflates what
it reads once). Filters whose output cannot be bounded that cheaply are refused when
their input could exceed the limit (LZW at its worst expands about 2,700 times,
RunLength 64 times), chained filters and filters given indirectly are refused outright
(swdesk and ordinary scanners write one direct filter), and an image whose declared
width × height is above `MAX_IMAGE_PIXELS` is refused before anything decodes it. Names
are read as PDFium reads them, with their #xx escapes (`/Fil#74er` is /Filter).
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable, Iterator
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
_DEFLATE_RATIO = 1032  # at most a 258-byte match per 2 bits (1-bit length and distance codes)
_HEADER_WINDOW = 4096  # how far before `stream` the stream's dictionary is looked for

_STREAM = re.compile(rb"(?<![A-Za-z])stream(?![A-Za-z])[ \t\f\x00]*(?:\r\n|\n|\r)?")
_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[^\s/\[\]<>()]+|\d+\s+\d+\s+R)")
_NAME = re.compile(rb"/([^\s/\[\]<>()]+)")
_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_LENGTH_KEY = re.compile(rb"/Length(?![^\s/\[\]<>(){}%])")  # the key /Length, not /Length1
_DIRECT_LENGTH = re.compile(rb"\s*(\d{1,15})(?![\d.])(?!\s+\d+\s+R)")  # not "5 0 R"
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


# swdesk's own form inflates to well under 1 MB, but its font subsets (up to 256 glyphs,
# about 30 kB compressed each) are bounded by 1,032 times that: room for those bounds lets
# an ordinary form pass without inflating anything. Evidence and materials are scans, whose
# Flate-compressed pages (300 dpi A4 in colour: 26 MB each) PDFium inflates one at a time.
FORM_PDF_LIMITS = PdfLimits(max_stream_bytes=48 << 20, max_total_bytes=128 << 20)
DOCUMENT_PDF_LIMITS = PdfLimits(max_stream_bytes=128 << 20, max_total_bytes=2 << 30)


class PdfTooComplex(ValueError):
    """The PDF would cost more than the limits to read; the message says why."""


def check_pdf_limits(data: bytes, limits: PdfLimits) -> None:
    """Raise PdfTooComplex when some stream of `data` inflates beyond the limits, uses a
    filter whose output cannot be bounded, or declares an image above MAX_IMAGE_PIXELS."""
    total = 0  # bytes the streams inflate to at most, bounds included
    measured = 0  # ... of it, the streams inflated (or bounded by an LZW/RunLength ratio)
    bounded: list[tuple[int, int]] = []  # (bound, start) of Flate streams not inflated
    view = memoryview(data)
    next_end = _endstream_after(data)
    for match in _streams(data):
        keyword = match.start()
        header = _escapes_read(_stream_header(data, keyword))
        filters = _filters(header)
        _check_image(header)
        start = match.end()
        if not filters:
            continue
        if len(filters) > 1:
            raise PdfTooComplex("a stream with more than one filter")
        name = filters[0]
        if name in (b"FlateDecode", b"Fl"):
            size = _read_length(header, start, next_end(start), len(data)) * _DEFLATE_RATIO
            if size <= limits.max_stream_bytes:
                bounded.append((size, start))
                total += size
                continue
            size = _inflated_size(view[start:], limits.max_stream_bytes + 1)
            if size > limits.max_stream_bytes:
                raise PdfTooComplex(
                    f"a stream inflates to more than {limits.max_stream_bytes} bytes"
                )
        elif name in (b"LZWDecode", b"LZW", b"RunLengthDecode", b"RL"):
            ratio = _LZW_RATIO if name.startswith(b"L") else _RUNLENGTH_RATIO
            size = _read_length(header, start, next_end(start), len(data)) * ratio
            if size > limits.max_stream_bytes:
                raise PdfTooComplex(
                    f"a {name.decode()} stream could expand beyond {limits.max_stream_bytes} bytes"
                )
        elif name not in _NOT_INFLATING:
            raise PdfTooComplex(f"an unknown filter {name.decode('latin-1')[:40]}")
        else:
            size = 0
        total += size
        measured += size
        if measured > limits.max_total_bytes:
            raise PdfTooComplex(f"streams inflate to more than {limits.max_total_bytes} bytes")
    if total > limits.max_total_bytes:
        _check_total(view, total, bounded, limits)


def _check_total(
    view: memoryview, total: int, bounded: list[tuple[int, int]], limits: PdfLimits
) -> None:
    """The bounds together are above the total limit: inflate the bounded streams, the
    largest bound first, counting what they really give, until the total fits (or what
    they give alone is already too much, or none is left: then raise PdfTooComplex)."""
    measured = total - sum(bound for bound, _start in bounded)
    for bound, start in sorted(bounded, reverse=True):
        if total <= limits.max_total_bytes:
            return
        size = _inflated_size(view[start:], bound)
        total -= bound - size
        measured += size
        if measured > limits.max_total_bytes:
            break
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


def _escapes_read(header: bytes) -> bytes:
    """`header` with the #xx escapes of its names read, as PDFium reads them."""
    if b"#" not in header:
        return header
    return _NAME_ESCAPE.sub(lambda found: bytes((int(found.group(1), 16),)), header)


def _endstream_after(data: bytes) -> Callable[[int], int]:
    """A function giving the position of the first `endstream` at or after a position
    (the file's length when there is none), for positions asked in increasing order: each
    byte is searched once, however many streams lack their `endstream`."""
    found = -1

    def after(start: int) -> int:
        nonlocal found
        if found < start:
            position = data.find(b"endstream", start)
            found = len(data) if position < 0 else position
        return found

    return after


def _read_length(header: bytes, start: int, end: int, size: int) -> int:
    """How many bytes after `start` PDFium may read as the stream's data: its direct
    /Length when `endstream` follows it, else up to the next `endstream` (at `end`), so the
    larger of the two; the rest of the file (of `size` bytes) when /Length is indirect or
    no plain integer."""
    rest = size - start
    length = end - start
    for key in _LENGTH_KEY.finditer(header):
        value = _DIRECT_LENGTH.match(header, key.end())
        if value is None:
            return rest
        length = max(length, int(value.group(1)))
    return min(length, rest)


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
