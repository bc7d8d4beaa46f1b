"""One entry point for every export: pick the journey, plan the poster, render, write atomically."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Journey, Project
from .errors import ExportError
from .options import ExportOptions, format_for_path
from .output import check_writable, write_output
from .painter import CancelFn, PosterInfo, ProgressFn
from .paper import Paper
from .pdf import render_single_pdf
from .plan import PosterPlan, plan_poster
from .selection import find_journey, only_stage, require_content
from .tiling import TileGrid, render_tiled_pdf


@dataclass
class ExportResult:
    path: Path | None
    format: str
    paper: Paper
    pages: int
    size_bytes: int
    card_pt: float
    warnings: list[str] = field(default_factory=list)
    grid: TileGrid | None = None


def prepare(project: Project, options: ExportOptions) -> tuple[Journey, Paper, PosterPlan]:
    """Validate the choices and lay the poster out; cheap enough for a live preview."""
    paper = options.validate()
    journey = find_journey(project, options.journey)
    if options.stage:
        journey = only_stage(journey, options.stage)
    require_content(journey)
    names = {s.id: s.name for s in project.stakeholders}
    return journey, paper, plan_poster(journey, paper.width_pt, paper.height_pt, paper.label, names)


def render(project: Project, options: ExportOptions, source_name: str = "",
           progress: ProgressFn | None = None, cancel: CancelFn | None = None,
           date: str | None = None) -> tuple[bytes, ExportResult]:
    journey, paper, plan = prepare(project, options)
    info = PosterInfo(date or _dt.date.today().isoformat(), source_name or "unsaved map")
    grid: TileGrid | None = None
    pages = 1
    if options.format == "pdf" and options.tile:
        data, grid = render_tiled_pdf(plan, project, journey, options, info, progress, cancel)
        pages = grid.count + 1
    elif options.format == "pdf":
        data = render_single_pdf(plan, project, journey, options, info, progress, cancel)
    elif options.format == "svg":
        from .svg import render_svg

        data = render_svg(plan, project, journey, info, progress, cancel)
    else:
        from .raster import render_png  # Qt is imported only for PNG output.

        data = render_png(plan, project, journey, info, options.dpi, progress, cancel)
    result = ExportResult(None, options.format, paper, pages, len(data), plan.card_pt,
                          list(plan.warnings), grid)
    return data, result


def export_to_file(project: Project, target: Path | str, options: ExportOptions | None = None,
                   source_name: str = "", progress: ProgressFn | None = None,
                   cancel: CancelFn | None = None) -> ExportResult:
    """Render and write ``target``; the format follows its extension (.pdf, .png, .svg).

    Raises ExportError (or ExportCancelled) with a one-line message; the target is
    untouched unless the whole file was written.
    """
    target = Path(target)
    options = options or ExportOptions()
    fmt = format_for_path(target.name)
    if fmt != options.format:
        from dataclasses import replace

        options = replace(options, format=fmt)
    check_writable(target)
    data, result = render(project, options, source_name, progress, cancel)
    if cancel is not None and cancel():
        from .errors import ExportCancelled

        raise ExportCancelled()
    write_output(target, data)
    result.path = target
    return result


__all__ = ["ExportError", "ExportOptions", "ExportResult", "export_to_file", "prepare", "render"]
