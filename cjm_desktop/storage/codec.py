"""Turn a Project into file bytes and back, with every failure as a ProjectFileError."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..model import FORMAT_NAME, FORMAT_VERSION, Project, reference_problems
from .errors import NewerFormatError, ProjectFileError
from .migrations import MIGRATIONS, migrate

MAX_FILE_BYTES = 100 * 1024 * 1024
MAX_NESTING = 64


def dumps(project: Project) -> bytes:
    """Pretty-printed UTF-8 JSON in model field order, so saved files diff well in git."""
    data = project.model_dump(mode="json")
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _describe_location(loc: tuple[Any, ...]) -> str:
    parts: list[str] = []
    for item in loc:
        if isinstance(item, int):
            parts.append(f"#{item + 1}")
        else:
            parts.append(str(item).replace("_", " "))
    return " → ".join(parts) if parts else "the top level"


def _friendly_validation(error: ValidationError) -> str:
    first = error.errors()[0]
    where = _describe_location(tuple(first["loc"]))
    kind = first["type"]
    if kind == "missing":
        what = "is missing"
    elif kind == "string_too_long":
        limit = first.get("ctx", {}).get("max_length")
        what = f"is too long (more than {limit:,} characters)"
    elif kind == "too_long":
        what = "has too many entries"
    else:
        what = f"is not valid ({first['msg'].lower()})"
    more = len(error.errors()) - 1
    extra = f" (and {more} more problem{'s' if more != 1 else ''})" if more else ""
    return f"{where} {what}{extra}"


def _nesting_depth_ok(text: str) -> bool:
    # json.loads recurses per nesting level; bounding depth first avoids RecursionError.
    depth = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > MAX_NESTING:
                return False
        elif ch in "]}":
            depth -= 1
    return True


def loads(raw: bytes, path: Path | str | None = None) -> Project:
    """Parse, check, migrate and validate one file's bytes."""
    if len(raw) > MAX_FILE_BYTES:
        raise ProjectFileError(
            path,
            f"the file is {len(raw) / 1e6:.0f} MB, larger than the {MAX_FILE_BYTES // 2**20} MB "
            "a map can be",
            "Check that this is really a journey map",
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ProjectFileError(
            path,
            f"it is not text (byte {exc.start + 1} is not UTF-8)",
            "Choose a .cjm file saved by cjm-desktop",
        ) from None
    if not _nesting_depth_ok(text):
        raise ProjectFileError(
            path, "its JSON is nested too deeply", "Choose a .cjm file saved by cjm-desktop"
        )
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ProjectFileError(
            path,
            f"it is not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})",
            "Restore it from its .bak backup or choose another file",
        ) from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT_NAME:
        raise ProjectFileError(
            path,
            "it is not a cjm-desktop map (no \"format\": \"cjm-desktop\" field)",
            "Choose a .cjm file saved by cjm-desktop",
        )
    version = doc.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ProjectFileError(
            path,
            f"its format version {version!r} is not a positive whole number",
            "The file is damaged; restore it from its .bak backup",
        )
    if version > FORMAT_VERSION:
        raise NewerFormatError(path, version, FORMAT_VERSION)
    if version < FORMAT_VERSION and any(v not in MIGRATIONS for v in range(version, FORMAT_VERSION)):
        raise ProjectFileError(
            path,
            f"format version {version} is too old to convert",
            "Open and save it with an older cjm-desktop first",
        )
    doc = migrate(doc, version)
    try:
        project = Project.model_validate(doc)
    except ValidationError as exc:
        raise ProjectFileError(
            path, _friendly_validation(exc), "Fix that part of the file or restore its .bak backup"
        ) from None
    problems = reference_problems(project)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise ProjectFileError(
            path, problems[0] + more, "Fix that part of the file or restore its .bak backup"
        )
    return project
