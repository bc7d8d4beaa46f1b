"""Lock files that tell a second window or app instance that a map is already open.

``MAP.cjm`` gets ``.MAP.cjm.lock`` beside it holding who opened it (pid, host, user,
time). If that folder is read-only the lock goes to the user data folder, keyed by a
hash of the map's path; every check looks in both places. A lock left by a crashed
app on this machine (its pid is gone) is stale and cleared silently. Pure Python, no Qt.
"""

from __future__ import annotations

import contextlib
import getpass
import hashlib
import json
import logging
import os
import socket
import sys
import tempfile
import time
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path

import platformdirs

APP_NAME = "cjm-desktop"
# A lock file that cannot be read yet may be in the middle of being written by another app.
_UNREADABLE_GRACE_SECONDS = 10.0

log = logging.getLogger(__name__)

# Tokens of the locks this process holds, so a lock naming our own pid but not listed
# here is recognised as left over by an earlier process that had the same pid.
_HELD_TOKENS: set[str] = set()


def pid_alive(pid: int) -> bool:
    """Whether a process with this id runs on this machine."""
    if pid <= 0:
        return False
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        return _windows_pid_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, it just belongs to someone else
    except OSError:
        return False
    return True


def _windows_pid_alive(pid: int) -> bool:  # pragma: no cover - Windows only
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return False
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return False
        return code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


def host_name() -> str:
    try:
        return socket.gethostname() or "unknown"
    except OSError:
        return "unknown"


def user_name() -> str:
    try:
        return getpass.getuser()
    except Exception:  # getpass raises various errors when no user name is configured
        return "unknown"


@dataclass(frozen=True)
class LockInfo:
    """Who holds a lock; ``token`` tells two locks of the same process apart."""

    pid: int
    host: str
    user: str
    time: float
    token: str
    path: str = ""

    @classmethod
    def mine(cls, map_path: Path) -> LockInfo:
        return cls(os.getpid(), host_name(), user_name(), time.time(), uuid.uuid4().hex, str(map_path))

    @property
    def same_host(self) -> bool:
        return self.host == host_name()

    @property
    def held_here(self) -> bool:
        """Held by another window of this very process."""
        return self.same_host and self.pid == os.getpid() and self.token in _HELD_TOKENS

    def is_stale(self) -> bool:
        """Left behind by a process that is gone; locks from other machines are never stale."""
        if not self.same_host:
            return False
        if self.pid == os.getpid():
            return self.token not in _HELD_TOKENS
        return not pid_alive(self.pid)

    def describe(self) -> str:
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(self.time))
        if self.pid < 0:
            return "another app that is opening it right now"
        if self.held_here:
            return f"another window of this app (since {when})"
        where = "this computer" if self.same_host else f"the computer '{self.host}'"
        return f"{self.user} on {where} (since {when}, process {self.pid})"


