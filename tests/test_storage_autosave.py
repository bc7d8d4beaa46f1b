"""Autosave slots and the recovery scan, without Qt."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cjm_desktop.model import Card, Project, new_project
from cjm_desktop.storage import ProjectFileError, dumps, load_project, save_project
from cjm_desktop.storage.autosave import AutosaveMeta, AutosaveSlot, autosave_folder, count_cards
from cjm_desktop.storage.recovery import (
    adopt_claimed_slot,
    count_card_differences,
    discard,
    find_recoverable,
    restore,
)

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def _project(cards: int = 3) -> Project:
    project = new_project("Workshop <b>&</b> 🙂")
    journey = project.journeys[0]
    for i in range(cards):
        journey.cards.append(Card(text=f"card {i}", lane_id=journey.lanes[0].id,
                                  step_id=journey.steps[0].id, order=i))
    return project


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _crashed_slot(project: Project, original: Path | None, pid: int | None = None) -> AutosaveSlot:
    """An autosave as a crashed app leaves it: written by a process that is gone."""
    slot = AutosaveSlot()
    meta = AutosaveMeta.describe(slot.session, project, original)
    data = json.loads(meta.to_bytes())
    data["pid"] = pid if pid is not None else _dead_pid()
    slot.write(dumps(project), AutosaveMeta(**data))
    return slot


def test_autosave_goes_to_the_user_data_folder(tmp_path: Path) -> None:
    assert str(autosave_folder()).startswith(os.environ["XDG_DATA_HOME"])
    slot = AutosaveSlot()
    project = _project()
    slot.write(dumps(project), AutosaveMeta.describe(slot.session, project, None))
    assert slot.data_path.parent == autosave_folder()
    assert load_project(slot.data_path) == project
    meta = AutosaveMeta.from_bytes(slot.meta_path.read_bytes())
    assert meta.title == project.title and meta.card_count == 3 and meta.original_path is None
    assert meta.pid == os.getpid() and abs(meta.saved_at - time.time()) < 60
    slot.remove()
    assert not slot.data_path.exists() and not slot.meta_path.exists()
    slot.remove()  # removing twice is harmless


def test_metadata_rejects_garbage() -> None:
    for raw in (b"", b"[]", b'{"session": 1}', b"\xff", b'{"session": "x", "pid": "1"}'):
        with pytest.raises(ValueError):
            AutosaveMeta.from_bytes(raw)


def test_crashed_autosave_is_offered_with_card_differences(tmp_path: Path) -> None:
    original = tmp_path / "map.cjm"
    saved = _project(3)
    save_project(saved, original)
    edited = saved.model_copy(deep=True)
    cards = edited.journeys[0].cards
    cards[0].text = "changed"
    cards.pop(1)
    cards.append(Card(text="new", lane_id=cards[0].lane_id, step_id=cards[0].step_id))
    _crashed_slot(edited, original)
    entries = find_recoverable()
    assert len(entries) == 1
    entry = entries[0]
    assert entry.original_path == original and entry.name == "map.cjm"
    assert entry.cards_differ == 3 and entry.card_count == 3
    assert entry.summary() == "3 cards differ from the saved file"
    assert abs(entry.saved_at.timestamp() - time.time()) < 60


def test_never_saved_and_missing_originals_are_described(tmp_path: Path) -> None:
    _crashed_slot(_project(1), None)
    _crashed_slot(_project(2), tmp_path / "gone.cjm")
    summaries = sorted(entry.summary() for entry in find_recoverable())
    assert summaries == ["never saved, 1 card", "the saved file is missing or unreadable, 2 cards"]
    never = next(e for e in find_recoverable() if e.original_path is None)
    assert never.name == "Workshop <b>&</b> 🙂"


def test_autosaves_of_running_instances_are_not_offered(tmp_path: Path) -> None:
    _crashed_slot(_project(), None, pid=os.getpid())  # this very process: a live window
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        _crashed_slot(_project(), None, pid=sleeper.pid)  # another live instance
        assert find_recoverable() == []
    finally:
        sleeper.kill()
        sleeper.wait()
    assert len(find_recoverable()) == 1  # now that instance is gone, its work is offered


def test_restore_claims_the_slot_until_the_new_window_adopts_it(tmp_path: Path) -> None:
    project = _project(5)
    slot = _crashed_slot(project, None)
    [entry] = find_recoverable()
    restored = restore(entry)
    assert restored == project
    assert find_recoverable() == []  # claimed by this live process, so not offered twice
    assert slot.data_path.exists()  # kept until the new window saves or closes cleanly
    assert adopt_claimed_slot(restored) is not None
    assert adopt_claimed_slot(restored) is None


def test_two_copies_of_one_map_each_get_their_own_autosave_back(tmp_path: Path) -> None:
    """Anna's and Bo's copies share the map's id; restored together, nothing swaps."""
    anna = _project(2)
    bo = anna.model_copy(deep=True)
    bo.journeys[0].cards[0].text = "Bo's version"
    slots = {"anna": _crashed_slot(anna, tmp_path / "anna.cjm"),
             "bo": _crashed_slot(bo, tmp_path / "bo.cjm")}
    restored = {e.original_path.stem: restore(e) for e in find_recoverable()}
    assert set(restored) == {"anna", "bo"}
    for name in ("bo", "anna"):  # adopted in the other order than restored
        slot = adopt_claimed_slot(restored[name])
        assert slot is not None and slot.session == slots[name].session


