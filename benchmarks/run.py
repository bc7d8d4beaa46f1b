"""Speed and memory of the canvas, storage and export; prints one JSON object.

    python benchmarks/run.py [--cards N] [--json] [--no-export]

Budgets at 2,000 cards on a 2-core machine: open + first paint ≤ 500 ms, drag frame
median ≤ 8 ms, save ≤ 100 ms, peak RSS ≤ 250 MB, A0 export ≤ 3 s. Run on demand, never
as a timed unit test.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.synthetic import make_project  # noqa: E402

FRAME_W, FRAME_H = 1920, 1080


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def bench_canvas(cards: int, folder: Path) -> dict[str, float]:
    from PySide6.QtCore import QPoint, QPointF, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from cjm_desktop.canvas.scene import MapScene
    from cjm_desktop.canvas.view import MapView
    from cjm_desktop.document import MapDocument
    from cjm_desktop.storage import load_project, save_project
    from cjm_desktop.ui.qt_fonts import register_fonts

    app = QApplication.instance() or QApplication([])
    register_fonts()
    path = folder / "bench.cjm"
    save_project(make_project(cards=cards), path, backup=False)

    # Warm the font caches once so the numbers describe a running app, not Python start-up.
    warm = MapScene(MapDocument(load_project(path)))
    del warm

    start = time.perf_counter()
    document = MapDocument(load_project(path), path)
    scene = MapScene(document)
    view = MapView(scene)
    view.resize(FRAME_W, FRAME_H)
    view.show()
    opened = time.perf_counter()
    view.fit_map()
    view.viewport().grab()
    painted = time.perf_counter()
    app.processEvents()

    # Drag one card across 100 positions at 100 % zoom, rendering the full view each time.
    view.reset_zoom()
    card_id = document.journey.cards[0].id
    item = scene.cards[card_id]
    centre = item.sceneBoundingRect().center()
    view.centerOn(centre)
    viewport = view.viewport()
    press = view.mapFromScene(centre)
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, press)
    frames: list[float] = []
    for i in range(1, 101):
        target = press + QPoint(i * 6, (i % 20) * 4)
        t0 = time.perf_counter()
        QTest.mouseMove(viewport, target)
        viewport.grab()
        frames.append(time.perf_counter() - t0)
    release_at = press + QPoint(260 * 2, 0)
    t0 = time.perf_counter()
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       release_at)
    scene.flush()
    drop = time.perf_counter() - t0

    # Drag an emotion point through the scale; every snap re-renders the view.
    point = scene.points[document.journey.steps[3].id]
    view.centerOn(point.pos())
    chart = scene.map_layout.emotion
    top = view.mapFromScene(QPointF(point.pos().x(), chart.y_for_score(10)))
    bottom = view.mapFromScene(QPointF(point.pos().x(), chart.y_for_score(0)))
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     view.mapFromScene(point.pos()))
    emotion: list[float] = []
    for i in range(40):
        fraction = i / 39
        y = int(top.y() + (bottom.y() - top.y()) * fraction)
        t0 = time.perf_counter()
        QTest.mouseMove(viewport, QPoint(top.x(), y))
        viewport.grab()
        emotion.append(time.perf_counter() - t0)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       QPoint(top.x(), bottom.y()))
    scene.flush()

    # Scroll across the map as a facilitator would with the wheel or scrollbars.
    scroll: list[float] = []
    bar = view.horizontalScrollBar()
    for value in range(bar.minimum(), bar.maximum(), max(1, (bar.maximum() - bar.minimum()) // 40)):
        t0 = time.perf_counter()
        bar.setValue(value)
        viewport.grab()
        scroll.append(time.perf_counter() - t0)

    t0 = time.perf_counter()
    save_project(document.project, folder / "saved.cjm")
    saved = time.perf_counter() - t0
    return {
        "cards": cards,
        "open_ms": _ms(opened - start),
        "first_paint_ms": _ms(painted - opened),
        "open_plus_first_paint_ms": _ms(painted - start),
        "drag_frame_ms_median": _ms(statistics.median(frames)),
        "drag_frame_ms_p95": _ms(_percentile(frames, 0.95)),
        "drop_relayout_ms": _ms(drop),
        "emotion_drag_ms_median": _ms(statistics.median(emotion)),
        "scroll_frame_ms_median": _ms(statistics.median(scroll)) if scroll else 0.0,
        "save_ms": _ms(saved),
    }


def bench_select_and_delete(cards: int, folder: Path) -> dict[str, float]:
    """Select All then Delete in the real window (menus, history, docks listening)."""
    from PySide6.QtWidgets import QApplication

    from cjm_desktop.document import MapDocument
    from cjm_desktop.storage import load_project
    from cjm_desktop.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    window = MainWindow(MapDocument(load_project(folder / "bench.cjm")))
    window.resize(FRAME_W, FRAME_H)
    window.show()
    app.processEvents()
    t0 = time.perf_counter()
    window.select_all_cards()
    app.processEvents()
    selected = time.perf_counter()
    window.delete_selection()
    window.scene.flush()
    app.processEvents()
    deleted = time.perf_counter()
    window.document.undo_stack.setClean()  # nothing to ask about when the window goes
    window.close()
    return {"select_all_ms": _ms(selected - t0), "delete_all_ms": _ms(deleted - selected)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=2000)
    parser.add_argument("--json", action="store_true", help="print only the JSON object")
    parser.add_argument("--no-export", action="store_true", help="skip the export benchmark")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        result: dict[str, object] = bench_canvas(args.cards, Path(tmp))
        result.update(bench_select_and_delete(args.cards, Path(tmp)))
    if not args.no_export:
        from benchmarks.export_bench import bench_export

        result.update(bench_export())
    result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    result["python"] = sys.version.split()[0]
    print(json.dumps(result, indent=None if args.json else 2, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
