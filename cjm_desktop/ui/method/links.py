"""Choose the stakeholders a card is linked to (backoffice and service delivery work)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...i18n import tr
from ...model import Card, Stakeholder

_C = "ui.method.links"  # translation context of this module


class LinkStakeholdersDialog(QDialog):
    def __init__(self, parent: QWidget | None, card: Card, stakeholders: list[Stakeholder]) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr(_C, "Link to stakeholders"))
        self.setMinimumWidth(380)
        layout = QVBoxLayout(self)
        text = " ".join(card.text.split())
        label = QLabel(tr(_C, "Who is responsible for “{value}”?").format(value=text[:80]))
        label.setTextFormat(Qt.TextFormat.PlainText)  # card text is user input, never markup
        label.setWordWrap(True)
        layout.addWidget(label)
        self.list = QListWidget()
        for stakeholder in stakeholders:
            item = QListWidgetItem(tr(_C, "{name} (ring {ring})").format(name=stakeholder.name,
                                                                         ring=stakeholder.ring))
            item.setData(Qt.ItemDataRole.UserRole, stakeholder.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if stakeholder.id in card.stakeholder_ids
                               else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        layout.addWidget(self.list)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def set_checked(self, stakeholder_id: str, checked: bool) -> None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == stakeholder_id:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def selected_ids(self) -> list[str]:
        return [self.list.item(r).data(Qt.ItemDataRole.UserRole) for r in range(self.list.count())
                if self.list.item(r).checkState() == Qt.CheckState.Checked]
