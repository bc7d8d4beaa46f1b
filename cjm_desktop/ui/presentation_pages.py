"""Which part of the map each presentation "slide" shows; pure geometry, no Qt.

A slide is one stage zoomed to fill the screen. A stage too wide (or a map too
tall) to keep card text at the legibility bar on screen is split into parts, so
every slide the clicker reaches meets the bar.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from ..layout import LayoutStyle, MapLayout, Rect

# Card text must be at least this many pixels high on a 1920 × 1080 projected screen.
MIN_CARD_TEXT_PX = 24.0
REFERENCE_SCREEN_HEIGHT = 1080.0
# Scene units of breathing room around a fitted slide.
SLIDE_PADDING = 12.0
# QGraphicsView.fitInView keeps a couple of pixels free on every side.
FIT_MARGIN_PX = 8.0

# The desk layout packs narrow columns of 16-unit text under a 250-unit emotion chart;
# a stage of it fitted to a 16:9 screen is limited by its height and shows cards at
# about 16 px. Wider columns of larger text wrap into fewer lines, so one stage of the
# sample fills 1920×1080 with card text above 24 px.
PRESENTATION_CHANGES: dict[str, float] = {
    "step_width": 480,
    "emotion_height": 150,
    "emotion_padding": 22,
    "card_font_size": 24,
    "card_line_height": 29,
    "card_max_lines": 10,
    "card_min_height": 64,
}


def presentation_style(base: LayoutStyle) -> LayoutStyle:
    """The canvas' own style (title block and all) with the projector's columns and type."""
    return replace(base, **PRESENTATION_CHANGES)


PRESENTATION_STYLE = presentation_style(LayoutStyle())


@dataclass(frozen=True, slots=True)
class Slide:
    """One stop of the clicker: a stage (or a part of one) and the rect to fit."""

    stage_id: str | None
    stage_name: str
    stage_number: int  # 1-based, in map order
    stage_count: int
    part: int  # 1-based part of a split stage
    parts: int
    rect: Rect

    @property
    def caption(self) -> str:
        name = self.stage_name.strip() or "Steps without a stage"
        text = f"Stage {self.stage_number} of {self.stage_count} — {name}"
        if self.parts > 1:
            text += f" (part {self.part} of {self.parts})"
        return text


def _even_chunks(count: int, most: int) -> list[range]:
    """Split range(count) into the fewest runs of at most `most`, as even as possible."""
    pages = max(1, math.ceil(count / max(1, most)))
    base, extra = divmod(count, pages)
    runs: list[range] = []
    start = 0
    for index in range(pages):
        size = base + (1 if index < extra else 0)
        runs.append(range(start, start + size))
        start += size
    return runs


def _vertical_parts(layout: MapLayout, top: float, bottom: float,
                    max_h: float) -> list[tuple[float, float]]:
    """Split [top, bottom) at lane edges so each part fits max_h; slice taller lanes."""
    if bottom - top <= max_h:
        return [(top, bottom)]
    edges = sorted({top, bottom, *(lane.rect.y for lane in layout.lanes
                                   if top < lane.rect.y < bottom)})
    parts: list[tuple[float, float]] = []
    start = edges[0]
    end = start
    for edge in edges[1:]:
        if edge - start <= max_h:
            end = edge
            continue
        if end > start:
            parts.append((start, end))
            start = end
        while edge - start > max_h:  # one lane taller than the screen: slice it
            parts.append((start, start + max_h))
            start += max_h
        end = edge
    if end > start:
        parts.append((start, end))
    return parts


def legible_px(screen_h: float) -> float:
    """The card text height that reads like 24 px on 1080 lines.

    A projector throws the same picture size on the wall whatever its resolution, so
    legibility is a share of the screen height: 16 px on a 720-line beamer is as big
    on the wall as 24 px on a 1080-line one.
    """
    return MIN_CARD_TEXT_PX * screen_h / REFERENCE_SCREEN_HEIGHT


def plan_slides(layout: MapLayout, style: LayoutStyle, screen_w: float, screen_h: float,
                min_px: float | None = None) -> list[Slide]:
    """The slides of a map for a screen of screen_w × screen_h pixels."""
    if not layout.stage_bands or screen_w <= 0 or screen_h <= 0:
        return []
    if min_px is None:
        min_px = legible_px(screen_h)
    zoom = min_px / style.card_font_size
    max_w = (screen_w - FIT_MARGIN_PX) / zoom - 2 * SLIDE_PADDING
    max_h = (screen_h - FIT_MARGIN_PX) / zoom - 2 * SLIDE_PADDING
    bottom = layout.lanes[-1].rect.bottom if layout.lanes else layout.height
    slides: list[Slide] = []
    count = len(layout.stage_bands)
    for number, band in enumerate(layout.stage_bands, start=1):
        columns = [s.column for s in layout.steps
                   if band.rect.x <= s.column.center_x < band.rect.right]
        if not columns:
            continue
        most = max(1, int(max_w // style.step_width))
        pieces: list[Rect] = []
        for run in _even_chunks(len(columns), most):
            left, right = columns[run[0]].x, columns[run[-1]].right
            for y0, y1 in _vertical_parts(layout, band.rect.y, bottom, max_h):
                pieces.append(Rect(left, y0, right - left, y1 - y0))
        for part, rect in enumerate(pieces, start=1):
            slides.append(Slide(band.stage_id, band.name, number, count, part, len(pieces),
                                rect))
    return slides


def padded(rect: Rect) -> Rect:
    """The rect a slide fits into the view, with room around the cards."""
    return Rect(rect.x - SLIDE_PADDING, rect.y - SLIDE_PADDING, rect.w + 2 * SLIDE_PADDING,
                rect.h + 2 * SLIDE_PADDING)
