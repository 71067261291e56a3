"""Contrast of the light and the dark theme, computed from the colours actually applied:
text on its background and the red of error messages reach WCAG AA (4.5:1)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from swdesk.domain.errors import FieldIssue
from swdesk.ui.form_fields import FieldWithError, error_label
from swdesk.ui.theme import apply_theme

Role = QPalette.ColorRole
Group = QPalette.ColorGroup

# (text role, background role) pairs Qt's Fusion style draws text with
TEXT_ON_BACKGROUND = [
    (Role.Text, Role.Base),  # line edits, date edits, lists, tables
    (Role.PlaceholderText, Role.Base),  # "18 characters", "optional"
    (Role.WindowText, Role.Window),  # labels
    (Role.ButtonText, Role.Button),  # buttons, combo boxes
    (Role.HighlightedText, Role.Highlight),  # selected rows and text
    (Role.ToolTipText, Role.ToolTipBase),
    (Role.Link, Role.Base),
]


def _luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def _on(foreground: QColor, background: QColor) -> QColor:
    """What the eye sees: a half-transparent colour blended over its background."""
    alpha = foreground.alphaF()
    return QColor.fromRgbF(
        foreground.redF() * alpha + background.redF() * (1 - alpha),
        foreground.greenF() * alpha + background.greenF() * (1 - alpha),
        foreground.blueF() * alpha + background.blueF() * (1 - alpha),
    )


def contrast(foreground: QColor, background: QColor) -> float:
    lighter, darker = sorted(
        (_luminance(_on(foreground, background)), _luminance(background)), reverse=True
    )
    return (lighter + 0.05) / (darker + 0.05)


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    yield qapp
    apply_theme(qapp, "system")  # the other tests see the platform's look again


def test_contrast_ratio_matches_wcag_examples() -> None:
    assert contrast(QColor("black"), QColor("white")) == pytest.approx(21.0)
    assert contrast(QColor("#767676"), QColor("white")) == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_text_reaches_aa_on_its_background(app: QApplication, theme: str) -> None:
    apply_theme(app, theme)
    palette = QApplication.palette()
    low = []
    for group in (Group.Active, Group.Inactive, Group.Disabled):
        for text, background in TEXT_ON_BACKGROUND:
            if group is Group.Disabled and text in (Role.HighlightedText, Role.Link):
                continue  # nothing is selected or followed in a disabled widget
            ratio = contrast(palette.color(group, text), palette.color(group, background))
            if ratio < 4.5:
                low.append(f"{group.name} {text.name} on {background.name}: {ratio:.2f}")
    assert low == []


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_error_messages_reach_aa_in_both_themes(qtbot, app: QApplication, theme: str) -> None:  # type: ignore[no-untyped-def]
    early = error_label("early")  # on screen before the theme changes: follows it
    qtbot.addWidget(early)
    early.show()
    apply_theme(app, theme)
    form = QWidget()
    qtbot.addWidget(form)
    field = FieldWithError(QLabel("x"), form)
    field.show_issues([FieldIssue("name", "required")])
    late = error_label("late")
    qtbot.addWidget(late)
    for widget in (form, late):
        widget.show()
    qtbot.waitExposed(form)
    QApplication.processEvents()  # the palette change reaches shown widgets as an event
    labels = [early, late, field.error_label]
    palette = QApplication.palette()
    for label in labels:
        red = label.palette().color(Role.WindowText)
        assert red.red() > red.green() + 60  # still red
        for background in (palette.color(Role.Window), palette.color(Role.Base)):
            assert contrast(red, background) >= 4.5, (theme, label.objectName(), red.name())
    if theme == "dark":
        apply_theme(app, "light")
        QApplication.processEvents()
        for label in labels:  # and back again
            red = label.palette().color(Role.WindowText)
            assert contrast(red, QApplication.palette().color(Role.Window)) >= 4.5


def test_the_error_red_is_what_is_drawn(qtbot, app: QApplication) -> None:  # type: ignore[no-untyped-def]
    """The label's palette colour is the one on screen (no style sheet overrides it)."""
    apply_theme(app, "dark")
    label = error_label("drawn")
    qtbot.addWidget(label)
    label.setText("■■■■")
    label.resize(label.sizeHint())
    image = label.grab().toImage()
    expected = label.palette().color(Role.WindowText)
    colours = {
        image.pixelColor(x, y).name() for x in range(image.width()) for y in range(image.height())
    }
    assert expected.name() in colours
