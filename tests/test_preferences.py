"""Preferences: stored values, applied at once to open windows, sane defaults for bad values."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from cjm_desktop.document import MapDocument
from cjm_desktop.i18n import install_translator
from cjm_desktop.storage import load_project
from cjm_desktop.ui import preferences
from cjm_desktop.ui.main_window import MainWindow
from cjm_desktop.ui.preferences import PreferencesDialog
from cjm_desktop.ui.settings import get_value, set_value
from tests.gui_helpers import answer_dialog


@pytest.fixture
def window(qtbot, sample_file: Path):
    win = MainWindow(MapDocument(load_project(sample_file), sample_file))
    qtbot.addWidget(win)
    win.show()
    yield win
    preferences.apply_app_theme("light")
    install_translator("en")


def _choose(box, data: object) -> None:
    index = box.findData(data)
    assert index >= 0, data
    box.setCurrentIndex(index)


def test_defaults_without_settings(qapp) -> None:
    assert preferences.autosave_seconds() == 30
    assert preferences.default_paper() == ("A0", "landscape")
    assert preferences.theme_choice() == "system"
    dialog = PreferencesDialog()
    assert dialog.values()["autosave_seconds"] == 30
    assert dialog.values()["language"] == "system"


def test_bad_stored_values_fall_back(qapp) -> None:
    set_value("autosave_seconds", "soon")
    set_value("theme", "neon")
    set_value("default_paper", "B7")
    set_value("default_orientation", "diagonal")
    set_value("author_colour", "not a colour")
    assert preferences.autosave_seconds() == 30
    assert preferences.theme_choice() == "system"
    assert preferences.default_paper() == ("A0", "landscape")
    assert preferences.author_colour() == preferences.DEFAULT_CARD_COLOUR
    set_value("autosave_seconds", 1)
    assert preferences.autosave_seconds() == preferences.MIN_AUTOSAVE_SECONDS


def test_menu_opens_dialog_and_saving_applies_everywhere(qtbot, window: MainWindow,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    other = MainWindow(MapDocument(load_project(window.document.path)))
    qtbot.addWidget(other)
    other.show()

    def fill(dialog: PreferencesDialog) -> None:
        dialog.autosave.setValue(90)
        _choose(dialog.paper, "A2")
        _choose(dialog.orientation, "portrait")
        _choose(dialog.theme, "dark")
        dialog.author.setText("  Anna <&> 🙂  ")
        _choose(dialog.colour, "#b3e5fc")
        dialog.accept()  # a real accept: save() runs as with the OK button

    shown = answer_dialog(monkeypatch, PreferencesDialog, fill)
    action = window.findChild(type(window.act_save), "preferences_action")
    assert action is not None and action in window.edit_menu.actions()
    action.trigger()
    assert len(shown) == 1
    assert get_value("autosave_seconds", 0) == 90
    assert get_value("default_paper", "") == "A2"
    assert get_value("default_orientation", "") == "portrait"
    assert get_value("author_name", "") == "Anna <&> 🙂"
    assert get_value("author_colour", "") == "#b3e5fc"
    # Both open windows switch theme at once; the widgets go dark too.
    assert window.scene.theme.name == "dark" and other.scene.theme.name == "dark"
    palette = QApplication.instance().palette()
    assert palette.color(QPalette.ColorRole.Window).lightness() < 80
    if window.safety is not None:
        assert window.safety._timer.interval() == 90_000


def test_cancel_changes_nothing(qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    def fill(dialog: PreferencesDialog) -> None:
        _choose(dialog.theme, "projector")

    answer_dialog(monkeypatch, PreferencesDialog, fill, accept=False)
    window.findChild(type(window.act_save), "preferences_action").trigger()
    assert get_value("theme", "unset") == "unset"
    assert window.scene.theme.name != "projector"


def test_theme_survives_switching_maps(qtbot, window: MainWindow) -> None:
    set_value("theme", "projector")
    preferences.apply_everywhere()
    assert window.scene.theme.name == "projector"
    window.set_document(MapDocument())  # a new scene is built for the new map
    assert window.scene.theme.name == "projector"


def test_new_map_gets_default_paper_but_files_keep_theirs(qtbot, window: MainWindow) -> None:
    set_value("default_paper", "A3")
    set_value("default_orientation", "portrait")
    blank = MainWindow(None)
    qtbot.addWidget(blank)
    blank.new_map()
    assert blank.document.project.settings.paper == "A3"
    assert blank.document.project.settings.orientation == "portrait"
    assert not blank.document.is_dirty  # like a template: nothing to save yet
    assert window.document.project.settings.paper == "A0"  # the opened sample keeps its own


def test_language_change_is_announced_and_installed(qtbot, window: MainWindow) -> None:
    install_translator("en")
    dialog = PreferencesDialog(window)
    assert not dialog.language_note.isVisibleTo(dialog)
    _choose(dialog.language, "sv")
    assert dialog.language_note.isVisibleTo(dialog)
    dialog.save()
    assert get_value("language", "") == "sv"
    # Dialogs opened from now on speak Swedish.
    assert PreferencesDialog(window).windowTitle() == "Inställningar"


def test_system_theme_follows_dark_mode(qapp, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(preferences, "system_prefers_dark", lambda: True)
    assert preferences.canvas_theme("system").name == "dark"
    monkeypatch.setattr(preferences, "system_prefers_dark", lambda: False)
    assert preferences.canvas_theme("system").name == "light"
    assert preferences.canvas_theme("projector").name == "projector"


def test_start_uses_stored_language_and_theme(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    from cjm_desktop.i18n import current_language, tr

    set_value("language", "sv")
    set_value("theme", "dark")
    monkeypatch.setattr(preferences, "system_prefers_dark", lambda: False)
    try:
        preferences.apply_app_preferences()  # what create_application() runs at start
        assert current_language() == "sv"
        assert tr("Preferences", "Preferences") == "Inställningar"
        palette = QApplication.instance().palette()
        assert palette.color(QPalette.ColorRole.Base).lightness() < 80
        blank = MainWindow(None)
        qtbot.addWidget(blank)
        blank.new_map()
        assert blank.scene.theme.name == "dark"
    finally:
        preferences.apply_app_theme("light")
        install_translator("en")


@pytest.mark.parametrize(("stored", "expected"), [
    ("red", "#ff0000"), ("#ABC", "#aabbcc"), ("#80ff0000", "#ff0000"), ("no colour", None)])
def test_a_hand_edited_card_colour_becomes_one_a_map_can_store(qapp, stored: str,
                                                               expected: str | None) -> None:
    from cjm_desktop.model import DEFAULT_CARD_COLOUR

    set_value("author_colour", stored)
    assert preferences.author_colour() == (expected or DEFAULT_CARD_COLOUR)


def test_a_recent_file_that_cannot_even_be_checked_does_not_stop_the_app(qtbot,
                                                                        tmp_path: Path) -> None:
    from cjm_desktop.ui.settings import recent_files, settings

    unreadable = tmp_path / ("x" * 300 + ".cjm")  # too long for the file system to look at
    settings().setValue("recent_files", [str(unreadable)])
    assert recent_files() == []
    window = MainWindow(None)  # builds the start page, which lists the recent files
    qtbot.addWidget(window)
