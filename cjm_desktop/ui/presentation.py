"""Presentation mode: the facilitator projects the map and steps through its stages.

Keys are the ones presenter clickers send (PageDown/PageUp, arrows, space, B, .),
handled by an application event filter while presenting so they work wherever the
focus sits in the window. Leaving restores the window exactly as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, QObject, QPointF, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QTransform
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFrame,
    QGraphicsView,
    QLabel,
    QToolBar,
    QWidget,
)

from ..canvas.theme import PROJECTOR, Theme
from ..i18n import tr
from ..layout import LayoutStyle
from .presentation_items import LaneLabels, SlideMask
from .presentation_pages import Slide, padded, plan_slides, presentation_style
from .qt_fonts import map_font

_C = "ui.presentation"  # translation context of this module

if TYPE_CHECKING:
    from .main_window import MainWindow

CAPTION_MS = 2500

FORWARD_KEYS = {Qt.Key.Key_PageDown, Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_Space,
                Qt.Key.Key_Enter, Qt.Key.Key_Return}
BACK_KEYS = {Qt.Key.Key_PageUp, Qt.Key.Key_Left, Qt.Key.Key_Up, Qt.Key.Key_Backspace}
BLANK_KEYS = {Qt.Key.Key_B, Qt.Key.Key_Period}
OVERVIEW_KEYS = {Qt.Key.Key_Home, Qt.Key.Key_End}
ALL_KEYS = FORWARD_KEYS | BACK_KEYS | BLANK_KEYS | OVERVIEW_KEYS | {Qt.Key.Key_Escape}


@dataclass
class _SavedWindow:
    """Everything presentation mode changes, to put back on the way out."""

    geometry: QRect
    state: Qt.WindowState
    menu_bar: bool
    status_bar: bool
    hidden_bars: list[QWidget]
    theme: Theme
    style: LayoutStyle
    read_only: bool
    transform: QTransform
    center: QPointF
    scroll: tuple[int, int]
    scroll_policies: tuple[Qt.ScrollBarPolicy, Qt.ScrollBarPolicy]
    frame: QFrame.Shape
    interactive: bool
    drag_mode: QGraphicsView.DragMode


class BlankOverlay(QWidget):
    """A black sheet over the whole window: the room looks at the facilitator, not the map."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet("background: #000000;")
        self.hide()


