"""The poster as SVG for slides: the same painter writing hand-made, escaped SVG elements."""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape, quoteattr

from .. import fonts
from ..model import Journey, Project
from .painter import CancelFn, PosterInfo, ProgressFn, paint_background, paint_poster
from .paper import MM
from .plan import PosterPlan
from .surface import Point, Surface, text_runs

# Viewers pick these up if installed; the bundled faces are named first so the look matches.
_FAMILY = {fonts.REGULAR.name: "'DejaVu Sans'", fonts.BOLD.name: "'DejaVu Sans'"}


def _n(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


class SvgSurface(Surface):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    @staticmethod
    def _paint(fill: str | None, stroke: str | None, width: float, dash: tuple[float, ...] | None) -> str:
        attrs = [f'fill="{fill or "none"}"']
        if stroke:
            attrs.append(f'stroke="{stroke}" stroke-width="{_n(width)}"')
            if dash:
                attrs.append(f'stroke-dasharray="{" ".join(_n(d) for d in dash)}"')
        return " ".join(attrs)

    def _rect(self, x: float, y: float, w: float, h: float, fill: str | None, stroke: str | None,
              width: float, radius: float, dash: tuple[float, ...] | None) -> None:
        rounded = f' rx="{_n(radius)}"' if radius else ""
        self.parts.append(f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}"{rounded} '
                          f'{self._paint(fill, stroke, width, dash)}/>')

    def _path(self, points: Sequence[Point], fill: str | None, stroke: str | None, width: float,
              closed: bool, dash: tuple[float, ...] | None) -> None:
        if len(points) < 2:
            return
        tag = "polygon" if closed else "polyline"
        coords = " ".join(f"{_n(x)},{_n(y)}" for x, y in points)
        self.parts.append(f'<{tag} points="{coords}" stroke-linejoin="round" '
                          f'{self._paint(fill, stroke, width, dash)}/>')

    def _circle(self, cx: float, cy: float, r: float, fill: str | None, stroke: str | None,
                width: float) -> None:
        self.parts.append(f'<circle cx="{_n(cx)}" cy="{_n(cy)}" r="{_n(r)}" '
                          f'{self._paint(fill, stroke, width, None)}/>')

    def _text(self, x: float, y: float, text: str, size: float, bold: bool, colour: str) -> None:
        runs = text_runs(text, bold)
        if not runs:
            return
        weight = ' font-weight="bold"' if bold else ""
        spans = "".join(
            f"<tspan font-family={quoteattr(_FAMILY.get(face.name, 'Symbola') + ', sans-serif')}>"
            f"{escape(run)}</tspan>"
            for face, run in runs)
        self.parts.append(f'<text x="{_n(x)}" y="{_n(y)}" font-size="{_n(size)}"{weight} '
                          f'fill="{colour}" xml:space="preserve">{spans}</text>')


def render_svg(plan: PosterPlan, project: Project, journey: Journey, info: PosterInfo,
               progress: ProgressFn | None = None, cancel: CancelFn | None = None) -> bytes:
    surface = SvgSurface()
    paint_background(surface, 0, 0, plan.width, plan.height, plan.header.bottom + 6 * plan.unit)
    paint_poster(surface, plan, project, journey, info, progress, cancel)
    title = escape(f"{project.title} — {journey.name}")
    head = (f'<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{_n(plan.width / MM)}mm" '
            f'height="{_n(plan.height / MM)}mm" viewBox="0 0 {_n(plan.width)} {_n(plan.height)}">\n'
            f"<title>{title}</title>\n")
    return (head + "\n".join(surface.parts) + "\n</svg>\n").encode("utf-8")
