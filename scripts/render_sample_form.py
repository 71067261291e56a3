"""Render a realistic sample 《社会工作者再登记申请表》 to look at (no data folder needed).

    .venv/bin/python scripts/render_sample_form.py OUT.pdf [--late] [--activities N] [--no-photo]

The photo is the demo's synthetic portrait, passed through the real photo normaliser.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from swdesk.domain.application import ApplicationKind
from swdesk.domain.application_form import (
    ApplicationFormData,
    FormActivityRow,
    FormChecklistItem,
    FormReviewLevel,
)
from swdesk.media.photo import normalise_photo
from swdesk.pdf import render_application_form, unprintable_characters
from swdesk.services.demo_images import portrait_png
from swdesk.services.form_labels import DECLARATION

ACTIVITIES = [
    ("社会工作者职业道德与伦理规范专题培训", "平凉市民政局", "培训", "12"),
    ("《社会工作法》相关法律法规政策解读讲座", "平凉市社会工作协会", "讲座", "4"),
    ("儿童福利与未成年人保护实务能力提升班", "甘肃省民政厅", "培训", "16"),
    ("社区社会工作理论与实务（网络课程）", "全国社会工作者继续教育平台", "网络平台学习", "10"),
    ("老年人社会工作个案管理方法", "全国社会工作者继续教育平台", "网络平台学习", "8"),
    ("乡镇（街道）社工站建设经验交流研讨会", "崆峒区民政局", "研讨交流", "6"),
    ("社会救助政策与困难群众精准帮扶", "平凉市民政局", "培训", "8"),
    ("小组工作技巧与团体督导", "甘肃政法大学社会工作系", "培训", "6"),
    ("心理危机干预基础知识", "平凉市精神卫生中心", "讲座", "3"),
    ("社会工作项目设计、评估与资金管理", "甘肃省社会工作协会", "行业协会继续教育", "8"),
    ("残疾人社会工作服务标准解读", "全国社会工作者继续教育平台", "网络平台学习", "5"),
    ("农村留守老人关爱服务实务研讨", "静宁县民政局", "研讨交流", "4"),
    ("社会工作文书写作与档案管理规范", "平凉市社会工作协会", "培训", "4"),
    ("反家庭暴力法与妇女权益保障", "全国社会工作者继续教育平台", "网络平台学习", "3.5"),
    ("社会工作督导理论与方法（第二期）", "甘肃省民政厅", "培训", "6"),
]


def sample_form(
    *, late: bool = False, activity_count: int = 15, photo: bool = True
) -> ApplicationFormData:
    start = date(2022, 9, 12)
    rows = []
    for i in range(activity_count):
        title, organiser, kind, hours = ACTIVITIES[i % len(ACTIVITIES)]
        begin = start + timedelta(days=47 * i)
        days = int(Decimal(hours) // 6)
        rows.append(
            FormActivityRow(
                title, organiser, begin, begin + timedelta(days=days), kind, Decimal(hours)
            )
        )
    total = sum((row.hours for row in rows), Decimal(0))
    jpeg = None
    if photo:
        jpeg = normalise_photo(portrait_png(1, 600, 800), source_name="portrait.png").jpeg
    explanation = (
        "本人因2025年上半年参加省外为期四个月的脱产学习，未能在登记有效期届满前三个月内"
        "按时提交再登记申请。学习期间已通过网络平台完成继续教育学时，现补充提交相关证明材料。\n"
        "特此说明，恳请予以审核。"
    )
    return ApplicationFormData(
        kind=ApplicationKind.RENEWAL,
        title="社会工作者再登记申请表",
        application_uid="3f6c1a2e-8b4d-4c7e-9a51-2d0e7f93b6c4",
        version=2 if late else 1,
        generated_on=date(2025, 4, 18),
        name="王喆堃",
        gender_label="男",
        birth_date=date(1990, 3, 7),
        id_number="620802199003070035",
        phone="138 9330 1234",
        employer="平凉市崆峒区西郊街道社会工作服务站（平凉市崆峒区同心社会工作服务中心）",
        employer_credit_code="52620802MJY123456X",
        post="一线社会工作者（儿童及家庭服务）",
        years_in_social_work=6,
        county_label="崆峒区",
        level_label="助理社会工作师",
        certificate_number="2019062000123456",
        certificate_obtained_on=date(2019, 6, 23),
        registration_from=date(2022, 7, 1),
        registration_to=date(2025, 6, 30),
        activities=tuple(rows),
        hours_total=total,
        hours_required=Decimal(120 if late else 90),
        is_late=late,
        late_explanation=explanation if late else "",
        declaration_text=DECLARATION,
        review_levels=(
            FormReviewLevel("平凉市民政局初审意见", "平凉市民政局"),
            FormReviewLevel("甘肃省民政厅终审意见", "甘肃省民政厅"),
        ),
        checklist=(
            FormChecklistItem("本申请表（申请人签字）", True, "打印签字后扫描上传"),
            FormChecklistItem("近期免冠证件照", photo),
            FormChecklistItem("继续教育证明材料", True, f"共 {activity_count} 份"),
            FormChecklistItem("身份信息变更证明", False, "身份信息无变更，不需提交"),
        )
        + ((FormChecklistItem("逾期情况说明", True),) if late else ()),
        qr_payload="SWDAPP1|3f6c1a2e-8b4d-4c7e-9a51-2d0e7f93b6c4|1|"
        "9c2b7e0d4f1a6c3e8b5d2f7a0c9e4b1d6f3a8c5e2b7d0f4a1c6e3b8d5f2a7c0e",
        photo_jpeg=jpeg,
        rule_pack_label="甘肃省（平凉市）",
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path)
    parser.add_argument("--late", action="store_true", help="a late (逾期) re-registration")
    parser.add_argument("--activities", type=int, help="how many (default 15, late 20)")
    parser.add_argument("--no-photo", action="store_true")
    args = parser.parse_args()
    count = args.activities if args.activities is not None else (20 if args.late else 15)
    data = sample_form(late=args.late, activity_count=count, photo=not args.no_photo)
    started = time.perf_counter()
    pdf = render_application_form(data)
    first = time.perf_counter() - started
    started = time.perf_counter()
    render_application_form(data)
    warm = time.perf_counter() - started
    args.output.write_bytes(pdf)
    print(
        f"{args.output}: {len(pdf) / 1024:.0f} KiB; render {first * 1000:.0f} ms first, "
        f"{warm * 1000:.0f} ms warm"
    )
    for field, chars in unprintable_characters(data).items():
        print(f"warning: the font cannot draw {chars!r} in {field}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
