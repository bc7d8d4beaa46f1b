"""Small maps and participant copies for the merge tests."""

from __future__ import annotations

import uuid

from cjm_desktop.model import Card, Journey, Project, Stage, Stakeholder, Step, standard_lanes

_NS = uuid.UUID("0b6f4a55-4c1c-4bb0-9c0a-4b6e0f3a1d77")


def fixed_id(name: str) -> str:
    return str(uuid.uuid5(_NS, name))


def small_map(cards: int = 6) -> Project:
    """One journey, three steps, the standard lanes, a stakeholder, ``cards`` cards."""
    stage = Stage(id=fixed_id("stage"), name="Travel")
    steps = [Step(id=fixed_id(f"step{i}"), title=f"Step {i}", stage_id=stage.id, emotion=5)
             for i in range(3)]
    lanes = standard_lanes()
    for i, lane in enumerate(lanes):
        lane.id = fixed_id(f"lane{i}")
    journey = Journey(id=fixed_id("journey"), stages=[stage], steps=steps, lanes=lanes)
    journey.cards = [Card(id=fixed_id(f"card{i}"), text=f"Card {i}", lane_id=lanes[i % 4].id,
                          step_id=steps[i % 3].id, order=i) for i in range(cards)]
    stakeholder = Stakeholder(id=fixed_id("stakeholder"), name="Conductor")
    return Project(id=fixed_id("project"), title="Workshop", journeys=[journey],
                   stakeholders=[stakeholder])


def copy_of(project: Project, participant: str = "") -> Project:
    clone = project.model_copy(deep=True)
    clone.participant = participant
    return clone


def card_ids(project: Project) -> set[str]:
    return {c.id for j in project.journeys for c in j.cards}
