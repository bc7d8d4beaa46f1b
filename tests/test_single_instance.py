"""A second `cjm-desktop FILE` hands FILE to the running app, which opens it in a new window."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from PySide6.QtCore import QDir

from cjm_desktop.single_instance import (
    NAME_ENV,
    InstanceServer,
    decode_request,
    encode_request,
    hand_over,
    open_received,
    serve,
)

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def name() -> str:
    """A socket name no real cjm-desktop uses."""
    return f"cjm-test-{uuid.uuid4().hex[:12]}"


@pytest.fixture
def server(qapp, name: str):
    instance = InstanceServer(name)
    assert instance.listen()
    yield instance
    instance.close()


def _hand_over_in_child(name: str, files: list[str]) -> subprocess.Popen[str]:
    """Another process, as a second `cjm-desktop` start would be."""
    code = ("import sys; from cjm_desktop.single_instance import hand_over; "
            f"sys.exit(0 if hand_over({files!r}, {name!r}) else 3)")
    return subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, text=True,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})


def test_request_round_trip_keeps_unusual_paths(tmp_path: Path) -> None:
    names = [str(tmp_path / "kundresa 🙂.cjm"), str(tmp_path / "رحلة.cjm"), str(tmp_path / "<&>.cjm")]
    assert decode_request(encode_request(names).strip()) == [Path(n) for n in names]


def test_relative_paths_are_sent_absolute(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert decode_request(encode_request(["map.cjm"]).strip()) == [tmp_path / "map.cjm"]


@pytest.mark.parametrize("junk", [b"", b"\xff\xfe", b"[]", b'{"files": "x"}', b'{"files": [1]}',
                                  b"not json"])
def test_junk_requests_are_refused(junk: bytes) -> None:
    assert decode_request(junk) is None


def test_hand_over_without_running_app_returns_false_quickly(qapp, name: str) -> None:
    started = time.perf_counter()
    assert hand_over(["/tmp/x.cjm"], name) is False
    assert time.perf_counter() - started < 2


def test_second_start_hands_files_to_the_running_app(qtbot, server: InstanceServer, name: str,
                                                      tmp_path: Path) -> None:
    wanted = [str(tmp_path / "a.cjm"), str(tmp_path / "b 🙂.cjm")]
    with qtbot.waitSignal(server.files_received, timeout=10000) as blocker:
        child = _hand_over_in_child(name, wanted)
    assert blocker.args[0] == [Path(w) for w in wanted]
    assert child.wait(timeout=10) == 0


def test_second_listener_defers_to_the_live_one(qapp, server: InstanceServer, name: str) -> None:
    other = InstanceServer(name)
    assert other.listen() is False
    assert server.is_listening()


@pytest.mark.skipif(sys.platform == "win32", reason="named pipes leave no file behind")
def test_stale_socket_of_a_crashed_app_is_replaced(qapp, name: str) -> None:
    path = Path(QDir.tempPath()) / name
    stale = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    stale.bind(str(path))  # bound, never listening: what a killed app leaves
    stale.close()
    assert path.exists()
    try:
        server = InstanceServer(name)
        assert server.listen() is True
        server.close()
    finally:
        path.unlink(missing_ok=True)


def test_received_files_open_in_new_windows(qtbot, sample_file: Path, tmp_path: Path) -> None:
    from cjm_desktop.app import WindowManager

    first = tmp_path / "first.cjm"
    second = tmp_path / "second.cjm"
    shutil.copyfile(sample_file, first)
    shutil.copyfile(sample_file, second)
    manager = WindowManager()
    start = manager.new_window(None)
    start.show()
    open_received(manager, [first])
    # The untouched start window takes the first map; the next map gets a window of its own.
    assert start.document is not None and start.document.path == first
    open_received(manager, [second])
    paths = [w.document.path for w in manager.windows if w.document is not None]
    assert paths == [first, second]
    open_received(manager, [])
    assert len(manager.windows) == 3 and manager.windows[-1].document is None
    for window in list(manager.windows):
        window.close()


def test_unreadable_file_opens_no_window(qtbot, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from cjm_desktop.app import WindowManager
    from cjm_desktop.ui import messages

    errors: list[tuple[object, ...]] = []
    monkeypatch.setattr(messages, "show_error", lambda *a: errors.append(a))
    bad = tmp_path / "broken.cjm"
    bad.write_text("{ not json", encoding="utf-8")
    manager = WindowManager()
    open_received(manager, [bad])
    assert manager.windows == [] or all(w.document is None for w in manager.windows)
    assert errors  # the user is told which file could not be opened


def test_cli_second_start_hands_over_and_exits(qtbot, qapp, name: str, sample_file: Path,
                                               tmp_path: Path) -> None:
    """`cjm-desktop FILE` itself (no window of its own) while an app listens."""
    from cjm_desktop.app import WindowManager

    target = tmp_path / "handed.cjm"
    shutil.copyfile(sample_file, target)
    manager = WindowManager()
    server = serve(manager, name)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", NAME_ENV: name}
    child = subprocess.Popen([sys.executable, "-m", "cjm_desktop", str(target)], cwd=ROOT, env=env)
    try:
        qtbot.waitUntil(lambda: any(w.document is not None and w.document.path == target
                                    for w in manager.windows), timeout=20000)
        assert child.wait(timeout=20) == 0
    finally:
        if child.poll() is None:
            child.kill()
        server.close()
        for window in list(manager.windows):
            window.close()


def test_desktop_file_open_event_opens_a_window(qtbot, qapp, name: str, sample_file: Path,
                                                tmp_path: Path) -> None:
    """macOS Finder sends a FileOpen event rather than a command line."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QFileOpenEvent

    from cjm_desktop.app import WindowManager

    target = tmp_path / "from finder.cjm"
    shutil.copyfile(sample_file, target)
    manager = WindowManager()
    server = serve(manager, name)
    try:
        QCoreApplication.sendEvent(qapp, QFileOpenEvent(str(target)))
        assert [w.document.path for w in manager.windows if w.document is not None] == [target]
    finally:
        server.close()
        for window in list(manager.windows):
            window.close()


