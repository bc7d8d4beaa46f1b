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


def test_swedish_new_map_undo_names_and_status_texts(qtbot) -> None:
    from cjm_desktop.commands import add_card

    install_translator("sv")
    try:
        window = MainWindow(MapDocument())
        qtbot.addWidget(window)
        window.show()
        journey = window.document.journey
        assert window.document.project.title == "Namnlös karta"
        assert [lane.name for lane in journey.lanes] == [
            "Handlingar", "Kontaktpunkter", "Tjänsteleverans", "Backoffice"]
        assert journey.steps[0].title == "Steg 1" and journey.stages[0].name == "Fas 1"
        assert not window.document.is_dirty  # naming a new map is not an edit
        qtbot.waitUntil(lambda: window.windowTitle() == "Namnlös[*] – Kundresa – cjm-desktop")
        window.scene.flush()
        drawn = [line for step in window.scene.map_layout.steps for line in step.title_lines]
        assert drawn[0] == "Steg 1" and "Step 1" not in drawn  # the canvas shows the new names
        command, _card = add_card(window.document, journey.lanes[0].id, journey.steps[0].id,
                                  "Bokar <resa> & 🙂")
        window.document.undo_stack.push(command)
        undo = next(a for a in window.edit_menu.actions() if a.text().startswith("&Ångra"))
        assert undo.text() == "&Ångra Lägg till lappen ”Bokar <resa> & 🙂”"
    finally:
        install_translator("en")


def test_new_cards_take_the_colour_chosen_in_preferences(qtbot, sample_file: Path) -> None:
    from cjm_desktop.ui.settings import set_value

    set_value("author_colour", "#b3e5fc")
    window = MainWindow(MapDocument(load_project(sample_file), sample_file))
    qtbot.addWidget(window)
    window.show()
    journey = window.document.journey
    window.scene.start_new_card(journey.lanes[0].id, journey.steps[0].id, None)
    editor = window.scene.editor
    assert editor is not None
    editor.setPlainText("Ny idé")
    editor.commit()
    assert journey.cards_in_cell(journey.lanes[0].id, journey.steps[0].id)[-1].colour == "#b3e5fc"


def test_file_problems_reach_a_swedish_user_in_swedish(qtbot, tmp_path: Path) -> None:
    from cjm_desktop.csv_io import CsvError, parse_csv
    from cjm_desktop.storage import ProjectFileError

    broken = tmp_path / "trasig.cjm"
    broken.write_text('{"format": "cjm-desktop", "format_version": 1, "journeys": [', "utf-8")
    install_translator("sv")
    try:
        with pytest.raises(ProjectFileError) as caught:
            load_project(broken)
        assert "den är inte giltig JSON" in caught.value.message
        assert "återställ" in caught.value.message.lower() and "trasig.cjm" in caught.value.message
        with pytest.raises(CsvError) as csv_problem:
            parse_csv(b"step,emotion\nBoka,elva\n", "plan.csv")
        assert csv_problem.value.message == ("'plan.csv' rad 2, kolumn emotion: 'elva' är inget "
                                             "betyg från 0 till 10. Inget importerades; rätta "
                                             "filen och importera den igen.")
    finally:
        install_translator("en")
    with pytest.raises(ProjectFileError) as again:
        load_project(broken)
    assert "it is not valid JSON" in again.value.message


def test_a_future_journey_is_named_in_swedish(swedish_window: MainWindow) -> None:
    from cjm_desktop.commands.method import duplicate_as_future

    doc = swedish_window.document
    doc.journey.name = "Tågresan (nuläge)"
    command, future = duplicate_as_future(doc)
    doc.undo_stack.push(command)
    assert future.name == "Tågresan (framtid)"


def _mnemonic(text: str) -> str | None:
    marked = text.replace("&&", "")
    index = marked.find("&")
    return marked[index + 1].lower() if 0 <= index < len(marked) - 1 else None


@pytest.mark.parametrize("language", ["en", "sv"])
def test_alt_letters_are_unique_in_every_menu(qtbot, sample_file: Path, language: str) -> None:
    """Alt+letter must go straight to one item; a repeated letter only cycles between them."""
    install_translator(language)
    try:
        window = MainWindow(MapDocument(load_project(sample_file), sample_file))
        qtbot.addWidget(window)
        bar = window.menuBar().actions()
        menus = [("menu bar", bar)] + [(a.text(), a.menu().actions()) for a in bar if a.menu()]
        clashes = {}
        for name, actions in menus:
            letters = [_mnemonic(a.text()) for a in actions if not a.isSeparator()]
            repeated = {letter for letter in letters if letter and letters.count(letter) > 1}
            if repeated:
                clashes[name] = sorted(repeated)
        assert clashes == {}
    finally:
        install_translator("en")
