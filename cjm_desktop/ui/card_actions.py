"""Card editing commands of the main window: add, edit, recolour, clipboard, delete."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

from .. import commands
from ..canvas.clipboard import cards_from_mime, cards_to_mime
from ..i18n import tr
from . import messages
from .dialogs import CardDialog
from .settings import get_value

_C = "ui.card_actions"  # translation context of this module

if TYPE_CHECKING:
    from ..canvas.scene import MapScene
    from ..canvas.view import MapView
    from ..document import MapDocument


class CardActions:
    """Mixed into MainWindow; keeps the window class about windows, not about cards."""

    document: MapDocument | None
    scene: MapScene | None
    view: MapView | None

    def _push(self, command: object) -> None:
        if self.document is None or self.document.read_only:
            self.statusBar().showMessage(tr(_C, "This map is open read-only"), 4000)
            return
        self.document.undo_stack.push(command)
        self.scene.flush()

    def _current_cell(self) -> tuple[str, str, int]:
        """Where a new card goes: after the selected card, else the selected step's first lane."""
        journey = self.document.journey
        cards = self.scene.selected_card_ids()
        if cards:
            card = journey.card(cards[-1])
            cell = journey.cards_in_cell(card.lane_id, card.step_id)
            return card.lane_id, card.step_id, [c.id for c in cell].index(card.id) + 1
        step_id = self._current_step_id() or (journey.steps[0].id if journey.steps else None)
        lane = next((lane for lane in journey.lanes if not lane.collapsed), None)
        if step_id is None or lane is None:
            return "", "", 0
        return lane.id, step_id, len(journey.cards_in_cell(lane.id, step_id))

    def _current_step_id(self) -> str | None:
        if self.scene is None:
            return None
        step_id = self.scene.selected_step_id()
        if step_id:
            return step_id
        cards = self.scene.selected_card_ids()
        if cards:
            card = self.document.journey.card(cards[0])
            return card.step_id if card else None
        return None

    def add_card(self, colour: str | None = None) -> None:
        lane_id, step_id, index = self._current_cell()
        if not lane_id:
            messages.show_error(self, tr(_C, "No place for a card"),
                                tr(_C, "Add a step and a lane first, then add cards to their cells."))
            return
        self.scene.start_new_card(lane_id, step_id, index, colour)

    def _add_card_in_cell(self, lane_id: str, step_id: str, index: int) -> None:
        if self.document.read_only:
            return
        document = self.document
        dialog = CardDialog(self, title=tr(_C, "Add card"),
                            default_author=str(get_value("author_name", "")),
                            default_colour=self.scene.new_card_colour)
        if dialog.exec() != CardDialog.DialogCode.Accepted:
            return
        values = dialog.values()
        if not str(values["text"]).strip():
            return
        text = values.pop("text")
        colour = values.pop("colour")
        if self.document is not document or not commands.cell_exists(document, lane_id, step_id):
            # The map changed while the dialog was open (a file handed over, a step deleted).
            QApplication.clipboard().setText(text)
            messages.show_error(self, tr(_C, "Card not added"),
                                tr(_C, "The cell you chose is no longer on the map shown. Your "
                                       "text is on the clipboard: paste it where it belongs."))
            return
        command, card = commands.add_card(document, lane_id, step_id, text, colour, index,
                                          **values)
        self._push(command)
        self._select_cards([card.id])

    def _select_cards(self, card_ids: list[str]) -> None:
        self.scene.flush()
        self.scene.clearSelection()
        self.scene.cursor_item.hide()
        for card_id in card_ids:
            item = self.scene.cards.get(card_id)
            if item is not None:
                item.setSelected(True)
                self.view.ensureVisible(item)

    def edit_selected_card(self) -> None:
        cards = self.scene.selected_card_ids()
        if len(cards) == 1:
            self.scene.start_inline_edit(cards[0])

    def card_properties(self) -> None:
        cards = self.scene.selected_card_ids()
        if len(cards) == 1:
            self.edit_card(cards[0])

    def colour_selection(self, colour: str) -> None:
        cards = self.scene.selected_card_ids()
        if cards:
            self._push(commands.set_cards_fields(
                self.document, cards, tr(_C, "Colour %n card(s)", n=len(cards)),
                colour=colour))

    def select_all_cards(self) -> None:
        for item in self.scene.cards.values():
            item.setSelected(True)

    def copy_cards(self) -> None:
        journey = self.document.journey
        cards = [journey.card(cid) for cid in self.scene.selected_card_ids()]
        if cards:
            QApplication.clipboard().setMimeData(cards_to_mime([c for c in cards if c]))

    def cut_cards(self) -> None:
        cards = self.scene.selected_card_ids()
        if cards:
            self.copy_cards()
            command = commands.delete_cards(self.document, cards)
            command.setText(tr(_C, "Cut %n card(s)", n=len(cards)))
            self._push(command)

    def paste_cards(self) -> None:
        entries = cards_from_mime(QApplication.clipboard().mimeData())
        lane_id, step_id, index = self._current_cell()
        if entries and lane_id:
            self._insert_cards(lane_id, step_id, index, entries,
                               tr(_C, "Paste %n card(s)", n=len(entries)))

    def duplicate_cards(self) -> None:
        journey = self.document.journey
        cards = [journey.card(cid) for cid in self.scene.selected_card_ids()]
        if not cards:
            return
        last = cards[-1]
        cell = journey.cards_in_cell(last.lane_id, last.step_id)
        index = [c.id for c in cell].index(last.id) + 1
        entries = [c.model_dump(include={"text", "colour", "tags", "author"}) for c in cards]
        self._insert_cards(last.lane_id, last.step_id, index, entries,
                           tr(_C, "Duplicate %n card(s)", n=len(cards)))

    def _insert_cards(self, lane_id: str, step_id: str, index: int,
                      entries: list[dict[str, object]], label: str) -> None:
        command, cards = commands.add_cards(self.document, lane_id, step_id, index, entries, label)
        self._push(command)
        self._select_cards([c.id for c in cards])

    def edit_card(self, card_id: str) -> None:
        card = self.document.journey.card(card_id)
        if card is None or self.document.read_only:
            return
        dialog = CardDialog(self, card, title=tr(_C, "Edit card"))
        if dialog.exec() == CardDialog.DialogCode.Accepted:
            values = dialog.values()
            changes = {k: v for k, v in values.items() if getattr(card, k) != v}
            if changes:
                self._push(commands.edit_card(self.document, card_id, **changes))

    def delete_selection(self) -> None:
        cards = self.scene.selected_card_ids()
        if cards:
            self._push(commands.delete_cards(self.document, cards))
        elif self._current_step_id():
            self.delete_current_step()

    def palette_clicked(self, colour: str) -> None:
        if self.document is None or self.document.read_only:
            return
        if self.scene.selected_card_ids():
            self.colour_selection(colour)
        else:
            self.add_card(colour)
