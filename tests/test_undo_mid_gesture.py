"""Ctrl+Z while the mouse is still down, or a lane collapsed under an open editor.

The step or lane being dragged can disappear in the middle of the gesture. Releasing must
then do nothing, rather than crash the app (a StopIteration escaping a Qt event handler kills
PySide6 with a segfault) or raise.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest

from cjm_desktop import commands
from cjm_desktop.merge import canonical
from cjm_desktop.model import reference_problems
from cjm_desktop.storage import dumps, loads
from cjm_desktop.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parent.parent
LEFT, NONE = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier


def _viewport_point(window: MainWindow, point: QPointF) -> QPoint:
    return window.view.mapFromScene(point)


def _press_and_move(window: MainWindow, start: QPointF, end: QPointF) -> None:
    viewport = window.view.viewport()
    a, b = _viewport_point(window, start), _viewport_point(window, end)
    QTest.mousePress(viewport, LEFT, NONE, a)
    for i in range(1, 5):
        p = a + (b - a) * i / 4
        QTest.mouseMove(viewport, QPoint(int(p.x()), int(p.y())))


def _sound(window: MainWindow) -> bool:
    project = window.document.project
    return reference_problems(project) == [] and canonical(loads(dumps(project))) == canonical(project)


HEADER_DRAG = r"""
import sys
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from cjm_desktop import commands
from cjm_desktop.app import create_application
from cjm_desktop.document import MapDocument
from cjm_desktop.resources import sample_path
from cjm_desktop.storage import load_project
from cjm_desktop.ui.main_window import MainWindow

app = create_application()
window = MainWindow(MapDocument(load_project(sample_path())))
window.resize(1400, 900)
window.show()
app.processEvents()
doc, scene, view = window.document, window.scene, window.view
kind = sys.argv[1]
if kind == "step":
    command, added = commands.add_step(doc, 0, "Fresh")
else:
    command, added = commands.add_lane(doc, "Fresh")
window._push(command)
scene.flush()
layout = scene.map_layout
if kind == "step":
    header = layout.steps[0].header
    a = QPointF(header.center_x, header.y + 20)
    b = QPointF(layout.steps[2].column.right - 20, a.y())
else:
    lane = next(l for l in layout.lanes if l.lane_id == added.id)
    a = QPointF(lane.rect.x + 20, lane.rect.center_y)
    b = QPointF(a.x(), layout.lanes[0].rect.y + 5)
view.centerOn(a)
app.processEvents()
viewport = view.viewport()
pa, pb = view.mapFromScene(a), view.mapFromScene(b)
QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pa)
for i in range(1, 5):
    p = pa + (pb - pa) * i / 4
    QTest.mouseMove(viewport, QPoint(int(p.x()), int(p.y())))
QTest.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo the add
QTest.mouseMove(viewport, pb + QPoint(3, 3))
QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pb)
app.processEvents()
gone = all(x.id != added.id for x in (doc.journey.steps if kind == "step" else doc.journey.lanes))
print("released", "gone" if gone else "still there", doc.undo_stack.count())
"""


def test_undo_while_dragging_a_step_or_lane_header_is_harmless() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    for kind in ("step", "lane"):
        child = subprocess.run([sys.executable, "-X", "faulthandler", "-c", HEADER_DRAG, kind],
                               cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
        assert child.returncode == 0, (kind, child.stderr[-2000:])
        assert "released gone 1" in child.stdout, (kind, child.stdout, child.stderr[-2000:])


def test_undo_while_dragging_an_emotion_point_is_harmless(sample_window: MainWindow) -> None:
    window = sample_window
    doc, scene = window.document, window.scene
    command, added = commands.add_step(doc, 5)
    window._push(command)
    scene.flush()
    point = QPointF(scene.points[added.id].pos())
    window.view.centerOn(point)
    target = QPointF(point.x(), scene.map_layout.emotion.y_for_score(2) + 3)
    _press_and_move(window, point, target)
    QTest.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    QTest.mouseRelease(window.view.viewport(), LEFT, NONE, _viewport_point(window, target))
    assert doc.journey.step(added.id) is None and doc.undo_stack.index() == 0
    assert _sound(window)


def test_a_card_typed_into_a_lane_collapsed_meanwhile_is_kept(sample_window: MainWindow) -> None:
    window = sample_window
    doc, scene = window.document, window.scene
    lane, step = doc.journey.lanes[0], doc.journey.steps[0]
    scene.start_new_card(lane.id, step.id, None)
    window.toggle_lane(lane.id)  # Map → Collapse Lane while the editor is open
    scene.flush()
    scene.editor.setPlainText("Idea from the back row")
    scene.editor.commit()
    assert "Idea from the back row" in {c.text for c in doc.journey.cards}
    assert _sound(window)


def test_oversized_cards_on_the_clipboard_are_cut_not_refused(sample_window: MainWindow) -> None:
    import json

    from PySide6.QtCore import QMimeData

    from cjm_desktop.canvas.clipboard import CARDS_MIME, cards_from_mime
    from cjm_desktop.model import MAX_LONG_TEXT

    data = QMimeData()
    data.setData(CARDS_MIME, json.dumps([{"text": "x" * 30_000, "colour": "nonsense"}]).encode())
    [card] = cards_from_mime(data)
    assert len(card["text"]) == MAX_LONG_TEXT
    doc = sample_window.document
    lane, step = doc.journey.lanes[0], doc.journey.steps[0]
    command, [added] = commands.add_cards(doc, lane.id, step.id, 0, [card], "Paste")
    sample_window._push(command)
    assert len(added.text) == MAX_LONG_TEXT and _sound(sample_window)
