"""A comparable form of a project: equal maps give equal text whatever the merge order."""

from __future__ import annotations

import json

from ..model import Project


def canonical(project: Project) -> str:
    """JSON with sorted keys and cards sorted by id.

    Cards are drawn by their ``order`` field, not their place in the list, so their list
    position carries no meaning; steps, lanes, stages and journeys keep their order.
    """
    data = project.model_dump(mode="json")
    for journey in data["journeys"]:
        journey["cards"].sort(key=lambda card: card["id"])
    return json.dumps(data, sort_keys=True, ensure_ascii=False)
