"""Helpers shared by the GUI tests: typing Chinese, valid sample profiles, waiting for a
dialog the user opened."""

from __future__ import annotations

from datetime import date
from typing import TypeVar

from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget

TODAY = date(2026, 11, 28)
W = TypeVar("W", bound=QWidget)


def active_dialog(qtbot, window: QWidget, kind: type[W]) -> W:  # type: ignore[no-untyped-def]
    """The `kind` dialog `window` just opened, once it is shown and is the active window
    (where the keys a person types go)."""
    dialog = window.findChild(kind)
    assert dialog is not None, kind.__name__
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def type_text(widget: QWidget, text: str) -> None:
    """Type any text (Chinese included) the way an input method commits it.

    Qt's key simulation is ASCII-only, so qtbot.keyClicks cannot type Chinese.
    """
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def valid_id(area: str, birth: date, sequence: int) -> str:
    from swdesk.domain.identity import id_check_char

    first17 = f"{area}{birth:%Y%m%d}{sequence:03d}"
    return first17 + id_check_char(first17)


def sample_draft(name: str = "张晓梅", sequence: int = 422, valid_from: date = date(2024, 3, 1)):  # type: ignore[no-untyped-def]
    """A valid profile draft (female: even sequence digit) registered from `valid_from`."""
    from swdesk.domain.dates import period_end
    from swdesk.domain.enums import CertificateLevel, Gender, RegistrationKind
    from swdesk.domain.models import Certificate, Practitioner, RegistrationPeriod
    from swdesk.services.profiles import ProfileDraft

    birth = date(1991, 4, 12)
    gender = Gender.MALE if sequence % 2 else Gender.FEMALE
    practitioner = Practitioner(
        name=name,
        gender=gender,
        birth_date=birth,
        id_number=valid_id("620802", birth, sequence),
        phone="13909331234",
        employer="东关街道社会工作服务站",
        post="社会工作者",
        years_in_social_work=5,
        county="620802",
    )
    certificate = Certificate(CertificateLevel.ASSISTANT, "S20230001", date(2023, 12, 1))
    registration = RegistrationPeriod(
        RegistrationKind.FIRST,
        valid_from,
        period_end(valid_from, 3),
        number=f"甘社登字620802-{valid_from.year}-0137",
    )
    return ProfileDraft(practitioner, certificate, registration)
