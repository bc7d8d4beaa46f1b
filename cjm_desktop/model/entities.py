"""Pydantic models of the whole journey-mapping method; pure Python, no Qt.

Every object carries a stable UUID and refers to others by id, so maps made on
several laptops can be merged later. Unknown fields are kept (``extra="allow"``)
so a file written by a newer app survives a round trip through this one.
"""

from __future__ import annotations

import uuid
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

FORMAT_NAME = "cjm-desktop"
FORMAT_VERSION = 1

# Limits keep a hostile or broken file from exhausting memory or the layout engine,
# while being far above anything a workshop produces.
MAX_SHORT_TEXT = 500
MAX_LONG_TEXT = 10_000
MAX_PICTURE_BYTES = 2_000_000

ShortText = Annotated[str, StringConstraints(max_length=MAX_SHORT_TEXT)]
LongText = Annotated[str, StringConstraints(max_length=MAX_LONG_TEXT)]
ObjectId = Annotated[str, StringConstraints(min_length=1, max_length=64)]
Score = Annotated[int, Field(ge=0, le=10)]
Colour = Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")]


def new_id() -> str:
    return str(uuid.uuid4())


class Entity(BaseModel):
    model_config = ConfigDict(extra="allow", validate_assignment=True)

    id: ObjectId = Field(default_factory=new_id)


class JourneyKind(StrEnum):
    CUSTOMER = "customer"
    EMPLOYEE = "employee"
    VENDOR = "vendor"


class JourneyState(StrEnum):
    CURRENT = "current"
    FUTURE = "future"


class LaneKind(StrEnum):
    ACTIONS = "actions"
    TOUCHPOINTS = "touchpoints"
    SERVICE_DELIVERY = "service_delivery"
    BACKOFFICE = "backoffice"
    CUSTOM = "custom"


STANDARD_LANE_NAMES: dict[LaneKind, str] = {
    LaneKind.ACTIONS: "Actions",
    LaneKind.TOUCHPOINTS: "Touchpoints",
    LaneKind.SERVICE_DELIVERY: "Service delivery",
    LaneKind.BACKOFFICE: "Backoffice",
}

# Sticky-note colours; every one keeps black text above WCAG 4.5:1.
CARD_COLOURS: dict[str, str] = {
    "yellow": "#fff176",
    "orange": "#ffcc80",
    "pink": "#f8bbd0",
    "green": "#c5e1a5",
    "blue": "#b3e5fc",
    "purple": "#d1c4e9",
    "grey": "#e0e0e0",
}
DEFAULT_CARD_COLOUR = CARD_COLOURS["yellow"]


