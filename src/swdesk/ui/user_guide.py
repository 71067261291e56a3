"""Help → User guide (F1): the offline guide shipped in `swdesk.resources/guide` (Simplified
Chinese, and English for the English interface), shown in a text browser inside swdesk. The
text and its screenshots are read through importlib.resources, so the guide works from a
checkout, an installed wheel and a frozen build alike."""

from __future__ import annotations

import logging
from importlib.resources import files
from importlib.resources.abc import Traversable

from PySide6.QtCore import QByteArray, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QImage, QResizeEvent, QTextCursor, QTextDocument
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from .screen_fit import restore_or_fit

log = logging.getLogger(__name__)

# The guide in each UI language; the Simplified Chinese one is the reference.
GUIDE_FILES = {"zh_CN": "user-guide.zh_CN.md", "en": "user-guide.en.md"}


def guide_folder() -> Traversable:
    return files("swdesk.resources").joinpath("guide")


def guide_text(language: str = "zh_CN") -> str:
    """The guide's Markdown source in `language` (Simplified Chinese for any other)."""
    name = GUIDE_FILES.get(language, GUIDE_FILES["zh_CN"])
    return guide_folder().joinpath(name).read_text(encoding="utf-8")


class GuideBrowser(QTextBrowser):
    """A text browser whose relative links (the screenshots) come from the packaged guide
    folder; web links open in the system browser."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("userGuideText")
        self.setOpenLinks(False)
        self.anchorClicked.connect(self._on_anchor_clicked)
        self.missing: list[str] = []

    def loadResource(self, kind: int, name: QUrl | str) -> object:  # noqa: N802 - Qt override
        if isinstance(name, str):  # Qt hands a QUrl; the binding also accepts a string
            name = QUrl(name)
        if kind == QTextDocument.ResourceType.ImageResource.value and name.isRelative():
            part = name.path()
            resource = guide_folder()
            for piece in part.split("/"):
                if piece in ("", ".", ".."):
                    continue
                resource = resource.joinpath(piece)
            try:
                image = QImage.fromData(QByteArray(resource.read_bytes()))
            except OSError:
                image = QImage()
            if image.isNull():
                log.warning("guide image %s could not be loaded", part)
                self.missing.append(part)
            return image
        return super().loadResource(kind, name)

    def fit_images(self) -> None:
        """Scale the screenshots down to the text width (never up), so the guide reads
        without sideways scrolling on a small screen."""
        room = max(self.viewport().width() - 2 * int(self.document().documentMargin()) - 8, 80)
        document = self.document()
        block = document.begin()
        while block.isValid():
            iterator = block.begin()
            while not iterator.atEnd():
                fragment = iterator.fragment()
                fmt = fragment.charFormat()
                if fmt.isImageFormat():
                    image_format = fmt.toImageFormat()
                    image = document.resource(
                        QTextDocument.ResourceType.ImageResource.value, QUrl(image_format.name())
                    )
                    natural = image.width() if isinstance(image, QImage) else 0
                    if natural > 0:
                        width = min(natural, room)
                        if int(image_format.width()) != width:
                            image_format.setWidth(width)
                            image_format.setHeight(image.height() * width / natural)
                            cursor = QTextCursor(document)
                            cursor.setPosition(fragment.position())
                            cursor.setPosition(
                                fragment.position() + fragment.length(),
                                QTextCursor.MoveMode.KeepAnchor,
                            )
                            cursor.setCharFormat(image_format)
                iterator += 1
            block = block.next()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.fit_images()

    def _on_anchor_clicked(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)
        elif url.hasFragment():
            self.scrollToAnchor(url.fragment())


class UserGuideDialog(QDialog):
    """Non-modal: the guide stays open beside the window it explains."""

    def __init__(self, language: str = "zh_CN", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("userGuideDialog")
        self.setWindowTitle(self.tr("swdesk user guide"))
        self.setWindowFlag(Qt.WindowType.Window, True)
        layout = QVBoxLayout(self)
        self.browser = GuideBrowser(self)
        try:
            self.browser.setMarkdown(guide_text(language))
        except OSError:
            log.warning("the user guide could not be read")
            self.browser.setPlainText(
                self.tr("The user guide could not be read. Reinstall swdesk to restore it.")
            )
        layout.addWidget(self.browser, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        width = self.fontMetrics().averageCharWidth() * 110
        restore_or_fit(self, None, width, width * 4 // 5)


def show_user_guide(parent: QWidget | None, language: str = "zh_CN") -> UserGuideDialog:
    dialog = UserGuideDialog(language, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
