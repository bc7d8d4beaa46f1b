"""Compute where every part of a journey map goes.

Units are abstract "layout units": one pixel on screen at 100 % zoom and one
point on the poster before it is scaled to the paper.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from ..model import Card, Journey
from .geometry import (
    CardBox,
    EmotionChart,
    EmotionPoint,
    LaneBox,
    MapLayout,
    Rect,
    StageBand,
    StepBox,
)
from .text import wrap_text


@dataclass(frozen=True)
class LayoutStyle:
    margin: float = 24
    gutter_width: float = 200
    step_width: float = 260
    header_height: float = 0
    stage_height: float = 52
    step_header_height: float = 96
    emotion_height: float = 250
    emotion_padding: float = 26
    cell_padding: float = 12
    card_gap: float = 10
    card_padding: float = 10
    card_font_size: float = 16
    card_line_height: float = 21
    card_min_height: float = 64
    card_max_lines: int = 8
    meta_font_size: float = 12
    meta_line_height: float = 18
    title_font_size: float = 15
    title_line_height: float = 19
    lane_font_size: float = 17
    stage_font_size: float = 18
    collapsed_lane_height: float = 44

    @property
    def card_width(self) -> float:
        return self.step_width - 2 * self.cell_padding

    @property
    def card_text_width(self) -> float:
        return self.card_width - 2 * self.card_padding


DEFAULT_STYLE = LayoutStyle()


def card_meta(card: Card, stakeholder_names: Mapping[str, str] | None = None) -> str:
    """The small footer line on a card: tags, linked stakeholders and author."""
    parts = [f"#{tag}" for tag in card.tags if tag]
    names = stakeholder_names or {}
    parts += [f"⚑{names[sid]}" for sid in card.stakeholder_ids if sid in names]
    if card.author:
        parts.append(f"— {card.author}")
    return "  ".join(parts)


def _card_lines(card: Card, style: LayoutStyle,
                stakeholder_names: Mapping[str, str] | None) -> tuple[tuple[str, ...], str]:
    return _shape(card.text, card_meta(card, stakeholder_names), style.card_text_width,
                  style.card_font_size, style.card_max_lines, style.meta_font_size)


@lru_cache(maxsize=65536)
def _shape(text: str, meta: str, width: float, size: float, max_lines: int,
           meta_size: float) -> tuple[tuple[str, ...], str]:
    # Cached per text (plain arguments hash fast): a relayout after one edit re-wraps nothing.
    lines = wrap_text(text, width, size, False, max_lines)
    if meta:
        meta = wrap_text(meta, width, meta_size, False, 1)[0]
    return lines, meta


def card_height(lines: tuple[str, ...], meta: str, style: LayoutStyle) -> float:
    body = len(lines) * style.card_line_height + (style.meta_line_height if meta else 0)
    return max(style.card_min_height, body + 2 * style.card_padding)


def _cells(journey: Journey) -> dict[tuple[str, str], list[Card]]:
    cells: dict[tuple[str, str], list[Card]] = defaultdict(list)
    for card in journey.cards:
        cells[(card.lane_id, card.step_id)].append(card)
    for cell in cells.values():
        cell.sort(key=lambda c: c.order)
    return cells


def _stage_bands(journey: Journey, top: float, style: LayoutStyle) -> list[StageBand]:
    bands: list[StageBand] = []
    x0 = style.margin + style.gutter_width
    for index, step in enumerate(journey.steps):
        x = x0 + index * style.step_width
        if bands and bands[-1].stage_id == step.stage_id:
            last = bands[-1]
            bands[-1] = StageBand(
                last.stage_id, Rect(last.rect.x, top, x + style.step_width - last.rect.x,
                                    style.stage_height), last.name)
            continue
        stage = journey.stage(step.stage_id) if step.stage_id else None
        bands.append(StageBand(
            step.stage_id, Rect(x, top, style.step_width, style.stage_height),
            stage.name if stage else ""))
    return bands


def layout_journey(journey: Journey, style: LayoutStyle = DEFAULT_STYLE,
                   stakeholder_names: Mapping[str, str] | None = None) -> MapLayout:
    """``stakeholder_names`` (id → name) shows linked stakeholders as chips on cards."""
    x0 = style.margin + style.gutter_width
    steps_width = max(1, len(journey.steps)) * style.step_width
    width = x0 + steps_width + style.margin
    header = Rect(style.margin, style.margin, width - 2 * style.margin, style.header_height)
    stage_top = header.bottom
    step_top = stage_top + style.stage_height
    emotion_top = step_top + style.step_header_height
    lanes_top = emotion_top + style.emotion_height

    cells = _cells(journey)
    wrapped = {card.id: _card_lines(card, style, stakeholder_names) for card in journey.cards}
    heights = {cid: card_height(lines, meta, style) for cid, (lines, meta) in wrapped.items()}

    layout_cards: dict[str, CardBox] = {}
    layout_cells: dict[tuple[str, str], Rect] = {}
    lanes: list[LaneBox] = []
    y = lanes_top
    for lane in journey.lanes:
        lane_cards = sum(len(cells.get((lane.id, s.id), [])) for s in journey.steps)
        if lane.collapsed:
            row_height = style.collapsed_lane_height
        else:
            tallest = 0.0
            for step in journey.steps:
                stack = cells.get((lane.id, step.id), [])
                total = (sum(heights[c.id] for c in stack)
                         + style.card_gap * max(0, len(stack) - 1))
                tallest = max(tallest, total)
            row_height = max(style.card_min_height, tallest) + 2 * style.cell_padding
        header_rect = Rect(style.margin, y, style.gutter_width, row_height)
        name_lines = wrap_text(lane.name, style.gutter_width - 28, style.lane_font_size, True, 3)
        lanes.append(LaneBox(
            lane.id, lane.kind.value, lane.name, Rect(style.margin, y, width - 2 * style.margin,
                                                      row_height),
            header_rect, name_lines, lane.collapsed, lane_cards if lane.collapsed else 0))
        for index, step in enumerate(journey.steps):
            cell = Rect(x0 + index * style.step_width, y, style.step_width, row_height)
            layout_cells[(lane.id, step.id)] = cell
            if lane.collapsed:
                continue
            card_y = y + style.cell_padding
            for position, card in enumerate(cells.get((lane.id, step.id), [])):
                lines, meta = wrapped[card.id]
                h = heights[card.id]
                layout_cards[card.id] = CardBox(
                    card.id, lane.id, step.id, position,
                    Rect(cell.x + style.cell_padding, card_y, style.card_width, h),
                    lines, meta, card.colour, card.votes, style.card_font_size,
                    style.card_line_height, style.card_padding)
                card_y += h + style.card_gap
        y += row_height
    height = y + style.margin

    steps: list[StepBox] = []
    for index, step in enumerate(journey.steps):
        x = x0 + index * style.step_width
        title = wrap_text(step.title, style.step_width - 24, style.title_font_size, True, 3)
        kpis = "; ".join(
            " ".join(part for part in (k.name + ":" if k.name else "", k.value, k.unit) if part)
            for k in step.kpis)
        steps.append(StepBox(
            step.id, index, Rect(x, step_top, style.step_width, style.step_header_height),
            Rect(x, stage_top, style.step_width, height - style.margin - stage_top),
            title, step.moment_of_truth, kpis))

    emotion_rect = Rect(x0, emotion_top, steps_width, style.emotion_height)
    plot = Rect(x0, emotion_top + style.emotion_padding, steps_width,
                style.emotion_height - 2 * style.emotion_padding)
    chart = EmotionChart(emotion_rect, plot, ())
    points = tuple(
        EmotionPoint(
            step.id, x0 + (i + 0.5) * style.step_width,
            chart.y_for_score(step.emotion if step.emotion is not None else 5),
            step.emotion, step.moment_of_truth, step.emotion_reason)
        for i, step in enumerate(journey.steps))
    chart = EmotionChart(emotion_rect, plot, points)

    return MapLayout(
        width=width,
        height=height,
        header=header,
        stage_label=Rect(style.margin, stage_top, style.gutter_width, style.stage_height),
        step_label=Rect(style.margin, step_top, style.gutter_width, style.step_header_height),
        emotion=chart,
        stage_bands=_stage_bands(journey, stage_top, style),
        steps=steps,
        lanes=lanes,
        cells=layout_cells,
        cards=layout_cards,
    )
