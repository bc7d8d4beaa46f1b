"""Cross-reference checks that pydantic cannot express: ids that must point somewhere."""

from __future__ import annotations

from .entities import Project


def _label(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def reference_problems(project: Project) -> list[str]:
    """Every dangling or duplicated reference, phrased for the person who owns the file."""
    problems: list[str] = []
    persona_ids = {p.id for p in project.personas}
    stakeholder_ids = {s.id for s in project.stakeholders}
    for journey in project.journeys:
        where = f"journey '{_label(journey.name)}'"
        if journey.persona_id is not None and journey.persona_id not in persona_ids:
            problems.append(f"{where} names a persona that does not exist")
        stage_ids = {s.id for s in journey.stages}
        step_ids = [s.id for s in journey.steps]
        lane_ids = [lane.id for lane in journey.lanes]
        if len(set(step_ids)) != len(step_ids):
            problems.append(f"{where} has two steps with the same id")
        if len(set(lane_ids)) != len(lane_ids):
            problems.append(f"{where} has two lanes with the same id")
        card_ids = [c.id for c in journey.cards]
        if len(set(card_ids)) != len(card_ids):
            problems.append(f"{where} has two cards with the same id")
        for step in journey.steps:
            if step.stage_id is not None and step.stage_id not in stage_ids:
                problems.append(
                    f"step '{_label(step.title)}' in {where} points to a stage that does not exist"
                )
        step_set, lane_set = set(step_ids), set(lane_ids)
        for card in journey.cards:
            if card.step_id in step_set and card.lane_id in lane_set and all(
                    sid in stakeholder_ids for sid in card.stakeholder_ids):
                continue  # the common case, checked on every save: no text formatting
            name = f"card '{_label(card.text)}' in {where}"
            if card.step_id not in step_set:
                problems.append(f"{name} points to a step that does not exist")
            if card.lane_id not in lane_set:
                problems.append(f"{name} points to a lane that does not exist")
            for sid in card.stakeholder_ids:
                if sid not in stakeholder_ids:
                    problems.append(f"{name} links to a stakeholder that does not exist")
    return problems
