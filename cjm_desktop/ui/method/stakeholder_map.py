"""Stakeholder map: three rings of influence around the customer, tokens dragged between them.

Dropping a token pushes one undo command (ring and angle); the scene is rebuilt from the
model afterwards, so the tokens never hold state the project does not.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsSceneMouseEvent,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...commands import method as cmd
from ...document import MapDocument
from ...i18n import tr
from ...model import MAX_LONG_TEXT, MAX_SHORT_TEXT, Stakeholder
from .. import messages
from . import questions

_C = "ui.method.stakeholder_map"  # translation context of this module

CENTRE_RADIUS = 55.0
RING_RADII = (150.0, 260.0, 370.0)  # outer edge of ring 1, 2 and 3
TOKEN_RADIUS = 26.0
RING_COLOURS = ("#c5e1a5", "#b3e5fc", "#e0e0e0")
TOKEN_COLOURS = ("#33691e", "#01579b", "#424242")
# Text sizes in scene units (pixels at 1:1). The view fits the rings to its size, about 0.9:1
# in the default window, so these stay readable (over 11 px) on screen.
RING_LABEL_PX = 16
TOKEN_INITIALS_PX = 16
TOKEN_LABEL_PX = 15
CENTRE_LABEL_PX = 14
SCENE_MARGIN = 12.0  # around ring 3, for its pen and the names of tokens near its edge


def scene_font(pixels: int, bold: bool = False) -> QFont:
    font = QFont()
    font.setPixelSize(pixels)
    font.setBold(bold)
    return font


def ring_for_distance(distance: float) -> int:
    """Which ring a point at this distance from the customer falls into (1 = closest)."""
    for ring, outer in enumerate(RING_RADII, start=1):
        if distance <= outer:
            return ring
    return 3


def token_position(ring: int, angle: float) -> QPointF:
    inner = CENTRE_RADIUS if ring == 1 else RING_RADII[ring - 2]
    radius = (inner + RING_RADII[ring - 1]) / 2
    rad = math.radians(angle)
    return QPointF(radius * math.cos(rad), -radius * math.sin(rad))  # screen y points down


def ring_and_angle(pos: QPointF) -> tuple[int, float]:
    distance = math.hypot(pos.x(), pos.y())
    angle = math.degrees(math.atan2(-pos.y(), pos.x())) % 360
    return ring_for_distance(distance), angle


class StakeholderToken(QGraphicsEllipseItem):
    """A stakeholder's token; reports where it was dropped and nothing else."""

    def __init__(self, stakeholder: Stakeholder,
                 dropped: Callable[[str, QPointF], None]) -> None:
        r = TOKEN_RADIUS
        super().__init__(-r, -r, 2 * r, 2 * r)
        self.stakeholder_id = stakeholder.id
        self._dropped = dropped
        self._press: QPointF | None = None
        self.setBrush(QColor(TOKEN_COLOURS[stakeholder.ring - 1]))
        self.setPen(QPen(QColor("#ffffff"), 3))
        self.setFlags(QGraphicsItem.GraphicsItemFlag.ItemIsMovable
                      | QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        self.setZValue(10)
        self.setToolTip(tr(_C, "{name}\nWe do for them: {we_do_for_them}\nThey do for us: "
                               "{they_do_for_us}").format(
                name=stakeholder.name, we_do_for_them=stakeholder.we_do_for_them,
                they_do_for_us=stakeholder.they_do_for_us))
        initials = "".join(w[0] for w in stakeholder.name.split()[:2]).upper() or "?"
        mark = QGraphicsSimpleTextItem(initials, self)
        mark.setBrush(QColor("#ffffff"))
        mark.setFont(scene_font(TOKEN_INITIALS_PX, bold=True))
        box = mark.boundingRect()
        mark.setPos(-box.width() / 2, -box.height() / 2)
        label = QGraphicsSimpleTextItem(stakeholder.name, self)
        label.setFont(scene_font(TOKEN_LABEL_PX))
        label.setBrush(QColor("#1b1b1b"))
        box = label.boundingRect()
        label.setPos(-box.width() / 2, r + 2)
        self.setPos(token_position(stakeholder.ring, stakeholder.angle))

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        self._press = self.pos()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        start, self._press = self._press, None
        if start is not None and (self.pos() - start).manhattanLength() > 3:
            self._dropped(self.stakeholder_id, self.pos())


class StakeholderScene(QGraphicsScene):
    def __init__(self, doc: MapDocument, dropped: Callable[[str, QPointF], None]) -> None:
        super().__init__()
        self.doc = doc
        self._dropped = dropped
        self.tokens: dict[str, StakeholderToken] = {}
        # Just the rings: the view fits this rect, so no space is wasted around them.
        limit = RING_RADII[-1] + SCENE_MARGIN
        self.setSceneRect(QRectF(-limit, -limit, 2 * limit, 2 * limit))
        self.rebuild()

    def rebuild(self) -> None:
        selected = {t.stakeholder_id for t in self.tokens.values() if t.isSelected()}
        self.tokens = {}  # before clear(): its selectionChanged must not see deleted tokens
        self.clear()
        for ring in (3, 2, 1):
            outer = RING_RADII[ring - 1]
            circle = self.addEllipse(-outer, -outer, 2 * outer, 2 * outer,
                                     QPen(QColor("#9e9e9e"), 1.5),
                                     QBrush(QColor(RING_COLOURS[ring - 1])))
            circle.setZValue(-ring)
            label = self.addSimpleText(tr(_C, "Ring {ring}").format(ring=ring),
                                       scene_font(RING_LABEL_PX))
            label.setBrush(QColor("#555555"))
            label.setPos(-label.boundingRect().width() / 2, -outer + 4)
        centre = self.addEllipse(-CENTRE_RADIUS, -CENTRE_RADIUS, 2 * CENTRE_RADIUS,
                                 2 * CENTRE_RADIUS, QPen(Qt.PenStyle.NoPen),
                                 QBrush(QColor("#ffcc80")))
        persona = self.doc.project.persona(self.doc.journey.persona_id)
        text = self.addSimpleText(persona.name if persona else tr(_C, "Customer"),
                                  scene_font(CENTRE_LABEL_PX))
        box = text.boundingRect()
        text.setPos(-box.width() / 2, -box.height() / 2)
        text.setParentItem(centre)
        for stakeholder in self.doc.project.stakeholders:
            token = StakeholderToken(stakeholder, self._dropped)
            self.addItem(token)
            self.tokens[stakeholder.id] = token
            token.setSelected(stakeholder.id in selected)


class _FittingView(QGraphicsView):
    """Shows the whole scene rect as large as fits, also after the window is resized."""

    def __init__(self, scene: QGraphicsScene) -> None:
        super().__init__(scene)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def fit(self) -> None:
        self.fitInView(self.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.fit()


class StakeholderMapWindow(QDialog):
    """Non-modal window: the rings on the left, the selected stakeholder's details on the right."""

    def __init__(self, parent: QWidget, doc: MapDocument,
                 push: Callable[[object], None]) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr(_C, "Stakeholder map"))
        self.resize(1100, 760)
        self.doc, self.push = doc, push
        self._details_of: str | None = None  # whose details the fields hold
        self._details_loaded = ("", "", "")  # what they held when loaded or saved
        self.scene = StakeholderScene(doc, self._dropped)
        self.view = _FittingView(self.scene)
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setMinimumSize(600, 600)
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)
        self._refresh_timer.timeout.connect(self.refresh)
        doc.changed.connect(self._refresh_timer.start)
        self.scene.selectionChanged.connect(self._selection_changed)

        side = QWidget()
        panel = QVBoxLayout(side)
        self.list = QListWidget()
        self.list.currentRowChanged.connect(self._list_row_changed)
        panel.addWidget(self.list)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(tr(_C, "&Add Stakeholder…"))
        self.add_button.clicked.connect(self.add_stakeholder)
        self.delete_button = QPushButton(tr(_C, "&Delete"))
        self.delete_button.clicked.connect(self.delete_stakeholder)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.delete_button)
        panel.addLayout(buttons)
        form = QFormLayout()
        self.name = QLineEdit()
        self.name.setMaxLength(MAX_SHORT_TEXT)
        form.addRow(tr(_C, "&Name"), self.name)
        self.we_do = QPlainTextEdit()
        self.we_do.setTabChangesFocus(True)
        form.addRow(tr(_C, "What &we do for them"), self.we_do)
        self.they_do = QPlainTextEdit()
        self.they_do.setTabChangesFocus(True)
        form.addRow(tr(_C, "What &they do for us"), self.they_do)
        self.apply_button = QPushButton(tr(_C, "Save &Details"))
        self.apply_button.clicked.connect(self.apply_details)
        form.addRow(self.apply_button)
        panel.addLayout(form)
        panel.addWidget(QLabel(tr(_C, "Linked cards:")))
        self.links = QListWidget()
        # Card texts and the hint are sentences: wrap them to the panel instead of scrolling.
        self.links.setWordWrap(True)
        self.links.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.links.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.links.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        panel.addWidget(self.links)
        self.export_button = QPushButton(tr(_C, "Export as &PDF Page…"))
        self.export_button.clicked.connect(self.export_pdf)
        panel.addWidget(self.export_button)
        splitter = QSplitter()
        splitter.addWidget(self.view)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.refresh()

    # ----- model → view ---------------------------------------------------------------
    def refresh(self) -> None:
        current = self.current_id()
        self.scene.rebuild()
        self.list.blockSignals(True)
        self.list.clear()
        for stakeholder in self.doc.project.stakeholders:
            self.list.addItem(tr(_C, "{name} — ring {ring}").format(name=stakeholder.name,
                                                                    ring=stakeholder.ring))
        self.list.blockSignals(False)
        ids = [s.id for s in self.doc.project.stakeholders]
        self.select(current if current in ids else (ids[0] if ids else None))
        self.view.fit()

    def current_id(self) -> str | None:
        row = self.list.currentRow()
        stakeholders = self.doc.project.stakeholders
        return stakeholders[row].id if 0 <= row < len(stakeholders) else None

    def select(self, stakeholder_id: str | None) -> None:
        ids = [s.id for s in self.doc.project.stakeholders]
        self.list.setCurrentRow(ids.index(stakeholder_id) if stakeholder_id in ids else -1)
        self._show_details()

    def _list_row_changed(self, _row: int) -> None:
        self._show_details()
        current = self.current_id()
        self.scene.blockSignals(True)
        for sid, token in self.scene.tokens.items():
            token.setSelected(sid == current)
        self.scene.blockSignals(False)

    def _selection_changed(self) -> None:
        # Also runs while Qt tears the scene down, when tokens are already gone.
        chosen = [t.stakeholder_id for t in self.scene.tokens.values()
                  if shiboken6.isValid(t) and t.isSelected()]
        if chosen and chosen[0] != self.current_id():
            self.select(chosen[0])

    def _typed_details(self) -> tuple[str, str, str]:
        return self.name.text(), self.we_do.toPlainText(), self.they_do.toPlainText()

    def _show_details(self) -> None:
        sid = self.current_id()
        # Typed but not yet saved with "Save Details": never thrown away by a refresh (a token
        # dragged, an undo in the main window) or by choosing another stakeholder.
        edited = self._details_of is not None and self._typed_details() != self._details_loaded
        if edited and sid != self._details_of:
            self.apply_details(self._details_of)  # its refresh comes back here
            return
        stakeholder = next((s for s in self.doc.project.stakeholders if s.id == sid), None)
        for widget in (self.name, self.we_do, self.they_do, self.apply_button, self.delete_button):
            widget.setEnabled(stakeholder is not None)
        if not edited:
            self.name.setText(stakeholder.name if stakeholder else "")
            self.we_do.setPlainText(stakeholder.we_do_for_them if stakeholder else "")
            self.they_do.setPlainText(stakeholder.they_do_for_us if stakeholder else "")
            self._details_loaded = self._typed_details()
        self._details_of = stakeholder.id if stakeholder else None
        self.links.clear()
        if stakeholder is not None:
            for journey, text in cmd.cards_linked_to(self.doc, stakeholder.id):
                self.links.addItem(f"{' '.join(text.split())[:80]} ({journey.name})")
            if self.links.count() == 0:
                self.links.addItem(tr(_C, "(no cards linked yet: use Link to Stakeholder… on a card)"))

    # ----- edits ----------------------------------------------------------------------
    def _dropped(self, stakeholder_id: str, pos: QPointF) -> None:
        ring, angle = ring_and_angle(pos)
        self.push(cmd.move_stakeholder(self.doc, stakeholder_id, ring, angle))
        self._refresh_timer.start()  # snap the token onto its ring even if nothing changed

    def add_stakeholder(self) -> None:
        name = questions.ask_text(self, tr(_C, "Add stakeholder"),
                                  tr(_C, "Who influences or is touched by the journey?"), "")
        if not name:
            return
        count = len(self.doc.project.stakeholders)
        stakeholder = Stakeholder(name=name[:MAX_SHORT_TEXT], ring=2, angle=(count * 47.0) % 360)
        self.push(cmd.add_stakeholder(self.doc, stakeholder))
        self.refresh()
        self.select(stakeholder.id)

    def delete_stakeholder(self) -> None:
        sid = self.current_id()
        if sid is not None:
            self.push(cmd.delete_stakeholder(self.doc, sid))
            self.refresh()

    def apply_details(self, stakeholder_id: str | None = None) -> None:
        sid = stakeholder_id or self.current_id()
        stakeholder = next((s for s in self.doc.project.stakeholders if s.id == sid), None)
        if stakeholder is None:
            self._details_of = None
            return
        values = {"name": self.name.text().strip()[:MAX_SHORT_TEXT] or stakeholder.name,
                  "we_do_for_them": self.we_do.toPlainText()[:MAX_LONG_TEXT],
                  "they_do_for_us": self.they_do.toPlainText()[:MAX_LONG_TEXT]}
        changes = {k: v for k, v in values.items() if getattr(stakeholder, k) != v}
        self._details_loaded = self._typed_details()  # saved now (or nothing to save)
        if changes:
            self.push(cmd.edit_stakeholder(self.doc, stakeholder.id, **changes))
        else:
            self._show_details()

    def export_pdf(self) -> None:
        path = questions.ask_save_file(self, tr(_C, "Export stakeholder map"),
                                       "stakeholder-map.pdf", tr(_C, "PDF (*.pdf)"))
        if path is None:
            return
        try:
            write_stakeholder_pdf(self.scene, self.doc, path)
        except OSError as exc:
            messages.show_error(self, tr(_C, "Could not export"),
                                tr(_C, "'{path}': {value}. Choose another folder and try again.").format(
                                        path=path, value=exc.strerror or exc))


