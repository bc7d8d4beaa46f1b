"""Method commands as push → assert → undo → assert restored → redo, and the pure helpers."""

from __future__ import annotations

from pathlib import Path

import pytest

from cjm_desktop import commands
from cjm_desktop.commands import method as cmd
from cjm_desktop.document import MapDocument
from cjm_desktop.model import JourneyKind, JourneyState, Kpi, Persona, Stakeholder, reference_problems
from cjm_desktop.storage import dumps, load_project, loads
from cjm_desktop.ui.method.comparison import compare_journeys
from cjm_desktop.ui.method.gaps import collect_gaps
from cjm_desktop.ui.method.header import card_chips, header_lines
from cjm_desktop.ui.method.opportunities import add_opportunity


@pytest.fixture
def doc(qapp, sample_file: Path) -> MapDocument:
    return MapDocument(load_project(sample_file), sample_file)


def _cycle(doc: MapDocument, command) -> None:
    before = dumps(doc.project)
    doc.undo_stack.push(command)
    after = dumps(doc.project)
    assert after != before
    doc.undo_stack.undo()
    assert dumps(doc.project) == before
    doc.undo_stack.redo()
    assert dumps(doc.project) == after
    assert reference_problems(doc.project) == []


def test_outcome_and_words_are_one_undo_step(doc: MapDocument) -> None:
    _cycle(doc, cmd.set_outcome(doc, "Arrive warm <&>", "Repeat trips", [" a ", "", "b", "c"]))
    assert doc.project.desired_outcome.customer == "Arrive warm <&>"
    assert doc.journey.impression_words == ["a", "b", "c"]
    assert doc.undo_stack.count() == 1


def test_personas_add_edit_delete(doc: MapDocument) -> None:
    persona = Persona(name="Björn 🙂", segment="مسافر")
    _cycle(doc, cmd.add_persona(doc, persona))
    assert doc.journey.persona_id == persona.id
    _cycle(doc, cmd.edit_persona(doc, persona.id, goals="A seat"))
    _cycle(doc, cmd.delete_persona(doc, persona.id))
    assert doc.journey.persona_id is None and doc.project.persona(persona.id) is None
    _cycle(doc, cmd.set_journey_persona(doc, doc.project.personas[0].id))


def test_stakeholders_move_link_and_delete_clears_links_everywhere(doc: MapDocument) -> None:
    new = Stakeholder(name="Station staff", ring=3, angle=10)
    _cycle(doc, cmd.add_stakeholder(doc, new))
    _cycle(doc, cmd.move_stakeholder(doc, new.id, 1, 450.0))
    assert (new.ring, new.angle) == (1, 90.0)
    card = doc.journey.cards[5]
    _cycle(doc, cmd.link_card_stakeholders(doc, card.id, [new.id]))
    assert card_chips(doc.project, card) == ["Station staff"]
    assert [text for _j, text in cmd.cards_linked_to(doc, new.id)] == [card.text]
    command, future = cmd.duplicate_as_future(doc)
    doc.undo_stack.push(command)
    assert any(new.id in c.stakeholder_ids for c in future.cards)
    _cycle(doc, cmd.delete_stakeholder(doc, new.id))
    assert all(new.id not in c.stakeholder_ids for j in doc.project.journeys for c in j.cards)


def test_step_kpis(doc: MapDocument) -> None:
    step = doc.journey.steps[2]
    kpis = [Kpi(name="NPS", value="-12", unit="", source="Survey <Q3>", date="2026-09")]
    _cycle(doc, cmd.set_step_kpis(doc, step.id, kpis))
    assert loads(dumps(doc.project)).journeys[0].steps[2].kpis[0].source == "Survey <Q3>"


