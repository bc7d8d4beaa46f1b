"""Presentation mode driven by the keys a presenter clicker sends, on the real window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QToolBar, QToolTip

from cjm_desktop.canvas.theme import LIGHT, PROJECTOR
from cjm_desktop.document import MapDocument
from cjm_desktop.layout import Rect, layout_journey
from cjm_desktop.model import Card
from cjm_desktop.storage import load_project
from cjm_desktop.ui.main_window import MainWindow
from cjm_desktop.ui.presentation import PresentationController, card_text_px
from cjm_desktop.ui.presentation_pages import (
    MIN_CARD_TEXT_PX,
    PRESENTATION_STYLE,
    padded,
    plan_slides,
)

SCREEN = (1920, 1080)


@pytest.fixture
def window(sample_window: MainWindow) -> MainWindow:
    show_active(sample_window)
    return sample_window


def show_active(window: MainWindow) -> None:
    """Window shortcuts (F5) only fire in the active window."""
    window.show()
    window.activateWindow()
    assert QTest.qWaitForWindowActive(window)


def visible_scene_rect(window: MainWindow) -> QRectF:
    view = window.view
    return view.mapToScene(view.viewport().rect()).boundingRect()


def qrect(rect: Rect) -> QRectF:
    return QRectF(rect.x, rect.y, rect.w, rect.h)


def stage_area(layout, stage_id: str | None) -> QRectF:
    """The stage's rect from its header down to the last lane (no bottom margin)."""
    rect = qrect(layout.stage_rect(stage_id))
    rect.setBottom(layout.lanes[-1].rect.bottom)
    return rect


def press(qtbot, window: MainWindow, key: Qt.Key) -> None:
    qtbot.keyClick(window.view, key)
    QApplication.processEvents()


def enter_at_1920(qtbot, window: MainWindow) -> PresentationController:
    press(qtbot, window, Qt.Key.Key_F5)
    presentation = window.presentation
    assert presentation.active and window.isFullScreen()
    # The offscreen screen is 800 × 800; size the window like a projector (a resize
    # drops Qt's full-screen flag, checked above).
    window.resize(*SCREEN)
    qtbot.waitUntil(lambda: window.view.viewport().width() == SCREEN[0])
    return presentation


