"""MapScene mirrors the document's current journey as graphics items.

It keeps one {model id: item} map, rebuilds geometry from the layout after each
change (coalesced into one relayout per event-loop turn) and forwards gestures to
the interaction helpers, which turn them into undo commands.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainterPath, QPen
from PySide6.QtWidgets import (
    QGraphicsPathItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSceneContextMenuEvent,
    QGraphicsSceneMouseEvent,
)

from ..document import MapDocument
from ..layout import LayoutStyle, MapLayout, layout_journey
from ..model import Card
from .background import MapBackgroundItem, qrect
from .interactions import CardDrag, EmotionDrag
from .items import CardItem, EmotionPointItem
from .theme import LIGHT, Theme


class MapScene(QGraphicsScene):
    card_edit_requested = Signal(str)
    cell_add_requested = Signal(str, str, int)  # lane id, step id, index in cell
    step_edit_requested = Signal(str)
    lane_edit_requested = Signal(str)
    context_requested = Signal(str, str, object)  # kind, id, global QPoint
    layout_applied = Signal()

    def __init__(self, document: MapDocument, style: LayoutStyle | None = None) -> None:
        super().__init__()
        self.document = document
        self.style = style or LayoutStyle()
        self.theme: Theme = LIGHT
        self.map_layout: MapLayout | None = None
        self.cards: dict[str, CardItem] = {}
        self.points: dict[str, EmotionPointItem] = {}
        self.background = MapBackgroundItem()
        self.addItem(self.background)
        self.emotion_line = QGraphicsPathItem()
        self.emotion_line.setZValue(15)
        self.addItem(self.emotion_line)
        self.drop_highlight = QGraphicsRectItem()
        self.drop_highlight.setZValue(5)
        self.drop_highlight.hide()
        self.addItem(self.drop_highlight)
        self.card_drag = CardDrag(self)
        self.emotion_drag = EmotionDrag(self)
        self._relayout_timer = QTimer(self)
        self._relayout_timer.setSingleShot(True)
        self._relayout_timer.setInterval(0)
        self._relayout_timer.timeout.connect(self.relayout)
        document.changed.connect(self._relayout_timer.start)
        document.journey_switched.connect(self._on_journey_switched)
        self.set_theme(LIGHT)
        self.relayout()

    # ----- model → items ----------------------------------------------------
    def _on_journey_switched(self, _journey_id: str) -> None:
        self.clearSelection()
        self.relayout()

    def flush(self) -> None:
        """Apply a pending relayout now (tests and exports need a settled scene)."""
        if self._relayout_timer.isActive():
            self._relayout_timer.stop()
            self.relayout()

    def relayout(self) -> None:
        layout = layout_journey(self.document.journey, self.style)
        self.map_layout = layout
        self.background.set_layout(layout)
        self._sync_cards(layout)
        self._sync_points(layout)
        self._update_line()
        margin = 400
        self.setSceneRect(QRectF(-margin, -margin, layout.width + 2 * margin,
                                 layout.height + 2 * margin))
        self.layout_applied.emit()

    def _sync_cards(self, layout: MapLayout) -> None:
        by_id = {card.id: card for card in self.document.journey.cards}
        for card_id in [cid for cid in self.cards if cid not in layout.cards]:
            item = self.cards.pop(card_id)
            self.removeItem(item)
        for card_id, box in layout.cards.items():
            item = self.cards.get(card_id)
            if item is None:
                item = CardItem(card_id)
                item.set_theme(self.theme)
                self.cards[card_id] = item
                self.addItem(item)
            item.set_box(box)
            item.setZValue(10)
            tooltip = _card_tooltip(by_id[card_id])
            if tooltip != item.toolTip():
                item.setToolTip(tooltip)

    def _sync_points(self, layout: MapLayout) -> None:
        wanted = {p.step_id: p for p in layout.emotion.points}
        for step_id in [sid for sid in self.points if sid not in wanted]:
            self.removeItem(self.points.pop(step_id))
        for step_id, point in wanted.items():
            item = self.points.get(step_id)
            if item is None:
                item = EmotionPointItem(step_id)
                item.set_theme(self.theme)
                self.points[step_id] = item
                self.addItem(item)
            item.set_point(point)

    def _update_line(self) -> None:
        path = QPainterPath()
        started = False
        for item in self._points_in_order():
            point = item.point
            score = item.preview_score if item.preview_score is not None else point.score
            if score is None:
                continue
            y = self.map_layout.emotion.y_for_score(score)
            if started:
                path.lineTo(point.x, y)
            else:
                path.moveTo(point.x, y)
                started = True
        self.emotion_line.setPath(path)

    def _points_in_order(self) -> list[EmotionPointItem]:
        if self.map_layout is None:
            return []
        return [self.points[p.step_id] for p in self.map_layout.emotion.points
                if p.step_id in self.points]

    def update_emotion_preview(self) -> None:
        self._update_line()

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.background.set_theme(theme)
        for item in [*self.cards.values(), *self.points.values()]:
            item.set_theme(theme)
        pen = QPen(QColor(theme.emotion_line), 4 * max(1.0, theme.line_width / 1.5))
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        self.emotion_line.setPen(pen)
        highlight = QColor(theme.drop_target)
        highlight.setAlpha(40)
        self.drop_highlight.setBrush(highlight)
        self.drop_highlight.setPen(QPen(QColor(theme.drop_target), 3, Qt.PenStyle.DashLine))
        self.setBackgroundBrush(QColor(theme.background))

    # ----- queries -----------------------------------------------------------
    def selected_card_ids(self) -> list[str]:
        """Selected cards in reading order (step, then position in cell)."""
        items = [i for i in self.selectedItems() if isinstance(i, CardItem) and i.box]
        items.sort(key=lambda i: (i.box.rect.x, i.box.rect.y))
        return [i.card_id for i in items]

    def selected_step_id(self) -> str | None:
        points = [i for i in self.selectedItems() if isinstance(i, EmotionPointItem)]
        return points[0].step_id if points else None

    def show_drop_target(self, cell: tuple[str, str] | None) -> None:
        if cell is None or self.map_layout is None:
            self.drop_highlight.hide()
            return
        self.drop_highlight.setRect(qrect(self.map_layout.cells[cell]).adjusted(3, 3, -3, -3))
        self.drop_highlight.show()

    def _hit(self, pos: QPointF) -> tuple[str, str] | None:
        """What static part of the map lies under a scene point: ('step'|'lane'|'cell', id)."""
        layout = self.map_layout
        if layout is None:
            return None
        for step in layout.steps:
            if step.header.contains(pos.x(), pos.y()):
                return "step", step.step_id
        for lane in layout.lanes:
            if lane.header.contains(pos.x(), pos.y()):
                return "lane", lane.lane_id
        if layout.emotion.rect.contains(pos.x(), pos.y()):
            step = layout.step_at_x(pos.x())
            if step is not None:
                return "step", step.step_id
        cell = layout.cell_at(pos.x(), pos.y())
        if cell is not None:
            return "cell", f"{cell[0]}|{cell[1]}"
        return None

    def cell_insert_index(self, lane_id: str, step_id: str, y: float,
                          moving: frozenset[str] = frozenset()) -> int:
        boxes = [b for b in self.map_layout.cards.values()
                 if b.lane_id == lane_id and b.step_id == step_id and b.card_id not in moving]
        return sum(1 for b in boxes if b.rect.center_y < y)

    # ----- gestures ----------------------------------------------------------
    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        item = self.itemAt(event.scenePos(), self.views()[0].transform()) if self.views() else None
        if (event.button() == Qt.MouseButton.LeftButton and isinstance(item, EmotionPointItem)
                and not self.document.read_only):
            self.clearSelection()
            item.setSelected(True)
            self.emotion_drag.begin(item, event.scenePos())
            event.accept()
            return
        super().mousePressEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and isinstance(item, CardItem):
            self.card_drag.begin(event.scenePos())

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.emotion_drag.active:
            self.emotion_drag.move(event.scenePos())
            event.accept()
            return
        if self.document.read_only and self.card_drag.active:
            return
        super().mouseMoveEvent(event)
        if self.card_drag.active:
            self.card_drag.move(event.scenePos())

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.emotion_drag.active:
            self.emotion_drag.finish()
            event.accept()
            return
        super().mouseReleaseEvent(event)
        if self.card_drag.active:
            self.card_drag.finish(event.scenePos())

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        pos = event.scenePos()
        item = self.itemAt(pos, self.views()[0].transform()) if self.views() else None
        if isinstance(item, CardItem):
            self.card_edit_requested.emit(item.card_id)
        elif isinstance(item, EmotionPointItem):
            self.step_edit_requested.emit(item.step_id)
        else:
            hit = self._hit(pos)
            if hit and hit[0] == "step":
                self.step_edit_requested.emit(hit[1])
            elif hit and hit[0] == "lane":
                self.lane_edit_requested.emit(hit[1])
            elif hit and hit[0] == "cell":
                lane_id, step_id = hit[1].split("|")
                self.cell_add_requested.emit(lane_id, step_id,
                                             self.cell_insert_index(lane_id, step_id, pos.y()))
        event.accept()

    def contextMenuEvent(self, event: QGraphicsSceneContextMenuEvent) -> None:
        pos = event.scenePos()
        item = self.itemAt(pos, self.views()[0].transform()) if self.views() else None
        if isinstance(item, CardItem):
            if not item.isSelected():
                self.clearSelection()
                item.setSelected(True)
            self.context_requested.emit("card", item.card_id, event.screenPos())
        elif isinstance(item, EmotionPointItem):
            self.context_requested.emit("step", item.step_id, event.screenPos())
        else:
            hit = self._hit(pos)
            if hit:
                self.context_requested.emit(hit[0], hit[1], event.screenPos())
        event.accept()


def _card_tooltip(card: Card) -> str:
    parts = [card.text[:400]]
    if card.author:
        parts.append(f"Author: {card.author}")
    if card.tags:
        parts.append("Tags: " + ", ".join(card.tags))
    return "\n".join(parts)
