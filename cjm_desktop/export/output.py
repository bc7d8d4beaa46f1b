"""Atomic writing of export files: an existing file is replaced whole or not at all."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

from ..translate import tr
from .errors import ExportError

_C = "export.output"  # translation context of this module

def _problem(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return tr(_C, "the disk is full")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return tr(_C, "you do not have permission to write there")
    if exc.errno == errno.ENOENT:
        return tr(_C, "the folder does not exist")
    if exc.errno == errno.EISDIR:
        return tr(_C, "it is a folder")
    if exc.errno == errno.ENAMETOOLONG:
        return tr(_C, "the file name is too long")
    return exc.strerror or str(exc)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def check_writable(path: Path) -> None:
    """Fail before the (possibly long) rendering when the target obviously cannot be written."""
    try:
        _check_writable(path)
    except OSError as exc:  # a name too long for the file system, a vanished drive…
        raise ExportError(tr(_C, "Cannot write '{path}': {problem}").format(
            path=path, problem=_problem(exc))) from None


def _check_writable(path: Path) -> None:
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise ExportError(tr(_C, "Cannot write '{path}': it is a folder; choose a file name")
                          .format(path=path))
    if not folder.is_dir():
        raise ExportError(tr(_C, "Cannot write '{path}': the folder '{folder}' does not exist")
                          .format(path=path, folder=folder))
    if not os.access(folder, os.W_OK):
        raise ExportError(tr(_C, "Cannot write '{path}': you do not have permission to write in "
                             "'{folder}'").format(path=path, folder=folder))


def write_output(path: Path, data: bytes) -> None:
    """Temp file in the same folder, fsync, rename over the target; cleaned up on any failure."""
    folder = path.parent if str(path.parent) else Path(".")
    tmp_name: str | None = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp creates 0600; give the file the mode a normally created file would get.
        os.chmod(tmp_name, 0o666 & ~_umask())
        os.replace(tmp_name, path)
        tmp_name = None
    except OSError as exc:
        raise ExportError(tr(_C, "Cannot write '{path}': {problem}. Any existing file there is "
                             "unchanged").format(path=path, problem=_problem(exc))) from None
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
