"""SIGTERM (or a forced logout) autosaves unsaved edits before the app goes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cjm_desktop.storage.recovery import find_recoverable, restore

CHILD = r"""
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from cjm_desktop import app as app_module
from cjm_desktop.commands import edit_card

ready = Path(sys.argv[2])

def edit_then_report() -> None:
    window = next(w for w in QApplication.topLevelWidgets() if getattr(w, "document", None))
    doc = window.document
    doc.undo_stack.push(edit_card(doc, doc.journey.cards[0].id, text="Edited just before logout"))
    ready.write_text("ready", encoding="utf-8")

app_module.create_application()  # the timer needs the application first
QTimer.singleShot(300, edit_then_report)
sys.exit(app_module.run_gui([sys.argv[1]]))
"""


@pytest.mark.skipif(os.name != "posix", reason="SIGTERM")
def test_sigterm_autosaves_unsaved_edits(tmp_path: Path, sample_file: Path) -> None:
    path = tmp_path / "rail.cjm"
    path.write_bytes(sample_file.read_bytes())
    ready = tmp_path / "ready"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(path), str(ready)], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while not ready.exists():
            assert child.poll() is None, child.stdout.read().decode(errors="replace")
            assert time.monotonic() < deadline, "the child app never got ready"
            time.sleep(0.05)
        child.send_signal(signal.SIGTERM)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
    entries = [e for e in find_recoverable() if e.original_path == path]
    assert len(entries) == 1, [e.name for e in find_recoverable()]
    restored = restore(entries[0])
    assert restored.journeys[0].cards[0].text == "Edited just before logout"
