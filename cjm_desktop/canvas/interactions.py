"""Gestures on the canvas turned into undo commands: card drags and emotion drags.

A drag only moves previews while the button is down; the release pushes one
command, so one gesture is always one undo step.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF

from ..commands import edit_step, move_cards
from ..i18n import tr
from .items import DRAG_Z, CardItem, EmotionPointItem

_C = "canvas.interactions"  # translation context of this module

if TYPE_CHECKING:
    from .scene import MapScene

DRAG_THRESHOLD = 6.0


class CardDrag:
    def __init__(self, scene: MapScene) -> None:
        self.scene = scene
        self.active = False
        self._start = QPointF()
        self._moved = False

    def begin(self, pos: QPointF) -> None:
        self.active = True
        self._moved = False
        self._start = pos
        for item in self._dragged_items():
            item.setZValue(DRAG_Z)

    def _dragged_items(self) -> list[CardItem]:
        return [i for i in self.scene.selectedItems() if isinstance(i, CardItem)]

    def move(self, pos: QPointF) -> None:
        if (pos - self._start).manhattanLength() > DRAG_THRESHOLD:
            self._moved = True
        if self._moved and self.scene.map_layout is not None:
            self.scene.show_drop_target(self.scene.map_layout.cell_at(pos.x(), pos.y()))

    def finish(self, pos: QPointF) -> None:
        self.active = False
        self.scene.show_drop_target(None)
        ids = self.scene.selected_card_ids()
        layout = self.scene.map_layout
        target = layout.cell_at(pos.x(), pos.y()) if (self._moved and layout) else None
        if target is None or not ids:
            self.scene.relayout()  # snap previews back where the model says they are
            return
        lane_id, step_id = target
        index = self.scene.cell_insert_index(lane_id, step_id, pos.y(), frozenset(ids))
        doc = self.scene.document
        current = [c.id for c in doc.journey.cards_in_cell(lane_id, step_id)]
        others = [cid for cid in current if cid not in set(ids)]
        if current == others[:index] + ids + others[index:]:
            self.scene.relayout()  # dropped where it already was: nothing to undo
            return
        doc.undo_stack.push(move_cards(doc, ids, lane_id, step_id, index))
        self.scene.flush()


class EmotionDrag:
    def __init__(self, scene: MapScene) -> None:
        self.scene = scene
        self.active = False
        self.item: EmotionPointItem | None = None

    def begin(self, item: EmotionPointItem, pos: QPointF) -> None:
        self.active = True
        self.item = item
        self.move(pos)

    def move(self, pos: QPointF) -> None:
        item, layout = self.item, self.scene.map_layout
        if item is None or layout is None:
            return
        score = layout.emotion.score_for_y(pos.y())
        if score != item.preview_score:
            item.preview_score = score
            item.setPos(item.point.x, layout.emotion.y_for_score(score))
            item.update()
            self.scene.update_emotion_preview()

    def finish(self) -> None:
        self.active = False
        item, self.item = self.item, None
        if item is None:
            return
        score, point = item.preview_score, item.point
        if score is None or point is None or score == point.score:
            item.set_point(point)
            self.scene.update_emotion_preview()
            return
        doc = self.scene.document
        step = doc.journey.step(item.step_id)
        if step is None:  # undone or deleted while the point was held (Ctrl+Z mid-drag)
            self.scene.update_emotion_preview()
            return
        label = tr(_C, "Set emotion of “{title}” to {score}").format(
            title=step.title, score=score)
        doc.undo_stack.push(edit_step(doc, item.step_id, label, emotion=score))
        self.scene.flush()


class HeaderDrag:
    """Dragging a step header sideways or a lane header up/down reorders it on release."""

    def __init__(self, scene: MapScene) -> None:
        self.scene = scene
        self.active = False
        self.kind = ""
        self.object_id = ""
        self._start = QPointF()
        self._moved = False

    def begin(self, kind: str, object_id: str, pos: QPointF) -> bool:
        self.active, self.kind, self.object_id = True, kind, object_id
        self._start, self._moved = pos, False
        return True

    def _target_index(self, pos: QPointF) -> int:
        layout = self.scene.map_layout
        if self.kind in ("step", "stage"):
            return sum(1 for s in layout.steps if s.column.center_x < pos.x())
        return sum(1 for lane in layout.lanes if lane.rect.center_y < pos.y())

    def move(self, pos: QPointF) -> None:
        if (pos - self._start).manhattanLength() > DRAG_THRESHOLD:
            self._moved = True
        if not self._moved:
            return
        layout = self.scene.map_layout
        marker = self.scene.insert_marker
        # Undo while the mouse is down can take the last step or lane away under the drag.
        if layout is None or not (layout.steps if self.kind in ("step", "stage") else layout.lanes):
            marker.hide()
            return
        index = self._target_index(pos)
        if self.kind in ("step", "stage"):
            steps = layout.steps
            x = steps[index].column.x if index < len(steps) else steps[-1].column.right
            marker.setRect(x - 3, steps[0].header.y, 6, layout.height - steps[0].header.y - 24)
        else:
            lanes = layout.lanes
            y = lanes[index].rect.y if index < len(lanes) else lanes[-1].rect.bottom
            marker.setRect(lanes[0].rect.x, y - 3, lanes[0].rect.w, 6)
        marker.show()

    def finish(self, pos: QPointF) -> None:
        from ..commands import move_lane, move_step

        self.active = False
        self.scene.insert_marker.hide()
        if not self._moved:
            return
        doc = self.scene.document
        if self.kind == "stage":
            self._finish_stage(self._target_index(pos))
            return
        collection = doc.journey.steps if self.kind == "step" else doc.journey.lanes
        old = next((i for i, obj in enumerate(collection) if obj.id == self.object_id), None)
        if old is None or self.scene.map_layout is None:
            return  # the step or lane went while it was held (Ctrl+Z mid-drag)
        index = self._target_index(pos)
        new = index - 1 if index > old else index
        if new == old:
            return
        command = (move_step if self.kind == "step" else move_lane)(doc, self.object_id, new)
        doc.undo_stack.push(command)
        self.scene.flush()

    def _finish_stage(self, index: int) -> None:
        """Moves the dragged stage's run of steps so it starts at step ``index``."""
        from ..commands import ReorderCommand

        doc = self.scene.document
        steps = [s.id for s in doc.journey.steps]
        block = [s.id for s in doc.journey.steps if s.stage_id == self.object_id]
        if not block:
            return
        before = sum(1 for sid in steps[:index] if sid not in block)
        rest = [sid for sid in steps if sid not in block]
        new_order = rest[:before] + block + rest[before:]
        if new_order == steps:
            return
        stage = doc.journey.stage(self.object_id)
        doc.undo_stack.push(ReorderCommand(doc, "steps", new_order,
                                           tr(_C, "Move stage “{name}”").format(
                                               name=stage.name if stage else "")))
        self.scene.flush()
