"""Test setup shared by every test: offscreen Qt, isolated user folders, sample paths."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Set before any Qt import so the suite runs on machines without a screen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory,
                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep autosaves, settings and logs of tests out of the real home folder."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    # A cjm-desktop the developer has open must not receive the files tests open.
    monkeypatch.setenv("CJM_DESKTOP_INSTANCE_NAME", f"cjm-desktop-test-{os.getpid()}-{home.name}")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Like the app on quit: copied cards must not crash PySide6's teardown (see clipboard.py)."""
    from PySide6.QtWidgets import QApplication

    from cjm_desktop.canvas.clipboard import keep_text_only

    app = QApplication.instance()
    if app is not None:
        keep_text_only(QApplication.clipboard())


@pytest.fixture
def sample_file() -> Path:
    from cjm_desktop.resources import sample_path

    return sample_path()


@pytest.fixture(autouse=True)
def _no_real_message_boxes(monkeypatch: pytest.MonkeyPatch) -> None:
    """A real modal box would block an offscreen test forever; default answers instead.

    Tests that care about a question replace these again with their own answers.
    """
    from cjm_desktop.ui import messages

    monkeypatch.setattr(messages, "ask_save_changes", lambda *_a: "discard")
    monkeypatch.setattr(messages, "show_error", lambda *_a: None)
    monkeypatch.setattr(messages, "ask_save_failed", lambda *_a: False)
    monkeypatch.setattr(messages, "confirm", lambda *_a: True)
    from cjm_desktop.ui import safety

    # Questions about locks, newer files and recovery: the last (safest) choice, like Esc.
    monkeypatch.setattr(safety, "ask", lambda _parent, _title, _text, choices: choices[-1])
    monkeypatch.setattr(safety, "show_error", lambda *_a: None)


@pytest.fixture
def sample_window(qtbot, sample_file: Path, tmp_path: Path):
    """The real main window on a writable copy of the sample, shown and active."""
    from PySide6.QtTest import QTest

    from cjm_desktop.app import WindowManager

    copy = tmp_path / "rail.cjm"
    copy.write_bytes(sample_file.read_bytes())
    manager = WindowManager()
    window = manager.open_path(copy)
    qtbot.addWidget(window)
    window._manager = manager  # the manager must outlive the test's use of the window
    window.show()
    window.activateWindow()
    assert QTest.qWaitForWindowActive(window)
    return window
