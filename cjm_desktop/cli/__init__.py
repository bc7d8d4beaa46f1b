"""Command line: `cjm-desktop [FILE]` opens the window; subcommands work without a display.

Headless subcommands import no Qt module, so they run on servers and in CI.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .. import __version__
from . import check, csv_cmd, export, merge, new, share

# Each subcommand module offers add_parser(subparsers) and run(args) -> exit code.
SUBCOMMANDS = {
    "check": check,
    "export": export,
    "merge": merge,
    "share": share,
    "new": new,
    "import-csv": csv_cmd,
}


def _subcommand_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cjm-desktop", description="Customer journey mapping.")
    parser.add_argument("--version", action="version", version=f"cjm-desktop {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    for module in SUBCOMMANDS.values():
        module.add_parser(sub)
    return parser


def _gui_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cjm-desktop",
        description="Open journey maps in a window. Subcommands: " + ", ".join(SUBCOMMANDS),
    )
    parser.add_argument("--version", action="version", version=f"cjm-desktop {__version__}")
    parser.add_argument("files", nargs="*", help=".cjm map files to open")
    parser.add_argument("--sample", action="store_true", help="open an unsaved copy of the sample")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list and args_list[0] in SUBCOMMANDS:
        args = _subcommand_parser().parse_args(args_list)
        return int(SUBCOMMANDS[args.command].run(args))
    args = _gui_parser().parse_args(args_list)
    from ..app import run_gui  # Qt is imported only when a window is wanted.

    return run_gui(args.files, sample=args.sample)


if __name__ == "__main__":
    sys.exit(main())
