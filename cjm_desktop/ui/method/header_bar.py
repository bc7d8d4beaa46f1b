"""A slim bar above the map: persona (with picture), desired outcome, impression words.

It stands in for a header drawn inside the canvas; both use header_lines() so they agree
with each other and with the poster.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QHBoxLayout, QLabel, QWidget

from ...document import MapDocument
from ...i18n import tr
from .header import header_lines
from .persona import picture_pixmap

_C = "ui.method.header_bar"  # translation context of this module


class JourneyHeaderBar(QDockWidget):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(tr(_C, "Persona and Outcome"), parent)
        self.setObjectName("journey_header")
        self.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable)
        body = QWidget()
        row = QHBoxLayout(body)
        row.setContentsMargins(8, 4, 8, 4)
        self.picture = QLabel()
        self.picture.setFixedSize(56, 56)
        row.addWidget(self.picture)
        self.text = QLabel()
        self.text.setTextFormat(Qt.TextFormat.PlainText)  # user text is never markup
        self.text.setWordWrap(True)
        row.addWidget(self.text, 1)
        self.setWidget(body)

    def show_document(self, doc: MapDocument | None) -> None:
        if doc is None:
            self.text.setText("")
            self.picture.clear()
            return
        self.text.setText("\n".join(header_lines(doc.project, doc.journey)))
        persona = doc.project.persona(doc.journey.persona_id)
        pixmap = picture_pixmap(persona.picture_base64, 56) if persona else None
        if pixmap is None:
            self.picture.clear()
            self.picture.setVisible(False)
        else:
            self.picture.setPixmap(pixmap)
            self.picture.setVisible(True)
