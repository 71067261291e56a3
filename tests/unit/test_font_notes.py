"""The fix-list notes for characters no shipped font draws (swdesk.domain.printable): one
non-blocking note per printed field, naming the field, the character and its code point, and
sending the user where the text is edited. Checked with the real font coverage."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from swdesk.domain.application import ApplicationDraft, ApplicationKind
from swdesk.domain.enums import ActivityType, CertificateLevel, ContentArea, Gender
from swdesk.domain.fix_list import WizardPage
from swdesk.domain.models import Activity, Certificate, Practitioner, PractitionerRecord
from swdesk.domain.printable import UNPRINTABLE, describe_characters, unprintable_items
from swdesk.pdf.fonts import missing_glyphs

PUA = "\ue000"
EXT_G_UNDRAWN = "\U00030041"


def _record(name: str) -> PractitionerRecord:
    person = Practitioner(
        name,
        Gender.FEMALE,
        date(1991, 4, 12),
        "620802199104124227",
        "13909331234",
        "东关街道社会工作服务站",
        "社会工作者",
        5,
        "620802",
    )
    return PractitionerRecord(
        person, [Certificate(CertificateLevel.ASSISTANT, "S2023", date(2023, 12, 1))], []
    )


def _activity(title: str, organiser: str = "平凉市民政局") -> Activity:
    day = date(2024, 6, 1)
    return Activity(
        title, organiser, ActivityType.TRAINING, ContentArea.THEORY_PRACTICE, day, day, Decimal(8)
    )


def _draft(**fields: str) -> ApplicationDraft:
    return ApplicationDraft(
        1,
        ApplicationKind.RENEWAL,
        "uid-1",
        phone="13909331234",
        employer=fields.get("employer", "东关街道社会工作服务站"),
        post=fields.get("post", "社会工作者"),
        late_explanation=fields.get("late_explanation", ""),
    )


def test_rare_but_drawn_characters_make_no_note() -> None:
    items = unprintable_items(
        _record("𠮷祥"),
        _draft(employer="刘䶮社工站", post="𬌗𫖮"),
        [_activity("䶶课程")],
        True,
        missing_glyphs,
    )
    assert items == []


def test_each_field_with_an_undrawable_character_gets_one_note() -> None:
    items = unprintable_items(
        _record(f"王{EXT_G_UNDRAWN}{EXT_G_UNDRAWN}"),
        _draft(post=f"督导{PUA}", late_explanation=f"因{PUA}故逾期"),
        [_activity("伦理培训"), _activity(f"个案{PUA}研讨", organiser=f"{PUA}中心")],
        True,
        missing_glyphs,
    )
    assert [(i.code, i.page, i.params, i.blocking) for i in items] == [
        (
            UNPRINTABLE,
            WizardPage.PROFILE,
            {"field": "name", "chars": f"{EXT_G_UNDRAWN} (U+30041)"},
            False,
        ),
        (UNPRINTABLE, WizardPage.PERSONAL, {"field": "post", "chars": f"{PUA} (U+E000)"}, False),
        (
            UNPRINTABLE,
            WizardPage.MATERIALS,
            {"field": "late_explanation", "chars": f"{PUA} (U+E000)"},
            False,
        ),
        (
            UNPRINTABLE,
            WizardPage.ACTIVITIES,
            {"field": "title", "chars": f"{PUA} (U+E000)", "activity": f"个案{PUA}研讨"},
            False,
        ),
        (
            UNPRINTABLE,
            WizardPage.ACTIVITIES,
            {"field": "organiser", "chars": f"{PUA} (U+E000)", "activity": f"个案{PUA}研讨"},
            False,
        ),
    ]


def test_the_late_explanation_is_looked_at_only_when_it_is_printed() -> None:
    draft = _draft(late_explanation=f"因{PUA}故逾期")
    assert unprintable_items(_record("王明"), draft, [], False, missing_glyphs) == []


def test_characters_are_listed_once_in_text_order() -> None:
    text = f"{PUA}甲\ue001{PUA}"
    assert describe_characters(text, {PUA, "\ue001"}) == f"{PUA} (U+E000)、\ue001 (U+E001)"
