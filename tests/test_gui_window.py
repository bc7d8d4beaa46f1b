"""The real main window, driven through its actions, menus and canvas."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from cjm_desktop.app import WindowManager
from cjm_desktop.document import MapDocument
from cjm_desktop.storage import dumps, load_project
from cjm_desktop.ui import messages
from cjm_desktop.ui.dialogs import CardDialog, StepDialog
from cjm_desktop.ui.main_window import MainWindow

from .gui_helpers import answer_dialog, find_action


@pytest.fixture
def window(sample_window: MainWindow) -> MainWindow:
    return sample_window


def _action(window: MainWindow, text: str):
    return find_action(window, text)


def test_window_shows_the_whole_sample(window: MainWindow) -> None:
    journey = window.document.journey
    assert set(window.scene.cards) == {c.id for c in journey.cards}
    assert set(window.scene.points) == {s.id for s in journey.steps}
    layout = window.scene.map_layout
    assert [lane.name for lane in layout.lanes] == [
        "Actions", "Touchpoints", "Service delivery", "Backoffice"]
    assert window.windowTitle().startswith("rail.cjm[*]")
    assert not window.isWindowModified()
    image = window.grab()
    assert image.width() > 500 and not image.isNull()


def test_add_card_undo_redo_save_and_reopen(window: MainWindow, qtbot, monkeypatch,
                                            tmp_path: Path) -> None:
    doc = window.document
    first = doc.journey.cards[0]
    window.scene.cards[first.id].setSelected(True)
    count = len(doc.journey.cards)
    _action(window, "Add Card").trigger()
    assert window.scene.editor is not None
    qtbot.keyClicks(window.view, "Checks the weather app ")
    # QTest cannot type non-ASCII keys; an input method would insert it like this.
    window.scene.editor.textCursor().insertText("☔")
    qtbot.keyClicks(window.view, " <b>&</b>")
    qtbot.keyClick(window.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.scene.editor is None
    assert len(doc.journey.cards) == count + 1
    added = doc.journey.cards[-1]
    assert added.text == "Checks the weather app ☔ <b>&</b>"
    assert (added.lane_id, added.step_id) == (first.lane_id, first.step_id)
    cell = doc.journey.cards_in_cell(first.lane_id, first.step_id)
    assert [c.id for c in cell][:2] == [first.id, added.id]
    assert window.scene.cards[added.id].isSelected()
    assert window.isWindowModified()
    assert window.act_undo.text().startswith("&Undo Add card")

    def fill(dialog: CardDialog) -> None:
        dialog.colour.setCurrentIndex(dialog.colour.findData("#b3e5fc"))
        dialog.tags.setText("idea, weather")
        dialog.author.setText("Team Blue")

    answer_dialog(monkeypatch, CardDialog, fill)
    _action(window, "Card Properties…").trigger()
    assert added.colour == "#b3e5fc" and added.tags == ["idea", "weather"]
    assert added.author == "Team Blue"

    window.act_undo.trigger()
    window.act_undo.trigger()
    window.scene.flush()
    assert len(doc.journey.cards) == count and added.id not in window.scene.cards
    assert not window.isWindowModified()
    window.act_redo.trigger()
    window.act_redo.trigger()
    window.scene.flush()
    assert added.id in window.scene.cards

    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not window.isWindowModified()
    reopened = load_project(doc.path)
    assert dumps(reopened) == dumps(doc.project)
    again = reopened.journeys[0].card(added.id)
    assert (again.text, again.tags, again.author) == (added.text, ["idea", "weather"], "Team Blue")


def test_edit_and_delete_card_through_actions(window: MainWindow, monkeypatch) -> None:
    doc = window.document
    card = doc.journey.cards[5]
    window.scene.cards[card.id].setSelected(True)
    answer_dialog(monkeypatch, CardDialog, lambda d: d.text.setPlainText("مرحبا — edited"))
    _action(window, "Card Properties…").trigger()
    assert doc.journey.card(card.id).text == "مرحبا — edited"
    window.scene.flush()
    window.scene.cards[card.id].setSelected(True)
    _action(window, "Delete").trigger()
    assert doc.journey.card(card.id) is None
    window.act_undo.trigger()
    assert doc.journey.card(card.id) is not None


def test_edit_step_and_moment_of_truth(window: MainWindow, monkeypatch) -> None:
    doc = window.document
    step = doc.journey.steps[0]
    window.scene.points[step.id].setSelected(True)

    def fill(dialog: StepDialog) -> None:
        dialog.title.setText("Dream about Stockholm")
        dialog.emotion.setValue(9)

    answer_dialog(monkeypatch, StepDialog, fill)
    _action(window, "Edit Step…").trigger()
    assert doc.journey.steps[0].title == "Dream about Stockholm"
    assert doc.journey.steps[0].emotion == 9
    window.scene.flush()
    window.scene.points[step.id].setSelected(True)
    _action(window, "Toggle Moment of Truth").trigger()
    assert doc.journey.steps[0].moment_of_truth


def test_add_and_delete_step_with_cards_asks(window: MainWindow, monkeypatch) -> None:
    doc = window.document
    step = doc.journey.steps[2]
    window.scene.points[step.id].setSelected(True)
    asked: list[str] = []
    monkeypatch.setattr(messages, "confirm", lambda *a: asked.append(a[2]) or True)
    _action(window, "Delete Step").trigger()
    assert asked and "cards" in asked[0]
    assert doc.journey.step(step.id) is None
    window.act_undo.trigger()
    assert doc.journey.steps[2].id == step.id


def test_close_with_unsaved_changes_asks(window: MainWindow, monkeypatch) -> None:
    doc = window.document
    window.scene.cards[doc.journey.cards[0].id].setSelected(True)
    _action(window, "Delete").trigger()
    answers = iter(["cancel", "discard"])
    monkeypatch.setattr(messages, "ask_save_changes", lambda *a: next(answers))
    assert not window.close()
    assert window.isVisible()
    assert window.close()


def test_failed_save_keeps_map_dirty_and_file_intact(window: MainWindow, monkeypatch) -> None:
    doc = window.document
    original = doc.path.read_bytes()
    window.scene.cards[doc.journey.cards[0].id].setSelected(True)
    _action(window, "Delete").trigger()
    errors: list[str] = []
    monkeypatch.setattr(messages, "ask_save_failed", lambda _p, text: errors.append(text) or False)

    def broken_replace(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("cjm_desktop.storage.files.os.replace", broken_replace)
    assert not window.save()
    assert errors and "disk is full" in errors[0]
    assert doc.is_dirty and window.isWindowModified()
    assert doc.path.read_bytes() == original


def test_opening_a_bad_file_shows_one_message(qtbot, tmp_path: Path, monkeypatch) -> None:
    bad = tmp_path / "bad.cjm"
    bad.write_text("{oops", encoding="utf-8")
    shown: list[str] = []
    monkeypatch.setattr(messages, "show_error", lambda _p, _t, text: shown.append(text))
    manager = WindowManager()
    start = manager.new_window(None)
    qtbot.addWidget(start)
    assert manager.open_path(bad, start) is None
    assert shown and str(bad) in shown[0] and "not valid JSON" in shown[0]
    assert start.document is None  # start page still there, app usable


def test_start_page_opens_sample(qtbot) -> None:
    manager = WindowManager()
    window = manager.new_window(None)
    qtbot.addWidget(window)
    window.start_view.open_sample.emit()
    assert window.document is not None and len(window.document.journey.cards) == 42
    assert window.document.path is None


def test_new_map_has_standard_lanes(qtbot) -> None:
    window = MainWindow(MapDocument())
    qtbot.addWidget(window)
    assert [lane.kind.value for lane in window.document.journey.lanes] == [
        "actions", "touchpoints", "service_delivery", "backoffice"]
    assert window.windowTitle().startswith("Untitled")


def test_map_without_steps_or_lanes_stays_usable(qtbot, monkeypatch) -> None:
    from cjm_desktop.model import Journey, Project

    window = MainWindow(MapDocument(Project(journeys=[Journey(name="Empty")])))
    qtbot.addWidget(window)
    shown: list[str] = []
    monkeypatch.setattr(messages, "show_error", lambda _p, title, _t: shown.append(title))
    _action(window, "Add Card").trigger()
    assert shown == ["No place for a card"]
    monkeypatch.setattr("PySide6.QtWidgets.QInputDialog.getText",
                        lambda *a, **k: ("Arrive", True))
    _action(window, "Add Step").trigger()
    _action(window, "Add Lane…").trigger()
    assert [s.title for s in window.document.journey.steps] == ["Arrive"]
    assert len(window.document.journey.lanes) == 1
    window.view.fit_map()
    assert not window.grab().isNull()


def test_ten_thousand_cards_open_scroll_and_save(qtbot, tmp_path: Path) -> None:
    from benchmarks.synthetic import make_project

    window = MainWindow(MapDocument(make_project(cards=10_000)))
    qtbot.addWidget(window)
    assert len(window.scene.cards) == 10_000
    window.resize(1200, 800)
    window.show()
    window.view.horizontalScrollBar().setValue(window.view.horizontalScrollBar().maximum() // 2)
    assert not window.view.viewport().grab().isNull()
    assert window.write_to(tmp_path / "big.cjm")
    assert len(load_project(tmp_path / "big.cjm").journeys[0].cards) == 10_000


def test_no_two_actions_share_a_shortcut(window: MainWindow) -> None:
    from PySide6.QtGui import QAction

    owners: dict[str, list[str]] = {}
    for action in window.findChildren(QAction):
        for key in action.shortcuts():
            if key.toString():
                owners.setdefault(key.toString(), []).append(action.text())
    clashes = {key: names for key, names in owners.items() if len(names) > 1}
    assert not clashes  # Qt runs neither action of an ambiguous shortcut


def test_recent_files_skip_missing_ones(qtbot, tmp_path: Path) -> None:
    from cjm_desktop.ui.settings import add_recent_file, recent_files

    kept, gone = tmp_path / "kept.cjm", tmp_path / "gone.cjm"
    kept.write_text("{}", encoding="utf-8")
    add_recent_file(gone)
    add_recent_file(kept)
    assert recent_files() == [kept.resolve()]
    assert gone.resolve() in recent_files(existing_only=False)
    window = MainWindow()
    qtbot.addWidget(window)
    window.start_view.refresh()
    assert window.start_view.recent.count() == 1
    assert not window.palette_bar.isVisibleTo(window)


def test_selecting_thousands_of_cards_updates_the_menus_once_not_per_card(
        qtbot, sample_file, monkeypatch) -> None:
    """Select All on a 3,000-card map froze the window for seconds: one menu update per card."""
    from cjm_desktop.commands import add_cards
    from cjm_desktop.document import MapDocument
    from cjm_desktop.storage import load_project
    from cjm_desktop.ui.main_window import MainWindow

    window = MainWindow(MapDocument(load_project(sample_file)))
    qtbot.addWidget(window)
    window.show()
    doc = window.document
    journey = doc.journey
    command, _cards = add_cards(doc, journey.lanes[0].id, journey.steps[0].id, 0,
                                [{"text": f"idea {i}"} for i in range(1000)], "many")
    window._push(command)
    qtbot.wait(10)
    updates: list[int] = []
    original = MainWindow._update_actions
    monkeypatch.setattr(MainWindow, "_update_actions",
                        lambda self, *a: (updates.append(1), original(self, *a)))
    window.select_all_cards()
    assert len(updates) <= MainWindow._SYNC_ACTION_UPDATES  # not one per card
    qtbot.waitUntil(lambda: len(updates) == MainWindow._SYNC_ACTION_UPDATES + 1)
    # The last update saw the whole selection: many cards, so no single-card edit.
    assert window.act_delete.isEnabled() and not window.act_edit_card.isEnabled()


def test_very_long_names_are_cut_to_what_a_map_stores(qtbot, sample_file, monkeypatch) -> None:
    from cjm_desktop.model import MAX_SHORT_TEXT

    window = MainWindow(MapDocument(load_project(sample_file)))
    qtbot.addWidget(window)
    pasted = "Lång  text 🙂 <&> " * 1000
    monkeypatch.setattr("PySide6.QtWidgets.QInputDialog.getText", lambda *a, **k: (pasted, True))
    journey = window.document.journey
    _action(window, "Add Step").trigger()
    _action(window, "Add Lane…").trigger()
    _action(window, "Add Stage…").trigger()
    window.rename_lane(journey.lanes[0].id)
    window.rename_stage(journey.stages[0].id)
    names = [journey.lanes[0].name, journey.lanes[-1].name, journey.stages[0].name,
             *(s.title for s in journey.steps if s.title.startswith("Lång"))]
    assert len(names) == 4 and all(len(n) == MAX_SHORT_TEXT for n in names)
    assert "  " not in names[0]  # one line, spaces tidied
    assert window.document.undo_stack.count() == 5
