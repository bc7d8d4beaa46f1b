"""The main window uses the safety layer: locks, autosave, disk-change check, read-only."""

from __future__ import annotations

from pathlib import Path

import pytest

from cjm_desktop.app import WindowManager
from cjm_desktop.storage import locks
from cjm_desktop.ui import safety


@pytest.fixture
def map_file(sample_file: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "rail.cjm"
    copy.write_bytes(sample_file.read_bytes())
    return copy


def _open(qtbot, path: Path):
    manager = WindowManager()
    window = manager.open_path(path)
    window._manager = manager
    qtbot.addWidget(window)
    return window


def test_open_locks_and_close_releases(qtbot, map_file: Path) -> None:
    window = _open(qtbot, map_file)
    assert locks.current_holder(map_file) is not None
    window.close()
    assert locks.current_holder(map_file) is None


def test_second_window_on_same_file_asks_and_can_open_read_only(qtbot, map_file: Path,
                                                                monkeypatch) -> None:
    first = _open(qtbot, map_file)
    questions: list[str] = []

    def answer(_parent, title, _text, choices):
        questions.append(title)
        return "Open read-only"

    monkeypatch.setattr(safety, "ask", answer)
    second = _open(qtbot, map_file)  # another manager: as a second app instance would
    assert questions == ["Map already open"]
    assert second.document.read_only and "read-only" in second.windowTitle()
    assert not second.act_add_card.isEnabled()
    first.close()


def test_autosave_now_then_save_drops_it(qtbot, map_file: Path) -> None:
    window = _open(qtbot, map_file)
    window.scene.cards[window.document.journey.cards[0].id].setSelected(True)
    window.delete_selection()
    window.safety.autosave_now()
    autosave = window.safety.autosave_path
    qtbot.waitUntil(autosave.exists, timeout=5000)
    assert window.save()
    qtbot.waitUntil(lambda: not autosave.exists(), timeout=5000)


def test_save_asks_when_file_changed_on_disk(qtbot, map_file: Path, monkeypatch) -> None:
    window = _open(qtbot, map_file)
    window.scene.cards[window.document.journey.cards[0].id].setSelected(True)
    window.delete_selection()
    outside = map_file.read_bytes().replace(b"Plan the trip", b"Plan the trip (edited elsewhere)")
    map_file.write_bytes(outside)
    asked: list[str] = []
    monkeypatch.setattr(safety, "ask", lambda _p, title, _t, choices: asked.append(title)
                        or "Cancel")
    assert not window.save()
    assert asked == ["File changed on disk"]
    assert map_file.read_bytes() == outside
    assert window.document.is_dirty
