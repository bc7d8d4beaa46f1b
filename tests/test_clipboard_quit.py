"""Quitting with copied cards on the clipboard must end cleanly (PySide6 crashed on it)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent("""
    from PySide6.QtCore import QTimer
    from cjm_desktop.app import create_application
    from cjm_desktop.canvas.clipboard import cards_to_mime
    from cjm_desktop.model import Card

    app = create_application()
    app.clipboard().setMimeData(cards_to_mime([Card(text="Köper biljett 🚆", lane_id="l",
                                                    step_id="s")]))
    QTimer.singleShot(0, app.quit)
    app.exec()
    print(repr(app.clipboard().text()))
""")


def test_quitting_with_copied_cards_exits_cleanly_and_keeps_their_text(tmp_path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path),
           "XDG_CONFIG_HOME": str(tmp_path / "config")}
    done = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == repr("Köper biljett 🚆")
