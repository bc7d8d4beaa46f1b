"""Render the app icon SVG to the PNG sizes desktops want, plus Windows .ico and macOS .icns.

Run after editing packaging/icons/cjm-desktop.svg:  python packaging/render_icons.py
The outputs are committed, so building the app needs no image tools.
"""

from __future__ import annotations

import os
import shutil
import struct
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
APP_ID = "io.github.cjmdesktop.CjmDesktop"
SVG = HERE / "icons" / "cjm-desktop.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256)
HICOLOR = HERE / "icons" / "hicolor"


def render_png(svg: Path, size: int) -> bytes:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(svg)).render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """An .ico holding PNG images (Windows Vista and later read PNG entries)."""
    sizes = [s for s in sorted(pngs) if s <= 256]
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = 6 + 16 * len(sizes)
    entries, blobs = b"", b""
    for size in sizes:
        blob = pngs[size]
        dim = 0 if size == 256 else size  # 0 means 256 in the directory entry
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(blob), offset)
        offset += len(blob)
        blobs += blob
    return header + entries + blobs


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """An .icns with PNG chunks (macOS 10.7 and later)."""
    types = {16: b"icp4", 32: b"icp5", 64: b"icp6", 128: b"ic07", 256: b"ic08"}
    chunks = b"".join(kind + struct.pack(">I", len(pngs[s]) + 8) + pngs[s]
                      for s, kind in types.items() if s in pngs)
    return b"icns" + struct.pack(">I", len(chunks) + 8) + chunks


def main() -> int:
    pngs = {size: render_png(SVG, size) for size in SIZES}
    for size, data in pngs.items():
        folder = HICOLOR / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{APP_ID}.png").write_bytes(data)
    scalable = HICOLOR / "scalable" / "apps"
    scalable.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SVG, scalable / f"{APP_ID}.svg")
    (HERE / "icons" / "cjm-desktop.ico").write_bytes(ico_bytes(pngs))
    (HERE / "icons" / "cjm-desktop.icns").write_bytes(icns_bytes(pngs))
    # The running app loads its window icon from resources/.
    shutil.copyfile(SVG, ROOT / "resources" / "icons" / "cjm-desktop.svg")
    print(f"rendered {len(pngs)} PNG sizes, .ico and .icns from {SVG.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
