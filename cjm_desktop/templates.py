"""Starting points for a new map: blank, workshop, lifecycle, onboarding and the rail sample.

Pure Python (no Qt): the ``new`` subcommand uses it headless. Every template is built
fresh with new ids, so two maps started from the same template never share object ids
(merging relies on ids meaning "the same thing").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .model import (
    DesiredOutcome,
    Journey,
    JourneyKind,
    Persona,
    Project,
    Stage,
    Stakeholder,
    Step,
    new_id,
    new_project,
    standard_lanes,
)


@dataclass(frozen=True)
class Template:
    name: str  # what the user types after --template
    title: str
    description: str
    build: Callable[[], Project]


def _journey(name: str, stages: list[tuple[str, list[str]]],
             kind: JourneyKind = JourneyKind.CUSTOMER) -> Journey:
    journey = Journey(name=name, kind=kind, lanes=standard_lanes())
    for stage_name, titles in stages:
        stage = Stage(name=stage_name)
        journey.stages.append(stage)
        journey.steps.extend(Step(title=title, stage_id=stage.id) for title in titles)
    return journey


def _blank() -> Project:
    return new_project("Untitled map")


def _workshop() -> Project:
    # Ten steps from the first need to leaving or coming back: the method asks the room to
    # start before the purchase and end after use, so the placeholders do too.
    journey = _journey("Customer journey", [
        ("Before", ["Need arises", "Looks for options", "Compares"]),
        ("Buying", ["Decides", "Buys"]),
        ("Using", ["Gets started", "Uses", "Asks for help"]),
        ("After", ["Renews or leaves", "Tells others"]),
    ])
    persona = Persona(name="Our persona", segment="Who are they? Age, role, situation",
                      goals="What do they want to achieve?",
                      frustrations="What annoys them today?")
    journey.persona_id = persona.id
    return Project(
        title="Journey mapping workshop", personas=[persona], journeys=[journey],
        desired_outcome=DesiredOutcome(customer="What the customer wants to achieve",
                                       business="What the business wants to achieve"))


def _lifecycle() -> Project:
    journey = _journey("Customer lifecycle", [
        ("Prospecting", ["Becomes aware", "Compares offers"]),
        ("Purchase", ["Chooses", "Pays"]),
        ("Onboarding", ["Signs up", "First use"]),
        ("Use and upkeep", ["Everyday use", "Gets service"]),
        ("Return or leave", ["Renews", "Leaves"]),
    ])
    return Project(title="Customer lifecycle", journeys=[journey])


def _onboarding() -> Project:
    journey = _journey("Employee onboarding", [
        ("Before day one", ["Offer accepted", "Paperwork"]),
        ("Arrival", ["First day", "Equipment"]),
        ("Settling in", ["First week", "First review"]),
    ], kind=JourneyKind.EMPLOYEE)
    persona = Persona(name="New hire", segment="Joins a team of eight",
                      goals="Be productive and feel welcome quickly",
                      frustrations="No laptop on day one, nobody knows they are coming")
    journey.persona_id = persona.id
    stakeholders = [
        Stakeholder(name="Hiring manager", ring=1, angle=30.0),
        Stakeholder(name="HR", ring=2, angle=150.0),
        Stakeholder(name="IT service desk", ring=2, angle=270.0),
        Stakeholder(name="Facilities", ring=3, angle=90.0),
    ]
    return Project(title="Employee onboarding", personas=[persona], stakeholders=stakeholders,
                   journeys=[journey],
                   desired_outcome=DesiredOutcome(
                       customer="Feel welcome and able to do real work in the first week",
                       business="New hires productive sooner, fewer leaving in year one"))


def _rail_sample() -> Project:
    from .resources import sample_path
    from .storage import load_project

    return with_new_ids(load_project(sample_path()))


TEMPLATES: dict[str, Template] = {t.name: t for t in (
    Template("blank", "Blank map", "One customer journey, four standard lanes, five empty steps",
             _blank),
    Template("workshop", "Ten-step workshop",
             "Ten steps from first need to telling others, persona and outcome prompts",
             _workshop),
    Template("lifecycle", "Lifecycle stages",
             "Prospecting, purchase, onboarding, use and upkeep, return or leave", _lifecycle),
    Template("onboarding", "Employee onboarding",
             "Offer accepted to first review, with HR, IT and facilities as stakeholders",
             _onboarding),
    Template("rail", "Sample rail journey",
             "Göteborg → Stockholm by train: the bundled, fully filled-in example", _rail_sample),
)}


def template_names() -> list[str]:
    return list(TEMPLATES)


def build_template(name: str) -> Project:
    """A fresh project from the named template; KeyError names the valid choices."""
    template = TEMPLATES.get(name.strip().lower())
    if template is None:
        raise KeyError(f"no template called '{name}'; choose one of: {', '.join(TEMPLATES)}")
    return template.build()


def with_new_ids(project: Project) -> Project:
    """A copy of ``project`` in which every object has a new id and references follow."""
    copy = project.model_copy(deep=True)
    copy.id = new_id()
    personas = {p.id: new_id() for p in copy.personas}
    stakeholders = {s.id: new_id() for s in copy.stakeholders}
    for persona in copy.personas:
        persona.id = personas[persona.id]
    for stakeholder in copy.stakeholders:
        stakeholder.id = stakeholders[stakeholder.id]
    for journey in copy.journeys:
        journey.id = new_id()
        if journey.persona_id is not None:
            journey.persona_id = personas.get(journey.persona_id, journey.persona_id)
        remap_journey_ids(journey, stakeholders)
    return copy


def remap_journey_ids(journey: Journey, stakeholders: dict[str, str] | None = None) -> dict[str, str]:
    """Give a journey's stages, steps, lanes and cards new ids in place; returns old → new."""
    mapping: dict[str, str] = {}
    for collection in (journey.stages, journey.steps, journey.lanes, journey.cards):
        for obj in collection:
            mapping[obj.id] = new_id()
            obj.id = mapping[obj.id]
    for step in journey.steps:
        if step.stage_id is not None:
            step.stage_id = mapping.get(step.stage_id, step.stage_id)
        for kpi in step.kpis:
            kpi.id = new_id()
    for card in journey.cards:
        card.step_id = mapping.get(card.step_id, card.step_id)
        card.lane_id = mapping.get(card.lane_id, card.lane_id)
        if card.conflict_of is not None:
            card.conflict_of = mapping.get(card.conflict_of, card.conflict_of)
        if stakeholders:
            card.stakeholder_ids = [stakeholders.get(s, s) for s in card.stakeholder_ids]
    return mapping
