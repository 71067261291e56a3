"""The printed application form: its text can be read back, fonts are embedded, pages break
sensibly (no near-empty page, grids on one set of column edges, no word broken across
lines), the photo prints at the rule pack's size, the QR code carries the payload, and the
output is deterministic. The data the form is built from (`build_form_data`) is tested at
the end."""

from __future__ import annotations

import dataclasses
import io
import logging
import re
from datetime import date, timedelta
from decimal import Decimal
from importlib.resources import files
from pathlib import Path
from typing import Any

import pypdf
import pypdfium2
import pytest
from PIL import Image, ImageChops
from reportlab.lib.units import mm

from swdesk.core.formatting import hours_text
from swdesk.domain.application import ApplicationDraft, ApplicationKind, MaterialFile, MaterialRole
from swdesk.domain.application_form import (
    ApplicationFormData,
    FormActivityRow,
    FormChecklistItem,
    FormReviewLevel,
)
from swdesk.domain.enums import (
    ActivityType,
    CertificateLevel,
    ContentArea,
    Gender,
    RegistrationKind,
)
from swdesk.domain.models import (
    Activity,
    Certificate,
    EvidenceFile,
    Practitioner,
    PractitionerRecord,
    RegistrationPeriod,
)
from swdesk.domain.rules import compute_status
from swdesk.pdf import (
    missing_glyphs,
    qr_modules,
    render_application_form,
    unprintable_characters,
)
from swdesk.pdf.cjk_wrap import wrap_lines
from swdesk.pdf.form.page import (
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    QR_SIZE,
)
from swdesk.pdf.qr import PIXELS_PER_MODULE, QUIET_ZONE
from swdesk.rulepacks import RulePackError, load_pack, load_pack_file
from swdesk.services.application_form import build_form_data
from swdesk.services.review.member_checks import check_form

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
        registration_number="甘社登字620802-2022-0137",
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
        "项目名称",
        "主办单位",
        "起止日期",
        "2019062000123456",
        "原登记有效期",
        "2022年7月1日 至 2025年6月30日",
        "登记证书编号",
        "甘社登字620802-2022-0137",
        "平凉市崆峒区同心社会工作服务中心",
        "本人郑重承诺",
        "申请人签名",
        "扫码核对电子材料",
        "四、材料清单",
        "五、承诺声明",
        "六、所在单位意见",
        "七、审核意见",
    ):
        assert expected in text, expected
    total = make_form().hours_total
    assert f"合计 {hours_text(total)} 学时（要求 90 学时）" in text
    assert f"申请编号：{UID}  第1版" in text
    assert "生成日期：2025年4月18日" in text
    assert "本次登记有效期" not in text  # the period shown is the one expiring
    assert "None" not in text


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


def first_registration_form(**changes: object) -> ApplicationFormData:
    return make_form(
        kind=ApplicationKind.FIRST,
        title="社会工作者首次登记申请表",
        registration_from=None,
        registration_to=None,
        registration_number="",
        activities=(),
        hours_total=Decimal(0),
        hours_required=Decimal(0),
        **changes,
    )


def _lines_after(text: str, label: str) -> str:
    lines = text.splitlines()
    index = next(i for i, line in enumerate(lines) if label in line)
    return " ".join(lines[index : index + 2])


def test_unknown_period_prints_a_dash_and_unknown_number_a_blank_cell() -> None:
    text = full_text(
        render_application_form(
            make_form(registration_from=None, registration_to=None, registration_number="")
        )
    )
    assert "—" in _lines_after(text, "原登记有效期")
    # the number's cell stays empty to be filled in by hand: no dash, no "None"
    assert "登记证书编号" in text and "None" not in text
    number_line = next(line for line in text.splitlines() if "登记证书编号" in line)
    assert number_line.replace("登记证书编号", "").strip() == ""


