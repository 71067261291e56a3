"""The shipped CJK fonts: present, TrueType outlines, and cover the characters names need.
(Rare characters and the fallback chain: test_font_coverage.py.)

No Qt here. The sfnt table directory is read by hand (fontTools is only a dev dependency);
coverage is checked with ReportLab, which is what embeds the font in PDFs.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from importlib.resources import as_file, files
from pathlib import Path

import pytest

FONT_NAME = "WenQuanYiMicroHei-GBK.ttf"

# Characters from names that GB2312 lacks but GBK has, then common form text.
RARE_NAME_CHARS = "喆堃镕淼"
COMMON_TEXT = "社会工作者再登记申请表"
OTHER_TEXT = "张晓梅 ZHANG Xiaomei 0123456789，。：；（）《》“”、—…·①№￥"


@pytest.fixture(scope="module")
def font_path() -> Iterator[Path]:
    resource = files("swdesk.resources").joinpath("fonts", FONT_NAME)
    with as_file(resource) as path:
        yield Path(path)


def sfnt_tables(data: bytes) -> dict[bytes, tuple[int, int]]:
    """Table tag -> (offset, length) from an sfnt (TrueType/OpenType) header."""
    version, num_tables = struct.unpack_from(">4sH", data, 0)
    assert version == b"\x00\x01\x00\x00", f"not a TrueType-outline sfnt: {version!r}"
    tables = {}
    for i in range(num_tables):
        tag, _checksum, offset, length = struct.unpack_from(">4sIII", data, 12 + 16 * i)
        assert offset + length <= len(data), f"table {tag!r} runs past the end of the file"
        tables[tag] = (offset, length)
    return tables


def test_font_file_exists_and_is_reasonably_small(font_path: Path) -> None:
    assert font_path.is_file()
    size = font_path.stat().st_size
    assert 1_000_000 < size < 5_000_000, size


def test_font_is_truetype_with_glyf_outlines(font_path: Path) -> None:
    tables = sfnt_tables(font_path.read_bytes())
    for tag in (b"glyf", b"loca", b"cmap", b"head", b"hmtx", b"name", b"OS/2", b"post"):
        assert tag in tables, f"missing table {tag!r}"
    assert b"CFF " not in tables
    assert b"CFF2" not in tables


def test_font_keeps_its_family_name(font_path: Path) -> None:
    data = font_path.read_bytes()
    offset, _length = sfnt_tables(data)[b"name"]
    _fmt, count, string_offset = struct.unpack_from(">HHH", data, offset)
    names = set()
    for i in range(count):
        platform, _enc, _lang, name_id, length, str_off = struct.unpack_from(
            ">HHHHHH", data, offset + 6 + 12 * i
        )
        if platform == 3 and name_id == 1:
            start = offset + string_offset + str_off
            names.add(data[start : start + length].decode("utf-16-be"))
    assert "WenQuanYi Micro Hei" in names
    assert "文泉驿微米黑" in names


@pytest.fixture(scope="module")
def reportlab_font(font_path: Path):
    from reportlab.pdfbase.ttfonts import TTFont

    return TTFont("SwdeskTestCJK", str(font_path))


@pytest.mark.parametrize("text", [RARE_NAME_CHARS, COMMON_TEXT, OTHER_TEXT])
def test_reportlab_font_covers(reportlab_font, text: str) -> None:
    char_to_glyph = reportlab_font.face.charToGlyph
    missing = [c for c in text if c != " " and not char_to_glyph.get(ord(c))]
    assert not missing, f"font lacks {''.join(missing)}"


def test_reportlab_font_covers_gbk_hanzi(reportlab_font) -> None:
    """Every CJK unified ideograph that GBK encodes is in the font."""
    char_to_glyph = reportlab_font.face.charToGlyph
    missing = []
    for cp in range(0x4E00, 0x9FA6):
        try:
            chr(cp).encode("gbk")
        except UnicodeEncodeError:
            continue
        if not char_to_glyph.get(cp):
            missing.append(chr(cp))
    assert not missing, f"{len(missing)} GBK hanzi missing, e.g. {''.join(missing[:20])}"


def test_reportlab_embeds_font_in_pdf(reportlab_font, tmp_path: Path) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(reportlab_font)
    out = tmp_path / "font.pdf"
    pdf = canvas.Canvas(str(out))
    pdf.setFont("SwdeskTestCJK", 14)
    pdf.drawString(72, 720, RARE_NAME_CHARS + COMMON_TEXT)
    pdf.save()
    data = out.read_bytes()
    assert b"/FontFile2" in data  # the TrueType program is embedded, not just referenced
    assert pdfmetrics.stringWidth(COMMON_TEXT, "SwdeskTestCJK", 10) == pytest.approx(110, rel=0.01)


FALLBACKS = [  # file, family (name ID 1), size bounds in bytes
    ("HanaMinA-CJK.ttf", "HanaMinA", 2_000_000, 6_000_000),
    ("HanaMinB-CJK.ttf", "HanaMinB", 20_000_000, 40_000_000),
    ("BabelStoneHan-CJK.ttf", "BabelStone Han", 2_000_000, 6_000_000),
]


@pytest.mark.parametrize(("file_name", "family", "smallest", "largest"), FALLBACKS)
def test_fallback_fonts_are_truetype_with_their_family_names(
    file_name: str, family: str, smallest: int, largest: int
) -> None:
    resource = files("swdesk.resources").joinpath("fonts", file_name)
    data = resource.read_bytes()
    assert smallest < len(data) < largest, len(data)
    tables = sfnt_tables(data)
    assert b"glyf" in tables and b"CFF " not in tables and b"CFF2" not in tables
    offset, _length = tables[b"name"]
    _fmt, count, string_offset = struct.unpack_from(">HHH", data, offset)
    names = set()
    for i in range(count):
        platform, _enc, _lang, name_id, length, str_off = struct.unpack_from(
            ">HHHHHH", data, offset + 6 + 12 * i
        )
        if platform == 3 and name_id == 1:
            start = offset + string_offset + str_off
            names.add(data[start : start + length].decode("utf-16-be"))
    assert family in names


def test_every_shipped_font_has_its_licence_beside_it() -> None:
    fonts = files("swdesk.resources").joinpath("fonts")
    for licence in ("LICENSE-WenQuanYi.txt", "LICENSE-Hanazono.txt", "LICENSE-BabelStoneHan.txt"):
        assert fonts.joinpath(licence).read_text("utf-8").strip()
    assert "Hanazono Font License" in fonts.joinpath("LICENSE-Hanazono.txt").read_text("utf-8")
    assert "ARPHIC PUBLIC LICENSE" in fonts.joinpath("LICENSE-BabelStoneHan.txt").read_text("utf-8")
