"""Render Timo's icons from the SVG sources in `assets/icons/`.

    .venv/bin/python assets/render_icons.py      (or `make icons`)

Writes the PNGs the app loads at run time into the package
(`src/timo_desktop/resources/icons/<name>-<size>.png`), the Windows `.ico`
into `packaging/windows/` and the macOS `.icns` into `packaging/macos/`.
Qt's own SVG renderer draws every size from the source, so small sizes are
rasterised at their size rather than scaled down from a big bitmap; Pillow
only packs the finished bitmaps into `.ico` and `.icns`.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

# Rendering needs no display; set before Qt is imported.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "assets" / "icons"
RUNTIME_ICONS = ROOT / "src" / "timo_desktop" / "resources" / "icons"
WINDOWS_ICO = ROOT / "packaging" / "windows" / "timo.ico"
MACOS_ICNS = ROOT / "packaging" / "macos" / "timo.icns"

APP_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
# Trays show 16-32 px at 100-200 % scaling; 48 and 64 cover larger panels.
TRAY_SIZES = (16, 24, 32, 48, 64)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # .ico frames stop at 256
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)  # 1024 is the 512 pt @2x slot

RUNTIME_SETS: dict[str, tuple[int, ...]] = {
    "timo": APP_SIZES,
    "tray-stopped": TRAY_SIZES,
    "tray-running": TRAY_SIZES,
    "tray-stopped-template": TRAY_SIZES,
    "tray-running-template": TRAY_SIZES,
}


def render(svg: Path, size: int) -> Image.Image:
    """Draw `svg` into a transparent `size`×`size` RGBA bitmap."""
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: Qt could not read this SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    straight = image.convertToFormat(QImage.Format.Format_RGBA8888)  # un-premultiplied
    return Image.frombuffer(
        "RGBA", (size, size), bytes(straight.constBits()), "raw", "RGBA", straight.bytesPerLine(), 1
    )


def save_png(image: Image.Image, target: Path) -> None:
    """Save without timestamps or other metadata, so re-rendering gives identical files."""
    image.save(target, format="PNG", optimize=True)


def main() -> int:
    """Render every icon set; print each file written."""
    _app = QGuiApplication(sys.argv[:1])  # QtSvg needs a GUI application for text and fonts
    RUNTIME_ICONS.mkdir(parents=True, exist_ok=True)
    for stale in RUNTIME_ICONS.glob("*.png"):
        stale.unlink()
    for name, sizes in RUNTIME_SETS.items():
        for size in sizes:
            target = RUNTIME_ICONS / f"{name}-{size}.png"
            save_png(render(SOURCES / f"{name}.svg", size), target)
            print(target.relative_to(ROOT))

    app_icon = SOURCES / "timo.svg"
    ico_frames = [render(app_icon, size) for size in ICO_SIZES]
    WINDOWS_ICO.parent.mkdir(parents=True, exist_ok=True)
    ico_frames[-1].save(
        WINDOWS_ICO,
        format="ICO",
        sizes=[(s, s) for s in ICO_SIZES],
        append_images=ico_frames[:-1],
    )
    print(WINDOWS_ICO.relative_to(ROOT))

    icns_frames = [render(app_icon, size) for size in ICNS_SIZES]
    MACOS_ICNS.parent.mkdir(parents=True, exist_ok=True)
    icns_frames[-1].save(MACOS_ICNS, format="ICNS", append_images=icns_frames[:-1])
    print(MACOS_ICNS.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
