"""The static parts of the map painted by one item: stages, step headers, lanes, grid, emotion axes.

One item with exposed-rect culling is far cheaper than hundreds of small items, and
interaction with these parts is hit-tested against the layout by the scene instead.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from ..i18n import tr
from ..labels import lane_kind_name, lane_kind_untranslated
from ..layout import LayoutStyle, MapLayout, Rect
from ..ui.qt_fonts import map_font
from .theme import LIGHT, Theme

_C = "canvas.background"  # translation context of this module


def qrect(rect: Rect) -> QRectF:
    return QRectF(rect.x, rect.y, rect.w, rect.h)


def star_polygon(cx: float, cy: float, outer: float, inner: float) -> QPolygonF:
    """A five-pointed star: the shape that marks a moment of truth everywhere."""
    import math

    points = []
    for i in range(10):
        radius = outer if i % 2 == 0 else inner
        angle = -math.pi / 2 + i * math.pi / 5
        points.append(QPointF(cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    return QPolygonF(points)


class MapBackgroundItem(QGraphicsItem):
    def __init__(self) -> None:
        super().__init__()
        self._layout: MapLayout | None = None
        self._style = LayoutStyle()
        self._theme = LIGHT
        self._header: tuple[str, str, list[str]] = ("", "", [])
        self.setZValue(-10)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        # Without this flag exposedRect is the whole map, and every frame paints every step.
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)

    def set_layout(self, layout: MapLayout, style: LayoutStyle | None = None) -> None:
        self.prepareGeometryChange()
        self._layout = layout
        if style is not None:
            self._style = style
        self.update()

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self.update()

    def set_header(self, title: str, subtitle: str, outcome_lines: list[str]) -> None:
        header = (title, subtitle, outcome_lines)
        if header != self._header:
            self._header = header
            self.update()

    def boundingRect(self) -> QRectF:
        if self._layout is None:
            return QRectF()
        return QRectF(0, 0, self._layout.width, self._layout.height)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        layout = self._layout
        if layout is None:
            return
        exposed = option.exposedRect
        theme = self._theme
        painter.fillRect(exposed, QColor(theme.background))
        if layout.header.h and qrect(layout.header).intersects(exposed):
            self._paint_header(painter, layout, theme)
        self._paint_lanes(painter, layout, theme, exposed)
        self._paint_stages(painter, layout, theme, exposed)
        self._paint_steps(painter, layout, theme, exposed)
        self._paint_emotion_axes(painter, layout, theme)

    # ----- parts -------------------------------------------------------------
    def _paint_header(self, painter: QPainter, layout: MapLayout, theme: Theme) -> None:
        title, subtitle, outcome = self._header
        box = qrect(layout.header)
        painter.setPen(QColor(theme.text))
        painter.setFont(map_font(28, bold=True))
        left = QRectF(box.x() + 18, box.y() + 4, min(box.width() * 0.55, 1400), 38)
        painter.drawText(left, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         painter.fontMetrics().elidedText(title, Qt.TextElideMode.ElideRight,
                                                          int(left.width())))
        painter.setFont(map_font(15))
        painter.setPen(QColor(theme.muted_text))
        painter.drawText(QRectF(left.x(), left.bottom() + 4, left.width(), 22),
                         Qt.AlignmentFlag.AlignLeft,
                         painter.fontMetrics().elidedText(subtitle, Qt.TextElideMode.ElideRight,
                                                          int(left.width())))
        right_x = left.right() + 30
        width = box.right() - right_x - 10
        if width < 200 or not outcome:
            return
        painter.setFont(map_font(14))
        painter.setPen(QColor(theme.text))
        y = box.y() + 8
        for line in outcome[:3]:
            painter.drawText(QRectF(right_x, y, width, 20), Qt.AlignmentFlag.AlignLeft,
                             painter.fontMetrics().elidedText(line, Qt.TextElideMode.ElideRight,
                                                              int(width)))
            y += 22

    def _paint_lanes(self, painter: QPainter, layout: MapLayout, theme: Theme,
                     exposed: QRectF) -> None:
        grid = QPen(QColor(theme.grid), theme.line_width)
        for lane in layout.lanes:
            row = qrect(lane.rect)
            if not row.intersects(exposed):
                continue
            painter.fillRect(row, QColor(theme.lane_fill.get(lane.kind, theme.lane_fill["custom"])))
            header = qrect(lane.header)
            painter.fillRect(header, QColor(theme.gutter))
            # A coloured bar plus the lane's kind in words: the standard lanes stay recognisable.
            painter.fillRect(QRectF(header.x(), header.y(), 8, header.height()),
                             QColor(theme.stage_fill[1]))
            painter.setPen(QColor(theme.lane_text))
            size = self._style.lane_font_size
            painter.setFont(map_font(size, bold=True))
            y = header.y() + 14
            for line in lane.name_lines:
                painter.drawText(QRectF(header.x() + 18, y, header.width() - 24, size * 1.4),
                                 Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, line)
                y += size * 1.3
            painter.setFont(map_font(12))
            painter.setPen(QColor(theme.muted_text))
            kind = lane_kind_name(lane.kind)
            if lane.name.lower() in (kind.lower(), lane_kind_untranslated(lane.kind)):
                kind = ""  # a renamed standard lane still says which one it is
            if lane.collapsed:
                kind = tr(_C, "{kind} · {count} hidden ▸").format(kind=kind,
                                                                 count=lane.hidden_cards)
            painter.drawText(QRectF(header.x() + 18, y + 2, header.width() - 24, 18),
                             Qt.AlignmentFlag.AlignLeft, kind)
            painter.setPen(grid)
            painter.drawLine(row.bottomLeft(), row.bottomRight())
        painter.setPen(grid)
        bottom = layout.lanes[-1].rect.bottom if layout.lanes else layout.emotion.rect.bottom
        for step in layout.steps:
            x = step.column.x
            painter.drawLine(QPointF(x, step.header.y), QPointF(x, bottom))
        if layout.steps:
            x = layout.steps[-1].column.right
            painter.drawLine(QPointF(x, layout.steps[0].header.y), QPointF(x, bottom))

    def _paint_stages(self, painter: QPainter, layout: MapLayout, theme: Theme,
                      exposed: QRectF) -> None:
        painter.setFont(map_font(self._style.stage_font_size, bold=True))
        for index, band in enumerate(layout.stage_bands):
            rect = qrect(band.rect).adjusted(2, 2, -2, -4)
            if not rect.intersects(exposed):
                continue
            path = QPainterPath()
            path.addRoundedRect(rect, 8, 8)
            painter.fillPath(path, QColor(theme.stage_fill[index % len(theme.stage_fill)]))
            painter.setPen(QColor(theme.stage_text))
            name = band.name or tr(_C, "No stage")
            metrics_rect = rect.adjusted(14, 0, -14, 0)
            elided = painter.fontMetrics().elidedText(name, Qt.TextElideMode.ElideRight,
                                                      int(metrics_rect.width()))
            painter.drawText(metrics_rect, Qt.AlignmentFlag.AlignVCenter, elided)
        painter.setPen(QColor(theme.muted_text))
        painter.setFont(map_font(14, bold=True))
        for rect, text in ((layout.stage_label, tr(_C, "STAGES")), (layout.step_label, tr(_C, "STEPS")),
                           (layout.emotion.rect, "")):
            if text:
                painter.drawText(qrect(rect).adjusted(18, 0, 0, 0), Qt.AlignmentFlag.AlignVCenter,
                                 text)
        chart = layout.emotion
        painter.drawText(QRectF(layout.stage_label.x + 18, chart.rect.y + 8, 160, 24),
                         Qt.AlignmentFlag.AlignLeft, tr(_C, "EMOTION"))
        painter.setFont(map_font(12))
        painter.drawText(QRectF(layout.stage_label.x + 18, chart.rect.y + 30, 140, 40),
                         Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap,
                         tr(_C, "0 = very negative\n10 = very positive"))

    def _paint_steps(self, painter: QPainter, layout: MapLayout, theme: Theme,
                     exposed: QRectF) -> None:
        for step in layout.steps:
            header = qrect(step.header)
            if not header.intersects(exposed):
                continue
            painter.fillRect(header.adjusted(1, 0, 0, 0), QColor(theme.step_fill))
            circle = QRectF(header.x() + 10, header.y() + 10, 30, 30)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(theme.step_number_fill))
            painter.drawEllipse(circle)
            painter.setPen(QColor(theme.step_number_text))
            painter.setFont(map_font(14, bold=True))
            painter.drawText(circle, Qt.AlignmentFlag.AlignCenter, str(step.index + 1))
            if step.moment_of_truth:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor(theme.moment_of_truth))
                painter.drawPolygon(star_polygon(header.x() + 58, header.y() + 25, 12, 5))
                painter.setPen(QColor(theme.moment_of_truth))
                painter.setFont(map_font(12, bold=True))
                painter.drawText(QRectF(header.x() + 74, header.y() + 16, header.width() - 80, 18),
                                 Qt.AlignmentFlag.AlignLeft, tr(_C, "Moment of truth"))
            painter.setPen(QColor(theme.text))
            size, pitch = self._style.title_font_size, self._style.title_line_height
            painter.setFont(map_font(size, bold=True))
            y = header.y() + 46
            for line in step.title_lines:
                painter.drawText(QPointF(header.x() + 12, y + size), line)
                y += pitch
            if step.kpi_text:
                painter.setFont(map_font(11))
                painter.setPen(QColor(theme.muted_text))
                painter.drawText(QRectF(header.x() + 12, header.bottom() - 16, header.width() - 20,
                                        14), Qt.AlignmentFlag.AlignLeft,
                                 painter.fontMetrics().elidedText(
                                     tr(_C, "KPI {text}").format(text=step.kpi_text),
                                     Qt.TextElideMode.ElideRight,
                                     int(header.width() - 20)))
            painter.setPen(QPen(QColor(theme.grid), theme.line_width))
            painter.drawLine(header.bottomLeft(), header.bottomRight())

    def _paint_emotion_axes(self, painter: QPainter, layout: MapLayout, theme: Theme) -> None:
        chart = layout.emotion
        painter.fillRect(qrect(chart.rect).adjusted(1, 0, 0, 0), QColor(theme.emotion_fill))
        # Pain zone (scores 0–3) is tinted and labelled, not only coloured.
        pain_top = chart.y_for_score(3.5)
        pain = QRectF(chart.plot.x, pain_top, chart.plot.w, chart.y_for_score(0) - pain_top + 8)
        tint = QColor(theme.pain)
        tint.setAlpha(22)
        painter.fillRect(pain, tint)
        painter.setFont(map_font(12))
        for score in range(11):
            y = chart.y_for_score(score)
            pen = QPen(QColor(theme.emotion_grid), theme.line_width)
            if score in (0, 5, 10):
                pen.setColor(QColor(theme.grid))
            painter.setPen(pen)
            painter.drawLine(QPointF(chart.plot.x, y), QPointF(chart.plot.right, y))
            if score % 5 == 0:
                painter.setPen(QColor(theme.muted_text))
                painter.drawText(QRectF(chart.plot.x - 40, y - 9, 32, 18),
                                 Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                                 str(score))
        painter.setPen(QColor(theme.pain))
        painter.setFont(map_font(12, bold=True))
        painter.drawText(QRectF(layout.stage_label.x + 18, chart.y_for_score(2) - 10, 160, 20),
                         Qt.AlignmentFlag.AlignLeft, tr(_C, "▼ pain zone (0–3)"))
        painter.setPen(QPen(QColor(theme.grid), theme.line_width))
        painter.drawLine(QPointF(chart.rect.x, chart.rect.bottom),
                         QPointF(chart.rect.right, chart.rect.bottom))
