"""Card edits built from the generic commands."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QUndoCommand

from ..document import MapDocument
from ..i18n import tr
from ..model import DEFAULT_CARD_COLOUR, MAX_LONG_TEXT, Card
from .generic import InsertCommand, MacroCommand, RemoveCommand, SetFieldsCommand

# Undo names show in Edit ▸ Undo and the History panel, so they are translated.
_C = "commands.cards"  # translation context of this module


def _short(text: str, limit: int = 24) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else f"{text[: limit - 1]}…"


def cell_exists(doc: MapDocument, lane_id: str, step_id: str) -> bool:
    """Whether the shown journey still has this lane and step (both may go while someone types)."""
    journey = doc.journey
    return any(lane.id == lane_id for lane in journey.lanes) and \
        any(step.id == step_id for step in journey.steps)


def add_card(doc: MapDocument, lane_id: str, step_id: str, text: str,
             colour: str = DEFAULT_CARD_COLOUR, index: int | None = None,
             check_cell: bool = True, **fields: Any) -> tuple[QUndoCommand, Card]:
    """A new card at ``index`` within its cell (default: at the bottom).

    Raises ValueError if the cell is gone: a card must never point at a missing step or lane
    (the file would not open again). Callers check ``cell_exists`` to tell the user first;
    ``check_cell=False`` only when the same undo step creates the lane.
    """
    if check_cell and not cell_exists(doc, lane_id, step_id):
        raise ValueError(f"no cell for lane {lane_id!r} and step {step_id!r} in this journey")
    cell = doc.journey.cards_in_cell(lane_id, step_id)
    index = len(cell) if index is None else max(0, min(index, len(cell)))
    card = Card(text=text, lane_id=lane_id, step_id=step_id, colour=colour, order=index, **fields)
    macro = MacroCommand(tr(_C, "Add card “{text}”").format(text=_short(text)))
    _renumber(doc, lane_id, step_id, [c.id for c in cell[:index]] + [card.id]
              + [c.id for c in cell[index:]], macro, skip=card.id)
    InsertCommand(doc, "cards", card, len(doc.journey.cards), "", parent=macro)
    return macro, card


def edit_card(doc: MapDocument, card_id: str, **changes: Any) -> QUndoCommand:
    card = doc.journey.card(card_id)
    name = _short(card.text if card else "")
    label = tr(_C, "Edit card “{text}”") if set(changes) == {"text"} else tr(_C, "Change card “{text}”")
    return SetFieldsCommand(doc, "cards", {card_id: changes}, label.format(text=name))


def set_cards_fields(doc: MapDocument, card_ids: list[str], text: str,
                     **changes: Any) -> QUndoCommand:
    return SetFieldsCommand(doc, "cards", {cid: dict(changes) for cid in card_ids}, text)


def delete_cards(doc: MapDocument, card_ids: list[str]) -> QUndoCommand:
    wanted = set(card_ids)
    cards = [c for c in doc.journey.cards if c.id in wanted]
    label = (tr(_C, "Delete card “{text}”").format(text=_short(cards[0].text)) if len(cards) == 1
             else tr(_C, "Delete %n card(s)", n=len(cards)))
    macro = MacroCommand(label)
    for card in cards:
        RemoveCommand(doc, "cards", card.id, "", parent=macro)
    return macro


def move_cards(doc: MapDocument, card_ids: list[str], lane_id: str, step_id: str,
               index: int) -> QUndoCommand:
    """Moves cards (keeping their relative order) into a cell at ``index``: one undo step."""
    moving = set(card_ids)
    others = [c.id for c in doc.journey.cards_in_cell(lane_id, step_id) if c.id not in moving]
    index = max(0, min(index, len(others)))
    order = others[:index] + list(card_ids) + others[index:]
    macro = MacroCommand(tr(_C, "Move card") if len(card_ids) == 1
                         else tr(_C, "Move %n card(s)", n=len(card_ids)))
    changes: dict[str, dict[str, Any]] = {}
    for position, cid in enumerate(order):
        changes[cid] = {"order": position}
        if cid in moving:
            changes[cid].update(lane_id=lane_id, step_id=step_id)
    SetFieldsCommand(doc, "cards", changes, "", parent=macro)
    return macro


def _renumber(doc: MapDocument, lane_id: str, step_id: str, order: list[str],
              parent: QUndoCommand, skip: str) -> None:
    changes = {cid: {"order": i} for i, cid in enumerate(order) if cid != skip}
    current = {c.id: c.order for c in doc.journey.cards_in_cell(lane_id, step_id)}
    changes = {cid: v for cid, v in changes.items() if current.get(cid) != v["order"]}
    if changes:
        SetFieldsCommand(doc, "cards", changes, "", parent=parent)


def add_cards(doc: MapDocument, lane_id: str, step_id: str, index: int,
              entries: list[dict[str, Any]], label: str) -> tuple[QUndoCommand, list[Card]]:
    """Several new cards in one cell as one undo step (paste, duplicate)."""
    cell = doc.journey.cards_in_cell(lane_id, step_id)
    index = max(0, min(index, len(cell)))
    cards = []
    for entry in entries:
        fields = {k: v for k, v in entry.items() if k in ("text", "colour", "tags", "author")}
        try:
            cards.append(Card(lane_id=lane_id, step_id=step_id, **fields))
        except ValueError:
            cards.append(Card(lane_id=lane_id, step_id=step_id,
                              text=str(fields.get("text", ""))[:MAX_LONG_TEXT]))
    macro = MacroCommand(label)
    order = [c.id for c in cell[:index]] + [c.id for c in cards] + [c.id for c in cell[index:]]
    for position, card in enumerate(cards, start=index):
        card.order = position
    for card in cards:
        InsertCommand(doc, "cards", card, len(doc.journey.cards) + 1, "", parent=macro)
    new_ids = {c.id for c in cards}
    renumber = {cid: {"order": i} for i, cid in enumerate(order) if cid not in new_ids}
    current = {c.id: c.order for c in cell}
    renumber = {cid: v for cid, v in renumber.items() if current.get(cid) != v["order"]}
    if renumber:
        SetFieldsCommand(doc, "cards", renumber, "", parent=macro)
    return macro, cards
