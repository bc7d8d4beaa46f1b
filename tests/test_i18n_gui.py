"""The window in Swedish: menus, dialogs and canvas labels come from the Swedish catalogue."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QAction

from cjm_desktop.document import MapDocument
from cjm_desktop.i18n import install_translator
from cjm_desktop.storage import load_project
from cjm_desktop.ui.help import ShortcutSheet, show_shortcut_sheet
from cjm_desktop.ui.main_window import MainWindow
from cjm_desktop.ui.preferences import PreferencesDialog


@pytest.fixture
def swedish_window(qtbot, sample_file: Path):
    install_translator("sv")
    window = MainWindow(MapDocument(load_project(sample_file), sample_file))
    qtbot.addWidget(window)
    window.show()
    yield window
    install_translator("en")


def test_menus_are_swedish(swedish_window: MainWindow) -> None:
    titles = [a.text() for a in swedish_window.menuBar().actions()]
    assert titles[0] == "&Arkiv" and "&Redigera" in titles and "&Hjälp" in titles
    assert swedish_window.act_save.text() == "&Spara"
    assert swedish_window.findChild(QAction, "preferences_action").text() == "&Inställningar…"


def test_dialogs_are_swedish(swedish_window: MainWindow) -> None:
    assert PreferencesDialog(swedish_window).windowTitle() == "Inställningar"
    sheet = show_shortcut_sheet(swedish_window)
    assert isinstance(sheet, ShortcutSheet) and sheet.windowTitle() == "Kortkommandon"
    assert ("Arkiv", "Spara", "Ctrl+S") in sheet.rows()
