"""The demo's synthetic ID photo: a valid PNG whose every pixel is the silhouette's (head
disc or widening shoulders, one grey) or the plain background."""

from __future__ import annotations

import struct
import zlib

import pytest

from swdesk.services.demo_images import portrait_png


def _pixels(png: bytes) -> tuple[int, int, list[bytes]]:
    """(width, height, rows of RGB bytes) of an 8-bit RGB PNG without filters."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height, depth, colour, *_ = struct.unpack(">IIBBBBB", png[16:29])
    assert (depth, colour) == (8, 2)
    offset, idat = 8, b""
    while offset < len(png):
        (length,) = struct.unpack(">I", png[offset : offset + 4])
        kind, body = png[offset + 4 : offset + 8], png[offset + 8 : offset + 8 + length]
        (crc,) = struct.unpack(">I", png[offset + 8 + length : offset + 12 + length])
        assert crc == zlib.crc32(kind + body) & 0xFFFFFFFF
        if kind == b"IDAT":
            idat += body
        offset += 12 + length
    raw = zlib.decompress(idat)
    stride = 1 + 3 * width
    assert len(raw) == stride * height
    rows = [raw[y * stride : (y + 1) * stride] for y in range(height)]
    assert all(row[0] == 0 for row in rows)  # filter "none"
    return width, height, [row[1:] for row in rows]


@pytest.mark.parametrize(("seed", "width", "height"), [(0, 354, 472), (4, 60, 80), (2, 9, 7)])
def test_every_pixel_is_figure_or_background(seed: int, width: int, height: int) -> None:
    background = bytes([(67, 142, 219), (255, 255, 255), (200, 30, 40)][seed % 3])
    shade = 60 + (seed * 37) % 60
    figure = bytes((shade, shade, shade + 10))
    w, h, rows = _pixels(portrait_png(seed, width, height))
    assert (w, h) == (width, height)
    cx, head_cy, head_r = width // 2, int(height * 0.38), int(width * 0.2)
    shoulders_top = int(height * 0.66)
    for y, row in enumerate(rows):
        for x in range(width):
            head = (x - cx) ** 2 + (y - head_cy) ** 2 <= head_r * head_r
            body = y >= shoulders_top and abs(x - cx) <= int(
                width * 0.22 + (y - shoulders_top) * 0.9
            )
            expected = figure if head or body else background
            assert row[3 * x : 3 * x + 3] == expected, (x, y)


def test_the_photos_of_the_demo_people_differ() -> None:
    assert len({portrait_png(seed) for seed in range(6)}) == 6
