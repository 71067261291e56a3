"""swdesk's application icon, from the PNGs generated out of resources/icons/swdesk.svg
(scripts/make_icons.py). PNG rather than SVG, so no SVG plugin has to ship."""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon, QPixmap

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


@cache
def app_icon() -> QIcon:
    """The icon in every shipped size; Qt picks the best one for each use."""
    icon = QIcon()
    icons = files("swdesk.resources").joinpath("icons")
    for size in ICON_SIZES:
        resource = icons.joinpath(f"swdesk-{size}.png")
        if isinstance(resource, Path) and resource.is_file():
            icon.addFile(str(resource), QSize(size, size))  # read when first drawn
            continue
        pixmap = QPixmap()  # inside a zip: read now
        if pixmap.loadFromData(resource.read_bytes(), "PNG"):
            icon.addPixmap(pixmap)
    return icon