def write_stakeholder_pdf(scene: StakeholderScene, doc: MapDocument, path: Path) -> None:
    """A4 portrait: the rings, then what each stakeholder and the organisation do for each other.

    Long descriptions wrap and continue on further pages; nothing is cut off.
    """
    temp = path.with_name(path.name + ".part")
    writer = QPdfWriter(str(temp))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setResolution(300)
    title = tr(_C, "{title} — stakeholder map").format(title=doc.project.title)
    writer.setTitle(title)
    painter = QPainter(writer)
    if not painter.isActive():
        raise OSError(f"cannot write {temp}")
    selected = scene.selectedItems()
    scene.clearSelection()  # the selection frame belongs to the screen, not to the page
    try:
        page = QRectF(0, 0, writer.width(), writer.height())
        title_font = QFont()
        title_font.setPointSizeF(18)
        title_font.setBold(True)
        painter.setFont(title_font)
        painter.drawText(QRectF(0, 0, page.width(), page.height() * 0.06),
                         Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap, title)
        target = QRectF(0, page.height() * 0.07, page.width(), page.height() * 0.55)
        scene.render(painter, target, scene.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
        _write_stakeholder_table(writer, painter, page, page.height() * 0.65, doc)
    finally:
        painter.end()
        for item in selected:
            item.setSelected(True)
    temp.replace(path)


def _write_stakeholder_table(writer: QPdfWriter, painter: QPainter, page: QRectF, top: float,
                             doc: MapDocument) -> None:
    name_font, body_font = QFont(), QFont()
    name_font.setPointSizeF(10)
    name_font.setBold(True)
    body_font.setPointSizeF(9)
    gap = page.height() * 0.008
    y = top
    for stakeholder in sorted(doc.project.stakeholders, key=lambda s: (s.ring, s.name)):
        paragraphs = [
            (name_font, tr(_C, "Ring {ring} · {name}").format(ring=stakeholder.ring,
                                                            name=stakeholder.name)),
            (body_font, tr(_C, "We do for them: {text}").format(
                text=" ".join(stakeholder.we_do_for_them.split()) or "–")),
            (body_font, tr(_C, "They do for us: {text}").format(
                text=" ".join(stakeholder.they_do_for_us.split()) or "–")),
        ]
        for font, text in paragraphs:
            painter.setFont(font)
            flags = Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap
            height = painter.boundingRect(QRectF(0, 0, page.width(), page.height()), flags,
                                          text).height()
            if y + height > page.height():
                writer.newPage()
                y = 0.0
            painter.drawText(QRectF(0, y, page.width(), height), flags, text)
            y += height
        y += gap
