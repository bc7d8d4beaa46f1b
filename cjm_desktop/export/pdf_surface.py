"""The reportlab backend: vector drawing, text as text, fonts embedded, optional CMYK."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.colors import CMYKColor, Color
from reportlab.pdfgen.canvas import Canvas

from .colours import hex_to_rgb, rgb_to_cmyk
from .surface import Point, Surface, text_runs


class PdfSurface(Surface):
    """Draws top-down points onto a reportlab canvas whose origin is bottom-left.

    ``origin`` is where the poster's top-left corner sits on the page, in PDF points
    (bottom-up), so the same painter serves bleed pages and form XObjects.
    """

    def __init__(self, canvas: Canvas, origin_x: float, origin_top: float, cmyk: bool = False) -> None:
        super().__init__()
        self.canvas = canvas
        self.ox = origin_x
        self.otop = origin_top
        self.cmyk = cmyk
        self._colours: dict[str, Color] = {}

    def colour(self, value: str) -> Color:
        cached = self._colours.get(value)
        if cached is None:
            rgb = hex_to_rgb(value)
            cached = CMYKColor(*rgb_to_cmyk(rgb)) if self.cmyk else Color(*rgb)
            self._colours[value] = cached
        return cached

    def _style(self, fill: str | None, stroke: str | None, width: float,
               dash: tuple[float, ...] | None) -> tuple[int, int]:
        c = self.canvas
        if fill:
            c.setFillColor(self.colour(fill))
        if stroke:
            c.setStrokeColor(self.colour(stroke))
            c.setLineWidth(width)
            c.setDash(list(dash) if dash else [])
        return (1 if fill else 0), (1 if stroke else 0)

    def _rect(self, x: float, y: float, w: float, h: float, fill: str | None, stroke: str | None,
              width: float, radius: float, dash: tuple[float, ...] | None) -> None:
        do_fill, do_stroke = self._style(fill, stroke, width, dash)
        if not (do_fill or do_stroke):
            return
        px, py = self.ox + x, self.otop - y - h
        if radius > 0:
            self.canvas.roundRect(px, py, w, h, radius, stroke=do_stroke, fill=do_fill)
        else:
            self.canvas.rect(px, py, w, h, stroke=do_stroke, fill=do_fill)

    def _path(self, points: Sequence[Point], fill: str | None, stroke: str | None, width: float,
              closed: bool, dash: tuple[float, ...] | None) -> None:
        do_fill, do_stroke = self._style(fill, stroke, width, dash)
        if len(points) < 2 or not (do_fill or do_stroke):
            return
        path = self.canvas.beginPath()
        x, y = points[0]
        path.moveTo(self.ox + x, self.otop - y)
        for x, y in points[1:]:
            path.lineTo(self.ox + x, self.otop - y)
        if closed:
            path.close()
        self.canvas.drawPath(path, stroke=do_stroke, fill=do_fill)

    def _circle(self, cx: float, cy: float, r: float, fill: str | None, stroke: str | None,
                width: float) -> None:
        do_fill, do_stroke = self._style(fill, stroke, width, None)
        if do_fill or do_stroke:
            self.canvas.circle(self.ox + cx, self.otop - cy, r, stroke=do_stroke, fill=do_fill)

    def _text(self, x: float, y: float, text: str, size: float, bold: bool, colour: str) -> None:
        # Text objects draw literal strings: nothing here parses markup, so '<b>' stays '<b>'.
        runs = text_runs(text, bold)
        if not runs:
            return
        t = self.canvas.beginText(self.ox + x, self.otop - y)
        t.setFillColor(self.colour(colour))
        for face, run in runs:
            t.setFont(face.name, size)
            t.textOut(run)
        self.canvas.drawText(t)
