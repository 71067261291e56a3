"""The GUI draws rare name characters (生僻字) with the shipped fonts: each fallback font is
registered with Qt, the application font lists them as family fallbacks, and a label showing
𠮷祥 or 刘䶮 draws real glyphs, not boxes.

The checks read the shipped files themselves (QRawFont) and what Qt actually lays out
(QTextLayout's glyph runs), so a CJK font installed on the test machine cannot make them pass.
"""

from __future__ import annotations

from importlib.resources import files

import pytest
from PySide6.QtGui import QFont, QFontDatabase, QImage, QRawFont, QTextLayout
from PySide6.QtWidgets import QApplication, QLabel

from swdesk.domain.fix_list import WizardPage
from swdesk.ui.fonts import (
    FALLBACK_FONT_FILES,
    FONT_FILE,
    add_fallback_fonts,
    needs_fallback_fonts,
    register_cjk_font,
)

FAMILIES = ["WenQuanYi Micro Hei", "HanaMinA", "HanaMinB", "BabelStone Han"]
PUA = "\ue000"
EXT_G_UNDRAWN = "\U00030041"  # an Extension G ideograph none of the shipped fonts has


@pytest.fixture
def app(qtbot) -> QApplication:  # type: ignore[no-untyped-def]
    application = QApplication.instance()
    assert isinstance(application, QApplication)
    assert register_cjk_font(application) == "WenQuanYi Micro Hei"
    return application


def _raw(file_name: str) -> QRawFont:
    data = files("swdesk.resources").joinpath("fonts", file_name).read_bytes()
    raw = QRawFont(data, 20)
    assert raw.isValid()
    return raw


@pytest.mark.parametrize(
    ("file_name", "family", "chars"),
    [
        (FONT_FILE, "WenQuanYi Micro Hei", "张喆堃"),
        (FALLBACK_FONT_FILES[0], "HanaMinA", "䶮龦"),
        (FALLBACK_FONT_FILES[1], "HanaMinB", "𠮷𬌗𫖮"),
        (FALLBACK_FONT_FILES[2], "BabelStone Han", "䶶\U00030000"),
    ],
)
def test_each_shipped_font_has_its_characters(
    app: QApplication, file_name: str, family: str, chars: str
) -> None:
    raw = _raw(file_name)
    assert raw.familyName() == family
    for char in chars:
        assert raw.supportsCharacter(ord(char)), f"{family} lacks U+{ord(char):04X}"


def test_the_application_font_falls_back_through_the_shipped_fonts(app: QApplication) -> None:
    families = app.font().families()
    assert families[1:] == FAMILIES
    for family in FAMILIES:
        assert family in QFontDatabase.families()


def _glyphs(text: str, font: QFont) -> dict[str, tuple[str, int]]:
    """character -> (family of the font Qt draws it with, glyph index) for `text`."""
    layout = QTextLayout(text, font)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    found: dict[str, tuple[str, int]] = {}
    for run in layout.glyphRuns():
        raw = run.rawFont()
        for glyph in run.glyphIndexes():
            for char in text:
                if raw.glyphIndexesForString(char) == [glyph] and char not in found:
                    found[char] = (raw.familyName(), glyph)
    return found


def test_widgets_lay_out_rare_characters_with_real_glyphs(app: QApplication) -> None:
    text = "刘䶮𠮷祥𬌗𫖮"
    glyphs = _glyphs(text, app.font())
    assert set(glyphs) == set(text)
    for char, (family, glyph) in glyphs.items():
        assert glyph != 0, f"{char} is drawn as .notdef by {family}"
        assert family in FAMILIES  # a shipped family (a system copy of it may serve it)
    assert glyphs["刘"][0] == "WenQuanYi Micro Hei"


def _label_image(qtbot, text: str) -> QImage:  # type: ignore[no-untyped-def]
    label = QLabel(text)
    qtbot.addWidget(label)
    label.adjustSize()
    image = QImage(label.size(), QImage.Format.Format_RGB32)
    image.fill(0xFFFFFF)
    label.render(image)
    return image