class Persona(Entity):
    name: ShortText = "Persona"
    segment: ShortText = ""
    goals: LongText = ""
    frustrations: LongText = ""
    present_situation: LongText = ""
    future_ambitions: LongText = ""
    # PNG/JPEG bytes as base64 so the project stays one self-contained file.
    picture_base64: Annotated[str, StringConstraints(max_length=MAX_PICTURE_BYTES * 4 // 3 + 4)] = ""


class Stakeholder(Entity):
    name: ShortText = "Stakeholder"
    ring: Annotated[int, Field(ge=1, le=3)] = 2
    angle: Annotated[float, Field(ge=0, le=360)] = 0.0
    we_do_for_them: LongText = ""
    they_do_for_us: LongText = ""


class DesiredOutcome(BaseModel):
    model_config = ConfigDict(extra="allow", validate_assignment=True)

    customer: LongText = ""
    business: LongText = ""


class Kpi(Entity):
    name: ShortText = ""
    value: ShortText = ""
    unit: ShortText = ""
    source: ShortText = ""
    date: ShortText = ""


class Stage(Entity):
    name: ShortText = "Stage"


class Step(Entity):
    title: ShortText = "Step"
    stage_id: ObjectId | None = None
    emotion: Score | None = None
    emotion_reason: LongText = ""
    moment_of_truth: bool = False
    kpis: list[Kpi] = Field(default_factory=list)
    # Scores that participants gave on their own laptops, by participant name (see merge/);
    # ``emotion`` stays the score the room agreed on.
    emotion_scores: dict[ShortText, Score] = Field(default_factory=dict)


class Lane(Entity):
    name: ShortText = "Lane"
    kind: LaneKind = LaneKind.CUSTOM
    collapsed: bool = False


class Card(Entity):
    text: LongText = ""
    lane_id: ObjectId
    step_id: ObjectId
    order: int = 0
    colour: Colour = DEFAULT_CARD_COLOUR
    tags: list[ShortText] = Field(default_factory=list)
    author: ShortText = ""
    votes: Annotated[int, Field(ge=0)] = 0
    stakeholder_ids: list[ObjectId] = Field(default_factory=list)
    # Merge bookkeeping: votes each participant added or removed (so re-merging a file does
    # not count its votes twice), and the card this one conflicts with, with a human note.
    vote_deltas: dict[ShortText, int] = Field(default_factory=dict)
    conflict_of: ObjectId | None = None
    merge_note: ShortText = ""


class Journey(Entity):
    name: ShortText = "Journey"
    kind: JourneyKind = JourneyKind.CUSTOMER
    state: JourneyState = JourneyState.CURRENT
    persona_id: ObjectId | None = None
    stages: list[Stage] = Field(default_factory=list)
    steps: list[Step] = Field(default_factory=list)
    lanes: list[Lane] = Field(default_factory=list)
    cards: list[Card] = Field(default_factory=list)
    impression_words: list[ShortText] = Field(default_factory=list, max_length=3)

    def step(self, step_id: str) -> Step | None:
        return next((s for s in self.steps if s.id == step_id), None)

    def lane(self, lane_id: str) -> Lane | None:
        return next((lane for lane in self.lanes if lane.id == lane_id), None)

    def card(self, card_id: str) -> Card | None:
        return next((c for c in self.cards if c.id == card_id), None)

    def stage(self, stage_id: str) -> Stage | None:
        return next((s for s in self.stages if s.id == stage_id), None)

    def cards_in_cell(self, lane_id: str, step_id: str) -> list[Card]:
        """Cards of one cell in display order (order, then position in the file)."""
        cell = [c for c in self.cards if c.lane_id == lane_id and c.step_id == step_id]
        return sorted(cell, key=lambda c: c.order)


class ProjectSettings(BaseModel):
    model_config = ConfigDict(extra="allow", validate_assignment=True)

    paper: ShortText = "A0"
    orientation: ShortText = "landscape"


class Project(BaseModel):
    model_config = ConfigDict(extra="allow", validate_assignment=True)

    format: str = FORMAT_NAME
    format_version: int = FORMAT_VERSION
    id: ObjectId = Field(default_factory=new_id)
    title: ShortText = "Untitled map"
    personas: list[Persona] = Field(default_factory=list)
    stakeholders: list[Stakeholder] = Field(default_factory=list)
    desired_outcome: DesiredOutcome = Field(default_factory=DesiredOutcome)
    journeys: list[Journey] = Field(default_factory=list)
    settings: ProjectSettings = Field(default_factory=ProjectSettings)
    # Set on a participant's "share my cards" file: who made it, and the id of the map it
    # holds only the additions and changes of (absent objects mean "not touched").
    participant: ShortText = ""
    delta_of: ObjectId | None = None

    def journey(self, journey_id: str) -> Journey | None:
        return next((j for j in self.journeys if j.id == journey_id), None)

    def persona(self, persona_id: str | None) -> Persona | None:
        return next((p for p in self.personas if p.id == persona_id), None)


def standard_lanes() -> list[Lane]:
    return [Lane(name=name, kind=kind) for kind, name in STANDARD_LANE_NAMES.items()]


def new_journey(name: str = "Customer journey", steps: int = 5) -> Journey:
    """A blank journey with the four standard lanes and a few empty steps."""
    stage = Stage(name="Stage 1")
    return Journey(
        name=name,
        stages=[stage],
        steps=[Step(title=f"Step {i + 1}", stage_id=stage.id) for i in range(steps)],
        lanes=standard_lanes(),
    )


def new_project(title: str = "Untitled map") -> Project:
    return Project(title=title, journeys=[new_journey()])
