"""Reading and atomically writing .cjm files on disk."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import tempfile
import time
from pathlib import Path

from ..model import Project
from .codec import MAX_FILE_BYTES, dumps, loads
from .errors import ProjectFileError

BACKUP_SUFFIX = ".bak"
_REPLACE_RETRIES = 5


def load_project(path: Path | str) -> Project:
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return loads(b"\0" * (MAX_FILE_BYTES + 1), path)
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ProjectFileError(path, "the file does not exist", "Check the name and folder") from None
    except IsADirectoryError:
        raise ProjectFileError(path, "it is a folder, not a file", "Choose a .cjm file") from None
    except PermissionError:
        raise ProjectFileError(
            path, "you do not have permission to read it", "Copy it somewhere you can read"
        ) from None
    except OSError as exc:
        raise ProjectFileError(
            path, f"it could not be read ({exc.strerror})", "Check the disk and try again"
        ) from None
    return loads(raw, path)


def _fsync_folder(folder: Path) -> None:
    # Makes the rename itself durable; not possible on Windows, where it is not needed.
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _replace_with_retry(source: str, target: Path) -> None:
    # A virus scanner can hold the target for a moment on Windows; retry briefly.
    for attempt in range(_REPLACE_RETRIES):
        try:
            os.replace(source, target)
            return
        except PermissionError:
            if attempt == _REPLACE_RETRIES - 1:
                raise
            time.sleep(0.05 * (attempt + 1))


def _save_error(path: Path, exc: OSError) -> ProjectFileError:
    if exc.errno == errno.ENOSPC:
        problem = "the disk is full"
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        problem = "you do not have permission to write in that folder"
    elif exc.errno == errno.ENOENT:
        problem = "its folder no longer exists (was a USB stick removed?)"
    else:
        problem = f"it could not be written ({exc.strerror or exc})"
    return ProjectFileError(
        path,
        f"the map could not be saved: {problem}",
        "Your map is still open and unchanged; use Save As to save it somewhere else",
    )


def write_atomically(path: Path | str, data: bytes, backup: bool = True) -> None:
    """Write next to the target, fsync, then rename over it: readers see old or new, never half.

    The previous file is copied (never moved) to MAP.cjm.bak first, so the original is
    in place at every moment even if the process dies.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    tmp_name: str | None = None
    try:
        if backup and path.is_file():
            shutil.copy2(path, path.with_name(path.name + BACKUP_SUFFIX))
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        _replace_with_retry(tmp_name, path)
        tmp_name = None
        _fsync_folder(folder)
    except OSError as exc:
        raise _save_error(path, exc) from None
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)


def save_project(project: Project, path: Path | str, backup: bool = True) -> None:
    write_atomically(path, dumps(project), backup=backup)
