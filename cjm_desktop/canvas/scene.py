"""MapScene mirrors the document's current journey as graphics items.

It keeps one {model id: item} map, rebuilds geometry from the layout after each
change (coalesced into one relayout per event-loop turn) and forwards gestures to
the interaction helpers, which turn them into undo commands.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPainterPath, QPen, QTransform
from PySide6.QtWidgets import (
    QGraphicsPathItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSceneContextMenuEvent,
    QGraphicsSceneMouseEvent,
)

from ..commands import add_card, cell_exists, edit_card
from ..document import MapDocument
from ..i18n import format_number, tr
from ..labels import journey_kind_name, journey_state_name
from ..layout import CardBox, EmotionPoint, LayoutStyle, MapLayout, Rect, layout_journey
from ..merge.spread import emotion_spread
from ..model import DEFAULT_CARD_COLOUR, Card, Step
from .background import MapBackgroundItem, qrect
from .inline_editor import InlineEditor
from .interactions import CardDrag, EmotionDrag, HeaderDrag
from .items import CARD_Z, CardItem, EmotionPointItem
from .keyboard import KeyboardNavigator
from .theme import LIGHT, Theme

_C = "canvas.scene"  # translation context of this module


class MapScene(QGraphicsScene):
    card_edit_requested = Signal(str)
    cell_add_requested = Signal(str, str, int)  # lane id, step id, index in cell
    step_edit_requested = Signal(str)
    lane_edit_requested = Signal(str)
    stage_edit_requested = Signal(str)
    context_requested = Signal(str, str, object)  # kind, id, global QPoint
    layout_applied = Signal()
    notice = Signal(str)  # something the user should read in the status bar

    def __init__(self, document: MapDocument, style: LayoutStyle | None = None) -> None:
        super().__init__()
        self.document = document
        # The canvas shows a header with journey, persona and desired outcome above the map.
        self.style = style or LayoutStyle(header_height=84)
        self.theme: Theme = LIGHT
        # Colour of cards typed straight into a cell: the user's own (Preferences).
        self.new_card_colour: str = DEFAULT_CARD_COLOUR
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
        self.cursor_item = QGraphicsRectItem()
        self.cursor_item.setZValue(6)
        self.cursor_item.hide()
        self.addItem(self.cursor_item)
        self.insert_marker = QGraphicsRectItem()
        self.insert_marker.setZValue(200)
        self.insert_marker.hide()
        self.addItem(self.insert_marker)
        self.card_drag = CardDrag(self)
        self.emotion_drag = EmotionDrag(self)
        self.header_drag = HeaderDrag(self)
        self.keyboard = KeyboardNavigator(self)
        self.editor: InlineEditor | None = None
        self._retired_editors: list[InlineEditor] = []
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
        names = {s.id: s.name for s in self.document.project.stakeholders}
        layout = layout_journey(self.document.journey, self.style, names)
        self.map_layout = layout
        self.background.set_layout(layout, self.style)
        self.background.set_header(*header_texts(self.document))
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
            if item.zValue() != CARD_Z:
                item.setZValue(CARD_Z)  # back from the drag layer
            card = by_id[card_id]
            tip_source = (card.text, card.author, tuple(card.tags))
            if tip_source != item.tip_source:
                item.tip_source = tip_source
                item.setToolTip(_card_tooltip(card))

    def _sync_points(self, layout: MapLayout) -> None:
        wanted = {p.step_id: p for p in layout.emotion.points}
        steps = {s.id: s for s in self.document.journey.steps}
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
            item.set_spread(_spread_geometry(layout, point, steps[step_id]))

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
        self.cursor_item.setPen(QPen(QColor(theme.selection), 3))
        self.cursor_item.setBrush(Qt.BrushStyle.NoBrush)
        self.insert_marker.setBrush(QColor(theme.drop_target))
        self.insert_marker.setPen(Qt.PenStyle.NoPen)
        self.setBackgroundBrush(QColor(theme.background))

    # ----- queries -----------------------------------------------------------
    def selected_card_ids(self) -> list[str]:
        """Selected cards in reading order (step, then position in cell)."""
        items = [i for i in self.selectedItems() if isinstance(i, CardItem) and i.box]
        items.sort(key=lambda i: (i.box.rect.x, i.box.rect.y))
        return [i.card_id for i in items]

    def selected_card_count(self) -> int:
        """How many cards are selected (no ordering: the menus ask after every change)."""
        return sum(1 for i in self.selectedItems() if isinstance(i, CardItem) and i.box)

    def selected_step_id(self) -> str | None:
        points = [i for i in self.selectedItems() if isinstance(i, EmotionPointItem)]
        return points[0].step_id if points else None

    def show_drop_target(self, cell: tuple[str, str] | None) -> None:
        if cell is None or self.map_layout is None:
            self.drop_highlight.hide()
            return
        self.drop_highlight.setRect(qrect(self.map_layout.cells[cell]).adjusted(3, 3, -3, -3))
        self.drop_highlight.show()

    def show_cursor(self, cell: tuple[str, str] | None) -> None:
        """The keyboard focus on an empty cell (a selected card shows focus itself)."""
        if cell is None or self.map_layout is None or cell not in self.map_layout.cells:
            self.cursor_item.hide()
            return
        rect = qrect(self.map_layout.cells[cell]).adjusted(4, 4, -4, -4)
        self.cursor_item.setRect(rect)
        self.cursor_item.show()
        self.reveal(rect)

    def reveal(self, rect: QRectF) -> None:
        for view in self.views():
            view.ensureVisible(rect, 40, 40)

    # ----- inline editing ---------------------------------------------------------
    def start_inline_edit(self, card_id: str) -> None:
        card = self.document.journey.card(card_id)
        box = self.map_layout.cards.get(card_id) if self.map_layout else None
        if card is None or box is None or self.document.read_only:
            return

        def commit(text: str) -> None:
            self._close_editor()
            current = self.document.journey.card(card_id)
            if current is None or self.document.read_only:
                if text.strip() and text != card.text:
                    self._keep_typed_text(text, tr(_C, "That card is no longer on the map shown"))
                return
            if text.strip() and text != current.text:
                self.document.undo_stack.push(edit_card(self.document, card_id, text=text))
                self.flush()

        self._open_editor(InlineEditor(box, card.text, commit, self._close_editor))

    def start_new_card(self, lane_id: str, step_id: str, index: int | None,
                       colour: str | None = None) -> None:
        """Type a new card straight into a cell; nothing is added if it is left empty."""
        if self.map_layout is None or self.document.read_only:
            return
        cell = self.document.journey.cards_in_cell(lane_id, step_id)
        index = len(cell) if index is None else index
        cell_rect = self.map_layout.cells[(lane_id, step_id)]
        boxes = [self.map_layout.cards[c.id] for c in cell if c.id in self.map_layout.cards]
        y = boxes[index - 1].rect.bottom + self.style.card_gap if index and boxes else (
            cell_rect.y + self.style.cell_padding)
        fill = colour or self.new_card_colour
        box = CardBox("", lane_id, step_id, index,
                      Rect(cell_rect.x + self.style.cell_padding, y, self.style.card_width,
                           self.style.card_min_height),
                      (), "", fill, 0, self.style.card_font_size, self.style.card_line_height,
                      self.style.card_padding)

        journey_id = self.document.journey.id

        def commit(text: str) -> None:
            self._close_editor()
            if not text.strip():
                return
            # A menu command may have removed the cell, or switched journey, while we typed.
            if self.document.journey.id != journey_id or self.document.read_only \
                    or not cell_exists(self.document, lane_id, step_id):
                self._keep_typed_text(text, tr(_C, "That cell is no longer on the map shown"))
                return
            try:
                command, card = add_card(self.document, lane_id, step_id, text, fill, index)
            except ValueError:  # anything the model refuses: the words still must not vanish
                self._keep_typed_text(text, tr(_C, "The card could not be added"))
                return
            self.document.undo_stack.push(command)
            self.flush()
            self.clearSelection()
            item = self.cards.get(card.id)  # none while its lane is collapsed
            if item is not None:
                item.setSelected(True)

        self._open_editor(InlineEditor(box, "", commit, self._close_editor))

    def _keep_typed_text(self, text: str, why: str) -> None:
        """Typed words are never thrown away: they go to the clipboard, and the user is told."""
        QGuiApplication.clipboard().setText(text)
        self.notice.emit(tr(_C, "{why}; your text is on the clipboard (Ctrl+V pastes it as a "
                                "card).").format(why=why))

    def _open_editor(self, editor: InlineEditor) -> None:
        self._close_editor()
        self.editor = editor
        self.addItem(editor)
        self.reveal(editor.sceneBoundingRect())
        editor.begin()

    def _close_editor(self) -> None:
        # The editor may be inside its own key handler: hide now, delete on the next turn.
        editor, self.editor = self.editor, None
        if editor is None:
            return
        editor.hide()
        self._retired_editors.append(editor)
        QTimer.singleShot(0, self._drop_retired_editors)
        for view in self.views():
            view.setFocus()

    def _drop_retired_editors(self) -> None:
        while self._retired_editors:
            editor = self._retired_editors.pop()
            if editor.scene() is self:
                self.removeItem(editor)

    def _hit(self, pos: QPointF) -> tuple[str, str] | None:
        """What static part of the map lies under a scene point: ('step'|'lane'|'cell', id)."""
        layout = self.map_layout
        if layout is None:
            return None
        for step in layout.steps:
            if step.header.contains(pos.x(), pos.y()):
                return "step", step.step_id
        for band in layout.stage_bands:
            if band.rect.contains(pos.x(), pos.y()) and band.stage_id:
                return "stage", band.stage_id
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
    def interactive_item_at(self, pos: QPointF) -> CardItem | EmotionPointItem | InlineEditor | None:
        """The card, emotion point or editor under a point; static parts count as nothing."""
        transform = self.views()[0].transform() if self.views() else QTransform()
        for item in self.items(pos, Qt.ItemSelectionMode.IntersectsItemShape,
                               Qt.SortOrder.DescendingOrder, transform):
            if isinstance(item, (CardItem, EmotionPointItem, InlineEditor)) and item.isVisible():
                return item
        return None

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        item = self.interactive_item_at(event.scenePos())
        if (event.button() == Qt.MouseButton.LeftButton and isinstance(item, EmotionPointItem)
                and not self.document.read_only):
            self.clearSelection()
            item.setSelected(True)
            self.emotion_drag.begin(item, event.scenePos())
            event.accept()
            return
        if (event.button() == Qt.MouseButton.LeftButton and item is None
                and not self.document.read_only and self.editor is None):
            hit = self._hit(event.scenePos())
            if hit and hit[0] in ("step", "lane", "stage") and self.header_drag.begin(
                    hit[0], hit[1], event.scenePos()):
                self.clearSelection()
                if hit[0] == "step" and hit[1] in self.points:
                    self.points[hit[1]].setSelected(True)
                event.accept()
                return
        if event.button() == Qt.MouseButton.LeftButton and self.map_layout is not None:
            cell = self.map_layout.cell_at(event.scenePos().x(), event.scenePos().y())
            if cell is not None:
                self.keyboard.cursor = cell
        super().mousePressEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and isinstance(item, CardItem):
            self.cursor_item.hide()
            self.card_drag.begin(event.scenePos())

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.emotion_drag.active:
            self.emotion_drag.move(event.scenePos())
            event.accept()
            return
        if self.header_drag.active:
            self.header_drag.move(event.scenePos())
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
        if self.header_drag.active:
            self.header_drag.finish(event.scenePos())
            event.accept()
            return
        super().mouseReleaseEvent(event)
        if self.card_drag.active:
            self.card_drag.finish(event.scenePos())

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        pos = event.scenePos()
        item = self.interactive_item_at(pos)
        if isinstance(item, CardItem):
            self.start_inline_edit(item.card_id)
        elif isinstance(item, InlineEditor):
            super().mouseDoubleClickEvent(event)
            return
        elif isinstance(item, EmotionPointItem):
            self.step_edit_requested.emit(item.step_id)
        else:
            hit = self._hit(pos)
            if hit and hit[0] == "step":
                self.step_edit_requested.emit(hit[1])
            elif hit and hit[0] == "lane":
                self.lane_edit_requested.emit(hit[1])
            elif hit and hit[0] == "stage":
                self.stage_edit_requested.emit(hit[1])
            elif hit and hit[0] == "cell":
                lane_id, step_id = hit[1].split("|")
                self.start_new_card(lane_id, step_id,
                                    self.cell_insert_index(lane_id, step_id, pos.y()))
        event.accept()

    def contextMenuEvent(self, event: QGraphicsSceneContextMenuEvent) -> None:
        pos = event.scenePos()
        item = self.interactive_item_at(pos)
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


def _spread_geometry(layout: MapLayout, point: EmotionPoint,
                     step: Step) -> tuple[float, float, float, str] | None:
    spread = emotion_spread(step)
    if spread is None:
        return None
    low, high, mean = spread
    chart = layout.emotion
    count = len(step.emotion_scores)
    label = tr(_C, "%n score(s): {low}–{high}, mean {mean}", n=count).format(
        low=low, high=high, mean=format_number(mean, 1))
    return (chart.y_for_score(high) - point.y, chart.y_for_score(low) - point.y,
            chart.y_for_score(mean) - point.y, label)


def header_texts(document: MapDocument) -> tuple[str, str, list[str]]:
    """Title, persona/kind line and desired-outcome lines shown above the map."""
    project, journey = document.project, document.journey
    persona = project.persona(journey.persona_id)
    parts = [tr(_C, "{kind} · {state}").format(kind=journey_kind_name(journey.kind),
                                                state=journey_state_name(journey.state))]
    if persona is not None:
        who = f"{persona.name} — {persona.segment}" if persona.segment else persona.name
        parts.insert(0, tr(_C, "Persona: {persona}").format(persona=who))
    if journey.impression_words:
        parts.append(tr(_C, "Impression: {words}").format(
            words=", ".join(journey.impression_words)))
    outcome = project.desired_outcome
    lines = []
    if outcome.customer:
        lines.append(tr(_C, "Customer wants: {text}").format(text=" ".join(outcome.customer.split())))
    if outcome.business:
        lines.append(tr(_C, "Business wants: {text}").format(text=" ".join(outcome.business.split())))
    return journey.name, "   ·   ".join(parts), lines


def _card_tooltip(card: Card) -> str:
    parts = [card.text[:400]]
    if card.author:
        parts.append(tr(_C, "Author: {name}").format(name=card.author))
    if card.tags:
        parts.append(tr(_C, "Tags: {tags}").format(tags=", ".join(card.tags)))
    return "\n".join(parts)
