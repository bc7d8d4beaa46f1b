"""Reading and atomically writing .cjm files on disk."""

from __future__ import annotations

import contextlib
import errno
import glob
import hashlib
import os
import secrets
import stat
import time
from dataclasses import dataclass
from pathlib import Path

from ..model import Project, reference_problems
from ..translate import tr
from .codec import MAX_FILE_BYTES, dumps, loads, too_large_error
from .errors import ProjectFileError

BACKUP_SUFFIX = ".bak"
_REPLACE_RETRIES = 5
_STALE_TEMP_SECONDS = 600.0
_C = "storage.files"  # translation context of this module


def _still_open_advice() -> str:
    return tr(_C, "Your map is still open and unchanged; use Save As to save it somewhere else")


def load_project(path: Path | str, allow_newer: bool = False) -> Project:
    """Read and check one .cjm file; every failure is a ProjectFileError that names it.

    ``allow_newer`` reads a file written by a newer app (for read-only viewing) instead
    of raising NewerFormatError.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise too_large_error(path, size)
        with path.open("rb") as handle:
            # Bounded read: a file that grows after stat() still cannot exhaust memory.
            raw = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise ProjectFileError(path, tr(_C, "the file does not exist"),
                               tr(_C, "Check the name and folder")) from None
    except IsADirectoryError:
        raise ProjectFileError(path, tr(_C, "it is a folder, not a file"),
                               tr(_C, "Choose a .cjm file")) from None
    except PermissionError:
        raise ProjectFileError(
            path, tr(_C, "you do not have permission to read it"),
            tr(_C, "Copy it somewhere you can read")
        ) from None
    except OSError as exc:
        raise ProjectFileError(
            path, tr(_C, "it could not be read ({reason})").format(reason=exc.strerror or exc),
            tr(_C, "Check the disk and try again")
        ) from None
    return loads(raw, path, allow_newer=allow_newer)


@dataclass(frozen=True)
class DiskState:
    """What a file looked like when we last read or wrote it, to notice changes by others."""

    size: int
    mtime_ns: int
    sha256: str


def disk_state(path: Path | str) -> DiskState | None:
    """The file's current state, or None if it is missing or unreadable."""
    path = Path(path)
    try:
        info = path.stat()
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return None
    return DiskState(info.st_size, info.st_mtime_ns, digest.hexdigest())


def changed_on_disk(path: Path | str, remembered: DiskState | None) -> bool:
    """True if the file now differs from ``remembered`` (by content; a mere touch is no change).

    A file that has disappeared is not "changed": saving simply puts it back.
    """
    if remembered is None:
        return False
    now = disk_state(path)
    if now is None:
        return False
    return now.size != remembered.size or now.sha256 != remembered.sha256


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
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        problem = tr(_C, "the disk is full")
    elif exc.errno == errno.EROFS:
        problem = tr(_C, "the disk is read-only (is the USB stick write-protected?)")
    elif exc.errno in (errno.EACCES, errno.EPERM):
        problem = tr(_C, "you do not have permission to write in that folder")
    elif exc.errno == errno.ENAMETOOLONG:
        problem = tr(_C, "the file name is too long; choose a shorter one")
    elif exc.errno in (errno.ENOENT, errno.ENODEV, errno.ENXIO, errno.EIO):
        problem = tr(_C, "its folder is no longer there (was a USB stick removed?)")
    else:
        problem = tr(_C, "it could not be written ({reason})").format(reason=exc.strerror or exc)
    return ProjectFileError(
        path,
        tr(_C, "the map could not be saved: {problem}").format(problem=problem),
        _still_open_advice(),
    )


