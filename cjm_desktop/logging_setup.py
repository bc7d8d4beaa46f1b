"""Log to a rotating file in the user's log folder, so a crash report can point to it.

No Qt here: the CLI may use it too.
"""

from __future__ import annotations

import logging
import tempfile
from logging.handlers import RotatingFileHandler
from pathlib import Path

import platformdirs

APP_NAME = "cjm-desktop"
LOG_NAME = "cjm-desktop.log"
MAX_LOG_BYTES = 1_000_000
BACKUP_COUNT = 3
_FORMAT = "%(asctime)s %(levelname)s %(process)d %(name)s: %(message)s"

_handler: RotatingFileHandler | None = None


def log_folder() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def log_file() -> Path | None:
    """The file logs go to, once ``setup_logging`` ran; None before."""
    return Path(_handler.baseFilename) if _handler is not None else None


def setup_logging(level: int = logging.INFO) -> Path:
    """Attach one rotating file handler to the root logger (again: no-op) and return its file.

    If the user log folder cannot be created (a locked-down machine), logs go to the
    temporary folder instead, so there is always a file to point the user to.
    """
    global _handler
    if _handler is not None:
        return Path(_handler.baseFilename)
    for folder in (log_folder(), Path(tempfile.gettempdir()) / APP_NAME):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            handler = RotatingFileHandler(
                folder / LOG_NAME, maxBytes=MAX_LOG_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8"
            )
        except OSError:
            continue
        break
    else:
        raise OSError("no folder for the log file could be created")
    handler.setFormatter(logging.Formatter(_FORMAT))
    root = logging.getLogger()
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > level:
        root.setLevel(level)
    _handler = handler
    return Path(handler.baseFilename)


def shutdown_logging() -> None:
    """Detach and close the handler (tests, and a clean end of the app)."""
    global _handler
    if _handler is not None:
        logging.getLogger().removeHandler(_handler)
        _handler.close()
        _handler = None
