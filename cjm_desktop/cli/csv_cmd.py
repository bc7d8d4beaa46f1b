"""`cjm-desktop import-csv IN.csv -o OUT.cjm`: a map from a spreadsheet, without a display."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..csv_io import COLUMNS, CsvError, import_csv, project_from_csv
from ..storage import ProjectFileError, save_project
from .common import refuse_new_map_target


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "import-csv", help="create a map from a CSV file of steps and cards",
        description="Create a .cjm map from a CSV file with the columns "
                    f"{', '.join(COLUMNS)} (only 'step' is required). "
                    "A bad row is reported by row and column and nothing is written.")
    parser.add_argument("csv", help="the CSV file to read (UTF-8; comma, semicolon or tab)")
    parser.add_argument("-o", "--output", required=True, help="the .cjm file to create")
    parser.add_argument("--title", help="title of the new map (default: the CSV file name)")
    parser.add_argument("--force", action="store_true", help="overwrite an existing file")


def run(args: argparse.Namespace) -> int:
    target = Path(args.output)
    refused = refuse_new_map_target(target, args.force)
    if refused is not None:
        return refused
    try:
        result = import_csv(args.csv)
    except CsvError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 1
    if not result.journeys:
        print(f"error: '{args.csv}' has a header but no rows; nothing was written", file=sys.stderr)
        return 1
    project = project_from_csv(result, args.title or Path(args.csv).stem)
    try:
        save_project(project, target, backup=False)
    except ProjectFileError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 1
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    steps = sum(len(j.steps) for j in result.journeys)
    print(f"{target}: {len(result.journeys)} journey(s), {steps} steps, {result.cards} cards "
          f"from {result.rows} rows")
    return 0


def run_export(args: argparse.Namespace) -> int:
    """The `.csv` branch of `cjm-desktop export MAP.cjm -o OUT.csv`: steps and cards as rows."""
    from ..csv_io import export_csv
    from ..storage import load_project

    try:
        project = load_project(args.map)
        journey_ids = None
        if getattr(args, "journey", None):
            wanted = args.journey
            journey_ids = [j.id for j in project.journeys if wanted in (j.id, j.name)]
            if not journey_ids:
                names = ", ".join(f"'{j.name}'" for j in project.journeys)
                print(f"error: '{args.map}' has no journey '{wanted}'; it has {names}",
                      file=sys.stderr)
                return 2
        rows = export_csv(project, args.output, journey_ids)
    except ProjectFileError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 1
    print(f"{args.output}: {rows} rows ({', '.join(COLUMNS)})")
    return 0
