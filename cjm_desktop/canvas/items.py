"""Thin items: they draw what the layout says and never hold the model."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from ..i18n import tr
from ..layout import CardBox, EmotionPoint
from ..ui.qt_fonts import map_font
from .background import star_polygon
from .theme import LIGHT, Theme

_C = "canvas.items"  # translation context of this module

CARD_Z = 10
DRAG_Z = 100
POINT_RADIUS = 16
POINT_HIT_RADIUS = 24  # ≥ 44 px touch target at 100 % zoom


class CardItem(QGraphicsItem):
    """A sticky note. Position and content come from a CardBox via set_box()."""

    def __init__(self, card_id: str) -> None:
        super().__init__()
        self.card_id = card_id
        self._box: CardBox | None = None
        self.tip_source: tuple[object, ...] = ()  # what the tooltip was made from
        self._theme = LIGHT
        self.setFlags(
            QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
            | QGraphicsItem.GraphicsItemFlag.ItemIsMovable
            | QGraphicsItem.GraphicsItemFlag.ItemIsFocusable
        )
        self.setZValue(CARD_Z)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    @property
    def box(self) -> CardBox | None:
        return self._box

    def set_box(self, box: CardBox) -> None:
        if box == self._box:
            if self.pos().x() != box.rect.x or self.pos().y() != box.rect.y:
                self.setPos(box.rect.x, box.rect.y)  # a cancelled drag moved the preview
            return
        if self._box is None or box.rect.w != self._box.rect.w or box.rect.h != self._box.rect.h:
            self.prepareGeometryChange()
        self._box = box
        self.setPos(box.rect.x, box.rect.y)
        self.update()

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self.update()

    def boundingRect(self) -> QRectF:
        if self._box is None:
            return QRectF()
        return QRectF(-2, -2, self._box.rect.w + 6, self._box.rect.h + 6)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        if self._box is not None:
            path.addRect(QRectF(0, 0, self._box.rect.w, self._box.rect.h))
        return path

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        box = self._box
        if box is None:
            return
        rect = QRectF(0, 0, box.rect.w, box.rect.h)
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        if lod < 0.3:
            # Zoomed far out the text is unreadable anyway: a plain note is enough and fast.
            painter.fillRect(rect, QColor(box.colour))
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(0, 0, 0, 40))
        painter.drawRoundedRect(rect.translated(2, 3), 4, 4)
        painter.setBrush(QColor(box.colour))
        selected = self.isSelected()
        painter.setPen(QPen(QColor(self._theme.selection), 3) if selected
                       else QPen(QColor(self._theme.card_border), 1))
        painter.drawRoundedRect(rect, 4, 4)
        painter.setPen(QColor("#1b1b1b"))
        painter.setFont(map_font(box.font_size))
        baseline = box.padding + box.font_size
        for line in box.lines:
            painter.drawText(QPointF(box.padding, baseline), line)
            baseline += box.line_height
        if box.meta:
            painter.setFont(map_font(12))
            painter.setPen(QColor("#444444"))
            painter.drawText(QPointF(box.padding, rect.height() - box.padding - 2), box.meta)
        if box.votes:
            self._paint_votes(painter, rect, box.votes)

    def _paint_votes(self, painter: QPainter, rect: QRectF, votes: int) -> None:
        badge = QRectF(rect.right() - 30, rect.top() - 8, 34, 22)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#1b1b1b"))
        painter.drawRoundedRect(badge, 11, 11)
        painter.setPen(QColor("#ffffff"))
        painter.setFont(map_font(12, bold=True))
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, f"●{votes}")


class EmotionPointItem(QGraphicsItem):
    """One step's score on the emotion line; dragged vertically, snapping to whole scores."""

    def __init__(self, step_id: str) -> None:
        super().__init__()
        self.step_id = step_id
        self._point: EmotionPoint | None = None
        self._theme = LIGHT
        self.preview_score: int | None = None  # shown while a drag is under way
        # Participants' scores after a merge: (top y, bottom y, mean y, label), item-relative.
        self._spread: tuple[float, float, float, str] | None = None
        self.setFlags(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
                      | QGraphicsItem.GraphicsItemFlag.ItemIsFocusable)
        self.setZValue(20)
        self.setAcceptHoverEvents(True)
        self.setCursor(Qt.CursorShape.SizeVerCursor)

    @property
    def point(self) -> EmotionPoint | None:
        return self._point

    def set_point(self, point: EmotionPoint) -> None:
        if point == self._point and self.preview_score is None:
            return
        self._point = point
        self.preview_score = None
        self.setPos(point.x, point.y)
        self.setToolTip(self._tooltip(point))
        self.update()

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self.update()

    def set_spread(self, spread: tuple[float, float, float, str] | None) -> None:
        if spread != self._spread:
            self.prepareGeometryChange()
            self._spread = spread
            self.update()

    @staticmethod
    def _tooltip(point: EmotionPoint) -> str:
        score = tr(_C, "not scored yet") if point.score is None else tr(
            _C, "score {score} of 10").format(score=point.score)
        parts = [tr(_C, "Emotion: {score}").format(score=score)]
        if point.reason:
            parts.append(f"“{point.reason}”")
        if point.moment_of_truth:
            parts.append(tr(_C, "Moment of truth"))
        parts.append(tr(_C, "Drag up or down, or select and press ↑/↓"))
        return "\n".join(parts)

    def boundingRect(self) -> QRectF:
        r = POINT_HIT_RADIUS + 4
        rect = QRectF(-r, -r - 30, 2 * r + 70, 2 * r + 60)
        if self._spread is not None:
            top, bottom, _mean, _label = self._spread
            rect = rect.united(QRectF(-60, top - 10, 120, bottom - top + 20))
        return rect

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addEllipse(QPointF(0, 0), POINT_HIT_RADIUS, POINT_HIT_RADIUS)
        return path

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        point = self._point
        if point is None:
            return
        theme = self._theme
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        score = self.preview_score if self.preview_score is not None else point.score
        if self._spread is not None:
            self._paint_spread(painter, theme)
        if point.moment_of_truth:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(theme.moment_of_truth))
            painter.drawPolygon(star_polygon(0, 0, POINT_RADIUS + 12, POINT_RADIUS + 3))
        circle = QRectF(-POINT_RADIUS, -POINT_RADIUS, 2 * POINT_RADIUS, 2 * POINT_RADIUS)
        if score is None:
            painter.setPen(QPen(QColor(theme.muted_text), 2, Qt.PenStyle.DashLine))
            painter.setBrush(QColor(theme.emotion_fill))
            painter.drawEllipse(circle)
            painter.setPen(QColor(theme.muted_text))
            painter.setFont(map_font(14, bold=True))
            painter.drawText(circle, Qt.AlignmentFlag.AlignCenter, "?")
            return
        pain = score <= 3
        fill = QColor(theme.pain if pain else theme.point_fill)
        ring = QColor(theme.selection) if self.isSelected() else QColor("#ffffff")
        painter.setPen(QPen(ring, 3))
        painter.setBrush(fill)
        painter.drawEllipse(circle)
        painter.setPen(QColor("#ffffff"))
        painter.setFont(map_font(15, bold=True))
        painter.drawText(circle, Qt.AlignmentFlag.AlignCenter, str(score))
        if pain:
            # Pain points get a word, so colour is never the only signal.
            painter.setPen(QColor(theme.pain))
            painter.setFont(map_font(12, bold=True))
            painter.drawText(QRectF(-40, POINT_RADIUS + 2, 80, 16), Qt.AlignmentFlag.AlignCenter,
                             tr(_C, "pain point"))
        if self.preview_score is not None:
            label = QRectF(POINT_RADIUS + 8, -14, 58, 28)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#1b1b1b"))
            painter.drawRoundedRect(label, 6, 6)
            painter.setPen(QColor("#ffffff"))
            painter.setFont(map_font(15, bold=True))
            painter.drawText(label, Qt.AlignmentFlag.AlignCenter, f"{score}/10")

    def _paint_spread(self, painter: QPainter, theme: Theme) -> None:
        """The room's min–max band and mean, so the facilitator can see the disagreement."""
        top, bottom, mean, label = self._spread
        band = QColor(theme.emotion_line)
        band.setAlpha(60)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(band)
        painter.drawRoundedRect(QRectF(-9, top - 9, 18, bottom - top + 18), 9, 9)
        painter.setPen(QPen(QColor(theme.emotion_line), 3))
        painter.drawLine(QPointF(-14, mean), QPointF(14, mean))
        painter.setPen(QColor(theme.muted_text))
        painter.setFont(map_font(11))
        painter.drawText(QRectF(-60, bottom + 10, 120, 16), Qt.AlignmentFlag.AlignCenter, label)
