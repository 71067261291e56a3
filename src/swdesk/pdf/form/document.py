"""The form as a document: the story of sections in order, laid out again with the closing
sections kept together when a page would be near-empty, the A4 page template, and the
footer (第 X 页 共 Y 页, and the draft mark while the fix list has items)."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterable
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Spacer,
)

from swdesk.domain.application import ApplicationKind
from swdesk.domain.application_form import ApplicationFormData

from ..fonts import ensure_font, missing_glyphs
from ..rendering import rendering
from .drawings import Heading, TitleBlock
from .page import (
    DRAFT_MARK,
    DRAFT_RED,
    FOOTER_BASELINE,
    GREY_TEXT,
    INK,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    PAGE_HEIGHT,
    PAGE_WIDTH,
)
from .sections import (
    activities,
    basic_info,
    certificate,
    checklist,
    declaration,
    employer_block,
    hours_total,
    late_note,
    review_block,
)

log = logging.getLogger(__name__)

SECTION_NUMBERS = "一二三四五六七八九十"
MIN_PAGE_FILL = 1 / 3  # a page holds at least this share of the frame's height


# -- public API ------------------------------------------------------------------------------


def render_application_form(data: ApplicationFormData) -> bytes:
    """The application form as a PDF (bytes starting with %PDF).

    Laid out once; when a page after the first holds less than `MIN_PAGE_FILL` of a page,
    laid out again with one more of the closing sections kept together with the last (the
    materials list, declaration, unit's opinion and review blocks), and the layout whose
    emptiest page is fullest is kept. Deterministic: the same data gives the same bytes."""
    font = ensure_font()
    _warn_unprintable(data)
    best: tuple[float, bytes] | None = None
    with rendering():
        for keep_last in range(_closing_count(data)):
            out = io.BytesIO()
            doc = _FormDocument(out, data, font)
            doc.build(_story(data, keep_last), canvasmaker=_footer_canvas(data, font))
            fill = doc.emptiest_fill()
            if best is None or fill > best[0]:
                best = (fill, out.getvalue())
            if fill >= MIN_PAGE_FILL:
                break
    assert best is not None  # there is always at least one closing section
    return best[1]


def unprintable_characters(data: ApplicationFormData) -> dict[str, str]:
    """Field name → the characters of that field the form's font cannot draw (sorted)."""
    found: dict[str, str] = {}
    for field, text in _printed_texts(data):
        missing = missing_glyphs(text)
        if missing:
            found[field] = "".join(sorted(missing))
    return found


def _printed_texts(data: ApplicationFormData) -> Iterable[tuple[str, str]]:
    yield from (
        ("title", data.title),
        ("name", data.name),
        ("gender_label", data.gender_label),
        ("phone", data.phone),
        ("employer", data.employer),
        ("employer_credit_code", data.employer_credit_code),
        ("post", data.post),
        ("county_label", data.county_label),
        ("level_label", data.level_label),
        ("certificate_number", data.certificate_number),
        ("registration_number", data.registration_number),
        ("late_explanation", data.late_explanation if data.is_late else ""),
        ("declaration_text", data.declaration_text),
        ("rule_pack_label", data.rule_pack_label),
    )
    for i, row in enumerate(data.activities):
        yield f"activities[{i}]", row.title + row.organiser + row.type_label
    for i, level in enumerate(data.review_levels):
        yield f"review_levels[{i}]", level.title + level.authority
    for i, item in enumerate(data.checklist):
        yield f"checklist[{i}]", item.label + item.note


def _warn_unprintable(data: ApplicationFormData) -> None:
    for field, chars in unprintable_characters(data).items():
        log.warning(
            "form %s: the font cannot draw %r in %s; they print as empty boxes",
            data.application_uid,
            chars,
            field,
        )


# -- story ------------------------------------------------------------------------------------


def _closing_count(data: ApplicationFormData) -> int:
    """How many closing sections `_story` lays out after the continuing education."""
    return 3 + len(data.review_levels)


def _hours_note(data: ApplicationFormData) -> str:
    """The continuing-education heading's note: the total against the requirement (as the
    table's last row repeats it), then what the requirement is based on. With the total up
    front the first page holds everything a reviewer's check compares with
    application.json, so the check reads one page of a usual form, not two."""
    total = hours_total(data)
    return f"{total} · 学时要求依据：{data.rule_pack_label}" if data.rule_pack_label else total


def _story(data: ApplicationFormData, keep_last: int = 0) -> list[Flowable]:
    """Small sections stay whole with their heading; the activity table may break across
    pages (after at least its header and a few rows). The closing sections (材料清单,
    承诺声明, 所在单位意见, one block per review level) each stay whole; the last
    `keep_last` + 1 of them are kept together (`render_application_form` asks for that when
    the last page would be near-empty)."""
    font = ensure_font()
    numbers = iter(SECTION_NUMBERS)

    def heading(text: str, note: str = "") -> Heading:
        return Heading(f"{next(numbers)}、{text}", note)

    gap = Spacer(1, 2 * mm)
    story: list[Flowable] = [TitleBlock(data), gap]
    story += [KeepTogether([heading("基本信息"), basic_info(data, font)]), gap]
    story += [KeepTogether([heading("证书及登记情况"), certificate(data, font)]), gap]
    if data.kind is not ApplicationKind.FIRST:  # a first registration needs no hours
        story += [
            CondPageBreak(45 * mm),
            heading("继续教育情况", _hours_note(data)),
            activities(data, font),
        ]
        if data.is_late:
            story += late_note(data, font)
        story.append(gap)
    closing: list[list[Flowable]] = [
        [heading("材料清单"), checklist(data.checklist, font), gap],
        [heading("承诺声明"), declaration(data, font), gap],
        [heading("所在单位意见"), employer_block(data, font), gap],
    ]
    if data.review_levels:
        first, *others = [review_block(level, font) for level in data.review_levels]
        closing.append([heading("审核意见", "（以下由审核机关填写）"), first, Spacer(1, 3 * mm)])
        closing += [[block, Spacer(1, 3 * mm)] for block in others]
    # Not nested: a KeepTogether inside a KeepTogether always breaks the page.
    split = max(0, len(closing) - keep_last - 1) if keep_last else len(closing)
    story += [KeepTogether(section) for section in closing[:split]]
    if split < len(closing):
        story.append(KeepTogether([f for section in closing[split:] for f in section]))
    return story


# -- document and footer ---------------------------------------------------------------------


class _FormDocument(BaseDocTemplate):
    def __init__(self, out: io.BytesIO, data: ApplicationFormData, font: str) -> None:
        super().__init__(
            out,
            pagesize=A4,
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=data.title,
            author="swdesk",
            subject=f"申请编号 {data.application_uid} 第{data.version}版",
            creator="swdesk",
            producer="swdesk (ReportLab)",
            invariant=1,  # no creation date, fixed document ID: same data → same bytes
            initialFontName=font,
        )
        frame = Frame(
            self.leftMargin,
            self.bottomMargin,
            self.width,
            self.height,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        self.addPageTemplates([PageTemplate(id="form", frames=[frame])])
        self.lowest: dict[int, float] = {}  # page → lowest y a flowable reached on it

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 (ReportLab's name)
        frame = getattr(self, "frame", None)
        if frame is None:  # not placed in a frame (ReportLab's page actions)
            return
        y = frame._y  # ReportLab's own: where the next flowable would start
        self.lowest[self.page] = min(y, self.lowest.get(self.page, y))

    def emptiest_fill(self) -> float:
        """The smallest share of the frame's height filled on any page after the first
        (1.0 for a one-page form)."""
        top = self.bottomMargin + self.height
        fills = [(top - y) / self.height for page, y in self.lowest.items() if page > 1]
        return min(fills, default=1.0)


def _footer_canvas(data: ApplicationFormData, font: str) -> type[Canvas]:
    """A Canvas class that keeps every page until the end, then stamps 第 X 页 共 Y 页."""
    left_text = f"swdesk 生成 · 申请编号 {data.application_uid[:8]}"

    class FooterCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 (ReportLab's name)
            self._pages.append(dict(self.__dict__))
            self._startPage()  # type: ignore[attr-defined]  # ReportLab's own, not in its stubs

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self._draw_footer(number, total)
                super().showPage()
            super().save()

        def _draw_footer(self, number: int, total: int) -> None:
            if data.open_fix_items > 0:
                self._draw_draft_mark()
            self.saveState()
            self.setFont(font, 9)
            self.setFillColor(INK)
            self.drawCentredString(PAGE_WIDTH / 2, FOOTER_BASELINE, f"第 {number} 页 共 {total} 页")
            self.setFont(font, 7)
            self.setFillColor(GREY_TEXT)
            self.drawString(MARGIN_X, FOOTER_BASELINE, left_text)
            self.restoreState()

        def _draw_draft_mark(self) -> None:
            """A line above the footer (inside the 12 mm every printer can print) and a
            diagonal watermark over the page."""
            self.saveState()
            self.setFillColor(DRAFT_RED)
            self.setFont(font, 9)
            self.drawCentredString(
                PAGE_WIDTH / 2,
                FOOTER_BASELINE + 4 * mm,
                f"{DRAFT_MARK} · 补正清单尚有 {data.open_fix_items} 项未完成，本表不能签字提交",
            )
            self.setFillAlpha(0.16)
            self.setFont(font, 54)
            self.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
            self.rotate(35)
            self.drawCentredString(0, -18, DRAFT_MARK)
            self.restoreState()

    return FooterCanvas
