"""Workshop timer: a countdown the whole room can read, in and out of presentation mode.

Time comes from an injectable clock (seconds, monotonic), so tests move time on
instead of sleeping; the QTimer only decides how often the overlay is refreshed.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..i18n import mark, tr, tr_marked
from .qt_fonts import map_font

_C = "ui.workshop_timer"  # translation context of this module

if TYPE_CHECKING:
    from .main_window import MainWindow

PRESETS_MIN = (2, 5, 10, 15)
TICK_MS = 250
FLASH_TICKS = 2  # the finished overlay swaps colours every half second
FLASH_SECONDS = 12  # then stays red, so it does not nag for the rest of the session
BIG_PX = 72  # digits of a 72 px font stand about 52 px tall: readable from the back row
SMALL_PX = 34
MARGIN = 24
TIMES_UP = mark(_C, "Time's up")

Clock = Callable[[], float]


def format_remaining(seconds: float) -> str:
    """m:ss, rounding up, so "0:00" only shows when the time really is over."""
    whole = max(0, math.ceil(seconds - 1e-9))
    minutes, secs = divmod(whole, 60)
    return f"{minutes}:{secs:02d}"


class TimerOverlay(QLabel):
    """The countdown in the top-right corner of the canvas, above everything else."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.large = False
        self.alarm = False
        self.inverted = False
        self.hide()

    def show_text(self, text: str, large: bool, alarm: bool, inverted: bool) -> None:
        if (text, large, alarm, inverted) == (self.text(), self.large, self.alarm,
                                              self.inverted) and self.isVisible():
            return
        self.large, self.alarm, self.inverted = large, alarm, inverted
        self.setFont(map_font(BIG_PX if large else SMALL_PX, bold=True))
        if alarm and inverted:
            colours = "color: #b00020; background: #ffffff; border: 6px solid #b00020;"
        elif alarm:
            colours = "color: #ffffff; background: #b00020; border: 6px solid #ffffff;"
        else:
            colours = "color: #ffffff; background: rgba(0, 0, 0, 215); border: 3px solid #ffffff;"
        pad = "14px 30px" if large else "6px 16px"
        self.setStyleSheet(f"QLabel {{ {colours} border-radius: 14px; padding: {pad}; }}")
        self.setText(text)
        self.adjustSize()
        self.show()
        self.raise_()


class DurationDialog(QDialog):
    """Asks how long the exercise runs: one click on a preset, or minutes and seconds."""

    def __init__(self, parent: QWidget | None = None, default_seconds: int = 300) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr(_C, "Workshop timer"))
        self.seconds = default_seconds
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr(_C, "How long should the exercise run?")))
        presets = QHBoxLayout()
        self.preset_buttons: list[QPushButton] = []
        for minutes in PRESETS_MIN:
            button = QPushButton(tr(_C, "{minutes} min").format(minutes=minutes))
            button.setMinimumHeight(44)  # touch-sized
            button.clicked.connect(lambda _c=False, m=minutes: self._choose(m * 60))
            presets.addWidget(button)
            self.preset_buttons.append(button)
        layout.addLayout(presets)
        custom = QGridLayout()
        custom.addWidget(QLabel(tr(_C, "Custom:")), 0, 0)
        self.minutes = QSpinBox()
        self.minutes.setRange(0, 240)
        self.minutes.setSuffix(tr(_C, " min"))
        self.minutes.setValue(default_seconds // 60)
        self.secs = QSpinBox()
        self.secs.setRange(0, 59)
        self.secs.setSuffix(" s")
        self.secs.setValue(default_seconds % 60)
        custom.addWidget(self.minutes, 0, 1)
        custom.addWidget(self.secs, 0, 2)
        layout.addLayout(custom)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr(_C, "Start"))
        buttons.accepted.connect(self._accept_custom)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _choose(self, seconds: int) -> None:
        self.seconds = seconds
        self.accept()

    def _accept_custom(self) -> None:
        seconds = self.minutes.value() * 60 + self.secs.value()
        if seconds <= 0:
            self.minutes.setFocus()
            return  # a zero-length timer would only beep at once
        self.seconds = seconds
        self.accept()


