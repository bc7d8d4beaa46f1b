"""Current vs future journey, step by step: scores and changed, added and removed cards.

Pure Python (no Qt). Future steps and cards remember what they were copied from
(``copied_from``, set by Duplicate as Future Journey); anything without that link is
matched by step title, and cards by lane name and text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ...commands.method import COPIED_FROM
from ...model import Card, Journey, Step


@dataclass
class CardChange:
    status: str  # "added", "removed", "changed"
    text: str
    lane: str
    before: str = ""  # the current journey's text, for a changed card


@dataclass
class StepComparison:
    title: str
    current: Step | None
    future: Step | None
    changes: list[CardChange] = field(default_factory=list)

    @property
    def status(self) -> str:
        if self.current is None:
            return "added step"
        if self.future is None:
            return "removed step"
        return "changed" if self.changes or self.current.title != self.future.title else "same"


def _origin(obj: object) -> str | None:
    return getattr(obj, COPIED_FROM, None)


def compare_journeys(current: Journey, future: Journey) -> list[StepComparison]:
    """One entry per step in future order; current steps that were dropped come last."""
    current_steps = {s.id: s for s in current.steps}
    by_title = {s.title.casefold(): s for s in current.steps}
    pairs: list[tuple[Step | None, Step | None]] = []
    used: set[str] = set()
    for step in future.steps:
        match = current_steps.get(_origin(step) or "")
        if match is None or match.id in used:
            candidate = by_title.get(step.title.casefold())
            match = candidate if candidate is not None and candidate.id not in used else None
        if match is not None:
            used.add(match.id)
        pairs.append((match, step))
    pairs += [(s, None) for s in current.steps if s.id not in used]
    lanes = {lane.id: lane.name for lane in [*current.lanes, *future.lanes]}
    result: list[StepComparison] = []
    for before, after in pairs:
        title = (after or before).title  # type: ignore[union-attr]
        entry = StepComparison(title, before, after)
        old_cards = [c for c in current.cards if before and c.step_id == before.id]
        new_cards = [c for c in future.cards if after and c.step_id == after.id]
        entry.changes = _card_changes(old_cards, new_cards, current, lanes)
        result.append(entry)
    return result


def _card_changes(old_cards: list[Card], new_cards: list[Card], current: Journey,
                  lanes: dict[str, str]) -> list[CardChange]:
    changes: list[CardChange] = []
    old_by_id = {c.id: c for c in old_cards}
    all_current = {c.id for c in current.cards}
    matched: set[str] = set()
    for card in new_cards:
        origin = _origin(card)
        twin = old_by_id.get(origin or "")
        if twin is None and origin not in all_current:
            twin = next((c for c in old_cards if c.id not in matched and c.text == card.text
                         and lanes.get(c.lane_id) == lanes.get(card.lane_id)), None)
        lane = lanes.get(card.lane_id, "")
        if twin is None:
            changes.append(CardChange("added", card.text, lane))
            continue
        matched.add(twin.id)
        if (twin.text, twin.colour, lanes.get(twin.lane_id), twin.tags) != (
                card.text, card.colour, lane, card.tags):
            changes.append(CardChange("changed", card.text, lane, twin.text))
    changes += [CardChange("removed", c.text, lanes.get(c.lane_id, ""))
                for c in old_cards if c.id not in matched]
    return changes
