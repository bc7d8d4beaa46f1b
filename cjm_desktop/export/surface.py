"""A tiny drawing interface the poster painter talks to, so PDF, SVG and PNG share one painter.

Coordinates are top-down points (y grows downwards, like the layout). A surface holds
one uniform scale and offset, so the painter can draw the layout in layout units and
the title block in paper points on the same surface.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from .. import fonts
from .bidi import visual_order

Point = tuple[float, float]


@dataclass(frozen=True)
class Transform:
    scale: float = 1.0
    dx: float = 0.0
    dy: float = 0.0

    def point(self, x: float, y: float) -> Point:
        return self.dx + x * self.scale, self.dy + y * self.scale


@lru_cache(maxsize=32768)
def text_runs(text: str, bold: bool) -> tuple[tuple[fonts.FontFace, str], ...]:
    """Drawable runs of one string, each in the face that has its glyphs (cached: card text repeats)."""
    base = fonts.BOLD if bold else fonts.REGULAR
    return tuple(fonts.split_runs(fonts.drawable_text(visual_order(text), base), base))


def run_width(run: str, face: fonts.FontFace, size: float) -> float:
    widths, default = fonts._widths(face)
    return sum(widths.get(ord(c), default) for c in run) * size / 1000.0


def anchored_x(x: float, text: str, size: float, bold: bool, anchor: str) -> float:
    if anchor == "start":
        return x
    width = sum(run_width(run, face, size) for face, run in text_runs(text, bold))
    return x - width / 2 if anchor == "middle" else x - width


class Surface:
    """Base of every backend: holds the current transform; backends draw in device points."""

    def __init__(self) -> None:
        self.transform = Transform()

    # Backends implement these five in device (paper) points, top-down.
    def _rect(self, x: float, y: float, w: float, h: float, fill: str | None, stroke: str | None,
              width: float, radius: float, dash: tuple[float, ...] | None) -> None:
        raise NotImplementedError

    def _path(self, points: Sequence[Point], fill: str | None, stroke: str | None, width: float,
              closed: bool, dash: tuple[float, ...] | None) -> None:
        raise NotImplementedError

    def _circle(self, cx: float, cy: float, r: float, fill: str | None, stroke: str | None,
                width: float) -> None:
        raise NotImplementedError

    def _text(self, x: float, y: float, text: str, size: float, bold: bool, colour: str) -> None:
        """Draw ``text`` starting at x with its baseline at y."""
        raise NotImplementedError

    # The painter calls these in its own units; the transform maps them to the paper.
    def rect(self, x: float, y: float, w: float, h: float, fill: str | None = None,
             stroke: str | None = None, width: float = 1.0, radius: float = 0.0,
             dash: tuple[float, ...] | None = None) -> None:
        t = self.transform
        px, py = t.point(x, y)
        self._rect(px, py, w * t.scale, h * t.scale, fill, stroke, width * t.scale, radius * t.scale,
                   tuple(d * t.scale for d in dash) if dash else None)

    def path(self, points: Sequence[Point], fill: str | None = None, stroke: str | None = None,
             width: float = 1.0, closed: bool = False, dash: tuple[float, ...] | None = None) -> None:
        t = self.transform
        self._path([t.point(x, y) for x, y in points], fill, stroke, width * t.scale, closed,
                   tuple(d * t.scale for d in dash) if dash else None)

    def line(self, x1: float, y1: float, x2: float, y2: float, stroke: str, width: float = 1.0,
             dash: tuple[float, ...] | None = None) -> None:
        self.path([(x1, y1), (x2, y2)], stroke=stroke, width=width, dash=dash)

    def circle(self, cx: float, cy: float, r: float, fill: str | None = None,
               stroke: str | None = None, width: float = 1.0) -> None:
        t = self.transform
        px, py = t.point(cx, cy)
        self._circle(px, py, r * t.scale, fill, stroke, width * t.scale)

    def text(self, x: float, y: float, text: str, size: float, colour: str, bold: bool = False,
             anchor: str = "start") -> None:
        if not text:
            return
        t = self.transform
        x = anchored_x(x, text, size, bold, anchor)
        px, py = t.point(x, y)
        self._text(px, py, text, size * t.scale, bold, colour)


def star_points(cx: float, cy: float, r: float) -> list[Point]:
    """A five-pointed star: the moment-of-truth marker, recognisable without colour."""
    import math

    points: list[Point] = []
    for i in range(10):
        radius = r if i % 2 == 0 else r * 0.45
        angle = -math.pi / 2 + i * math.pi / 5
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    return points


def triangle_down(cx: float, cy: float, r: float) -> list[Point]:
    """A downward triangle: the pain-point marker."""
    return [(cx - r, cy - r * 0.75), (cx + r, cy - r * 0.75), (cx, cy + r * 0.95)]
