"""Screenshot-review fixes: visible outlines in the dark theme, a compare dialog that follows the
theme and never hides a status, and an opportunities list whose card text fits a narrow dock."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QLineEdit,
    QSpinBox,
    QStyle,
    QStyleOptionButton,
    QVBoxLayout,
    QWidget,
)

from cjm_desktop import commands
from cjm_desktop.ui import dark_style, preferences
from cjm_desktop.ui.main_window import MainWindow
from cjm_desktop.ui.method.compare import STATUS_COLUMN, EmotionChart
from cjm_desktop.ui.method.opportunities import TEXT_COLUMN

from .gui_helpers import change_future_and_compare

Role = QPalette.ColorRole


def _luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
            + 0.0722 * channel(colour.blueF()))


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio of two colours."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _best_contrast(image: QImage, rect: QRect, against: QColor) -> float:
    """The strongest contrast any pixel inside ``rect`` of ``image`` has against a colour."""
    rect = rect.intersected(image.rect())
    assert not rect.isEmpty()
    return max(contrast(QColor(image.pixel(x, y)), against)
               for x in range(rect.left(), rect.right() + 1)
               for y in range(rect.top(), rect.bottom() + 1))


@pytest.fixture
def dark(qapp, monkeypatch: pytest.MonkeyPatch):
    """The app's own dark theme (palette and style), as on a light desktop; light again after."""
    monkeypatch.setattr(preferences, "system_prefers_dark", lambda: False)
    preferences.apply_app_theme("dark")
    yield QApplication.instance().palette()
    preferences.apply_app_theme("light")


# ----- 1. dark theme: frames, check box outlines, line-edit borders, dock title buttons -----
def test_dark_palette_frame_roles_stand_out_from_the_window() -> None:
    palette = dark_style.dark_palette()
    window = palette.color(Role.Window)
    assert window.lightness() < 80  # still a dark theme
    for role in (Role.Mid, Role.Dark, Role.Light):
        assert contrast(palette.color(role), window) >= 3.0, role
        assert contrast(palette.color(role), palette.color(Role.Base)) >= 3.0, role
    assert palette.color(Role.Light).lightness() > palette.color(Role.Mid).lightness()


