"""The LibreOffice baseline's document: the sample application form as a one-page flat ODT.

Same content as swdesk's form: title, personal data, certificate and registration, the
activity table, hours, declaration, review boxes, checklist and the photo (embedded JPEG).
Written by hand as flat ODF XML (`.fodt`), which `soffice --convert-to pdf` reads directly.
"""

from __future__ import annotations

import base64
from pathlib import Path
from xml.sax.saxutils import escape

from swdesk.domain.application_form import ApplicationFormData

_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 xmlns:xlink="http://www.w3.org/1999/xlink"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls>
 <style:font-face style:name="WenQuanYi Micro Hei" svg:font-family="'WenQuanYi Micro Hei'"/>
</office:font-face-decls>
<office:styles>
 <style:default-style style:family="paragraph">
  <style:text-properties style:font-name="WenQuanYi Micro Hei" fo:font-size="8pt"
   style:font-name-asian="WenQuanYi Micro Hei" style:font-size-asian="8pt"/>
 </style:default-style>
</office:styles>
<office:automatic-styles>
 <style:page-layout style:name="pm1">
  <style:page-layout-properties fo:page-width="210mm" fo:page-height="297mm"
   fo:margin-top="12mm" fo:margin-bottom="12mm" fo:margin-left="15mm" fo:margin-right="15mm"/>
 </style:page-layout>
 <style:style style:name="Title" style:family="paragraph">
  <style:paragraph-properties fo:text-align="center"/>
  <style:text-properties fo:font-size="15pt" style:font-size-asian="15pt" fo:font-weight="bold"
   style:font-weight-asian="bold"/>
 </style:style>
 <style:style style:name="Cell" style:family="table-cell">
  <style:table-cell-properties fo:border="0.5pt solid #000000" fo:padding="0.6mm"/>
 </style:style>
 <style:style style:name="Form" style:family="table">
  <style:table-properties style:width="180mm" table:align="center"/>
 </style:style>
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="Standard" style:page-layout-name="pm1"/>
</office:master-styles>
<office:body><office:text>
"""


def _p(text: str, style: str = "") -> str:
    attr = f' text:style-name="{style}"' if style else ""
    return f"<text:p{attr}>{escape(text)}</text:p>"


def _row(*cells: str) -> str:
    inner = "".join(
        f'<table:table-cell table:style-name="Cell">{_p(c)}</table:table-cell>' for c in cells
    )
    return f"<table:table-row>{inner}</table:table-row>"


def _table(name: str, columns: int, rows: list[tuple[str, ...]]) -> str:
    body = "".join(_row(*r, *([""] * (columns - len(r)))) for r in rows)
    return (
        f'<table:table table:name="{name}" table:style-name="Form">'
        f'<table:table-column table:number-columns-repeated="{columns}"/>{body}'
        "</table:table>"
    )


def write_form_document(data: ApplicationFormData, path: Path) -> Path:
    parts = [
        _HEAD,
        _p(data.title, "Title"),
        _p(f"申请编号 {data.application_uid} 第{data.version}版 生成日期 {data.generated_on}"),
    ]
    if data.photo_jpeg:
        photo = base64.b64encode(data.photo_jpeg).decode("ascii")
        parts.append(
            '<text:p><draw:frame draw:name="photo" text:anchor-type="paragraph" '
            'svg:width="30mm" svg:height="40mm" svg:x="150mm" svg:y="0mm">'
            f"<draw:image><office:binary-data>{photo}</office:binary-data></draw:image>"
            "</draw:frame></text:p>"
        )
    parts.append(
        _table(
            "personal",
            4,
            [
                ("姓名", data.name, "性别", data.gender_label),
                ("出生日期", str(data.birth_date), "身份证号", data.id_number),
                ("联系电话", data.phone, "所在县区", data.county_label),
                ("工作单位", data.employer, "统一社会信用代码", data.employer_credit_code),
                ("岗位", data.post, "从事社会工作年限", str(data.years_in_social_work)),
                ("证书等级", data.level_label, "证书编号", data.certificate_number),
                (
                    "取得证书日期",
                    str(data.certificate_obtained_on),
                    "登记有效期",
                    f"{data.registration_from} 至 {data.registration_to}",
                ),
            ],
        )
    )
    parts.append(_p("继续教育情况"))
    parts.append(
        _table(
            "activities",
            5,
            [("名称", "举办单位", "起止日期", "类型", "学时")]
            + [
                (a.title, a.organiser, f"{a.start_date}—{a.end_date}", a.type_label, str(a.hours))
                for a in data.activities
            ]
            + [("合计", "", "", f"应修 {data.hours_required}", str(data.hours_total))],
        )
    )
    if data.late_explanation:
        parts.append(_p("逾期情况说明：" + data.late_explanation))
    parts.append(_p("承诺声明：" + data.declaration_text))
    parts.append(_p("申请人签字：　　　　　　　日期：　　　　年　　月　　日"))
    parts.append(
        _table(
            "review",
            2,
            [
                (level.title, f"（盖章）{level.authority}　　年　月　日")
                for level in data.review_levels
            ],
        )
    )
    parts.append(
        _table(
            "checklist",
            3,
            [(item.label, "有" if item.included else "无", item.note) for item in data.checklist],
        )
    )
    parts.append(_p(data.qr_payload))
    parts.append("</office:text></office:body></office:document>\n")
    path.write_text("".join(parts), encoding="utf-8")
    return path