def _canonical(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path.absolute()


def beside_lock_path(map_path: Path) -> Path:
    path = _canonical(map_path)
    return path.with_name(f".{path.name}.lock")


def fallback_lock_path(map_path: Path) -> Path:
    key = os.path.normcase(str(_canonical(map_path))).encode("utf-8", "surrogatepass")
    folder = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "locks"
    return folder / f"{hashlib.sha256(key).hexdigest()[:24]}.lock"


def _candidates(map_path: Path) -> list[Path]:
    return [beside_lock_path(map_path), fallback_lock_path(map_path)]


def _read(lock_path: Path) -> LockInfo | None:
    """The lock's owner; None if there is no lock. Unreadable fresh locks count as live."""
    try:
        raw = lock_path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError:
        raw = b""
    try:
        data = json.loads(raw.decode("utf-8"))
        when = float(data["time"])
        if not 0 <= when < 1e11:  # NaN, infinity or centuries away: not a time a lock was taken
            raise ValueError("lock time out of range")
        return LockInfo(
            pid=int(data["pid"]), host=str(data["host"]), user=str(data["user"]),
            time=when, token=str(data["token"]), path=str(data.get("path", "")),
        )
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        try:
            age = time.time() - lock_path.stat().st_mtime
        except OSError:
            return None
        if age < _UNREADABLE_GRACE_SECONDS:
            # Probably being written right now by another app: treat as held.
            return LockInfo(pid=-1, host="", user="unknown", time=time.time(), token="", path="")
        return LockInfo(pid=0, host=host_name(), user="unknown", time=0.0, token="broken")


def current_holder(map_path: Path) -> LockInfo | None:
    """The live owner of ``map_path``'s lock, clearing stale locks on the way."""
    for lock_path in _candidates(map_path):
        info = _read(lock_path)
        if info is None:
            continue
        if info.is_stale():
            log.info("clearing stale lock %s (pid %s)", lock_path, info.pid)
            with contextlib.suppress(OSError):
                lock_path.unlink()
            continue
        return info
    return None


def _create(lock_path: Path, info: LockInfo, replace: bool) -> None:
    """Write the lock atomically; unless ``replace``, fail with FileExistsError if one exists."""
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    data = json.dumps(asdict(info), indent=1).encode("utf-8")
    fd, tmp = tempfile.mkstemp(prefix=lock_path.name + ".", suffix=".tmp", dir=lock_path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        # Readable by everyone: a colleague opening the map from a shared folder must see
        # who holds it, or the lock would look broken to them and be cleared.
        with contextlib.suppress(OSError):
            os.chmod(tmp, 0o644)
        if replace:
            os.replace(tmp, lock_path)
            return
        try:
            # link() fails if the lock exists, and readers never see a half-written lock.
            os.link(tmp, lock_path)
        except FileExistsError:
            raise
        except OSError:
            # Filesystems without hard links (FAT on USB sticks): exclusive create instead.
            with open(lock_path, "xb") as handle:
                handle.write(data)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


class MapLock:
    """A lock this process holds on one map; release it on close."""

    def __init__(self, map_path: Path, lock_path: Path, info: LockInfo) -> None:
        self.map_path = map_path
        self.lock_path = lock_path
        self.info = info
        _HELD_TOKENS.add(info.token)

    @property
    def still_ours(self) -> bool:
        """False once another window or instance has taken the map over."""
        found = _read(self.lock_path)
        return found is not None and found.token == self.info.token

    def release(self) -> None:
        """Remove the lock file, but only if it is still ours (not taken over)."""
        _HELD_TOKENS.discard(self.info.token)
        if self.still_ours:
            with contextlib.suppress(OSError):
                self.lock_path.unlink()


class LockedError(Exception):
    """The map is open elsewhere; ``holder`` says by whom."""

    def __init__(self, map_path: Path, holder: LockInfo) -> None:
        self.map_path = map_path
        self.holder = holder
        super().__init__(f"'{map_path}' is open by {holder.describe()}")


def acquire(map_path: Path | str, take_over: bool = False) -> MapLock | None:
    """Lock ``map_path`` for this process.

    Raises LockedError if someone else holds it (unless ``take_over``). Returns None if
    no lock can be written anywhere; the map can still be edited, just unguarded.
    """
    map_path = _canonical(Path(map_path))
    holder = current_holder(map_path)
    if holder is not None and not take_over:
        raise LockedError(map_path, holder)
    info = LockInfo.mine(map_path)
    if take_over:
        # Remove the other lock from both places so our new lock is the only one.
        for lock_path in _candidates(map_path):
            with contextlib.suppress(OSError):
                lock_path.unlink()
    for lock_path in _candidates(map_path):
        try:
            _create(lock_path, info, replace=take_over)
        except FileExistsError:
            # Someone locked it between our check and now.
            found = _read(lock_path)
            if found is not None and not take_over:
                raise LockedError(map_path, found) from None
            continue
        except OSError as exc:
            log.info("cannot write lock %s: %s", lock_path, exc)
            continue
        return MapLock(map_path, lock_path, info)
    log.warning("no lock could be written for %s", map_path)
    return None
