"""A GUI app process for the crash test: open a map, edit, let autosave run, then wait to be
killed. Usage: python safety_child.py [--window] MAP.cjm CARD_TEXT...

With --window the real main window opens the map and the app loses focus (autosave at
once); without, a bare DocumentSafety on a plain widget autosaves on a 0.2 s timer."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from cjm_desktop.commands.cards import add_card  # noqa: E402
from cjm_desktop.document import MapDocument  # noqa: E402
from cjm_desktop.storage import load_project  # noqa: E402
from cjm_desktop.ui.safety import DocumentSafety  # noqa: E402


def main() -> None:
    use_window = sys.argv[1] == "--window"
    args = sys.argv[2:] if use_window else sys.argv[1:]
    path = Path(args[0])
    app = QApplication([])
    if use_window:
        # The real app window, opened the way the app opens files.
        from cjm_desktop.app import WindowManager

        manager = WindowManager()
        window = manager.open_path(path)
        assert window is not None and window.safety is not None
        window.show()
        document, safety = window.document, window.safety
    else:
        window = QWidget()
        document = MapDocument(load_project(path), path)
        safety = DocumentSafety(document, window, interval_seconds=0.2)
        assert safety.acquire_lock(path) == "write"
    journey = document.journey
    for text in args[1:]:
        command, _card = add_card(document, journey.lanes[0].id, journey.steps[0].id, text)
        document.undo_stack.push(command)
    if use_window:
        # The participant switches to another app: focus loss autosaves at once.
        app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationInactive)
    # No autosave_now(): the timer or focus loss must do it, as in a real session.
    deadline = time.monotonic() + 20
    while not safety.autosave_path.with_suffix(".json").exists() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    print("autosaved" if safety.autosave_path.exists() else "timeout", flush=True)
    while True:  # a workshop laptop whose battery is about to die
        app.processEvents()
        time.sleep(0.05)


if __name__ == "__main__":
    main()
