"""Which part of the map each presentation "slide" shows; pure geometry, no Qt.

A slide is one stage zoomed to fill the screen. A stage too wide (or a map too
tall) to keep card text at the legibility bar on screen is split into parts, so
every slide the clicker reaches meets the bar.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from ..i18n import tr
from ..layout import LayoutStyle, MapLayout, Rect

_C = "ui.presentation_pages"  # translation context of this module

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
    # Step titles and stage names are read from the back of the room too.
    "title_font_size": 22,
    "title_line_height": 27,
    "step_header_height": 130,
    "stage_height": 60,
    "stage_font_size": 24,
    "lane_font_size": 22,
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
        name = self.stage_name.strip() or tr(_C, "Steps without a stage")
        if self.parts > 1:
            return tr(_C, "Stage {number} of {count} — {name} (part {part} of {parts})").format(
                number=self.stage_number, count=self.stage_count, name=name, part=self.part,
                parts=self.parts)
        return tr(_C, "Stage {number} of {count} — {name}").format(
            number=self.stage_number, count=self.stage_count, name=name)


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


def _cut_points(layout: MapLayout, left: float, right: float, top: float,
                bottom: float) -> tuple[list[float], list[float]]:
    """Where a tall slide may be cut: lane edges first, else between two cards."""
    lane_edges = sorted(lane.rect.y for lane in layout.lanes if top < lane.rect.y < bottom)
    cards = [box.rect for box in layout.cards.values() if left <= box.rect.center_x < right]
    # A cut just under a card's bottom edge, unless another card straddles that line.
    gaps = sorted({r.bottom + 2 for r in cards if top < r.bottom + 2 < bottom
                   and not any(o.y < r.bottom + 2 < o.bottom for o in cards)})
    return lane_edges, gaps


def _vertical_parts(layout: MapLayout, left: float, right: float, top: float, bottom: float,
                    max_h: float) -> list[tuple[float, float]]:
    """Split [top, bottom) into parts of at most max_h, cutting where no card is cut.

    A lane edge is the best cut if it leaves the part at least half full; otherwise the
    part is filled up to a gap between cards, and only a card taller than the whole
    screen would ever be cut through.
    """
    lane_edges, gaps = _cut_points(layout, left, right, top, bottom)
    parts: list[tuple[float, float]] = []
    start = top
    while bottom - start > max_h:
        limit = start + max_h
        edge = max((e for e in lane_edges if start < e <= limit), default=None)
        gap = max((g for g in gaps if start < g <= limit), default=None)
        if edge is not None and edge - start >= max_h / 2:
            cut = edge
        elif gap is not None and gap - start >= max_h / 4:
            cut = max(gap, edge or gap)
        else:
            cut = edge if edge is not None else limit
        parts.append((start, cut))
        start = cut
    parts.append((start, bottom))
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
            for y0, y1 in _vertical_parts(layout, left, right, band.rect.y, bottom, max_h):
                pieces.append(Rect(left, y0, right - left, y1 - y0))
        for part, rect in enumerate(pieces, start=1):
            slides.append(Slide(band.stage_id, band.name, number, count, part, len(pieces),
                                rect))
    return slides


def padded(rect: Rect) -> Rect:
    """The rect a slide fits into the view, with room around the cards."""
    return Rect(rect.x - SLIDE_PADDING, rect.y - SLIDE_PADDING, rect.w + 2 * SLIDE_PADDING,
                rect.h + 2 * SLIDE_PADDING)
