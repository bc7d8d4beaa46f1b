"""Choosing what to print: which journey, and optionally one stage of it."""

from __future__ import annotations

from ..model import Journey, Project
from ..translate import tr
from .errors import ExportError

_C = "export.selection"  # translation context of this module

def find_journey(project: Project, name_or_id: str | None) -> Journey:
    if not project.journeys:
        raise ExportError(tr(_C, "The map has no journeys to export: add a journey first"))
    if not name_or_id:
        return project.journeys[0]
    wanted = name_or_id.strip()
    for journey in project.journeys:
        if journey.id == wanted:
            return journey
    matches = [j for j in project.journeys if j.name.strip().casefold() == wanted.casefold()]
    if len(matches) == 1:
        return matches[0]
    names = ", ".join(f"'{j.name}'" for j in project.journeys)
    if matches:
        raise ExportError(f"Several journeys are called '{wanted}': pass its id instead ({names})")
    raise ExportError(f"No journey called '{wanted}' in this map; it has {names}")


def only_stage(journey: Journey, name_or_id: str) -> Journey:
    """A copy of the journey holding only one stage's steps and their cards (one poster per stage)."""
    wanted = name_or_id.strip().casefold()
    stage = next((s for s in journey.stages if s.id == name_or_id or s.name.strip().casefold() == wanted),
                 None)
    if stage is None:
        names = ", ".join(f"'{s.name}'" for s in journey.stages) or "none"
        raise ExportError(f"No stage called '{name_or_id}' in journey '{journey.name}'; stages: {names}")
    steps = [s for s in journey.steps if s.stage_id == stage.id]
    step_ids = {s.id for s in steps}
    return journey.model_copy(update={
        "name": f"{journey.name} — {stage.name}",
        "stages": [stage],
        "steps": steps,
        "cards": [c for c in journey.cards if c.step_id in step_ids],
    })


def require_content(journey: Journey) -> None:
    if not journey.steps:
        raise ExportError(tr(_C, "Journey '{name}' has no steps, so there is nothing to print: "
                             "add steps and cards first").format(name=journey.name))
