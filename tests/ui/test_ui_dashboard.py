"""The dashboard's texts and colours as a person sees them: English counts in proper
singular and plural, and the registration state readable (WCAG AA, 4.5:1) in the light and
the dark theme, following a theme change while the profile stays open."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from PySide6.QtGui import QAction, QPalette
from PySide6.QtWidgets import QApplication, QLabel
from test_ui_theme import contrast
from ui_helpers import TODAY, sample_draft

from swdesk.domain.dates import period_end
from swdesk.ui.main_window import MainWindow
from swdesk.ui.settings import UiSettings
from swdesk.ui.theme import apply_theme


@pytest.fixture
def english(settings: UiSettings) -> Iterator[UiSettings]:
    settings.language = "en"
    yield settings
    from swdesk.ui.i18n import install_language

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    install_language(app, "zh_CN")  # the other tests see the default language again
    apply_theme(app, "system")


def _action(window: MainWindow, text: str) -> QAction:
    found = [a for a in window.findChildren(QAction) if a.text() == text]
    assert len(found) == 1, text
    return found[0]


def _texts(window: MainWindow) -> list[str]:
    return [label.text() for label in window.dashboard.findChildren(QLabel)]


def _valid_from_expiring_on(expiry: date) -> date:
    """The first day of a three-year registration that ends on `expiry`."""
    start = expiry.replace(year=expiry.year - 3)
    while period_end(start, 3) != expiry:
        start += timedelta(days=1 if period_end(start, 3) < expiry else -1)
    return start


def test_one_day_left_is_said_in_the_singular(
    english: UiSettings, window: MainWindow, workspace
) -> None:  # type: ignore[no-untyped-def]
    tomorrow = TODAY + timedelta(days=1)
    pid = workspace.profiles.create_profile(
        sample_draft(valid_from=_valid_from_expiring_on(tomorrow))
    )
    window.show_profile(pid)
    dashboard = window.dashboard
    assert dashboard.countdown_number.text() == "1"
    assert dashboard.countdown_caption.text().startswith("day until the registration expires")
    assert any(text.endswith("(in 1 day)") for text in _texts(window))
    assert not [text for text in _texts(window) if "(s)" in text]


def test_many_days_and_months_are_said_in_the_plural(
    english: UiSettings, window: MainWindow, workspace
) -> None:  # type: ignore[no-untyped-def]
    pid = workspace.profiles.create_profile(sample_draft())  # expires 2027-02-28
    window.show_profile(pid)
    dashboard = window.dashboard
    assert dashboard.countdown_caption.text().startswith("days until the registration expires")
    assert any(text.endswith("days)") for text in _texts(window))
    assert "months, finished by" in dashboard.catch_up_label.text()
    assert not [text for text in _texts(window) if "(s)" in text]


@pytest.mark.parametrize(
    "valid_from", [date(2020, 3, 1), date(2024, 3, 1)], ids=["overdue", "valid"]
)
def test_the_state_is_readable_in_both_themes(
    english: UiSettings, window: MainWindow, workspace, valid_from: date
) -> None:  # type: ignore[no-untyped-def]
    pid = workspace.profiles.create_profile(sample_draft(valid_from=valid_from))
    window.show_profile(pid)
    label = window.dashboard.state_label
    assert label.styleSheet() == ""  # its palette colour is what is drawn
    for theme in ("Dark", "Light", "Dark"):  # shown before the change, follows it
        _action(window, theme).trigger()
        QApplication.processEvents()
        colour = label.palette().color(QPalette.ColorRole.WindowText)
        window_colour = QApplication.palette().color(QPalette.ColorRole.Window)
        assert contrast(colour, window_colour) >= 4.5, (theme, label.text(), colour.name())
    if valid_from.year == 2020:
        red = label.palette().color(QPalette.ColorRole.WindowText)
        assert red.red() > red.green() + 60  # overdue is still shown in red
