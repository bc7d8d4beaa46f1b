"""Undo commands for the rest of the method: project fields, personas, stakeholders, votes,
links between cards and stakeholders, KPIs and whole journeys.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QUndoCommand

from ..document import MapDocument
from ..i18n import tr
from ..labels import journey_kind_name
from ..model import (
    DesiredOutcome,
    Journey,
    JourneyKind,
    JourneyState,
    Kpi,
    Persona,
    Stakeholder,
    new_journey,
)
from ..templates import remap_journey_ids
from .generic import InsertCommand, MacroCommand, RemoveCommand, SetFieldsCommand, _copy

# Undo names show in Edit ▸ Undo and the History panel, so they are translated.
_C = "commands.method"  # translation context of this module

# Extra (forward-compatible) field that ties a future journey and its steps and cards to the
# current-journey objects they were copied from, so the comparison survives edits.
COPIED_FROM = "copied_from"


class SetProjectFieldsCommand(QUndoCommand):
    """Project-wide fields (title, desired outcome); MapDocument.update_project is not undoable."""

    def __init__(self, doc: MapDocument, changes: dict[str, Any], text: str,
                 parent: QUndoCommand | None = None) -> None:
        super().__init__(text)
        if parent is not None:
            if not isinstance(parent, MacroCommand):
                raise TypeError("child commands need a MacroCommand parent")
            parent.children_refs.append(self)
        self.doc = doc
        self.new = {k: _copy(v) for k, v in changes.items()}
        self.old = {k: _copy(getattr(doc.project, k)) for k in changes}

    def redo(self) -> None:
        self.doc.update_project({k: _copy(v) for k, v in self.new.items()})

    def undo(self) -> None:
        self.doc.update_project({k: _copy(v) for k, v in self.old.items()})


def set_outcome(doc: MapDocument, customer: str, business: str,
                impression_words: list[str]) -> QUndoCommand:
    """Desired outcome (project) and the current journey's three impression words: one step."""
    macro = MacroCommand(tr(_C, "Change desired outcome and impression words"))
    outcome = DesiredOutcome(customer=customer, business=business)
    if outcome != doc.project.desired_outcome:
        SetProjectFieldsCommand(doc, {"desired_outcome": outcome}, "", parent=macro)
    words = [w.strip() for w in impression_words if w.strip()][:3]
    if words != doc.journey.impression_words:
        SetFieldsCommand(doc, "journeys", {doc.journey_id: {"impression_words": words}}, "",
                         parent=macro)
    return macro


# ----- personas -----------------------------------------------------------------------
def add_persona(doc: MapDocument, persona: Persona, use_for_journey: bool = True) -> QUndoCommand:
    macro = MacroCommand(tr(_C, "Add persona “{name}”").format(name=persona.name))
    InsertCommand(doc, "personas", persona, len(doc.project.personas), "", parent=macro)
    if use_for_journey:
        SetFieldsCommand(doc, "journeys", {doc.journey_id: {"persona_id": persona.id}}, "",
                         parent=macro)
    return macro


def edit_persona(doc: MapDocument, persona_id: str, **changes: Any) -> QUndoCommand:
    persona = doc.find("personas", persona_id)
    return SetFieldsCommand(doc, "personas", {persona_id: changes},
                            tr(_C, "Change persona “{name}”").format(name=persona.name))


def delete_persona(doc: MapDocument, persona_id: str) -> QUndoCommand:
    """Removes a persona; journeys drawn for it keep their cards and lose only the name."""
    persona = doc.find("personas", persona_id)
    macro = MacroCommand(tr(_C, "Delete persona “{name}”").format(name=persona.name))
    users = {j.id: {"persona_id": None} for j in doc.project.journeys if j.persona_id == persona_id}
    if users:
        SetFieldsCommand(doc, "journeys", users, "", parent=macro)
    RemoveCommand(doc, "personas", persona_id, "", parent=macro)
    return macro


def set_journey_persona(doc: MapDocument, persona_id: str | None) -> QUndoCommand:
    persona = doc.project.persona(persona_id)
    label = (tr(_C, "Draw journey for “{name}”").format(name=persona.name) if persona
             else tr(_C, "Journey without persona"))
    return SetFieldsCommand(doc, "journeys", {doc.journey_id: {"persona_id": persona_id}}, label)


