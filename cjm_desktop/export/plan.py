"""Where the title block, the map and the legend go on the paper, and at what scale.

The map is laid out by the same ``layout_journey`` as the screen. When the screen's
type would print too small (long maps), the layout runs again with larger type in
the same column width, so card text stays legible from a step back.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from ..fonts import text_width
from ..layout import LayoutStyle, MapLayout, Rect, layout_journey
from ..model import Journey
from .paper import MM

# On A0 card text must reach 14 pt; smaller paper is read from closer, so the target
# shrinks with the paper, but never below what an office printer renders cleanly.
A0_CARD_PT = 14.0
MIN_CARD_PT = 6.0
MAX_TYPE_BOOST = 3.0
MIN_UNIT = 0.42
# When the map is wide rather than tall, spare paper height goes into larger type,
# up to this factor over the screen's type (beyond it cards hold too few words per line).
MAX_FILL_BOOST = 2.0
# The poster leaves room under the emotion plot for each step's KPI, and in the step
# header for a "Moment of truth" line under a three-line title.
POSTER_STYLE = LayoutStyle(emotion_height=300, emotion_padding=48, step_header_height=118)
# Lane names must fit the gutter whole: the longest standard name sets the largest lane type.
_LONGEST_LANE_WORD = "Touchpoints"


@dataclass
class PosterPlan:
    width: float  # trim size in points
    height: float
    unit: float  # 1.0 on A0; type and rules in the title block and legend scale with it
    margin: float
    header: Rect
    footer: Rect
    map_area: Rect
    style: LayoutStyle
    layout: MapLayout
    scale: float
    map_x: float
    map_y: float
    card_pt: float
    target_card_pt: float
    warnings: list[str] = field(default_factory=list)


def boosted_style(base: LayoutStyle, factor: float) -> LayoutStyle:
    """Same column widths, type and line heights ``factor`` times larger."""
    if factor <= 1.0:
        return base
    title_lh = base.title_line_height * factor
    gutter = base.gutter_width * (1 + (factor - 1) * 0.5)
    lane_fit = (gutter - 30) / text_width(_LONGEST_LANE_WORD, 1.0, True)
    return replace(
        base,
        card_font_size=base.card_font_size * factor,
        card_line_height=base.card_line_height * factor,
        card_min_height=base.card_min_height * factor,
        meta_font_size=base.meta_font_size * factor,
        meta_line_height=base.meta_line_height * factor,
        title_font_size=base.title_font_size * factor,
        title_line_height=title_lh,
        gutter_width=gutter,
        lane_font_size=min(base.lane_font_size * factor, lane_fit),
        stage_font_size=base.stage_font_size * factor,
        stage_height=max(base.stage_height, base.stage_font_size * factor * 2.4),
        step_header_height=max(base.step_header_height,
                               2 * base.meta_line_height * factor + 3 * title_lh + 28),
        emotion_padding=max(base.emotion_padding, base.meta_font_size * factor * 3.8),
        emotion_height=max(base.emotion_height, base.emotion_height * (1 + factor) / 2),
    )


def _fit(layout: MapLayout, area: Rect) -> float:
    return min(area.w / layout.width, area.h / layout.height)


def _try(journey: Journey, factor: float, area: Rect,
         names: Mapping[str, str] | None = None) -> tuple[LayoutStyle, MapLayout, float, float]:
    style = boosted_style(POSTER_STYLE, factor)
    layout = layout_journey(journey, style, names)
    scale = _fit(layout, area)
    return style, layout, scale, style.card_font_size * scale


def _longest_word(journey: Journey) -> float:
    """Width at size 1 of the widest word on any card (at least a short word's width)."""
    widest = text_width("Stockholm", 1.0)
    for card in journey.cards:
        for word in card.text.split():
            if len(word) > 8:
                widest = max(widest, text_width(word, 1.0))
    return widest


def _largest_type(journey: Journey, area: Rect, target: float,
                  names: Mapping[str, str] | None = None) -> tuple[LayoutStyle, MapLayout, float]:
    """The type factor that gives the largest printed card text, searched in a few layouts.

    Larger type makes the layout taller but not wider, so printed size first grows with
    the factor and then falls once the height limits the scale; a short bisection finds
    the top. The screen's own type (factor 1) is kept whenever nothing beats it.
    """
    def width_bound(candidate: tuple[LayoutStyle, MapLayout, float, float]) -> bool:
        return candidate[2] >= area.w / candidate[1].width - 1e-9

    best = _try(journey, 1.0, area, names)
    # Filling spare height must not split words that fit whole at the screen's size.
    no_split = max(1.0, best[0].card_text_width / (_longest_word(journey) * best[0].card_font_size))
    # A height-bound map only gets taller with larger type, so the search pays off only
    # when the width limits the scale (spare height).
    if width_bound(best):
        limit = MAX_TYPE_BOOST if best[3] < target else min(MAX_FILL_BOOST, no_split)
        low, high = 1.0, limit
        for _ in range(6):
            mid = (low + high) / 2
            candidate = _try(journey, mid, area, names)
            if candidate[3] > best[3]:
                best = candidate
            if width_bound(candidate):
                low = mid
            else:
                high = mid
    return best[0], best[1], best[2]


def _grow_emotion_chart(journey: Journey, style: LayoutStyle, layout: MapLayout, scale: float,
                        area: Rect, names: Mapping[str, str] | None = None,
                        ) -> tuple[LayoutStyle, MapLayout]:
    """Spend spare paper height (wide maps, portrait paper) on a taller emotion chart.

    The chart is the part of the map people read from afar; a taller one separates
    the scores better, and the poster looks composed instead of half empty.
    """
    spare = area.h / scale - layout.height
    if spare < style.emotion_height * 0.1:
        return style, layout
    extra = min(spare * 0.98, style.emotion_height * 2.0)
    grown = replace(style, emotion_height=style.emotion_height + extra)
    return grown, layout_journey(journey, grown, names)


def plan_poster(journey: Journey, width: float, height: float, paper_label: str = "",
                stakeholder_names: Mapping[str, str] | None = None) -> PosterPlan:
    """``stakeholder_names`` (id → name) prints linked stakeholders on cards, as on screen."""
    # Title block and legend scale with the paper, but not below sizes an A4 print can show
    # (7-8 pt for the smallest text).
    unit = max(MIN_UNIT, min(width, height) / (841 * MM))
    margin = max(28 * unit, 6 * MM)
    header_h = 178 * unit
    footer_h = 46 * unit
    header = Rect(margin, margin, width - 2 * margin, header_h)
    footer = Rect(margin, height - margin - footer_h, width - 2 * margin, footer_h)
    gap = 14 * unit
    map_area = Rect(margin, header.bottom + gap, width - 2 * margin,
                    footer.y - gap - header.bottom - gap)
    target = max(MIN_CARD_PT, A0_CARD_PT * unit)

    style, layout, scale = _largest_type(journey, map_area, target, stakeholder_names)
    style, layout = _grow_emotion_chart(journey, style, layout, scale, map_area, stakeholder_names)
    card_pt = style.card_font_size * scale

    warnings: list[str] = []
    if card_pt < target - 0.05:
        warnings.append(
            f"The map is too large for {paper_label or 'this paper'}: card text would print at "
            f"{card_pt:.1f} pt (at least {target:.0f} pt reads well). Choices: a larger paper "
            "(--paper A0 or a custom WIDTHxHEIGHTmm), tiling onto office sheets at a larger "
            "size (--tile A4 with --paper A0), or one poster per stage (--stage NAME).")
    map_w, map_h = layout.width * scale, layout.height * scale
    map_x = map_area.x + (map_area.w - map_w) / 2
    map_y = map_area.y + (map_area.h - map_h) / 2
    return PosterPlan(width, height, unit, margin, header, footer, map_area, style, layout, scale,
                      map_x, map_y, card_pt, target, warnings)
