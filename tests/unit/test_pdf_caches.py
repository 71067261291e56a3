"""What the form renderer keeps between documents (font subsets' programs, widths and
ToUnicode maps, character widths, the QR code's drawing, the photo's decoded pixels) never
changes what a form looks like (nor do the lines a text breaks into):
a form rendered after other people's forms, or in several threads at once, is byte for byte
the form a fresh process renders."""

from __future__ import annotations

import dataclasses
import io
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from PIL import Image
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from test_application_form import make_form

from swdesk.domain.application_form import ApplicationFormData
from swdesk.pdf import render_application_form
from swdesk.pdf.bounded import BoundedCache
from swdesk.pdf.fonts import FONT_FILES, FONT_NAME, _read_font_file, ensure_font, font_for_char
from swdesk.pdf.qr import draw_qr

RARE = "𠮷祥刘䶮"  # HanaMinB, the primary font, BabelStone Han's Extension A


def _other_photo() -> bytes:
    image = Image.new("RGB", (354, 472), (200, 80, 60))
    image.paste((20, 120, 40), (60, 200, 300, 472))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def _forms() -> dict[str, ApplicationFormData]:
    return {
        "typical": make_form(),
        "rare": make_form(
            name=RARE,
            employer="𪚥服务中心",
            application_uid="0f6a4c2e-1b3d-4e5f-8a9b-0c1d2e3f4a5b",
            qr_payload=f"SWDAPP1|0f6a4c2e-1b3d-4e5f-8a9b-0c1d2e3f4a5b|2|{'cd34' * 16}",
            photo_jpeg=_other_photo(),
        ),
        "draft": make_form(open_fix_items=2, name="欧阳娜娜", photo_jpeg=b""),
    }


def _fresh_process_pdfs(tmp_path: Path) -> dict[str, bytes]:
    """Each form rendered in a new Python process (nothing kept from an earlier form)."""
    here = Path(__file__).resolve().parent
    out: dict[str, bytes] = {}
    for name in _forms():
        target = tmp_path / f"{name}.pdf"
        code = (
            "import sys; from pathlib import Path; "
            "from test_pdf_caches import _forms; "
            "from swdesk.pdf import render_application_form; "
            f"Path(sys.argv[1]).write_bytes(render_application_form(_forms()[{name!r}]))"
        )
        subprocess.run([sys.executable, "-c", code, str(target)], check=True, cwd=here)
        out[name] = target.read_bytes()
    return out


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    return _fresh_process_pdfs(tmp_path_factory.mktemp("fresh"))


def test_forms_rendered_in_turn_are_what_a_fresh_process_renders(fresh: dict[str, bytes]) -> None:
    forms = _forms()
    # every order: each form after each other one, and after itself
    for first in forms:
        for second in forms:
            render_application_form(forms[first])
            assert render_application_form(forms[second]) == fresh[second], (first, second)


def test_forms_rendered_in_threads_at_once_are_what_a_fresh_process_renders(
    fresh: dict[str, bytes],
) -> None:
    forms = _forms()
    names = list(forms) * 4
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda name: render_application_form(forms[name]), names))
    for name, pdf in zip(names, results, strict=True):
        assert pdf == fresh[name], name


def test_a_changed_qr_payload_changes_the_drawn_symbol() -> None:
    first = make_form()
    second = dataclasses.replace(first, qr_payload=first.qr_payload.replace("ab12", "ef56", 1))
    assert render_application_form(first) != render_application_form(second)

    class Recorder:
        def __init__(self) -> None:
            self.pixels: list[bytes] = []

        def drawImage(self, image: object, *place: float) -> None:  # noqa: N802 - ReportLab's
            self.pixels.append(image.getRGBData())  # type: ignore[attr-defined]

    drawn = []
    for payload in (first.qr_payload, second.qr_payload, first.qr_payload):
        canvas = Recorder()
        draw_qr(canvas, payload, 10, 20, 68)  # type: ignore[arg-type]
        drawn.append(canvas.pixels[0])
    assert drawn[0] == drawn[2] != drawn[1]


def test_string_widths_come_from_the_font_that_draws_each_character() -> None:
    ensure_font()
    chain = getFont(FONT_NAME)
    text = f"社工A {RARE}\u00a0\ue000"
    faces = {}
    expected = 0.0
    for char in text:
        file = font_for_char(char) or FONT_FILES[0]
        if file not in faces:
            faces[file] = TTFont(f"probe-{file}", io.BytesIO(_read_font_file(file))).face
        face = faces[file]
        expected += face.charWidths.get(ord(char), face.defaultWidth)
    for _ in range(2):  # the first call learns the widths, the second uses what it learnt
        assert stringWidth(text, FONT_NAME, 10) == pytest.approx(expected * 0.01)
        assert chain.stringWidth(text.encode("utf-8"), 10) == pytest.approx(expected * 0.01)


def test_bounded_cache_keeps_the_most_recently_used_entries() -> None:
    cache = BoundedCache[str, int](2)
    cache.put("a", 1)
    cache.put("b", 2)
    assert cache.get("a") == 1  # "a" is now the most recently used
    cache.put("c", 3)
    assert (cache.get("a"), cache.get("b"), cache.get("c")) == (1, None, 3)
    assert len(cache) == 2