def test_first_registration_form_leaves_out_what_does_not_apply() -> None:
    text = full_text(render_application_form(first_registration_form()))
    assert "社会工作者首次登记申请表" in text
    assert "首次登记" in _lines_after(text, "申请类别")
    for absent in (
        "继续教育",
        "合计",
        "学时",
        "原登记有效期",
        "本次登记有效期",
        "登记证书编号",
        "逾期",
    ):
        assert absent not in text, absent
    for heading in (
        "一、基本信息",
        "二、证书及登记情况",
        "三、材料清单",
        "四、承诺声明",
        "五、所在单位意见",
        "六、审核意见",
    ):
        assert heading in text, heading
    assert "七、" not in text


def _seal_squares(pdf: bytes) -> list[tuple[float, float]]:
    """(width, height) of every rectangle of 40 mm or more drawn on the pages."""
    found = []
    for page in pypdf.PdfReader(io.BytesIO(pdf)).pages:
        content = page.get_contents().get_data().decode("latin-1")
        for w, h in re.findall(r"[\d.-]+ [\d.-]+ ([\d.]+) ([\d.]+) re", content):
            if float(w) >= 40 * mm and float(h) >= 40 * mm:
                found.append((float(w), float(h)))
    return found


def test_opinion_blocks_for_the_unit_and_each_review_level() -> None:
    for levels in (
        (),
        (FormReviewLevel("崆峒区民政局初审意见", "崆峒区民政局"),),
        (
            FormReviewLevel("崆峒区民政局初审意见", "崆峒区民政局"),
            FormReviewLevel("平凉市民政局复审意见", "平凉市民政局"),
            FormReviewLevel("甘肃省民政厅终审意见", "甘肃省民政厅"),
        ),
    ):
        pdf = render_application_form(make_form(review_levels=levels))
        text = full_text(pdf)
        # the employer's block: its name with room for its seal, the signer and the date
        assert "六、所在单位意见" in text
        assert "平凉市崆峒区同心社会工作服务中心（单位盖章）" in text
        assert text.count("单位负责人（签字）") == 1
        # one review block per level, each with 同意/不同意 boxes and the office's seal
        assert text.count("不同意") == len(levels)
        assert text.count("经办人（签字）") == len(levels)
        for level in levels:
            assert level.title in text
            assert f"{level.authority}（盖章）" in text
        assert "审核人" not in text  # the seal belongs to the office, not to a person
        assert text.count("年____月____日") == len(levels) + 2  # + unit + applicant
        assert ("七、审核意见" in text) == bool(levels)
        # a seal square of at least 42 mm (a standard official seal) in every block
        squares = _seal_squares(pdf)
        assert len(squares) == len(levels) + 1
        for width, height in squares:
            assert width == pytest.approx(height) and width >= 42 * mm


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


def _ticks(pdf: bytes) -> int:
    """How many tick marks are drawn: each is a 3-point path stroked with round caps."""
    count = 0
    for page in pypdf.PdfReader(io.BytesIO(pdf)).pages:
        content = page.get_contents().get_data().decode("latin-1")
        count += len(re.findall(r" m [\d.-]+ [\d.-]+ l [\d.-]+ [\d.-]+ l\s*S", content))
    return count


def test_only_attached_materials_are_ticked() -> None:
    checklist = (
        FormChecklistItem("本申请表（申请人签字）", True, "打印签字后扫描上传"),
        FormChecklistItem("继续教育证明材料", False),
        FormChecklistItem("近期免冠证件照", False),
    )
    pdf = render_application_form(make_form(checklist=checklist))
    text = full_text(pdf)
    assert text.count("已附") == 1 and text.count("未附") == 2
    assert _ticks(pdf) == 1


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
    assert missing_glyphs("𠮷野家 刘䶮") == set()  # Extension B and A: the fallback fonts
    assert missing_glyphs("王\ue000明") == {"\ue000"}  # private use: no shipped font has it


def test_unprintable_name_is_reported_and_still_renders(caplog: pytest.LogCaptureFixture) -> None:
    data = make_form(name="\ue000小明")
    assert unprintable_characters(data) == {"name": "\ue000"}
    assert unprintable_characters(make_form(name="𠮷小明")) == {}
    assert unprintable_characters(make_form()) == {}
    with caplog.at_level(logging.WARNING, logger="swdesk.pdf"):
        pdf = render_application_form(data)
    assert pdf.startswith(b"%PDF")
    assert any("\\ue000" in record.getMessage() for record in caplog.records)


