"""Scene items presentation mode lays over the map while one slide is shown.

A slide rarely has the screen's shape, so neighbouring stages peek in at the edges;
the mask fades them so the room reads only the stage being talked about, and the
lane labels repeat the row names the far-left gutter shows only for the first stage.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem, QStyleOptionGraphicsItem, QWidget

from ..canvas.theme import Theme
from ..layout import MapLayout
from .qt_fonts import map_font

MASK_Z = 500
LABEL_Z = 510
MASK_ALPHA = 225  # neighbours stay faintly visible, as context, but do not compete
LABEL_FONT = 24
MIN_LABEL_FONT = 16
LABEL_GAP = 14
MIN_LABEL_ROOM = 120  # scene units; below this the labels would crowd the cards


class SlideMask(QGraphicsPathItem):
    """Covers everything but the current slide with the theme's background colour."""

    def __init__(self) -> None:
        super().__init__()
        self.setZValue(MASK_Z)
        self.setPen(QPen(Qt.PenStyle.NoPen))
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setAcceptHoverEvents(False)
        self.hide()

    def cover(self, outside: QRectF, hole: QRectF, theme: Theme) -> None:
        colour = QColor(theme.background)
        colour.setAlpha(MASK_ALPHA)
        self.setBrush(colour)
        path = QPainterPath()
        path.setFillRule(Qt.FillRule.OddEvenFill)
        path.addRect(outside)
        path.addRect(hole)
        self.setPath(path)
        self.show()


class LaneLabels(QGraphicsItem):
    """Lane names right-aligned in the free room left of a slide, one per lane row."""

    def __init__(self) -> None:
        super().__init__()
        self.setZValue(LABEL_Z)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self._rows: list[tuple[QRectF, str]] = []
        self._bounds = QRectF()
        self._colour = QColor("#000000")
        self._font_size = LABEL_FONT
        self._wrap_anywhere = False
        self.hide()

    def place(self, layout: MapLayout, slide: QRectF, room: QRectF, theme: Theme) -> None:
        """Label the lanes crossing the slide inside `room`, if it is wide enough."""
        width = min(room.width() - LABEL_GAP, 320.0)
        if width < MIN_LABEL_ROOM:
            self.prepareGeometryChange()
            self._rows, self._bounds = [], QRectF()
            self.hide()
            return
        size = _fitting_size([lane.name for lane in layout.lanes], width)
        rows: list[tuple[QRectF, str]] = []
        for lane in layout.lanes:
            top, bottom = max(lane.rect.y, slide.top()), min(lane.rect.bottom, slide.bottom())
            if bottom - top < (size or MIN_LABEL_FONT) * 1.5:
                continue
            rows.append((QRectF(slide.left() - LABEL_GAP - width, top, width, bottom - top),
                         lane.name))
        self.prepareGeometryChange()
        self._rows = rows
        self._bounds = QRectF()
        for rect, _name in rows:
            self._bounds = self._bounds.united(rect)
        self._colour = QColor(theme.lane_text)
        self._font_size = size or MIN_LABEL_FONT
        # A word too long for the room even at the smallest size breaks anywhere instead.
        self._wrap_anywhere = size is None
        self.setVisible(bool(rows))
        self.update()

    @property
    def font_size(self) -> int:
        return self._font_size

    @property
    def names(self) -> list[str]:
        return [name for _rect, name in self._rows]

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        painter.setPen(self._colour)
        painter.setFont(map_font(self._font_size, bold=True))
        wrap = Qt.TextFlag.TextWrapAnywhere if self._wrap_anywhere else Qt.TextFlag.TextWordWrap
        flags = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter | wrap
        for rect, name in self._rows:
            painter.drawText(rect, int(flags), name)


def _fitting_size(names: list[str], width: float) -> int | None:
    """The largest label size at which every word fits the room (names wrap between words)."""
    words = [word for name in names for word in name.split()]
    for size in range(LABEL_FONT, MIN_LABEL_FONT - 1, -1):
        metrics = QFontMetricsF(map_font(size, bold=True))
        if all(metrics.horizontalAdvance(word) <= width for word in words):
            return size
    return None
