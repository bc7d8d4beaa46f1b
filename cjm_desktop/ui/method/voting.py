"""Dot voting: the facilitator starts a round, then clicks or taps on cards place votes.

While a round runs, an event filter on the map scene turns a left click (or tap) on a card
into a vote for the current participant instead of a selection or drag; Shift+click takes
a vote back. Every vote is its own undo step; the ledger of used votes follows undo.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGraphicsSceneMouseEvent,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from ...commands.method import ResetVotesCommand, VoteCommand
from ...document import MapDocument
from ...i18n import tr

_C = "ui.method.voting"  # translation context of this module

MAX_VOTES = 50


@dataclass
class VotingRound:
    participants: list[str]
    votes_each: int
    current: int = 0
    used: dict[str, int] = field(default_factory=dict)  # updated by the vote commands

    @property
    def participant(self) -> str:
        return self.participants[self.current]

    def left(self, name: str) -> int:
        return max(0, self.votes_each - self.used.get(name, 0))

    def finished(self) -> bool:
        return all(self.left(p) == 0 for p in self.participants)


class StartRoundDialog(QDialog):
    def __init__(self, parent: QWidget | None, names: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(tr(_C, "Start voting round"))
        form = QFormLayout(self)
        self.names = QLineEdit(names)
        placeholder = tr(_C, "names or colours, comma-separated (e.g. Anna, Ben, red)")
        self.names.setPlaceholderText(placeholder)
        # Wide enough for the whole example: it is the only explanation the field has.
        # (Frame, text margins and the line edit's own 2 px per side come on top of the text.)
        self.names.setMinimumWidth(self.names.fontMetrics().horizontalAdvance(placeholder) + 24)
        form.addRow(tr(_C, "&Participants"), self.names)
        self.votes = QSpinBox()
        self.votes.setRange(1, MAX_VOTES)
        self.votes.setValue(3)
        form.addRow(tr(_C, "&Votes each"), self.votes)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> tuple[list[str], int]:
        seen: list[str] = []
        for name in self.names.text().split(","):
            name = name.strip()[:100]
            if name and name not in seen:
                seen.append(name)
        return seen or [tr(_C, "Everyone")], self.votes.value()


class VotingController(QObject):
    """Owns the active round and the scene event filter; tells listeners what changed."""

    round_changed = Signal()  # started, vote placed, participant switched, ended

    def __init__(self, parent: QObject, document_getter: Callable[[], MapDocument | None],
                 push: Callable[[object], None], status: Callable[[str], None]) -> None:
        super().__init__(parent)
        self._document = document_getter
        self._push = push
        self._status = status
        self.round: VotingRound | None = None
        self._journey_id: str | None = None  # a round belongs to one journey's cards
        self._scene: QObject | None = None
        self._last_names = ""

    @property
    def active(self) -> bool:
        return self.round is not None

    def attach(self, scene: QObject | None) -> None:
        """Watch a (new) map scene; the window calls this again when its document changes."""
        if self._scene is scene:
            return
        if self._scene is not None:
            try:
                self._scene.removeEventFilter(self)
            except RuntimeError:
                pass  # the old scene is already gone
        self._scene = scene
        if scene is not None:
            scene.installEventFilter(self)

    def start(self, participants: list[str], votes_each: int) -> None:
        self.round = VotingRound(participants, max(1, min(votes_each, MAX_VOTES)))
        doc = self._document()
        self._journey_id = doc.journey.id if doc is not None else None
        self._last_names = ", ".join(participants)
        self._announce()
        self.round_changed.emit()

    def start_with_dialog(self, parent: QWidget) -> None:
        dialog = StartRoundDialog(parent, self._last_names)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.start(*dialog.values())

    def stop(self) -> None:
        if self.round is not None:
            self.round = None
            self._status(tr(_C, "Voting round ended"))
            self.round_changed.emit()

    def journey_shown(self, journey_id: str) -> None:
        """The window shows another journey (a switch, or undoing one): its round is over."""
        if self.round is not None and journey_id != self._journey_id:
            self.stop()

    def set_participant(self, index: int) -> None:
        if self.round is not None and 0 <= index < len(self.round.participants):
            self.round.current = index
            self._announce()
            self.round_changed.emit()

    def vote(self, card_id: str, take_back: bool = False) -> bool:
        """One vote (or one taken back) on a card by the current participant."""
        doc = self._document()
        if self.round is None or doc is None or doc.read_only:
            return False
        card = doc.journey.card(card_id)
        if card is None:
            return False
        rnd = self.round
        name = rnd.participant
        if take_back:
            if rnd.used.get(name, 0) <= 0 or card.votes <= 0:
                self._status(tr(_C, "{name} has no vote to take back here").format(name=name))
                return False
            self._push(VoteCommand(doc, card_id, name, rnd.used, delta=-1))
        else:
            if rnd.left(name) == 0:
                self._next_participant()
                if rnd.left(rnd.participant) == 0:
                    self._status(tr(_C, "Every participant has used their votes; end the round"))
                    return False
                name = rnd.participant
            self._push(VoteCommand(doc, card_id, name, rnd.used))
            if rnd.left(name) == 0:
                self._next_participant()
        self._announce()
        self.round_changed.emit()
        return True

    def reset_votes(self) -> None:
        doc = self._document()
        if doc is None or doc.read_only:
            return
        ledger = self.round.used if self.round is not None else {}
        command = ResetVotesCommand(doc, ledger)
        if command.old or ledger:
            self._push(command)
            self._status(tr(_C, "Votes reset; Undo brings them back"))
            self.round_changed.emit()

    def _next_participant(self) -> None:
        rnd = self.round
        for step in range(1, len(rnd.participants) + 1):
            index = (rnd.current + step) % len(rnd.participants)
            if rnd.left(rnd.participants[index]) > 0:
                rnd.current = index
                return

    def _announce(self) -> None:
        rnd = self.round
        if rnd is None:
            return
        if rnd.finished():
            self._status(tr(_C, "Voting round: all votes placed"))
        else:
            self._status(tr(_C, "Voting round: {name} has {left} of {each} votes left — click "
                            "cards to vote, Shift+click takes one back").format(
                name=rnd.participant, left=rnd.left(rnd.participant), each=rnd.votes_each))

    # ----- clicks on the canvas ------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.round is None or event.type() not in (QEvent.Type.GraphicsSceneMousePress,
                                                       QEvent.Type.GraphicsSceneMouseDoubleClick):
            return False
        assert isinstance(event, QGraphicsSceneMouseEvent)
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        from ...canvas.items import CardItem

        views = watched.views() if hasattr(watched, "views") else []
        transform = views[0].transform() if views else None
        item = watched.itemAt(event.scenePos(), transform) if transform is not None else None
        if not isinstance(item, CardItem):
            return False
        # A quick second click arrives as a double-click instead of a press: still a vote.
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        self.vote(item.card_id, take_back=shift)
        return True  # no selection, drag or edit dialog while voting
