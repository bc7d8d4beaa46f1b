"""The poster on office sheets: a grid of overlapping A4/A3 tiles plus an assembly guide.

The poster is drawn once into a PDF form XObject and every sheet places that form
under a clip, so the file grows by a few hundred bytes per sheet, not by a poster.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass

from ..model import Journey, Project
from . import colours as pal
from .options import ExportOptions
from .painter import CancelFn, PosterInfo, ProgressFn
from .paper import MM, Paper, parse_paper
from .pdf import draw_poster_page, new_canvas
from .pdf_surface import PdfSurface
from .plan import PosterPlan

PRINTER_MARGIN = 6 * MM  # office printers leave about 5 mm unprinted on every side
LABEL_BAND = 7 * MM
FORM_NAME = "cjmPoster"


@dataclass(frozen=True)
class TileGrid:
    sheet: Paper
    rows: int
    cols: int
    content_w: float  # poster points visible on one sheet
    content_h: float
    step_x: float  # distance between neighbouring sheets' content, in poster points
    step_y: float
    overlap: float

    @property
    def count(self) -> int:
        return self.rows * self.cols


def row_letter(index: int) -> str:
    """A, B, … Z, AA, AB …: spreadsheet-style, so any grid gets unique labels."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def sheet_label(row: int, col: int, grid: TileGrid) -> str:
    return f"{row_letter(row)}{col + 1} of {grid.rows}×{grid.cols}"


def _grid_for(sheet: Paper, width: float, height: float, overlap: float) -> TileGrid:
    content_w = sheet.width_pt - 2 * PRINTER_MARGIN
    content_h = sheet.height_pt - 2 * PRINTER_MARGIN - LABEL_BAND
    step_x, step_y = content_w - overlap, content_h - overlap
    cols = max(1, math.ceil((width - overlap) / step_x - 1e-6))
    rows = max(1, math.ceil((height - overlap) / step_y - 1e-6))
    return TileGrid(sheet, rows, cols, content_w, content_h, step_x, step_y, overlap)


def plan_tiles(sheet_name: str, width: float, height: float, overlap_mm: float) -> TileGrid:
    """Portrait or landscape sheets, whichever needs fewer of them."""
    overlap = overlap_mm * MM
    grids = [_grid_for(parse_paper(sheet_name, o), width, height, overlap) for o in ("portrait", "landscape")]
    return min(grids, key=lambda g: (g.count, g.rows))


def _registration_mark(surface: PdfSurface, x: float, y: float) -> None:
    r = 2.2 * MM
    surface.circle(x, y, r * 0.6, stroke=pal.INK, width=0.35)
    surface.line(x - r, y, x + r, y, pal.INK, 0.35)
    surface.line(x, y - r, x, y + r, pal.INK, 0.35)


def render_tiled_pdf(plan: PosterPlan, project: Project, journey: Journey, options: ExportOptions,
                     info: PosterInfo, progress: ProgressFn | None = None,
                     cancel: CancelFn | None = None) -> tuple[bytes, TileGrid]:
    grid = plan_tiles(options.tile or "A4", plan.width, plan.height, options.overlap_mm)
    sw, sh = grid.sheet.width_pt, grid.sheet.height_pt
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, sw, sh, project, journey, options.cmyk)
    canvas.beginForm(FORM_NAME, 0, 0, plan.width, plan.height)
    draw_poster_page(canvas, plan, project, journey, info, 0, plan.height, 0, options.cmyk,
                     progress, cancel)
    canvas.endForm()

    _guide_page(canvas, plan, grid, project, journey, info, options)
    canvas.showPage()
    for row in range(grid.rows):
        for col in range(grid.cols):
            _sheet(canvas, plan, grid, row, col, project, journey, info, options)
            canvas.showPage()
    canvas.save()
    return buffer.getvalue(), grid


def _place_poster(canvas: object, x: float, top: float, scale: float, plan: PosterPlan) -> None:
    """Put the form's top-left corner at (x, top) in PDF points at ``scale``."""
    canvas.saveState()  # type: ignore[attr-defined]
    canvas.translate(x, top - plan.height * scale)  # type: ignore[attr-defined]
    canvas.scale(scale, scale)  # type: ignore[attr-defined]
    canvas.doForm(FORM_NAME)  # type: ignore[attr-defined]
    canvas.restoreState()  # type: ignore[attr-defined]


