"""Help: shortcut sheet from the window's real actions, About box, first-run hint once."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog

from cjm_desktop.document import MapDocument
from cjm_desktop.storage import load_project
from cjm_desktop.ui import help as help_ui
from cjm_desktop.ui.help import AboutDialog, FirstRunHint, ShortcutSheet, plain_text
from cjm_desktop.ui.main_window import MainWindow
from cjm_desktop.ui.settings import get_value, set_value


@pytest.fixture
def window(qtbot, sample_file: Path):
    win = MainWindow(MapDocument(load_project(sample_file), sample_file))
    qtbot.addWidget(win)
    win.show()
    return win


def _native(sequence: QKeySequence | QKeySequence.StandardKey | str) -> str:
    return QKeySequence(sequence).toString(QKeySequence.SequenceFormat.NativeText)


@pytest.mark.parametrize(("text", "plain"), [
    ("&Save", "Save"), ("Save &As…", "Save As…"), ("Cut && Paste", "Cut & Paste"), ("", ""),
])
def test_plain_text_removes_mnemonics(text: str, plain: str) -> None:
    assert plain_text(text) == plain


def test_f1_opens_sheet_listing_the_real_shortcuts(qtbot, window: MainWindow) -> None:
    action = window.findChild(QAction, "shortcuts_action")
    assert action is not None and action.shortcut().toString() == "F1"
    action.trigger()
    sheet = window.findChild(ShortcutSheet, "shortcut_sheet")
    assert sheet is not None and sheet.isVisible() and not sheet.isModal()
    rows = sheet.rows()
    assert ("File", "Save", _native(QKeySequence.StandardKey.Save)) in rows
    assert ("Help", "Keyboard Shortcuts", "F1") in rows
    # Every menu action with a shortcut is on the sheet, and nothing else from the menus.
    expected = {(plain_text(a.text()), _native(a.shortcut()))
                for a in window.findChildren(QAction)
                if not a.shortcut().isEmpty() and a.associatedObjects()
                and any(m in window.menuBar().findChildren(type(window.edit_menu))
                        for m in a.associatedObjects())}
    listed = {(name, keys.removesuffix("  ⚠").split(", ")[0]) for _group, name, keys in rows}
    assert expected <= listed


def test_sheet_shows_actions_added_later(qtbot, window: MainWindow) -> None:
    late = QAction("Sort &Cards <&&> 🙂", window)  # "&&" is a literal ampersand in Qt
    late.setShortcut(QKeySequence("Ctrl+Alt+K"))
    window.map_menu.addAction(late)
    sheet = help_ui.show_shortcut_sheet(window)
    assert ("Map", "Sort Cards <&> 🙂", _native("Ctrl+Alt+K")) in sheet.rows()
    # Opening again replaces the sheet rather than stacking copies.
    help_ui.show_shortcut_sheet(window)
    qtbot.waitUntil(lambda: len([s for s in window.findChildren(ShortcutSheet) if s.isVisible()]) == 1)


def test_sheet_warns_about_keys_bound_twice(qtbot, window: MainWindow) -> None:
    first = QAction("Frobnicate", window)
    first.setShortcut(QKeySequence("Ctrl+Alt+J"))
    second = QAction("Defrobnicate", window)
    second.setShortcut(QKeySequence("Ctrl+Alt+J"))
    window.map_menu.addAction(first)
    window.view_menu.addAction(second)
    clashes = help_ui.conflicts(help_ui.shortcut_rows(window))
    assert clashes[_native("Ctrl+Alt+J")] == ["Map › Frobnicate", "View › Defrobnicate"]
    sheet = help_ui.show_shortcut_sheet(window)
    marked = [keys for _g, name, keys in sheet.rows() if name == "Frobnicate"]
    assert marked == [_native("Ctrl+Alt+J") + "  ⚠"]


def test_about_box_lists_versions_and_licences(qtbot, window: MainWindow,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[AboutDialog] = []
    monkeypatch.setattr(AboutDialog, "exec", lambda self: shown.append(self) or 0)
    window.findChild(QAction, "about_action").trigger()
    assert len(shown) == 1
    about = shown[0]
    text = about.summary.text()
    for name, version in help_ui.versions():
        assert name in text and version in text
    tabs = [about.licences.tabText(i) for i in range(about.licences.count())]
    assert {"DejaVu", "Symbola", "Icons"} <= set(tabs)
    assert "Bitstream" in about.licences.widget(tabs.index("DejaVu")).toPlainText()


def test_first_run_hint_shows_once_on_the_sample(qtbot, sample_file: Path) -> None:
    assert get_value(help_ui.HINT_KEY, False) is False
    first = MainWindow(None)
    qtbot.addWidget(first)
    first.show()
    first.open_sample()
    qtbot.waitUntil(lambda: first.findChild(FirstRunHint, "first_run_hint") is not None)
    hint = first.findChild(FirstRunHint, "first_run_hint")
    qtbot.waitUntil(hint.isVisible)
    assert "F1" in hint.label.text()
    assert get_value(help_ui.HINT_KEY, False) is True
    hint.dismiss.click()
    assert not hint.isVisible()
    again = MainWindow(None)
    qtbot.addWidget(again)
    again.show()
    again.open_sample()
    qtbot.wait(50)
    assert again.findChild(FirstRunHint, "first_run_hint") is None


def test_no_hint_on_other_maps(qtbot) -> None:
    blank = MainWindow(None)
    qtbot.addWidget(blank)
    blank.show()
    blank.new_map()
    qtbot.wait(50)
    assert blank.findChild(FirstRunHint, "first_run_hint") is None
    assert get_value(help_ui.HINT_KEY, False) is False  # still saved for the sample


def test_hint_stays_inside_a_small_window(qtbot) -> None:
    set_value(help_ui.HINT_KEY, False)
    small = MainWindow(None)
    qtbot.addWidget(small)
    small.resize(500, 400)
    small.show()
    small.open_sample()
    qtbot.waitUntil(lambda: small.findChild(FirstRunHint, "first_run_hint") is not None)
    hint = small.findChild(FirstRunHint, "first_run_hint")
    assert hint.geometry().right() <= small.width() and hint.geometry().left() >= 0


def test_dialogs_close_cleanly(qtbot, window: MainWindow) -> None:
    sheet = help_ui.show_shortcut_sheet(window)
    sheet.close()
    about = AboutDialog(window)
    qtbot.addWidget(about)
    about.reject()
    assert about.result() == QDialog.DialogCode.Rejected