class CaptionLabel(QLabel):
    """A short caption at the bottom of the screen when a slide changes."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)  # stage names are user text, not markup
        self.setFont(map_font(30, bold=True))
        self.setStyleSheet("color: #ffffff; background: rgba(0, 0, 0, 200);"
                           " border-radius: 10px; padding: 10px 22px;")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        self.hide()

    def flash(self, text: str, area: QRectF) -> None:
        self.setText(text)
        self.adjustSize()
        width = min(self.width(), int(area.width()) - 40)
        self.resize(max(1, width), self.height())
        self.move(int(area.center().x() - self.width() / 2),
                  int(area.bottom() - self.height() - 28))
        self.show()
        self.raise_()
        self._timer.start(CAPTION_MS)


class PresentationController(QObject):
    """Enters, drives and leaves presentation mode for one main window."""

    active_changed = Signal(bool)
    position_changed = Signal(int)  # 0 = whole map, 1..n = slides, n + 1 = whole map again

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.slides: list[Slide] = []
        self.position = 0
        self._saved: _SavedWindow | None = None
        self._view: QGraphicsView | None = None
        self.blank = BlankOverlay(window)
        self.caption = CaptionLabel(window)
        self.action: QAction | None = None
        self.mask = SlideMask()
        self.lane_labels = LaneLabels()

    # ----- state ---------------------------------------------------------------
    @property
    def active(self) -> bool:
        return self._saved is not None

    @property
    def is_blank(self) -> bool:
        return self.blank.isVisible()

    @property
    def current_slide(self) -> Slide | None:
        if 1 <= self.position <= len(self.slides):
            return self.slides[self.position - 1]
        return None

    def writable_after_show(self) -> None:
        """The map was saved as a writable copy during the show: leave it writable at the end."""
        if self._saved is not None:
            self._saved.read_only = False

    def toggle(self) -> None:
        if self.active:
            self.leave()
        else:
            self.enter()

    # ----- enter and leave -----------------------------------------------------
    def enter(self) -> None:
        win = self.window
        if self.active or win.document is None or win.view is None or win.scene is None:
            return
        view, scene = win.view, win.scene
        bars = [w for w in win.findChildren(QDockWidget) + win.findChildren(QToolBar)
                if w.isVisible() and w.parent() is win]
        self._saved = _SavedWindow(
            geometry=win.geometry(), state=win.windowState(),
            menu_bar=win.menuBar().isVisible(), status_bar=win.statusBar().isVisible(),
            hidden_bars=bars, theme=scene.theme, style=scene.style,
            read_only=win.document.read_only, transform=view.transform(),
            center=view.mapToScene(view.viewport().rect().center()),
            scroll=(view.horizontalScrollBar().value(), view.verticalScrollBar().value()),
            scroll_policies=(view.horizontalScrollBarPolicy(), view.verticalScrollBarPolicy()),
            frame=view.frameShape(), interactive=view.isInteractive(), drag_mode=view.dragMode())
        self._view = view
        # Takes the focus from an open in-place editor first, so it finishes its edit now.
        scene.clearFocus()
        # Read-only for the duration only: a file opened read-only stays so on the way out.
        win.document.read_only = True
        scene.clearSelection()
        scene.style = presentation_style(scene.style)
        scene.relayout()
        scene.set_theme(PROJECTOR)
        scene.addItem(self.mask)
        scene.addItem(self.lane_labels)
        win.menuBar().hide()
        win.statusBar().hide()
        for bar in bars:
            bar.hide()
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setFrameShape(QFrame.Shape.NoFrame)
        # Not interactive: no drags, edits or context menus reach the scene; tooltips still do.
        view.setInteractive(False)
        view.setDragMode(QGraphicsView.DragMode.NoDrag)
        self._refresh_actions()
        view.viewport().installEventFilter(self)
        scene.layout_applied.connect(self._on_layout_applied)
        QApplication.instance().installEventFilter(self)
        win.showFullScreen()
        view.setFocus(Qt.FocusReason.OtherFocusReason)
        self.position = 0
        self._replan()
        self._show_position(caption=True)
        self.active_changed.emit(True)

    def leave(self) -> None:
        saved = self._saved
        if saved is None:
            return
        win = self.window
        QApplication.instance().removeEventFilter(self)
        self._saved = None
        self.blank.hide()
        self.caption.hide()
        view, scene = self._view, win.scene
        if view is not None and shiboken6.isValid(view):
            view.viewport().removeEventFilter(self)
        if scene is not None and shiboken6.isValid(scene):
            scene.layout_applied.disconnect(self._on_layout_applied)
            for item in (self.mask, self.lane_labels):
                if item.scene() is scene:
                    scene.removeItem(item)
                item.hide()
            scene.style = saved.style
            scene.relayout()
            scene.set_theme(saved.theme)
        if win.document is not None:
            win.document.read_only = saved.read_only
        win.menuBar().setVisible(saved.menu_bar)
        win.statusBar().setVisible(saved.status_bar)
        for bar in saved.hidden_bars:
            if shiboken6.isValid(bar):
                bar.show()
        win.setWindowState(saved.state)
        if not saved.state & (Qt.WindowState.WindowFullScreen | Qt.WindowState.WindowMaximized):
            # setGeometry, not restoreGeometry: the latter trims a window bigger than the screen.
            win.setGeometry(saved.geometry)
        if view is not None and shiboken6.isValid(view):
            view.setHorizontalScrollBarPolicy(saved.scroll_policies[0])
            view.setVerticalScrollBarPolicy(saved.scroll_policies[1])
            view.setFrameShape(saved.frame)
            view.setInteractive(saved.interactive)
            view.setDragMode(saved.drag_mode)
            self._restore_view(view, saved)
            # The window settles its size a moment later on real screens; put it back again.
            QTimer.singleShot(0, lambda: self._restore_view(view, saved))
        self._refresh_actions()
        self._view = None
        self.slides = []
        self.position = 0
        self.active_changed.emit(False)

    @staticmethod
    def _restore_view(view: QGraphicsView, saved: _SavedWindow) -> None:
        if not shiboken6.isValid(view):
            return
        view.setTransform(saved.transform)
        view.centerOn(saved.center)
        view.horizontalScrollBar().setValue(saved.scroll[0])
        view.verticalScrollBar().setValue(saved.scroll[1])
        zoom_changed = getattr(view, "zoom_changed", None)
        if zoom_changed is not None:
            zoom_changed.emit(view.transform().m11())

    def _refresh_actions(self) -> None:
        # The main window greys edit actions, and says "(read-only)" in its title, when asked to.
        for name in ("_update_actions", "_update_title"):
            update = getattr(self.window, name, None)
            if callable(update):
                update()

    # ----- navigation ----------------------------------------------------------
    def next(self) -> None:
        self._go(self.position + 1)

    def previous(self) -> None:
        self._go(self.position - 1)

    def overview(self, at_end: bool = False) -> None:
        self._go(len(self.slides) + 1 if at_end and self.slides else 0)

    def toggle_blank(self) -> None:
        if self.blank.isVisible():
            self.blank.hide()
            return
        self.caption.hide()
        self.blank.setGeometry(self.window.rect())
        self.blank.show()
        self.blank.raise_()
        # A running workshop timer stays visible on the black screen.
        timer = getattr(self.window, "workshop_timer", None)
        if timer is not None:
            timer.overlay.raise_()

    def _go(self, position: int) -> None:
        last = len(self.slides) + 1 if self.slides else 0
        position = max(0, min(last, position))
        if position == self.position:
            return
        self.position = position
        self._show_position(caption=True)
        self.position_changed.emit(position)

    def _show_position(self, caption: bool) -> None:
        view = self._view
        layout = self.window.scene.map_layout if self.window.scene is not None else None
        if view is None or layout is None:
            return
        slide = self.current_slide
        if slide is None:
            rect = QRectF(0, 0, layout.width, layout.height)
            text = _overview_caption(len(self.slides), len(layout.steps))
        else:
            r = padded(slide.rect)
            rect = QRectF(r.x, r.y, r.w, r.h)
            text = slide.caption
        fit = getattr(view, "fit_rect", None)
        if callable(fit):
            fit(rect)
        else:
            view.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        self._frame_slide(QRectF(slide.rect.x, slide.rect.y, slide.rect.w, slide.rect.h)
                          if slide is not None else None)
        if caption:
            self.caption.flash(text, QRectF(self.window.rect()))

    def _frame_slide(self, rect: QRectF | None) -> None:
        """Fade the neighbours of a slide and label its lanes in the room left of it."""
        view, scene = self._view, self.window.scene
        if rect is None or view is None or scene is None or scene.map_layout is None:
            self.mask.hide()
            self.lane_labels.hide()
            return
        shown = view.mapToScene(view.viewport().rect()).boundingRect()
        self.mask.cover(shown.united(scene.sceneRect()).adjusted(-50, -50, 50, 50), rect,
                        scene.theme)
        room = QRectF(shown.left(), rect.top(), rect.left() - shown.left(), rect.height())
        self.lane_labels.place(scene.map_layout, rect, room, scene.theme)

    def _replan(self) -> None:
        """Slides depend on the screen size and the layout; keep the current stage if we can."""
        view, scene = self._view, self.window.scene
        if view is None or scene is None or scene.map_layout is None:
            return
        old = self.current_slide
        size = view.viewport().size()
        self.slides = plan_slides(scene.map_layout, scene.style, size.width(), size.height())
        if old is not None:
            same = [i for i, s in enumerate(self.slides, start=1)
                    if s.stage_number == old.stage_number and s.part == old.part]
            self.position = same[0] if same else min(self.position, len(self.slides))
        elif self.position:
            self.position = len(self.slides) + 1 if self.slides else 0

    def _on_layout_applied(self) -> None:
        if self.active:
            self._replan()
            self._show_position(caption=False)

    # ----- events ----------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.active:
            return False
        kind = event.type()
        if kind == QEvent.Type.Resize and watched is self._viewport():
            self._replan()
            self._show_position(caption=False)
            if self.blank.isVisible():
                self.blank.setGeometry(self.window.rect())
            return False
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride):
            return False
        if not isinstance(watched, QWidget) or watched.window() is not self.window:
            return False
        if not isinstance(event, QKeyEvent):
            return False
        key = Qt.Key(event.key())
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if key not in ALL_KEYS or mods not in (Qt.KeyboardModifier.NoModifier,
                                               Qt.KeyboardModifier.ShiftModifier):
            return False
        event.accept()
        if kind == QEvent.Type.ShortcutOverride:
            return True  # claim the key before any window shortcut takes it
        self._handle_key(key)
        return True

    def _viewport(self) -> QWidget | None:
        view = self._view
        return view.viewport() if view is not None and shiboken6.isValid(view) else None

    def _handle_key(self, key: Qt.Key) -> None:
        if key == Qt.Key.Key_Escape:
            self.leave()
        elif key in BLANK_KEYS:
            self.toggle_blank()
        elif self.blank.isVisible():
            # Nothing moves behind the black screen: the first key only brings the map back.
            self.blank.hide()
        elif key in FORWARD_KEYS:
            self.next()
        elif key in BACK_KEYS:
            self.previous()
        elif key == Qt.Key.Key_Home:
            self.overview()
        elif key == Qt.Key.Key_End:
            self.overview(at_end=True)


def _overview_caption(slides: int, steps: int) -> str:
    if not steps:
        return tr(_C, "Whole map — no steps yet")
    return tr(_C, "Whole map — {steps} steps · {slides} slides (PageDown to step through)").format(
        steps=steps, slides=slides)


def card_text_px(view: QGraphicsView, font_size: float) -> float:
    """How tall card text of font_size layout units appears on screen at the view's zoom."""
    return font_size * view.transform().m22()


def install_presentation(window: MainWindow) -> PresentationController:
    """Add View → Presentation Mode (F5) to a main window and keep the controller on it."""
    controller = PresentationController(window)
    action = QAction(tr(_C, "&Presentation Mode"), window)
    # Clickers send F5 or Shift+F5 to start (and F5 or Esc to stop) a slide show.
    action.setShortcuts([QKeySequence("F5"), QKeySequence("Shift+F5")])
    action.setStatusTip(tr(_C, "Full screen in the projector theme; PageDown/PageUp step through "
                        "stages, B blanks the screen, Esc leaves"))
    action.setToolTip(action.statusTip())
    action.triggered.connect(lambda _checked=False: controller.toggle())
    menu = getattr(window, "view_menu", None)
    if menu is not None:
        menu.addSeparator()
        menu.addAction(action)
    # Also on the window itself, so F5 works while the menu bar is hidden.
    window.addAction(action)
    documents = getattr(window, "_document_actions", None)
    if isinstance(documents, list):
        documents.append(action)
        action.setEnabled(window.document is not None)
    controller.action = action
    window.presentation = controller
    return controller
