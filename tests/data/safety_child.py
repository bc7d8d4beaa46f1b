"""A GUI-like app process for the crash test: open a map, edit, let autosave run, then wait
to be killed. Usage: python safety_child.py MAP.cjm CARD_TEXT..."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from cjm_desktop.commands.cards import add_card  # noqa: E402
from cjm_desktop.document import MapDocument  # noqa: E402
from cjm_desktop.storage import load_project  # noqa: E402
from cjm_desktop.ui.safety import DocumentSafety  # noqa: E402


def main() -> None:
    path = Path(sys.argv[1])
    app = QApplication([])
    window = QWidget()
    document = MapDocument(load_project(path), path)
    safety = DocumentSafety(document, window, interval_seconds=0.2)
    assert safety.acquire_lock(path) == "write"
    journey = document.journey
    for text in sys.argv[2:]:
        command, _card = add_card(document, journey.lanes[0].id, journey.steps[0].id, text)
        document.undo_stack.push(command)
    # No autosave_now(): the timer must do it, as in a real session.
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
