"""The shipped JSON Schema matches the models; known PySide6 pitfalls stay fixed."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import jsonschema

from cjm_desktop.storage import dumps, load_project
from cjm_desktop.storage.schema import schema_path, schema_text


def test_shipped_schema_matches_models() -> None:
    assert schema_path().read_text(encoding="utf-8") == schema_text(), (
        "resources/schema is stale: run python -m cjm_desktop.storage.schema")


def test_sample_validates_against_schema(sample_file: Path) -> None:
    schema = json.loads(schema_path().read_text(encoding="utf-8"))
    doc = json.loads(dumps(load_project(sample_file)))
    jsonschema.validate(doc, schema)


def test_void_qt_calls_do_not_leak_none(qapp) -> None:
    """PySide6 6.12.0 on Python 3.11 lost a reference to None per void call and aborted."""
    from PySide6.QtWidgets import QGraphicsRectItem

    item = QGraphicsRectItem(0, 0, 10, 10)
    before = sys.getrefcount(None)
    for i in range(100_000):
        item.setPos(i % 7, 0)
        item.setZValue(i % 3)
    after = sys.getrefcount(None)
    assert after >= before - 100