class WorkshopTimer(QObject):
    """Counts down from a duration; shows the overlay and signals once at zero."""

    changed = Signal(str)  # the text shown
    finished = Signal()

    def __init__(self, window: MainWindow, clock: Clock = time.monotonic) -> None:
        super().__init__(window)
        self.window = window
        self.clock = clock
        self.duration = 0.0
        self._end: float | None = None  # clock time at zero while running
        self._paused_left: float | None = None
        self._done = False
        self._ticks_since_done = 0
        self.overlay = TimerOverlay(window)
        self.ticker = QTimer(self)
        self.ticker.setInterval(TICK_MS)
        self.ticker.timeout.connect(self.tick)
        window.installEventFilter(self)
        self.act_start: QAction | None = None
        self.act_pause: QAction | None = None
        self.act_stop: QAction | None = None

    # ----- state ---------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self._end is not None

    @property
    def paused(self) -> bool:
        return self._paused_left is not None

    @property
    def active(self) -> bool:
        return self.running or self.paused or self._done

    @property
    def done(self) -> bool:
        return self._done

    def remaining(self) -> float:
        if self._end is not None:
            return max(0.0, self._end - self.clock())
        if self._paused_left is not None:
            return self._paused_left
        return 0.0

    def text(self) -> str:
        if self._done:
            return tr_marked(_C, TIMES_UP)
        label = format_remaining(self.remaining())
        return tr(_C, "{time}  ❚❚ paused").format(time=label) if self.paused else label

    # ----- control -------------------------------------------------------------
    def start(self, seconds: float) -> None:
        if seconds <= 0:
            raise ValueError("a workshop timer needs a positive duration")
        self.duration = float(seconds)
        self._end = self.clock() + self.duration
        self._paused_left = None
        self._done = False
        self._ticks_since_done = 0
        self.ticker.start()
        self.tick()

    def pause(self) -> None:
        if self._end is not None:
            self._paused_left = self.remaining()
            self._end = None
            self.tick()

    def resume(self) -> None:
        if self._paused_left is not None:
            self._end = self.clock() + self._paused_left
            self._paused_left = None
            self.ticker.start()
            self.tick()

    def toggle_pause(self) -> None:
        if self.paused:
            self.resume()
        else:
            self.pause()

    def stop(self) -> None:
        self._end = None
        self._paused_left = None
        self._done = False
        self.ticker.stop()
        self.overlay.hide()
        self._update_actions()
        self.changed.emit("")

    def ask_and_start(self) -> None:
        """Tools → Workshop Timer…: ask for a duration, then count down."""
        dialog = DurationDialog(self.window, int(self.duration) or 300)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.start(dialog.seconds)

    # ----- display -------------------------------------------------------------
    def tick(self) -> None:
        if self._end is not None and self.remaining() <= 0:
            self._end = None
            self._done = True
            self._ticks_since_done = 0
            QApplication.beep()
            self.finished.emit()
        inverted = False
        if self._done:
            self._ticks_since_done += 1
            flashing = self._ticks_since_done * TICK_MS < FLASH_SECONDS * 1000
            inverted = flashing and (self._ticks_since_done // FLASH_TICKS) % 2 == 1
            if not flashing:
                self.ticker.stop()
        elif not self.running:
            self.ticker.stop()  # paused: nothing changes until resume()
        text = self.text()
        self.overlay.show_text(text, self._presenting(), self._done, inverted)
        self.place()
        self._update_actions()
        self.changed.emit(text)

    def _presenting(self) -> bool:
        presentation = getattr(self.window, "presentation", None)
        return bool(presentation is not None and presentation.active)

    def place(self) -> None:
        """Top-right corner of the canvas area (the central widget), whatever chrome shows."""
        if not self.overlay.isVisible():
            return
        central = self.window.centralWidget()
        area = central.geometry() if central is not None else self.window.rect()
        x = area.right() - self.overlay.width() - MARGIN
        y = area.top() + MARGIN
        self.overlay.move(max(0, x), max(0, y))
        self.overlay.raise_()

    def _update_actions(self) -> None:
        if self.act_pause is not None:
            self.act_pause.setEnabled(self.running or self.paused)
            self.act_pause.setText(tr(_C, "&Resume Timer") if self.paused
                                   else tr(_C, "&Pause Timer"))
        if self.act_stop is not None:
            self.act_stop.setEnabled(self.active)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() in (QEvent.Type.Resize,
                                                       QEvent.Type.LayoutRequest,
                                                       QEvent.Type.WindowStateChange):
            if self.active:
                # Entering or leaving full screen changes the digit size, not only the place.
                QTimer.singleShot(0, self.tick)
        return False


def install_timer(window: MainWindow, clock: Clock = time.monotonic) -> WorkshopTimer:
    """Add Tools → Workshop Timer… (Ctrl+T), Pause/Resume and Stop to a main window."""
    timer = WorkshopTimer(window, clock)
    menu: QMenu | None = getattr(window, "tools_menu", None)
    if menu is None:
        menu = window.menuBar().addMenu(tr(_C, "&Tools"))
        window.tools_menu = menu
    else:
        menu.addSeparator()

    def add(text: str, slot: Callable[[], object], shortcut: str, tip: str) -> QAction:
        action = QAction(text, window)
        action.setShortcut(QKeySequence(shortcut))
        action.setStatusTip(tip)
        action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        window.addAction(action)  # keeps the shortcut alive while the menu bar is hidden
        return action

    timer.act_start = add(tr(_C, "Workshop &Timer…"), timer.ask_and_start, "Ctrl+T",
                          tr(_C, "Count down an exercise (2, 5, 10, 15 minutes or your own)"))
    timer.act_pause = add(tr(_C, "&Pause Timer"), timer.toggle_pause, "Ctrl+Shift+T",
                          tr(_C, "Pause or resume the workshop timer"))
    timer.act_stop = add(tr(_C, "&Stop Timer"), timer.stop, "Ctrl+Shift+X",
                         tr(_C, "Stop the workshop timer and hide it"))
    timer._update_actions()
    window.workshop_timer = timer
    return timer
