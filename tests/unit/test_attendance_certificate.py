"""The printable certificate of an attendance record: one page whose text names the attendee,
the course and the provider (the ID number only masked), and whose QR code, printed and read
back at an office scanner's 150 dpi, is the record's `SWDCE1|<record id>|<digest>`."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import zxingcpp
from pypdf import PdfReader
from test_qr_scans import rasterise

from swdesk.pdf.attendance_certificate import (
    AttendanceCertificateData,
    render_attendance_certificate,
)

PAYLOAD = (
    "SWDCE1|5f0c6a52-8e1d-4b7a-9c3e-2d4f6a8b0c1e|"
    "a3caa2b6317f7f6a3c8705ea3fda338730d0ec4a5d193366c1204a519be2042a"
)
DATA = AttendanceCertificateData(
    attendee_name="阿依古丽·买买提",
    masked_id_number="620802********0134",
    course_title="社会工作伦理与督导培训：儿童保护个案管理、家庭社会工作与社区资源链接的实务方法"
    "（第二期）",
    activity_type="培训",
    content_area="专业价值观与伦理",
    start_date=date(2025, 2, 18),
    end_date=date(2025, 2, 19),
    hours="12.5",
    provider_name="甘肃省社会工作协会",
    provider_credit_code="11320000MB151840XJ",
    provider_fingerprint=" ".join(["8B8D"] * 16),
    record_id="5f0c6a52-8e1d-4b7a-9c3e-2d4f6a8b0c1e",
    issued_on=date(2025, 2, 20),
    qr_payload=PAYLOAD,
)


def test_the_certificate_is_one_page_naming_attendee_course_and_provider() -> None:
    reader = PdfReader(io.BytesIO(render_attendance_certificate(DATA)))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    for expected in (
        DATA.attendee_name,
        DATA.masked_id_number,
        "（第二期）",  # the end of a title long enough to wrap
        "12.5 学时",
        "2025年2月18日至2025年2月19日",
        DATA.provider_name,
        DATA.provider_credit_code,
        DATA.record_id,
    ):
        assert expected in text.replace("\n", ""), expected


def test_the_same_data_renders_the_same_bytes() -> None:
    assert render_attendance_certificate(DATA) == render_attendance_certificate(DATA)


def test_the_qr_code_decodes_to_the_records_digest_at_150_dpi(tmp_path: Path) -> None:
    page = rasterise(render_attendance_certificate(DATA), tmp_path)
    assert [r.text for r in zxingcpp.read_barcodes(page)] == [PAYLOAD]
