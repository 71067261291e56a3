"""The first window at start: the application's name while the data folder is opened.

Shown before the database layer is even imported (SQLAlchemy alone takes about half a
second on an old PC), so a double-click is answered at once.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRect, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from .app_icon import app_icon

_WIDTH, _HEIGHT = 420, 200


class Splash(QLabel):
    """A frameless window showing a picture. (QSplashScreen waits up to a second for the
    window system to confirm the window is exposed, which some platforms never do.)"""

    def __init__(self, pixmap: QPixmap) -> None:
        super().__init__(
            None,
            Qt.WindowType.SplashScreen
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint,
        )
        self.setPixmap(pixmap)
        self.setFixedSize(_WIDTH, _HEIGHT)

    def finish(self, window: QWidget) -> None:
        """Close once `window` is shown."""
        del window
        self.close()
        self.deleteLater()


def show_splash(app: QApplication) -> Splash:
    """Paint and show the splash now; `finish(window)` hides it when the window is up."""
    screen = QGuiApplication.primaryScreen()
    ratio = screen.devicePixelRatio() if screen is not None else 1.0
    pixmap = QPixmap(int(_WIDTH * ratio), int(_HEIGHT * ratio))
    pixmap.setDevicePixelRatio(ratio)
    palette = app.palette()
    pixmap.fill(palette.window().color())
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.drawPixmap(28, 40, app_icon().pixmap(72, 72))
    title = QFont(app.font())
    title.setPointSizeF(max(title.pointSizeF(), 9.0) * 2.0)
    title.setBold(True)
    painter.setFont(title)
    text = palette.windowText().color()
    painter.setPen(text)
    painter.drawText(QRect(120, 36, _WIDTH - 140, 44), Qt.AlignmentFlag.AlignVCenter, "swdesk")
    body = QFont(app.font())
    painter.setFont(body)
    painter.drawText(
        QRect(120, 82, _WIDTH - 140, 44),
        Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
        QCoreApplication.translate(
            "Splash", "Social workers' continuing education and re-registration"
        ),
    )
    painter.setPen(QColor(text.red(), text.green(), text.blue(), 160))
    painter.drawText(
        QRect(120, 140, _WIDTH - 140, 30),
        Qt.AlignmentFlag.AlignVCenter,
        QCoreApplication.translate("Splash", "Opening your data…"),
    )
    painter.setPen(palette.mid().color())
    painter.drawRect(0, 0, _WIDTH - 1, _HEIGHT - 1)
    painter.end()
    splash = Splash(pixmap)
    splash.setObjectName("splash")
    splash.setAccessibleName(QCoreApplication.translate("Splash", "swdesk is starting"))
    if screen is not None:
        splash.move(screen.availableGeometry().center() - splash.rect().center())
    splash.show()
    app.processEvents()
    return splash
