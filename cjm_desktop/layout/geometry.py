"""Plain geometry records produced by the layout; no Qt, no reportlab."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Rect:
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def center_x(self) -> float:
        return self.x + self.w / 2

    @property
    def center_y(self) -> float:
        return self.y + self.h / 2

    def contains(self, x: float, y: float) -> bool:
        return self.x <= x < self.right and self.y <= y < self.bottom

    def union(self, other: Rect) -> Rect:
        x, y = min(self.x, other.x), min(self.y, other.y)
        return Rect(x, y, max(self.right, other.right) - x, max(self.bottom, other.bottom) - y)


@dataclass(frozen=True, slots=True)
class CardBox:
    card_id: str
    lane_id: str
    step_id: str
    index_in_cell: int
    rect: Rect
    lines: tuple[str, ...]
    meta: str
    colour: str
    votes: int
    font_size: float
    line_height: float
    padding: float


@dataclass(frozen=True, slots=True)
class StageBand:
    stage_id: str | None
    rect: Rect
    name: str


@dataclass(frozen=True, slots=True)
class StepBox:
    step_id: str
    index: int
    header: Rect
    column: Rect
    title_lines: tuple[str, ...]
    moment_of_truth: bool
    kpi_text: str


@dataclass(frozen=True, slots=True)
class LaneBox:
    lane_id: str
    kind: str
    name: str
    rect: Rect
    header: Rect
    name_lines: tuple[str, ...]
    collapsed: bool
    hidden_cards: int


@dataclass(frozen=True, slots=True)
class EmotionPoint:
    step_id: str
    x: float
    y: float
    score: int | None
    moment_of_truth: bool
    reason: str

    @property
    def is_pain_point(self) -> bool:
        return self.score is not None and self.score <= 3


@dataclass(frozen=True, slots=True)
class EmotionChart:
    rect: Rect
    plot: Rect
    points: tuple[EmotionPoint, ...]

    def y_for_score(self, score: float) -> float:
        return self.plot.y + (10 - score) * self.plot.h / 10

    def score_for_y(self, y: float) -> int:
        """Nearest whole score for a vertical position, clamped to 0..10 (drag snapping)."""
        raw = 10 - (y - self.plot.y) * 10 / self.plot.h
        return max(0, min(10, round(raw)))


@dataclass(slots=True)
class MapLayout:
    width: float
    height: float
    header: Rect
    stage_label: Rect
    step_label: Rect
    emotion: EmotionChart
    stage_bands: list[StageBand] = field(default_factory=list)
    steps: list[StepBox] = field(default_factory=list)
    lanes: list[LaneBox] = field(default_factory=list)
    cells: dict[tuple[str, str], Rect] = field(default_factory=dict)
    cards: dict[str, CardBox] = field(default_factory=dict)

    @property
    def bounds(self) -> Rect:
        return Rect(0, 0, self.width, self.height)

    def cell_at(self, x: float, y: float) -> tuple[str, str] | None:
        """The (lane id, step id) under a point, for drop targets and double-click."""
        step = next((s for s in self.steps if s.column.x <= x < s.column.right), None)
        lane = next((lane for lane in self.lanes if lane.rect.y <= y < lane.rect.bottom), None)
        if step is None or lane is None or lane.collapsed:
            return None
        return lane.lane_id, step.step_id

    def step_at_x(self, x: float) -> StepBox | None:
        return next((s for s in self.steps if s.column.x <= x < s.column.right), None)

    def insertion_index(self, lane_id: str, step_id: str, y: float, skip: str = "") -> int:
        """Where a card dropped at height y goes among the cell's other cards."""
        boxes = sorted(
            (b for b in self.cards.values()
             if b.lane_id == lane_id and b.step_id == step_id and b.card_id != skip),
            key=lambda b: b.index_in_cell,
        )
        return sum(1 for b in boxes if b.rect.center_y < y)

    def stage_rect(self, stage_id: str | None) -> Rect | None:
        """Everything under one stage, header to bottom lane, for presentation zoom."""
        bands = [b.rect for b in self.stage_bands if b.stage_id == stage_id]
        if not bands:
            return None
        top = bands[0]
        for other in bands[1:]:
            top = top.union(other)
        return Rect(top.x, top.y, top.w, self.height - top.y)
