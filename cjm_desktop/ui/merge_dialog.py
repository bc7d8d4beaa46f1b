"""File → Merge From…: bring participants' files into the open map as one undo step.

The open map is the target. The map "as handed out" (the merge base) is the open map as
it was before the first merge of this session, so files merged one after another (USB
sticks arriving one by one) do not undo each other's work.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..document import MapDocument
from ..i18n import mark, tr, tr_marked
from ..merge import (
    Choice,
    Conflict,
    ConflictKind,
    Incoming,
    MergeResult,
    canonical,
    load_incoming,
    merge_projects,
    resolve_conflicts,
    share_my_cards,
)
from ..model import Project
from ..storage import ProjectFileError, load_project, save_project, write_atomically
from . import messages

_C = "ui.merge_dialog"  # translation context of this module

# The map as it was before this session's first merge, per open document.
_SESSION_BASES: weakref.WeakKeyDictionary[MapDocument, Project] = weakref.WeakKeyDictionary()

# Decision labels per conflict kind, in the order of the Choice values offered.
_CHOICES: dict[ConflictKind, list[tuple[str, Choice]]] = {
    ConflictKind.EDITED_BOTH: [(mark(_C, "Keep both"), Choice.KEEP_BOTH),
                               (mark(_C, "Keep mine"), Choice.KEEP_MINE),
                               (mark(_C, "Keep theirs"), Choice.KEEP_THEIRS)],
    ConflictKind.DELETED_HERE: [(mark(_C, "Keep the card"), Choice.KEEP_BOTH),
                                (mark(_C, "Delete it (as on the map)"), Choice.KEEP_MINE)],
    ConflictKind.DELETED_THERE: [(mark(_C, "Keep the card"), Choice.KEEP_BOTH),
                                 (mark(_C, "Delete it (as they did)"), Choice.KEEP_THEIRS)],
}


class MergeCommand(QUndoCommand):
    """The whole merge as one step: the map's content before and after, as full copies."""

    def __init__(self, document: MapDocument, before: Project, after: Project, text: str) -> None:
        super().__init__(text)
        self._document = document
        self._before = before.model_copy(deep=True)
        self._after = after.model_copy(deep=True)

    def redo(self) -> None:
        self._document.swap_project_content(self._after.model_copy(deep=True))

    def undo(self) -> None:
        self._document.swap_project_content(self._before.model_copy(deep=True))