# ----- stakeholders -------------------------------------------------------------------
def add_stakeholder(doc: MapDocument, stakeholder: Stakeholder) -> QUndoCommand:
    return InsertCommand(doc, "stakeholders", stakeholder, len(doc.project.stakeholders),
                         tr(_C, "Add stakeholder “{name}”").format(name=stakeholder.name))


def edit_stakeholder(doc: MapDocument, stakeholder_id: str, **changes: Any) -> QUndoCommand:
    stakeholder = doc.find("stakeholders", stakeholder_id)
    return SetFieldsCommand(doc, "stakeholders", {stakeholder_id: changes},
                            tr(_C, "Change stakeholder “{name}”").format(name=stakeholder.name))


def move_stakeholder(doc: MapDocument, stakeholder_id: str, ring: int, angle: float) -> QUndoCommand:
    stakeholder = doc.find("stakeholders", stakeholder_id)
    label = (tr(_C, "Move stakeholder “{name}”") if ring == stakeholder.ring
             else tr(_C, "Move to ring {ring}: stakeholder “{name}”"))
    return SetFieldsCommand(doc, "stakeholders",
                            {stakeholder_id: {"ring": ring, "angle": round(angle % 360, 1)}},
                            label.format(name=stakeholder.name, ring=ring))


def delete_stakeholder(doc: MapDocument, stakeholder_id: str) -> QUndoCommand:
    """Removes a stakeholder and its links from cards in every journey."""
    stakeholder = doc.find("stakeholders", stakeholder_id)
    macro = MacroCommand(tr(_C, "Delete stakeholder “{name}”").format(name=stakeholder.name))
    for journey in doc.project.journeys:
        links = {c.id: {"stakeholder_ids": [s for s in c.stakeholder_ids if s != stakeholder_id]}
                 for c in journey.cards if stakeholder_id in c.stakeholder_ids}
        if links:
            SetFieldsCommand(doc, "cards", links, "", parent=macro, journey_id=journey.id)
    RemoveCommand(doc, "stakeholders", stakeholder_id, "", parent=macro)
    return macro


def link_card_stakeholders(doc: MapDocument, card_id: str,
                           stakeholder_ids: list[str]) -> QUndoCommand:
    card = doc.journey.card(card_id)
    text = " ".join((card.text if card else "").split())
    label = text if len(text) <= 24 else text[:23] + "…"
    return SetFieldsCommand(doc, "cards", {card_id: {"stakeholder_ids": list(stakeholder_ids)}},
                            tr(_C, "Link “{card}” to stakeholders").format(card=label))


def cards_linked_to(doc: MapDocument, stakeholder_id: str) -> list[tuple[Journey, str]]:
    """(journey, card text) of every card linked to a stakeholder, for its list of links."""
    return [(j, c.text) for j in doc.project.journeys for c in j.cards
            if stakeholder_id in c.stakeholder_ids]


# ----- KPIs ---------------------------------------------------------------------------
def set_step_kpis(doc: MapDocument, step_id: str, kpis: list[Kpi]) -> QUndoCommand:
    step = doc.journey.step(step_id)
    return SetFieldsCommand(doc, "steps", {step_id: {"kpis": kpis}},
                            tr(_C, "Change KPIs of “{title}”").format(title=step.title if step else ""))


# ----- voting -------------------------------------------------------------------------
class VoteCommand(QUndoCommand):
    """One dot vote by a participant; the round's ledger of used votes follows undo/redo."""

    def __init__(self, doc: MapDocument, card_id: str, participant: str,
                 ledger: dict[str, int], delta: int = 1) -> None:
        card = doc.journey.card(card_id)
        text = " ".join((card.text if card else "").split())
        label = text if len(text) <= 24 else text[:23] + "…"
        text = (tr(_C, "Vote for “{card}” ({participant})") if delta > 0
                else tr(_C, "Take back vote on “{card}” ({participant})"))
        super().__init__(text.format(card=label, participant=participant))
        self.doc, self.card_id, self.participant = doc, card_id, participant
        self.ledger, self.delta = ledger, delta
        self.journey_id = doc.journey_id
        self.old = card.votes if card else 0

    def redo(self) -> None:
        self.doc.update("cards", self.card_id, {"votes": max(0, self.old + self.delta)},
                        self.journey_id)
        self.ledger[self.participant] = self.ledger.get(self.participant, 0) + self.delta

    def undo(self) -> None:
        self.doc.update("cards", self.card_id, {"votes": self.old}, self.journey_id)
        self.ledger[self.participant] = self.ledger.get(self.participant, 0) - self.delta


