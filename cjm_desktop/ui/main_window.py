"""The main window: one map document, its canvas, menus and file handling."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QColor, QIcon, QKeySequence, QPixmap, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QUndoView,
)

from ..canvas.scene import MapScene
from ..canvas.view import MapView
from ..document import MapDocument
from ..i18n import format_percent, mark, tr, tr_marked
from ..labels import colour_name
from ..model import CARD_COLOURS
from ..storage import ProjectFileError, save_project
from . import messages
from .card_actions import CardActions
from .safety import WRITE, DocumentSafety
from .settings import add_recent_file, recent_files
from .start_view import StartView
from .structure_actions import StructureActions

_C = "ui.main_window"  # translation context of this module

FILE_FILTER = mark(_C, "Journey maps (*.cjm);;All files (*)")


class MainWindow(CardActions, StructureActions, QMainWindow):
    """A window showing one document; the app object decides which window opens a file."""

    open_requested = Signal(object, object)  # path, requesting window
    new_window_requested = Signal(object)  # MapDocument or None
    reopen_requested = Signal(object)  # this window: show its map in a new one (new language)
    closed = Signal(object)

    def __init__(self, document: MapDocument | None = None) -> None:
        super().__init__()
        self.document: MapDocument | None = None
        self.safety: DocumentSafety | None = None
        self.scene: MapScene | None = None
        self.view: MapView | None = None
        self.resize(1400, 900)
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.start_view = StartView()
        self.stack.addWidget(self.start_view)
        self.zoom_label = QLabel("")
        self.statusBar().addPermanentWidget(self.zoom_label)
        self.undo_dock = QDockWidget(tr(_C, "History"), self)
        self.undo_dock.setObjectName("history")
        self.undo_view = QUndoView()
        self.undo_view.setEmptyLabel(tr(_C, "<opened>"))
        self.undo_dock.setWidget(self.undo_view)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.undo_dock)
        self.undo_dock.hide()
        self._document_actions: list[QAction] = []
        # Selecting or deleting 3,000 cards emits thousands of signals in one go; past the first
        # few, the menus are brought up to date once, when the burst is over.
        self._actions_burst = 0
        self._actions_timer = QTimer(self, singleShot=True, interval=0)
        self._actions_timer.timeout.connect(self._end_actions_burst)
        self._build_menus()
        self.start_view.open_sample.connect(self.open_sample)
        self.start_view.new_map.connect(self.new_map)
        self.start_view.open_file.connect(self.open_dialog)
        self.start_view.open_recent.connect(lambda p: self.open_requested.emit(p, self))
        if document is not None:
            self.set_document(document)
        else:
            self.palette_bar.hide()  # nothing to colour on the start page
            self._update_title()
            self._update_actions()
        from .method import install_method
        from .presentation import install_presentation
        from .workshop_timer import install_timer

        install_presentation(self)
        install_timer(self)
        install_method(self)
        from .help import install_help
        from .preferences import install_preferences

        install_preferences(self)
        install_help(self)

    # ----- document -----------------------------------------------------------
    def set_document(self, document: MapDocument) -> None:
        if self.safety is not None:
            self.safety.close()
        if self.view is not None:
            self.stack.removeWidget(self.view)
            self.view.deleteLater()
        if self.scene is not None:
            self.scene.deleteLater()
        self.document = document
        document.setParent(self)
        self.scene = MapScene(document)
        self.scene.setParent(self)
        self.view = MapView(self.scene)
        self.stack.addWidget(self.view)
        self.stack.setCurrentWidget(self.view)
        self.undo_view.setStack(document.undo_stack)
        self.palette_bar.show()
        # Autosave, the lock on the file and the changed-on-disk check live with the window.
        self.safety = DocumentSafety(document, self)
        self.safety.autosave_failed.connect(lambda text: self.statusBar().showMessage(text, 8000))
        if document.path is not None and not document.read_only:
            if self.safety.acquire_lock(document.path) != WRITE:  # read-only or cancelled
                document.read_only = True
        document.dirty_changed.connect(self._update_title)
        document.path_changed.connect(self._update_title)
        document.changed.connect(self._actions_changed)
        self.scene.selectionChanged.connect(self._actions_changed)
        self.scene.card_edit_requested.connect(self.edit_card)
        self.scene.cell_add_requested.connect(self._add_card_in_cell)
        self.scene.step_edit_requested.connect(self.edit_step)
        self.scene.lane_edit_requested.connect(self.rename_lane)
        self.scene.stage_edit_requested.connect(self.rename_stage)
        self.scene.context_requested.connect(self._context_menu)
        self.scene.notice.connect(lambda text: self.statusBar().showMessage(text, 12000))
        self.view.zoom_changed.connect(lambda z: self.zoom_label.setText(
            tr(_C, "Zoom {percent}").format(percent=format_percent(z))))
        self._rebind_undo_actions()
        self._update_title()
        self._update_actions()
        self.view.fit_map()
        # The viewport gets its real size only once the window is laid out on screen.
        QTimer.singleShot(0, self._fit_when_shown)

    def release_document(self) -> MapDocument | None:
        """Give up this window's map, unsaved edits and undo history included, to another window.

        Its autosave and lock go along (see DocumentSafety.hand_over); afterwards this window
        holds nothing and closes without asking.
        """
        document = self.document
        if document is None:
            return None
        if self.safety is not None:
            self.safety.hand_over()
            self.safety = None
        self.undo_view.setStack(None)
        for signal, slot in ((document.dirty_changed, self._update_title),
                             (document.path_changed, self._update_title),
                             (document.changed, self._actions_changed)):
            signal.disconnect(slot)
        # The canvas listens to the map; it goes now rather than whenever this window is freed.
        if self.view is not None:
            self.stack.removeWidget(self.view)
            self.view.deleteLater()
        if self.scene is not None:
            self.scene.deleteLater()
        self.view = self.scene = None
        self.document = None
        document.setParent(None)
        return document

    def _fit_when_shown(self) -> None:
        if self.view is not None and shiboken6.isValid(self.view):
            self.view.fit_map()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not event.spontaneous():
            QTimer.singleShot(0, self._fit_when_shown)

    def is_pristine(self) -> bool:
        """True while the window shows the start page or an untouched new map."""
        return self.document is None or (self.document.path is None
                                         and not self.document.is_dirty
                                         and self.document.undo_stack.count() == 0)

    def _update_title(self, *_args: object) -> None:
        doc = self.document
        if doc is None:
            self.setWindowTitle(tr(_C, "cjm-desktop"))
            self.setWindowModified(False)
            return
        suffix = tr(_C, " (read-only)") if doc.read_only else ""
        self.setWindowTitle(tr(_C, "{display_name}[*]{suffix} — {name} — cjm-desktop").format(
            display_name=doc.display_name, suffix=suffix, name=doc.journey.name))
        self.setWindowModified(doc.is_dirty)

    _SYNC_ACTION_UPDATES = 32  # per burst; a click or a key press stays immediate

    def _actions_changed(self) -> None:
        self._actions_burst += 1
        if self._actions_burst <= self._SYNC_ACTION_UPDATES:
            self._update_actions()
        self._actions_timer.start()

    def _end_actions_burst(self) -> None:
        if self._actions_burst > self._SYNC_ACTION_UPDATES:
            self._update_actions()
        self._actions_burst = 0

    def _update_actions(self, *_args: object) -> None:
        if self.scene is not None and not shiboken6.isValid(self.scene):
            return  # the window is being torn down
        has_doc = self.document is not None and self.scene is not None
        editable = has_doc and not self.document.read_only
        for action in self._document_actions:
            action.setEnabled(has_doc)
        cards = self.scene.selected_card_count() if has_doc else 0
        for action in self._edit_actions:
            action.setEnabled(editable)
        for action in (self.act_edit_card, self.act_card_properties):
            action.setEnabled(editable and cards == 1)
        for action in (self.act_cut, self.act_duplicate, *self.colour_menu.actions()):
            action.setEnabled(editable and cards > 0)
        self.act_copy.setEnabled(cards > 0)
        self.act_delete.setEnabled(editable and (cards > 0 or bool(self._current_step_id())))
        self.act_save.setEnabled(has_doc)

    # ----- menus ----------------------------------------------------------------
    def _action(self, menu: QMenu, text: str, slot: Callable[[], object],
                shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
                tip: str = "", needs_document: bool = True) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        if needs_document:
            self._document_actions.append(action)
        return action

    def _build_menus(self) -> None:
        keys = QKeySequence.StandardKey
        file_menu = self.menuBar().addMenu(tr(_C, "&File"))
        self._action(file_menu, tr(_C, "&New Map"), self.new_map, keys.New, tr(_C, "Start a blank map"),
                     needs_document=False)
        self._action(file_menu, tr(_C, "&Open…"), self.open_dialog, keys.Open, tr(_C, "Open a .cjm map"),
                     needs_document=False)
        self._action(file_menu, tr(_C, "Open Sam&ple"), self.open_sample, None,
                     tr(_C, "Open an unsaved copy of the rail-journey sample"), needs_document=False)
        self.recent_menu = file_menu.addMenu(tr(_C, "Open &Recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addSeparator()
        self.act_save = self._action(file_menu, tr(_C, "&Save"), self.save, keys.Save, tr(_C, "Save the map"))
        self._action(file_menu, tr(_C, "Save &As…"), self.save_as, keys.SaveAs,
                     tr(_C, "Save the map under a new name"))
        self.file_menu = file_menu
        file_menu.addSeparator()
        self._action(file_menu, tr(_C, "&Export Poster…"), self.export_poster, "Ctrl+Shift+E",
                     tr(_C, "Export the journey as a print-ready PDF poster, tiled sheets, PNG or SVG"))
        self._action(file_menu, tr(_C, "&Merge From…"), self.merge_from,
                     None, tr(_C, "Bring in participants' copies of this map from other laptops"))
        self._action(file_menu, tr(_C, "S&hare My Cards…"), self.share_my_cards, None,
                     tr(_C, "Save only what you added or changed, for the facilitator to merge"))
        self.export_separator = file_menu.addSeparator()
        self._action(file_menu, tr(_C, "Close &Window"), self.close, keys.Close, needs_document=False)
        self._action(file_menu, tr(_C, "&Quit"), self._quit, keys.Quit, needs_document=False)

        edit = self.menuBar().addMenu(tr(_C, "&Edit"))
        self.edit_menu = edit
        self.undo_placeholder = edit.addAction(tr(_C, "&Undo"))
        self.redo_placeholder = edit.addAction(tr(_C, "&Redo"))
        edit.addSeparator()
        self.act_cut = self._action(edit, tr(_C, "Cu&t"), self.cut_cards, keys.Cut,
                                    tr(_C, "Cut the selected cards"))
        self.act_copy = self._action(edit, tr(_C, "&Copy"), self.copy_cards, keys.Copy,
                                     tr(_C, "Copy the selected cards (paste them into any map)"))
        self.act_paste = self._action(edit, tr(_C, "&Paste"), self.paste_cards, keys.Paste,
                                      tr(_C, "Paste cards, or one card per line of copied text"))
        self.act_duplicate = self._action(edit, tr(_C, "Dupl&icate"), self.duplicate_cards, "Ctrl+D",
                                          tr(_C, "Duplicate the selected cards"))
        edit.addSeparator()
        self.act_add_card = self._action(edit, tr(_C, "&Add Card"), self.add_card, "Ins",
                                         tr(_C, "Type a new sticky note into the focused cell"))
        self.act_add_card.setShortcuts([QKeySequence("Ins"), QKeySequence("Ctrl+Shift+N")])
        self.act_edit_card = self._action(edit, tr(_C, "&Edit Card Text"), self.edit_selected_card, "F2",
                                          tr(_C, "Edit the selected card's text in place (Enter too)"))
        self.act_card_properties = self._action(
            edit, tr(_C, "Card Propertie&s…"), self.card_properties, "Alt+Return",
            tr(_C, "Text, colour, tags and author of the selected card"))
        self.colour_menu = edit.addMenu(tr(_C, "C&olour"))
        for number, (name, value) in enumerate(CARD_COLOURS.items(), start=1):
            self._action(self.colour_menu, colour_name(name),
                         lambda v=value: self.colour_selection(v), f"Alt+{number}",
                         tr(_C, "Colour the selected cards {name}").format(name=name))
        self.act_delete = self._action(edit, tr(_C, "&Delete"), self.delete_selection, keys.Delete,
                                       tr(_C, "Delete the selected cards or step"))
        self._action(edit, tr(_C, "Select A&ll Cards"), self.select_all_cards, keys.SelectAll)
        edit.addSeparator()
        map_menu = self.menuBar().addMenu(tr(_C, "&Map"))
        acts = [
            self._action(map_menu, tr(_C, "Add &Step"), self.add_step, "Ctrl+Shift+A",
                         tr(_C, "Add a step after the selected one")),
            self._action(map_menu, tr(_C, "Edit S&tep…"), self.edit_current_step, "Ctrl+E",
                         tr(_C, "Title, stage, emotion score and moment of truth of a step")),
            self._action(map_menu, tr(_C, "Toggle &Moment of Truth"), self.toggle_moment_of_truth,
                         "Ctrl+M", tr(_C, "Mark the selected step as a moment of truth")),
            self._action(map_menu, tr(_C, "Move Step &Left"), lambda: self.move_step(-1), "Ctrl+Shift+Left"),
            self._action(map_menu, tr(_C, "Move Step &Right"), lambda: self.move_step(1),
                         "Ctrl+Shift+Right"),
            self._action(map_menu, tr(_C, "Delete Ste&p"), self.delete_current_step, "Ctrl+Shift+Del"),
        ]
        map_menu.addSeparator()
        acts += [
            self._action(map_menu, tr(_C, "Add Sta&ge…"), self.add_stage, None,
                         tr(_C, "Group the selected step and the ones after it under a new stage")),
            self._action(map_menu, tr(_C, "Add La&ne…"), self.add_lane, None,
                         tr(_C, "Add a custom swimlane")),
        ]
        self.map_menu = map_menu
        map_menu.addSeparator()
        acts += [
            self._action(map_menu, tr(_C, "Rename Stage…"), self.rename_current_stage, None,
                         tr(_C, "Rename the stage of the selected step (or double-click the stage)")),
            self._action(map_menu, tr(_C, "Move Stage Left"), lambda: self.move_stage(-1), None),
            self._action(map_menu, tr(_C, "Move Stage Right"), lambda: self.move_stage(1), None),
            self._action(map_menu, tr(_C, "Delete Stage"), self.delete_current_stage, None,
                         tr(_C, "Remove the stage; its steps and cards stay")),
        ]
        map_menu.addSeparator()
        acts += [
            self._action(map_menu, tr(_C, "Rename Lane…"), lambda: self._on_lane(self.rename_lane), None,
                         tr(_C, "Rename the focused lane (or double-click its header)")),
            self._action(map_menu, tr(_C, "Collapse/Expand Lane"), lambda: self._on_lane(self.toggle_lane),
                         "Ctrl+Shift+C", tr(_C, "Fold the focused lane away or show it again")),
            self._action(map_menu, tr(_C, "Move Lane Up"), lambda: self._on_lane(self.move_lane, -1),
                         "Ctrl+Shift+Up"),
            self._action(map_menu, tr(_C, "Move Lane Down"), lambda: self._on_lane(self.move_lane, 1),
                         "Ctrl+Shift+Down"),
            self._action(map_menu, tr(_C, "Delete Lane"), lambda: self._on_lane(self.delete_lane), None),
        ]
        self._edit_actions = [self.act_add_card, self.act_edit_card, self.act_delete,
                              self.act_cut, self.act_paste, self.act_duplicate,
                              self.act_card_properties, *self.colour_menu.actions(), *acts]

        view = self.menuBar().addMenu(tr(_C, "&View"))
        self.view_menu = view
        self._action(view, tr(_C, "Zoom &In"), lambda: self.view.zoom_in(), keys.ZoomIn)
        self._action(view, tr(_C, "Zoom &Out"), lambda: self.view.zoom_out(), keys.ZoomOut)
        self._action(view, tr(_C, "&Fit Map"), lambda: self.view.fit_map(), "Ctrl+0",
                     tr(_C, "Show the whole map"))
        self._action(view, tr(_C, "&Actual Size"), lambda: self.view.reset_zoom(), "Ctrl+1")
        view.addSeparator()
        self._build_toolbar()
        history = self.undo_dock.toggleViewAction()
        history.setText(tr(_C, "&History Panel"))
        history.setShortcut(QKeySequence("Ctrl+H"))
        view.addAction(history)

    def _build_toolbar(self) -> None:
        """Sticky-note palette: a swatch recolours the selection or starts a card of that colour."""
        bar = self.addToolBar(tr(_C, "Palette"))
        bar.setObjectName("palette")
        bar.setIconSize(QSize(28, 28))
        for name, value in CARD_COLOURS.items():
            swatch = QPixmap(28, 28)
            swatch.fill(QColor(value))
            action = QAction(QIcon(swatch), colour_name(name), self)
            action.setToolTip(tr(_C, "{colour} sticky note: recolours the selected cards, or adds a "
                                     "new card to the focused cell").format(colour=colour_name(name)))
            action.triggered.connect(lambda _c=False, v=value: self.palette_clicked(v))
            bar.addAction(action)
            self._document_actions.append(action)
        self.palette_bar = bar

    def _rebind_undo_actions(self) -> None:
        stack = self.document.undo_stack
        undo = stack.createUndoAction(self, tr(_C, "&Undo"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = stack.createRedoAction(self, tr(_C, "&Redo"))
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        self.edit_menu.insertAction(self.undo_placeholder, undo)
        self.edit_menu.insertAction(self.undo_placeholder, redo)
        for old in (self.undo_placeholder, self.redo_placeholder):
            self.edit_menu.removeAction(old)
        self.undo_placeholder, self.redo_placeholder = undo, redo
        self.act_undo, self.act_redo = undo, redo

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = recent_files()
        for path in files:
            action = self.recent_menu.addAction(path.name)
            action.setToolTip(str(path))
            action.setStatusTip(str(path))
            action.triggered.connect(lambda _c=False, p=path: self.open_requested.emit(p, self))
        if not files:
            self.recent_menu.addAction(tr(_C, "No recent files")).setEnabled(False)

    # ----- file commands ----------------------------------------------------------
    def new_map(self) -> None:
        if self.is_pristine():
            self.set_document(MapDocument())
        else:
            self.new_window_requested.emit(None)

    def open_sample(self) -> None:
        from ..resources import sample_path
        from ..storage import load_project

        document = MapDocument(load_project(sample_path()))
        if self.is_pristine():
            self.set_document(document)
        else:
            self.new_window_requested.emit(document)

    def open_dialog(self) -> None:
        start = str(self.document.path.parent) if self.document and self.document.path else ""
        name, _ = QFileDialog.getOpenFileName(self, tr(_C, "Open map"), start,
                                              tr_marked(_C, FILE_FILTER))
        if name:
            self.open_requested.emit(Path(name), self)

    def save(self) -> bool:
        if self.document is None:
            return False
        if self.document.path is None or self.document.read_only:
            return self.save_as()
        return self.write_to(self.document.path)

    def save_as(self) -> bool:
        if self.document is None:
            return False
        doc = self.document
        suggested = str(doc.path) if doc.path else f"{_safe_name(doc.project.title)}.cjm"
        name, _ = QFileDialog.getSaveFileName(self, tr(_C, "Save map as"), suggested,
                                              tr_marked(_C, FILE_FILTER))
        if not name:
            return False
        path = Path(name)
        if path.suffix.lower() != ".cjm":
            path = path.with_name(path.name + ".cjm")
        return self.write_to(path)

    def write_to(self, path: Path) -> bool:
        """Save atomically; a failure leaves the file and the dirty map untouched."""
        doc = self.document
        if self.safety is not None and not self.safety.confirm_save(path):
            return False
        try:
            save_project(doc.project, path)
        except ProjectFileError as exc:
            if messages.ask_save_failed(self, exc.message):
                return self.save_as()
            return False
        presentation = getattr(self, "presentation", None)
        if presentation is not None and presentation.active:
            # The show keeps the map read-only until it ends; the new copy is writable after.
            presentation.writable_after_show()
        else:
            doc.read_only = False
        doc.mark_saved(path)
        if self.safety is not None:
            self.safety.saved(path)
        add_recent_file(path)
        self.statusBar().showMessage(tr(_C, "Saved {path}").format(path=path), 4000)
        self._update_title()
        return True

    def export_poster(self) -> None:
        from .export_dialog import run_export_dialog

        run_export_dialog(self, self.document)

    def merge_from(self) -> None:
        from .merge_dialog import merge_from_files

        start = str(self.document.path.parent) if self.document.path else ""
        names, _ = QFileDialog.getOpenFileNames(self, tr(_C, "Merge participants' maps"), start,
                                                tr_marked(_C, FILE_FILTER))
        if names:
            if self.safety is not None:
                self.safety.autosave_now()  # a merge rewrites much of the map: keep a copy first
            merge_from_files(self, self.document, [Path(n) for n in names])
            self.scene.flush()

    def share_my_cards(self) -> None:
        from .merge_dialog import share_my_cards_to_file

        share_my_cards_to_file(self, self.document)

    def _quit(self) -> None:
        QApplication.closeAllWindows()

    def closeEvent(self, event: QCloseEvent) -> None:
        presentation = getattr(self, "presentation", None)
        if presentation is not None and presentation.active:
            # Presenting makes the map read-only for the show; "Save" must save the map itself.
            presentation.leave()
        if self.document is not None and self.document.is_dirty:
            answer = messages.ask_save_changes(self, self.document.display_name)
            if answer == "cancel" or (answer == "save" and not self.save()):
                event.ignore()
                return
        event.accept()
        if self.safety is not None:
            self.safety.close()
        timer = getattr(self, "workshop_timer", None)
        if timer is not None and timer.active:
            timer.stop()  # its overlay and ticking belong to this window
        self.closed.emit(self)



def _safe_name(title: str) -> str:
    cleaned = "".join(ch if ch.isalnum() or ch in " -_" else "_" for ch in title).strip()
    return cleaned[:60] or "map"