PRIMARY_WITH_MODAL_ERROR = r"""
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from cjm_desktop.app import WindowManager, create_application
from cjm_desktop.document import MapDocument
from cjm_desktop.resources import sample_path
from cjm_desktop.single_instance import serve
from cjm_desktop.storage import load_project

app = create_application()
shown = []

def close_error_box_later():
    # The real message box, read for a while: meanwhile the second start hangs up.
    box = QApplication.activeModalWidget()
    if box is not None and not shown:
        shown.append(box.windowTitle())
        QTimer.singleShot(1500, box.close)
        QTimer.singleShot(2500, app.quit)

watcher = QTimer(interval=50)
watcher.timeout.connect(close_error_box_later)
watcher.start()
manager = WindowManager()
manager.new_window(MapDocument(load_project(sample_path()))).show()  # opened on the sample
serve(manager, sys.argv[1])
Path(sys.argv[2]).write_text("listening", encoding="utf-8")
QTimer.singleShot(20000, app.quit)
app.exec()
print("errors shown:", len(shown))
"""


def test_running_app_survives_an_error_box_for_a_handed_over_file(qapp, name: str,
                                                                    tmp_path: Path) -> None:
    """The error for a missing file is modal; the second start hanging up meanwhile must not
    pull the connection out from under the running app (it crashed once)."""
    ready = tmp_path / "ready"
    primary = subprocess.Popen([sys.executable, "-c", PRIMARY_WITH_MODAL_ERROR, name, str(ready)],
                               cwd=ROOT, text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    try:
        deadline = time.monotonic() + 30
        while not ready.exists():
            assert primary.poll() is None, primary.stdout.read()
            assert time.monotonic() < deadline, "the running app never started listening"
            time.sleep(0.05)
        assert hand_over([str(tmp_path / "gone <&> 🙂.cjm")], name)
        output, _ = primary.communicate(timeout=30)
    finally:
        if primary.poll() is None:
            primary.kill()
    assert primary.returncode == 0, output
    assert "errors shown: 1" in output


def test_a_blank_window_with_a_dialog_open_is_not_reused(qtbot, sample_file: Path,
                                                          tmp_path: Path) -> None:
    """Someone is typing a card on the blank map when a colleague's file arrives."""
    from PySide6.QtWidgets import QDialog

    from cjm_desktop.app import WindowManager
    from cjm_desktop.document import MapDocument

    arriving = tmp_path / "colleague.cjm"
    shutil.copyfile(sample_file, arriving)
    manager = WindowManager()
    blank = manager.new_window(MapDocument())
    blank.show()
    typing = QDialog(blank)
    typing.show()
    blank_document = blank.document
    open_received(manager, [arriving])
    assert blank.document is blank_document  # the dialog's map stays under it
    assert [w.document.path for w in manager.windows if w is not blank] == [arriving]
    typing.close()
    for window in list(manager.windows):
        window.close()
