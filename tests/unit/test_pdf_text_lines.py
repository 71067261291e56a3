"""`TextLines`, the form's pre-broken text, is placed exactly as ReportLab's `Paragraph` of the
same lines would be: same height, same pixels (PDFium at 200 dpi) and same text, aligned
left, centred and right, with a first-line indent, and split across two frames."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

import pypdfium2
import pytest
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A5
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, Paragraph

from swdesk.pdf.form.page import TextLines, paragraph_style, text_lines

TEXT = (
    "社会工作实务能力提升培训第12期（儿童保护与家庭服务专题）2023.05.19 GB/T 𠮷祥 A&B <i>"
    "本人郑重承诺：所填信息及所附材料真实、准确、完整。"
)
WIDTH = 150.0


def _page(flowables: list[Flowable], height: float) -> bytes:
    """The flowables in two frames one above the other, each `height` tall (so long text
    splits from the first into the second)."""
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A5, invariant=1)
    frames = [
        Frame(40, y, WIDTH, height, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        for y in (400, 400 - height - 40)
    ]
    story = list(flowables)
    for frame in frames:
        while story and frame.add(story[0], canvas):
            del story[0]
        if story:  # as ReportLab's document templates do: what fits here, the rest below
            parts = frame.split(story.pop(0), canvas)
            if parts:
                assert frame.add(parts[0], canvas)
                story[:0] = parts[1:]
    assert not story, "the flowables must fit the two frames"
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def _rendered(pdf: bytes) -> tuple[bytes, str]:
    document = pypdfium2.PdfDocument(pdf)
    try:
        page = document[0]
        image = page.render(scale=200 / 72).to_pil().convert("L").tobytes()
        return image, page.get_textpage().get_text_range()
    finally:
        document.close()


# Split between frames (70 points): left-aligned, as the form's text boxes split. (When
# ReportLab splits a centred paragraph it adds a space to the end of the continuation's
# first line, moving it half a space; TextLines centres the line as it is.)
CASES = [(align, indent, 300) for align in (TA_LEFT, TA_CENTER, TA_RIGHT) for indent in (0, 21)]
CASES += [(TA_LEFT, indent, 70) for indent in (0, 21)]


@pytest.mark.parametrize(("align", "indent", "frame_height"), CASES)
def test_text_lines_draw_as_the_paragraph_of_the_same_lines(
    align: int, indent: float, frame_height: float
) -> None:
    style = paragraph_style(10.5, align, 17 if indent else None, indent)  # type: ignore[arg-type]
    lines = text_lines(TEXT, WIDTH, 10.5, indent)
    assert len(lines) > 70 // style.leading  # more than the lower frame holds
    ours = TextLines(lines, style)
    theirs = Paragraph("<br/>".join(escape(line) for line in lines), style)
    assert ours.wrap(WIDTH, 500) == theirs.wrap(WIDTH, 500)
    image, text = _rendered(_page([ours], frame_height))
    their_image, their_text = _rendered(_page([theirs], frame_height))
    assert text == their_text
    assert "𠮷祥" in text and "A&B <i>" in text
    assert image == their_image


def test_lines_are_drawn_as_given_never_broken_again() -> None:
    """ReportLab's CJK line breaking measures a line with spaces differently and may break
    a line that fits (here inside 提升); TextLines draws the lines it was given."""
    lines = text_lines(TEXT.replace("本人", "社会工作实务能力提升"), WIDTH, 10.5)
    assert "A&B <i>社会工作实务能力提升" in lines
    _, text = _rendered(_page([TextLines(lines, paragraph_style(10.5))], 300))
    assert text.split("\r\n") == lines


def test_a_single_line_that_does_not_fit_moves_whole() -> None:
    style = paragraph_style(10)
    lines = TextLines(["一", "二", "三"], style)
    assert lines.split(WIDTH, style.leading * 1.5) == []
    assert lines.split(WIDTH, style.leading * 3) == [lines]
    first, rest = lines.split(WIDTH, style.leading * 2.2)
    assert isinstance(first, TextLines) and isinstance(rest, TextLines)
    assert (first.lines, rest.lines) == (("一", "二"), ("三",))


def test_justified_text_is_refused() -> None:
    with pytest.raises(ValueError, match="justif"):
        TextLines(["一"], paragraph_style(10, TA_JUSTIFY))  # type: ignore[arg-type]
