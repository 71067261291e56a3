"""Help and the window itself: the user guide from the Help menu and F1 (text and screenshots
read from the packaged resources), a clean title, Qt's own dialogs in Chinese, and a main
window that fits the screen it opens on."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QCoreApplication, QPoint, QRect, Qt, QUrl
from PySide6.QtGui import QAction, QGuiApplication, QTextDocument
from PySide6.QtWidgets import QApplication
from ui_helpers import sample_draft

from swdesk.ui.main_window import MainWindow
from swdesk.ui.settings import UiSettings
from swdesk.ui.tasks import TaskRunner
from swdesk.ui.user_guide import UserGuideDialog


def _guide(window: MainWindow) -> UserGuideDialog:
    found = [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, UserGuideDialog) and w.isVisible()
    ]
    assert len(found) == 1
    return found[0]


def test_f1_opens_the_user_guide_with_its_screenshots(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    guide = _guide(window)
    assert guide.windowTitle() == "swdesk 使用指南"
    text = guide.browser.toPlainText()
    for topic in ("继续教育", "申请", "备份", "审核"):
        assert topic in text
    document = guide.browser.document()
    images = []
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fmt = iterator.fragment().charFormat()
            if fmt.isImageFormat():
                images.append(fmt.toImageFormat().name())
            iterator += 1
        block = block.next()
    assert len(images) >= 4
    for name in images:  # every screenshot comes from the packaged guide folder
        image = document.resource(QTextDocument.ResourceType.ImageResource.value, QUrl(name))
        if image is None:
            image = guide.browser.loadResource(
                QTextDocument.ResourceType.ImageResource.value, QUrl(name)
            )
        assert not image.isNull(), name
    assert guide.browser.missing == []
    area = guide.screen().availableGeometry()
    assert guide.frameGeometry().width() <= area.width()
    guide.close()


def test_help_menu_opens_the_same_guide(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.menus.guide_action.trigger()
    guide = _guide(window)
    assert guide.parent() is window
    guide.close()


def test_title_names_the_app_once_and_the_open_profile(qtbot, window, workspace) -> None:  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    previous = app.applicationDisplayName()
    app.setApplicationDisplayName("swdesk")  # as the real start-up sets it
    try:
        assert window.windowTitle() == "社会工作者登记 — swdesk"
        pid = workspace.profiles.create_profile(sample_draft())
        window.show_profile(pid)
        assert window.windowTitle() == "张晓梅 · 社会工作者登记 — swdesk"
        # Qt's platform windows append the display name unless the title ends with it
        shown = window.windowHandle().title()
        assert shown.endswith(app.applicationDisplayName())
        assert shown.count("swdesk") == 1
        window.menus.switch_action.trigger()
        assert window.windowTitle() == "社会工作者登记 — swdesk"
    finally:
        app.setApplicationDisplayName(previous)


def test_qt_own_dialog_texts_are_chinese(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QFileDialog, QLabel

    assert QCoreApplication.translate("QFileDialog", "Look in:") == "查找范围："
    dialog = QFileDialog(window, "", str(Path.home()))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.show()
    labels = {label.text() for label in dialog.findChildren(QLabel)}
    assert labels == {"查找范围(&L)：", "文件名称(&N)：", "文件类型(&T)："}
    dialog.close()


def _available() -> QRect:
    return QGuiApplication.primaryScreen().availableGeometry()


def test_first_window_fits_the_available_screen(qtbot, workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(workspace, UiSettings(tmp_path / "new.ini"), TaskRunner(synchronous=True))
    qtbot.addWidget(window)
    window.show()
    area = _available()
    assert area.contains(window.frameGeometry())
    pid = workspace.profiles.create_profile(sample_draft())
    window.show_profile(pid)  # the dashboard's content scrolls; the window does not grow
    QApplication.processEvents()
    assert area.contains(window.frameGeometry())


def test_remembered_geometry_from_a_gone_screen_is_clamped(
    qtbot,
    workspace,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    big = MainWindow(workspace, UiSettings(tmp_path / "a.ini"), TaskRunner(synchronous=True))
    qtbot.addWidget(big)
    big.setMinimumSize(0, 0)
    big.setGeometry(3000, 1500, 2400, 1600)  # as saved on a large second monitor
    saved: QByteArray = big.saveGeometry()
    big.close()
    settings = UiSettings(tmp_path / "b.ini")
    settings.set_geometry("main", saved)
    window = MainWindow(workspace, settings, TaskRunner(synchronous=True))
    qtbot.addWidget(window)
    window.show()
    area = _available()
    frame = window.frameGeometry()
    assert area.contains(frame), (frame, area)
    assert area.contains(QPoint(frame.center()))


def test_the_english_interface_opens_the_english_guide(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    next(a for a in window.findChildren(QAction) if a.text() == "English").trigger()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    guide = _guide(window)
    assert guide.windowTitle() == "swdesk user guide"
    assert "continuing-education log" in guide.browser.toPlainText()
    assert guide.browser.missing == []
    guide.close()