# -- photo ----------------------------------------------------------------------------------


def _photo_rectangle(pdf: bytes) -> tuple[float, float]:
    """Width and height (mm) of the photo as printed: the bounding box of its blue pixels
    on page 1 rendered at 300 dpi (the test photo is blue (67, 142, 219) and grey)."""
    scale = 300 / 72
    document = pypdfium2.PdfDocument(pdf)
    try:
        image = document[0].render(scale=scale).to_pil().convert("RGB")
    finally:
        document.close()
    red, _green, blue = image.split()
    mask = ImageChops.multiply(
        red.point(lambda v: 255 if v < 110 else 0), blue.point(lambda v: 255 if v > 180 else 0)
    )
    box = mask.getbbox()
    assert box is not None, "no photo on page 1"
    left, top, right, bottom = box
    return (right - left) / scale / mm, (bottom - top) / scale / mm


def _photo_placements(pdf: bytes) -> list[tuple[float, float]]:
    """Width and height of every JPEG image XObject (the photo: the QR code is the other
    image) drawn on page 1, from its cm matrix."""
    page = pypdf.PdfReader(io.BytesIO(pdf)).pages[0]
    content = page.get_contents().get_data().decode("latin-1")
    xobjects = page["/Resources"].get("/XObject", {})
    pattern = r"([\d.]+) 0 0 ([\d.]+) [\d.-]+ [\d.-]+ cm\s*/(FormXob\.\w+) Do"
    return [
        (float(w), float(h))
        for w, h, name in re.findall(pattern, content)
        if list(xobjects[f"/{name}"].get_object()["/Filter"])[-1] == "/DCTDecode"
    ]


def _photo_xobject(pdf: bytes) -> Any:
    xobjects = pypdf.PdfReader(io.BytesIO(pdf)).pages[0]["/Resources"]["/XObject"]
    [photo] = [
        x.get_object()
        for x in xobjects.values()
        if list(x.get_object()["/Filter"])[-1] == "/DCTDecode"
    ]
    return photo


@pytest.mark.parametrize("size", [(25, 35), (35, 49)])  # 一寸, 二寸
def test_photo_prints_at_the_rule_packs_size(size: tuple[int, int]) -> None:
    width, height = size
    pdf = render_application_form(make_form(photo_size_mm=(Decimal(width), Decimal(height))))
    printed_w, printed_h = _photo_rectangle(pdf)
    assert printed_w == pytest.approx(width, abs=0.25)
    assert printed_h == pytest.approx(height, abs=0.25)
    # the 3:4 photo is scaled to cover the box and clipped to it, never stretched
    ((drawn_w, drawn_h),) = _photo_placements(pdf)
    assert drawn_w / drawn_h == pytest.approx(354 / 472)
    assert drawn_w >= width * mm - 0.01 and drawn_h >= height * mm - 0.01
    assert min(drawn_w - width * mm, drawn_h - height * mm) == pytest.approx(0, abs=0.01)


def test_photo_is_embedded_as_it_is(typical_pdf: bytes) -> None:
    image = _photo_xobject(typical_pdf)
    assert list(image["/Filter"]) == ["/DCTDecode"]  # the JPEG is embedded as it is
    assert image.get_data() == photo_jpeg()
    assert (image["/Width"], image["/Height"]) == (354, 472)


def test_missing_photo_shows_an_empty_labelled_box() -> None:
    pdf = render_application_form(make_form(photo_jpeg=None))
    assert _photo_placements(pdf) == []
    text = page_texts(pdf)[0]
    assert "照片" in text and "近期免冠证件照" in text and "一寸 25×35 mm" in text


# -- QR code --------------------------------------------------------------------------------


def test_qr_modules_look_like_a_qr_code() -> None:
    modules = qr_modules(PAYLOAD)
    count = len(modules)
    assert (count - 17) % 4 == 0 and all(len(row) == count for row in modules)
    finder = [row[:7] for row in modules[:7]]  # top-left finder pattern: 7×7 ring + 3×3 core
    assert all(finder[0]) and all(finder[6])
    assert finder[1] == (True, False, False, False, False, False, True)
    assert finder[3] == (True, False, True, True, True, False, True)