class ResetVotesCommand(QUndoCommand):
    """Clears every vote on the current journey (and the round's ledger), undoably."""

    def __init__(self, doc: MapDocument, ledger: dict[str, int]) -> None:
        super().__init__(tr(_C, "Reset votes"))
        self.doc, self.ledger = doc, ledger
        self.journey_id = doc.journey_id
        self.old = {c.id: (c.votes, dict(c.vote_deltas)) for c in doc.journey.cards
                    if c.votes or c.vote_deltas}
        self.old_ledger = dict(ledger)

    def redo(self) -> None:
        for card_id in self.old:
            self.doc.update("cards", card_id, {"votes": 0, "vote_deltas": {}}, self.journey_id)
        self.ledger.clear()

    def undo(self) -> None:
        for card_id, (votes, deltas) in self.old.items():
            self.doc.update("cards", card_id, {"votes": votes, "vote_deltas": dict(deltas)},
                            self.journey_id)
        self.ledger.clear()
        self.ledger.update(self.old_ledger)


# ----- journeys -----------------------------------------------------------------------
class AddJourneyCommand(QUndoCommand):
    """Adds a journey after the current one and shows it; undo shows the previous one again."""

    def __init__(self, doc: MapDocument, journey: Journey, text: str) -> None:
        super().__init__(text)
        self.doc, self.journey = doc, journey
        self.previous = doc.journey_id
        self.index = doc.index_of("journeys", doc.journey_id) + 1

    def redo(self) -> None:
        self.doc.insert("journeys", self.journey, self.index)
        self.doc.set_current_journey(self.journey.id)

    def undo(self) -> None:
        self.doc.set_current_journey(self.previous)
        self.doc.remove("journeys", self.journey.id)


def add_journey(doc: MapDocument, name: str, kind: JourneyKind,
                state: JourneyState = JourneyState.CURRENT) -> tuple[QUndoCommand, Journey]:
    journey = new_journey(name)
    journey.kind, journey.state = kind, state
    journey.persona_id = doc.journey.persona_id
    return AddJourneyCommand(doc, journey, tr(_C, "New {kind} “{name}”").format(
        kind=journey_kind_name(kind).lower(), name=name)), journey


def duplicate_as_future(doc: MapDocument, name: str | None = None) -> tuple[QUndoCommand, Journey]:
    """A copy of the current journey marked future, remembering what each part was copied from.

    Votes start at zero: the future journey gets its own prioritisation.
    """
    current = doc.journey
    journey = current.model_copy(deep=True)
    old_steps = [s.id for s in journey.steps]
    old_cards = [c.id for c in journey.cards]
    journey.id = Journey().id
    remap_journey_ids(journey)
    for step, old in zip(journey.steps, old_steps, strict=True):
        setattr(step, COPIED_FROM, old)
    for card, old in zip(journey.cards, old_cards, strict=True):
        setattr(card, COPIED_FROM, old)
        card.votes, card.vote_deltas = 0, {}
        card.conflict_of, card.merge_note = None, ""
    setattr(journey, COPIED_FROM, current.id)
    journey.state = JourneyState.FUTURE
    base = current.name
    for suffix in (" (current)", tr(_C, "{name} (current)").format(name="")):
        base = base.removesuffix(suffix)
    journey.name = (name or tr(_C, "{name} (future)").format(name=base))[:500]
    return AddJourneyCommand(doc, journey, tr(_C, "Duplicate “{name}” as future journey").format(
        name=current.name)), journey


def future_of(project_journeys: list[Journey], current: Journey) -> Journey | None:
    """The newest future journey copied from ``current`` (or None)."""
    found = [j for j in project_journeys
             if j.state == JourneyState.FUTURE and getattr(j, COPIED_FROM, None) == current.id]
    return found[-1] if found else None


def switch_journey(doc: MapDocument, journey_id: str) -> None:
    """Showing another journey is navigation, not an edit: it is not on the undo stack."""
    doc.set_current_journey(journey_id)