def test_clicker_keys_walk_the_stages_and_escape_restores(qtbot, window: MainWindow) -> None:
    view, scene, doc = window.view, window.scene, window.document
    window.undo_dock.show()  # an open History panel goes away while presenting, then returns
    QApplication.processEvents()
    view.set_zoom(0.8)
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().maximum() // 2)
    before = (window.size(), view.transform().m11(), view.horizontalScrollBar().value(),
              view.verticalScrollBar().value())
    assert window.menuBar().isVisible() and not doc.read_only
    style_before = scene.style
    toolbars = [bar.isVisible() for bar in window.findChildren(QToolBar)]

    presentation = enter_at_1920(qtbot, window)
    assert not window.menuBar().isVisible() and not window.statusBar().isVisible()
    assert scene.theme is PROJECTOR
    assert not any(bar.isVisible() for bar in window.findChildren(QToolBar))
    assert not window.undo_dock.isVisible()
    assert view.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    assert doc.read_only and not view.isInteractive()
    assert not window.act_add_card.isEnabled()  # editing is off while presenting
    layout = scene.map_layout
    whole = QRectF(0, 0, layout.width, layout.height)
    assert visible_scene_rect(window).contains(whole)  # starts on the whole map

    stages = layout.stage_bands
    assert len(stages) == 4 and len(presentation.slides) == 4  # one slide per stage here
    press(qtbot, window, Qt.Key.Key_PageDown)
    shown = visible_scene_rect(window)
    assert shown.contains(stage_area(layout, stages[0].stage_id))
    # The next stage peeks in at the edge (the screen is wider than the stage) but is faded.
    neighbour = stage_area(layout, stages[1].stage_id)
    assert presentation.mask.isVisible()
    assert presentation.mask.path().contains(neighbour.topLeft() + QPointF(40, 300))
    assert not presentation.mask.path().contains(stage_area(layout, stages[0].stage_id).center())
    assert presentation.lane_labels.names == [lane.name for lane in layout.lanes]
    assert presentation.lane_labels.font_size * view.transform().m22() >= 18
    assert presentation.caption.isVisible()
    assert presentation.caption.text() == f"Stage 1 of 4 — {stages[0].name}"

    press(qtbot, window, Qt.Key.Key_PageDown)
    shown = visible_scene_rect(window)
    assert shown.contains(stage_area(layout, stages[1].stage_id))
    assert shown.width() < whole.width() / 2  # zoomed in, not the whole map
    assert presentation.caption.text().startswith("Stage 2 of 4")

    press(qtbot, window, Qt.Key.Key_PageUp)
    assert presentation.current_slide.stage_id == stages[0].stage_id
    press(qtbot, window, Qt.Key.Key_Right)
    press(qtbot, window, Qt.Key.Key_Space)
    assert presentation.current_slide.stage_id == stages[2].stage_id
    press(qtbot, window, Qt.Key.Key_Backspace)
    press(qtbot, window, Qt.Key.Key_Up)
    assert presentation.current_slide.stage_id == stages[0].stage_id

    press(qtbot, window, Qt.Key.Key_B)
    assert presentation.blank.isVisible()
    assert presentation.blank.geometry() == window.rect()
    press(qtbot, window, Qt.Key.Key_PageDown)  # first key only brings the map back
    assert not presentation.blank.isVisible()
    assert presentation.current_slide.stage_id == stages[0].stage_id
    press(qtbot, window, Qt.Key.Key_Period)  # what some clickers send for "blank"
    assert presentation.blank.isVisible()
    press(qtbot, window, Qt.Key.Key_B)
    assert not presentation.blank.isVisible()

    press(qtbot, window, Qt.Key.Key_End)
    assert presentation.current_slide is None and visible_scene_rect(window).contains(whole)
    press(qtbot, window, Qt.Key.Key_PageUp)  # from the closing overview back to the last stage
    assert presentation.current_slide.stage_id == stages[-1].stage_id
    press(qtbot, window, Qt.Key.Key_Home)
    assert presentation.current_slide is None and visible_scene_rect(window).contains(whole)
    assert presentation.caption.text().startswith("Whole map")
    assert not presentation.mask.isVisible() and not presentation.lane_labels.isVisible()

    press(qtbot, window, Qt.Key.Key_Escape)
    QApplication.processEvents()
    assert not presentation.active
    assert presentation.mask.scene() is None and presentation.lane_labels.scene() is None
    assert not window.isFullScreen()
    assert window.menuBar().isVisible() and window.statusBar().isVisible()
    assert [bar.isVisible() for bar in window.findChildren(QToolBar)] == toolbars
    assert window.undo_dock.isVisible()
    assert scene.theme is LIGHT and scene.style is style_before
    assert not doc.read_only and view.isInteractive() and window.act_add_card.isEnabled()
    assert view.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAsNeeded
    after = (window.size(), view.transform().m11(), view.horizontalScrollBar().value(),
             view.verticalScrollBar().value())
    assert after == before


