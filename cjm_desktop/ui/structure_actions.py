"""Step, stage and lane commands of the main window, and the canvas context menu."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QInputDialog, QMenu, QWidget

from .. import commands
from ..i18n import tr
from ..model import MAX_SHORT_TEXT
from . import messages
from .dialogs import StepDialog

_C = "ui.structure_actions"  # translation context of this module

if TYPE_CHECKING:
    from ..canvas.scene import MapScene
    from ..document import MapDocument


class StructureActions:
    """Mixed into MainWindow: the map's skeleton (steps, stages, lanes)."""

    document: MapDocument | None
    scene: MapScene | None

    def add_step(self) -> None:
        journey = self.document.journey
        current = self._current_step_id()
        index = (journey.steps.index(journey.step(current)) + 1) if current else len(journey.steps)
        stage_id = journey.step(current).stage_id if current else (
            journey.steps[-1].stage_id if journey.steps else None)
        title = _ask_name(self, tr(_C, "Add step"), tr(_C, "Step title:"), tr(_C, "New step"))
        if title:
            command, step = commands.add_step(self.document, index, title, stage_id)
            self._push(command)
            self.scene.clearSelection()
            point = self.scene.points.get(step.id)
            if point is not None:
                point.setSelected(True)

    def edit_current_step(self) -> None:
        step_id = self._current_step_id()
        if step_id:
            self.edit_step(step_id)

    def edit_step(self, step_id: str) -> None:
        step = self.document.journey.step(step_id)
        if step is None or self.document.read_only:
            return
        dialog = StepDialog(self, self.document.journey, step)
        if dialog.exec() == StepDialog.DialogCode.Accepted:
            changes = {k: v for k, v in dialog.values().items() if getattr(step, k) != v}
            if changes:
                self._push(commands.edit_step(self.document, step_id, **changes))

    def toggle_moment_of_truth(self) -> None:
        step_id = self._current_step_id()
        step = self.document.journey.step(step_id) if step_id else None
        if step is not None:
            label = (tr(_C, "Unmark “{title}” as moment of truth") if step.moment_of_truth
                     else tr(_C, "Mark “{title}” as moment of truth")).format(title=step.title)
            self._push(commands.edit_step(
                self.document, step.id, label,
                moment_of_truth=not step.moment_of_truth))

    def move_step(self, delta: int) -> None:
        step_id = self._current_step_id()
        if not step_id:
            return
        steps = self.document.journey.steps
        index = next(i for i, s in enumerate(steps) if s.id == step_id) + delta
        if 0 <= index < len(steps):
            self._push(commands.move_step(self.document, step_id, index))

    def delete_current_step(self) -> None:
        step_id = self._current_step_id()
        step = self.document.journey.step(step_id) if step_id else None
        if step is None:
            return
        count = sum(1 for c in self.document.journey.cards if c.step_id == step.id)
        if count and not messages.confirm(
                self, tr(_C, "Delete step"),
                tr(_C, "Delete step “{title}” and its {count} cards?\nYou can undo this with Ctrl+Z.").format(
                    title=step.title, count=count), tr(_C, "Delete step")):
            return
        self._push(commands.delete_step(self.document, step.id))

    def add_stage(self) -> None:
        journey = self.document.journey
        name = _ask_name(self, tr(_C, "Add stage"), tr(_C, "Stage name:"), tr(_C, "New stage"))
        if not name:
            return
        current = self._current_step_id()
        start = journey.steps.index(journey.step(current)) if current else len(journey.steps)
        old_stage = journey.steps[start].stage_id if start < len(journey.steps) else None
        step_ids = [s.id for s in journey.steps[start:] if s.stage_id == old_stage]
        command, _stage = commands.add_stage(self.document, name, step_ids)
        self._push(command)

    def add_lane(self) -> None:
        name = _ask_name(self, tr(_C, "Add lane"), tr(_C, "Lane name:"), tr(_C, "Feelings"))
        if name:
            command, _lane = commands.add_lane(self.document, name)
            self._push(command)

    def rename_lane(self, lane_id: str) -> None:
        lane = self.document.journey.lane(lane_id)
        if lane is None or self.document.read_only:
            return
        name = _ask_name(self, tr(_C, "Rename lane"), tr(_C, "Lane name:"), lane.name)
        if name and name != lane.name:
            self._push(commands.rename(self.document, "lanes", lane_id, "name", name))

    # ----- lanes and stages ---------------------------------------------------------
    def _current_lane_id(self) -> str | None:
        cards = self.scene.selected_card_ids()
        if cards:
            card = self.document.journey.card(cards[0])
            return card.lane_id if card else None
        cursor = self.scene.keyboard.cursor
        return cursor[0] if cursor else None

    def _on_lane(self, handler: Callable[..., object], *args: object) -> None:
        lane_id = self._current_lane_id()
        if lane_id is None:
            self.statusBar().showMessage(tr(_C, "Click a cell of the lane first"), 4000)
            return
        handler(lane_id, *args)

    def toggle_lane(self, lane_id: str) -> None:
        lane = self.document.journey.lane(lane_id)
        if lane is not None:
            label = (tr(_C, "Expand lane “{name}”") if lane.collapsed
                     else tr(_C, "Collapse lane “{name}”")).format(name=lane.name)
            self._push(commands.SetFieldsCommand(
                self.document, "lanes", {lane_id: {"collapsed": not lane.collapsed}}, label))

    def move_lane(self, lane_id: str, delta: int) -> None:
        lanes = self.document.journey.lanes
        index = next(i for i, lane in enumerate(lanes) if lane.id == lane_id) + delta
        if 0 <= index < len(lanes):
            self._push(commands.move_lane(self.document, lane_id, index))

    def delete_lane(self, lane_id: str) -> None:
        lane = self.document.journey.lane(lane_id)
        if lane is None:
            return
        count = sum(1 for c in self.document.journey.cards if c.lane_id == lane_id)
        if count and not messages.confirm(
                self, tr(_C, "Delete lane"),
                tr(_C, "Delete lane “{name}” and its {count} cards?\nYou can undo this with Ctrl+Z.").format(
                    name=lane.name, count=count), tr(_C, "Delete lane")):
            return
        self._push(commands.delete_lane(self.document, lane_id))

    def _current_stage_id(self) -> str | None:
        step_id = self._current_step_id()
        step = self.document.journey.step(step_id) if step_id else None
        return step.stage_id if step else None

    def rename_current_stage(self) -> None:
        stage_id = self._current_stage_id()
        if stage_id:
            self.rename_stage(stage_id)

    def rename_stage(self, stage_id: str) -> None:
        stage = self.document.journey.stage(stage_id)
        if stage is None or self.document.read_only:
            return
        name = _ask_name(self, tr(_C, "Rename stage"), tr(_C, "Stage name:"), stage.name)
        if name and name != stage.name:
            self._push(commands.rename(self.document, "stages", stage_id, "name", name))

    def move_stage(self, delta: int) -> None:
        stage_id = self._current_stage_id()
        if stage_id:
            command = commands.move_stage(self.document, stage_id, delta)
            if command is not None:
                self._push(command)

    def delete_current_stage(self) -> None:
        stage_id = self._current_stage_id()
        if stage_id:
            self._push(commands.delete_stage(self.document, stage_id))

    def _context_menu(self, kind: str, object_id: str, screen_pos: QPoint) -> None:
        menu = QMenu(self)
        if kind == "card":
            menu.addAction(self.act_edit_card)
            menu.addAction(self.act_card_properties)
            menu.addMenu(self.colour_menu)
            menu.addActions(getattr(self, "card_context_actions", []))
            menu.addSeparator()
            menu.addAction(self.act_duplicate)
            menu.addAction(self.act_delete)
        elif kind == "step":
            step = self.document.journey.step(object_id)
            menu.addAction(tr(_C, "Edit Step…"), lambda: self.edit_step(object_id))
            mot = menu.addAction(tr(_C, "Moment of Truth"))
            mot.setCheckable(True)
            mot.setChecked(bool(step and step.moment_of_truth))
            mot.triggered.connect(lambda: self._toggle_step(object_id))
            menu.addAction(tr(_C, "Delete Step"), lambda: self._delete_step(object_id))
        elif kind == "lane":
            lane = self.document.journey.lane(object_id)
            menu.addAction(tr(_C, "Rename Lane…"), lambda: self.rename_lane(object_id))
            menu.addAction(tr(_C, "Expand Lane") if lane and lane.collapsed
                           else tr(_C, "Collapse Lane"),
                           lambda: self.toggle_lane(object_id))
            menu.addAction(tr(_C, "Move Lane Up"), lambda: self.move_lane(object_id, -1))
            menu.addAction(tr(_C, "Move Lane Down"), lambda: self.move_lane(object_id, 1))
            menu.addAction(tr(_C, "Delete Lane"), lambda: self.delete_lane(object_id))
        elif kind == "stage":
            menu.addAction(tr(_C, "Rename Stage…"), lambda: self.rename_stage(object_id))
            menu.addAction(tr(_C, "Delete Stage"), lambda: self._push(
                commands.delete_stage(self.document, object_id)))
        elif kind == "cell":
            lane_id, step_id = object_id.split("|")
            menu.addAction(tr(_C, "Add Card Here…"), lambda: self._add_card_in_cell(
                lane_id, step_id, len(self.document.journey.cards_in_cell(lane_id, step_id))))
        menu.exec(screen_pos)

    def _select_step(self, step_id: str) -> None:
        self.scene.clearSelection()
        point = self.scene.points.get(step_id)
        if point is not None:
            point.setSelected(True)

    def _toggle_step(self, step_id: str) -> None:
        self._select_step(step_id)
        self.toggle_moment_of_truth()

    def _delete_step(self, step_id: str) -> None:
        self._select_step(step_id)
        self.delete_current_step()


def _ask_name(parent: QWidget, title: str, label: str, text: str) -> str | None:
    """A short name from a one-line question, trimmed and cut to what the map stores."""
    name, ok = QInputDialog.getText(parent, title, label, text=text)
    name = " ".join(name.split())[:MAX_SHORT_TEXT] if ok else ""
    return name or None
