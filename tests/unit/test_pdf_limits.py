"""The PDF limits bound a Flate stream by the bytes PDFium may read of it (1,032 bytes out
per byte in) and inflate only what those bounds cannot clear: each case below is a bomb
a weaker bound or a name read without its escapes would let through."""

from __future__ import annotations

import os
import zlib

import pytest

from swdesk.pdf.limits import PdfLimits, PdfTooComplex, check_pdf_limits

LIMITS = PdfLimits(max_stream_bytes=1 << 20, max_total_bytes=4 << 20)
BOMB = zlib.compress(bytes(8 << 20), 9)  # 8 MB of zeros in about 8 kB


def _stream(data: bytes, dictionary: bytes) -> bytes:
    return b"4 0 obj\n<< " + dictionary + b" >>\nstream\n" + data + b"\nendstream\nendobj\n"


def _flate(data: bytes, length: bytes | None = None) -> bytes:
    declared = str(len(data)).encode() if length is None else length
    return _stream(data, b"/Filter /FlateDecode /Length " + declared)


def _with_endstream_inside(payload: bytes) -> bytes:
    """A zlib stream of b"endstream" then `payload`: the word sits in a stored block at its
    start, so a reader that took the first "endstream" for the end would see 16 bytes."""
    word = b"endstream"
    stored = b"\x00" + len(word).to_bytes(2, "little") + (0xFFFF ^ len(word)).to_bytes(2, "little")
    raw = zlib.compressobj(9, zlib.DEFLATED, -15)
    deflated = raw.compress(payload) + raw.flush()
    checksum = zlib.adler32(word + payload).to_bytes(4, "big")
    stream = b"\x78\xda" + stored + word + deflated + checksum
    assert zlib.decompress(stream) == word + payload  # a valid stream, as PDFium reads it
    return stream


def test_deflate_never_gives_more_than_1032_bytes_a_byte() -> None:
    zeros = 64 << 20
    assert zeros <= len(zlib.compress(bytes(zeros), 9)) * 1032


def test_ordinary_streams_pass_and_a_bomb_is_refused() -> None:
    ordinary = _flate(zlib.compress(b"BT /F1 12 Tf (hello) Tj ET"))
    check_pdf_limits(ordinary * 3, LIMITS)
    with pytest.raises(PdfTooComplex, match="inflates to more than"):
        check_pdf_limits(ordinary + _flate(BOMB), LIMITS)


def test_a_filter_name_written_with_escapes_is_read_as_pdfium_reads_it() -> None:
    for name in (b"/Fil#74er", b"/#46ilter"):
        bomb = _stream(BOMB, name + b" /FlateDecode /Length " + str(len(BOMB)).encode())
        with pytest.raises(PdfTooComplex, match="inflates to more than"):
            check_pdf_limits(bomb, LIMITS)
    escaped_value = _stream(BOMB, b"/Filter /Flate#44ecode /Length " + str(len(BOMB)).encode())
    with pytest.raises(PdfTooComplex, match="inflates to more than"):
        check_pdf_limits(escaped_value, LIMITS)


def test_a_bomb_behind_an_early_endstream_is_bounded_by_its_length() -> None:
    """PDFium reads /Length bytes when `endstream` follows them, so the bound is never the
    distance to the first `endstream` alone; an indirect or odd /Length bounds nothing."""
    hidden = _with_endstream_inside(bytes(8 << 20))
    for length in (str(len(hidden)).encode(), b"9 0 R", b"-1", b"12.0"):
        with pytest.raises(PdfTooComplex, match="inflates to more than"):
            check_pdf_limits(_flate(hidden, length), LIMITS)
    small = _with_endstream_inside(b"BT /F1 12 Tf (hi) Tj ET")
    check_pdf_limits(_flate(small), LIMITS)
    check_pdf_limits(_flate(small, b"9 0 R"), LIMITS)  # the rest of this file is small


def test_when_the_bounds_together_are_too_high_the_streams_are_measured() -> None:
    """Twenty incompressible 600-byte streams are bounded at 620 kB each (12 MB together,
    above the 4 MB total) but inflate to 12 kB: they pass. Twenty streams of 600 kB of
    zeros each (also about 600 bytes) inflate to 12 MB: refused."""
    noise = [_flate(zlib.compress(os.urandom(600), 9)) for _ in range(20)]
    check_pdf_limits(b"".join(noise), LIMITS)
    zeros = zlib.compress(bytes(600 << 10), 9)
    assert len(zeros) * 1032 <= LIMITS.max_stream_bytes  # bounded, not measured, at first
    with pytest.raises(PdfTooComplex, match="streams inflate to more than"):
        check_pdf_limits(_flate(zeros) * 20, LIMITS)


def test_an_lzw_stream_is_bounded_by_its_length_too() -> None:
    hidden = b"endstream" + os.urandom(2000)
    with pytest.raises(PdfTooComplex, match="LZWDecode"):
        check_pdf_limits(
            _stream(hidden, b"/Filter /LZWDecode /Length " + str(len(hidden)).encode()), LIMITS
        )


def test_measuring_stops_once_what_was_measured_is_already_too_much(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Twenty bounded streams of 600 kB of zeros: the limit of 4 MB is passed after seven
    are measured, and the other thirteen are never inflated."""
    from swdesk.pdf import limits

    inflaters: list[object] = []
    real = zlib.decompressobj

    def counted() -> object:
        inflaters.append(None)
        return real()

    zeros = _flate(zlib.compress(bytes(600 << 10), 9))
    monkeypatch.setattr(limits.zlib, "decompressobj", counted)
    with pytest.raises(PdfTooComplex, match="streams inflate to more than"):
        check_pdf_limits(zeros * 20, LIMITS)
    assert len(inflaters) == 7


def test_many_streams_without_endstream_are_each_read_to_their_zlib_end() -> None:
    """Without any `endstream`, every stream may run to the end of the file: each bound is
    then too large and each stream is inflated, as far as its own zlib data goes (the
    search for `endstream` runs once over the file, not once per stream)."""
    small = zlib.compress(b"BT /F1 12 Tf (hi) Tj ET")
    streams = (b"<< /Filter /FlateDecode >>\nstream\n" + small + b"\n") * 20_000
    check_pdf_limits(streams, LIMITS)
    with pytest.raises(PdfTooComplex, match="inflates to more than"):
        check_pdf_limits(streams + b"<< /Filter /FlateDecode >>\nstream\n" + BOMB, LIMITS)
