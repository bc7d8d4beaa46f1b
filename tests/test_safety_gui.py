"""DocumentSafety, the crash hook and the recovery dialog, driven through pytest-qt."""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QWidget

from cjm_desktop import logging_setup
from cjm_desktop.commands.cards import add_card
from cjm_desktop.document import MapDocument
from cjm_desktop.model import Project, new_project
from cjm_desktop.storage import ProjectFileError, load_project, save_project
from cjm_desktop.storage.autosave import AutosaveMeta, autosave_folder
from cjm_desktop.storage.recovery import find_recoverable
from cjm_desktop.ui import messages, safety
from cjm_desktop.ui.recovery_dialog import DISCARD, LATER, RESTORE, RecoveryDialog
from tests.gui_helpers import crash_leftover

CHILD = Path(__file__).parent / "data" / "safety_child.py"


class Asker:
    """Stands in for the user: answers each question with the next scripted choice."""

    def __init__(self, *answers: str) -> None:
        self.answers = list(answers)
        self.questions: list[tuple[str, str, list[str]]] = []

    def __call__(self, parent: QWidget | None, title: str, text: str, choices: list[str]) -> str:
        self.questions.append((title, text, choices))
        answer = self.answers.pop(0)
        assert answer in choices
        return answer


@pytest.fixture
def window(qtbot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def saved_map(tmp_path: Path) -> Path:
    path = tmp_path / "Workshop <&> 🙂.cjm"
    save_project(new_project("Rail <b>trip</b>"), path)
    return path


@pytest.fixture
def no_questions(monkeypatch: pytest.MonkeyPatch) -> Asker:
    asker = Asker()
    monkeypatch.setattr(safety, "ask", asker)
    return asker


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(safety, "show_error", lambda parent, title, text: shown.append((title, text)))
    return shown


@pytest.fixture
def restore_excepthook() -> Iterator[None]:
    import threading

    hooks = (sys.excepthook, threading.excepthook)
    yield
    sys.excepthook, threading.excepthook = hooks
    logging_setup.shutdown_logging()


def _add(document: MapDocument, text: str) -> None:
    journey = document.journey
    command, _card = add_card(document, journey.lanes[0].id, journey.steps[0].id, text)
    document.undo_stack.push(command)


def _texts(project: Project) -> list[str]:
    return [card.text for card in project.journeys[0].cards]


def _open(path: Path | None, window: QWidget,
          interval: float = 30.0) -> tuple[MapDocument, safety.DocumentSafety]:
    document = MapDocument(load_project(path) if path else None, path)
    guard = safety.DocumentSafety(document, window, interval_seconds=interval)
    return document, guard


# ----- autosave ----------------------------------------------------------------------
def test_timer_autosaves_an_unsaved_edit(qtbot, window: QWidget) -> None:
    document, guard = _open(None, window, interval=0.05)
    assert not guard.autosave_path.exists()
    _add(document, "Queue at the counter 🙂")
    with qtbot.waitSignal(guard.autosaved, timeout=3000):
        pass
    assert _texts(load_project(guard.autosave_path)) == ["Queue at the counter 🙂"]
    meta = AutosaveMeta.from_bytes(guard.autosave_path.with_suffix(".json").read_bytes())
    assert meta.original_path is None and meta.card_count == 1
    guard.close()


def test_steady_editing_cannot_postpone_autosave(qtbot, window: QWidget) -> None:
    document, guard = _open(None, window, interval=0.15)
    started = time.monotonic()
    while not guard.autosave_path.exists():
        _add(document, "another card")  # an edit every 20 ms, forever
        qtbot.wait(20)
        assert time.monotonic() - started < 3, "autosave never ran while edits kept coming"
    guard.close()


def test_clean_document_has_no_autosave_and_undo_to_clean_removes_it(qtbot, window: QWidget,
                                                                     saved_map: Path) -> None:
    document, guard = _open(saved_map, window)
    guard.autosave_now()
    assert not guard.autosave_path.exists()  # nothing unsaved, nothing to recover
    _add(document, "edit")
    guard.autosave_now()
    assert guard.autosave_path.exists()
    document.undo_stack.undo()
    assert not document.is_dirty
    guard.autosave_now()
    assert not guard.autosave_path.exists()
    guard.close()


def test_focus_loss_autosaves(qtbot, window: QWidget) -> None:
    document, guard = _open(None, window)
    _add(document, "before lunch")
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    with qtbot.waitSignal(guard.autosaved, timeout=3000):
        app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationInactive)
    _add(document, "after lunch")
    with qtbot.waitSignal(guard.autosaved, timeout=3000):
        QApplication.sendEvent(window, QEvent(QEvent.Type.WindowDeactivate))
    assert _texts(load_project(guard.autosave_path)) == ["before lunch", "after lunch"]
    guard.close()


