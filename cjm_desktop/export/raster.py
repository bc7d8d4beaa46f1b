"""The poster as PNG, painted with QPainter; Qt is imported here only, and only on demand."""

from __future__ import annotations

import os
from collections.abc import Sequence

from .. import fonts
from ..model import Journey, Project
from ..translate import tr
from .errors import ExportError
from .painter import CancelFn, PosterInfo, ProgressFn, paint_background, paint_poster
from .plan import PosterPlan
from .surface import Point, Surface, text_runs

_C = "export.raster"  # translation context of this module


def _ensure_gui_app() -> object:
    """Qt needs an application object to draw text; headless runs get the offscreen platform.

    A full QApplication (not just QGuiApplication), so that a window opened later in
    the same process can still create widgets.
    """
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QApplication(["cjm-desktop-export"])
    return app


_FAMILIES: dict[str, str] = {}


def _register_fonts() -> dict[str, str]:
    """Bundled faces for QPainter, so the PNG uses the very glyphs the PDF uses."""
    if not _FAMILIES:
        from PySide6.QtGui import QFontDatabase

        for face in fonts.all_faces():
            font_id = QFontDatabase.addApplicationFont(str(fonts.font_path(face)))
            families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
            _FAMILIES[face.name] = families[0] if families else "Sans Serif"
    return _FAMILIES


class QtSurface(Surface):
    """QPainter backend; text smaller than ``greek_px`` device pixels is drawn as a grey bar.

    Greeking keeps small previews of thousand-card maps fast; exports pass 0.
    """

    def __init__(self, painter: object, device_scale: float = 1.0, greek_px: float = 0.0) -> None:
        from PySide6.QtGui import QColor, QFont, QPen

        super().__init__()
        self.painter = painter
        self.device_scale = device_scale
        self.greek_px = greek_px
        self._QColor, self._QFont, self._QPen = QColor, QFont, QPen
        self._families = _register_fonts()

    def _setup(self, fill: str | None, stroke: str | None, width: float,
               dash: tuple[float, ...] | None) -> None:
        from PySide6.QtCore import Qt

        p = self.painter
        if stroke:
            pen = self._QPen(self._QColor(stroke))
            pen.setWidthF(width)
            if dash and width > 0:
                pen.setDashPattern([d / width for d in dash])
            p.setPen(pen)  # type: ignore[attr-defined]
        else:
            p.setPen(Qt.PenStyle.NoPen)  # type: ignore[attr-defined]
        if fill:
            p.setBrush(self._QColor(fill))  # type: ignore[attr-defined]
        else:
            p.setBrush(Qt.BrushStyle.NoBrush)  # type: ignore[attr-defined]

    def _rect(self, x: float, y: float, w: float, h: float, fill: str | None, stroke: str | None,
              width: float, radius: float, dash: tuple[float, ...] | None) -> None:
        from PySide6.QtCore import QRectF

        self._setup(fill, stroke, width, dash)
        if radius:
            self.painter.drawRoundedRect(QRectF(x, y, w, h), radius, radius)  # type: ignore[attr-defined]
        else:
            self.painter.drawRect(QRectF(x, y, w, h))  # type: ignore[attr-defined]

    def _path(self, points: Sequence[Point], fill: str | None, stroke: str | None, width: float,
              closed: bool, dash: tuple[float, ...] | None) -> None:
        from PySide6.QtCore import QPointF
        from PySide6.QtGui import QPolygonF

        self._setup(fill, stroke, width, dash)
        polygon = QPolygonF([QPointF(x, y) for x, y in points])
        if closed:
            self.painter.drawPolygon(polygon)  # type: ignore[attr-defined]
        else:
            self.painter.drawPolyline(polygon)  # type: ignore[attr-defined]

    def _circle(self, cx: float, cy: float, r: float, fill: str | None, stroke: str | None,
                width: float) -> None:
        from PySide6.QtCore import QPointF

        self._setup(fill, stroke, width, None)
        self.painter.drawEllipse(QPointF(cx, cy), r, r)  # type: ignore[attr-defined]

    def _text(self, x: float, y: float, text: str, size: float, bold: bool, colour: str) -> None:
        from PySide6.QtCore import QPointF

        p = self.painter
        if size * self.device_scale < self.greek_px:
            from PySide6.QtCore import QRectF

            width = sum(fonts_run_width(run, face, size) for face, run in text_runs(text, bold))
            p.fillRect(QRectF(x, y - size * 0.55, width, size * 0.45),  # type: ignore[attr-defined]
                       self._QColor("#9aa3ab"))
            return
        p.setPen(self._QColor(colour))  # type: ignore[attr-defined]
        for face, run in text_runs(text, bold):
            font = self._QFont(self._families.get(face.name, "Sans Serif"))
            font.setPointSizeF(max(size, 0.1))
            font.setBold(bold)
            font.setHintingPreference(self._QFont.HintingPreference.PreferNoHinting)
            p.setFont(font)  # type: ignore[attr-defined]
            # drawText with a point draws plain text; nothing is interpreted as rich text.
            p.drawText(QPointF(x, y), run)  # type: ignore[attr-defined]
            x += fonts_run_width(run, face, size)


def fonts_run_width(run: str, face: fonts.FontFace, size: float) -> float:
    from .surface import run_width

    return run_width(run, face, size)


def paint_to_image(plan: PosterPlan, project: Project, journey: Journey, info: PosterInfo,
                   dpi: float, progress: ProgressFn | None = None,
                   cancel: CancelFn | None = None, greek_px: float = 0.0) -> object:
    """A QImage of the poster at ``dpi`` (also the GUI preview, with greeking)."""
    _ensure_gui_app()
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter

    scale = dpi / 72.0
    width, height = max(1, round(plan.width * scale)), max(1, round(plan.height * scale))
    image = QImage(width, height, QImage.Format.Format_RGB32)
    if image.isNull():
        raise ExportError(tr(_C, "Not enough memory for a {width} × {height} pixel image; use a "
                             "lower resolution (dpi)").format(width=width, height=height))
    # 72 dots per inch: one point is one unit, so font point sizes equal layout sizes.
    image.setDotsPerMeterX(round(72 / 0.0254))
    image.setDotsPerMeterY(round(72 / 0.0254))
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.scale(scale, scale)
        surface = QtSurface(painter, scale, greek_px)
        paint_background(surface, 0, 0, plan.width, plan.height, plan.header.bottom + 6 * plan.unit)
        paint_poster(surface, plan, project, journey, info, progress, cancel)
    finally:
        painter.end()
    image.setDotsPerMeterX(round(dpi / 0.0254))
    image.setDotsPerMeterY(round(dpi / 0.0254))
    return image


def render_png(plan: PosterPlan, project: Project, journey: Journey, info: PosterInfo, dpi: int,
               progress: ProgressFn | None = None, cancel: CancelFn | None = None) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    image = paint_to_image(plan, project, journey, info, dpi, progress, cancel)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):  # type: ignore[attr-defined]
        raise ExportError(tr(_C, "The PNG image could not be encoded"))
    buffer.close()
    return bytes(data.data())
