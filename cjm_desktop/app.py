"""The Qt application: starts the event loop and keeps track of open windows."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDockWidget

from . import __version__
from .canvas.clipboard import keep_text_only
from .document import MapDocument
from .resources import resource_path, sample_path
from .single_instance import hand_over, serve
from .storage import load_project
from .ui.main_window import MainWindow
from .ui.preferences import apply_app_preferences
from .ui.qt_fonts import register_fonts
from .ui.safety import install_exception_hook, offer_recovery, open_map
from .ui.settings import add_recent_file
from .ui.shutdown import install_shutdown_autosave


class WindowManager(QObject):
    """Opens files in the right window and keeps every window alive while it is shown."""

    def __init__(self) -> None:
        super().__init__()
        self.windows: list[MainWindow] = []

    def new_window(self, document: MapDocument | None = None) -> MainWindow:
        window = MainWindow(document)
        window.open_requested.connect(self.open_path)
        window.new_window_requested.connect(
            lambda doc: self.new_window(doc if doc is not None else MapDocument()).show())
        window.closed.connect(self._forget)
        window.reopen_requested.connect(self.reopen)
        self.windows.append(window)
        if self.windows[:-1]:
            last = self.windows[-2]
            window.move(last.pos().x() + 40, last.pos().y() + 40)
        return window

    def reopen(self, old: MainWindow) -> MainWindow:
        """The same map, history and place on screen, in a window built in the current language."""
        document = old.release_document()
        shown = {dock.objectName() for dock in old.findChildren(QDockWidget) if dock.isVisible()}
        new = self.new_window(document)
        self.windows.remove(new)
        self.windows.insert(self.windows.index(old) if old in self.windows else len(self.windows), new)
        new.setGeometry(old.geometry())
        for dock in new.findChildren(QDockWidget):  # History, Opportunities…
            dock.setVisible(dock.objectName() in shown)
        if old.isMaximized():
            new.showMaximized()
        else:
            new.show()
        old.close()
        old.deleteLater()
        return new

    def _forget(self, window: MainWindow) -> None:
        if window in self.windows:
            self.windows.remove(window)

    def window_for(self, path: Path) -> MainWindow | None:
        resolved = path.resolve()
        for window in self.windows:
            doc = window.document
            if doc is not None and doc.path is not None and doc.path.resolve() == resolved:
                return window
        return None

    def open_path(self, path: Path, requester: MainWindow | None = None) -> MainWindow | None:
        path = Path(path)
        existing = self.window_for(path)
        if existing is not None:
            existing.raise_()
            existing.activateWindow()
            return existing
        opened = open_map(path, requester)  # clear errors, newer versions, locks
        if opened is None:
            return None
        document = MapDocument(opened.project, path)
        document.read_only = opened.read_only
        add_recent_file(path)
        if requester is not None and requester.is_pristine():
            requester.set_document(document)
            return requester
        window = self.new_window(document)
        window.show()
        return window


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("cjm-desktop")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("cjm-desktop")
    icon = resource_path("icons", "cjm-desktop.svg")
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    register_fonts()
    app.setDesktopFileName("io.github.cjmdesktop.CjmDesktop")  # matches packaging/linux
    apply_app_preferences()  # language, locale and theme chosen in Preferences
    app.aboutToQuit.connect(lambda: keep_text_only(app.clipboard()))
    return app


def run_gui(files: list[str], sample: bool = False) -> int:
    app = create_application()
    if not sample and hand_over(files):
        return 0  # the running cjm-desktop opens them in new windows
    manager = WindowManager()
    serve(manager)
    def documents() -> list[MapDocument]:
        return [w.document for w in manager.windows if w.document is not None]

    install_exception_hook(documents)
    install_shutdown_autosave(app, documents)
    opened = 0
    for project, path in offer_recovery(None):
        document = MapDocument(project, path)
        document.mark_dirty()
        manager.new_window(document).show()
        opened += 1
    for name in files:
        if manager.open_path(Path(name)) is not None:
            opened += 1
    if sample:
        manager.new_window(MapDocument(load_project(sample_path()))).show()
        opened += 1
    if not opened:
        window = manager.new_window(None)
        window.show()
    return app.exec()
