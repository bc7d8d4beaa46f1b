"""Every user edit as a QUndoCommand applied through the MapDocument."""

from .cards import (
    add_card,
    add_cards,
    cell_exists,
    delete_cards,
    edit_card,
    move_cards,
    set_cards_fields,
)
from .generic import (
    InsertCommand,
    MacroCommand,
    MoveInListCommand,
    RemoveCommand,
    ReorderCommand,
    SetFieldsCommand,
)
from .structure import (
    add_lane,
    add_stage,
    add_step,
    delete_lane,
    delete_stage,
    delete_step,
    edit_step,
    move_lane,
    move_stage,
    move_step,
    rename,
)

__all__ = [
    "InsertCommand",
    "MacroCommand",
    "MoveInListCommand",
    "RemoveCommand",
    "ReorderCommand",
    "SetFieldsCommand",
    "add_card",
    "add_cards",
    "cell_exists",
    "add_lane",
    "add_stage",
    "add_step",
    "delete_cards",
    "delete_lane",
    "delete_stage",
    "delete_step",
    "edit_card",
    "edit_step",
    "move_cards",
    "move_lane",
    "move_stage",
    "move_step",
    "rename",
    "set_cards_fields",
]
