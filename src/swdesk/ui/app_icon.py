"""swdesk's application icon, from the PNGs generated out of resources/icons/swdesk.svg
(scripts/make_icons.py). PNG rather than SVG, so no SVG plugin has to ship."""

from __future__ import annotations

from importlib.resources import files

from PySide6.QtGui import QIcon, QPixmap

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def app_icon() -> QIcon:
    """The icon in every shipped size; Qt picks the best one for each use."""
    icon = QIcon()
    icons = files("swdesk.resources").joinpath("icons")
    for size in ICON_SIZES:
        pixmap = QPixmap()
        if pixmap.loadFromData(icons.joinpath(f"swdesk-{size}.png").read_bytes(), "PNG"):
            icon.addPixmap(pixmap)
    return icon