class MergeDialog(QDialog):
    """Shows the report and one row per conflicting card with a decision to pick."""

    def __init__(self, parent: QWidget | None, compute: Callable[[bool], MergeResult],
                 base_label: str = "", use_base: Callable[[Path], str | None] | None = None) -> None:
        """``use_base(path)`` compares with another "map as handed out"; it returns a problem
        to show, or None once the merge will be computed against that file."""
        super().__init__(parent)
        self.setWindowTitle(tr(_C, "Merge participants' work"))
        self.resize(760, 560)
        self._compute = compute
        self._use_base = use_base
        self.result: MergeResult = compute(False)
        layout = QVBoxLayout(self)
        base_row = QHBoxLayout()
        self.base_label = QLabel(base_label)
        self.base_label.setWordWrap(True)
        self.base_label.setTextFormat(Qt.TextFormat.PlainText)
        base_row.addWidget(self.base_label, 1)
        self.base_button = QPushButton(tr(_C, "Map as Handed Out…"))
        self.base_button.setToolTip(tr(_C, "Compare with the file you gave the participants, so "
                                           "changes made here since then count as yours"))
        self.base_button.clicked.connect(self._choose_base)
        self.base_button.setVisible(use_base is not None)
        base_row.addWidget(self.base_button)
        layout.addLayout(base_row)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)  # user text, never markup
        self.report_view = QPlainTextEdit(readOnly=True)
        self.report_view.setObjectName("mergeReport")
        self.apply_deletions = QCheckBox(tr(_C, "Also remove what participants deleted "
                                         "(only if they all started from this map)"))
        self.apply_deletions.toggled.connect(self._recompute)
        self.conflicts = QTreeWidget()
        self.conflicts.setObjectName("mergeConflicts")
        self.conflicts.setHeaderLabels([tr(_C, "Card on the map"), tr(_C, "Their version"), tr(_C, "From"),
                                        tr(_C, "Decision")])
        self.conflicts.setRootIsDecorated(False)
        for column, width in enumerate((230, 230, 90)):
            self.conflicts.setColumnWidth(column, width)
        self.save_button = QPushButton(tr(_C, "Save Report…"))
        self.save_button.clicked.connect(self.save_report)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.merge_button = buttons.addButton(tr(_C, "Merge"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        for widget in (self.summary, self.report_view, self.apply_deletions,
                       QLabel(tr(_C, "Conflicts — every version is on the map until you decide:")),
                       self.conflicts, buttons):
            layout.addWidget(widget)
        self._show()

    def _choose_base(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, tr(_C, "The Map as Handed Out"), "",
                                              tr(_C, "Journey maps (*.cjm)"))
        if not name or self._use_base is None:
            return
        problem = self._use_base(Path(name))
        if problem:
            messages.show_error(self, tr(_C, "Cannot compare with that map"), problem)
            return
        try:
            self._recompute(self.apply_deletions.isChecked())
        except ProjectFileError as exc:  # the merged map would be invalid: keep the last result
            messages.show_error(self, tr(_C, "Cannot compare with that map"), exc.message)
            return
        self.base_label.setText(tr(_C, "Compared with: {name} (as handed out)").format(
            name=Path(name).name))

    def _recompute(self, apply_deletions: bool) -> None:
        self.result = self._compute(apply_deletions)
        self._show()

    def _show(self) -> None:
        self.summary.setText(self.result.report.summary())
        self.report_view.setPlainText(self.result.report.to_text())
        self.conflicts.clear()
        for conflict in self.result.conflicts:
            self._add_row(conflict)
        self.conflicts.setEnabled(bool(self.result.conflicts))

    def _add_row(self, conflict: Conflict) -> None:
        deleted = tr(_C, "(deleted)")
        mine = conflict.mine_text if conflict.kind is not ConflictKind.DELETED_HERE else deleted
        theirs = conflict.theirs_text if conflict.kind is not ConflictKind.DELETED_THERE else deleted
        item = QTreeWidgetItem([mine, theirs, conflict.participant, ""])
        item.setToolTip(0, mine)  # card texts are long; the cell shows their start
        item.setToolTip(1, theirs)
        self.conflicts.addTopLevelItem(item)
        combo = QComboBox()
        for text, choice in _CHOICES[conflict.kind]:
            combo.addItem(tr_marked(_C, text), choice.value)
        self.conflicts.setItemWidget(item, 3, combo)

    def choice_box(self, row: int) -> QComboBox:
        widget = self.conflicts.itemWidget(self.conflicts.topLevelItem(row), 3)
        assert isinstance(widget, QComboBox)
        return widget

    def choices(self) -> dict[int, Choice]:
        return {row: Choice(self.choice_box(row).currentData())
                for row in range(self.conflicts.topLevelItemCount())}

    def save_report(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, tr(_C, "Save Merge Report"),
                                              tr(_C, "merge-report.txt"),
                                              tr(_C, "Text files (*.txt)"))
        if not name:
            return
        try:
            write_atomically(name, self.result.report.to_text().encode("utf-8"), backup=False)
        except ProjectFileError as exc:
            # The storage layer words its messages for maps; this file is a report.
            prefix = tr("storage.files", "the map could not be saved: {problem}").partition(
                "{problem}")[0]
            text = tr(_C, "'{path}': the report could not be saved: {problem}. Choose another "
                          "folder or file name.").format(path=name,
                                                         problem=exc.problem.removeprefix(prefix))
            messages.show_error(self, tr(_C, "Could not save the report"), text)


def _load(parent: QWidget | None, paths: Sequence[Path]) -> list[Incoming] | None:
    try:
        return load_incoming(paths)
    except ProjectFileError as exc:
        messages.show_error(parent, tr(_C, "Cannot merge"), exc.message)
        return None


def merge_from_files(parent: QWidget | None, document: MapDocument, paths: list[Path],
                     base: Project | None = None) -> bool:
    """Merge participants' files into the open map; True if the map changed (one undo step).

    ``base`` is the map as handed out; by default the open map before this session's
    first merge.
    """
    if document.read_only:
        messages.show_error(parent, tr(_C, "Cannot merge"),
                            tr(_C, "This map is open read-only; save a copy first."))
        return False
    incoming = _load(parent, paths)
    if not incoming:
        return False
    remembered = _SESSION_BASES.get(document)
    label = tr(_C, "Compared with: the map as you gave it to them")
    if base is None:
        if remembered is not None and remembered.id == document.project.id:
            base, label = remembered, tr(_C, "Compared with: the map as at this session's "
                                             "first merge")
        else:
            base, label = _saved_version(document)
    current = document.project.model_copy(deep=True)
    chosen = {"base": base}

    def compute(apply_deletions: bool) -> MergeResult:
        return merge_projects(chosen["base"], incoming, ours=current,
                              apply_deletions=apply_deletions, base_label=document.display_name)

    def use_base(path: Path) -> str | None:
        try:
            handed_out = load_project(path)
        except ProjectFileError as exc:
            return exc.message
        if handed_out.id != document.project.id:
            return tr(_C, "'{path}' is another map, not the one the participants received. "
                          "Choose the file you handed out.").format(path=path)
        chosen["base"] = handed_out  # the same map id, so every incoming file still relates
        return None

    try:
        dialog = MergeDialog(parent, compute, label, use_base)
    except ProjectFileError as exc:
        messages.show_error(parent, tr(_C, "Cannot merge"), exc.message)
        return False
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    result = dialog.result
    merged = resolve_conflicts(result.project, result.conflicts, dialog.choices())
    _SESSION_BASES.setdefault(document, chosen["base"])
    if canonical(merged) == canonical(current):
        return False
    count = len(incoming)
    document.undo_stack.push(MergeCommand(document, current, merged,
                                          tr(_C, "Merge %n file(s)", n=count)))
    return True


def _saved_version(document: MapDocument) -> tuple[Project, str]:
    """The map as it is on disk: closer to what participants received than the open map.

    Edits made here since the last save are then the facilitator's own changes, so a
    participant who changed the same card shows up as a conflict instead of overwriting them.
    A map never saved (or saved elsewhere since) falls back to the open map.
    """
    if document.path is not None and document.is_dirty:
        try:
            saved = load_project(document.path)
        except ProjectFileError:
            saved = None
        if saved is not None and saved.id == document.project.id:
            return saved, tr(_C, "Compared with: {name} as last saved (your unsaved changes "
                                 "count as yours)").format(name=document.path.name)
    return document.project.model_copy(deep=True), tr(_C, "Compared with: the map as it is "
                                                          "open now")


def share_my_cards_to_file(parent: QWidget | None, document: MapDocument, received: Path | None = None,
                           target: Path | None = None) -> bool:
    """File → Share My Cards…: save only what this laptop added or changed, for the facilitator.

    Asks for the map as it was received (it must still exist, e.g. on the USB stick) and
    where to save; True when the file was written.
    """
    if received is None:
        name, _ = QFileDialog.getOpenFileName(parent, tr(_C, "The Map You Received"), "",
                                              tr(_C, "Journey maps (*.cjm)"))
        if not name:
            return False
        received = Path(name)
    try:
        base = load_project(received)
        delta = share_my_cards(document.project, base)
    except ProjectFileError as exc:
        messages.show_error(parent, tr(_C, "Cannot share"), exc.message if exc.path else
                            tr(_C, "'{path}': {problem}. {advice}").format(
                                path=received, problem=exc.problem, advice=exc.advice))
        return False
    if target is None:
        suggested = tr(_C, "{name}-cards.cjm").format(name=document.path.stem) if document.path \
            else tr(_C, "my-cards.cjm")
        name, _ = QFileDialog.getSaveFileName(parent, tr(_C, "Share My Cards"), suggested,
                                              tr(_C, "Journey maps (*.cjm)"))
        if not name:
            return False
        target = Path(name)
    try:
        save_project(delta, target)
    except ProjectFileError as exc:
        messages.show_error(parent, tr(_C, "Cannot share"), exc.message)
        return False
    return True
