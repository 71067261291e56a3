"""The printed application form: its text can be read back, fonts are embedded, pages break
sensibly, the QR code carries the payload, and the output is deterministic."""

from __future__ import annotations

import dataclasses
import io
import logging
import re
from datetime import date, timedelta
from decimal import Decimal

import pypdf
import pypdfium2
import pytest
from PIL import Image
from reportlab.lib.units import mm

from swdesk.domain.application import (
    ApplicationFormData,
    ApplicationKind,
    FormActivityRow,
    FormChecklistItem,
    FormReviewLevel,
)
from swdesk.pdf import (
    missing_glyphs,
    qr_modules,
    qr_widget,
    render_application_form,
    unprintable_characters,
)
from swdesk.pdf.application_form import (
    MARGIN_TOP,
    MARGIN_X,
    PAGE_WIDTH,
    QR_SIZE,
    hours_text,
)
from swdesk.pdf.qr import QUIET_ZONE

UID = "5b0e9f3c-2a41-4d7b-8c6e-1f9a3d7e2b10"
NAME = "李喆堃"
ID_NUMBER = "11010519491231002X"
PAYLOAD = f"SWDAPP1|{UID}|1|{'ab12' * 16}"
EXPLANATION = "因本人于2025年上半年长期住院治疗，未能按期申请再登记，特此说明。"


def photo_jpeg() -> bytes:
    image = Image.new("RGB", (354, 472), (67, 142, 219))
    image.paste((90, 90, 100), (100, 120, 254, 472))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90)
    return out.getvalue()


def activities(count: int) -> tuple[FormActivityRow, ...]:
    start = date(2022, 9, 1)
    return tuple(
        FormActivityRow(
            title=f"社会工作实务能力提升培训第{i + 1}期（儿童保护与家庭服务专题）",
            organiser="平凉市民政局" if i % 2 else "全国社会工作者继续教育平台",
            start_date=start + timedelta(days=20 * i),
            end_date=start + timedelta(days=20 * i + i % 3),
            type_label="培训" if i % 2 else "网络平台学习",
            hours=Decimal("6") if i % 3 else Decimal("1.5"),
        )
        for i in range(count)
    )


def make_form(**changes: object) -> ApplicationFormData:
    rows = activities(15)
    data = ApplicationFormData(
        kind=ApplicationKind.RENEWAL,
        title="社会工作者再登记申请表",
        application_uid=UID,
        version=1,
        generated_on=date(2025, 4, 18),
        name=NAME,
        gender_label="女",
        birth_date=date(1949, 12, 31),
        id_number=ID_NUMBER,
        phone="13909331234",
        employer="平凉市崆峒区同心社会工作服务中心",
        employer_credit_code="",
        post="社会工作者",
        years_in_social_work=5,
        county_label="崆峒区",
        level_label="助理社会工作师",
        certificate_number="2019062000123456",
        certificate_obtained_on=date(2019, 6, 23),
        registration_from=date(2022, 7, 1),
        registration_to=date(2025, 6, 30),
        activities=rows,
        hours_total=sum((r.hours for r in rows), Decimal(0)),
        hours_required=Decimal(90),
        is_late=False,
        late_explanation="",
        declaration_text="本人郑重承诺：所填信息及所附材料真实、准确、完整。",
        review_levels=(
            FormReviewLevel("平凉市民政局初审意见", "平凉市民政局"),
            FormReviewLevel("甘肃省民政厅终审意见", "甘肃省民政厅"),
        ),
        checklist=(
            FormChecklistItem("本申请表（申请人签字）", True, "打印签字后扫描上传"),
            FormChecklistItem("近期免冠证件照", True),
            FormChecklistItem("身份信息变更证明", False, "无变更"),
        ),
        qr_payload=PAYLOAD,
        photo_jpeg=photo_jpeg(),
        rule_pack_label="甘肃省（平凉市）",
    )
    return dataclasses.replace(data, **changes)  # type: ignore[arg-type]


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def full_text(pdf: bytes) -> str:
    return "\n".join(page_texts(pdf))


@pytest.fixture(scope="module")
def typical_pdf() -> bytes:
    return render_application_form(make_form())


# -- content --------------------------------------------------------------------------------


