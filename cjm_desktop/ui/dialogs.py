"""Small editing dialogs for cards and steps."""

from __future__ import annotations

from PySide6.QtGui import QColor, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from ..i18n import tr
from ..labels import colour_name
from ..model import CARD_COLOURS, DEFAULT_CARD_COLOUR, MAX_LONG_TEXT, MAX_SHORT_TEXT, Card, Journey, Step

_C = "ui.dialogs"  # translation context of this module


def colour_combo(current: str) -> QComboBox:
    combo = QComboBox()
    for name, value in CARD_COLOURS.items():
        swatch = QPixmap(16, 16)
        swatch.fill(QColor(value))
        combo.addItem(swatch, colour_name(name), value)
    index = combo.findData(current.lower())
    if index < 0:
        combo.addItem(tr(_C, "Custom"), current)
        index = combo.count() - 1
    combo.setCurrentIndex(index)
    return combo


def _buttons(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    # Ctrl+Enter commits from inside the multi-line text box too.
    QShortcut(QKeySequence("Ctrl+Return"), dialog, activated=dialog.accept)
    return buttons


class CardDialog(QDialog):
    def __init__(self, parent: QWidget | None, card: Card | None = None,
                 title: str = "", default_author: str = "",
                 default_colour: str = DEFAULT_CARD_COLOUR) -> None:
        super().__init__(parent)
        self.setWindowTitle(title or tr(_C, "Card"))
        self.setMinimumWidth(420)
        form = QFormLayout(self)
        self.text = QPlainTextEdit(card.text if card else "")
        self.text.setPlaceholderText(tr(_C, "What happens here? (Ctrl+Enter to save)"))
        self.text.setTabChangesFocus(True)
        form.addRow(tr(_C, "&Text"), self.text)
        self.colour = colour_combo(card.colour if card else default_colour)
        form.addRow(tr(_C, "&Colour"), self.colour)
        self.tags = QLineEdit(", ".join(card.tags) if card else "")
        self.tags.setPlaceholderText(tr(_C, "comma-separated, e.g. pain point, idea"))
        form.addRow(tr(_C, "T&ags"), self.tags)
        self.author = QLineEdit(card.author if card else default_author)
        self.author.setPlaceholderText(tr(_C, "name or team"))
        self.author.setMaxLength(MAX_SHORT_TEXT)
        form.addRow(tr(_C, "A&uthor"), self.author)
        form.addRow(_buttons(self))
        self.text.setFocus()

    def values(self) -> dict[str, object]:
        tags = [t.strip()[:MAX_SHORT_TEXT] for t in self.tags.text().split(",") if t.strip()]
        return {
            "text": self.text.toPlainText()[:MAX_LONG_TEXT],
            "colour": self.colour.currentData(),
            "tags": tags,
            "author": self.author.text().strip(),
        }


class StepDialog(QDialog):
    def __init__(self, parent: QWidget | None, journey: Journey, step: Step) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr(_C, "Step"))
        self.setMinimumWidth(420)
        form = QFormLayout(self)
        self.title = QLineEdit(step.title)
        self.title.setMaxLength(MAX_SHORT_TEXT)
        form.addRow(tr(_C, "&Title"), self.title)
        self.stage = QComboBox()
        self.stage.addItem(tr(_C, "(no stage)"), None)
        for stage in journey.stages:
            self.stage.addItem(stage.name, stage.id)
        self.stage.setCurrentIndex(max(0, self.stage.findData(step.stage_id)))
        form.addRow(tr(_C, "&Stage"), self.stage)
        self.scored = QCheckBox(tr(_C, "Scored"))
        self.scored.setChecked(step.emotion is not None)
        self.emotion = QSpinBox()
        self.emotion.setRange(0, 10)
        self.emotion.setValue(step.emotion if step.emotion is not None else 5)
        self.emotion.setEnabled(self.scored.isChecked())
        self.emotion.setToolTip(tr(_C, "0 = very negative, 10 = very positive"))
        self.scored.toggled.connect(self.emotion.setEnabled)
        form.addRow(self.scored, self.emotion)
        self.reason = QLineEdit(step.emotion_reason)
        self.reason.setPlaceholderText(tr(_C, "why this score, e.g. “freezing on the platform”"))
        form.addRow(tr(_C, "&Reason"), self.reason)
        self.moment = QCheckBox(tr(_C, "This step decides whether the customer stays or leaves"))
        self.moment.setChecked(step.moment_of_truth)
        form.addRow(tr(_C, "&Moment of truth"), self.moment)
        form.addRow(_buttons(self))

    def values(self) -> dict[str, object]:
        return {
            "title": self.title.text().strip() or tr(_C, "Step"),
            "stage_id": self.stage.currentData(),
            "emotion": self.emotion.value() if self.scored.isChecked() else None,
            "emotion_reason": self.reason.text()[:MAX_LONG_TEXT],
            "moment_of_truth": self.moment.isChecked(),
        }
