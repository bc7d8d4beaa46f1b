"""Forward migrations of the raw JSON document, one format version at a time."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..model import FORMAT_VERSION

RawDoc = dict[str, Any]

# MIGRATIONS[n] turns a version-n document into a version-(n+1) document.
MIGRATIONS: dict[int, Callable[[RawDoc], RawDoc]] = {}


def migrate(doc: RawDoc, version: int) -> RawDoc:
    while version < FORMAT_VERSION:
        doc = MIGRATIONS[version](doc)
        version += 1
        doc["format_version"] = version
    return doc
