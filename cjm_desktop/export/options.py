"""Everything a user can choose for one export, validated in one place."""

from __future__ import annotations

from dataclasses import dataclass

from ..translate import tr
from .errors import ExportError
from .paper import TILE_SHEETS, Paper, parse_paper

_C = "export.options"  # translation context of this module

FORMATS = ("pdf", "png", "svg")
MAX_BLEED_MM = 20.0
MAX_OVERLAP_MM = 40.0
MAX_PNG_PIXELS = 120_000_000  # about 480 MB of RGBA; beyond that a laptop starts to swap


@dataclass(frozen=True)
class ExportOptions:
    paper: str = "A0"
    orientation: str | None = None  # None: landscape for A-sizes, as written for custom sizes
    bleed_mm: float = 0.0
    crop_marks: bool = False
    cmyk: bool = False
    tile: str | None = None  # "A4" or "A3"
    overlap_mm: float = 10.0
    dpi: int = 150
    journey: str | None = None  # name or id; None: the first journey
    stage: str | None = None  # name or id: one poster per stage
    format: str = "pdf"

    def paper_size(self) -> Paper:
        return parse_paper(self.paper, self.orientation)

    def validate(self) -> Paper:
        paper = self.paper_size()
        if self.format not in FORMATS:
            raise ExportError(f"Unknown output format '{self.format}': use .pdf, .png or .svg")
        if not 0 <= self.bleed_mm <= MAX_BLEED_MM:
            raise ExportError(f"Bleed must be between 0 and {MAX_BLEED_MM:g} mm (3 mm is usual)")
        if self.tile is not None:
            if self.tile.upper() not in TILE_SHEETS:
                raise ExportError(f"Unknown tile sheet '{self.tile}': use A4 or A3")
            if self.format != "pdf":
                raise ExportError("Tiling makes a PDF: use an output name ending in .pdf")
            if not 0 <= self.overlap_mm <= MAX_OVERLAP_MM:
                raise ExportError(f"Overlap must be between 0 and {MAX_OVERLAP_MM:g} mm (10 mm is usual)")
        if self.format == "png":
            if not 10 <= self.dpi <= 1200:
                raise ExportError(tr(_C, "PNG resolution must be between 10 and 1200 dpi"))
            pixels = paper.width_mm / 25.4 * self.dpi * paper.height_mm / 25.4 * self.dpi
            if pixels > MAX_PNG_PIXELS:
                most = int(self.dpi * (MAX_PNG_PIXELS / pixels) ** 0.5)
                raise ExportError(tr(_C, "A {paper} PNG at {dpi} dpi is too large to render; use "
                                     "{most} dpi or less, or a smaller paper").format(
                    paper=paper.label, dpi=self.dpi, most=most))
        return paper


def format_for_path(name: str) -> str:
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix not in FORMATS:
        raise ExportError(f"Cannot tell the format of '{name}': the name must end in .pdf, .png or .svg")
    return suffix