def test_qr_is_one_exact_image_of_the_modules(typical_pdf: bytes) -> None:
    """The symbol is an image of exactly its modules (quiet zone included), each a square
    of PIXELS_PER_MODULE pixels, black or white, losslessly compressed: no path of
    rectangles for a reader of the text to parse."""
    modules = qr_modules(PAYLOAD)
    side = (len(modules) + 2 * QUIET_ZONE) * PIXELS_PER_MODULE
    xobjects = pypdf.PdfReader(io.BytesIO(typical_pdf)).pages[0]["/Resources"]["/XObject"]
    [qr] = [
        x.get_object()
        for x in xobjects.values()
        if list(x.get_object()["/Filter"])[-1] != "/DCTDecode"
    ]
    assert (qr["/Width"], qr["/Height"], qr["/ColorSpace"]) == (side, side, "/DeviceGray")
    assert list(qr["/Filter"])[-1] == "/FlateDecode" and not qr.get("/Interpolate", False)
    pixels = qr.get_data()
    assert set(pixels) == {0, 255}
    for r in range(side):
        for c in range(side):
            mr, mc = r // PIXELS_PER_MODULE - QUIET_ZONE, c // PIXELS_PER_MODULE - QUIET_ZONE
            dark = 0 <= mr < len(modules) and 0 <= mc < len(modules) and modules[mr][mc]
            assert (pixels[r * side + c] == 0) == dark, (r, c)


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
        make_form(
            activities=rows, is_late=True, late_explanation=EXPLANATION, open_fix_items=open_items
        )
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


# -- layout: page fill, one grid, words kept whole --------------------------------------------


def _page_fills(pdf: bytes) -> list[float]:
    """For each page, the share of the frame's height down to its lowest printed pixel."""
    top, bottom = int(MARGIN_TOP), int(PAGE_HEIGHT - MARGIN_BOTTOM)
    fills = []
    document = pypdfium2.PdfDocument(pdf)
    try:
        for page in document:
            image = page.render(scale=1, grayscale=True).to_pil().convert("L")
            ink = image.crop((0, top, image.width, bottom)).point(lambda v: 255 if v < 160 else 0)
            box = ink.getbbox()
            fills.append((box[3] if box else 0) / (bottom - top))
    finally:
        document.close()
    return fills


@pytest.mark.parametrize("late", [False, True])
@pytest.mark.parametrize("count", [0, 12, 19, 21, 24, 45])
def test_no_page_is_near_empty(late: bool, count: int) -> None:
    """Whatever the number of activities, every page holds at least a third of a page:
    the closing sections re-flow instead of leaving one small section on a last page."""
    rows = activities(count)
    pdf = render_application_form(
        make_form(
            activities=rows,
            hours_total=sum((r.hours for r in rows), Decimal(0)),
            is_late=late,
            late_explanation=EXPLANATION if late else "",
        )
    )
    fills = _page_fills(pdf)
    assert len(fills) >= 2
    assert min(fills) >= 1 / 3, fills


def test_no_page_of_a_first_registration_form_is_near_empty() -> None:
    for levels in (1, 2, 3):
        reviews = tuple(FormReviewLevel(f"第{i}级审核意见", f"审核机关{i}") for i in range(levels))
        fills = _page_fills(render_application_form(first_registration_form(review_levels=reviews)))
        assert min(fills) >= 1 / 3, (levels, fills)


def _vertical_rules(pdf: bytes) -> set[float]:
    """The x positions (mm from the left margin) of every vertical table rule."""
    found = set()
    for page in pypdf.PdfReader(io.BytesIO(pdf)).pages:
        content = page.get_contents().get_data().decode("latin-1")
        offsets = [0.0]
        for match in re.finditer(
            r"(1 0 0 1 ([\d.-]+) [\d.-]+ cm)|(Q)|(q)|"
            r"(n ([\d.-]+) ([\d.-]+) m ([\d.-]+) ([\d.-]+) l S)",
            content,
        ):
            if match.group(4):
                offsets.append(offsets[-1])
            elif match.group(3) and len(offsets) > 1:
                offsets.pop()
            elif match.group(1):
                offsets[-1] += float(match.group(2))
            elif match.group(5):
                x1, y1, x2, y2 = (float(match.group(i)) for i in (6, 7, 8, 9))
                if x1 == x2 and abs(y2 - y1) > 3 * mm:
                    found.add(round((offsets[-1] + x1 - MARGIN_X) / mm, 1))
    return found


