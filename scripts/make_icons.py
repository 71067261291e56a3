"""Generate swdesk's PNG icons and the Windows .ico from resources/icons/swdesk.svg.

    .venv/bin/python scripts/make_icons.py

Writes resources/icons/swdesk-<size>.png for the standard sizes (16 … 512; the Linux hicolor
theme and the window icon use them) and resources/icons/swdesk.ico (16 … 256, each size
rasterised from the SVG rather than scaled down from the largest, so the small ones stay
sharp). The SVG is rasterised with Qt's own SVG renderer (PySide6.QtSvg, already installed
with PySide6-Essentials), the ICO written with Pillow. The generated files are committed;
run this again after changing the SVG.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ICONS = ROOT / "resources" / "icons"
SVG = ICONS / "swdesk.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render_png(size: int) -> bytes:
    """The SVG drawn on a transparent size×size image, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"{SVG} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    rendered = {size: render_png(size) for size in sorted(set(PNG_SIZES) | set(ICO_SIZES))}
    for size in PNG_SIZES:
        target = ICONS / f"swdesk-{size}.png"
        # Re-encode with Pillow (optimised, no time stamp) so the files do not change at
        # every run.
        image = Image.open(io.BytesIO(rendered[size])).convert("RGBA")
        image.save(target, "PNG", optimize=True)
        print(f"wrote {target.relative_to(ROOT)}")
    images = [Image.open(io.BytesIO(rendered[size])).convert("RGBA") for size in ICO_SIZES]
    largest = images[-1]
    ico = ICONS / "swdesk.ico"
    largest.save(ico, format="ICO", sizes=[(s, s) for s in ICO_SIZES], append_images=images[:-1])
    print(f"wrote {ico.relative_to(ROOT)} ({', '.join(str(s) for s in ICO_SIZES)} px)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