def test_is_a_pdf(typical_pdf: bytes) -> None:
    assert typical_pdf.startswith(b"%PDF-")
    assert typical_pdf.rstrip().endswith(b"%%EOF")
    reader = pypdf.PdfReader(io.BytesIO(typical_pdf))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4
    assert reader.metadata is not None and reader.metadata.title == "社会工作者再登记申请表"


def test_text_reads_back(typical_pdf: bytes) -> None:
    text = full_text(typical_pdf)
    for expected in (
        "社会工作者再登记申请表",
        "姓名",
        NAME,
        "公民身份号码",
        ID_NUMBER,
        "合计",
        "一、基本信息",
        "二、证书及登记情况",
        "三、继续教育情况",
        "四、承诺声明",
        "五、审核意见",
        "六、材料清单",
        "项目名称",
        "主办单位",
        "起止日期",
        "2019062000123456",
        "2022年7月1日 至 2025年6月30日",
        "平凉市崆峒区同心社会工作服务中心",
        "本人郑重承诺",
        "申请人签名",
        "扫码核对电子材料",
    ):
        assert expected in text, expected
    total = make_form().hours_total
    assert f"合计 {hours_text(total)} 学时（要求 90 学时）" in text
    assert f"申请编号：{UID}  第1版" in text
    assert "生成日期：2025年4月18日" in text


def test_hours_are_printed_without_trailing_zeros() -> None:
    assert hours_text(Decimal("96.00")) == "96"
    assert hours_text(Decimal("1.50")) == "1.5"
    assert hours_text(Decimal("100")) == "100"  # not 1E+2


def test_empty_credit_code_prints_a_dash(typical_pdf: bytes) -> None:
    lines = full_text(typical_pdf).splitlines()
    index = next(i for i, line in enumerate(lines) if "统一社会信用代码" in line)
    assert "—" in " ".join(lines[index : index + 2])
    text = full_text(render_application_form(make_form(employer_credit_code="11320000MB151840XJ")))
    assert "11320000MB151840XJ" in text


def test_missing_registration_period_prints_a_dash() -> None:
    pdf = render_application_form(
        make_form(
            registration_from=None,
            registration_to=None,
            kind=ApplicationKind.FIRST,
            title="社会工作者首次登记申请表",
        )
    )
    text = full_text(pdf)
    assert "社会工作者首次登记申请表" in text
    assert "首次登记" in text
    lines = text.splitlines()
    index = next(i for i, line in enumerate(lines) if "本次登记有效期" in line)
    assert "—" in " ".join(lines[index : index + 2])


def test_one_review_block_per_level() -> None:
    for levels in (
        (),
        (FormReviewLevel("崆峒区民政局初审意见", "崆峒区民政局"),),
        (
            FormReviewLevel("崆峒区民政局初审意见", "崆峒区民政局"),
            FormReviewLevel("平凉市民政局复审意见", "平凉市民政局"),
            FormReviewLevel("甘肃省民政厅终审意见", "甘肃省民政厅"),
        ),
    ):
        text = full_text(render_application_form(make_form(review_levels=levels)))
        assert text.count("审核人：") == len(levels)
        assert text.count("（盖章）") == len(levels)
        for level in levels:
            assert level.title in text
            assert f"审核单位：{level.authority}" in text
        assert ("五、审核意见" in text) == bool(levels)


def test_long_activity_list_breaks_pages_and_repeats_the_header() -> None:
    rows = activities(60)
    pdf = render_application_form(
        make_form(activities=rows, hours_total=sum((r.hours for r in rows), Decimal(0)))
    )
    pages = page_texts(pdf)
    assert len(pages) > 1
    assert "项目名称" in pages[1] and "主办单位" in pages[1]  # the header row, repeated
    assert sum(text.count("社会工作实务能力提升培训第") for text in pages) == 60
    assert "第60期" in full_text(pdf)
    for number, text in enumerate(pages, start=1):
        assert f"第 {number} 页 共 {len(pages)} 页" in text
        assert f"swdesk 生成 · 申请编号 {UID[:8]}" in text


def test_no_activities_still_renders() -> None:
    text = full_text(render_application_form(make_form(activities=(), hours_total=Decimal(0))))
    assert "（无继续教育记录）" in text
    assert "合计 0 学时（要求 90 学时）" in text


def test_late_explanation_only_when_late() -> None:
    late = full_text(render_application_form(make_form(is_late=True, late_explanation=EXPLANATION)))
    assert "逾期再登记" in late
    assert "情况说明" in late
    assert "长期住院治疗" in late
    on_time = full_text(
        render_application_form(make_form(is_late=False, late_explanation=EXPLANATION))
    )
    assert "逾期" not in on_time
    assert "情况说明" not in on_time
    assert "长期住院治疗" not in on_time


