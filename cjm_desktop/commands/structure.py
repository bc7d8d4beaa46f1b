"""Step, stage and lane edits; deleting a step or lane takes its cards along as children."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QUndoCommand

from ..document import MapDocument
from ..i18n import tr
from ..model import Lane, LaneKind, Stage, Step
from .generic import (
    InsertCommand,
    MacroCommand,
    MoveInListCommand,
    RemoveCommand,
    ReorderCommand,
    SetFieldsCommand,
)

# Undo names show in Edit ▸ Undo and the History panel, so they are translated.
_C = "commands.structure"  # translation context of this module


def add_step(doc: MapDocument, index: int, title: str | None = None,
             stage_id: str | None = None) -> tuple[QUndoCommand, Step]:
    title = tr(_C, "New step") if title is None else title
    step = Step(title=title, stage_id=stage_id)
    return InsertCommand(doc, "steps", step, index,
                         tr(_C, "Add step “{title}”").format(title=title)), step


def edit_step(doc: MapDocument, step_id: str, text: str | None = None,
              merge_key: str | None = None, **changes: Any) -> QUndoCommand:
    step = doc.journey.step(step_id)
    label = text or tr(_C, "Change step “{title}”").format(title=step.title if step else "")
    return SetFieldsCommand(doc, "steps", {step_id: changes}, label, merge_key=merge_key)


def delete_step(doc: MapDocument, step_id: str) -> QUndoCommand:
    step = doc.journey.step(step_id)
    macro = MacroCommand(tr(_C, "Delete step “{title}”").format(title=step.title if step else ""))
    for card in [c for c in doc.journey.cards if c.step_id == step_id]:
        RemoveCommand(doc, "cards", card.id, "", parent=macro)
    RemoveCommand(doc, "steps", step_id, "", parent=macro)
    return macro


def move_step(doc: MapDocument, step_id: str, new_index: int) -> QUndoCommand:
    return MoveInListCommand(doc, "steps", step_id, new_index, tr(_C, "Move step"))


def add_stage(doc: MapDocument, name: str, step_ids: list[str]) -> tuple[QUndoCommand, Stage]:
    stage = Stage(name=name)
    macro = MacroCommand(tr(_C, "Add stage “{name}”").format(name=name))
    InsertCommand(doc, "stages", stage, len(doc.journey.stages), "", parent=macro)
    if step_ids:
        SetFieldsCommand(doc, "steps", {sid: {"stage_id": stage.id} for sid in step_ids}, "",
                         parent=macro)
    return macro, stage


def rename(doc: MapDocument, collection: str, object_id: str, field: str,
           value: str) -> QUndoCommand:
    return SetFieldsCommand(doc, collection, {object_id: {field: value}},
                            tr(_C, "Rename to “{name}”").format(name=value))


def delete_stage(doc: MapDocument, stage_id: str) -> QUndoCommand:
    """Removes a stage; its steps stay and lose their stage (the cards are not touched)."""
    stage = doc.journey.stage(stage_id)
    macro = MacroCommand(tr(_C, "Delete stage “{name}”").format(name=stage.name if stage else ""))
    steps = {s.id: {"stage_id": None} for s in doc.journey.steps if s.stage_id == stage_id}
    if steps:
        SetFieldsCommand(doc, "steps", steps, "", parent=macro)
    RemoveCommand(doc, "stages", stage_id, "", parent=macro)
    return macro


def add_lane(doc: MapDocument, name: str, index: int | None = None) -> tuple[QUndoCommand, Lane]:
    lane = Lane(name=name, kind=LaneKind.CUSTOM)
    index = len(doc.journey.lanes) if index is None else index
    return InsertCommand(doc, "lanes", lane, index,
                         tr(_C, "Add lane “{name}”").format(name=name)), lane


def delete_lane(doc: MapDocument, lane_id: str) -> QUndoCommand:
    lane = doc.journey.lane(lane_id)
    macro = MacroCommand(tr(_C, "Delete lane “{name}”").format(name=lane.name if lane else ""))
    for card in [c for c in doc.journey.cards if c.lane_id == lane_id]:
        RemoveCommand(doc, "cards", card.id, "", parent=macro)
    RemoveCommand(doc, "lanes", lane_id, "", parent=macro)
    return macro


def move_lane(doc: MapDocument, lane_id: str, new_index: int) -> QUndoCommand:
    return MoveInListCommand(doc, "lanes", lane_id, new_index, tr(_C, "Move lane"))


def move_stage(doc: MapDocument, stage_id: str, delta: int) -> QUndoCommand | None:
    """Moves a stage's block of steps past the neighbouring stage's block; None at an end."""
    steps = doc.journey.steps
    blocks: list[list[str]] = []
    owners: list[str | None] = []
    for step in steps:
        if owners and owners[-1] == step.stage_id:
            blocks[-1].append(step.id)
        else:
            owners.append(step.stage_id)
            blocks.append([step.id])
    if stage_id not in owners:
        return None
    index = owners.index(stage_id)
    target = index + delta
    if not 0 <= target < len(blocks):
        return None
    blocks[index], blocks[target] = blocks[target], blocks[index]
    new_order = [sid for block in blocks for sid in block]
    stage = doc.journey.stage(stage_id)
    return ReorderCommand(doc, "steps", new_order,
                          tr(_C, "Move stage “{name}”").format(name=stage.name if stage else ""))
