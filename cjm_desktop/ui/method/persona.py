"""Persona editor: every persona of the project, and which one the current journey is for.

The dialog edits copies; on OK the differences become one undo step.
"""

from __future__ import annotations

import base64
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...commands import MacroCommand
from ...commands.generic import InsertCommand, RemoveCommand, SetFieldsCommand
from ...document import MapDocument
from ...i18n import mark, tr, tr_marked
from ...model import MAX_LONG_TEXT, MAX_SHORT_TEXT, Persona
from ...model.entities import MAX_PICTURE_BYTES
from . import questions

_C = "ui.method.persona"  # translation context of this module

PICTURE_SIDE = 400  # px; plenty for a poster corner, keeps the project file small
_TEXT_FIELDS = ("goals", "frustrations", "present_situation", "future_ambitions")
_LABELS = {"goals": mark(_C, "&Goals"), "frustrations": mark(_C, "&Frustrations"),
           "present_situation": mark(_C, "&Present situation"),
           "future_ambitions": mark(_C, "F&uture ambitions")}


class PictureError(Exception):
    pass


def picture_from_file(path: Path) -> str:
    """A picture file as base64 PNG/JPEG, scaled down to PICTURE_SIDE and size-checked."""
    image = QImage(str(path))
    if image.isNull():
        raise PictureError(tr(_C, "'{name}' is not a picture this app can read (use PNG or JPEG)")
                           .format(name=path.name))
    if max(image.width(), image.height()) > PICTURE_SIDE:
        image = image.scaled(PICTURE_SIDE, PICTURE_SIDE, Qt.AspectRatioMode.KeepAspectRatio,
                             Qt.TransformationMode.SmoothTransformation)
    for fmt, quality in (("PNG", -1), ("JPEG", 85), ("JPEG", 60)):
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, fmt, quality)
        buffer.close()
        if 0 < data.size() <= MAX_PICTURE_BYTES:
            return base64.b64encode(bytes(data.data())).decode("ascii")
    raise PictureError(tr(_C, "'{name}' is too large even after scaling; choose a smaller "
                          "picture").format(name=path.name))


def picture_pixmap(picture_base64: str, side: int = 96) -> QPixmap | None:
    if not picture_base64:
        return None
    pixmap = QPixmap()
    try:
        raw = base64.b64decode(picture_base64, validate=True)
    except ValueError:
        return None
    if not pixmap.loadFromData(raw):
        return None
    return pixmap.scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio,
                         Qt.TransformationMode.SmoothTransformation)