def test_votes_follow_undo_in_the_ledger(doc: MapDocument) -> None:
    card = doc.journey.cards[0]
    ledger: dict[str, int] = {}
    _cycle(doc, cmd.VoteCommand(doc, card.id, "Anna", ledger))
    assert card.votes == 1 and ledger == {"Anna": 1}
    doc.undo_stack.undo()
    assert ledger == {"Anna": 0} and card.votes == 0
    doc.undo_stack.redo()
    doc.undo_stack.push(cmd.VoteCommand(doc, card.id, "Anna", ledger, delta=-1))
    doc.undo_stack.push(cmd.VoteCommand(doc, card.id, "Anna", ledger, delta=-1))
    assert card.votes == 0  # never negative
    card_b = doc.journey.cards[1]
    doc.undo_stack.push(cmd.VoteCommand(doc, card_b.id, "Ben", ledger))
    _cycle(doc, cmd.ResetVotesCommand(doc, ledger))
    doc.undo_stack.undo()
    assert card_b.votes == 1 and ledger["Ben"] == 1
    doc.undo_stack.redo()
    assert card_b.votes == 0 and ledger == {}


def test_new_and_future_journeys_switch_and_undo(doc: MapDocument) -> None:
    first = doc.journey
    command, employee = cmd.add_journey(doc, "Host's shift", JourneyKind.EMPLOYEE)
    _cycle(doc, command)
    assert doc.journey is employee and employee.kind == JourneyKind.EMPLOYEE
    doc.undo_stack.undo()
    assert doc.journey is first
    first.cards[0].votes = 4
    command, future = cmd.duplicate_as_future(doc)
    _cycle(doc, command)
    assert future.state == JourneyState.FUTURE and future.name.endswith("(future)")
    assert future.cards[0].votes == 0 and future.cards[0].text == first.cards[0].text
    assert not {c.id for c in future.cards} & {c.id for c in first.cards}
    assert cmd.future_of(doc.project.journeys, first) is future
    # The link back to the current journey survives saving and loading.
    again = loads(dumps(doc.project))
    assert cmd.future_of(again.journeys, again.journeys[0]).id == future.id


def test_comparison_finds_changed_added_removed(doc: MapDocument) -> None:
    current = doc.journey
    command, future = cmd.duplicate_as_future(doc)
    doc.undo_stack.push(command)
    doc.undo_stack.push(commands.edit_card(doc, future.cards[2].id, text="Better 🙂"))
    doc.undo_stack.push(commands.delete_cards(doc, [future.cards[4].id]))
    doc.undo_stack.push(commands.delete_step(doc, future.steps[-1].id))
    command, _step = commands.add_step(doc, 0, "Gets a reminder")
    doc.undo_stack.push(command)
    rows = compare_journeys(current, future)
    assert rows[0].status == "added step" and rows[-1].status == "removed step"
    changes = [(c.status, c.text) for r in rows for c in r.changes]
    assert ("changed", "Better 🙂") in changes
    assert ("removed", current.cards[4].text) in changes
    assert sum(1 for r in rows if r.status == "same") >= 5
    assert compare_journeys(current, current)[0].status == "same"


def test_gaps_and_opportunities(doc: MapDocument) -> None:
    gaps = collect_gaps(doc.journey)
    low = [s for s in doc.journey.steps if s.emotion is not None and s.emotion <= 3]
    assert len([g for g in gaps if g.card_id is None]) == len(low) > 0
    step = low[0]
    _cycle(doc, add_opportunity(doc, step.id, "Warm waiting room"))
    _cycle(doc, add_opportunity(doc, step.id, "Open doors early"))  # reuses the lane
    assert sum(1 for lane in doc.journey.lanes if lane.name == "Opportunities") == 1
    doc.undo_stack.push(cmd.VoteCommand(doc, doc.journey.cards[-1].id, "Anna", {}))
    top = collect_gaps(doc.journey)[0]
    assert (top.kind, top.text, top.votes) == ("opportunity", "Open doors early", 1)


def test_header_lines(doc: MapDocument) -> None:
    lines = header_lines(doc.project, doc.journey)
    assert lines[0].startswith("Persona: Anna Lindqvist")
    assert any(line.startswith("Customer wants:") for line in lines)
    doc.journey.persona_id = None
    doc.project.desired_outcome.customer = ""
    assert header_lines(doc.project, doc.journey)[0] == "Customer journey, current"
