"""Print-ready posters: PDF (single or tiled), PNG and SVG, drawn from the shared layout.

Headless: importing this package never imports Qt (only PNG output does, lazily).
"""

from .api import ExportResult, export_to_file, prepare, render
from .errors import ExportCancelled, ExportError
from .options import ExportOptions, format_for_path
from .paper import ISO_SIZES_MM, MM, TILE_SHEETS, Paper, parse_paper
from .tiling import TileGrid, plan_tiles, sheet_label

__all__ = [
    "ISO_SIZES_MM",
    "MM",
    "TILE_SHEETS",
    "ExportCancelled",
    "ExportError",
    "ExportOptions",
    "ExportResult",
    "Paper",
    "TileGrid",
    "export_to_file",
    "format_for_path",
    "parse_paper",
    "plan_tiles",
    "prepare",
    "render",
    "sheet_label",
]
