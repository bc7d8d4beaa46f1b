"""Layout of dialogs and panels in Swedish (the longer texts): nothing cut off, nothing tiny.

Each test measures what is on screen (font metrics against widget and column sizes, the view's
scale) rather than the widgets' settings alone.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QFontInfo, QFontMetrics, QImage
from PySide6.QtWidgets import (
    QGraphicsSimpleTextItem,
    QLabel,
    QPushButton,
    QStyle,
    QStyleOptionFrame,
    QWidget,
)

from cjm_desktop.document import MapDocument
from cjm_desktop.i18n import install_translator
from cjm_desktop.model import new_project
from cjm_desktop.storage import load_project
from cjm_desktop.storage.recovery import find_recoverable
from cjm_desktop.ui.export_dialog import TARGET_MIN_WIDTH, ExportDialog
from cjm_desktop.ui.help import ShortcutSheet, gesture_rows
from cjm_desktop.ui.main_window import MainWindow
from cjm_desktop.ui.method.persona import PersonaDialog
from cjm_desktop.ui.method.stakeholder_map import StakeholderMapWindow, StakeholderToken
from cjm_desktop.ui.method.voting import StartRoundDialog
from cjm_desktop.ui.recovery_dialog import RecoveryDialog
from cjm_desktop.ui.start_view import StartView
from tests.gui_helpers import crash_leftover

# Item views keep (focus frame margin + 1) px free on each side of a cell's text: 3 + 3.
CELL_PADDING = 6


@pytest.fixture(autouse=True)
def swedish():
    install_translator("sv")
    yield
    install_translator("en")


@pytest.fixture
def doc(sample_file: Path) -> MapDocument:
    return MapDocument(load_project(sample_file), sample_file)


def _top_in(widget: QWidget, ancestor: QWidget) -> int:
    return widget.mapTo(ancestor, QPoint(0, 0)).y()


# ----- 1. shortcut sheet -------------------------------------------------------------------
def _gesture_items(sheet: ShortcutSheet):
    group = sheet.tree.topLevelItem(sheet.tree.topLevelItemCount() - 1)
    assert group.text(0) == "Mus och pekskärm"
    return [group.child(i) for i in range(group.childCount())]


@pytest.fixture
def sheet(qtbot) -> ShortcutSheet:
    window = MainWindow(None)
    qtbot.addWidget(window)
    shown = ShortcutSheet(window)
    qtbot.addWidget(shown)
    shown.show()
    return shown


def test_shortcut_sheet_shows_long_gesture_values_in_full(qtbot, sheet: ShortcutSheet) -> None:
    qtbot.waitExposed(sheet)
    assert sheet.width() == 620  # the sheet stays its compact size
    tree = sheet.tree
    assert tree.wordWrap() and tree.textElideMode() == Qt.TextElideMode.ElideNone
    metrics = QFontMetrics(tree.font())
    values = [how for _what, how in gesture_rows()]
    assert any(len(v) > 45 for v in values)  # "Mellanslag + dra, dra med mittenknappen, …"
    column = tree.header().sectionSize(1)
    # Every value is in full on one line at the default size, and the columns fit the view.
    for item in _gesture_items(sheet):
        assert metrics.horizontalAdvance(item.text(1)) + CELL_PADDING <= column, item.text(1)
    assert tree.header().length() <= tree.viewport().width()
    assert tree.horizontalScrollBar().maximum() == 0


def test_shortcut_sheet_wraps_long_values_when_narrow(qtbot, sheet: ShortcutSheet) -> None:
    sheet.resize(440, 640)
    tree = sheet.tree
    metrics = QFontMetrics(tree.font())
    pan = next(item for item in _gesture_items(sheet) if item.text(0) == "Panorera")
    column = tree.header().sectionSize(1)
    assert metrics.horizontalAdvance(pan.text(1)) > column  # too long for one line now …
    qtbot.waitUntil(lambda: tree.visualItemRect(pan).height() >= 2 * metrics.height())
    assert tree.horizontalScrollBar().maximum() == 0  # … so it wraps instead of scrolling
    assert tree.header().length() <= tree.viewport().width()


# ----- 2. start voting round ---------------------------------------------------------------
def test_voting_dialog_shows_the_whole_placeholder(qtbot) -> None:
    dialog = StartRoundDialog(None, "")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    edit = dialog.names
    placeholder = edit.placeholderText()
    assert placeholder.startswith("namn eller färger") and placeholder.endswith("röd)")
    option = QStyleOptionFrame()
    edit.initStyleOption(option)
    text_area = edit.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, edit)
    margins = edit.textMargins()
    # QLineEdit keeps 2 px free on each side of its text.
    room = text_area.width() - margins.left() - margins.right() - 4
    assert QFontMetrics(edit.font()).horizontalAdvance(placeholder) <= room
    assert dialog.width() < 800  # sensible, not huge


# ----- 3. recovery dialog ------------------------------------------------------------------
def test_recovery_dialog_names_are_readable(qtbot, tmp_path: Path, sample_file: Path) -> None:
    copy = tmp_path / "tågresa med ett ganska långt filnamn.cjm"
    copy.write_bytes(sample_file.read_bytes())
    edited = load_project(copy)
    edited.title = "Göteborg → Stockholm, redigerad före kraschen"
    crash_leftover(edited, copy)
    crash_leftover(new_project("Aldrig sparad karta med ett långt namn"), None)
    dialog = RecoveryDialog(find_recoverable())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    table = dialog.table
    metrics = QFontMetrics(table.font())
    names = [table.item(row, 0).text() for row in range(table.rowCount())]
    assert sorted(names) == sorted([copy.name, "Aldrig sparad karta med ett långt namn"])
    # Each name fits its column on one line: nothing wraps into a cut-off second line.
    for name in names:
        assert metrics.horizontalAdvance(name) + CELL_PADDING <= table.columnWidth(0), name
    # The long summary of the edited map wraps, and its row is tall enough for both lines.
    assert table.wordWrap() and table.textElideMode() == Qt.TextElideMode.ElideNone
    summaries = [table.item(row, 2).text() for row in range(table.rowCount())]
    long_row = max(range(table.rowCount()), key=lambda r: metrics.horizontalAdvance(summaries[r]))
    assert metrics.horizontalAdvance(summaries[long_row]) + CELL_PADDING > table.columnWidth(2)
    assert table.rowHeight(long_row) >= 2 * metrics.lineSpacing()
    # All four columns are on screen without scrolling sideways.
    assert table.horizontalHeader().length() <= table.viewport().width()
    assert table.horizontalScrollBar().maximum() == 0
    # Made narrow, names wrap too and their rows grow; still nothing sideways.
    dialog.resize(560, 320)
    qtbot.waitUntil(lambda: table.columnWidth(0) < metrics.horizontalAdvance(names[0]))

    def rows_fit() -> bool:
        return all(table.rowHeight(row) >= (1 if metrics.horizontalAdvance(name) + CELL_PADDING
                                            <= table.columnWidth(0) else 2) * metrics.lineSpacing()
                   for row, name in enumerate(names))

    qtbot.waitUntil(rows_fit)
    assert table.horizontalHeader().length() <= table.viewport().width()


# ----- 4. stakeholder map ------------------------------------------------------------------
def _screen_px(item: QGraphicsSimpleTextItem, scale: float) -> float:
    return QFontInfo(item.font()).pixelSize() * scale


@pytest.fixture
def map_window(qtbot, doc: MapDocument):  # noqa: ANN201 - yields a StakeholderMapWindow
    parent = QWidget()
    qtbot.addWidget(parent)
    window = StakeholderMapWindow(parent, doc, lambda command: None)  # deleted with parent
    window.show()
    qtbot.waitExposed(window)
    yield window  # not return: the parent must live as long as the test


def test_stakeholder_map_labels_are_legible(qtbot, doc: MapDocument,
                                            map_window: StakeholderMapWindow) -> None:
    window = map_window
    assert (window.width(), window.height()) == (1100, 760)  # the default size
    scale = window.view.transform().m11()
    texts = [item for item in window.scene.items() if isinstance(item, QGraphicsSimpleTextItem)]
    rings = [item for item in texts if item.text().startswith("Ring ")]
    names = [item for item in texts if isinstance(item.parentItem(), StakeholderToken)]
    assert len(rings) == 3 and len(names) >= 2 * len(doc.project.stakeholders)
    for item in rings + names:
        assert _screen_px(item, scale) >= 11, item.text()
    # The rings fill the view: little space is wasted around ring 3.
    ring_3 = window.view.mapFromScene(window.scene.sceneRect()).boundingRect()
    viewport = window.view.viewport().rect()
    assert max(ring_3.width() / viewport.width(), ring_3.height() / viewport.height()) > 0.97
    # It keeps fitting when the window is made larger.
    window.resize(1400, 900)
    qtbot.waitUntil(lambda: window.view.transform().m11() > scale)


def test_stakeholder_links_wrap_instead_of_scrolling(qtbot, doc: MapDocument,
                                                     map_window: StakeholderMapWindow) -> None:
    window = map_window
    links = window.links
    assert links.wordWrap() and links.count() >= 1
    item = links.item(0)
    metrics = QFontMetrics(links.font())
    assert item.text().startswith("(inga lappar kopplade ännu")
    assert metrics.horizontalAdvance(item.text()) > links.viewport().width()  # needs wrapping
    qtbot.waitUntil(lambda: links.visualItemRect(item).height() >= 2 * metrics.height())
    assert links.visualItemRect(item).width() <= links.viewport().width()
    assert links.horizontalScrollBar().maximum() == 0


# ----- 5. start view -----------------------------------------------------------------------
def test_start_view_is_a_compact_centred_column(qtbot) -> None:
    view = StartView()
    qtbot.addWidget(view)
    view.resize(1400, 860)
    view.show()
    qtbot.waitExposed(view)
    label, recent = view.recent_label, view.recent
    assert label.text() == "Senaste filer:"
    # Where the label's text is drawn (a stretched label centres it far from the list).
    text = label.style().itemTextRect(label.fontMetrics(), label.contentsRect(),
                                      int(label.alignment().value), True, label.text())
    assert text.height() > 0
    label_bottom = _top_in(label, view) + text.bottom()
    gap = _top_in(recent, view) - label_bottom
    assert 0 <= gap < 20
    assert label.height() <= label.sizeHint().height() + 4
    assert abs(label.mapTo(view, QPoint(0, 0)).x() - recent.mapTo(view, QPoint(0, 0)).x()) <= 2
    # Buttons sit right above the recent files, not spread over the page.
    buttons = view.findChildren(QPushButton)
    assert len(buttons) == 3
    buttons_bottom = max(_top_in(b, view) + b.height() for b in buttons)
    assert 0 <= _top_in(label, view) + text.top() - buttons_bottom < 60
    # The column is centred: about as much free space above as below, and left as right.
    top = min(_top_in(w, view) for w in view.findChildren(QLabel) if w.isVisible())
    bottom = _top_in(recent, view) + recent.height()
    assert abs(top - (view.height() - bottom)) < 60
    left = recent.mapTo(view, QPoint(0, 0)).x()
    assert abs(left - (view.width() - left - recent.width())) <= 2


# ----- 6. personas -------------------------------------------------------------------------
def _png_base64() -> str:
    import base64

    from PySide6.QtCore import QBuffer, QIODevice

    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.darkCyan)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return base64.b64encode(bytes(buffer.data().data())).decode("ascii")


def test_persona_picture_row_is_clear(qtbot, doc: MapDocument) -> None:
    assert doc.project.personas and not doc.project.personas[0].picture_base64
    dialog = PersonaDialog(None, doc)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    # No picture: the box itself says so, and there is nothing to remove.
    assert dialog.picture.text() == "Ingen bild"
    assert dialog.picture.frameShape() != dialog.picture.frameShape().NoFrame
    assert dialog.picture_button.text() == "Välj &bild…"
    assert dialog.clear_picture_button.text() == "Ta bort bil&d"
    assert not dialog.clear_picture_button.isEnabled()
    box = dialog.picture.contentsRect()
    assert QFontMetrics(dialog.picture.font()).horizontalAdvance("Ingen bild") <= box.width()
    # The buttons stand beside the box, at its top, not far below it.
    assert abs(_top_in(dialog.picture_button, dialog) - _top_in(dialog.picture, dialog)) < 10
    # With a picture, it can be removed; removing it brings the placeholder back.
    dialog._set_picture(_png_base64())
    assert dialog.clear_picture_button.isEnabled() and not dialog.picture.pixmap().isNull()
    dialog.clear_picture_button.click()
    assert not dialog.clear_picture_button.isEnabled()
    assert dialog.picture.text() == "Ingen bild" and dialog.personas[0].picture_base64 == ""
    # No persona at all: both picture buttons are off.
    dialog.remove_button.click()
    assert not dialog.picture_button.isEnabled() and not dialog.clear_picture_button.isEnabled()


# ----- 7. export ---------------------------------------------------------------------------
def test_export_path_field_is_wide_with_the_full_path_as_tooltip(qtbot, sample_file: Path) -> None:
    project = load_project(sample_file)
    dialog = ExportDialog(None, project, project.journeys[0].id, sample_file)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    edit = dialog.target_edit
    assert edit.width() >= TARGET_MIN_WIDTH >= 320
    assert edit.text() == str(sample_file.with_suffix(".pdf"))
    assert edit.toolTip() == f"Affischen sparas som {edit.text()}"
    typical = "/home/användare/Dokument/Workshoppar/tågresa.pdf"
    assert QFontMetrics(edit.font()).horizontalAdvance(typical) + 12 <= edit.width()
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("png"))
    assert edit.text().endswith(".png") and edit.toolTip().endswith(edit.text())
    edit.setText("/tmp/annan mapp/affisch.svg")
    assert edit.toolTip() == "Affischen sparas som /tmp/annan mapp/affisch.svg"
    edit.clear()
    assert edit.toolTip() == ""


def test_typed_stakeholder_details_survive_a_refresh_and_are_kept_on_switching(
        qtbot, doc: MapDocument, map_window: StakeholderMapWindow) -> None:
    from cjm_desktop.commands import method as cmd

    window = map_window
    pushed: list[object] = []
    window.push = lambda command: (pushed.append(command), doc.undo_stack.push(command))
    first, second = doc.project.stakeholders[0], doc.project.stakeholders[1]
    window.select(first.id)
    window.we_do.setPlainText("Weekly check-ins <&> 🙂")
    # Something else changes the map (a token dragged, an undo in the main window).
    doc.undo_stack.push(cmd.move_stakeholder(doc, second.id, second.ring, second.angle + 10))
    qtbot.waitUntil(lambda: not window._refresh_timer.isActive())
    assert window.we_do.toPlainText() == "Weekly check-ins <&> 🙂"
    window.select(second.id)  # choosing another stakeholder saves what was typed
    assert first.we_do_for_them == "Weekly check-ins <&> 🙂" and len(pushed) == 1
    qtbot.waitUntil(lambda: window.we_do.toPlainText() == second.we_do_for_them)
