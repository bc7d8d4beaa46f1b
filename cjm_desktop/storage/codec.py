"""Turn a Project into file bytes and back, with every failure as a ProjectFileError."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..model import FORMAT_NAME, Project, reference_problems
from ..translate import tr
from . import migrations
from .errors import ProjectFileError

_C = "storage.codec"  # translation context of this module
MAX_FILE_BYTES = 100 * 1024 * 1024
MAX_NESTING = 64


def dumps(project: Project) -> bytes:
    """Pretty-printed UTF-8 JSON in model field order, so saved files diff well in git.

    pydantic's own serializer writes the same text as ``json.dumps(..., indent=2,
    ensure_ascii=False)`` about four times faster (json's indenting encoder is pure
    Python); that matters because autosave serializes on the GUI thread.
    """
    return (project.model_dump_json(indent=2) + "\n").encode("utf-8")


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
        what = tr(_C, "is missing")
    elif kind == "string_too_long":
        limit = first.get("ctx", {}).get("max_length")
        what = tr(_C, "is too long (more than {limit} characters)").format(limit=f"{limit:,}")
    elif kind == "too_long":
        what = tr(_C, "has too many entries")
    else:
        what = tr(_C, "is not valid ({reason})").format(reason=first["msg"].lower())
    more = len(error.errors()) - 1
    extra = " " + tr(_C, "(and %n more problem(s))", n=more) if more else ""
    return f"{where} {what}{extra}"


def _too_deep(doc: object) -> bool:
    """Whether parsed JSON nests deeper than any map does (it would strain every later step).

    Walks containers only, without recursion, after the C parser has done the heavy work:
    a regex pre-scan of the text cost a quarter of a second on a 10,000-card map.
    """
    stack: list[tuple[object, int]] = [(doc, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_NESTING:
            return True
        for child in node.values() if isinstance(node, dict) else node:  # type: ignore[union-attr]
            if isinstance(child, dict | list):
                stack.append((child, depth + 1))
    return False


class _JsonConstantError(Exception):
    pass


def _refuse_constant(name: str) -> None:
    # Python's json accepts NaN and Infinity, but other tools cannot read them back.
    raise _JsonConstantError(name)


def _short(text: str, limit: int = 40) -> str:
    # Values from a hostile file go into messages; keep them one short line.
    text = text.replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def too_large_error(path: Path | str | None, size: int) -> ProjectFileError:
    return ProjectFileError(
        path,
        tr(_C, "the file is {size} MB, larger than the {limit} MB a map can be").format(
            size=f"{size / 2**20:,.0f}", limit=MAX_FILE_BYTES // 2**20),
        tr(_C, "Check that this is really a journey map"),
    )


def loads(raw: bytes, path: Path | str | None = None, allow_newer: bool = False) -> Project:
    """Parse, check, migrate and validate one file's bytes.

    Every failure is a ProjectFileError naming the file; nothing in the file is ever
    executed (plain JSON, no pickle or eval). ``allow_newer`` reads a file from a newer
    app as far as this model understands it, for opening it read-only.
    """
    if len(raw) > MAX_FILE_BYTES:
        raise too_large_error(path, len(raw))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ProjectFileError(
            path,
            tr(_C, "it is not text (byte {number} is not UTF-8)").format(number=exc.start + 1),
            tr(_C, "Choose a .cjm file saved by cjm-desktop"),
        ) from None
    too_deep = ProjectFileError(
        path, tr(_C, "its JSON is nested too deeply"), tr(_C, "Choose a .cjm file saved by cjm-desktop"))
    try:
        doc = json.loads(text, parse_constant=_refuse_constant)
    except _JsonConstantError as exc:
        raise ProjectFileError(
            path,
            tr(_C, "it is not valid JSON (it holds {value}, which JSON does not allow)").format(
                value=exc.args[0]),
            tr(_C, "Restore it from its .bak backup or choose another file"),
        ) from None
    except json.JSONDecodeError as exc:
        raise ProjectFileError(
            path,
            tr(_C, "it is not valid JSON ({problem} at line {line}, column {column})").format(
                problem=exc.msg, line=exc.lineno, column=exc.colno),
            tr(_C, "Restore it from its .bak backup or choose another file"),
        ) from None
    except RecursionError:
        raise too_deep from None
    except ValueError:
        # Python refuses integers of more than 4,300 digits; no real map has one.
        raise ProjectFileError(
            path,
            tr(_C, "it is not valid JSON (it holds a number too long to read)"),
            tr(_C, "Restore it from its .bak backup or choose another file"),
        ) from None
    if isinstance(doc, dict | list) and _too_deep(doc):
        raise too_deep
    if not isinstance(doc, dict) or doc.get("format") != FORMAT_NAME:
        raise ProjectFileError(
            path,
            tr(_C, "it is not a cjm-desktop map (no \"format\": \"cjm-desktop\" field)"),
            tr(_C, "Choose a .cjm file saved by cjm-desktop"),
        )
    version = doc.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ProjectFileError(
            path,
            tr(_C, "its format version {version} is not a positive whole number").format(
                version=_short(repr(version))),
            tr(_C, "The file is damaged; restore it from its .bak backup"),
        )
    chain = migrations.CHAIN
    chain.check(version, path, allow_newer=allow_newer)
    doc = chain.migrate(doc, version, path)
    try:
        project = Project.model_validate(doc)
    except ValidationError as exc:
        raise ProjectFileError(
            path, _friendly_validation(exc), tr(_C, "Fix that part of the file or restore its .bak backup")
        ) from None
    problems = reference_problems(project)
    if problems:
        more = " " + tr(_C, "(and %n more)", n=len(problems) - 1) if len(problems) > 1 else ""
        raise ProjectFileError(
            path, problems[0] + more, tr(_C, "Fix that part of the file or restore its .bak backup")
        )
    return project