def test_section_grids_share_their_column_edges(typical_pdf: bytes) -> None:
    """The label tables (基本信息, 证书) rule at 33/72/105 mm, the photo column at 145 mm; the
    activity table and the materials list share 12/72/113/138/165 mm; the opinion blocks
    divide at 105 mm. No table has an edge of its own."""
    late = render_application_form(make_form(is_late=True, late_explanation=EXPLANATION))
    expected = {0.0, 12.0, 33.0, 72.0, 105.0, 113.0, 138.0, 145.0, 165.0, 180.0}
    for pdf in (typical_pdf, late):
        rules = _vertical_rules(pdf)
        assert rules <= expected, rules - expected
        assert {0.0, 33.0, 72.0, 105.0, 180.0} <= rules


WORDS = ("网络", "研讨会", "继续教育", "社会工作", "平台", "培训班")


def _split_words(text: str) -> list[str]:
    """The words of WORDS that end one line and continue on the next."""
    lines = [line.strip() for line in text.splitlines()]
    return [
        f"{a}|{b}"
        for a, b in zip(lines, lines[1:], strict=False)
        for word in WORDS
        for k in range(1, len(word))
        if a.endswith(word[:k]) and b.startswith(word[k:])
    ]


def test_cells_break_between_words_not_inside_them() -> None:
    titles = (
        "全国社会工作网络研讨会（社区治理与社会工作专业方法）",
        "甘肃省社会工作者继续教育网络平台学习：儿童保护专题培训班",
        "社会工作伦理与价值观研讨会暨督导能力提升培训班",
    )
    rows = tuple(
        FormActivityRow(
            title,
            "甘肃省社会工作者继续教育网络平台",
            date(2023, 3, 1 + i),
            date(2023, 3, 2 + i),
            label,
            Decimal(6),
        )
        for i, (title, label) in enumerate(
            zip(titles, ("网络平台学习", "行业协会继续教育", "课题研究、著作、论文"), strict=True)
        )
    )
    pdf = render_application_form(make_form(activities=rows, hours_total=Decimal(18)))
    text = full_text(pdf)
    assert _split_words(text) == []
    lines = [line.strip() for line in text.splitlines()]
    assert "网络平台学习" in lines  # the type column is wide enough for its labels
    assert "行业协会" in lines and "继续教育" in lines  # broken between its two words
    assert "课题研究、" in lines and "著作、论文" in lines  # at the enumeration comma
    table = lines[lines.index("序号") : next(i for i, x in enumerate(lines) if "合计" in x)]
    for line in table:  # never a lone character on a line of a cell
        assert len(line) != 1 or not "\u4e00" <= line <= "\u9fff", line


def test_wrap_lines_keeps_words_and_follows_line_breaking_rules() -> None:
    def measure(text: str) -> float:
        return float(len(text))  # one unit per character

    assert wrap_lines("网络平台学习", 5, measure) == ["网络平台", "学习"]
    assert wrap_lines("全国社会工作网络研讨会", 9, measure) == ["全国社会工作网络", "研讨会"]
    # a closing mark never starts a line, an opening one never ends it
    lines = wrap_lines("儿童保护（家庭服务）、社区治理", 6, measure)
    assert all(line[0] not in "）、，。" and line[-1] != "（" for line in lines), lines
    # numbers and dates stay whole
    assert wrap_lines("培训第12期2023.05.19", 10, measure) == ["培训第12期", "2023.05.19"]
    # the last line never holds one character alone
    assert all(len(line) > 1 for line in wrap_lines("本人承诺所填信息真实准确", 11, measure))
    # a unit longer than a line is cut: nothing else fits
    assert wrap_lines("11320000MB151840XJ", 6, measure) == ["113200", "00MB15", "1840XJ"]
    assert wrap_lines("第一行\n第二行", 10, measure) == ["第一行", "第二行"]


