"""`cjm-desktop merge BASE THEIRS... -o OUT`: bring participants' copies together, no display."""

from __future__ import annotations

import argparse
import sys

from ..merge import load_incoming, merge_projects
from ..storage import ProjectFileError, dumps, load_project, write_atomically


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "merge",
        help="merge participants' copies (or 'share' files) into the map everyone received",
        description="Objects are matched by id. Everything added anywhere is kept; a card changed "
                    "differently in two places is kept in both versions, side by side and tagged "
                    "'conflict'. Emotion scores are kept per participant.",
    )
    parser.add_argument("base", help="the map as it was handed out (.cjm)")
    parser.add_argument("theirs", nargs="+", help="participants' .cjm files, full copies or 'share' files")
    parser.add_argument("-o", "--output", required=True, help="where to write the merged map")
    parser.add_argument("--report", help="also write the full merge report to this text file")
    parser.add_argument("--keep-deleted", action="store_true",
                        help="do not remove what participants deleted (a missing card means untouched)")


def run(args: argparse.Namespace) -> int:
    try:
        base = load_project(args.base)
        incoming = load_incoming(args.theirs)
        result = merge_projects(base, incoming, apply_deletions=not args.keep_deleted,
                                base_label=str(args.base))
        write_atomically(args.output, dumps(result.project))
    except ProjectFileError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 1
    print(result.report.summary())
    print(f"Merged map written to {args.output}")
    if args.report:
        try:
            write_atomically(args.report, result.report.to_text().encode("utf-8"), backup=False)
        except ProjectFileError as exc:
            print(f"error: the merged map is saved, but the report could not be written to "
                  f"'{args.report}': {exc.problem.removeprefix('the map could not be saved: ')}. "
                  "Choose another place with --report", file=sys.stderr)
            return 1
        print(f"Report written to {args.report}")
    return 0
