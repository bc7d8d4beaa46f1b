"""KPIs of one step (name, value, unit, source, date) in an editable table."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...i18n import mark, tr, tr_marked
from ...model import MAX_SHORT_TEXT, Kpi, Step

_C = "ui.method.kpis"  # translation context of this module

KPI_FIELDS = ("name", "value", "unit", "source", "date")
_HEADERS = (mark(_C, "Name"), mark(_C, "Value"), mark(_C, "Unit"), mark(_C, "Source"),
            mark(_C, "Date"))


class KpiDialog(QDialog):
    def __init__(self, parent: QWidget | None, step: Step) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr(_C, "KPIs of “{title}”").format(title=step.title))
        self.setMinimumSize(640, 300)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr(_C, "Data that supports this step (NPS, drop-off rate, complaints). "
                                "Shown under the step on the map and the poster.")))
        self.table = QTableWidget(0, len(KPI_FIELDS))
        self.table.setHorizontalHeaderLabels([tr_marked(_C, h) for h in _HEADERS])
        self.table.horizontalHeader().setStretchLastSection(True)
        self._ids: list[str] = []
        for kpi in step.kpis:
            self.add_row(kpi)
        layout.addWidget(self.table)
        row = QHBoxLayout()
        add = QPushButton(tr(_C, "&Add KPI"))
        add.clicked.connect(lambda: self.add_row(Kpi()))
        remove = QPushButton(tr(_C, "&Remove KPI"))
        remove.clicked.connect(self.remove_row)
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch()
        layout.addLayout(row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def add_row(self, kpi: Kpi) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self._ids.append(kpi.id)
        for column, field in enumerate(KPI_FIELDS):
            self.table.setItem(row, column, QTableWidgetItem(getattr(kpi, field)))

    def remove_row(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < self.table.rowCount():
            self.table.removeRow(row)
            self._ids.pop(row)

    def kpis(self) -> list[Kpi]:
        result: list[Kpi] = []
        for row in range(self.table.rowCount()):
            values = {}
            for column, field in enumerate(KPI_FIELDS):
                item = self.table.item(row, column)
                values[field] = (item.text().strip() if item else "")[:MAX_SHORT_TEXT]
            if any(values.values()):
                result.append(Kpi(id=self._ids[row], **values))
        return result