# -- the data the form is built from -----------------------------------------------------------

PROOF = EvidenceFile("证书.pdf", "a" * 64 + ".pdf", "a" * 64, 100, "application/pdf")
PHOTO = MaterialFile(MaterialRole.PHOTO, "me.jpg", "b" * 64 + ".jpg", "b" * 64, 10, "image/jpeg")
TODAY = date(2025, 5, 10)  # in the window of the registration ending 2025-06-30


def a_record(number: str = "甘社登字620802-2022-0137") -> PractitionerRecord:
    person = Practitioner(
        NAME,
        Gender.FEMALE,
        date(1949, 12, 31),
        ID_NUMBER,
        "13909331234",
        "同心社会工作服务中心",
        "社会工作者",
        5,
        "620802",
    )
    return PractitionerRecord(
        person,
        [Certificate(CertificateLevel.ASSISTANT, "S2019", date(2019, 6, 23))],
        [
            RegistrationPeriod(
                RegistrationKind.FIRST, date(2022, 7, 1), date(2025, 6, 30), number=number
            )
        ],
    )


def course(evidence: bool) -> Activity:
    return Activity(
        "网络研讨会",
        "平凉市民政局",
        ActivityType.ONLINE,
        ContentArea.LAWS_POLICIES,
        date(2024, 3, 1),
        date(2024, 3, 1),
        Decimal(6),
        evidence=(PROOF, PROOF) if evidence else (),
    )


def form_data(
    kind: ApplicationKind, counted: list[Activity], record: PractitionerRecord | None = None
) -> ApplicationFormData:
    record = record or a_record()
    draft = ApplicationDraft(1, kind, UID, materials=(PHOTO,))
    pack = load_pack("gansu")
    status = compute_status(record, counted, pack, TODAY)
    return build_form_data(draft, record, status, counted, pack, "ab" * 32, photo_jpeg(), TODAY)


def checklist_of(data: ApplicationFormData) -> dict[str, tuple[bool, str]]:
    return {item.label: (item.included, item.note) for item in data.checklist}


def test_evidence_is_ticked_only_when_attached() -> None:
    with_proof = checklist_of(form_data(ApplicationKind.RENEWAL, [course(True), course(False)]))
    assert with_proof["继续教育证明材料"] == (True, "共 2 份")
    without = checklist_of(form_data(ApplicationKind.RENEWAL, [course(False)]))
    assert without["继续教育证明材料"] == (False, "")  # □ 未附, not "☑ 已附 共 0 份"
    nothing = checklist_of(form_data(ApplicationKind.RENEWAL, []))
    assert nothing["继续教育证明材料"] == (False, "")
    text = full_text(render_application_form(form_data(ApplicationKind.RENEWAL, [])))
    assert "共 0 份" not in text
    first = checklist_of(form_data(ApplicationKind.FIRST, []))
    assert "继续教育证明材料" not in first  # nothing of the kind is asked for


def test_registration_number_and_period_come_from_the_expiring_registration() -> None:
    data = form_data(ApplicationKind.RENEWAL, [course(True)])
    assert data.registration_number == "甘社登字620802-2022-0137"
    assert (data.registration_from, data.registration_to) == (date(2022, 7, 1), date(2025, 6, 30))
    assert form_data(ApplicationKind.RENEWAL, [], a_record(number="")).registration_number == ""
    first = form_data(ApplicationKind.FIRST, [])
    assert (first.registration_number, first.registration_from) == ("", None)


@pytest.mark.parametrize("pack_id", ["gansu", "national"])
def test_photo_size_comes_from_the_rule_pack(pack_id: str) -> None:
    pack = load_pack(pack_id)
    assert pack.photo_size_mm == (Decimal(25), Decimal(35))  # 一寸
    assert pack.citation("photo_size_mm") is not None
    assert form_data(ApplicationKind.RENEWAL, []).photo_size_mm == pack.photo_size_mm


