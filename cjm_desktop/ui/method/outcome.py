"""Desired outcome (customer and business) and the journey's three impression words."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from ...commands.method import set_outcome
from ...document import MapDocument
from ...i18n import tr
from ...model import MAX_LONG_TEXT, MAX_SHORT_TEXT

_C = "ui.method.outcome"  # translation context of this module


class OutcomeDialog(QDialog):
    def __init__(self, parent: QWidget | None, doc: MapDocument) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr(_C, "Desired outcome and impression words"))
        self.setMinimumWidth(520)
        form = QFormLayout(self)
        outcome = doc.project.desired_outcome
        form.addRow(QLabel(tr(_C, "One or two sentences each; they stay on the map and the poster.")))
        self.customer = QPlainTextEdit(outcome.customer)
        self.customer.setTabChangesFocus(True)
        self.customer.setPlaceholderText(tr(_C, "What does the customer want to achieve?"))
        form.addRow(tr(_C, "&Customer"), self.customer)
        self.business = QPlainTextEdit(outcome.business)
        self.business.setTabChangesFocus(True)
        self.business.setPlaceholderText(tr(_C, "What does the business want to achieve?"))
        form.addRow(tr(_C, "&Business"), self.business)
        row = QHBoxLayout()
        words = list(doc.journey.impression_words) + ["", "", ""]
        self.words: list[QLineEdit] = []
        for index in range(3):
            edit = QLineEdit(words[index])
            edit.setMaxLength(MAX_SHORT_TEXT)
            edit.setPlaceholderText(tr(_C, "word {value}").format(value=index + 1))
            self.words.append(edit)
            row.addWidget(edit)
        # A layout row gets no buddy from addRow, so "&" would show; the label points at the
        # first word itself. A "&" in the journey's name is text, not a mnemonic.
        label = QLabel(tr(_C, "&Impression of “{name}”").format(
            name=doc.journey.name.replace("&", "&&")))
        label.setBuddy(self.words[0])
        form.addRow(label, row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> tuple[str, str, list[str]]:
        return (self.customer.toPlainText().strip()[:MAX_LONG_TEXT],
                self.business.toPlainText().strip()[:MAX_LONG_TEXT],
                [w.text().strip() for w in self.words])


def edit_outcome(parent: QWidget, doc: MapDocument):  # noqa: ANN201 - QUndoCommand | None
    dialog = OutcomeDialog(parent, doc)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    command = set_outcome(doc, *dialog.values())
    return command if command.children_refs else None