def _sheet(canvas: object, plan: PosterPlan, grid: TileGrid, row: int, col: int, project: Project,
           journey: Journey, info: PosterInfo, options: ExportOptions) -> None:
    sh = grid.sheet.height_pt
    m = PRINTER_MARGIN
    px, py = col * grid.step_x, row * grid.step_y  # poster point at the sheet's content top-left
    canvas.saveState()  # type: ignore[attr-defined]
    clip = canvas.beginPath()  # type: ignore[attr-defined]
    clip.rect(m, sh - m - grid.content_h, grid.content_w, grid.content_h)
    canvas.clipPath(clip, stroke=0, fill=0)  # type: ignore[attr-defined]
    _place_poster(canvas, m - px, sh - m + py, 1.0, plan)
    canvas.restoreState()  # type: ignore[attr-defined]

    s = PdfSurface(canvas, 0, sh, options.cmyk)  # type: ignore[arg-type]
    left, top = m, m
    right, bottom = m + grid.content_w, m + grid.content_h
    ov = grid.overlap
    # Dashed lines: where this sheet's glued-over strip begins (cut along them, or align to them).
    if col > 0:
        s.line(left + ov, top, left + ov, bottom, pal.MUTED, 0.4, dash=(3, 3))
    if row > 0:
        s.line(left, top + ov, right, top + ov, pal.MUTED, 0.4, dash=(3, 3))
    # Registration marks sit at the same poster positions on both neighbours; overlay them to align.
    marks_x = [left + ov / 2] if col > 0 else []
    marks_x += [right - ov / 2] if col < grid.cols - 1 else []
    for x in marks_x:
        for fy in (0.25, 0.75):
            _registration_mark(s, x, top + grid.content_h * fy)
    marks_y = [top + ov / 2] if row > 0 else []
    marks_y += [bottom - ov / 2] if row < grid.rows - 1 else []
    for y in marks_y:
        for fx in (0.25, 0.75):
            _registration_mark(s, left + grid.content_w * fx, y)
    s.rect(left, top, grid.content_w, grid.content_h, stroke=pal.RULE, width=0.3)

    base = sh - m - 2 * MM
    label = sheet_label(row, col, grid)
    s.text(left, base, label, 10, pal.INK, bold=True)
    number = row * grid.cols + col + 1
    s.text(right, base, f"{project.title} — {journey.name} · {info.date} · sheet {number} of {grid.count}",
           7.5, pal.MUTED, anchor="end")


def _guide_page(canvas: object, plan: PosterPlan, grid: TileGrid, project: Project, journey: Journey,
                info: PosterInfo, options: ExportOptions) -> None:
    sw, sh = grid.sheet.width_pt, grid.sheet.height_pt
    m = PRINTER_MARGIN + 4 * MM
    s = PdfSurface(canvas, 0, sh, options.cmyk)  # type: ignore[arg-type]
    y = m + 14
    s.text(m, y, "How to assemble this poster", 16, pal.INK, bold=True)
    y += 18
    s.text(m, y, f"{project.title} — {journey.name} · {info.date} · {info.file_name}", 9, pal.MUTED)
    steps = [
        f"1. Print all {grid.count} sheets at 100 % (actual size; turn off 'fit to page').",
        f"2. Lay them out as below: rows A–{row_letter(grid.rows - 1)} from top to bottom, "
        f"columns 1–{grid.cols} from left to right.",
        f"3. Neighbouring sheets share a {options.overlap_mm:g} mm strip. Cut each sheet along its dashed "
        "line (left and top),",
        "    lay it over its neighbour so the ⊕ marks sit on top of each other, and tape it from the back.",
        f"Finished size: {plan.width / MM:.0f} × {plan.height / MM:.0f} mm.",
    ]
    y += 20
    for line in steps:
        s.text(m, y, line, 9, pal.INK)
        y += 13
    area_top = y + 8
    area_w = sw - 2 * m
    area_h = sh - m - area_top
    covered_w = grid.cols * grid.step_x + grid.overlap
    covered_h = grid.rows * grid.step_y + grid.overlap
    scale = min(area_w / covered_w, area_h / covered_h)
    x0 = m + (area_w - covered_w * scale) / 2
    _place_poster(canvas, x0, sh - area_top, scale, plan)
    # Each sheet's own share of the poster (its overlap strip belongs to the neighbour before it).
    for row in range(grid.rows):
        for col in range(grid.cols):
            x = x0 + col * grid.step_x * scale
            top = area_top + row * grid.step_y * scale
            w = (grid.step_x + (grid.overlap if col == grid.cols - 1 else 0)) * scale
            h = (grid.step_y + (grid.overlap if row == grid.rows - 1 else 0)) * scale
            s.rect(x, top, w, h, stroke=pal.PAIN, width=0.6)
            label = f"{row_letter(row)}{col + 1}"
            size = max(6.0, min(14.0, w / 4))
            cx, cy = x + w / 2, top + h / 2
            s.rect(cx - size * 1.1, cy - size * 0.8, size * 2.2, size * 1.25, fill="#ffffff", radius=2)
            s.text(cx, cy + size * 0.1, label, size, pal.PAIN, bold=True, anchor="middle")
