"""`cjm-desktop check FILE...`: validate maps without a display."""

from __future__ import annotations

import argparse
import sys

from ..storage import ProjectFileError, load_project


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("check", help="validate .cjm files and print a summary of each")
    parser.add_argument("files", nargs="+", help=".cjm files to check")


def run(args: argparse.Namespace) -> int:
    status = 0
    for name in args.files:
        try:
            project = load_project(name)
        except ProjectFileError as exc:
            print(f"error: {exc.message}", file=sys.stderr)
            status = 1
            continue
        journeys = len(project.journeys)
        steps = sum(len(j.steps) for j in project.journeys)
        cards = sum(len(j.cards) for j in project.journeys)
        print(f"{name}: ok — {journeys} journey{'s' * (journeys != 1)}, "
              f"{steps} step{'s' * (steps != 1)}, {cards} card{'s' * (cards != 1)}")
    return status