def test_save_and_clean_close_remove_the_autosave_and_the_lock(qtbot, window: QWidget, saved_map: Path,
                                                               no_questions: Asker) -> None:
    document, guard = _open(saved_map, window)
    assert guard.acquire_lock(saved_map) == "write"
    lock_file = saved_map.with_name(f".{saved_map.name}.lock")
    assert lock_file.exists()
    _add(document, "x")
    guard.autosave_now()
    assert guard.autosave_path.exists()
    assert guard.confirm_save(saved_map)
    save_project(document.project, saved_map)
    document.mark_saved(saved_map)
    guard.saved(saved_map)
    qtbot.waitUntil(lambda: not guard.autosave_path.exists(), timeout=3000)
    _add(document, "y")
    guard.autosave_now()
    assert guard.autosave_path.exists()
    guard.close()  # the user chose "Don't save"
    assert not guard.autosave_path.exists() and not lock_file.exists()
    assert find_recoverable() == []
    assert no_questions.questions == []


def test_save_as_moves_the_lock(qtbot, window: QWidget, saved_map: Path, no_questions: Asker) -> None:
    document, guard = _open(saved_map, window)
    guard.acquire_lock(saved_map)
    new_path = saved_map.with_name("copy.cjm")
    assert guard.confirm_save(new_path)
    save_project(document.project, new_path)
    guard.saved(new_path)
    assert not saved_map.with_name(f".{saved_map.name}.lock").exists()
    assert new_path.with_name(".copy.cjm.lock").exists()
    guard.close()
    assert not new_path.with_name(".copy.cjm.lock").exists()


def test_failed_save_keeps_the_map_dirty_and_autosaved(qtbot, window: QWidget, tmp_path: Path) -> None:
    stick = tmp_path / "usb"
    stick.mkdir()
    path = stick / "map.cjm"
    save_project(new_project(), path)
    document, guard = _open(path, window)
    _add(document, "precious card")
    os.remove(path)
    stick.rmdir()  # the stick was pulled
    with pytest.raises(ProjectFileError) as info:
        save_project(document.project, path)
    assert "USB stick" in info.value.message and "Save As" in info.value.message
    assert document.is_dirty and _texts(document.project) == ["precious card"]
    guard.autosave_now()
    assert _texts(load_project(guard.autosave_path)) == ["precious card"]
    guard.close()


