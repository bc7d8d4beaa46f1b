"""`cjm-desktop share MINE --base RECEIVED -o MY-CARDS`: export only what I added or changed."""

from __future__ import annotations

import argparse
import sys

from ..merge import delta_size, share_my_cards
from ..storage import ProjectFileError, load_project, save_project


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "share",
        help="write only the cards and scores you added or changed, for the facilitator to merge",
    )
    parser.add_argument("mine", help="your copy of the map (.cjm)")
    parser.add_argument("--base", required=True, help="the map as you received it (.cjm)")
    parser.add_argument("-o", "--output", required=True, help="the small file to hand in (.cjm)")
    parser.add_argument("--name", default="", help="your name, shown in the facilitator's merge report")


def run(args: argparse.Namespace) -> int:
    try:
        mine = load_project(args.mine)
        base = load_project(args.base)
        delta = share_my_cards(mine, base, participant=args.name.strip())
        save_project(delta, args.output)
    except ProjectFileError as exc:
        if exc.path is None:  # the two maps do not belong together; name the files
            print(f"error: '{args.mine}' and '{args.base}': {exc.problem}. {exc.advice}", file=sys.stderr)
        else:
            print(f"error: {exc.message}", file=sys.stderr)
        return 1
    size = delta_size(delta)
    if not size["journeys"] and not size["stakeholders"]:
        print(f"Nothing changed since '{args.base}'; wrote an empty share file to {args.output}")
        return 0
    print(f"Wrote {size['cards']} card{'s' * (size['cards'] != 1)} you added or changed "
          f"(with the steps they sit on) to {args.output}")
    return 0
