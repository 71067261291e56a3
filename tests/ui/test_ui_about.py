"""Help → About swdesk in both windows: name, version, data folder, the licence list with
full texts; and the application icon."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from swdesk import __version__
from swdesk.services.about import bundled_components
from swdesk.services.review import init_review_workspace
from swdesk.signing import ReviewLevel
from swdesk.ui.app_icon import ICON_SIZES, app_icon
from swdesk.ui.review.window import ReviewWindow
from swdesk.ui.tasks import TaskRunner


def _check_about(dialog, data_folder: Path) -> None:  # type: ignore[no-untyped-def]
    assert dialog.isVisible()
    assert __version__ in dialog.title_label.text()
    assert str(data_folder) in dialog.folder_label.text()
    names = [dialog.table.item(row, 0).text() for row in range(dialog.table.rowCount())]
    assert {"swdesk", "Python", "Qt for Python (PySide6) and Qt", "SQLAlchemy", "reportlab"} <= set(
        names
    )
    assert any(name.startswith("WenQuanYi Micro Hei") for name in names)
    assert dialog.show_license("Qt for Python (PySide6) and Qt")
    text = dialog.license_view.toPlainText()
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in text and "Version 3" in text
    font = next(name for name in names if name.startswith("WenQuanYi"))
    dialog.show_license(font)
    assert "Apache License" in dialog.license_view.toPlainText()
    dialog.close()


def test_about_from_the_practitioner_window(qtbot, window, workspace) -> None:  # type: ignore[no-untyped-def]
    window.appearance_actions.set_language("zh_CN")
    help_menu = next(a.menu() for a in window.menuBar().actions() if "帮助" in a.text())
    about = next(a for a in help_menu.actions() if "关于" in a.text())
    about.trigger()
    dialog = window.help_actions.about_dialog
    assert dialog.windowTitle() == "关于 swdesk"
    _check_about(dialog, workspace.layout.root)


def test_about_from_the_reviewer_window(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ws = init_review_workspace(
        tmp_path / "review",
        office_name="平凉市民政局",
        region="620800",
        level=ReviewLevel.CITY,
        rule_pack_id="gansu",
        password="correct horse battery",
    )
    window = ReviewWindow(ws, None, TaskRunner(synchronous=True))
    qtbot.addWidget(window)
    window.show()
    menus = {a.text(): a.menu() for a in window.menuBar().actions()}
    help_menu = next(menu for text, menu in menus.items() if "Help" in text or "帮助" in text)
    help_menu.actions()[0].trigger()
    _check_about(window.about_dialog, ws.root)


def test_every_component_has_a_licence_text() -> None:
    from swdesk.services.about import license_text

    for component in bundled_components():
        assert component.license and component.version, component
        assert len(license_text(component)) > 300, component.name


def test_the_application_icon_has_every_size(qapp) -> None:  # type: ignore[no-untyped-def]
    icon = app_icon()
    sizes = sorted(size.width() for size in icon.availableSizes())
    assert sizes == list(ICON_SIZES)
    assert not icon.pixmap(16, 16).isNull()


@pytest.mark.parametrize("size", [16, 256])
def test_icon_pixels_are_not_empty(qapp, size: int) -> None:  # type: ignore[no-untyped-def]
    image = app_icon().pixmap(size, size).toImage()
    centre = image.pixelColor(size // 2, size // 3)
    assert centre.alpha() == 255  # the tile is opaque in the middle
    assert QApplication.instance() is not None