def test_autosave_failure_is_reported_not_raised(qtbot, window: QWidget,
                                                 monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    document, guard = _open(None, window)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setattr(guard._slot, "folder", blocker / "autosave")
    _add(document, "card")
    with qtbot.waitSignal(guard.autosave_failed, timeout=3000) as failed:
        assert guard.autosave_now() is False
    assert "Save your map" in failed.args[0]
    monkeypatch.undo()
    assert guard.autosave_now() is True  # tried again, not considered done
    assert guard.autosave_path.exists()
    guard.close()


# ----- locks -------------------------------------------------------------------------
@pytest.mark.parametrize(("answer", "result"), [("Open read-only", "readonly"), ("Take over", "write"),
                                                ("Cancel", "cancel")])
def test_opening_a_map_open_in_another_window_asks(qtbot, saved_map: Path, monkeypatch: pytest.MonkeyPatch,
                                                    answer: str, result: str) -> None:
    first_window, second_window = QWidget(), QWidget()
    qtbot.addWidget(first_window)
    qtbot.addWidget(second_window)
    _doc1, first = _open(saved_map, first_window)
    asker = Asker(answer)
    monkeypatch.setattr(safety, "ask", asker)
    assert first.acquire_lock(saved_map) == "write"
    _doc2, second = _open(saved_map, second_window)
    assert second.acquire_lock(saved_map) == result
    [(title, text, choices)] = asker.questions
    assert saved_map.name in text and "another window of this app" in text
    assert choices == ["Open read-only", "Take over", "Cancel"]
    assert first._lock is not None and first._lock.still_ours == (answer != "Take over")
    second.close()
    first.close()


def test_stale_lock_is_cleared_without_asking(qtbot, window: QWidget, saved_map: Path,
                                              no_questions: Asker) -> None:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    lock_file = saved_map.with_name(f".{saved_map.name}.lock")
    lock_file.write_text(json.dumps({"pid": dead.pid, "host": safety.locks.host_name(), "user": "u",
                                     "time": 1.0, "token": "old"}), encoding="utf-8")
    _document, guard = _open(saved_map, window)
    assert guard.acquire_lock(saved_map) == "write"
    assert no_questions.questions == []
    guard.close()


# ----- external modification ---------------------------------------------------------
@pytest.mark.parametrize(("answer", "expected"), [("Overwrite", True), ("Cancel", False)])
def test_saving_over_a_file_changed_on_disk_asks(qtbot, window: QWidget, saved_map: Path,
                                                 monkeypatch: pytest.MonkeyPatch, answer: str,
                                                 expected: bool) -> None:
    document, guard = _open(saved_map, window)
    guard.acquire_lock(saved_map)
    _add(document, "mine")
    other = load_project(saved_map)
    other.title = "edited in another program"
    save_project(other, saved_map, backup=False)
    asker = Asker(answer)
    monkeypatch.setattr(safety, "ask", asker)
    assert guard.confirm_save(saved_map) is expected
    assert "changed by another program" in asker.questions[0][1]
    if expected:
        save_project(document.project, saved_map)
        guard.saved(saved_map)
        assert guard.confirm_save(saved_map)  # our own save is not an outside change
        assert len(asker.questions) == 1
    guard.close()


def test_save_as_onto_a_map_open_elsewhere_asks(qtbot, saved_map: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    first_window, second_window = QWidget(), QWidget()
    qtbot.addWidget(first_window)
    qtbot.addWidget(second_window)
    _doc1, first = _open(saved_map, first_window)
    first.acquire_lock(saved_map)
    _doc2, second = _open(None, second_window)
    asker = Asker("Cancel")
    monkeypatch.setattr(safety, "ask", asker)
    assert second.confirm_save(saved_map) is False
    assert "is open by another window" in asker.questions[0][1]
    second.close()
    first.close()


# ----- unhandled exceptions ----------------------------------------------------------
def test_unhandled_exception_logs_autosaves_and_shows_a_short_message(
        qtbot, window: QWidget, errors: list[tuple[str, str]], restore_excepthook: None) -> None:
    document, guard = _open(None, window)
    _add(document, "unsaved card 🙂")
    safety.install_exception_hook(lambda: [document])
    try:
        raise RuntimeError("secret internal detail")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    [(title, text)] = errors
    log_path = logging_setup.log_file()
    assert log_path is not None and str(log_path) in text
    assert str(log_path).startswith(os.environ["XDG_STATE_HOME"]) or "log" in str(log_path).lower()
    assert "autosaved" in text
    assert "Traceback" not in text and "secret internal detail" not in text
    assert _texts(load_project(guard.autosave_path)) == ["unsaved card 🙂"]
    for handler in logging.getLogger().handlers:
        handler.flush()
    logged = log_path.read_text(encoding="utf-8")
    assert "Traceback" in logged and "RuntimeError: secret internal detail" in logged
    guard.close()


def test_crash_hook_autosaves_documents_without_a_guard(qtbot, errors: list[tuple[str, str]],
                                                       restore_excepthook: None) -> None:
    document = MapDocument(new_project("orphan"))
    _add(document, "kept")
    safety.install_exception_hook(lambda: [document])
    sys.excepthook(ValueError, ValueError("x"), None)
    [meta_path] = [p for p in autosave_folder().glob("*.json")
                   if AutosaveMeta.from_bytes(p.read_bytes()).title == "orphan"]
    assert _texts(load_project(meta_path.with_suffix(".cjm"))) == ["kept"]
    assert "autosaved" in errors[0][1]


def test_crash_message_when_autosave_failed() -> None:
    text = safety.crash_message(Path("/logs/cjm.log"), ["map.cjm"])
    assert "could not be autosaved: map.cjm" in text and "Save As" in text and "/logs/cjm.log" in text


# ----- recovery ----------------------------------------------------------------------
def test_recovery_dialog_shows_each_map_as_plain_text(qtbot, saved_map: Path) -> None:
    edited = load_project(saved_map)
    edited.title = "renamed before the crash"
    crash_leftover(edited, saved_map)
    crash_leftover(new_project("<b>Never</b> saved"), None)
    dialog = RecoveryDialog(find_recoverable())
    qtbot.addWidget(dialog)
    names = sorted(dialog.table.item(row, 0).text() for row in range(dialog.table.rowCount()))
    assert names == sorted([saved_map.name, "<b>Never</b> saved"])
    summaries = {dialog.table.item(row, 2).text() for row in range(dialog.table.rowCount())}
    assert "never saved, 0 cards" in summaries
    combo = dialog.table.cellWidget(0, 3)
    assert isinstance(combo, QComboBox) and combo.currentData() == RESTORE
    session = dialog.choices()[0][0].session
    dialog.set_choice(session, DISCARD)
    assert dialog.choices()[0][1] == DISCARD
    QTimer.singleShot(0, dialog.later_button.click)
    assert safety.exec_dialog(dialog) is False


def test_offer_recovery_restores_discards_and_keeps(qtbot, saved_map: Path, monkeypatch: pytest.MonkeyPatch,
                                                    window: QWidget) -> None:
    keep = crash_leftover(new_project("keep"), None)
    drop = crash_leftover(new_project("drop"), None)
    restored_project = load_project(saved_map)
    restored_project.title = "restored"
    bring_back = crash_leftover(restored_project, saved_map)
    choices = {keep.session: LATER, drop.session: DISCARD, bring_back.session: RESTORE}

    def user(dialog: RecoveryDialog) -> bool:
        for session, choice in choices.items():
            dialog.set_choice(session, choice)
        return True

    monkeypatch.setattr(safety, "exec_dialog", user)
    asker = Asker("Discard")
    monkeypatch.setattr(safety, "ask", asker)
    [(project, path)] = safety.offer_recovery(None)
    assert project.title == "restored" and path == saved_map
    assert "drop" in asker.questions[0][1]
    assert not drop.meta_path.exists() and keep.meta_path.exists() and bring_back.meta_path.exists()
    assert find_recoverable()[0].session == keep.session  # the restored one is ours now
    # The window that shows it adopts the autosave: dirty, and the autosave stays until saved.
    document = MapDocument(project, path)
    guard = safety.DocumentSafety(document, window)
    assert document.is_dirty and guard.autosave_path == bring_back.data_path
    guard.close()
    assert not bring_back.meta_path.exists()


def test_offer_recovery_with_nothing_to_recover_shows_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(safety, "exec_dialog", lambda dialog: pytest.fail("no dialog expected"))
    assert safety.offer_recovery(None) == []


def test_declined_discard_keeps_everything(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    slot = crash_leftover(new_project("maybe"), None)

    def user(dialog: RecoveryDialog) -> bool:
        dialog.set_choice(slot.session, DISCARD)
        return True

    monkeypatch.setattr(safety, "exec_dialog", user)
    monkeypatch.setattr(safety, "ask", Asker("Keep for later"))
    assert safety.offer_recovery(None) == []
    assert slot.meta_path.exists()


def test_recovery_after_a_killed_app_with_unsaved_edits(qtbot, saved_map: Path, no_questions: Asker) -> None:
    edits = ["Ticket machine broken 😡", "Staff helped <quickly> & kindly", "انتظار طويل"]
    child = subprocess.Popen([sys.executable, str(CHILD), str(saved_map), *edits],
                             stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "autosaved"
        assert find_recoverable() == []  # the app is still running: not offered
        assert saved_map.with_name(f".{saved_map.name}.lock").exists()
    finally:
        child.send_signal(signal.SIGKILL)  # power cut
        child.wait()
    [entry] = find_recoverable()
    assert entry.original_path == saved_map and entry.cards_differ == 3
    assert entry.summary() == "3 cards differ from the saved file"
    assert _texts(load_project(saved_map)) == []  # the file itself never got the edits
    restored = safety.restore(entry)
    assert _texts(restored) == edits
    # The dead app's lock is stale: opening the map again does not ask.
    window = QWidget()
    qtbot.addWidget(window)
    document = MapDocument(restored, saved_map)
    guard = safety.DocumentSafety(document, window)
    assert guard.acquire_lock(saved_map) == "write" and no_questions.questions == []
    assert document.is_dirty and guard.autosave_path == entry.slot.data_path
    guard.close()
    assert find_recoverable() == []


@pytest.mark.qt_no_exception_capture
def test_exception_in_a_real_qt_slot_reaches_the_hook(qtbot, window: QWidget, errors: list[tuple[str, str]],
                                                      restore_excepthook: None) -> None:
    document, guard = _open(None, window)
    _add(document, "typed just before the bug")
    safety.install_exception_hook(lambda: [document])

    def buggy_slot() -> None:
        raise KeyError("card-that-does-not-exist")

    QTimer.singleShot(0, buggy_slot)
    qtbot.waitUntil(lambda: bool(errors), timeout=3000)
    assert "unexpected" in errors[0][1] and "card-that-does-not-exist" not in errors[0][1]
    assert _texts(load_project(guard.autosave_path)) == ["typed just before the bug"]
    guard.close()


# ----- opening -----------------------------------------------------------------------
def test_open_map_takes_the_lock_for_the_window(qtbot, window: QWidget, saved_map: Path,
                                                no_questions: Asker) -> None:
    opened = safety.open_map(saved_map, None)
    assert opened is not None and not opened.read_only
    assert opened.project.title == "Rail <b>trip</b>"
    document = MapDocument(opened.project, saved_map)
    guard = safety.DocumentSafety(document, window)
    assert guard.acquire_lock(saved_map) == "write" and no_questions.questions == []
    guard.close()
    assert not saved_map.with_name(f".{saved_map.name}.lock").exists()


@pytest.mark.parametrize(("answer", "read_only"), [("Open read-only", True), ("Take over", False),
                                                   ("Cancel", None)])
def test_open_map_held_by_another_instance(qtbot, window: QWidget, saved_map: Path,
                                           monkeypatch: pytest.MonkeyPatch, answer: str,
                                           read_only: bool | None) -> None:
    code = ("import sys, time\nfrom cjm_desktop.storage import locks\nlock = locks.acquire(sys.argv[1])\n"
            "print('locked', flush=True)\ntime.sleep(60)\n")
    other = subprocess.Popen([sys.executable, "-c", code, str(saved_map)], stdout=subprocess.PIPE, text=True)
    try:
        assert other.stdout is not None and other.stdout.readline().strip() == "locked"
        asker = Asker(answer)
        monkeypatch.setattr(safety, "ask", asker)
        opened = safety.open_map(saved_map, None)
        assert f"process {other.pid}" in asker.questions[0][1]
        if read_only is None:
            assert opened is None
            return
        assert opened is not None and opened.read_only is read_only
        if not read_only:
            guard = safety.DocumentSafety(MapDocument(opened.project, saved_map), window)
            assert guard.acquire_lock(saved_map) == "write" and len(asker.questions) == 1
            guard.close()
    finally:
        other.kill()
        other.wait()


@pytest.mark.parametrize("answer", ["Open read-only", "Cancel"])
def test_open_map_from_a_newer_app_offers_read_only(saved_map: Path, monkeypatch: pytest.MonkeyPatch,
                                                    answer: str) -> None:
    doc = json.loads(saved_map.read_text(encoding="utf-8"))
    doc["format_version"] = 7
    doc["holograms"] = ["kept"]
    saved_map.write_text(json.dumps(doc), encoding="utf-8")
    asker = Asker(answer)
    monkeypatch.setattr(safety, "ask", asker)
    opened = safety.open_map(saved_map, None)
    assert "format version 7" in asker.questions[0][1]
    if answer == "Cancel":
        assert opened is None
    else:
        assert opened is not None and opened.read_only
        assert opened.project.model_extra == {"holograms": ["kept"]}
        assert not saved_map.with_name(f".{saved_map.name}.lock").exists()  # read-only: no lock


def test_open_map_with_a_damaged_file_shows_the_clear_message(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    errors: list[tuple[str, str]] = []
    monkeypatch.setattr(messages, "show_error", lambda parent, title, text: errors.append((title, text)))
    path = tmp_path / "torn.cjm"
    path.write_bytes(b'{"format": "cjm-desktop", "format_vers')
    assert safety.open_map(path, None) is None
    [(title, text)] = errors
    assert str(path) in text and "not valid JSON" in text and "Traceback" not in text


def test_read_only_window_saving_over_the_holders_file_asks(qtbot, saved_map: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    first_window, second_window = QWidget(), QWidget()
    qtbot.addWidget(first_window)
    qtbot.addWidget(second_window)
    _doc1, first = _open(saved_map, first_window)
    first.acquire_lock(saved_map)
    asker = Asker("Open read-only", "Cancel", "Overwrite")
    monkeypatch.setattr(safety, "ask", asker)
    _doc2, second = _open(saved_map, second_window)
    assert second.acquire_lock(saved_map) == "readonly"
    assert second.confirm_save(saved_map) is False  # Save As onto the file the first window edits
    assert "another window of this app" in asker.questions[1][1]
    assert first.confirm_save(saved_map) is True  # the holder itself is not asked
    assert second.confirm_save(saved_map) is True  # "Overwrite"
    assert len(asker.questions) == 3
    second.close()
    first.close()


# ----- the real main window (wired by the app) -----------------------------------------
@pytest.fixture
def map_window(qtbot, saved_map: Path):
    from cjm_desktop.app import WindowManager

    manager = WindowManager()
    win = manager.open_path(saved_map)
    assert win is not None
    qtbot.addWidget(win)
    win._manager = manager  # keep alive for the test
    return win


def _window_add_card(win, text: str) -> None:
    _add(win.document, text)


def test_window_edit_autosave_and_clean_close_leave_nothing_to_recover(
        qtbot, map_window, saved_map: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lock_file = saved_map.with_name(f".{saved_map.name}.lock")
    assert lock_file.exists()
    _window_add_card(map_window, "from the workshop wall")
    assert map_window.safety.autosave_now()
    assert _texts(load_project(map_window.safety.autosave_path)) == ["from the workshop wall"]
    monkeypatch.setattr(messages, "ask_save_changes", lambda *args: "discard")
    assert map_window.close()
    assert not lock_file.exists()
    assert find_recoverable() == []  # a clean quit: no recovery prompt next time


def test_window_save_over_an_externally_changed_file_asks(
        qtbot, map_window, saved_map: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _window_add_card(map_window, "mine")
    theirs = load_project(saved_map)
    theirs.title = "changed on the shared drive"
    save_project(theirs, saved_map, backup=False)
    asker = Asker("Cancel")
    monkeypatch.setattr(safety, "ask", asker)
    assert map_window.save() is False
    assert "changed by another program" in asker.questions[0][1]
    assert load_project(saved_map).title == "changed on the shared drive"
    assert map_window.document.is_dirty
    monkeypatch.setattr(messages, "ask_save_changes", lambda *args: "discard")
    map_window.close()


def test_window_opening_a_map_held_by_another_window_can_go_read_only(
        qtbot, map_window, saved_map: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cjm_desktop.app import WindowManager

    asker = Asker("Open read-only")
    monkeypatch.setattr(safety, "ask", asker)
    other_manager = WindowManager()  # stands in for a second app instance
    second = other_manager.open_path(saved_map)
    assert second is not None
    qtbot.addWidget(second)
    assert second.document.read_only
    assert "another window of this app" in asker.questions[0][1]
    second.close()
    assert saved_map.with_name(f".{saved_map.name}.lock").exists()  # still the first window's


def test_autosave_interval_follows_the_preference(qtbot, window: QWidget) -> None:
    from cjm_desktop.ui import preferences
    from cjm_desktop.ui.settings import set_value

    guard = safety.DocumentSafety(MapDocument(), window)
    assert guard._timer.interval() == safety.DEFAULT_INTERVAL_SECONDS * 1000
    guard.close()
    set_value(preferences.AUTOSAVE_KEY, 12)
    guard = safety.DocumentSafety(MapDocument(), window)
    assert guard._timer.interval() == 12_000
    guard.close()


def test_real_window_killed_with_unsaved_edits_comes_back(qtbot, saved_map: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from cjm_desktop.app import WindowManager

    edits = ["Wi-Fi on the train 🚆", "<script>alert(1)</script>"]
    child = subprocess.Popen([sys.executable, str(CHILD), "--window", str(saved_map), *edits],
                             stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "autosaved"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()

    def restore_all(dialog: RecoveryDialog) -> bool:
        return True  # Restore is every row's default

    monkeypatch.setattr(safety, "exec_dialog", restore_all)
    monkeypatch.setattr(safety, "ask", Asker())  # the dead app's lock must not cause a question
    [(project, path)] = safety.offer_recovery(None)
    manager = WindowManager()
    window = manager.new_window(MapDocument(project, path))  # what the app does at start
    qtbot.addWidget(window)
    assert window.document.is_dirty and window.document.path == saved_map
    assert _texts(window.document.project) == edits
    monkeypatch.setattr(messages, "ask_save_changes", lambda *args: "save")
    assert window.close()  # the user saves: the file now holds the edits
    assert _texts(load_project(saved_map)) == edits
    assert find_recoverable() == []


def test_log_goes_to_the_user_log_folder_and_rotates(restore_excepthook: None) -> None:
    log_path = logging_setup.setup_logging()
    assert logging_setup.setup_logging() == log_path  # a second call adds no second handler
    assert str(log_path).startswith(os.environ["XDG_STATE_HOME"])
    logger = logging.getLogger("cjm_desktop.test")
    line = "x" * 1000
    for _ in range(logging_setup.MAX_LOG_BYTES // 1000 + 50):
        logger.warning(line)
    assert log_path.with_name(log_path.name + ".1").exists()
    assert log_path.stat().st_size <= logging_setup.MAX_LOG_BYTES


def test_autosave_now_waits_for_a_background_write_in_flight(qtbot, window: QWidget) -> None:
    document, guard = _open(None, window)
    _add(document, "typed a moment ago")
    QApplication.sendEvent(window, QEvent(QEvent.Type.WindowDeactivate))  # queues a background write
    assert guard.autosave_now() is True  # nothing new to write, but waits for that one
    assert _texts(load_project(guard.autosave_path)) == ["typed a moment ago"]
    guard.close()
