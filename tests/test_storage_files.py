"""Safe files: save errors leave the old file and the map intact, backups, size limit,
external-change detection, format versions and migrations."""

from __future__ import annotations

import errno
import json
import os
import pickle
import shutil
import stat
import sys
import tempfile
import time
from pathlib import Path

import pytest

from cjm_desktop.model import FORMAT_VERSION, Card, Project, new_project
from cjm_desktop.storage import (
    NewerFormatError,
    ProjectFileError,
    codec,
    dumps,
    files,
    load_project,
    loads,
    migrations,
    save_project,
)
from cjm_desktop.storage.files import changed_on_disk, disk_state, write_atomically

DATA = Path(__file__).parent / "data"


def _project(cards: int = 3, title: str = "Workshop <&> 🙂") -> Project:
    project = new_project(title)
    journey = project.journeys[0]
    for i in range(cards):
        journey.cards.append(Card(text=f"card {i} مرحبا", lane_id=journey.lanes[i % 4].id,
                                  step_id=journey.steps[i % 5].id, order=i))
    return project


@pytest.fixture
def saved(tmp_path: Path) -> tuple[Path, Project]:
    path = tmp_path / "map.cjm"
    project = _project()
    save_project(project, path)
    return path, project


def _assert_failed_save_is_harmless(path: Path, before: bytes, edited: Project, snapshot: bytes,
                                    info: pytest.ExceptionInfo[ProjectFileError]) -> None:
    message = info.value.message
    assert str(path) in message and "Save As" in message
    assert "Traceback" not in message and "\n" not in message
    assert path.read_bytes() == before  # the old file is untouched
    assert dumps(edited) == snapshot  # the map in memory is unchanged
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]  # no debris


def test_disk_full_during_write(saved: tuple[Path, Project], monkeypatch: pytest.MonkeyPatch) -> None:
    path, project = saved
    before = path.read_bytes()
    project.journeys[0].cards[0].text = "edited"
    snapshot = dumps(project)

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", full)
    with pytest.raises(ProjectFileError) as info:
        save_project(project, path)
    assert "the disk is full" in info.value.message
    _assert_failed_save_is_harmless(path, before, project, snapshot, info)


def test_disk_full_while_writing_bytes(saved: tuple[Path, Project], monkeypatch: pytest.MonkeyPatch) -> None:
    path, project = saved
    before = path.read_bytes()
    snapshot = dumps(project)
    real_fdopen = os.fdopen

    class FullFile:
        def __init__(self, handle: object) -> None:
            self._handle = handle

        def __enter__(self) -> FullFile:
            return self

        def __exit__(self, *exc: object) -> None:
            self._handle.close()  # type: ignore[attr-defined]

        def write(self, data: bytes) -> int:
            self._handle.write(data[: len(data) // 2])  # type: ignore[attr-defined]
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files.os, "fdopen", lambda fd, mode: FullFile(real_fdopen(fd, mode)))
    with pytest.raises(ProjectFileError) as info:
        save_project(project, path, backup=False)
    assert "the disk is full" in info.value.message
    _assert_failed_save_is_harmless(path, before, project, snapshot, info)


@pytest.mark.parametrize(("code", "expected"), [
    (errno.EACCES, "permission to write in that folder"),
    (errno.EPERM, "permission to write in that folder"),
    (errno.EROFS, "the disk is read-only"),
])
def test_unwritable_folder_by_os_error(saved: tuple[Path, Project], monkeypatch: pytest.MonkeyPatch,
                                       code: int, expected: str) -> None:
    # Works as root too: the OS call itself refuses, as it would on a locked folder or stick.
    path, project = saved
    before = path.read_bytes()
    snapshot = dumps(project)

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(files, "_open_temp", refuse)
    with pytest.raises(ProjectFileError) as info:
        save_project(project, path)
    assert expected in info.value.message
    _assert_failed_save_is_harmless(path, before, project, snapshot, info)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_read_only_folder_for_real(saved: tuple[Path, Project]) -> None:
    """A folder the user may not write: as root the save runs in a child that drops to nobody."""
    _path, project = saved
    folder = Path(tempfile.mkdtemp(prefix="cjm-ro-", dir="/tmp"))
    path = folder / "map.cjm"
    save_project(project, path)
    path.chmod(0o644)
    if os.geteuid() == 0:
        os.chown(path, 65534, 65534)  # the child's own file, in a folder it may not write
    before = path.read_bytes()
    folder.chmod(0o555)
    try:
        if os.geteuid() != 0:
            with pytest.raises(ProjectFileError) as info:
                save_project(project, path)
            assert "permission" in info.value.message
        else:
            pid = os.fork()
            if pid == 0:  # child: an ordinary user, for whom the folder mode really applies
                code = 1
                try:
                    os.setgid(65534)
                    os.setuid(65534)
                    save_project(project, path)
                except ProjectFileError as exc:
                    code = 0 if "permission" in exc.message else 2
                    print(exc.message, file=sys.stderr)
                finally:
                    os._exit(code)
            _pid, status = os.waitpid(pid, 0)
            assert os.waitstatus_to_exitcode(status) == 0
        assert path.read_bytes() == before
        assert sorted(p.name for p in folder.iterdir()) == ["map.cjm"]
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder, ignore_errors=True)


