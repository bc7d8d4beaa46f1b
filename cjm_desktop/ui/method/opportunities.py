"""Opportunities panel: pain points and opportunity cards sorted by votes, plus the voting bar."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...commands import MacroCommand, add_card
from ...commands.generic import InsertCommand
from ...document import MapDocument
from ...i18n import tr
from ...model import CARD_COLOURS, Lane, LaneKind
from . import questions
from .gaps import OPPORTUNITY_LANE, GapEntry, collect_gaps
from .voting import VotingController

_C = "ui.method.opportunities"  # translation context of this module
TEXT_COLUMN = 3
# Share of the list's width the kind and step columns may take at most before they elide (never
# below MIN_SIDE_COLUMN px); the card text column stretches over the rest, at least 40 %.
COLUMN_SHARES = {1: 0.25, 2: 0.2}
MIN_SIDE_COLUMN = 60


def gap_kind_name(entry: GapEntry) -> str:
    """What the panel calls a gap: "pain point (score 2)", "opportunity"… (translated)."""
    if entry.card_id is None and entry.score is not None:
        return tr(_C, "pain point (score {score})").format(score=entry.score)
    names = {"pain point": tr(_C, "pain point"), "opportunity": tr(_C, "opportunity"),
             "voted card": tr(_C, "voted card")}
    return names.get(entry.kind, entry.kind)


def add_opportunity(doc: MapDocument, step_id: str, text: str) -> MacroCommand:
    """A green opportunity card in the Opportunities lane (made on first use), one undo step."""
    macro = MacroCommand(tr(_C, "Add opportunity “{text}”").format(
        text=" ".join(text.split())[:24]))
    lane = next((lane for lane in doc.journey.lanes
                 if lane.name.casefold() == OPPORTUNITY_LANE.casefold()), None)
    new_lane = lane is None
    if lane is None:
        lane = Lane(name=OPPORTUNITY_LANE, kind=LaneKind.CUSTOM)
        InsertCommand(doc, "lanes", lane, len(doc.journey.lanes), "", parent=macro)
    command, _card = add_card(doc, lane.id, step_id, text, CARD_COLOURS["green"],
                              check_cell=not new_lane, tags=["opportunity"])
    # add_card's own children (renumbering, insert) run inside this one undo step.
    macro.children_refs.extend(command.children_refs)
    return macro


class OpportunitiesPanel(QDockWidget):
    def __init__(self, parent: QWidget, document: Callable[[], MapDocument | None],
                 voting: VotingController, push: Callable[[object], None],
                 current_step: Callable[[], str | None],
                 select_card: Callable[[str], None]) -> None:
        super().__init__(tr(_C, "Opportunities"), parent)
        self.setObjectName("opportunities")
        self._document, self.voting, self._push = document, voting, push
        self._current_step, self._select_card = current_step, select_card
        body = QWidget()
        layout = QVBoxLayout(body)
        bar = QHBoxLayout()
        self.round_label = QLabel(tr(_C, "No voting round"))
        self.round_label.setWordWrap(True)
        bar.addWidget(self.round_label, 1)
        self.participant = QComboBox()
        self.participant.currentIndexChanged.connect(self._participant_chosen)
        bar.addWidget(self.participant)
        layout.addLayout(bar)
        buttons = QHBoxLayout()
        self.start_button = QPushButton(tr(_C, "Start &Round…"))
        self.start_button.clicked.connect(lambda: voting.start_with_dialog(self))
        self.end_button = QPushButton(tr(_C, "&End Round"))
        self.end_button.clicked.connect(voting.stop)
        self.reset_button = QPushButton(tr(_C, "Reset &Votes"))
        self.reset_button.clicked.connect(voting.reset_votes)
        for button in (self.start_button, self.end_button, self.reset_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([tr(_C, "Votes"), tr(_C, "Kind"), tr(_C, "Step"), tr(_C, "Text")])
        self.tree.setRootIsDecorated(False)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tree.setWordWrap(False)
        # Votes, kind and step are sized to their content (with limits), the card text stretches:
        # in a narrow dock the text is what matters. Whole texts are in the tooltips.
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(24)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(TEXT_COLUMN, QHeaderView.ResizeMode.Stretch)
        self._viewport = self.tree.viewport()
        self._viewport.installEventFilter(self)
        self.tree.itemActivated.connect(self._activated)
        layout.addWidget(self.tree)
        self.add_button = QPushButton(tr(_C, "&Add Opportunity…"))
        self.add_button.setToolTip(tr(_C, "A green opportunity card on the step of the selected row "
                                   "(or the selected step on the map)"))
        self.add_button.clicked.connect(self.ask_and_add)
        layout.addWidget(self.add_button)
        self.setWidget(body)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.refresh)
        voting.round_changed.connect(self.refresh)
        self._watched: MapDocument | None = None
        self.refresh()

    def watch(self, doc: MapDocument | None) -> None:
        if doc is self._watched:
            return
        self._watched = doc
        if doc is not None:
            doc.changed.connect(self._timer.start)
            doc.journey_switched.connect(self._timer.start)
        self.refresh()

    def refresh(self) -> None:
        doc = self._document()
        rnd = self.voting.round
        self.participant.blockSignals(True)
        self.participant.clear()
        if rnd is not None:
            for name in rnd.participants:
                self.participant.addItem(tr(_C, "{name} ({left} left)").format(name=name,
                                                                               left=rnd.left(name)))
            self.participant.setCurrentIndex(rnd.current)
            self.round_label.setText(tr(_C, "Voting: {participant} — click cards on the map").format(
                    participant=rnd.participant))
        else:
            self.round_label.setText(tr(_C, "No voting round"))
        self.participant.blockSignals(False)
        self.participant.setVisible(rnd is not None)
        self.end_button.setEnabled(rnd is not None)
        self.tree.clear()
        if doc is None:
            return
        for entry in collect_gaps(doc.journey):
            text = " ".join(entry.text.split()) or tr(_C, "low emotion score")
            item = QTreeWidgetItem([str(entry.votes) if entry.card_id else "",
                                    gap_kind_name(entry), entry.step_title, text[:200]])
            item.setToolTip(1, item.text(1))
            item.setToolTip(2, entry.step_title)
            item.setToolTip(TEXT_COLUMN, entry.text[:1000] or text)
            item.setData(0, Qt.ItemDataRole.UserRole, entry.card_id)
            item.setData(2, Qt.ItemDataRole.UserRole, entry.step_id)
            self.tree.addTopLevelItem(item)
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Kind and step as wide as their contents, within limits that leave the text room."""
        viewport = self.tree.viewport().width()
        for column, share in COLUMN_SHARES.items():
            self.tree.resizeColumnToContents(column)
            limit = max(MIN_SIDE_COLUMN, int(viewport * share))
            self.tree.setColumnWidth(column, min(self.tree.columnWidth(column), limit))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self._viewport and event.type() == QEvent.Type.Resize:
            self._fit_columns()  # a wider or narrower dock: the limits move with it
        return super().eventFilter(watched, event)

    def rows(self) -> list[tuple[str, str, str, str]]:
        """What the panel lists, top to bottom (votes, kind, step, text)."""
        return [tuple(self.tree.topLevelItem(i).text(c) for c in range(4))  # type: ignore[misc]
                for i in range(self.tree.topLevelItemCount())]

    def _participant_chosen(self, index: int) -> None:
        self.voting.set_participant(index)

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        card_id = item.data(0, Qt.ItemDataRole.UserRole)
        if card_id:
            self._select_card(card_id)

    def ask_and_add(self) -> None:
        doc = self._document()
        if doc is None or doc.read_only or not doc.journey.steps:
            return
        item = self.tree.currentItem()
        step_id = (item.data(2, Qt.ItemDataRole.UserRole) if item is not None else None) \
            or self._current_step() or doc.journey.steps[0].id
        step = doc.journey.step(step_id)
        if step is None:  # the row was for a step removed a moment ago
            step_id = self._current_step() or doc.journey.steps[0].id
            step = doc.journey.step(step_id)
        text = questions.ask_text(self, tr(_C, "Add opportunity"),
                                  tr(_C, "Opportunity for “{title}”:").format(
                                      title=step.title if step else ""))
        # Checked again after the question: the map may have changed while it was open.
        if text and doc is self._document() and doc.journey.step(step_id) is not None:
            self._push(add_opportunity(doc, step_id, text))
