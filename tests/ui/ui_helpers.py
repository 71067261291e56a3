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


def mnemonic_clashes(window: QWidget) -> dict[str, list[str]]:
    """The Alt+letter keys that more than one thing on screen in `window` claims: its menu
    bar's menus, and the visible labels (with a buddy), buttons, group boxes and tabs.
    Two claims on one letter make Alt+letter reach only one of them, or neither."""
    from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QMenuBar, QTabBar

    claims: dict[str, list[str]] = {}

    def claim(text: str) -> None:
        at = text.replace("&&", "").find("&")
        if at >= 0 and at + 1 < len(text.replace("&&", "")):
            letter = text.replace("&&", "")[at + 1].lower()
            claims.setdefault(letter, []).append(text)

    for bar in window.findChildren(QMenuBar):
        for action in bar.actions():
            claim(action.text())
    for label in window.findChildren(QLabel):
        if label.isVisible() and label.buddy() is not None:
            claim(label.text())
    for button in window.findChildren(QAbstractButton):
        if button.isVisible():
            claim(button.text())
    for box in window.findChildren(QGroupBox):
        if box.isVisible():
            claim(box.title())
    for tabs in window.findChildren(QTabBar):
        if tabs.isVisible():
            for index in range(tabs.count()):
                claim(tabs.tabText(index))
    return {letter: texts for letter, texts in claims.items() if len(texts) > 1}