def test_dark_theme_draws_outlines_that_can_be_seen(qtbot, dark: QPalette) -> None:
    window = dark.color(Role.Window)
    base = dark.color(Role.Base)
    host = QWidget()
    qtbot.addWidget(host)
    layout = QVBoxLayout(host)
    check, edit, spin = QCheckBox("Crop marks"), QLineEdit("text"), QSpinBox()
    for widget in (check, edit, spin):
        layout.addWidget(widget)
    host.resize(300, 140)
    host.show()
    qtbot.waitExposed(host)
    # The unchecked box: its outline, not just the dark base inside it, must show on the window.
    option = QStyleOptionButton()
    option.initFrom(check)
    box = host.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, check)
    image = check.grab().toImage()
    assert _best_contrast(image, box, window) >= 3.0
    # Line edit and spin box borders: the outermost two pixel columns at mid height.
    for widget in (edit, spin):
        image = widget.grab().toImage()
        edge = QRect(0, image.height() // 2 - 2, 2, 5)
        assert _best_contrast(image, edge, window) >= 3.0, type(widget).__name__
        assert _best_contrast(image, edge, base) >= 3.0, type(widget).__name__


def test_dark_theme_dock_title_buttons_can_be_seen(sample_window: MainWindow,
                                                   dark: QPalette) -> None:
    dock = sample_window.method.opportunities
    dock.show()
    QApplication.processEvents()
    buttons = [b for b in dock.findChildren(QAbstractButton) if b.parent() is dock]
    assert len(buttons) >= 2  # float and close
    window = dark.color(Role.Window)
    for button in buttons:
        image = button.grab().toImage()
        assert _best_contrast(image, image.rect(), window) >= 4.5


# ----- 2. compare dialog ------------------------------------------------------------------
def _open_compare(window: MainWindow, qtbot):  # noqa: ANN202 - the CompareDialog
    dialog = change_future_and_compare(window, qtbot)
    QApplication.processEvents()
    return dialog


def _status_items(dialog):  # noqa: ANN202 - tree items
    for index in range(dialog.tree.topLevelItemCount()):
        parent = dialog.tree.topLevelItem(index)
        yield parent
        for child in range(parent.childCount()):
            yield parent.child(child)


@pytest.mark.parametrize("palette_of", [dark_style.dark_palette,
                                        lambda: QApplication.style().standardPalette()])
def test_compare_chart_is_drawn_from_the_palette(qtbot, palette_of) -> None:
    palette = palette_of()
    chart = EmotionChart()
    qtbot.addWidget(chart)
    chart.setPalette(palette)
    chart.resize(400, 260)
    image = chart.grab().toImage()
    base, text = palette.color(Role.Base), palette.color(Role.Text)
    corner = QColor(image.pixel(QPoint(image.width() - 3, image.height() - 3)))
    assert corner.rgb() == base.rgb()  # the background is the palette's base, not white
    # The axis numbers are drawn in the palette's text colour and stay readable.
    numbers = QRect(0, 0, 36, image.height() - 40)
    assert _best_contrast(image, numbers, base) >= 4.5
    assert chart.colours()["text"] == text
    for line in ("current", "future"):
        assert contrast(chart.colours()[line], base) >= 3.0, line


def test_compare_dialog_in_dark_theme(sample_window: MainWindow, qtbot, dark: QPalette) -> None:
    dialog = _open_compare(sample_window, qtbot)
    chart = dialog.chart.grab().toImage()
    base = dialog.chart.palette().color(Role.Base)
    assert base.lightness() < 80
    assert QColor(chart.pixel(chart.width() - 3, chart.height() - 3)).rgb() == base.rgb()
    # Coloured status words reach 4.5:1 on the list's dark base.
    tree_base = dialog.tree.palette().color(Role.Base)
    coloured = [item for item in _status_items(dialog)
                if item.foreground(STATUS_COLUMN).style() != Qt.BrushStyle.NoBrush]
    assert {item.text(STATUS_COLUMN) for item in coloured} >= {"added", "removed", "changed"}
    for item in coloured:
        colour = item.foreground(STATUS_COLUMN).color()
        assert contrast(colour, tree_base) >= 4.5, item.text(STATUS_COLUMN)
    # Back to light while the dialog is open: the words take the light base's colours.
    preferences.apply_app_theme("light")
    QApplication.processEvents()
    tree_base = dialog.tree.palette().color(Role.Base)
    assert tree_base.lightness() > 200
    for item in coloured:
        assert contrast(item.foreground(STATUS_COLUMN).color(), tree_base) >= 4.5


def test_compare_list_shows_every_status_whole(sample_window: MainWindow, qtbot) -> None:
    dialog = _open_compare(sample_window, qtbot)
    tree, header = dialog.tree, dialog.tree.header()
    statuses = set()
    for item in _status_items(dialog):
        status = item.text(STATUS_COLUMN)
        assert status, item.text(0)  # every step and every change row has its status word
        statuses.add(status)
        needed = QFontMetrics(item.font(STATUS_COLUMN)).horizontalAdvance(status)
        assert tree.columnWidth(STATUS_COLUMN) >= needed, status
        if item.parent() is None:  # step titles fit their column too (the sample's are short)
            title = QFontMetrics(item.font(0)).horizontalAdvance(item.text(0))
            assert tree.columnWidth(0) >= title + tree.indentation(), item.text(0)
            assert item.toolTip(0) == item.text(0)
    assert {"same", "changed", "added", "removed"} <= statuses
    # The status column lies inside the visible part of the list.
    right = header.sectionViewportPosition(STATUS_COLUMN) + header.sectionSize(STATUS_COLUMN)
    assert right <= tree.viewport().width()


def test_compare_long_step_title_keeps_the_status_visible(sample_window: MainWindow,
                                                           qtbot) -> None:
    doc = sample_window.document
    long_title = "Compare trains and prices on three different booking sites " * 3
    sample_window._push(commands.edit_step(doc, doc.journey.steps[1].id, title=long_title))
    dialog = _open_compare(sample_window, qtbot)
    tree, header = dialog.tree, dialog.tree.header()
    assert tree.columnWidth(0) <= dialog.width() // 2
    row = next(i for i in _status_items(dialog) if i.text(0) == long_title)
    assert row.toolTip(0) == long_title and row.text(STATUS_COLUMN)
    right = header.sectionViewportPosition(STATUS_COLUMN) + header.sectionSize(STATUS_COLUMN)
    assert right <= tree.viewport().width()


# ----- 3. opportunities dock --------------------------------------------------------------
def test_opportunities_text_column_fits_a_narrow_dock(sample_window: MainWindow) -> None:
    panel = sample_window.method.opportunities
    panel.show()
    sample_window.resizeDocks([panel], [340], Qt.Orientation.Horizontal)
    QApplication.processEvents()
    assert panel.width() <= 360
    tree, header = panel.tree, panel.tree.header()
    assert tree.topLevelItemCount() > 0
    viewport = tree.viewport().width()
    left = header.sectionViewportPosition(TEXT_COLUMN)
    width = header.sectionSize(TEXT_COLUMN)
    # The card text starts inside the list, ends at its right edge and gets a good share of it.
    assert 0 <= left and left + width <= viewport + 1
    assert width >= 0.4 * viewport
    assert tree.horizontalScrollBar().maximum() == 0  # nothing hides off to the right
    first = tree.topLevelItem(0)
    assert first.toolTip(TEXT_COLUMN) and first.toolTip(2) == first.text(2)
    # The votes column is as wide as its header or numbers need, no more than a third.
    votes = QFontMetrics(QFont(header.font())).horizontalAdvance(
        first.treeWidget().headerItem().text(0))
    assert votes <= header.sectionSize(0) <= viewport // 3


def test_opportunities_columns_follow_a_wider_dock(sample_window: MainWindow) -> None:
    panel = sample_window.method.opportunities
    panel.show()
    sample_window.resizeDocks([panel], [340], Qt.Orientation.Horizontal)
    QApplication.processEvents()
    narrow_kind = panel.tree.columnWidth(1)
    sample_window.resizeDocks([panel], [700], Qt.Orientation.Horizontal)
    QApplication.processEvents()
    tree = panel.tree
    assert tree.viewport().width() > 600
    # With room to spare the kind column grows to show "pain point (score 2)" whole.
    widest_kind = max(QFontMetrics(tree.topLevelItem(i).font(1)).horizontalAdvance(
        tree.topLevelItem(i).text(1)) for i in range(tree.topLevelItemCount()))
    assert tree.columnWidth(1) > narrow_kind
    assert tree.columnWidth(1) >= widest_kind
    assert tree.columnWidth(TEXT_COLUMN) >= 0.4 * tree.viewport().width()

