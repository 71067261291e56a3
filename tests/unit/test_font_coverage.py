"""Rare characters (生僻字) in PDFs: the shipped fonts draw the 通用规范汉字表 and Extension A,
a form with 𠮷祥 / 刘䶮 / 𬌗 / 𫖮 prints them (drawn, embedded as small subsets, read back as
text), and the reviewer's "form = data" check never fails an applicant for a character no
shipped font has.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pypdf
import pypdfium2 as pdfium
import pytest
from reportlab.pdfgen.canvas import Canvas
from test_application_form import ID_NUMBER, UID, make_form

from swdesk.pdf import render_application_form
from swdesk.pdf.fonts import (
    FONT_FILES,
    FONT_NAME,
    ensure_font,
    font_for_char,
    missing_glyphs,
)
from swdesk.services.review.member_checks import check_form

TABLE = Path(__file__).resolve().parent.parent / "fixtures" / "tongyong_guifan_hanzi_2013.txt"
PUA = "\ue000"  # private use: no font has it
EXT_G_UNDRAWN = "\U00030041"  # an Extension G ideograph none of the shipped fonts has
RARE_NAMES = ("𠮷祥", "刘䶮", "王𬌗", "𫖮明")


def tongyong_guifan() -> list[str]:
    rows = [
        line.split("\t")
        for line in TABLE.read_text("utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    assert [int(index) for index, _cp, _ch in rows] == list(range(1, 8106))
    for _index, code_point, char in rows:
        assert code_point == f"U+{ord(char):04X}"
    return [char for _index, _cp, char in rows]


def test_the_table_has_8105_characters_some_outside_gbk_and_the_bmp() -> None:
    chars = tongyong_guifan()
    assert len(set(chars)) == 8105
    outside_bmp = [c for c in chars if ord(c) > 0xFFFF]
    assert len(outside_bmp) == 196
    assert "𬌗" in chars and "𫖮" in chars  # level-3 characters of Extension E and C


def test_every_character_of_the_table_is_drawn() -> None:
    missing = missing_glyphs("".join(tongyong_guifan()))
    assert not missing, f"{len(missing)} not drawn, e.g. {''.join(sorted(missing)[:20])}"


def test_every_cjk_unified_ideograph_of_the_bmp_and_extension_a_is_drawn() -> None:
    text = "".join(map(chr, [*range(0x3400, 0x4DC0), *range(0x4E00, 0xA000)]))
    missing = missing_glyphs(text)
    assert not missing, " ".join(f"U+{ord(c):04X}" for c in sorted(missing)[:20])


@pytest.mark.parametrize(
    ("char", "font"),
    [
        ("张", "WenQuanYiMicroHei-GBK.ttf"),
        ("䶮", "HanaMinA-CJK.ttf"),  # Extension A
        ("𠮷", "HanaMinB-CJK.ttf"),  # Extension B
        ("𬌗", "HanaMinB-CJK.ttf"),  # Extension E
        ("䶶", "BabelStoneHan-CJK.ttf"),  # Extension A, Unicode 13: Hanazono predates it
        ("\U00030000", "BabelStoneHan-CJK.ttf"),  # Extension G
    ],
)
def test_each_character_comes_from_the_first_font_that_has_it(char: str, font: str) -> None:
    assert font_for_char(char) == font


def test_characters_no_font_has_are_missing_and_invisible_ones_are_not() -> None:
    assert missing_glyphs(f"王{PUA}明{EXT_G_UNDRAWN}\U0002ebf0") == {
        PUA,
        EXT_G_UNDRAWN,
        "\U0002ebf0",
    }  # Extension I: no free TrueType font yet
    assert missing_glyphs("葛\U000e0100 \u200b\t李\n") == set()  # selector, zero width, space


def _canvas_pdf(text: str, size: float = 60) -> bytes:
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(size * 2.2 * max(len(text), 1), size * 2), invariant=1)
    canvas.setFont(ensure_font(), size)
    canvas.drawString(size * 0.5, size * 0.6, text)
    canvas.save()
    return out.getvalue()


def _ink(pdf: bytes) -> list[int]:
    """The page drawn at 72 dpi, as grey levels (0 black .. 255 white)."""
    document = pdfium.PdfDocument(pdf)
    try:
        image = document[0].render(scale=1).to_pil().convert("L")
        return list(image.tobytes())
    finally:
        document.close()


def test_a_rare_character_is_drawn_not_a_box() -> None:
    drawn, box = _ink(_canvas_pdf("𠮷")), _ink(_canvas_pdf(PUA))
    ji = _ink(_canvas_pdf("吉"))
    assert sum(1 for v in drawn if v < 128) > 100  # ink
    assert drawn != box  # not the .notdef box
    assert drawn != ji  # not the GBK look-alike either (土 on top, not 士)


def test_pdf_text_and_fonts_of_a_rare_character_name(tmp_path: Path) -> None:
    form = make_form(name="𠮷祥", employer="刘䶮社会工作服务中心", post="𬌗𫖮督导")
    pdf = render_application_form(form)
    text = "".join(pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())
    for expected in ("𠮷祥", "刘䶮社会工作服务中心", "𬌗𫖮督导"):
        assert expected in text
    if shutil.which("pdftotext"):
        path = tmp_path / "form.pdf"
        path.write_bytes(pdf)
        poppler = subprocess.run(
            ["pdftotext", "-f", "1", "-l", "1", str(path), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert "𠮷祥" in "".join(poppler.split())
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    embedded = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/FontDescriptor"].get_object()
            program = descriptor["/FontFile2"].get_object()  # TrueType, embedded
            embedded[str(font["/BaseFont"])] = len(program.get_data())
    families = {name.split("+", 1)[1] for name in embedded}
    assert families == {"WenQuanYiMicroHei", "HanaMinA", "HanaMinB"}
    assert all("+" in name for name in embedded)  # subsets, each of the used glyphs only
    hana_b = sum(size for name, size in embedded.items() if name.endswith("+HanaMinB"))
    assert hana_b < 50_000  # three glyphs of a 30 MB font
    plain = render_application_form(make_form(name="李祥"))
    assert len(pdf) - len(plain) < 120_000


def test_the_form_of_an_ordinary_name_embeds_only_the_primary_font() -> None:
    pdf = render_application_form(make_form(name="张晓梅"))
    bases = {
        str(f.get_object()["/BaseFont"]).split("+", 1)[1]
        for page in pypdf.PdfReader(io.BytesIO(pdf)).pages
        for f in page["/Resources"]["/Font"].values()
    }
    assert bases == {"WenQuanYiMicroHei"}


# -- the reviewer's "form = data" check ------------------------------------------------------


def _application(name: str, form_hours: str) -> dict[str, object]:
    return {
        "applicant": {"name": name, "id_number": ID_NUMBER},
        "application": {"uid": UID, "version": 1, "kind": "renewal"},
        "hours": {"counted": form_hours},
    }


def _form_hours(pdf: bytes) -> str:
    text = "".join(
        "".join(page.get_textpage().get_text_range().split()) for page in pdfium.PdfDocument(pdf)
    )
    start = text.index("合计") + 2
    return text[start : text.index("学时", start)]


@pytest.mark.parametrize("name", [*RARE_NAMES, f"王{EXT_G_UNDRAWN}", f"{EXT_G_UNDRAWN}{PUA}"])
def test_the_form_check_passes_rare_and_undrawable_names(name: str) -> None:
    pdf = render_application_form(make_form(name=name))
    result = check_form(_application(name, _form_hours(pdf)), pdf)
    assert result.passed, result.params


def test_the_form_check_still_fails_a_different_name() -> None:
    pdf = render_application_form(make_form(name=f"王{EXT_G_UNDRAWN}"))
    hours = _form_hours(pdf)
    assert not check_form(_application(f"李{EXT_G_UNDRAWN}", hours), pdf).passed
    assert not check_form(
        _application("𠮷祥", hours), render_application_form(make_form(name="吉祥"))
    ).passed


def test_the_font_name_is_one_registered_reportlab_font() -> None:
    from reportlab.pdfbase import pdfmetrics

    assert ensure_font() == FONT_NAME
    assert pdfmetrics.getFont(FONT_NAME).fontName == FONT_NAME
    assert len(FONT_FILES) == 4
    width = pdfmetrics.stringWidth("𠮷祥", FONT_NAME, 10)
    assert width == pytest.approx(20, rel=0.05)  # two full-width characters


def test_fallback_fonts_are_read_only_as_far_as_a_text_needs_them() -> None:
    from swdesk.pdf.fonts import _FallbackFont, _read_font_file

    read: list[str] = []

    def load(name: str) -> bytes:
        read.append(name)
        return _read_font_file(name)

    chain = _FallbackFont("SwdeskChainUnderTest", load)
    assert chain.missing("张晓梅") == set()
    assert read == ["WenQuanYiMicroHei-GBK.ttf"]
    assert chain.missing("刘䶮") == set()
    assert read == ["WenQuanYiMicroHei-GBK.ttf", "HanaMinA-CJK.ttf"]  # not the 30 MB one
    assert chain.missing("𠮷") == set()
    assert read[-1] == "HanaMinB-CJK.ttf"


def test_the_registration_certificate_prints_a_rare_character_name() -> None:
    from dataclasses import replace

    from test_certificate import DATA

    from swdesk.pdf.certificate import render_registration_certificate

    pdf = render_registration_certificate(replace(DATA, holder_name="刘䶮𠮷"))
    document = pdfium.PdfDocument(pdf)
    text = "".join(document[0].get_textpage().get_text_range().split())
    document.close()
    assert "刘䶮𠮷" in text