@pytest.mark.parametrize("size", [[35, 25], [25.55, 35], [10, 35]])
def test_a_photo_size_that_is_no_portrait_photo_is_refused(
    tmp_path: Path, size: list[float]
) -> None:
    text = files("swdesk.resources").joinpath("rulepacks", "gansu.toml").read_text("utf-8")
    broken = text.replace("[photo_size_mm]\nvalue = [25, 35]", f"[photo_size_mm]\nvalue = {size}")
    assert broken != text
    path = tmp_path / "gansu.toml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(RulePackError) as caught:
        load_pack_file(path)
    assert "photo_size_mm" in caught.value.reason


@pytest.mark.parametrize("kind", list(ApplicationKind))
def test_the_reviewers_form_check_passes_on_the_printed_form(kind: ApplicationKind) -> None:
    """The reviewer compares the form's text with application.json: name, ID number, the
    application number and (re-registration only) the total hours."""
    data = form_data(kind, [course(True)] if kind is ApplicationKind.RENEWAL else [])
    pdf = render_application_form(data)
    application = {
        "application": {"uid": UID, "version": 1, "kind": kind.value},
        "applicant": {"name": NAME, "id_number": ID_NUMBER},
        "hours": {"counted": hours_text(data.hours_total)},
    }
    result = check_form(application, pdf)
    assert result.passed, result.params
    wrong = {**application, "applicant": {"name": "王小明", "id_number": ID_NUMBER}}
    assert check_form(wrong, pdf).params["mismatch"] == ["name"]
    if kind is ApplicationKind.RENEWAL:
        more = {**application, "hours": {"counted": "96"}}
        assert check_form(more, pdf).params["mismatch"] == ["hours"]


def _first_page_line(pdf: bytes, start: str) -> tuple[str, float]:
    """The first page's text line starting with `start`, and the right edge (pt) of its
    last character."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        textpage = document[0].get_textpage()
        text = textpage.get_text_range()
        begin = text.index(start)
        end = text.find("\r\n", begin)
        end = len(text) if end < 0 else end
        _left, _bottom, right, _top = textpage.get_charbox(end - 1)
        return text[begin:end], right
    finally:
        document.close()


def test_the_first_page_gives_the_total_in_the_education_heading(typical_pdf: bytes) -> None:
    """The heading of 三 leads with the total against the requirement: the reader sees it
    first, and a reviewer's check finds everything it compares on page 1 of a usual form."""
    line, _right = _first_page_line(typical_pdf, "三、继续教育情况")
    total = hours_text(make_form().hours_total)
    assert f"合计 {total} 学时（要求 90 学时） · 学时要求依据：甘肃省（平凉市）" in line
    result = check_form(
        {
            "applicant": {"name": NAME, "id_number": ID_NUMBER},
            "application": {"uid": UID, "version": 1, "kind": "renewal"},
            "hours": {"counted": str(make_form().hours_total)},
        },
        typical_pdf,
    )
    assert result.passed, result.params


def test_a_long_rule_pack_name_shrinks_the_heading_note_to_the_line() -> None:
    label = "新疆维吾尔自治区（乌鲁木齐市天山区、沙依巴克区、新市区、水磨沟区）"
    pdf = render_application_form(dataclasses.replace(make_form(), rule_pack_label=label))
    line, right = _first_page_line(pdf, "三、继续教育情况")
    assert line.endswith(label)
    assert right <= 595.28 - MARGIN_X + 0.5  # A4's width less the right margin, in points


def test_the_form_is_proven_within_the_pdf_limits_without_inflating_a_stream(
    typical_pdf: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reviewer's import bounds each of the form's streams by its compressed length, so
    PDFium is the only one to inflate them; a form of 60 activities passes too."""
    from swdesk.pdf import limits

    long_rows = activities(60)
    long_pdf = render_application_form(
        make_form(activities=long_rows, hours_total=sum((r.hours for r in long_rows), Decimal(0)))
    )

    def no_inflating(*args: object) -> object:
        raise AssertionError("a stream of the form was inflated")

    with monkeypatch.context() as patched:
        patched.setattr(limits.zlib, "decompressobj", no_inflating)
        limits.check_pdf_limits(typical_pdf, limits.FORM_PDF_LIMITS)
    limits.check_pdf_limits(long_pdf, limits.FORM_PDF_LIMITS)
