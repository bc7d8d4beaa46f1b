""""Share my cards": only what a participant added or changed, as a small mergeable map.

Choice of format: a delta is an ordinary, valid .cjm project (same map id) that holds only
the touched objects plus the skeleton they need to be valid and placed right — every stage, step and lane of a
touched journey, the stakeholders and persona its cards and journey refer to — and
is flagged ``"delta_of": <map id>``. Skeleton objects are unchanged copies, so merging them
changes nothing; an object missing from a delta means "not touched", never "deleted"
(deletions are not shared). Any cjm-desktop opens it as a map; ``merge`` reads the flag.
"""

from __future__ import annotations

from typing import Any

from ..model import Journey, Project
from ..storage import ProjectFileError

Obj = Any


def _touched(mine: list[Obj], base: list[Obj]) -> set[str]:
    before = {o.id: o for o in base}
    return {o.id for o in mine if before.get(o.id) != o}


def _journey_delta(mine: Journey, base: Journey | None) -> tuple[Journey | None, set[str], str | None]:
    """The trimmed journey (or None if untouched), stakeholder ids and persona id it needs."""
    if base is None:
        keep = mine.model_copy(deep=True)
        stakeholders = {sid for card in keep.cards for sid in card.stakeholder_ids}
        return keep, stakeholders, keep.persona_id
    cards = _touched(mine.cards, base.cards)
    steps = _touched(mine.steps, base.steps)
    lanes = _touched(mine.lanes, base.lanes)
    stages = _touched(mine.stages, base.stages)
    own_fields = mine.model_dump(exclude={"stages", "steps", "lanes", "cards"})
    base_fields = base.model_dump(exclude={"stages", "steps", "lanes", "cards"})
    if not (cards or steps or lanes or stages) and own_fields == base_fields:
        return None, set(), None
    # Stages, steps and lanes are few and their order matters for placing new ones, so a
    # touched journey carries all of them; cards are the bulk and only touched ones go.
    kept_cards = [c for c in mine.cards if c.id in cards]
    trimmed = mine.model_copy(deep=True, update={"cards": [c.model_copy(deep=True) for c in kept_cards]})
    return trimmed, {sid for c in kept_cards for sid in c.stakeholder_ids}, mine.persona_id


def share_my_cards(mine: Project, base: Project, participant: str = "") -> Project:
    """What ``mine`` added or changed since it was received as ``base``, as a delta map."""
    if mine.id != base.id:
        raise ProjectFileError(
            None,
            "your map is not a copy of the map given as the received one (different map ids)",
            "Give the file you received at the start of the workshop as --base",
        )
    journeys: list[Journey] = []
    stakeholder_ids = _touched(mine.stakeholders, base.stakeholders)
    persona_ids = _touched(mine.personas, base.personas)
    for journey in mine.journeys:
        trimmed, needs_stakeholders, persona = _journey_delta(journey, base.journey(journey.id))
        if trimmed is not None:
            journeys.append(trimmed)
            stakeholder_ids |= needs_stakeholders
            if persona is not None:
                persona_ids.add(persona)
    return mine.model_copy(deep=True, update={
        "journeys": journeys,
        "stakeholders": [s.model_copy(deep=True) for s in mine.stakeholders if s.id in stakeholder_ids],
        "personas": [p.model_copy(deep=True) for p in mine.personas if p.id in persona_ids],
        "participant": participant or mine.participant,
        "delta_of": base.id,
    })


def delta_size(delta: Project) -> dict[str, int]:
    """Counts for the share command's one-line summary."""
    return {
        "journeys": len(delta.journeys),
        "cards": sum(len(j.cards) for j in delta.journeys),
        "steps": sum(len(j.steps) for j in delta.journeys),
        "stakeholders": len(delta.stakeholders),
    }
