"""Changing the language in Preferences rebuilds open windows, keeping their maps whole."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cjm_desktop.app import WindowManager
from cjm_desktop.commands import add_card, edit_card
from cjm_desktop.i18n import install_translator
from cjm_desktop.storage import locks
from cjm_desktop.ui.main_window import MainWindow
from cjm_desktop.ui.preferences import PreferencesDialog


@pytest.fixture
def manager(qtbot, qapp):
    install_translator("en")
    manager = WindowManager()
    yield manager
    for window in list(manager.windows):
        if window.document is not None:
            window.document.undo_stack.setClean()  # no save question while tearing down
        window.close()
    install_translator("en")


def _switch_to_swedish(qtbot, manager: WindowManager, window: MainWindow,
                       expected: int) -> list[MainWindow]:
    """Choose Svenska in Preferences and press OK; open windows are rebuilt once it has closed."""
    dialog = PreferencesDialog(window)
    dialog.language.setCurrentIndex(dialog.language.findData("sv"))
    dialog.accept()
    qtbot.waitUntil(lambda: not window.isVisible()
                    and len([w for w in manager.windows if w.isVisible()]) == expected)
    return [w for w in manager.windows if w.isVisible()]


def test_an_edited_map_changes_language_with_its_history_autosave_and_lock(
        qtbot, manager: WindowManager, sample_file: Path, tmp_path: Path) -> None:
    path = tmp_path / "rail.cjm"
    shutil.copyfile(sample_file, path)
    old = manager.open_path(path)
    document = old.document
    journey = document.journey
    document.undo_stack.push(edit_card(document, journey.cards[0].id, text="Edited <&> 🙂"))
    command, _card = add_card(document, journey.lanes[0].id, journey.steps[0].id, "New card")
    document.undo_stack.push(command)
    old.undo_dock.show()
    old.method.opportunities.show()
    lock_token = old.safety._lock.info.token
    assert old.safety.autosave_now()
    autosave = old.safety.autosave_path

    (new,) = _switch_to_swedish(qtbot, manager, old, expected=1)

    assert new is not old and manager.windows == [new]
    assert [a.text() for a in new.menuBar().actions()][0] == "&Arkiv"
    assert new.document is document and document.undo_stack.count() == 2
    assert document.is_dirty and new.isWindowModified()
    assert new.undo_dock.isVisible() and new.geometry() == old.geometry()
    assert new.method.opportunities.isVisible()
    # The lock went along: still this app's, no question asked, and saving works.
    assert locks.current_holder(path).token == lock_token
    # The unsaved work stays in the same autosave, never without one in between.
    assert new.safety.autosave_path == autosave and autosave.exists()
    assert new.safety.has_autosave
    # The map still works in its new window: undo, edit, save.
    assert new.findChild(type(new.undo_view)) is new.undo_view
    document.undo_stack.undo()
    assert document.journey.cards[-1].text != "New card"
    document.undo_stack.redo()
    assert new.save()
    assert not document.is_dirty and "Edited <&> 🙂" in path.read_text(encoding="utf-8")
    qtbot.waitUntil(lambda: not autosave.exists())


def test_the_start_page_and_every_other_window_switch_too(
        qtbot, manager: WindowManager, sample_file: Path) -> None:
    start = manager.new_window(None)
    start.show()
    other = manager.open_path(sample_file)
    _switch_to_swedish(qtbot, manager, start, expected=2)
    assert not start.isVisible() and not other.isVisible()
    titles = {w.menuBar().actions()[0].text() for w in manager.windows}
    assert titles == {"&Arkiv"}
    assert sum(w.document is None for w in manager.windows) == 1


def test_a_window_in_front_of_the_room_is_left_alone(
        qtbot, manager: WindowManager, sample_file: Path) -> None:
    timing = manager.open_path(sample_file)
    timing.workshop_timer.start(5 * 60)
    assert timing.workshop_timer.active
    dialog = PreferencesDialog(timing)
    dialog.language.setCurrentIndex(dialog.language.findData("sv"))
    dialog.accept()
    qtbot.wait(50)
    assert manager.windows == [timing] and timing.isVisible()
    assert timing.menuBar().actions()[0].text() == "&File"  # switches when reopened
    timing.workshop_timer.stop()
