"""`cjm-desktop new OUT.cjm --template NAME`: start a map from a template without a display."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..storage import ProjectFileError, save_project
from ..templates import TEMPLATES, build_template
from .common import refuse_new_map_target


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("new", help="create a new map from a template",
                            description="Create a new .cjm map from a template.")
    parser.add_argument("output", nargs="?", help="the .cjm file to create")
    parser.add_argument("--template", default="blank",
                        help=f"one of: {', '.join(TEMPLATES)} (default: blank)")
    parser.add_argument("--list-templates", action="store_true", help="list the templates and exit")
    parser.add_argument("--force", action="store_true", help="overwrite an existing file")


def run(args: argparse.Namespace) -> int:
    if args.list_templates:
        width = max(len(name) for name in TEMPLATES)
        for template in TEMPLATES.values():
            print(f"{template.name:<{width}}  {template.title}: {template.description}")
        return 0
    if not args.output:
        print("error: name the file to create, e.g. cjm-desktop new workshop.cjm --template "
              "workshop (or --list-templates)", file=sys.stderr)
        return 2
    target = Path(args.output)
    refused = refuse_new_map_target(target, args.force)
    if refused is not None:
        return refused
    try:
        project = build_template(args.template)
    except KeyError as exc:
        print(f"error: {exc.args[0]}", file=sys.stderr)
        return 2
    except ProjectFileError as exc:  # the bundled sample is missing or damaged
        print(f"error: {exc.message}", file=sys.stderr)
        return 1
    try:
        save_project(project, target, backup=False)
    except ProjectFileError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 1
    journey = project.journeys[0]
    print(f"{target}: new map from template '{args.template}' — {len(journey.steps)} steps, "
          f"{len(journey.cards)} cards")
    return 0
