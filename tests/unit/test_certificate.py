"""The electronic registration certificate: its data, QR text and the rendered PDF."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

import pytest
from pypdf import PdfReader

from swdesk.domain.certificate import (
    CertificateData,
    certificate_qr_payload,
    certificate_serial,
    parse_certificate_qr,
)
from swdesk.domain.decision import ReasonCode, reason_page
from swdesk.domain.fix_list import WizardPage
from swdesk.pdf import certificate as certificate_module
from swdesk.pdf.certificate import render_registration_certificate

DIGEST = "0123456789abcdef" * 4
UID = "0b4f0c52-6a1e-4f6e-9a38-3c1f3b3f9c11"

DATA = CertificateData(
    holder_name="张晓梅",
    gender_label="女",
    id_number="62080219910412002X",
    level_label="助理社会工作师",
    certificate_number="Z2016001",
    registration_label="再登记",
    valid_from=date(2027, 1, 28),
    valid_to=date(2030, 1, 27),
    office_name="甘肃省民政厅",
    decided_on=date(2027, 1, 15),
    decision_digest=DIGEST,
    application_uid=UID,
)


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    return reader.pages[0].extract_text()


def test_qr_payload_and_serial() -> None:
    assert DATA.qr_payload == f"SWDCERT1|{DIGEST}|{UID}|2030-01-27"
    assert certificate_qr_payload(DIGEST, UID, date(2030, 1, 27)) == DATA.qr_payload
    assert DATA.serial == certificate_serial(DIGEST) == "DJ-0123-4567-89AB-CDEF"
    assert parse_certificate_qr(DATA.qr_payload) == (DIGEST, UID, date(2030, 1, 27))


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "SWDAPP1|x|y|z",
        f"SWDCERT1|{DIGEST}|{UID}",
        f"SWDCERT1|{DIGEST.upper()}|{UID}|2030-01-27",
        f"SWDCERT1|{DIGEST}||2030-01-27",
        f"SWDCERT1|{DIGEST}|{UID}|2030-02-30",
    ],
)
def test_foreign_codes_are_not_certificates(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_certificate_qr(bad)


def test_reason_codes_map_to_wizard_pages() -> None:
    assert {code: reason_page(code) for code in ReasonCode} == {
        ReasonCode.HOURS_SHORT: WizardPage.ACTIVITIES,
        ReasonCode.DATA_WRONG: WizardPage.PERSONAL,
        ReasonCode.MATERIAL_UNCLEAR: WizardPage.MATERIALS,
        ReasonCode.PHOTO_UNFIT: WizardPage.MATERIALS,
        ReasonCode.NOT_IN_WINDOW: WizardPage.NONE,
        ReasonCode.OTHER: WizardPage.PRECHECK,
    }
    assert reason_page("something_new") is WizardPage.PRECHECK


def test_certificate_text_is_extractable_and_complete() -> None:
    pdf = render_registration_certificate(DATA)
    assert pdf.startswith(b"%PDF")
    text = _text(pdf)
    for expected in (
        "社会工作者登记证书（电子）",
        "张晓梅",
        "女",
        "62080219910412002X",
        "助理社会工作师",
        "Z2016001",
        "再登记",
        "2027年1月28日",
        "2030年1月27日",
        "登记机关：甘肃省民政厅",
        "2027年1月15日",
        DATA.serial,
        DIGEST,
        UID,
        "核验方法",
    ):
        assert expected in text, expected


def test_only_the_embedded_cjk_font_is_used() -> None:
    reader = PdfReader(io.BytesIO(render_registration_certificate(DATA)))
    fonts = [f.get_object() for f in reader.pages[0]["/Resources"]["/Font"].values()]
    assert fonts
    for font in fonts:
        descendant = (
            font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        )
        assert "/FontFile2" in descendant["/FontDescriptor"].get_object(), font


def test_output_is_deterministic_and_first_registration_says_so() -> None:
    assert render_registration_certificate(DATA) == render_registration_certificate(DATA)
    first = replace(DATA, registration_label="首次登记")
    assert "准予首次登记" in _text(render_registration_certificate(first))


def test_the_qr_code_carries_the_payload(monkeypatch: pytest.MonkeyPatch) -> None:
    drawn: list[str] = []
    real = certificate_module.draw_qr

    def spy(canv, payload, x, y, size):  # type: ignore[no-untyped-def]
        drawn.append(payload)
        real(canv, payload, x, y, size)

    monkeypatch.setattr(certificate_module, "draw_qr", spy)
    render_registration_certificate(DATA)
    assert drawn == [DATA.qr_payload]


def test_photo_and_long_office_names_fit() -> None:
    from swdesk.media.photo import normalise_photo
    from swdesk.services.demo_images import portrait_png

    photo = normalise_photo(portrait_png(1), source_name="p.png").jpeg
    long_office = replace(
        DATA, office_name="新疆维吾尔自治区民政厅社会工作与志愿服务处登记管理科", photo_jpeg=photo
    )
    pdf = render_registration_certificate(long_office)
    assert b"/Subtype /Image" in pdf or b"/Subtype/Image" in pdf
    assert "新疆维吾尔自治区民政厅" in _text(pdf).replace("\n", "")