def test_presenting_never_edits_the_map(qtbot, window: MainWindow) -> None:
    doc = window.document
    card = doc.journey.cards[0]
    press(qtbot, window, Qt.Key.Key_F5)
    press(qtbot, window, Qt.Key.Key_PageDown)
    item = window.scene.cards[card.id]
    centre = window.view.mapFromScene(item.sceneBoundingRect().center())
    qtbot.mouseDClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mousePress(window.view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseMove(window.view.viewport(), centre + QPoint(0, 200))
    qtbot.mouseRelease(window.view.viewport(), Qt.MouseButton.LeftButton,
                       pos=centre + QPoint(0, 200))
    qtbot.keyClick(window.view, Qt.Key.Key_Delete)
    assert doc.undo_stack.count() == 0 and not doc.is_dirty
    assert doc.journey.card(card.id).step_id == card.step_id
    # Tooltips still tell the room what a shortened card says.
    help_event = QHelpEvent(QEvent.Type.ToolTip, centre,
                            window.view.viewport().mapToGlobal(centre))
    QApplication.sendEvent(window.view.viewport(), help_event)
    assert QToolTip.isVisible() and card.text[:20] in QToolTip.text()
    QToolTip.hideText()
    press(qtbot, window, Qt.Key.Key_F5)  # F5 again also leaves
    assert not window.presentation.active and not doc.read_only


def test_a_read_only_file_stays_read_only_after_presenting(qtbot, window: MainWindow) -> None:
    window.document.read_only = True
    qtbot.keyClick(window.view, Qt.Key.Key_F5, Qt.KeyboardModifier.ShiftModifier)  # a clicker
    assert window.presentation.active and window.document.read_only
    press(qtbot, window, Qt.Key.Key_Escape)
    assert not window.presentation.active and window.document.read_only


def test_card_text_is_24_px_on_a_1920_screen_at_every_stage(qtbot, window: MainWindow) -> None:
    presentation = enter_at_1920(qtbot, window)
    measured = []
    for slide in presentation.slides:
        press(qtbot, window, Qt.Key.Key_PageDown)
        assert presentation.current_slide == slide
        px = card_text_px(window.view, window.scene.style.card_font_size)
        measured.append(px)
        assert px >= MIN_CARD_TEXT_PX, f"{slide.caption}: card text {px:.1f} px"
        # Every card of the stage is on screen, not cut off at an edge.
        shown = visible_scene_rect(window)
        for box in window.scene.map_layout.cards.values():
            if slide.rect.x <= box.rect.center_x < slide.rect.right:
                assert shown.contains(qrect(box.rect)), box.lines
    assert len(measured) == 4 and min(measured) >= MIN_CARD_TEXT_PX  # one stage per slide
    press(qtbot, window, Qt.Key.Key_Escape)


def test_a_wide_stage_is_split_into_legible_parts() -> None:
    project = load_project_sample()
    journey = project.journeys[0]
    # Put every step under the first stage: one stage nine steps wide.
    first_stage = journey.steps[0].stage_id
    for step in journey.steps:
        step.stage_id = first_stage
    layout = layout_journey(journey, PRESENTATION_STYLE)
    slides = plan_slides(layout, PRESENTATION_STYLE, *SCREEN)
    assert len(slides) == 3 and all(s.parts == 3 for s in slides)
    assert [round(s.rect.w / PRESENTATION_STYLE.step_width) for s in slides] == [3, 3, 3]
    assert slides[1].caption.endswith("(part 2 of 3)")
    for slide in slides:
        rect = padded(slide.rect)
        zoom = min((SCREEN[0] - 4) / rect.w, (SCREEN[1] - 4) / rect.h)
        assert zoom * PRESENTATION_STYLE.card_font_size >= MIN_CARD_TEXT_PX


def test_legibility_is_a_share_of_the_screen_height() -> None:
    layout = layout_journey(load_project_sample().journeys[0], PRESENTATION_STYLE)
    full_hd = plan_slides(layout, PRESENTATION_STYLE, *SCREEN)
    beamer = plan_slides(layout, PRESENTATION_STYLE, 1280, 720)  # 16 px there is 24 px here
    assert [s.rect for s in beamer] == [s.rect for s in full_hd]
    strict = plan_slides(layout, PRESENTATION_STYLE, 1280, 720, min_px=24)
    assert len(strict) > len(full_hd)


def test_a_tall_map_is_split_at_lane_edges_and_a_huge_cell_is_sliced() -> None:
    project = load_project_sample()
    journey = project.journeys[0]
    step, lane = journey.steps[0], journey.lanes[0]
    for index in range(40):
        journey.cards.append(Card(text=f"Note {index} 🙂 <&> שלום " * 3, lane_id=lane.id,
                                  step_id=step.id, order=1000 + index))
    layout = layout_journey(journey, PRESENTATION_STYLE)
    slides = plan_slides(layout, PRESENTATION_STYLE, *SCREEN)
    max_h = SCREEN[1] / (MIN_CARD_TEXT_PX / PRESENTATION_STYLE.card_font_size)
    assert all(s.rect.h <= max_h for s in slides)
    first_stage = [s for s in slides if s.stage_number == 1]
    assert len(first_stage) > 2
    # The parts of one column cover it from the stage header to the last lane, no gaps.
    column = [s for s in first_stage if s.rect.x == first_stage[0].rect.x]
    for upper, lower in zip(column, column[1:], strict=False):
        assert lower.rect.y == pytest.approx(upper.rect.bottom)
    assert column[-1].rect.bottom == pytest.approx(layout.lanes[-1].rect.bottom)
    # No cut runs through a card: each card is whole on one slide.
    for slide in slides:
        for box in layout.cards.values():
            r = box.rect
            if slide.rect.x <= r.center_x < slide.rect.right:
                assert not (r.y < slide.rect.y < r.bottom), box.lines
                assert not (r.y < slide.rect.bottom < r.bottom), box.lines
    # The first part shows cards, not only the stage and step headers.
    assert any(column[0].rect.y <= b.rect.y and b.rect.bottom <= column[0].rect.bottom
               and column[0].rect.x <= b.rect.center_x < column[0].rect.right
               for b in layout.cards.values())


def test_user_text_in_captions_and_labels_stays_plain(qtbot, window: MainWindow) -> None:
    journey = window.document.journey
    journey.stages[0].name = "<b>Før</b> & <i>بعد</i> 🚆"
    journey.lanes[0].name = "<script>x</script> שלום"
    window.scene.relayout()
    presentation = enter_at_1920(qtbot, window)
    press(qtbot, window, Qt.Key.Key_PageDown)
    caption = presentation.caption
    assert caption.textFormat() == Qt.TextFormat.PlainText
    assert caption.text() == "Stage 1 of 4 — <b>Før</b> & <i>بعد</i> 🚆"
    assert presentation.lane_labels.names[0] == "<script>x</script> שלום"
    image = window.grab()
    assert not image.isNull()
    press(qtbot, window, Qt.Key.Key_Escape)


def test_an_empty_map_presents_only_the_overview(qtbot) -> None:
    window = MainWindow(MapDocument())
    qtbot.addWidget(window)
    show_active(window)
    window.document.journey.steps.clear()
    window.document.journey.cards.clear()
    window.scene.relayout()
    press(qtbot, window, Qt.Key.Key_F5)
    presentation = window.presentation
    assert presentation.active and presentation.slides == []
    press(qtbot, window, Qt.Key.Key_PageDown)
    assert presentation.position == 0
    assert presentation.caption.text() == "Whole map — no steps yet"
    press(qtbot, window, Qt.Key.Key_Escape)
    assert not presentation.active


def test_the_start_page_has_nothing_to_present(qtbot) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    show_active(window)
    assert not window.presentation.action.isEnabled()
    window.presentation.enter()
    assert not window.presentation.active and not window.isFullScreen()


def load_project_sample():
    from cjm_desktop.resources import sample_path

    return load_project(sample_path())


def test_closing_while_presenting_saves_the_map_itself(qtbot, window: MainWindow,
                                                       monkeypatch) -> None:
    from cjm_desktop.commands import edit_card
    from cjm_desktop.ui import messages

    doc = window.document
    doc.undo_stack.push(edit_card(doc, doc.journey.cards[0].id, text="Agreed in the room"))
    press(qtbot, window, Qt.Key.Key_F5)
    assert window.presentation.active
    monkeypatch.setattr(messages, "ask_save_changes", lambda *_a: "save")
    monkeypatch.setattr(window, "save_as", lambda: pytest.fail("Save As is not what was asked"))
    window.workshop_timer.start(60)
    assert window.close()
    assert not window.presentation.active and not window.workshop_timer.active
    assert "Agreed in the room" in doc.path.read_text(encoding="utf-8")


def test_a_read_only_map_saved_as_a_copy_while_presenting_is_writable_afterwards(
        qtbot, window: MainWindow, monkeypatch, tmp_path) -> None:
    from cjm_desktop.ui import main_window

    window.document.read_only = True  # e.g. opened from a newer version, or declined the lock
    press(qtbot, window, Qt.Key.Key_F5)
    copy = tmp_path / "copy.cjm"
    monkeypatch.setattr(main_window.QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(copy), ""))
    assert window.save_as() and copy.exists()
    assert window.document.read_only  # still a show: nobody edits the projected map
    press(qtbot, window, Qt.Key.Key_Escape)
    assert not window.presentation.active and not window.document.read_only
    assert window.windowTitle().startswith("copy.cjm") and "read-only" not in window.windowTitle()
