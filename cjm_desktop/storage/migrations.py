"""Forward migrations of the raw JSON document, one format version at a time.

format_version 1 is the first released format, so the chain is empty today. When the
format changes, bump ``FORMAT_VERSION`` in the model, add ``@register(old_version)`` on a
function that turns an old document into the next version, and add a test file for the
old version under ``tests/data/``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model import FORMAT_VERSION
from ..translate import tr
from .errors import NewerFormatError, ProjectFileError

_C = "storage.migrations"  # translation context of this module

RawDoc = dict[str, Any]
Migration = Callable[[RawDoc], RawDoc]


@dataclass
class MigrationChain:
    """Steps from each older version to the next, up to ``target`` (the version this app writes)."""

    target: int
    steps: dict[int, Migration] = field(default_factory=dict)

    def register(self, from_version: int) -> Callable[[Migration], Migration]:
        """Decorator: the function turns a ``from_version`` document into ``from_version + 1``."""
        if not 1 <= from_version < self.target:
            raise ValueError(f"a migration from {from_version} cannot lead to version {self.target}")

        def add(step: Migration) -> Migration:
            if from_version in self.steps:
                raise ValueError(f"a migration from version {from_version} is already registered")
            self.steps[from_version] = step
            return step

        return add

    def check(self, version: int, path: Path | str | None, allow_newer: bool = False) -> None:
        """Refuse versions this app cannot read, before any step runs."""
        if version > self.target and not allow_newer:
            raise NewerFormatError(path, version, self.target)
        missing = [v for v in range(version, self.target) if v not in self.steps]
        if missing:
            raise ProjectFileError(
                path,
                tr(_C, "format version {version} is too old to convert (no conversion from "
                       "version {missing})").format(version=version, missing=missing[0]),
                tr(_C, "Open and save it with an older cjm-desktop first"),
            )

    def migrate(self, doc: RawDoc, version: int, path: Path | str | None = None) -> RawDoc:
        """Run every step from ``version`` to the target; a failing step becomes a clear error."""
        while version < self.target:
            try:
                doc = self.steps[version](doc)
            except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
                # A damaged old file can trip a step; that is the file's fault, not a crash.
                raise ProjectFileError(
                    path,
                    tr(_C, "it could not be converted from format version {version} ({problem})")
                    .format(version=version, problem=type(exc).__name__),
                    tr(_C, "Open and save it with an older cjm-desktop first, or restore its .bak "
                           "backup"),
                ) from None
            version += 1
            doc["format_version"] = version
        return doc


# The chain the app uses; tests may swap in their own through monkeypatch.
CHAIN = MigrationChain(target=FORMAT_VERSION)
# Kept for code that looked steps up directly.
MIGRATIONS = CHAIN.steps


def migrate(doc: RawDoc, version: int) -> RawDoc:
    return CHAIN.migrate(doc, version)
