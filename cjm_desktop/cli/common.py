"""Small helpers shared by the headless subcommands."""

from __future__ import annotations

import sys
from pathlib import Path


def error(message: str) -> None:
    print(f"error: {message}", file=sys.stderr)


def refuse_new_map_target(target: Path, force: bool) -> int | None:
    """An exit code when a new .cjm may not be written to ``target``, else None."""
    if target.suffix.lower() != ".cjm":
        error(f"'{target}': the name must end in .cjm")
        return 2
    if target.exists() and not force:
        error(f"'{target}' already exists; choose another name or add --force")
        return 1
    return None