def test_very_long_explanation_flows_over_pages() -> None:
    explanation = "\n".join(
        f"第{i}段：" + "本人因工作调动，未能按期办理再登记。" * 12 for i in range(1, 30)
    )
    pdf = render_application_form(make_form(is_late=True, late_explanation=explanation))
    text = full_text(pdf)
    assert "第29段" in text
    assert len(page_texts(pdf)) >= 3


def test_checklist_marks_are_drawn_and_readable(typical_pdf: bytes) -> None:
    text = full_text(typical_pdf)
    assert text.count("已附") == 2
    assert text.count("未附") == 1
    assert "打印签字后扫描上传" in text


def test_markup_characters_in_user_text_are_printed_literally() -> None:
    text = full_text(
        render_application_form(make_form(employer="A&B <社工> 服务中心", post="督导 & 项目主管"))
    )
    assert "A&B <社工> 服务中心" in text
    assert "督导 & 项目主管" in text


def test_very_long_values_shrink_instead_of_overflowing() -> None:
    employer = "平凉市崆峒区西郊街道社会工作服务站" * 8
    pdf = render_application_form(make_form(employer=employer))
    assert "平凉市崆峒区西郊街道" in full_text(pdf)


# -- fonts and glyphs -------------------------------------------------------------------------


def test_all_fonts_are_embedded_truetype(typical_pdf: bytes) -> None:
    reader = pypdf.PdfReader(io.BytesIO(typical_pdf))
    seen = 0
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, font["/BaseFont"]  # the glyphs travel along
            assert "WenQuanYi" in font["/BaseFont"]
            assert "+" in font["/BaseFont"]  # a subset, not the 3 MB font
            seen += 1
    assert seen
    assert b"/Helvetica" not in typical_pdf


def test_missing_glyphs() -> None:
    assert missing_glyphs("李喆堃 镕淼 ZHANG 0123（）—") == set()
    assert missing_glyphs("𠮷野家") == {"𠮷"}


def test_unprintable_name_is_reported_and_still_renders(caplog: pytest.LogCaptureFixture) -> None:
    data = make_form(name="𠮷小明")
    assert unprintable_characters(data) == {"name": "𠮷"}
    assert unprintable_characters(make_form()) == {}
    with caplog.at_level(logging.WARNING, logger="swdesk.pdf"):
        pdf = render_application_form(data)
    assert pdf.startswith(b"%PDF")
    assert any("𠮷" in record.getMessage() for record in caplog.records)


# -- photo ----------------------------------------------------------------------------------


def _placements(pdf: bytes) -> list[tuple[float, float]]:
    """Width and height of every image XObject drawn on page 1 (from its cm matrix)."""
    page = pypdf.PdfReader(io.BytesIO(pdf)).pages[0]
    content = page.get_contents().get_data().decode("latin-1")
    pattern = r"([\d.]+) 0 0 ([\d.]+) [\d.-]+ [\d.-]+ cm\s*/(FormXob\.\w+) Do"
    return [(float(w), float(h)) for w, h, _name in re.findall(pattern, content)]


def test_photo_is_drawn_30_by_40_mm(typical_pdf: bytes) -> None:
    placements = _placements(typical_pdf)
    assert len(placements) == 1
    width, height = placements[0]
    assert width == pytest.approx(30 * mm, abs=0.01)
    assert height == pytest.approx(40 * mm, abs=0.01)
    reader = pypdf.PdfReader(io.BytesIO(typical_pdf))
    xobjects = reader.pages[0]["/Resources"]["/XObject"]
    image = next(iter(xobjects.values())).get_object()
    assert list(image["/Filter"]) == ["/DCTDecode"]  # the JPEG is embedded as it is
    assert image.get_data() == photo_jpeg()
    assert (image["/Width"], image["/Height"]) == (354, 472)


def test_missing_photo_shows_an_empty_labelled_box() -> None:
    pdf = render_application_form(make_form(photo_jpeg=None))
    assert _placements(pdf) == []
    text = page_texts(pdf)[0]
    assert "照片" in text and "近期免冠证件照" in text


# -- QR code --------------------------------------------------------------------------------


