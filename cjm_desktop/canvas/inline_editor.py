"""Edit a card's text in place on the canvas: Ctrl+Enter or clicking away commits, Esc cancels."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFocusEvent, QKeyEvent, QPainter, QTextOption
from PySide6.QtWidgets import QGraphicsTextItem, QStyleOptionGraphicsItem, QWidget

from ..i18n import tr
from ..layout import CardBox
from ..model import MAX_LONG_TEXT
from ..ui.qt_fonts import map_font

_C = "canvas.inline_editor"  # translation context of this module


class InlineEditor(QGraphicsTextItem):
    """A plain-text editor laid over a card; text is never parsed as markup."""

    def __init__(self, box: CardBox, text: str, on_commit: Callable[[str], None],
                 on_cancel: Callable[[], None]) -> None:
        super().__init__()
        self._on_commit, self._on_cancel = on_commit, on_cancel
        self._done = False
        self.colour = QColor(box.colour)
        self.setFont(map_font(box.font_size))
        self.setDefaultTextColor(QColor("#1b1b1b"))
        self.setPlainText(text)
        self.setTextWidth(box.rect.w - 2 * box.padding + 8)
        option = self.document().defaultTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.document().setDefaultTextOption(option)
        self.setPos(box.rect.x + box.padding - 4, box.rect.y + box.padding - 6)
        self.setZValue(1000)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextEditorInteraction)
        self.setToolTip(tr(_C, "Ctrl+Enter to save, Esc to cancel"))

    def begin(self) -> None:
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        cursor = self.textCursor()
        cursor.select(cursor.SelectionType.Document)
        self.setTextCursor(cursor)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        painter.fillRect(self.boundingRect(), self.colour.lighter(108))
        painter.setPen(QColor("#1565c0"))
        painter.drawRect(self.boundingRect().adjusted(0, 0, -1, -1))
        super().paint(painter, option, widget)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        if key == Qt.Key.Key_Escape:
            self.cancel()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
                mods & Qt.KeyboardModifier.ControlModifier):
            self.commit()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        # Clicking elsewhere keeps what was typed, as sticky notes on a wall would.
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self.commit()

    def commit(self) -> None:
        if self._done:
            return
        self._done = True
        self._on_commit(self.toPlainText()[:MAX_LONG_TEXT])

    def cancel(self) -> None:
        if self._done:
            return
        self._done = True
        self._on_cancel()
