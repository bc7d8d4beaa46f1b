"""Pain points and opportunities of a journey, ranked by votes; pure Python, no Qt."""

from __future__ import annotations

from dataclasses import dataclass

from ...model import Journey

PAIN_SCORE = 3  # scores 0–3 are pain points, as the emotion line marks them
PAIN_TAGS = {"pain", "pain point", "painpoint", "pain-point"}
OPPORTUNITY_TAGS = {"opportunity", "idea"}
OPPORTUNITY_LANE = "Opportunities"


@dataclass(frozen=True)
class GapEntry:
    kind: str  # "pain point (score)", "pain point", "opportunity"
    step_id: str
    step_title: str
    text: str
    votes: int
    card_id: str | None  # None for a step's low score
    score: int | None = None  # the step's emotion score, for a low score


def _tagged(tags: list[str], wanted: set[str]) -> bool:
    return any(t.strip().casefold() in wanted for t in tags)


def collect_gaps(journey: Journey) -> list[GapEntry]:
    """Low-scored steps, cards tagged as pain points and opportunity cards, most votes first."""
    titles = {s.id: s.title for s in journey.steps}
    position = {s.id: i for i, s in enumerate(journey.steps)}
    entries: list[GapEntry] = []
    for step in journey.steps:
        if step.emotion is not None and step.emotion <= PAIN_SCORE:
            reason = step.emotion_reason  # empty: the panel says "low emotion score"
            entries.append(GapEntry(f"pain point (score {step.emotion})", step.id, step.title,
                                    reason, 0, None, step.emotion))
    opportunity_lanes = {lane.id for lane in journey.lanes
                         if lane.name.casefold() == OPPORTUNITY_LANE.casefold()}
    for card in journey.cards:
        if card.step_id not in titles:
            continue
        if card.lane_id in opportunity_lanes or _tagged(card.tags, OPPORTUNITY_TAGS):
            kind = "opportunity"
        elif _tagged(card.tags, PAIN_TAGS):
            kind = "pain point"
        elif card.votes > 0:
            kind = "voted card"
        else:
            continue
        entries.append(GapEntry(kind, card.step_id, titles[card.step_id], card.text, card.votes,
                                card.id))
    entries.sort(key=lambda e: (-e.votes, position.get(e.step_id, 0)))
    return entries