def test_discard_removes_the_autosave(tmp_path: Path) -> None:
    slot = _crashed_slot(_project(), None)
    [entry] = find_recoverable()
    discard(entry)
    assert find_recoverable() == [] and not slot.data_path.exists()


def test_damaged_autosaves_are_skipped_not_fatal(tmp_path: Path) -> None:
    folder = autosave_folder()
    folder.mkdir(parents=True)
    (folder / "junk.json").write_bytes(b"\x00\x01")
    (folder / "other.json").write_text('{"session": "mismatch", "pid": 1}', encoding="utf-8")
    broken = _crashed_slot(_project(), None)
    broken.data_path.write_bytes(b"{torn")
    good = _crashed_slot(_project(2), None)
    assert [e.session for e in find_recoverable()] == [good.session]


def test_old_debris_is_cleared_but_fresh_writes_are_left_alone(tmp_path: Path) -> None:
    folder = autosave_folder()
    folder.mkdir(parents=True)
    old_tmp = folder / ".x.cjm.abc.tmp"
    fresh_tmp = folder / ".y.cjm.def.tmp"
    orphan = folder / "orphan.cjm"
    for path in (old_tmp, fresh_tmp, orphan):
        path.write_bytes(b"partial")
    past = time.time() - 7200
    os.utime(old_tmp, (past, past))
    os.utime(orphan, (past, past))
    find_recoverable()
    assert not old_tmp.exists() and not orphan.exists() and fresh_tmp.exists()


def test_card_difference_count() -> None:
    a = _project(4)
    b = a.model_copy(deep=True)
    assert count_card_differences(a, b) == 0
    b.journeys[0].cards[3].votes = 2
    b.title = "renamed"  # not a card
    assert count_card_differences(a, b) == 1
    assert count_card_differences(a, _project(0)) == 4
    assert count_cards(a) == 4


def test_autosave_of_a_2000_card_map_is_fast(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("synthetic", BENCHMARKS / "synthetic.py")
    assert spec is not None and spec.loader is not None
    synthetic = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(synthetic)
    project = synthetic.make_project(cards=2000)
    assert count_cards(project) == 2000
    slot = AutosaveSlot()
    timings: list[tuple[float, float]] = []
    for _ in range(3):
        start = time.perf_counter()
        data = dumps(project)  # the GUI-thread part
        middle = time.perf_counter()
        slot.write(data, AutosaveMeta.describe(slot.session, project, None))  # the background part
        timings.append((middle - start, time.perf_counter() - middle))
    serialize, write = min(timings)
    print(f"\nautosave of 2,000 cards ({len(data) / 1e6:.2f} MB): serialize {serialize * 1000:.1f} ms "
          f"on the GUI thread, write {write * 1000:.1f} ms in the background")
    # Generous bounds for slow CI machines; the GUI thread part must stay well under a second.
    assert serialize < 0.5
    assert write < 5.0
    assert load_project(slot.data_path) == project


def test_unwritable_data_folder_raises_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x", encoding="utf-8")
    slot = AutosaveSlot(folder=blocker / "autosave")
    with pytest.raises((ProjectFileError, OSError)):
        slot.write(b"{}", AutosaveMeta.describe(slot.session, _project(), None))


def test_autosave_identical_to_the_saved_file_is_dropped_silently(tmp_path: Path) -> None:
    original = tmp_path / "map.cjm"
    project = _project(2)
    save_project(project, original)
    slot = _crashed_slot(project, original)  # killed after saving, before removing the autosave
    assert find_recoverable() == []
    assert not slot.meta_path.exists()


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_autosaves_are_private_to_the_user() -> None:
    slot = AutosaveSlot()
    project = _project()
    slot.write(dumps(project), AutosaveMeta.describe(slot.session, project, None))
    assert slot.data_path.stat().st_mode & 0o077 == 0
    assert slot.meta_path.stat().st_mode & 0o077 == 0
