"""Autosave when the session ends under us: logout (session manager) or SIGTERM.

A forced logout or `kill` would otherwise lose the edits made since the last
autosave; this writes every open map's autosave first, so the next start offers it.
"""

from __future__ import annotations

import signal
from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from ..document import MapDocument
from .safety import emergency_autosave

_TICK_MS = 400


def install_shutdown_autosave(app: QApplication,
                              get_documents: Callable[[], list[MapDocument]]) -> None:
    def save_all(*_args: object) -> None:
        emergency_autosave([d for d in get_documents() if d.is_dirty])

    app.commitDataRequest.connect(save_all)

    def on_sigterm(_signum: int, _frame: object) -> None:
        save_all()
        # exit(), not quit(): quit() closes windows, and a close would ask "save changes?"
        # with nobody there and then drop the autosave the next start must offer.
        app.exit(0)

    signal.signal(signal.SIGTERM, on_sigterm)
    # Python runs signal handlers only between bytecodes; a idle tick keeps that happening
    # while Qt's event loop (C++) waits for events.
    ticker = QTimer(app)
    ticker.setInterval(_TICK_MS)
    ticker.timeout.connect(lambda: None)
    ticker.start()
