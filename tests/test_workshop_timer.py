"""The workshop timer on the real window, with a fake clock instead of waiting."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication

from cjm_desktop.ui.main_window import MainWindow
from cjm_desktop.ui.workshop_timer import (
    TIMES_UP,
    DurationDialog,
    WorkshopTimer,
    format_remaining,
)

from .gui_helpers import answer_dialog


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float, timer: WorkshopTimer) -> None:
        self.now += seconds
        timer.tick()  # what the QTimer would do a quarter second later


@pytest.fixture
def window(sample_window: MainWindow) -> MainWindow:
    return sample_window


@pytest.fixture
def clock(window: MainWindow) -> FakeClock:
    fake = FakeClock()
    window.workshop_timer.clock = fake
    return fake


def test_tools_menu_holds_the_timer_with_its_shortcuts(window: MainWindow) -> None:
    timer = window.workshop_timer
    texts = [a.text() for a in window.tools_menu.actions()]
    assert "Workshop &Timer…" in texts
    assert timer.act_start.shortcut().toString() == "Ctrl+T"
    assert not timer.act_pause.isEnabled() and not timer.act_stop.isEnabled()


def test_ctrl_t_counts_down_and_signals_at_zero(qtbot, window: MainWindow, clock: FakeClock,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    beeps: list[bool] = []
    monkeypatch.setattr(QApplication, "beep", staticmethod(lambda: beeps.append(True)))
    shown = answer_dialog(monkeypatch, DurationDialog,
                          lambda d: (d.minutes.setValue(1), d.secs.setValue(0), d._accept_custom()))
    timer = window.workshop_timer
    finished: list[bool] = []
    timer.finished.connect(lambda: finished.append(True))
    qtbot.keyClick(window.view, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert shown and timer.running
    overlay = timer.overlay
    assert overlay.isVisible() and overlay.text() == "1:00"
    # Top-right corner of the canvas, inside the window.
    central = window.centralWidget().geometry()
    assert central.contains(overlay.geometry())
    assert overlay.geometry().right() > central.center().x()
    assert overlay.geometry().top() < central.center().y()

    clock.advance(0.4, timer)
    assert overlay.text() == "1:00"  # rounds up: 59.6 s left still reads 1:00
    clock.advance(15, timer)
    assert overlay.text() == "0:45"
    timer.pause()
    clock.advance(100, timer)
    assert timer.paused and overlay.text().startswith("0:45") and "paused" in overlay.text()
    assert window.workshop_timer.act_pause.text() == "&Resume Timer"
    timer.resume()
    clock.advance(44.5, timer)
    assert overlay.text() == "0:01" and not finished and not beeps
    clock.advance(0.5, timer)
    assert timer.done and overlay.text() == TIMES_UP
    assert finished == [True] and beeps == [True]
    assert overlay.alarm and "#b00020" in overlay.styleSheet()
    # It flashes: the colours swap on later ticks, and the words stay.
    looks = set()
    for _ in range(6):
        clock.advance(0.25, timer)
        looks.add(overlay.inverted)
        assert overlay.text() == TIMES_UP
    assert looks == {True, False}
    assert beeps == [True]  # one beep, not one per tick

    window.workshop_timer.act_stop.trigger()
    assert not overlay.isVisible() and not timer.active


def test_large_digits_while_presenting(qtbot, window: MainWindow, clock: FakeClock) -> None:
    timer = window.workshop_timer
    timer.start(300)
    small = QFontMetrics(timer.overlay.font()).tightBoundingRect("0123456789").height()
    qtbot.keyClick(window.view, Qt.Key.Key_F5)
    assert window.presentation.active
    qtbot.waitUntil(lambda: timer.overlay.large)
    digits = QFontMetrics(timer.overlay.font()).tightBoundingRect("0123456789").height()
    assert digits >= 48 > small
    assert timer.overlay.isVisible()
    # B blanks the map, not the clock the room is working against.
    qtbot.keyClick(window.view, Qt.Key.Key_B)
    assert window.presentation.blank.isVisible() and timer.overlay.isVisible()
    siblings = window.children()
    assert siblings.index(timer.overlay) > siblings.index(window.presentation.blank)
    clock.advance(300, timer)
    assert timer.overlay.text() == TIMES_UP
    qtbot.keyClick(window.view, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not timer.overlay.large)
    assert timer.overlay.isVisible()
    timer.stop()


def test_duration_dialog_presets_and_custom(qtbot) -> None:
    dialog = DurationDialog(None, 300)
    qtbot.addWidget(dialog)
    assert [b.text() for b in dialog.preset_buttons] == ["2 min", "5 min", "10 min", "15 min"]
    qtbot.mouseClick(dialog.preset_buttons[2], Qt.MouseButton.LeftButton)
    assert dialog.result() == DurationDialog.DialogCode.Accepted and dialog.seconds == 600
    custom = DurationDialog(None, 300)
    qtbot.addWidget(custom)
    custom.minutes.setValue(0)
    custom.secs.setValue(0)
    custom._accept_custom()  # zero is refused, the dialog stays open
    assert custom.result() != DurationDialog.DialogCode.Accepted and custom.seconds == 300
    custom.minutes.setValue(7)
    custom.secs.setValue(30)
    custom._accept_custom()
    assert custom.seconds == 450


def test_cancelled_dialog_starts_nothing(window: MainWindow, monkeypatch) -> None:
    answer_dialog(monkeypatch, DurationDialog, lambda d: None, accept=False)
    window.workshop_timer.act_start.trigger()
    assert not window.workshop_timer.active


def test_format_and_bad_durations(window: MainWindow) -> None:
    assert [format_remaining(s) for s in (0, 0.2, 59.01, 60, 61, 3600)] == [
        "0:00", "0:01", "1:00", "1:00", "1:01", "60:00"]
    with pytest.raises(ValueError):
        window.workshop_timer.start(0)
