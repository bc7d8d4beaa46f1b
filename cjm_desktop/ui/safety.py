"""Qt glue that keeps a window's map safe: autosave, locks, disk-change checks, crash hook.

The main window makes one ``DocumentSafety`` per document; the app calls
``install_exception_hook`` and ``offer_recovery`` once at start. Every question to the
user goes through the module-level ``ask``/``show_error``/``exec_dialog`` functions so
tests can answer them by monkeypatching.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
import weakref
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from ..document import MapDocument
from ..i18n import mark, tr, tr_marked
from ..logging_setup import log_file, setup_logging
from ..model import FORMAT_VERSION, Project
from ..storage import locks
from ..storage.autosave import AutosaveMeta, AutosaveSlot, AutosaveWriter
from ..storage.codec import dumps
from ..storage.errors import NewerFormatError, ProjectFileError
from ..storage.files import DiskState, changed_on_disk, disk_state, load_project
from ..storage.recovery import adopt_claimed_slot, discard, find_recoverable, hand_slot_on, restore
from . import messages
from .recovery_dialog import DISCARD, RESTORE, RecoveryDialog

_C = "ui.safety"  # translation context of this module

log = logging.getLogger(__name__)

DEFAULT_INTERVAL_SECONDS = 30.0
# How long a synchronous autosave may wait for the disk before giving up (a dead USB hub).
_SYNC_TIMEOUT_SECONDS = 10.0

WRITE, READ_ONLY, CANCEL = "write", "readonly", "cancel"
# Every choice ask() offers: English texts that callers compare, shown translated.
ASK_CHOICES = (mark(_C, "Overwrite"), mark(_C, "Cancel"), mark(_C, "Open read-only"),
               mark(_C, "Take over"), mark(_C, "Discard"), mark(_C, "Keep for later"))


# ----- questions to the user (monkeypatch these in tests) ---------------------------
def ask(parent: QWidget | None, title: str, text: str, choices: list[str]) -> str:
    """Ask with one button per choice; returns the chosen choice, the last one on Esc/close.

    Choices are the English texts marked above; the buttons show their translations.
    """
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)  # file names and titles may contain markup
    box.setText(text)
    buttons = [box.addButton(tr_marked(_C, choice), QMessageBox.ButtonRole.ActionRole)
               for choice in choices]
    box.setEscapeButton(buttons[-1])
    box.setDefaultButton(buttons[-1])
    box.exec()
    clicked = box.clickedButton()
    return choices[buttons.index(clicked)] if clicked in buttons else choices[-1]


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    box.exec()


def exec_dialog(dialog: QDialog) -> bool:
    """Run a modal dialog; True if accepted."""
    return dialog.exec() == QDialog.DialogCode.Accepted


# ----- per-document safety ---------------------------------------------------------
_LIVE: weakref.WeakSet[DocumentSafety] = weakref.WeakSet()


class DocumentSafety(QObject):
    """Autosave, lock and disk-change guard for one document in one window.

    Autosave runs at most ``interval`` seconds after the first unsaved edit (the timer
    is not restarted by later edits, so steady editing cannot postpone it forever), when
    the app or window loses focus, and on ``autosave_now()``. The map is serialized on the
    GUI thread (where the model lives) and written on a background thread.
    """

    autosaved = Signal(object)  # Path of the autosave file
    autosave_failed = Signal(str)  # a user-readable message; the window may show it in the status bar
    _write_finished = Signal(int, str)  # generation, error message ("" on success)

    def __init__(self, document: MapDocument, window: QWidget,
                 interval_seconds: float | None = None) -> None:
        """``interval_seconds`` defaults to the user's preference (30 s unless changed)."""
        super().__init__(window)
        self.document = document
        self.window = window
        self._writer = AutosaveWriter.shared()
        self._generation = 0  # bumped on every edit
        self._written: int | None = None  # generation the autosave slot holds; None: no autosave
        self._lock: locks.MapLock | None = None
        self._disk_path: Path | None = None
        self._disk: DiskState | None = None
        self._closed = False
        self._last_job: Future[None] | None = None  # the latest autosave write queued

        adopted = adopt_claimed_slot(document.project)
        self._slot = adopted or AutosaveSlot()
        if adopted is not None:
            # The slot already holds this restored map; the window shows unsaved work.
            self._written = self._generation
            document.mark_dirty()

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self.set_interval(interval_seconds if interval_seconds is not None else _preferred_interval())
        self._timer.timeout.connect(self._autosave_in_background)
        document.changed.connect(self._on_changed)
        self._write_finished.connect(self._on_write_finished)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.applicationStateChanged.connect(self._on_application_state)
        window.installEventFilter(self)
        if document.path is not None:
            self._remember_disk(document.path)
        _LIVE.add(self)
        if document.is_dirty and adopted is None:
            self._timer.start()  # unsaved work arrived with the map: protect it soon

    # ----- autosave ---------------------------------------------------------------
    @property
    def autosave_path(self) -> Path:
        """Where this document's autosave goes (it exists only while there are unsaved edits)."""
        return self._slot.data_path

    def set_interval(self, seconds: float) -> None:
        self._timer.setInterval(max(1, int(seconds * 1000)))

    def autosave_now(self) -> bool:
        """Autosave at once and wait until it is on disk (before risky operations, on crashes).

        Returns False if the autosave could not be written (also reported by ``autosave_failed``).
        """
        # With nothing new to write, an earlier write may still be in flight: wait for that.
        future = self._autosave() or self._last_job
        if future is None:
            return True
        try:
            future.result(timeout=_SYNC_TIMEOUT_SECONDS)
        except Exception as exc:  # the user hears of it through autosave_failed
            log.warning("autosave of %s failed: %s", self.document.display_name, exc)
            self._written = None  # not saved: the next occasion must try again
            return False
        return True

    def _on_changed(self) -> None:
        self._generation += 1
        if not self._timer.isActive() and not self._closed:
            self._timer.start()

    def _on_application_state(self, state: Qt.ApplicationState) -> None:
        if state != Qt.ApplicationState.ApplicationActive:
            self._autosave_in_background()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.WindowDeactivate:
            self._autosave_in_background()
        return False

    def _autosave_in_background(self) -> None:
        self._autosave()

    def _autosave(self) -> Future[None] | None:
        """Queue what the document needs: a write, a removal, or nothing."""
        if self._closed:
            return None
        self._timer.stop()
        if not self.document.is_dirty:
            # Saved, or undone back to the saved state: nothing to recover.
            if self._written is not None:
                self._written = None
                return self._writer.submit(self._slot.remove)
            return None
        if self._written == self._generation:
            return None  # the autosave already holds this state
        started = time.perf_counter()
        data = dumps(self.document.project)
        meta = AutosaveMeta.describe(self._slot.session, self.document.project, self.document.path)
        generation = self._generation
        self._written = generation
        log.debug("autosave serialized in %.1f ms", (time.perf_counter() - started) * 1000)
        self._last_job = self._writer.submit(lambda: self._write(data, meta, generation))
        return self._last_job

    @property
    def has_autosave(self) -> bool:
        """Whether the latest unsaved state is (being) written to the autosave folder."""
        return self._written is not None and self._written == self._generation

    def _write(self, data: bytes, meta: AutosaveMeta, generation: int) -> None:
        # Runs on the writer thread: touch no Qt objects except through the signal.
        try:
            self._slot.write(data, meta)
        except ProjectFileError as exc:
            self._write_finished.emit(generation, exc.message)
            raise
        except OSError as exc:
            self._write_finished.emit(generation, str(exc.strerror or exc))
            raise
        self._write_finished.emit(generation, "")

    def _on_write_finished(self, generation: int, error: str) -> None:
        if error:
            if self._written == generation:
                self._written = None  # try again on the next occasion
            self.autosave_failed.emit(
                tr(_C, "Autosave failed ({error}). Save your map to keep your changes safe.")
                .format(error=error))
        elif not self._closed:
            self.autosaved.emit(self._slot.data_path)

    def _drop_autosave(self, wait: bool) -> None:
        self._timer.stop()
        self._written = None
        self._last_job = None
        future = self._writer.submit(self._slot.remove)
        if wait:
            try:
                future.result(timeout=_SYNC_TIMEOUT_SECONDS)
            except Exception as exc:
                log.warning("could not remove autosave %s: %s", self._slot.data_path, exc)

    # ----- locks and disk state ------------------------------------------------------
    def acquire_lock(self, path: Path) -> str:
        """Lock ``path`` for this window: "write", "readonly" or "cancel" (asking if it is open elsewhere).

        A lock taken by ``open_map`` for this path is picked up without asking again. It also
        remembers the file's state on disk so that ``confirm_save`` notices changes made by
        other programs.
        """
        path = Path(path)
        if self._lock is not None and _same_file(self._lock.map_path, path) and self._lock.still_ours:
            self._remember_disk(path)
            return WRITE
        pending = _take_pending_lock(path)
        try:
            new_lock = pending if pending is not None else locks.acquire(path)
            answer = WRITE
        except locks.LockedError as exc:
            choice = _ask_locked(self.window, path, exc.holder)
            if choice == "Cancel":
                return CANCEL
            if choice == "Open read-only":
                self._release_lock()
                self._remember_disk(path)
                return READ_ONLY
            new_lock = locks.acquire(path, take_over=True)
            answer = WRITE
        self._release_lock()
        self._lock = new_lock
        self._remember_disk(path)
        return answer

    def confirm_save(self, path: Path) -> bool:
        """Whether saving to ``path`` may go ahead; asks if others changed or hold the file.

        Asks when the file changed on disk since this window opened or saved it, and when
        another window or instance holds its lock (this window is read-only, was taken
        over, or Save As targets a map open elsewhere).
        """
        path = Path(path)
        if self._disk_path is not None and _same_file(path, self._disk_path) \
                and changed_on_disk(path, self._disk):
            return ask(
                self.window,
                tr(_C, "File changed on disk"),
                tr(_C, "“{name}” was changed by another program or window since you opened "
                   "it.\n\nOverwrite it with your version? (Cancel, then use Save As to keep "
                   "both.)").format(name=path.name),
                ["Overwrite", "Cancel"],
            ) == "Overwrite"
        holder = locks.current_holder(path) if path.exists() else None
        if holder is not None and not (self._lock is not None and holder.token == self._lock.info.token):
            return ask(
                self.window,
                tr(_C, "Map open elsewhere"),
                tr(_C, "“{name}” is open by {holder}.\n\nOverwrite it with your version? (Cancel, "
                   "then use Save As to keep both.)").format(name=path.name,
                                                              holder=holder.describe()),
                ["Overwrite", "Cancel"],
            ) == "Overwrite"
        return True

    def saved(self, path: Path) -> None:
        """After a successful save: remember the file's state, drop the autosave, move the lock."""
        path = Path(path)
        self._remember_disk(path)
        self._drop_autosave(wait=False)
        if self._lock is None or not _same_file(self._lock.map_path, path) or not self._lock.still_ours:
            self._release_lock()
            try:
                self._lock = locks.acquire(path, take_over=True)
            except OSError as exc:
                log.warning("could not lock %s after saving: %s", path, exc)
                self._lock = None

    def close(self) -> None:
        """Clean close (the user saved or chose to discard): drop the autosave, release the lock."""
        if self._closed:
            return
        self._drop_autosave(wait=True)
        self._closed = True
        self._release_lock()
        self.document.changed.disconnect(self._on_changed)
        self.window.removeEventFilter(self)
        _LIVE.discard(self)

    def hand_over(self) -> None:
        """Leave the map to another window of this app (reopened in a new language).

        Unsaved work is autosaved first and its autosave is kept for the next window of the
        same map, so a crash in between loses nothing; the lock is passed on the same way.
        """
        if self._closed:
            return
        if self.document.is_dirty and self.autosave_now():
            hand_slot_on(self.document.project, self._slot)
        else:
            self._drop_autosave(wait=True)
        self._closed = True
        self._timer.stop()
        if self._lock is not None and self._lock.still_ours:
            _PENDING_LOCKS.append(self._lock)
        else:
            self._release_lock()
        self._lock = None
        self.document.changed.disconnect(self._on_changed)
        self.window.removeEventFilter(self)
        _LIVE.discard(self)

    def _release_lock(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def _remember_disk(self, path: Path) -> None:
        self._disk_path = path
        self._disk = disk_state(path)


def _ask_locked(parent: QWidget | None, path: Path, holder: locks.LockInfo) -> str:
    return ask(
        parent,
        tr(_C, "Map already open"),
        tr(_C, "“{name}” is already open by {holder}.\n\nOpen a read-only copy, take it over "
           "(the other window can then no longer save it without asking), or cancel?")
        .format(name=path.name, holder=holder.describe()),
        ["Open read-only", "Take over", "Cancel"],
    )


def _preferred_interval() -> float:
    from .preferences import autosave_seconds  # imported late: preferences loads much of the UI

    return float(autosave_seconds())


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return a.absolute() == b.absolute()


def safety_for(document: MapDocument) -> DocumentSafety | None:
    return next((s for s in list(_LIVE) if s.document is document and not s._closed), None)


# ----- unhandled exceptions -------------------------------------------------------
def emergency_autosave(documents: list[MapDocument]) -> list[str]:
    """Autosave every document now; returns the names of those that could not be saved."""
    failed: list[str] = []
    for document in documents:
        try:
            safety = safety_for(document)
            if safety is not None:
                ok = safety.autosave_now()
            elif document.is_dirty:
                slot = AutosaveSlot()
                slot.write(dumps(document.project),
                           AutosaveMeta.describe(slot.session, document.project, document.path))
                ok = True
            else:
                ok = True
        except Exception:  # the map itself may be what broke; keep going with the others
            log.exception("emergency autosave of %s failed", document.display_name)
            ok = False
        if not ok:
            failed.append(document.display_name)
    return failed


_showing_crash_message = False


def crash_message(log_path: Path | None, failed: list[str]) -> str:
    """The short text the user sees: what happened, that work is safe, where details are."""
    lines = [tr(_C, "Something unexpected went wrong in cjm-desktop.")]
    if failed:
        lines.append(tr(_C, "These maps could not be autosaved: {names}. "
                        "Use Save As to keep them safe.").format(names=", ".join(failed)))
    else:
        lines.append(tr(_C, "Your open maps have been autosaved; if the app closes, they will "
                        "be offered for recovery at the next start."))
    if log_path is not None:
        lines.append(tr(_C, "Details for a bug report are in the log file:\n{path}")
                     .format(path=log_path))
    return "\n\n".join(lines)


def install_exception_hook(get_documents: Callable[[], list[MapDocument]]) -> None:
    """Route unhandled exceptions to: the log, an autosave of every open map, a short dialog.

    The traceback goes only to the log file, never into the dialog. Exceptions in other
    threads are logged too.
    """
    try:
        setup_logging()
    except OSError:
        pass  # still autosave and tell the user, just without a log path
    previous = sys.excepthook

    def hook(exc_type: type[BaseException], exc: BaseException,
             tb: TracebackType | None) -> None:
        global _showing_crash_message
        if issubclass(exc_type, KeyboardInterrupt):
            previous(exc_type, exc, tb)
            return
        try:
            log.critical("unhandled exception", exc_info=(exc_type, exc, tb))
            failed = emergency_autosave(get_documents())
            if _showing_crash_message or QGuiApplication.instance() is None:
                return  # one dialog at a time; a paint error can repeat many times a second
            _showing_crash_message = True
            try:
                show_error(None, tr(_C, "cjm-desktop: unexpected problem"),
                           crash_message(log_file(), failed))
            finally:
                _showing_crash_message = False
        except Exception:
            previous(exc_type, exc, tb)

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        log.error("unhandled exception in thread %s", getattr(args.thread, "name", "?"),
                  exc_info=(args.exc_type, args.exc_value, args.exc_traceback))  # type: ignore[arg-type]

    sys.excepthook = hook
    threading.excepthook = thread_hook


# ----- recovery at start ---------------------------------------------------------
def offer_recovery(parent: QWidget | None) -> list[tuple[Project, Path | None]]:
    """Show the recovery dialog if a crash left autosaves; return the maps to reopen.

    Open each returned project in a window (MapDocument with the returned path); the
    new window's DocumentSafety adopts the autosave and marks the document dirty, and the
    autosave stays on disk until that window saves or closes cleanly.
    """
    entries = find_recoverable()
    if not entries:
        return []
    dialog = RecoveryDialog(entries, parent)
    if not exec_dialog(dialog):
        return []
    choices = dialog.choices()
    to_discard = [entry for entry, choice in choices if choice == DISCARD]
    if to_discard:
        names = ", ".join(entry.name for entry in to_discard)
        confirm = ask(parent, tr(_C, "Discard autosaved maps"),
                      tr(_C, "Discard the unsaved changes of {names}? This cannot be undone.")
                      .format(names=names),
                      ["Discard", "Keep for later"])
        if confirm != "Discard":
            to_discard = []
    restored: list[tuple[Project, Path | None]] = []
    for entry, choice in choices:
        if choice == RESTORE:
            try:
                restored.append((restore(entry), entry.original_path))
            except ProjectFileError as exc:
                show_error(parent, tr(_C, "Could not restore"), exc.message)
        elif entry in to_discard:
            discard(entry)
    return restored


# ----- opening a map --------------------------------------------------------------
# Locks taken by open_map before the window exists, handed to its DocumentSafety.
_PENDING_LOCKS: list[locks.MapLock] = []


def _take_pending_lock(path: Path) -> locks.MapLock | None:
    for lock in _PENDING_LOCKS:
        if _same_file(lock.map_path, path):
            _PENDING_LOCKS.remove(lock)
            return lock if lock.still_ours else None
    return None


@dataclass(frozen=True)
class OpenedMap:
    project: Project
    read_only: bool


def open_map(path: Path, parent: QWidget | None) -> OpenedMap | None:
    """Load ``path`` for a window, asking the user where needed; None if it is not opened.

    - A damaged or unreadable file: shows the clear message (``messages.show_error``, as the
      window does for its other errors), returns None.
    - A file from a newer cjm-desktop: says which version, offers to open it read-only.
    - A map open in another window or instance: offers read-only, take over or cancel.
    Then give the window's ``DocumentSafety.acquire_lock(path)`` the same path: it picks
    up the lock taken here without asking again.
    """
    path = Path(path)
    read_only = False
    try:
        project = load_project(path)
    except NewerFormatError as exc:
        choice = ask(parent, tr(_C, "Map from a newer cjm-desktop"),
                     tr(_C, "“{name}” was saved by a newer cjm-desktop (format version {version}; this "
                        "app reads up to {supported}).\n\nYou can open it read-only; to change "
                        "it, update cjm-desktop.").format(name=path.name, version=exc.version,
                                                          supported=FORMAT_VERSION),
                     ["Open read-only", "Cancel"])
        if choice != "Open read-only":
            return None
        try:
            project = load_project(path, allow_newer=True)
        except ProjectFileError as inner:
            messages.show_error(parent, tr(_C, "Could not open map"), inner.message)
            return None
        read_only = True
    except ProjectFileError as exc:
        messages.show_error(parent, tr(_C, "Could not open map"), exc.message)
        return None
    if read_only:
        return OpenedMap(project, True)
    try:
        lock = locks.acquire(path)
    except locks.LockedError as exc:
        choice = _ask_locked(parent, path, exc.holder)
        if choice == "Cancel":
            return None
        if choice == "Open read-only":
            return OpenedMap(project, True)
        lock = locks.acquire(path, take_over=True)
    if lock is not None:  # None: no lock could be written anywhere; open unguarded
        _PENDING_LOCKS.append(lock)
    return OpenedMap(project, False)
