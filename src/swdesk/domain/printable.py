"""Fix-list notes for text the printed form cannot draw.

swdesk's fonts draw every character of the 通用规范汉字表 and of CJK Unified Ideographs with
Extensions A-H (swdesk.pdf.fonts); a character beyond them (a private-use code point from an
input method's own font, an ideograph newer than the fonts) would print as an empty box. Such
a character is no error of the applicant's, so the note does not block the export: it names
the field and the character before export, so the applicant can write it in by hand on the
printed form. The domain knows no fonts: the caller passes `missing_glyphs(text) -> set of
characters` (swdesk.pdf.fonts.missing_glyphs).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .application import ApplicationDraft
from .fix_list import FixItem, WizardPage
from .models import Activity, PractitionerRecord

MissingGlyphs = Callable[[str], set[str]]

UNPRINTABLE = "unprintable_characters"


def describe_characters(text: str, missing: set[str]) -> str:
    """The characters of `missing` in the order `text` has them, each once, with its code
    point (the character itself may not show on screen either): "\ue000 (U+E000)"."""
    seen = dict.fromkeys(ch for ch in text if ch in missing)
    return "、".join(f"{ch} (U+{ord(ch):04X})" for ch in seen)


def unprintable_items(
    record: PractitionerRecord,
    draft: ApplicationDraft,
    counted: Sequence[Activity],
    is_late: bool,
    missing_glyphs: MissingGlyphs,
) -> list[FixItem]:
    """One non-blocking note per printed field holding characters no shipped font draws:
    params `field` (a field name the UI labels), `chars` (`describe_characters`) and, for an
    activity, its `activity` title."""
    fields: list[tuple[str, WizardPage, str]] = [
        ("name", WizardPage.PROFILE, record.practitioner.name),
        ("employer", WizardPage.PERSONAL, draft.employer),
        ("post", WizardPage.PERSONAL, draft.post),
    ]
    if is_late:
        fields.append(("late_explanation", WizardPage.MATERIALS, draft.late_explanation))
    items = [_item(field, page, text, missing_glyphs) for field, page, text in fields]
    for activity in counted:
        for field, text in (("title", activity.title), ("organiser", activity.organiser)):
            items.append(
                _item(field, WizardPage.ACTIVITIES, text, missing_glyphs, activity=activity.title)
            )
    return [item for item in items if item is not None]


def _item(
    field: str, page: WizardPage, text: str, missing_glyphs: MissingGlyphs, **extra: object
) -> FixItem | None:
    missing = missing_glyphs(text) if text else set()
    if not missing:
        return None
    return FixItem(
        UNPRINTABLE,
        page,
        {"field": field, "chars": describe_characters(text, missing), **extra},
        blocking=False,
    )
