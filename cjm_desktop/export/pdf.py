"""The poster as a print-ready PDF: one page with optional bleed and crop marks."""

from __future__ import annotations

import io

from reportlab.pdfgen.canvas import Canvas

from .. import __version__, fonts
from ..model import Journey, Project
from . import colours as pal
from . import unicode_map
from .options import ExportOptions
from .painter import CancelFn, PosterInfo, ProgressFn, paint_background, paint_poster
from .paper import MM
from .pdf_surface import PdfSurface
from .plan import PosterPlan

CROP_ZONE = 12 * MM  # room outside the bleed for crop marks
CROP_GAP = 2 * MM  # marks stop short of the bleed so they never print on the poster


def new_canvas(buffer: io.BytesIO, width: float, height: float, project: Project, journey: Journey,
               cmyk: bool) -> Canvas:
    unicode_map.install()
    names = fonts.register_all()
    # initialFontName: reportlab would otherwise start every page in Helvetica, which it never embeds.
    canvas = Canvas(buffer, pagesize=(width, height), initialFontName=names[0], pageCompression=1,
                    enforceColorSpace="cmyk" if cmyk else None)
    canvas.setTitle(f"{project.title} — {journey.name}")
    canvas.setSubject("Customer journey map poster")
    canvas.setAuthor("cjm-desktop")
    canvas.setCreator(f"cjm-desktop {__version__}")
    return canvas


def header_band_bottom(plan: PosterPlan) -> float:
    return plan.header.bottom + 6 * plan.unit


def draw_poster_page(canvas: Canvas, plan: PosterPlan, project: Project, journey: Journey,
                     info: PosterInfo, origin_x: float, origin_top: float, bleed: float, cmyk: bool,
                     progress: ProgressFn | None, cancel: CancelFn | None) -> None:
    surface = PdfSurface(canvas, origin_x, origin_top, cmyk)
    paint_background(surface, -bleed, -bleed, plan.width + 2 * bleed, plan.height + 2 * bleed,
                     header_band_bottom(plan))
    paint_poster(surface, plan, project, journey, info, progress, cancel)


def _crop_marks(surface: PdfSurface, w: float, h: float, bleed: float) -> None:
    start, end = bleed + CROP_GAP, bleed + CROP_ZONE - 1 * MM
    for x, y, sx, sy in ((0, 0, -1, -1), (w, 0, 1, -1), (0, h, -1, 1), (w, h, 1, 1)):
        surface.line(x + sx * start, y, x + sx * end, y, pal.INK, 0.3)
        surface.line(x, y + sy * start, x, y + sy * end, pal.INK, 0.3)


def render_single_pdf(plan: PosterPlan, project: Project, journey: Journey, options: ExportOptions,
                      info: PosterInfo, progress: ProgressFn | None = None,
                      cancel: CancelFn | None = None) -> bytes:
    bleed = options.bleed_mm * MM
    marks = CROP_ZONE if options.crop_marks else 0.0
    off = bleed + marks
    page_w, page_h = plan.width + 2 * off, plan.height + 2 * off
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, page_w, page_h, project, journey, options.cmyk)
    if off > 0:
        canvas.setTrimBox((off, off, off + plan.width, off + plan.height))
        canvas.setBleedBox((marks, marks, page_w - marks, page_h - marks))
    draw_poster_page(canvas, plan, project, journey, info, off, page_h - off, bleed, options.cmyk,
                     progress, cancel)
    if options.crop_marks:
        _crop_marks(PdfSurface(canvas, off, page_h - off, options.cmyk), plan.width, plan.height, bleed)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
