"""A map must never hold a card on a step or lane that is gone: the file would not open again.

The cell can disappear while someone types (a menu command deletes the step, undo removes it,
the view switches journey) or while the Add Card dialog is open. Typed text is never lost.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication

from cjm_desktop import commands
from cjm_desktop.commands.method import duplicate_as_future
from cjm_desktop.model import Card
from cjm_desktop.storage import ProjectFileError, load_project, save_project
from cjm_desktop.ui import card_actions
from cjm_desktop.ui.dialogs import CardDialog
from cjm_desktop.ui.main_window import MainWindow

from .gui_helpers import answer_dialog


@pytest.fixture
def window(sample_window: MainWindow) -> MainWindow:
    return sample_window


def _type_new_card_then(window: MainWindow, change, text: str) -> list[str]:
    notices: list[str] = []
    window.scene.notice.connect(notices.append)
    journey = window.document.journey
    lane_id, step_id = journey.lanes[0].id, journey.steps[-1].id
    window.scene.start_new_card(lane_id, step_id, None)
    window.scene.editor.setPlainText(text)
    change(window, step_id)
    window.scene.editor.commit()
    return notices


def _delete_step(window: MainWindow, step_id: str) -> None:
    window._push(commands.delete_step(window.document, step_id))


def _switch_to_a_future_copy(window: MainWindow, _step_id: str) -> None:
    command, _journey = duplicate_as_future(window.document)
    window._push(command)


@pytest.mark.parametrize("change", [_delete_step, _switch_to_a_future_copy])
def test_typing_into_a_cell_that_goes_keeps_the_text_and_the_file_sound(
        window: MainWindow, change) -> None:
    notices = _type_new_card_then(window, change, "Typed in the workshop <&> 🙂")
    texts = {c.text for j in window.document.project.journeys for c in j.cards}
    assert "Typed in the workshop <&> 🙂" not in texts  # no card was added anywhere
    assert QGuiApplication.clipboard().text() == "Typed in the workshop <&> 🙂"
    assert len(notices) == 1 and "clipboard" in notices[0]
    assert window.save()
    load_project(window.document.path)  # it opens again


def test_editing_a_card_of_another_journey_keeps_the_text(window: MainWindow) -> None:
    notices: list[str] = []
    window.scene.notice.connect(notices.append)
    card = window.document.journey.cards[0]
    window.scene.start_inline_edit(card.id)
    window.scene.editor.setPlainText("Reworded while the view switched")
    _switch_to_a_future_copy(window, "")
    window.scene.editor.commit()
    assert card.text != "Reworded while the view switched"
    assert QGuiApplication.clipboard().text() == "Reworded while the view switched"
    assert len(notices) == 1


def test_the_add_card_dialog_does_not_add_to_a_cell_removed_meanwhile(
        window: MainWindow, monkeypatch) -> None:
    journey = window.document.journey
    lane_id, step_id = journey.lanes[0].id, journey.steps[-1].id
    errors: list[str] = []
    monkeypatch.setattr(card_actions.messages, "show_error", lambda _p, _t, text: errors.append(text))

    def type_while_the_step_goes(dialog: CardDialog) -> None:
        dialog.text.setPlainText("Slow typist")
        _delete_step(window, step_id)

    answer_dialog(monkeypatch, CardDialog, type_while_the_step_goes)
    window._add_card_in_cell(lane_id, step_id, 0)
    assert "Slow typist" not in {c.text for c in window.document.journey.cards}
    assert len(errors) == 1
    assert QGuiApplication.clipboard().text() == "Slow typist"


def test_add_card_refuses_a_missing_cell(window: MainWindow) -> None:
    journey = window.document.journey
    with pytest.raises(ValueError):
        commands.add_card(window.document, journey.lanes[0].id, "no-such-step", "x")


def test_saving_an_inconsistent_map_writes_nothing(sample_file: Path, tmp_path: Path) -> None:
    target = tmp_path / "map.cjm"
    target.write_bytes(sample_file.read_bytes())
    before = target.read_bytes()
    project = load_project(target)
    journey = project.journeys[0]
    journey.cards.append(Card(text="orphan", lane_id=journey.lanes[0].id, step_id="gone"))
    with pytest.raises(ProjectFileError) as error:
        save_project(project, target)
    assert "inconsistent" in error.value.message and "unchanged" in error.value.message
    assert target.read_bytes() == before


def test_a_card_the_model_refuses_keeps_its_text(window: MainWindow) -> None:
    notices: list[str] = []
    window.scene.notice.connect(notices.append)
    journey = window.document.journey
    window.scene.new_card_colour = "not a colour"  # whatever the cause, the words stay
    window.scene.start_new_card(journey.lanes[0].id, journey.steps[0].id, None)
    window.scene.editor.setPlainText("Said in the room")
    window.scene.editor.commit()
    assert QGuiApplication.clipboard().text() == "Said in the room" and len(notices) == 1