class PersonaDialog(QDialog):
    def __init__(self, parent: QWidget | None, doc: MapDocument) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr(_C, "Personas"))
        self.setMinimumSize(720, 520)
        self.doc = doc
        self.personas = [p.model_copy(deep=True) for p in doc.project.personas]
        self.journey_persona: str | None = doc.journey.persona_id
        self._row = -1
        outer = QHBoxLayout(self)
        left = QVBoxLayout()
        self.list = QListWidget()
        self.list.currentRowChanged.connect(self._show)
        left.addWidget(self.list)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(tr(_C, "&Add"))
        self.add_button.clicked.connect(self.add_persona)
        self.remove_button = QPushButton(tr(_C, "&Remove"))
        self.remove_button.clicked.connect(self.remove_persona)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        left.addLayout(buttons)
        outer.addLayout(left, 1)
        right = QVBoxLayout()
        form = QFormLayout()
        self.name = QLineEdit()
        self.name.setMaxLength(MAX_SHORT_TEXT)
        self.name.textEdited.connect(self._rename_in_list)
        form.addRow(tr(_C, "&Name"), self.name)
        self.segment = QLineEdit()
        self.segment.setMaxLength(MAX_SHORT_TEXT)
        self.segment.setPlaceholderText(tr(_C, "e.g. business traveller, 38"))
        form.addRow(tr(_C, "&Segment"), self.segment)
        self.texts: dict[str, QPlainTextEdit] = {}
        for field in _TEXT_FIELDS:
            edit = QPlainTextEdit()
            edit.setTabChangesFocus(True)
            edit.setMaximumHeight(70)
            self.texts[field] = edit
            form.addRow(tr_marked(_C, _LABELS[field]), edit)
        # A framed box that says so when it is empty, with the two actions stacked beside it.
        picture_row = QHBoxLayout()
        self.picture = QLabel()
        self.picture.setFixedSize(96, 96)
        self.picture.setFrameShape(QFrame.Shape.StyledPanel)
        self.picture.setFrameShadow(QFrame.Shadow.Sunken)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setWordWrap(True)
        self.picture.setAccessibleName(tr(_C, "Picture"))
        self.picture_button = QPushButton(tr(_C, "Choose &Picture…"))
        self.picture_button.clicked.connect(self.choose_picture)
        self.clear_picture_button = QPushButton(tr(_C, "Remo&ve Picture"))
        self.clear_picture_button.clicked.connect(lambda: self._set_picture(""))
        picture_buttons = QVBoxLayout()
        picture_buttons.addWidget(self.picture_button)
        picture_buttons.addWidget(self.clear_picture_button)
        picture_buttons.addStretch(1)
        picture_row.addWidget(self.picture, 0, Qt.AlignmentFlag.AlignTop)
        picture_row.addLayout(picture_buttons)
        picture_row.addStretch(1)
        form.addRow(tr(_C, "Picture"), picture_row)
        self.use_for_journey = QCheckBox(tr(_C, "This journey (“{name}”) is drawn for this persona").format(
                name=doc.journey.name))
        self.use_for_journey.toggled.connect(self._toggle_journey)
        form.addRow(self.use_for_journey)
        self.error = QLabel("")
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        form.addRow(self.error)
        right.addLayout(form)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        right.addWidget(box)
        self.form_widgets: list[QWidget] = [self.name, self.segment, *self.texts.values(),
                                            self.picture_button, self.use_for_journey]
        outer.addLayout(right, 2)
        for persona in self.personas:
            self.list.addItem(persona.name)
        if self.personas:
            current = next((i for i, p in enumerate(self.personas) if p.id == self.journey_persona), 0)
            self.list.setCurrentRow(current)
        else:
            self._show(-1)

    # ----- editing the copies -----------------------------------------------------
    def _store(self) -> None:
        if not 0 <= self._row < len(self.personas):
            return
        persona = self.personas[self._row]
        persona.name = self.name.text().strip() or tr(_C, "Persona")
        persona.segment = self.segment.text().strip()
        for field, edit in self.texts.items():
            setattr(persona, field, edit.toPlainText()[:MAX_LONG_TEXT])

    def _show(self, row: int) -> None:
        self._store()
        self._row = row
        valid = 0 <= row < len(self.personas)
        for widget in self.form_widgets:
            widget.setEnabled(valid)
        self.remove_button.setEnabled(valid)
        persona = self.personas[row] if valid else Persona(name="")
        self.name.setText(persona.name)
        self.segment.setText(persona.segment)
        for field, edit in self.texts.items():
            edit.setPlainText(getattr(persona, field))
        self._show_picture(persona.picture_base64)
        self.use_for_journey.blockSignals(True)
        self.use_for_journey.setChecked(valid and persona.id == self.journey_persona)
        self.use_for_journey.blockSignals(False)

    def _rename_in_list(self, text: str) -> None:
        item = self.list.item(self._row)
        if item is not None:
            item.setText(text.strip() or tr(_C, "Persona"))

    def _toggle_journey(self, checked: bool) -> None:
        if 0 <= self._row < len(self.personas):
            persona_id = self.personas[self._row].id
            if checked:
                self.journey_persona = persona_id
            elif self.journey_persona == persona_id:
                self.journey_persona = None

    def add_persona(self) -> None:
        self._store()
        persona = Persona(name=tr(_C, "New persona"))
        self.personas.append(persona)
        self.list.addItem(persona.name)
        if self.journey_persona is None:
            self.journey_persona = persona.id
        self.list.setCurrentRow(len(self.personas) - 1)
        self.name.setFocus()
        self.name.selectAll()

    def remove_persona(self) -> None:
        row = self._row
        if not 0 <= row < len(self.personas):
            return
        removed = self.personas.pop(row)
        if self.journey_persona == removed.id:
            self.journey_persona = None
        self._row = -1
        self.list.takeItem(row)
        self._show(self.list.currentRow())

    def choose_picture(self) -> None:
        path = questions.ask_open_file(self, tr(_C, "Persona picture"),
                                       tr(_C, "Pictures (*.png *.jpg *.jpeg)"))
        if path is None:
            return
        try:
            self._set_picture(picture_from_file(path))
        except PictureError as exc:
            self.error.setText(str(exc))

    def _set_picture(self, data: str) -> None:
        if 0 <= self._row < len(self.personas):
            self.personas[self._row].picture_base64 = data
            self.error.setText("")
            self._show_picture(data)

    def _show_picture(self, data: str) -> None:
        pixmap = picture_pixmap(data, self.picture.contentsRect().width())
        if pixmap is None:
            self.picture.setPixmap(QPixmap())
            self.picture.setText(tr(_C, "No picture"))
        else:
            self.picture.setPixmap(pixmap)
        # Removing is only offered when there is something to remove.
        self.clear_picture_button.setEnabled(pixmap is not None
                                             and 0 <= self._row < len(self.personas))

    # ----- result -----------------------------------------------------------------
    def command(self) -> MacroCommand | None:
        """The edits as one undo step, or None when nothing changed."""
        self._store()
        doc = self.doc
        macro = MacroCommand(tr(_C, "Edit personas"))
        before = {p.id: p for p in doc.project.personas}
        after = {p.id for p in self.personas}
        for journey in doc.project.journeys:
            if journey.id != doc.journey_id and journey.persona_id in before \
                    and journey.persona_id not in after:
                SetFieldsCommand(doc, "journeys", {journey.id: {"persona_id": None}}, "",
                                 parent=macro)
        if self.journey_persona != doc.journey.persona_id:
            SetFieldsCommand(doc, "journeys", {doc.journey_id: {"persona_id": self.journey_persona}},
                             "", parent=macro)
        for persona_id in before:
            if persona_id not in after:
                RemoveCommand(doc, "personas", persona_id, "", parent=macro)
        for index, persona in enumerate(self.personas):
            old = before.get(persona.id)
            if old is None:
                InsertCommand(doc, "personas", persona, index, "", parent=macro)
                continue
            changes = {k: getattr(persona, k) for k in type(persona).model_fields
                       if k != "id" and getattr(persona, k) != getattr(old, k)}
            if changes:
                SetFieldsCommand(doc, "personas", {persona.id: changes}, "", parent=macro)
        return macro if macro.children_refs else None


def edit_personas(parent: QWidget, doc: MapDocument) -> MacroCommand | None:
    dialog = PersonaDialog(parent, doc)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.command()