def test_read_only_file_is_not_replaced(saved: tuple[Path, Project], monkeypatch: pytest.MonkeyPatch) -> None:
    path, project = saved
    before = path.read_bytes()
    snapshot = dumps(project)
    path.chmod(0o444)
    if os.access(path, os.W_OK):  # root ignores modes; ask the same question the OS would refuse
        real_access = os.access
        monkeypatch.setattr(files.os, "access",
                            lambda p, mode: False if Path(p) == path else real_access(p, mode))
    with pytest.raises(ProjectFileError) as info:
        save_project(project, path)
    assert "the file is read-only" in info.value.message
    _assert_failed_save_is_harmless(path, before, project, snapshot, info)


def test_vanished_folder(tmp_path: Path) -> None:
    stick = tmp_path / "usb"
    stick.mkdir()
    path = stick / "map.cjm"
    project = _project()
    save_project(project, path)
    shutil.rmtree(stick)  # the stick was pulled out
    snapshot = dumps(project)
    with pytest.raises(ProjectFileError) as info:
        save_project(project, path)
    assert "folder is no longer there" in info.value.message and "Save As" in info.value.message
    assert dumps(project) == snapshot


def test_replace_is_retried_while_the_file_is_held(saved: tuple[Path, Project],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    path, project = saved
    project.title = "after retry"
    real_replace = os.replace
    calls: list[str] = []

    def flaky(src: str, dst: object) -> None:
        calls.append(src)
        if len(calls) <= 2:  # a virus scanner holds the file for a moment
            raise PermissionError(errno.EACCES, "in use")
        real_replace(src, dst)

    monkeypatch.setattr(files.os, "replace", flaky)
    save_project(project, path, backup=False)
    assert len(calls) == 3
    assert load_project(path).title == "after retry"


def test_backup_is_a_copy_of_the_previous_version(saved: tuple[Path, Project]) -> None:
    path, project = saved
    first = path.read_bytes()
    project.title = "second"
    save_project(project, path)
    assert path.with_name("map.cjm.bak").read_bytes() == first
    assert load_project(path).title == "second"
    project.title = "third"
    save_project(project, path)
    assert load_project(path.with_name("map.cjm.bak")).title == "second"


def test_huge_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.cjm"
    with path.open("wb") as handle:  # sparse: takes no disk space
        handle.truncate(codec.MAX_FILE_BYTES + 1)
    with pytest.raises(ProjectFileError) as info:
        load_project(path)
    assert "larger than the 100 MB a map can be" in info.value.message
    assert str(path) in info.value.message


def test_loading_never_runs_code(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"

    class Evil:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (marker.write_text, ("ran",))

    path = tmp_path / "evil.cjm"
    path.write_bytes(pickle.dumps(Evil()))
    with pytest.raises(ProjectFileError):
        load_project(path)
    doc = json.loads(dumps(new_project()))
    doc["title"] = "__import__('os').system('touch pwned')"
    doc["journeys"][0]["name"] = "{{7*7}} ${7*7} `id`"
    project = loads(json.dumps(doc).encode())
    assert project.title == doc["title"] and project.journeys[0].name == "{{7*7}} ${7*7} `id`"
    assert not marker.exists()


def test_external_change_is_noticed_but_a_touch_is_not(saved: tuple[Path, Project]) -> None:
    path, project = saved
    state = disk_state(path)
    assert state is not None and not changed_on_disk(path, state)
    os.utime(path, (1, 1))  # touched, same content
    assert not changed_on_disk(path, state)
    other = load_project(path)
    other.title = "edited elsewhere"
    save_project(other, path, backup=False)
    assert changed_on_disk(path, state)
    path.unlink()
    assert not changed_on_disk(path, state)  # saving simply puts it back
    assert not changed_on_disk(path, None)


def test_unknown_fields_survive_a_round_trip_through_a_save(tmp_path: Path) -> None:
    doc = json.loads(dumps(_project()))
    doc["written_by_newer_app"] = {"sticky_wall": [1, 2]}
    doc["journeys"][0]["cards"][0]["reaction"] = "👍"
    source = tmp_path / "in.cjm"
    source.write_text(json.dumps(doc), encoding="utf-8")
    out = tmp_path / "out.cjm"
    save_project(load_project(source), out)
    again = json.loads(out.read_text(encoding="utf-8"))
    assert again["written_by_newer_app"] == {"sticky_wall": [1, 2]}
    assert again["journeys"][0]["cards"][0]["reaction"] == "👍"


def test_every_shipped_version_file_loads() -> None:
    # One file per released format_version; version 1 is the first, so there is one file today.
    versions = sorted(DATA.glob("format-v*.cjm"))
    assert [p.name for p in versions] == [f"format-v{v}.cjm" for v in range(1, FORMAT_VERSION + 1)]
    for path in versions:
        project = load_project(path)
        assert project.format_version == FORMAT_VERSION
        assert project.journeys[0].cards


def test_newer_version_is_refused_with_its_number_and_can_be_read_for_viewing(tmp_path: Path) -> None:
    doc = json.loads(dumps(_project()))
    doc["format_version"] = FORMAT_VERSION + 1
    doc["hologram"] = True
    path = tmp_path / "newer.cjm"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(NewerFormatError) as info:
        load_project(path)
    assert info.value.version == FORMAT_VERSION + 1
    assert f"format version {FORMAT_VERSION + 1}" in info.value.message and "Update" in info.value.message
    viewed = load_project(path, allow_newer=True)
    assert viewed.format_version == FORMAT_VERSION + 1 and len(viewed.journeys[0].cards) == 3


def test_migration_chain_runs_each_step_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    # No older format exists yet, so pretend this app writes version 3 and register two steps.
    chain = migrations.MigrationChain(target=FORMAT_VERSION + 2)

    @chain.register(FORMAT_VERSION)
    def rename_title(doc: dict) -> dict:
        doc["title"] = doc.pop("name")
        return doc

    @chain.register(FORMAT_VERSION + 1)
    def add_settings(doc: dict) -> dict:
        doc.setdefault("settings", {})["paper"] = "A1"
        return doc

    monkeypatch.setattr(migrations, "CHAIN", chain)
    doc = json.loads(dumps(_project()))
    doc["name"] = doc.pop("title")
    project = loads(json.dumps(doc).encode())
    assert project.title == "Workshop <&> 🙂"
    assert project.settings.paper == "A1"
    assert project.format_version == FORMAT_VERSION + 2


def test_migration_gaps_and_broken_old_files_give_clear_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    chain = migrations.MigrationChain(target=FORMAT_VERSION + 1)
    monkeypatch.setattr(migrations, "CHAIN", chain)
    raw = dumps(_project())
    with pytest.raises(ProjectFileError, match="too old to convert"):
        loads(raw, "old.cjm")

    @chain.register(FORMAT_VERSION)
    def needs_name(doc: dict) -> dict:
        doc["title"] = doc.pop("name")  # KeyError on a file without "name"
        return doc

    with pytest.raises(ProjectFileError) as info:
        loads(raw, "old.cjm")
    assert f"converted from format version {FORMAT_VERSION}" in info.value.message
    with pytest.raises(ValueError):
        chain.register(FORMAT_VERSION)(needs_name)  # registered twice
    with pytest.raises(ValueError):
        chain.register(FORMAT_VERSION + 1)  # would lead past the target


def test_write_atomically_creates_and_overwrites(tmp_path: Path) -> None:
    path = tmp_path / "plain.bin"
    write_atomically(path, b"one")
    write_atomically(path, b"two")
    assert path.read_bytes() == b"two"
    assert path.with_name("plain.bin.bak").read_bytes() == b"one"


def test_debris_of_killed_saves_is_tidied_up_but_not_fresh_temps(saved: tuple[Path, Project]) -> None:
    path, project = saved
    old = path.with_name(".map.cjm.abc123.tmp")
    old_backup = path.with_name(".map.cjm.bak.def456.tmp")
    fresh = path.with_name(".map.cjm.xyz789.tmp")
    unrelated = path.with_name(".other.cjm.abc123.tmp")
    for stray in (old, old_backup, fresh, unrelated):
        stray.write_bytes(b"half a save")
    past = time.time() - 3600
    for stray in (old, old_backup, unrelated):
        os.utime(stray, (past, past))
    save_project(project, path)
    assert not old.exists() and not old_backup.exists()
    assert fresh.exists() and unrelated.exists()


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_save_keeps_the_files_permissions_and_symlinks(tmp_path: Path) -> None:
    shared = tmp_path / "shared.cjm"
    save_project(_project(), shared)
    assert stat.S_IMODE(shared.stat().st_mode) == 0o666 & ~_umask()  # not mkstemp's 0600
    shared.chmod(0o640)
    save_project(_project(1), shared)
    assert stat.S_IMODE(shared.stat().st_mode) == 0o640
    assert stat.S_IMODE(shared.with_name("shared.cjm.bak").stat().st_mode) == 0o640
    link = tmp_path / "link.cjm"
    link.symlink_to(shared)
    save_project(_project(2), link, backup=False)
    assert link.is_symlink() and len(load_project(shared).journeys[0].cards) == 2


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
