"""Keyboard-only work on the canvas: arrows move between cells, cards and emotion points."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent

from ..commands import edit_step
from ..i18n import tr
from .items import CardItem, EmotionPointItem

_C = "canvas.keyboard"  # translation context of this module

if TYPE_CHECKING:
    from .scene import MapScene

ARROWS = {
    Qt.Key.Key_Left: (-1, 0),
    Qt.Key.Key_Right: (1, 0),
    Qt.Key.Key_Up: (0, -1),
    Qt.Key.Key_Down: (0, 1),
}


class KeyboardNavigator:
    def __init__(self, scene: MapScene) -> None:
        self.scene = scene
        self.cursor: tuple[str, str] | None = None  # the focused (lane id, step id) cell

    def handle(self, event: QKeyEvent) -> bool:
        key = event.key()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if key in ARROWS and mods == Qt.KeyboardModifier.NoModifier:
            dx, dy = ARROWS[key]
            point = self._selected_point()
            if point is not None:
                return self._on_point(point, dx, dy)
            self.move(dx, dy)
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and mods == Qt.KeyboardModifier.NoModifier:
            cards = self.scene.selected_card_ids()
            if len(cards) == 1:
                self.scene.start_inline_edit(cards[0])
                return True
            if self.cursor is not None and not cards:
                lane_id, step_id = self.cursor
                self.scene.start_new_card(lane_id, step_id, None)
                return True
        return False

    # ----- cards and cells ---------------------------------------------------------
    def _position(self) -> tuple[int, int, int | None]:
        """(lane index, step index, card index or None) of the selection or cursor."""
        journey = self.scene.document.journey
        lanes = [lane.id for lane in journey.lanes]
        steps = [s.id for s in journey.steps]
        cards = self.scene.selected_card_ids()
        if cards:
            card = journey.card(cards[0])
            cell = journey.cards_in_cell(card.lane_id, card.step_id)
            return (lanes.index(card.lane_id), steps.index(card.step_id),
                    [c.id for c in cell].index(card.id))
        if self.cursor and self.cursor[0] in lanes and self.cursor[1] in steps:
            return lanes.index(self.cursor[0]), steps.index(self.cursor[1]), None
        return 0, 0, None

    def move(self, dx: int, dy: int) -> None:
        journey = self.scene.document.journey
        if not journey.lanes or not journey.steps:
            return
        lane_i, step_i, card_i = self._position()
        if not self.scene.selected_card_ids() and self.cursor is None:
            dx = dy = 0  # first key press just lands on the first cell
        if dx:
            step_i = max(0, min(len(journey.steps) - 1, step_i + dx))
            cell = self._cell(lane_i, step_i)
            self._land(lane_i, step_i, None if not cell else min(card_i or 0, len(cell) - 1))
            return
        cell = self._cell(lane_i, step_i)
        if dy and card_i is not None and 0 <= card_i + dy < len(cell):
            self._land(lane_i, step_i, card_i + dy)
            return
        lane_i = self._next_open_lane(lane_i, dy) if dy else lane_i
        cell = self._cell(lane_i, step_i)
        if not cell:
            self._land(lane_i, step_i, None)
        else:
            self._land(lane_i, step_i, 0 if dy >= 0 else len(cell) - 1)

    def _next_open_lane(self, lane_i: int, dy: int) -> int:
        lanes = self.scene.document.journey.lanes
        index = lane_i + dy
        while 0 <= index < len(lanes) and lanes[index].collapsed:
            index += dy
        return index if 0 <= index < len(lanes) else lane_i

    def _cell(self, lane_i: int, step_i: int) -> list[str]:
        journey = self.scene.document.journey
        lane, step = journey.lanes[lane_i], journey.steps[step_i]
        return [c.id for c in journey.cards_in_cell(lane.id, step.id)]

    def _land(self, lane_i: int, step_i: int, card_i: int | None) -> None:
        journey = self.scene.document.journey
        self.cursor = (journey.lanes[lane_i].id, journey.steps[step_i].id)
        self.scene.clearSelection()
        if card_i is not None:
            item = self.scene.cards.get(self._cell(lane_i, step_i)[card_i])
            if item is not None:
                item.setSelected(True)
                item.setFocus()
                self.scene.reveal(item.sceneBoundingRect())
        self.scene.show_cursor(self.cursor if card_i is None else None)

    # ----- emotion points -----------------------------------------------------------
    def _selected_point(self) -> EmotionPointItem | None:
        items = [i for i in self.scene.selectedItems() if isinstance(i, EmotionPointItem)]
        cards = [i for i in self.scene.selectedItems() if isinstance(i, CardItem)]
        return items[0] if items and not cards else None

    def _on_point(self, point: EmotionPointItem, dx: int, dy: int) -> bool:
        doc = self.scene.document
        steps = [s.id for s in doc.journey.steps]
        if dx:
            index = max(0, min(len(steps) - 1, steps.index(point.step_id) + dx))
            self.scene.clearSelection()
            self.scene.points[steps[index]].setSelected(True)
            return True
        if doc.read_only:
            return True
        step = doc.journey.step(point.step_id)
        current = step.emotion if step.emotion is not None else 5
        score = max(0, min(10, current - dy))
        if score != step.emotion:
            # Repeated presses merge into one undo step per step.
            doc.undo_stack.push(edit_step(doc, step.id,
                                          tr(_C, "Set emotion of “{title}”").format(
                                              title=step.title),
                                          merge_key=f"emotion:{step.id}", emotion=score))
            self.scene.flush()
        return True
