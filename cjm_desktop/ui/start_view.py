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

COLUMN_WIDTH = 640  # px, the widest the start page's column gets


class StartView(QWidget):
    open_sample = Signal()
    new_map = Signal()
    open_file = Signal()
    open_recent = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # One compact column (title, buttons, recent files), centred both ways: stretches
        # above and below, and beside it, take the free space instead of gaps inside it.
        column_widget = QWidget()
        column_widget.setMaximumWidth(COLUMN_WIDTH)
        column = QVBoxLayout(column_widget)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(12)
        title = QLabel(tr(_C, "<h1>cjm-desktop</h1><p>Customer journey maps for workshops, offline.</p>"
                       "<p>Start with the sample rail journey to see every part of a map, or "
                       "begin a new one. Everything is saved on this computer.</p>"))
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title.setWordWrap(True)
        column.addWidget(title)
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
        column.addLayout(row)
        column.addSpacing(12)
        self.recent = QListWidget()
        self.recent.setMaximumHeight(260)
        self.recent.itemActivated.connect(lambda item: self.open_recent.emit(item.data(256)))
        self.recent_label = QLabel(tr(_C, "Recent files:"))
        self.recent_label.setBuddy(self.recent)
        recent = QVBoxLayout()
        recent.setSpacing(4)  # the label belongs to the list right under it
        recent.addWidget(self.recent_label)
        recent.addWidget(self.recent)
        column.addLayout(recent)
        middle = QHBoxLayout()
        middle.addStretch(1)
        middle.addWidget(column_widget, 100)
        middle.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(middle)
        outer.addStretch(1)
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
