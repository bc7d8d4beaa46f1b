"""Paint a whole poster (title block, map, legend) onto any Surface.

Everything inside the map is drawn from the layout's own boxes and wrapped lines, so
the poster shows exactly the line breaks the canvas shows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..fonts import text_width
from ..layout import LayoutStyle, MapLayout, wrap_text
from ..layout.geometry import CardBox, EmotionPoint
from ..model import Journey, Project
from . import colours as pal
from .errors import ExportCancelled
from .plan import PosterPlan
from .surface import Surface, Transform, star_points, triangle_down

ProgressFn = Callable[[float], None]
CancelFn = Callable[[], bool]


@dataclass(frozen=True)
class PosterInfo:
    """What the title block says besides the map itself."""

    date: str
    file_name: str


def _check(cancel: CancelFn | None) -> None:
    if cancel is not None and cancel():
        raise ExportCancelled()


def paint_poster(surface: Surface, plan: PosterPlan, project: Project, journey: Journey,
                 info: PosterInfo, progress: ProgressFn | None = None,
                 cancel: CancelFn | None = None) -> None:
    surface.transform = Transform()
    _paint_header(surface, plan, project, journey, info)
    _paint_footer(surface, plan, info)
    surface.transform = Transform(plan.scale, plan.map_x, plan.map_y)
    _paint_map(surface, plan.layout, plan.style, journey, progress, cancel)
    surface.transform = Transform()


def paint_background(surface: Surface, x: float, y: float, w: float, h: float,
                     header_bottom: float) -> None:
    """Paper tone and the header band; the caller passes the bleed box so both run off the edge."""
    surface.rect(x, y, w, h, fill=pal.PAPER)
    surface.rect(x, y, w, header_bottom - y, fill=pal.HEADER)


# ----- title block -------------------------------------------------------------------------

def _lines(text: str, width: float, size: float, bold: bool, max_lines: int) -> tuple[str, ...]:
    text = " ".join(text.split())
    return wrap_text(text, width, size, bold, max_lines) if text else ()


def _paint_header(s: Surface, plan: PosterPlan, project: Project, journey: Journey,
                  info: PosterInfo) -> None:
    u, box = plan.unit, plan.header
    pad = 18 * u
    left_w = box.w * 0.42
    mid_x = box.x + left_w + 24 * u
    mid_w = box.w * 0.36
    right_x = mid_x + mid_w + 24 * u
    right_w = box.right - right_x

    y = box.y + pad + 44 * u
    title = " ".join(project.title.split())
    # Long titles shrink (down to 34 pt on A0) before they are shortened with an ellipsis.
    title_size = max(34 * u, min(50 * u, 0.98 * left_w / max(1e-6, text_width(title, 1.0, True))))
    for line in _lines(title, left_w, title_size, True, 1):
        s.text(box.x, y, line, title_size, pal.HEADER_TEXT, bold=True)
    y += 40 * u
    kind = f"{journey.kind.value} journey, {journey.state.value} state"
    s.text(box.x, y, _lines(f"{journey.name} · {kind}", left_w, 24 * u, False, 1)[0]
           if journey.name else kind, 24 * u, pal.HEADER_TEXT)
    persona = project.persona(journey.persona_id)
    if persona is not None:
        y += 32 * u
        who = f"Persona: {persona.name}" + (f" — {persona.segment}" if persona.segment else "")
        for line in _lines(who, left_w, 20 * u, False, 2):
            s.text(box.x, y, line, 20 * u, pal.HEADER_MUTED)
            y += 26 * u

    outcome = project.desired_outcome
    y = box.y + pad + 14 * u
    s.text(mid_x, y, "DESIRED OUTCOME", 13 * u, pal.HEADER_MUTED, bold=True)
    y += 30 * u
    indent = 104 * u
    for label, text in (("Customer", outcome.customer), ("Business", outcome.business)):
        if not text.strip():
            continue
        s.text(mid_x, y, label, 18 * u, pal.HEADER_MUTED, bold=True)
        for line in _lines(text, mid_w - indent, 18 * u, False, 2):
            s.text(mid_x + indent, y, line, 18 * u, pal.HEADER_TEXT)
            y += 24 * u
        y += 10 * u

    y = box.y + pad + 14 * u
    words = [w for w in journey.impression_words if w.strip()]
    if words:
        s.text(right_x, y, "LASTING IMPRESSION", 13 * u, pal.HEADER_MUTED, bold=True)
        y += 14 * u
        chip_x = right_x
        for word in words[:3]:
            line = _lines(word, right_w - 40 * u, 20 * u, True, 1)[0]
            chip_w = text_width(line, 20 * u, True) + 32 * u
            if chip_x + chip_w > box.right and chip_x > right_x:
                chip_x = right_x
                y += 42 * u
            s.rect(chip_x, y, chip_w, 34 * u, fill=pal.mix(pal.HEADER, "#ffffff", 0.18), radius=17 * u)
            s.text(chip_x + 16 * u, y + 24 * u, line, 20 * u, pal.HEADER_TEXT, bold=True)
            chip_x += chip_w + 10 * u
    s.text(box.right, box.bottom - 6 * u, f"{info.file_name} · printed {info.date}", 14 * u,
           pal.HEADER_MUTED, anchor="end")


def _paint_footer(s: Surface, plan: PosterPlan, info: PosterInfo) -> None:
    u, box = plan.unit, plan.footer
    size = 17 * u
    base = box.y + box.h * 0.66
    x = box.x
    s.text(x, base, "LEGEND", size, pal.MUTED, bold=True)
    x += 100 * u
    r = 12 * u
    cy = base - size * 0.35
    s.path(star_points(x + r, cy, r * 1.2), fill=pal.MOMENT_FILL, stroke=pal.MOMENT, width=1.2 * u,
           closed=True)
    x += 2.6 * r
    x = _legend_text(s, x, base, "Moment of truth", size, u)
    s.path(triangle_down(x + r, cy, r * 1.1), fill=pal.PAIN, closed=True)
    x += 2.6 * r
    x = _legend_text(s, x, base, "Pain point (emotion 0–3)", size, u)
    s.circle(x + r, cy, r, fill="#ffffff", stroke=pal.LINE, width=2 * u)
    x += 2.6 * r
    x = _legend_text(s, x, base, "Emotion 0 = very negative … 10 = very positive", size, u)
    s.circle(x + r, cy, r, fill=pal.VOTE)
    s.text(x + r, cy + size * 0.35, "3", size * 0.85, "#ffffff", bold=True, anchor="middle")
    x += 2.6 * r
    x = _legend_text(s, x, base, "Dot votes", size, u)
    for kind, colour in pal.STANDARD_LANE_BARS.items():
        s.rect(x, cy - r, 6 * u, 2 * r, fill=colour)
        x += 10 * u
        del kind
    x = _legend_text(s, x + 2 * u, base, "Standard lanes", size, u)
    s.rect(x, cy - r, 6 * u, 2 * r, fill=pal.CUSTOM_LANE_BAR)
    x = _legend_text(s, x + 12 * u, base, "Custom lane", size, u)
    s.text(box.right, base, f"cjm-desktop · {info.file_name} · {info.date}", size, pal.MUTED, anchor="end")
    s.line(box.x, box.y, box.right, box.y, pal.RULE, 1.0 * u)


def _legend_text(s: Surface, x: float, base: float, text: str, size: float, u: float) -> float:
    from .surface import anchored_x

    s.text(x, base, text, size, pal.INK)
    return x + (x - anchored_x(x, text, size, False, "end")) + 30 * u


# ----- the map -----------------------------------------------------------------------------

def _paint_map(s: Surface, lay: MapLayout, st: LayoutStyle, journey: Journey,
               progress: ProgressFn | None, cancel: CancelFn | None) -> None:
    total = max(1, len(lay.cards))
    left = st.margin
    right = lay.width - st.margin
    bottom = lay.height - st.margin
    top = lay.stage_label.y

    # Stage row and the gutter labels.
    s.rect(lay.stage_label.x, lay.stage_label.y, lay.stage_label.w, lay.stage_label.h, fill=pal.HEADER)
    s.text(left + 14, lay.stage_label.center_y + st.stage_font_size * 0.36, "Stage", st.stage_font_size,
           pal.HEADER_TEXT, bold=True)
    for i, band in enumerate(lay.stage_bands):
        r = band.rect
        s.rect(r.x, r.y, r.w, r.h, fill=pal.STAGE_FILLS[i % 2])
        name = wrap_text(band.name, r.w - 28, st.stage_font_size, True, 1)[0] if band.name else ""
        s.text(r.x + 14, r.center_y + st.stage_font_size * 0.36, name, st.stage_font_size, pal.INK, bold=True)

    sl = lay.step_label
    s.rect(sl.x, sl.y, sl.w, sl.h, fill="#ffffff")
    s.text(left + 14, sl.y + st.meta_line_height + 4, "Step", st.lane_font_size, pal.INK, bold=True)

    em = lay.emotion
    s.rect(left, em.rect.y, st.gutter_width, em.rect.h, fill="#ffffff")
    s.rect(em.rect.x, em.rect.y, em.rect.w, em.rect.h, fill=pal.EMOTION_FILL)
    _check(cancel)
    _paint_steps(s, lay, st)
    _paint_lanes(s, lay, st, right)

    # Column rules over lane backgrounds, under the cards; stage bands span columns, so start below.
    rule_top = lay.step_label.y
    for step in lay.steps:
        s.line(step.column.x, rule_top, step.column.x, bottom, pal.RULE, 0.8)
    s.line(right, rule_top, right, bottom, pal.RULE, 0.8)
    for band in lay.stage_bands:
        s.line(band.rect.x, top, band.rect.x, rule_top, "#ffffff", 2.0)
    for lane in lay.lanes:
        if lane.collapsed:
            # One calm strip across the columns instead of empty cells.
            r, hd = lane.rect, lane.header
            s.rect(hd.right, r.y + 1, r.right - hd.right, r.h - 2, fill=pal.LANE_FILLS[1])
            hidden = f"Lane collapsed: {lane.hidden_cards} card{'s' * (lane.hidden_cards != 1)} not shown"
            s.text(hd.right + 14, r.center_y + st.meta_font_size * 0.36, hidden, st.meta_font_size, pal.MUTED)
    s.rect(left, top, right - left, bottom - top, stroke=pal.MUTED, width=1.2)

    _paint_emotion(s, lay, st)
    for done, box in enumerate(lay.cards.values(), 1):
        _paint_card(s, box, st)
        if done % 100 == 0:
            _check(cancel)
            if progress is not None:
                progress(done / total)
    if progress is not None:
        progress(1.0)


def _paint_steps(s: Surface, lay: MapLayout, st: LayoutStyle) -> None:
    size = st.meta_font_size
    for step in lay.steps:
        h = step.header
        mot = step.moment_of_truth
        s.rect(h.x, h.y, h.w, h.h, fill=pal.mix(pal.MOMENT_FILL, "#ffffff", 0.8) if mot else "#ffffff")
        s.line(h.x, h.bottom, h.right, h.bottom, pal.RULE, 0.8)
        base = h.y + st.meta_line_height
        s.text(h.x + 12, base, f"STEP {step.index + 1}", size, pal.MUTED, bold=True)
        y = base + st.title_line_height + 2
        for line in step.title_lines:
            s.text(h.x + 12, y, line, st.title_font_size, pal.INK, bold=True)
            y += st.title_line_height
        if mot:
            # Shape and words, not colour alone: a star, a label and a heavy frame.
            s.rect(h.x + 1.5, h.y + 1.5, h.w - 3, h.h - 3, stroke=pal.MOMENT, width=3)
            label_y = h.bottom - size * 0.75
            s.path(star_points(h.x + 12 + size * 0.6, label_y - size * 0.38, size * 0.7),
                   fill=pal.MOMENT_FILL, stroke=pal.MOMENT, width=0.8, closed=True)
            room = h.w - 24 - size * 1.6
            label_size = min(size, room / text_width("Moment of truth", 1.0, True))
            s.text(h.x + 12 + size * 1.6, label_y, "Moment of truth", label_size, pal.MOMENT, bold=True)


def _paint_lanes(s: Surface, lay: MapLayout, st: LayoutStyle, right: float) -> None:
    for i, lane in enumerate(lay.lanes):
        r, hd = lane.rect, lane.header
        s.rect(r.x, r.y, r.w, r.h, fill=pal.LANE_FILLS[i % 2])
        s.line(r.x, r.y, right, r.y, pal.RULE, 1.0)
        custom = lane.kind == "custom"
        bar = pal.CUSTOM_LANE_BAR if custom else pal.STANDARD_LANE_BARS.get(lane.kind, pal.CUSTOM_LANE_BAR)
        s.rect(hd.x, hd.y, hd.w, hd.h, fill=pal.mix(bar, "#ffffff", 0.9))
        s.rect(hd.x, hd.y, 8, hd.h, fill=bar)
        y = hd.y + st.cell_padding + st.lane_font_size
        for line in lane.name_lines:
            s.text(hd.x + 20, y, line, st.lane_font_size, pal.INK, bold=True)
            y += st.lane_font_size * 1.25
        caption = "custom lane" if custom else "standard lane"
        for line in wrap_text(caption, hd.w - 28, st.meta_font_size, False, 2):
            if y + st.meta_font_size > hd.bottom:
                break
            s.text(hd.x + 20, y + 2, line, st.meta_font_size, pal.MUTED)
            y += st.meta_line_height


def _paint_emotion(s: Surface, lay: MapLayout, st: LayoutStyle) -> None:
    em = lay.emotion
    plot = em.plot
    left = st.margin
    size = st.meta_font_size
    s.rect(plot.x, em.y_for_score(3.5), plot.w, em.y_for_score(0) - em.y_for_score(3.5) + 2,
           fill=pal.PAIN_ZONE)
    for score in range(11):
        y = em.y_for_score(score)
        major = score in (0, 5, 10)
        s.line(plot.x, y, plot.right, y, pal.RULE if major else pal.mix(pal.RULE, "#ffffff", 0.55),
               1.0 if major else 0.6)
        s.text(plot.x - 10, y + size * 0.36, str(score), size, pal.MUTED, bold=major, anchor="end")
    s.text(left + 14, em.rect.y + st.lane_font_size + 6, "Emotion", st.lane_font_size, pal.INK, bold=True)
    s.text(left + 14, em.y_for_score(10) + size * 0.36, "very positive", size, pal.MUTED)
    s.text(left + 14, em.y_for_score(5) + size * 0.36, "neutral", size, pal.MUTED)
    s.text(left + 14, em.y_for_score(1.5) + size * 0.36, "pain zone", size, pal.PAIN, bold=True)
    s.text(left + 14, em.y_for_score(0) + size * 0.36, "very negative", size, pal.MUTED)

    scored = [p for p in em.points if p.score is not None]
    segment: list[tuple[float, float]] = []
    for point in em.points:
        if point.score is None:
            if len(segment) > 1:
                s.path(segment, stroke=pal.LINE, width=3.5)
            segment = []
            continue
        segment.append((point.x, point.y))
    if len(segment) > 1:
        s.path(segment, stroke=pal.LINE, width=3.5)
    del scored

    by_step = {step.step_id: step for step in lay.steps}
    for point in em.points:
        _paint_point(s, point, st, em.plot.bottom)
        step = by_step.get(point.step_id)
        if step is not None and step.kpi_text:
            lines = wrap_text("KPI " + step.kpi_text, step.column.w - 24, size, False, 2)
            y = em.rect.bottom - size * 0.6 - (len(lines) - 1) * size * 1.2
            for line in lines:
                s.text(step.column.x + 12, y, line, size, pal.INK)
                y += size * 1.2


def _paint_point(s: Surface, p: EmotionPoint, st: LayoutStyle, plot_bottom: float) -> None:
    size = st.meta_font_size
    r = size * 1.15
    if p.score is None:
        s.circle(p.x, p.y, r, fill="#ffffff", stroke=pal.MUTED, width=1.2)
        s.text(p.x, p.y + size * 0.36, "–", size, pal.MUTED, bold=True, anchor="middle")
        s.text(p.x, p.y + r + size * 1.2, "not scored", size, pal.MUTED, anchor="middle")
        return
    if p.is_pain_point:
        s.path(triangle_down(p.x, p.y, r * 1.45), fill=pal.PAIN, stroke="#ffffff", width=1.5, closed=True)
        s.text(p.x, p.y + size * 0.2, str(p.score), size, "#ffffff", bold=True, anchor="middle")
    else:
        s.circle(p.x, p.y, r, fill="#ffffff", stroke=pal.LINE, width=2.5)
        s.text(p.x, p.y + size * 0.36, str(p.score), size, pal.INK, bold=True, anchor="middle")
    if p.moment_of_truth:
        s.path(star_points(p.x, p.y - r * 2.6, r * 1.05), fill=pal.MOMENT_FILL, stroke=pal.MOMENT,
               width=1.0, closed=True)
    if p.reason.strip():
        lines = wrap_text(" ".join(p.reason.split()), st.step_width - 36, size, False, 2)
        lh = size * 1.2
        block = len(lines) * lh
        below_top = p.y + r * 1.6
        # Below the point unless that runs into the KPI line; then above (past any star).
        if below_top + block <= plot_bottom + size * 0.8:
            top = below_top
        else:
            top = p.y - r * (3.9 if p.moment_of_truth else 1.6) - block
        width = max(text_width(line, size) for line in lines) + size
        s.rect(p.x - width / 2, top, width, block + size * 0.35, fill="#ffffff", radius=size * 0.3)
        y = top + size
        for line in lines:
            s.text(p.x, y, line, size, pal.MUTED, anchor="middle")
            y += lh


def _paint_card(s: Surface, box: CardBox, st: LayoutStyle) -> None:
    r = box.rect
    edge = pal.mix(box.colour, pal.INK, 0.35)
    # A square-cornered shadow: under the rounded card it looks the same and costs a quarter of the path.
    s.rect(r.x + 3, r.y + 3, r.w - 1.5, r.h - 1.5, fill=pal.mix(box.colour, pal.INK, 0.2))
    s.rect(r.x, r.y, r.w, r.h, fill=box.colour, stroke=edge, width=0.6, radius=4)
    x = r.x + box.padding
    y = r.y + box.padding + box.line_height * 0.78
    for line in box.lines:
        s.text(x, y, line, box.font_size, pal.INK)
        y += box.line_height
    if box.meta:
        y += st.meta_line_height - box.line_height
        s.text(x, y, box.meta, st.meta_font_size, pal.MUTED)
    if box.votes > 0:
        # A pill that grows with the count, centred on the card's top-right corner.
        size = st.meta_font_size * 0.9
        label = str(box.votes)
        vr = st.meta_font_size * 0.95
        half = max(0.0, text_width(label, size, True) / 2 - vr * 0.55)
        cx, cy = r.right - 2 - half, r.y + 2
        s.rect(cx - half - vr, cy - vr, 2 * (half + vr), 2 * vr, fill=pal.VOTE, stroke="#ffffff", width=1.2,
               radius=vr)
        s.text(cx, cy + size * 0.36, label, size, "#ffffff", bold=True, anchor="middle")