def test_a_label_draws_the_rare_character_not_a_box(app: QApplication, qtbot) -> None:  # type: ignore[no-untyped-def]
    name = _label_image(qtbot, "𠮷祥")
    box = _label_image(qtbot, PUA + "祥")
    look_alike = _label_image(qtbot, "吉祥")
    assert name != box
    assert name != look_alike


def test_the_fix_list_names_field_and_character_in_the_ui_language(qapp) -> None:  # type: ignore[no-untyped-def]
    from swdesk.domain.fix_list import FixItem
    from swdesk.domain.printable import UNPRINTABLE
    from swdesk.ui.i18n import install_language
    from swdesk.ui.texts import fix_item_text

    name = FixItem(
        UNPRINTABLE,
        WizardPage.PROFILE,
        {"field": "name", "chars": f"{EXT_G_UNDRAWN} (U+30041)"},
        blocking=False,
    )
    activity = FixItem(
        UNPRINTABLE,
        WizardPage.ACTIVITIES,
        {"field": "organiser", "chars": f"{PUA} (U+E000)", "activity": "伦理培训"},
        blocking=False,
    )
    install_language(qapp, "zh_CN")
    try:
        assert fix_item_text(name) == (
            "姓名：swdesk 附带的字体中没有 \U00030041 (U+30041)，"
            "打印出的申请表在该处只显示一个空框，请在纸质表上手写补齐。"
        )
        text = fix_item_text(activity)
        assert text.startswith("“伦理培训”的主办单位：") and "U+E000" in text
        install_language(qapp, "en")
        assert fix_item_text(name).startswith("Name: no font swdesk ships can draw")
    finally:
        install_language(qapp, "zh_CN")


def test_the_wizard_lists_a_character_no_font_draws_as_a_note(  # type: ignore[no-untyped-def]
    qtbot, window, workspace
) -> None:
    """Apply for registration (the menu action) for a practitioner whose name holds an
    Extension G character no shipped font has: the fix list shows a ○ note naming 姓名 and
    the character."""
    from ui_helpers import sample_draft

    pid = workspace.profiles.create_profile(sample_draft(name=f"王{EXT_G_UNDRAWN}"))
    window.show_profile(pid)
    window.menus.apply_action.trigger()
    wizard = window.application_actions.wizard
    assert wizard is not None and wizard.isVisible()
    notes = [i for i, item in enumerate(wizard.fix_items) if item.code == "unprintable_characters"]
    assert len(notes) == 1 and not wizard.fix_items[notes[0]].blocking
    text = wizard.fix_list.item(notes[0]).text()
    assert text.startswith("○ 姓名：") and "U+30041" in text, text
    wizard.close()


@pytest.mark.parametrize(
    ("texts", "needed"),
    [
        (["张晓梅", "兰州市城关区社会工作服务中心", "社工"], False),  # GBK throughout
        (["Zhang Xiaomei", "", "—·…"], False),  # no ideograph at all
        (["刘䶮"], True),  # Extension A beyond GBK
        (["张𠮷"], True),  # Extension B
        (["", "社工站", EXT_G_UNDRAWN], True),  # Extension G, in a later text
    ],
)
def test_only_ideographs_beyond_gbk_need_the_fallback_fonts(texts: list[str], needed: bool) -> None:
    assert needs_fallback_fonts(texts) is needed


def test_the_fallbacks_join_the_chain_after_the_primary_font_once(qtbot) -> None:  # type: ignore[no-untyped-def]
    """A start adds the primary font first and the fallbacks later; the chain ends up as a
    start with everything at once makes it, whatever was added before, without repeats."""
    application = QApplication.instance()
    assert isinstance(application, QApplication)
    saved = QFont(application.font())
    try:
        application.setFont(QFont(saved.family()))
        register_cjk_font(application, with_fallbacks=False)
        assert application.font().families()[1:] == FAMILIES[:1]
        add_fallback_fonts(application)
        add_fallback_fonts(application)
        assert application.font().families()[1:] == FAMILIES
    finally:
        application.setFont(saved)
