"""The start page shown when the app opens without a file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..i18n import tr
from .settings import recent_files

_C = "ui.start_view"  # translation context of this module


class StartView(QWidget):
    open_sample = Signal()
    new_map = Signal()
    open_file = Signal()
    open_recent = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title = QLabel(tr(_C, "<h1>cjm-desktop</h1><p>Customer journey maps for workshops, offline.</p>"
                       "<p>Start with the sample rail journey to see every part of a map, or "
                       "begin a new one. Everything is saved on this computer.</p>"))
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title.setWordWrap(True)
        title.setMaximumWidth(640)
        outer.addWidget(title, 0, Qt.AlignmentFlag.AlignHCenter)
        row = QHBoxLayout()
        for text, signal, tip in (
            (tr(_C, "Open the sample map"), self.open_sample,
             tr(_C, "A rail journey from Göteborg to Stockholm")),
            (tr(_C, "New map"), self.new_map,
             tr(_C, "Start from a blank map with the four standard lanes")),
            (tr(_C, "Open…"), self.open_file, tr(_C, "Open a .cjm file")),
        ):
            button = QPushButton(text)
            button.setMinimumSize(200, 56)
            button.setToolTip(tip)
            button.clicked.connect(signal.emit)
            row.addWidget(button)
        outer.addLayout(row)
        self.recent = QListWidget()
        self.recent.setMaximumWidth(640)
        self.recent.setMaximumHeight(260)
        self.recent.itemActivated.connect(lambda item: self.open_recent.emit(item.data(256)))
        outer.addWidget(QLabel(tr(_C, "Recent files:")))
        outer.addWidget(self.recent)
        self.refresh()

    def refresh(self) -> None:
        self.recent.clear()
        for path in recent_files():
            item = QListWidgetItem(f"{path.name}  —  {path.parent}")
            item.setData(256, Path(path))
            item.setToolTip(str(path))
            self.recent.addItem(item)
        if not self.recent.count():
            self.recent.addItem(tr(_C, "No recent files yet"))
            self.recent.item(0).setFlags(Qt.ItemFlag.NoItemFlags)
