"""Workshop gestures on the real view: drags, multi-select, in-place edit, emotion, keys."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest

from cjm_desktop.ui.main_window import MainWindow


@pytest.fixture
def window(sample_window: MainWindow) -> MainWindow:
    sample_window.resize(1600, 1000)
    sample_window.view.reset_zoom()
    return sample_window


def _view_pos(window: MainWindow, x: float, y: float) -> QPoint:
    window.view.centerOn(x, y)
    return window.view.mapFromScene(QPointF(x, y))


def _drag(qtbot, window: MainWindow, start: QPointF, end: QPointF,
          modifier=Qt.KeyboardModifier.NoModifier) -> None:
    viewport = window.view.viewport()
    a = window.view.mapFromScene(start)
    b = window.view.mapFromScene(end)
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, modifier, a)
    steps = 8
    for i in range(1, steps + 1):
        p = a + (b - a) * i / steps
        QTest.mouseMove(viewport, QPoint(int(p.x()), int(p.y())))
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, modifier, b)


def _centre(window: MainWindow, card_id: str) -> QPointF:
    return window.scene.cards[card_id].sceneBoundingRect().center()


def test_drag_card_to_other_cell_then_undo(window: MainWindow, qtbot) -> None:
    doc = window.document
    journey = doc.journey
    card = journey.cards_in_cell(journey.lanes[0].id, journey.steps[0].id)[0]
    target_cell = window.scene.map_layout.cells[(journey.lanes[1].id, journey.steps[1].id)]
    window.view.centerOn(_centre(window, card.id))
    undo_count = doc.undo_stack.count()
    _drag(qtbot, window, _centre(window, card.id),
          QPointF(target_cell.center_x, target_cell.bottom - 10))
    moved = journey.card(card.id)
    assert (moved.lane_id, moved.step_id) == (journey.lanes[1].id, journey.steps[1].id)
    assert journey.cards_in_cell(moved.lane_id, moved.step_id)[-1].id == card.id
    assert doc.undo_stack.count() == undo_count + 1
    box = window.scene.map_layout.cards[card.id]
    assert window.scene.cards[card.id].pos() == QPointF(box.rect.x, box.rect.y)
    doc.undo_stack.undo()
    window.scene.flush()
    back = journey.card(card.id)
    assert (back.lane_id, back.step_id) == (journey.lanes[0].id, journey.steps[0].id)


def test_drop_outside_any_cell_snaps_back(window: MainWindow, qtbot) -> None:
    doc = window.document
    card = doc.journey.cards[0]
    before = window.scene.cards[card.id].pos()
    window.view.centerOn(_centre(window, card.id))
    _drag(qtbot, window, _centre(window, card.id), QPointF(-100, 400))
    assert doc.undo_stack.count() == 0
    assert window.scene.cards[card.id].pos() == before


def test_multi_select_with_ctrl_click_and_move_together(window: MainWindow, qtbot) -> None:
    doc = window.document
    journey = doc.journey
    tp = journey.lanes[1].id
    a, b = journey.cards_in_cell(tp, journey.steps[0].id)
    viewport = window.view.viewport()
    window.view.centerOn(_centre(window, a.id))
    QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     window.view.mapFromScene(_centre(window, a.id)))
    QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier,
                     window.view.mapFromScene(_centre(window, b.id)))
    assert set(window.scene.selected_card_ids()) == {a.id, b.id}
    target = window.scene.map_layout.cells[(tp, journey.steps[2].id)]
    _drag(qtbot, window, _centre(window, a.id), QPointF(target.center_x, target.y + 20))
    cell = [c.id for c in journey.cards_in_cell(tp, journey.steps[2].id)]
    assert cell[:2] == [a.id, b.id]
    assert doc.undo_stack.count() == 1
    doc.undo_stack.undo()
    assert [c.id for c in journey.cards_in_cell(tp, journey.steps[0].id)] == [a.id, b.id]


def test_rubber_band_selects_and_recolours_together(window: MainWindow, qtbot) -> None:
    journey = window.document.journey
    cells = window.scene.map_layout.cells
    first = cells[(journey.lanes[1].id, journey.steps[0].id)]
    window.view.centerOn(first.center_x, first.center_y)
    _drag(qtbot, window, QPointF(first.x + 3, first.y + 3),
          QPointF(first.right - 3, first.bottom - 3))
    selected = window.scene.selected_card_ids()
    assert len(selected) == 2
    blue = [a for a in window.colour_menu.actions() if a.text() == "Pink"][0]
    blue.trigger()
    assert all(journey.card(cid).colour == "#f8bbd0" for cid in selected)
    assert window.document.undo_stack.count() == 1


def test_in_place_edit_commit_and_cancel(window: MainWindow, qtbot) -> None:
    doc = window.document
    card = doc.journey.cards[2]
    pos = window.view.mapFromScene(_centre(window, card.id))
    window.view.centerOn(_centre(window, card.id))
    pos = window.view.mapFromScene(_centre(window, card.id))
    QTest.mouseDClick(window.view.viewport(), Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier, pos)
    assert window.scene.editor is not None
    qtbot.keyClicks(window.view, "Pays with Swish")
    qtbot.keyClick(window.view, Qt.Key.Key_Escape)
    assert window.scene.editor is None
    assert doc.journey.card(card.id).text != "Pays with Swish"
    window.scene.cards[card.id].setSelected(True)
    qtbot.keyClick(window.view, Qt.Key.Key_F2)
    assert window.scene.editor is not None
    qtbot.keyClicks(window.view, "Pays with Swish")
    qtbot.keyClick(window.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert doc.journey.card(card.id).text == "Pays with Swish"
    assert doc.undo_stack.undoText().startswith("Edit card")


def test_double_click_empty_cell_types_a_new_card(window: MainWindow, qtbot) -> None:
    journey = window.document.journey
    lane, step = journey.lanes[3].id, journey.steps[4].id
    assert not journey.cards_in_cell(lane, step)
    cell = window.scene.map_layout.cells[(lane, step)]
    window.view.centerOn(cell.center_x, cell.center_y)
    QTest.mouseDClick(window.view.viewport(), Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier,
                      window.view.mapFromScene(QPointF(cell.center_x, cell.center_y)))
    qtbot.keyClicks(window.view, "Tram timetable feed")
    qtbot.keyClick(window.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert [c.text for c in journey.cards_in_cell(lane, step)] == ["Tram timetable feed"]


def test_emotion_drag_from_5_to_2_is_one_undo_step(window: MainWindow, qtbot) -> None:
    doc = window.document
    step = doc.journey.steps[4]
    assert step.emotion == 5
    chart = window.scene.map_layout.emotion
    point = window.scene.points[step.id]
    start = QPointF(point.pos())
    window.view.centerOn(start)
    _drag(qtbot, window, start, QPointF(start.x(), chart.y_for_score(2) + 3))
    assert doc.journey.step(step.id).emotion == 2
    assert doc.undo_stack.count() == 1
    assert "to 2" in doc.undo_stack.undoText()
    doc.undo_stack.undo()
    assert doc.journey.step(step.id).emotion == 5


def test_emotion_keyboard_nudges_merge(window: MainWindow, qtbot) -> None:
    doc = window.document
    step = doc.journey.steps[0]
    window.scene.points[step.id].setSelected(True)
    window.view.setFocus()
    for _ in range(3):
        qtbot.keyClick(window.view, Qt.Key.Key_Down)
    assert doc.journey.step(step.id).emotion == 4
    assert doc.undo_stack.count() == 1


def test_toggle_moment_of_truth_with_shortcut(window: MainWindow, qtbot) -> None:
    doc = window.document
    step = doc.journey.steps[0]
    window.scene.points[step.id].setSelected(True)
    qtbot.keyClick(window.view, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert doc.journey.step(step.id).moment_of_truth
    qtbot.keyClick(window.view, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert not doc.journey.step(step.id).moment_of_truth


def test_keyboard_only_navigation_edit_duplicate_delete(window: MainWindow, qtbot) -> None:
    doc = window.document
    journey = doc.journey
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Down)  # lands on the first cell
    assert window.scene.selected_card_ids() == [
        journey.cards_in_cell(journey.lanes[0].id, journey.steps[0].id)[0].id]
    qtbot.keyClick(window.view, Qt.Key.Key_Down)  # touchpoints, first card
    qtbot.keyClick(window.view, Qt.Key.Key_Down)  # touchpoints, second card
    second = journey.cards_in_cell(journey.lanes[1].id, journey.steps[0].id)[1]
    assert window.scene.selected_card_ids() == [second.id]
    qtbot.keyClick(window.view, Qt.Key.Key_Right)
    right = journey.cards_in_cell(journey.lanes[1].id, journey.steps[1].id)[1]
    assert window.scene.selected_card_ids() == [right.id]
    count = len(journey.cards)
    qtbot.keyClick(window.view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert len(journey.cards) == count + 1
    copy = journey.cards_in_cell(journey.lanes[1].id, journey.steps[1].id)[2]
    assert copy.text == right.text and copy.id != right.id
    assert window.scene.selected_card_ids() == [copy.id]
    qtbot.keyClick(window.view, Qt.Key.Key_Delete)
    assert len(journey.cards) == count
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(journey.cards) == count + 1


def test_copy_paste_between_two_maps(window: MainWindow, qtbot) -> None:
    journey = window.document.journey
    card = journey.cards[0]
    window.scene.cards[card.id].setSelected(True)
    qtbot.keyClick(window.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    other = window._manager.new_window(None)
    qtbot.addWidget(other)
    other.new_map()
    other_journey = other.document.journey
    other.scene.keyboard.cursor = (other_journey.lanes[0].id, other_journey.steps[0].id)
    other.paste_cards()
    pasted = other_journey.cards_in_cell(other_journey.lanes[0].id, other_journey.steps[0].id)
    assert [c.text for c in pasted] == [card.text]
    assert pasted[0].colour == card.colour and pasted[0].id != card.id
    QGuiApplication.clipboard().setText("first idea\nsecond <idea> & 🙂\n\n")
    other.paste_cards()
    texts = [c.text for c in other_journey.cards]
    assert texts[-2:] == ["first idea", "second <idea> & 🙂"]


def test_drag_step_header_reorders_steps(window: MainWindow, qtbot) -> None:
    doc = window.document
    steps = [s.id for s in doc.journey.steps]
    header = window.scene.map_layout.steps[0].header
    target = window.scene.map_layout.steps[2].column
    window.view.centerOn(header.center_x + 200, header.center_y)
    _drag(qtbot, window, QPointF(header.center_x, header.y + 70),
          QPointF(target.right - 20, header.y + 70))
    assert [s.id for s in doc.journey.steps] == [steps[1], steps[2], steps[0], *steps[3:]]
    doc.undo_stack.undo()
    assert [s.id for s in doc.journey.steps] == steps


def test_collapse_lane_hides_cards_and_keeps_them(window: MainWindow, qtbot) -> None:
    doc = window.document
    lane = doc.journey.lanes[1]
    window.toggle_lane(lane.id)
    window.scene.flush()
    hidden = [c.id for c in doc.journey.cards if c.lane_id == lane.id]
    assert hidden and not any(cid in window.scene.cards for cid in hidden)
    box = window.scene.map_layout.lanes[1]
    assert box.collapsed and box.hidden_cards == len(hidden)
    window.toggle_lane(lane.id)
    window.scene.flush()
    assert all(cid in window.scene.cards for cid in hidden)


def test_zoom_keys_and_fit(window: MainWindow, qtbot) -> None:
    view = window.view
    view.reset_zoom()
    qtbot.keyClick(view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom() == pytest.approx(1.25)
    qtbot.keyClick(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom() == pytest.approx(1.0)
    qtbot.keyClick(view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    layout = window.scene.map_layout
    assert visible.width() >= layout.width - 1 or visible.height() >= layout.height - 1


def test_touch_targets_are_at_least_44px(window: MainWindow) -> None:
    window.view.reset_zoom()
    for item in window.scene.cards.values():
        rect = item.box.rect
        assert rect.w >= 44 and rect.h >= 44
    for point in window.scene.points.values():
        shape = point.shape().boundingRect()
        assert shape.width() >= 44 and shape.height() >= 44


def test_finger_drags_a_card_to_another_cell(window: MainWindow, qtbot) -> None:
    journey = window.document.journey
    card = journey.cards_in_cell(journey.lanes[0].id, journey.steps[1].id)[0]
    target = window.scene.map_layout.cells[(journey.lanes[0].id, journey.steps[2].id)]
    window.view.centerOn(_centre(window, card.id))
    viewport = window.view.viewport()
    device = QTest.createTouchDevice()
    start = window.view.mapFromScene(_centre(window, card.id))
    end = window.view.mapFromScene(QPointF(target.center_x, target.bottom - 10))
    QTest.touchEvent(viewport, device).press(0, start, viewport).commit()
    for i in range(1, 9):
        p = start + (end - start) * i / 8
        QTest.touchEvent(viewport, device).move(0, QPoint(int(p.x()), int(p.y())), viewport).commit()
    QTest.touchEvent(viewport, device).release(0, end, viewport).commit()
    qtbot.wait(10)
    assert journey.card(card.id).step_id == journey.steps[2].id


def test_participant_scores_show_as_a_band(window: MainWindow) -> None:
    doc = window.document
    step = doc.journey.steps[3]
    doc.update("steps", step.id, {"emotion_scores": {"Anna": 1, "Bo": 6, "Cem": 2}})
    window.scene.flush()
    item = window.scene.points[step.id]
    top, bottom, mean, label = item._spread
    chart = window.scene.map_layout.emotion
    assert top + item.pos().y() == pytest.approx(chart.y_for_score(6))
    assert bottom + item.pos().y() == pytest.approx(chart.y_for_score(1))
    assert label == "3 scores: 1–6, mean 3.0"
    assert item.boundingRect().height() > bottom - top


def test_drag_stage_band_moves_its_steps(window: MainWindow, qtbot) -> None:
    doc = window.document
    layout = window.scene.map_layout
    first_band, last_band = layout.stage_bands[0], layout.stage_bands[-1]
    first_block = [s.id for s in doc.journey.steps if s.stage_id == first_band.stage_id]
    window.view.fit_map()
    _drag(qtbot, window, QPointF(first_band.rect.x + 20, first_band.rect.center_y),
          QPointF(last_band.rect.right - 5, first_band.rect.center_y))
    assert [s.id for s in doc.journey.steps][-len(first_block):] == first_block
    doc.undo_stack.undo()
    assert [s.id for s in doc.journey.steps][:len(first_block)] == first_block


def test_pinch_gesture_zooms(window: MainWindow) -> None:
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QNativeGestureEvent, QPointingDevice
    from PySide6.QtWidgets import QApplication

    view = window.view
    view.reset_zoom()
    centre = QPointF(view.viewport().rect().center())
    event = QNativeGestureEvent(Qt.NativeGestureType.ZoomNativeGesture,
                                QPointingDevice.primaryPointingDevice(), 2, centre, centre,
                                QPointF(view.viewport().mapToGlobal(centre.toPoint())), 0.5,
                                QPointF(0, 0))
    assert event.type() == QEvent.Type.NativeGesture
    QApplication.sendEvent(view.viewport(), event)
    assert view.zoom() == pytest.approx(1.5)
