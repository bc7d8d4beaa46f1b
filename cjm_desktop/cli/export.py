"""`cjm-desktop export MAP.cjm -o OUT.pdf|png|svg`: print-ready posters without a display."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..export import ExportError, ExportOptions, export_to_file, format_for_path
from ..storage import ProjectFileError, load_project


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "export", help="export a journey as a poster (PDF, tiled PDF, PNG or SVG)",
        description="Export a journey as a print-ready poster. The format follows the output name.")
    parser.add_argument("map", help="the .cjm map to export")
    parser.add_argument("-o", "--output", required=True, help="OUT.pdf, OUT.png, OUT.svg or OUT.csv")
    parser.add_argument("--paper", default="A0", help="A0 (default), A1, A2, A3, A4 or WIDTHxHEIGHTmm")
    parser.add_argument("--orientation", choices=("landscape", "portrait"),
                        help="default: landscape (custom sizes: as written)")
    parser.add_argument("--bleed", type=float, default=0.0, metavar="MM",
                        help="bleed in mm, background carried into it (print shops often ask for 3)")
    parser.add_argument("--crop-marks", action="store_true", help="add crop marks outside the bleed")
    parser.add_argument("--cmyk", action="store_true", help="write colours as CMYK")
    parser.add_argument("--tile", type=str.upper, choices=("A4", "A3"),
                        help="split the poster onto A4 or A3 sheets for an office printer")
    parser.add_argument("--overlap", type=float, default=10.0, metavar="MM",
                        help="overlap between tiled sheets in mm (default 10)")
    parser.add_argument("--journey", metavar="NAME_OR_ID", help="which journey (default: the first)")
    parser.add_argument("--stage", metavar="NAME_OR_ID", help="print only this stage (one poster per stage)")
    parser.add_argument("--dpi", type=int, default=150, help="resolution of PNG output (default 150)")


def run(args: argparse.Namespace) -> int:
    if Path(args.output).suffix.lower() == ".csv":  # steps and cards for spreadsheets (csv_io)
        from .csv_cmd import run_export

        return run_export(args)
    try:
        target = Path(args.output)
        options = ExportOptions(
            paper=args.paper, orientation=args.orientation, bleed_mm=args.bleed,
            crop_marks=args.crop_marks, cmyk=args.cmyk, tile=args.tile, overlap_mm=args.overlap,
            dpi=args.dpi, journey=args.journey, stage=args.stage, format=format_for_path(target.name))
        options.validate()
        project = load_project(args.map)
        result = export_to_file(project, target, options, source_name=Path(args.map).name)
    except ProjectFileError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 1
    except ExportError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("error: export interrupted; no file was written", file=sys.stderr)
        return 130
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    what = f"{result.pages} pages ({result.grid.rows}×{result.grid.cols} {result.grid.sheet.name} sheets "\
        "and an assembly guide)" if result.grid else result.paper.label
    print(f"{target}: {what}, card text {result.card_pt:.1f} pt, {result.size_bytes / 1024:.0f} KB")
    return 0
