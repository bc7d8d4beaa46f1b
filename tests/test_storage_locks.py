"""Lock files: a second opener is told who holds the map; stale locks vanish silently."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from cjm_desktop.storage import locks


@pytest.fixture
def map_path(tmp_path: Path) -> Path:
    path = tmp_path / "Workshop <&> 🙂.cjm"
    path.write_text("{}", encoding="utf-8")
    return path


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


@pytest.fixture
def other_process(map_path: Path) -> Iterator[subprocess.Popen[str]]:
    """Another app instance that really holds the lock, until the test ends."""
    code = (
        "import sys, time\n"
        "from cjm_desktop.storage import locks\n"
        "lock = locks.acquire(sys.argv[1])\n"
        "print('locked', flush=True)\n"
        "time.sleep(60)\n"
    )
    child = subprocess.Popen([sys.executable, "-c", code, str(map_path)], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "locked"
        yield child
    finally:
        child.kill()
        child.wait()


def test_lock_file_beside_the_map_names_the_owner(map_path: Path) -> None:
    lock = locks.acquire(map_path)
    assert lock is not None
    assert lock.lock_path == map_path.resolve().with_name(f".{map_path.name}.lock")
    data = json.loads(lock.lock_path.read_text(encoding="utf-8"))
    assert data["pid"] == os.getpid() and data["host"] == locks.host_name()
    assert data["user"] and data["time"] > 0
    lock.release()
    assert not lock.lock_path.exists()


def test_second_window_in_the_same_process_is_told(map_path: Path) -> None:
    lock = locks.acquire(map_path)
    with pytest.raises(locks.LockedError) as info:
        locks.acquire(map_path)
    assert info.value.holder.held_here
    assert "another window of this app" in info.value.holder.describe()
    assert lock is not None
    lock.release()
    again = locks.acquire(map_path)
    assert again is not None
    again.release()


def test_lock_held_by_another_live_process(map_path: Path, other_process: subprocess.Popen[str]) -> None:
    with pytest.raises(locks.LockedError) as info:
        locks.acquire(map_path)
    holder = info.value.holder
    assert holder.pid == other_process.pid and not holder.is_stale()
    assert f"process {other_process.pid}" in holder.describe()
    assert "this computer" in holder.describe()
    # Taking over replaces the other lock; the other process can see it is no longer the owner.
    mine = locks.acquire(map_path, take_over=True)
    assert mine is not None and mine.still_ours
    assert locks.current_holder(map_path) == mine.info
    mine.release()


def test_stale_lock_of_a_dead_process_is_cleared_silently(map_path: Path) -> None:
    lock_path = locks.beside_lock_path(map_path)
    lock_path.write_text(json.dumps({"pid": _dead_pid(), "host": locks.host_name(), "user": "x",
                                     "time": time.time() - 3600, "token": "crashed"}), encoding="utf-8")
    lock = locks.acquire(map_path)
    assert lock is not None and lock.still_ours
    lock.release()


def test_lock_left_by_an_earlier_process_with_our_pid_is_stale(map_path: Path) -> None:
    lock_path = locks.beside_lock_path(map_path)
    lock_path.write_text(json.dumps({"pid": os.getpid(), "host": locks.host_name(), "user": "x",
                                     "time": 1.0, "token": "before-reboot"}), encoding="utf-8")
    assert locks.current_holder(map_path) is None
    assert not lock_path.exists()


def test_lock_from_another_computer_is_never_stale(map_path: Path) -> None:
    lock_path = locks.beside_lock_path(map_path)
    lock_path.write_text(json.dumps({"pid": _dead_pid(), "host": "laptop-of-kim", "user": "kim",
                                     "time": time.time(), "token": "t"}), encoding="utf-8")
    with pytest.raises(locks.LockedError) as info:
        locks.acquire(map_path)
    assert "kim on the computer 'laptop-of-kim'" in info.value.holder.describe()


def test_broken_lock_file_counts_only_while_fresh(map_path: Path) -> None:
    lock_path = locks.beside_lock_path(map_path)
    lock_path.write_bytes(b"")  # another app is between creating and filling it
    with pytest.raises(locks.LockedError):
        locks.acquire(map_path)
    old = time.time() - 3600
    os.utime(lock_path, (old, old))  # a crash left it empty long ago
    lock = locks.acquire(map_path)
    assert lock is not None
    lock.release()


def test_read_only_folder_puts_the_lock_in_the_user_data_folder(map_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    beside = locks.beside_lock_path(map_path)
    real_mkstemp = locks.tempfile.mkstemp

    def refuse_beside(*args: object, dir: Path, **kwargs: object) -> tuple[int, str]:  # noqa: A002
        if Path(dir) == beside.parent:
            raise PermissionError(13, "Permission denied")
        return real_mkstemp(*args, dir=dir, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(locks.tempfile, "mkstemp", refuse_beside)
    lock = locks.acquire(map_path)
    assert lock is not None and lock.lock_path == locks.fallback_lock_path(map_path)
    assert not beside.exists()
    with pytest.raises(locks.LockedError):  # a second opener checks there too
        locks.acquire(map_path)
    lock.release()
    assert not lock.lock_path.exists()


def test_release_after_take_over_leaves_the_new_lock(map_path: Path) -> None:
    first = locks.acquire(map_path)
    second = locks.acquire(map_path, take_over=True)
    assert first is not None and second is not None
    assert not first.still_ours
    first.release()
    assert second.still_ours
    second.release()
    assert locks.current_holder(map_path) is None


def test_pid_alive() -> None:
    assert locks.pid_alive(os.getpid())
    assert not locks.pid_alive(_dead_pid())
    assert not locks.pid_alive(0) and not locks.pid_alive(-5)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_lock_is_readable_by_colleagues_on_a_shared_folder(map_path: Path) -> None:
    lock = locks.acquire(map_path)
    assert lock is not None
    assert lock.lock_path.stat().st_mode & 0o044 == 0o044
    lock.release()


@pytest.mark.parametrize("when", [1e300, "NaN", "Infinity", -5])
def test_a_lock_with_an_impossible_time_does_not_stop_the_map_opening(map_path: Path,
                                                                      when: object) -> None:
    lock_path = locks.beside_lock_path(map_path)
    lock_path.write_text('{"pid": 1, "host": "x", "user": "kim", "token": "t", "time": %s}'
                         % (when if isinstance(when, str) else repr(when)), encoding="utf-8")
    old = time.time() - 3600
    os.utime(lock_path, (old, old))  # an old file with junk in it: nobody holds it
    lock = locks.acquire(map_path)
    assert lock is not None
    lock.release()
