"""The JSON Schema of .cjm files, generated from the pydantic models.

Run ``python -m cjm_desktop.storage.schema`` after changing the model; a test fails
while the shipped schema and the models disagree.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..model import FORMAT_VERSION, Project
from ..resources import resource_path


def schema_path() -> Path:
    return resource_path("schema", "cjm-project.schema.json")


def project_schema() -> dict[str, Any]:
    schema = Project.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"urn:cjm-desktop:project:v{FORMAT_VERSION}"
    schema["title"] = "cjm-desktop journey map"
    return schema


def schema_text() -> str:
    return json.dumps(project_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


if __name__ == "__main__":
    schema_path().parent.mkdir(parents=True, exist_ok=True)
    schema_path().write_text(schema_text(), encoding="utf-8")
    print(schema_path())