def _open_temp(folder: Path, name: str, mode: int | None) -> tuple[int, str]:
    """Create ``.NAME.xxxxxxxx.tmp`` exclusively.

    Unlike mkstemp (always 0600) the new file gets ``mode``, or the umask's default, so a
    map on a shared folder stays readable by the others after a save.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _attempt in range(100):
        tmp_name = str(folder / f".{name}.{secrets.token_hex(4)}.tmp")
        try:
            fd = os.open(tmp_name, flags, 0o666)
        except FileExistsError:
            continue
        if mode is not None:
            with contextlib.suppress(OSError):
                os.chmod(tmp_name, mode)
        return fd, tmp_name
    raise FileExistsError(errno.EEXIST, "no free temporary file name", str(folder))


def _write_temp(folder: Path, name: str, data: bytes, mode: int | None = None) -> str:
    """A fully written and fsynced temporary file in ``folder``; the caller renames or removes it."""
    fd, tmp_name = _open_temp(folder, name, mode)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    return tmp_name


def _backup(path: Path, folder: Path, mode: int | None) -> None:
    # Copy (never move) the previous version, and swap the copy in atomically too, so
    # MAP.cjm.bak is always one whole earlier version even if we die half way.
    tmp_name = _write_temp(folder, path.name + BACKUP_SUFFIX, path.read_bytes(), mode)
    try:
        _replace_with_retry(tmp_name, path.with_name(path.name + BACKUP_SUFFIX))
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise


def _mode_of(path: Path) -> int | None:
    # Keep the permissions someone gave the map (e.g. readable by the whole team).
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return None


def _clear_stale_temps(folder: Path, name: str) -> None:
    # A save killed half way leaves ".MAP.cjm.xxxx.tmp" beside the map; tidy old ones up.
    # Young ones may belong to a save running in another window right now.
    cutoff = time.time() - _STALE_TEMP_SECONDS
    # ".MAP.cjm.*.tmp" also covers the backup's ".MAP.cjm.bak.*.tmp".
    for stray in folder.glob(glob.escape(f".{name}.") + "*.tmp"):
        with contextlib.suppress(OSError):
            if stray.stat().st_mtime < cutoff:
                stray.unlink()


def write_atomically(path: Path | str, data: bytes, backup: bool = True,
                     private: bool = False) -> None:
    """Write next to the target, fsync, then rename over it: readers see old or new, never half.

    The previous file is copied (never moved) to MAP.cjm.bak first, so the original is
    in place at every moment even if the process dies. The file keeps its permissions;
    ``private`` makes it readable by the user only (autosaves, locks).
    """
    path = Path(path)
    try:
        if path.is_symlink():
            # Replace the file the link points to, not the link itself.
            path = path.resolve()
        read_only = path.is_file() and not os.access(path, os.W_OK)
    except OSError as exc:  # a name too long for the file system, a drive gone
        raise _save_error(path, exc) from None
    folder = path.parent if str(path.parent) else Path(".")
    if read_only:
        # Renaming over a read-only file would succeed on POSIX; respect the user's choice.
        raise ProjectFileError(
            path,
            tr(_C, "the map could not be saved: {problem}").format(
                problem=tr(_C, "the file is read-only")),
            _still_open_advice(),
        )
    tmp_name: str | None = None
    try:
        mode = 0o600 if private else _mode_of(path)
        if backup and path.is_file():
            _backup(path, folder, mode)
        tmp_name = _write_temp(folder, path.name, data, mode)
        _replace_with_retry(tmp_name, path)
        tmp_name = None
        _fsync_folder(folder)
        _clear_stale_temps(folder, path.name)
    except OSError as exc:
        raise _save_error(path, exc) from None
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)


def save_project(project: Project, path: Path | str, backup: bool = True) -> None:
    """Write the map atomically, never a map that would not open again.

    Loading refuses dangling references (a card on a step that does not exist); a map with
    one is a bug somewhere, and overwriting a good file with it would lose the file.
    """
    problems = reference_problems(project)
    if problems:
        raise ProjectFileError(
            Path(path),
            tr(_C, "the map could not be saved: {problem}").format(
                problem=tr(_C, "it is inconsistent ({detail})").format(detail=problems[0])),
            tr(_C, "Nothing was written; the file on disk is unchanged. Undo your last change "
                   "and save again, and please report this."))
    write_atomically(path, dumps(project), backup=backup)