def test_qr_widget_carries_the_payload() -> None:
    widget = qr_widget(PAYLOAD)
    assert widget.value == PAYLOAD
    widget.qr.make()
    assert b"".join(d.data for d in widget.qr.dataList) == PAYLOAD.encode()
    unicode_widget = qr_widget("申请编号 " + UID)
    assert b"".join(d.data for d in unicode_widget.qr.dataList) == ("申请编号 " + UID).encode()


def test_qr_modules_look_like_a_qr_code() -> None:
    modules = qr_modules(PAYLOAD)
    count = len(modules)
    assert (count - 17) % 4 == 0 and all(len(row) == count for row in modules)
    finder = [row[:7] for row in modules[:7]]  # top-left finder pattern: 7×7 ring + 3×3 core
    assert all(finder[0]) and all(finder[6])
    assert finder[1] == (True, False, False, False, False, False, True)
    assert finder[3] == (True, False, True, True, True, False, True)


def test_printed_qr_matches_the_encoded_modules(typical_pdf: bytes) -> None:
    """Sample the rendered page at every module centre: the print is the encoder's matrix."""
    modules = qr_modules(PAYLOAD)
    count = len(modules)
    scale = 6  # 432 dpi
    document = pypdfium2.PdfDocument(typical_pdf)
    try:
        image = document[0].render(scale=scale, grayscale=True).to_pil().convert("L")
    finally:
        document.close()
    left = (PAGE_WIDTH - MARGIN_X - QR_SIZE) * scale
    top = MARGIN_TOP * scale  # the title block starts at the top of the frame
    box = QR_SIZE * scale / (count + 2 * QUIET_ZONE)
    for r in range(-QUIET_ZONE, count + QUIET_ZONE):
        for c in range(-QUIET_ZONE, count + QUIET_ZONE):
            dark = 0 <= r < count and 0 <= c < count and modules[r][c]
            x = left + (c + QUIET_ZONE + 0.5) * box
            y = top + (r + QUIET_ZONE + 0.5) * box
            assert (image.getpixel((int(x), int(y))) < 128) == dark, (r, c)


# -- printing, determinism -------------------------------------------------------------------


@pytest.mark.parametrize("open_items", [0, 3])  # a draft's marks stay inside too
def test_nothing_is_printed_within_12_mm_of_the_edges(open_items: int) -> None:
    rows = activities(60)
    pdf = render_application_form(
        make_form(activities=rows, is_late=True, late_explanation=EXPLANATION,
                  open_fix_items=open_items)
    )
    scale = 2
    margin = int(12 * mm * scale) - 1
    document = pypdfium2.PdfDocument(pdf)
    try:
        for page in document:
            image = page.render(scale=scale, grayscale=True).to_pil().convert("L")
            w, h = image.size
            for box in (
                (0, 0, w, margin),
                (0, h - margin, w, h),
                (0, 0, margin, h),
                (w - margin, 0, w, h),
            ):
                assert image.crop(box).getextrema()[0] > 250, box
    finally:
        document.close()


def test_same_input_gives_the_same_pdf(typical_pdf: bytes) -> None:
    again = render_application_form(make_form())
    assert again == typical_pdf
    assert page_texts(again) == page_texts(typical_pdf)


def test_different_input_gives_a_different_pdf(typical_pdf: bytes) -> None:
    assert render_application_form(make_form(phone="13800000000")) != typical_pdf


# -- a form printed before the pre-check passes ----------------------------------------------


def _reddish_pixels(pdf: bytes, index: int) -> int:
    document = pypdfium2.PdfDocument(pdf)
    try:
        image = document[index].render(scale=1).to_pil().convert("RGB")
    finally:
        document.close()
    return sum(1 for r, g, b in image.get_flattened_data() if r > g + 40 and r > b + 40)


def test_a_form_with_open_fixes_is_marked_as_a_draft_on_every_page(typical_pdf: bytes) -> None:
    pdf = render_application_form(make_form(open_fix_items=2))
    texts = page_texts(pdf)
    assert len(texts) >= 2
    for number, text in enumerate(texts):
        assert "预审未通过，草稿" in text, number
        assert "补正清单尚有 2 项未完成" in text, number
        # the watermark is drawn in red across the page, not only present as text
        assert _reddish_pixels(pdf, number) > 500, number
    assert "草稿" not in full_text(typical_pdf)
    assert _reddish_pixels(typical_pdf, 0) < 50
