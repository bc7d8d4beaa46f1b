"""The dialog shown at start when maps can be recovered after a crash or power loss."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..i18n import format_datetime, mark, tr, tr_marked
from ..storage.recovery import RecoveryEntry

_C = "ui.recovery_dialog"  # translation context of this module

RESTORE = "restore"
DISCARD = "discard"
LATER = "later"
_CHOICE_LABELS = {RESTORE: mark(_C, "Restore"), DISCARD: mark(_C, "Discard"),
                  LATER: mark(_C, "Decide later")}


class RecoveryDialog(QDialog):
    """One row per recoverable map with a Restore / Discard / Decide later choice.

    Accepting applies the choices; rejecting (Esc, "Decide later") keeps every autosave
    for the next start, so closing the dialog by accident never loses anything.
    """

    def __init__(self, entries: list[RecoveryEntry], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr(_C, "Recover unsaved maps"))
        self._entries = list(entries)
        self._combos: dict[str, QComboBox] = {}

        count = len(self._entries)
        intro = QLabel(
            # %n picks the plural form from the catalogue (one map / two maps).
            tr(_C, "cjm-desktop did not close normally last time. %n map(s) had unsaved "
                   "changes that were autosaved. Choose what to do with each one.", count)
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)

        self.table = QTableWidget(count, 4, self)
        self.table.setHorizontalHeaderLabels([tr(_C, "Map"), tr(_C, "Autosaved"), tr(_C, "Changes"),
                                              tr(_C, "Action")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.verticalHeader().setVisible(False)
        # Long names and change summaries wrap onto more lines instead of being cut off, and
        # each row grows to what it holds. Name and summary share the free width equally, so a
        # long summary no longer squeezes the name; date and choice fit their contents.
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        for column, mode in enumerate((QHeaderView.ResizeMode.Stretch,
                                       QHeaderView.ResizeMode.ResizeToContents,
                                       QHeaderView.ResizeMode.Stretch,
                                       QHeaderView.ResizeMode.ResizeToContents)):
            header.setSectionResizeMode(column, mode)
        for row, entry in enumerate(self._entries):
            self._add_row(row, entry)

        buttons = QDialogButtonBox(self)
        self.apply_button = buttons.addButton(tr(_C, "Apply"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.later_button = buttons.addButton(tr(_C, "Decide later"), QDialogButtonBox.ButtonRole.RejectRole)
        self.apply_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(860, 180 + 48 * min(count, 8))

    def _add_row(self, row: int, entry: RecoveryEntry) -> None:
        # QTableWidgetItem shows plain text, so markup in a map title stays literal.
        name = QTableWidgetItem(entry.name)
        where = str(entry.original_path) if entry.original_path else tr(_C, "never saved")
        name.setToolTip(f"{entry.title}\n{where}")
        self.table.setItem(row, 0, name)
        self.table.setItem(row, 1, QTableWidgetItem(format_datetime(entry.saved_at)))
        self.table.setItem(row, 2, QTableWidgetItem(entry.summary()))
        combo = QComboBox(self.table)
        for key, label in _CHOICE_LABELS.items():
            combo.addItem(tr_marked(_C, label), key)
        combo.setAccessibleName(tr(_C, "Action for {name}").format(name=entry.name))
        self.table.setCellWidget(row, 3, combo)
        self._combos[entry.session] = combo

    def set_choice(self, session: str, choice: str) -> None:
        combo = self._combos[session]
        combo.setCurrentIndex(combo.findData(choice))

    def choices(self) -> list[tuple[RecoveryEntry, str]]:
        """Each entry with RESTORE, DISCARD or LATER, in the order shown."""
        return [(entry, str(self._combos[entry.session].currentData())) for entry in self._entries]
