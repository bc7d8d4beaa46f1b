"""Synthetic but realistic journey maps for benchmarks and stress tests.

Text lengths follow what workshop rooms write: most cards hold 3 to 12 words, a few
run to a long sentence; some carry tags, an author, votes, accents, arrows or emoji.
The same seed always gives the same map, so timings compare across runs.
"""

from __future__ import annotations

import random

from cjm_desktop.model import (
    Card,
    DesiredOutcome,
    Journey,
    Kpi,
    Lane,
    LaneKind,
    Persona,
    Project,
    Stage,
    Step,
    standard_lanes,
)

_WORDS = (
    "customer ticket app booking price seat train platform staff message confirms waits checks "
    "payment receipt delay refund support chat phone email website account login password form "
    "queue counter desk manager system report invoice order delivery parcel driver route map "
    "schedule update notice reminder survey feedback review rating complaint answer question "
    "cannot finds opens reads compares chooses asks calls books pays scans prints shows sends "
    "slow confusing clear friendly late early cold warm busy quiet new old missing wrong right "
    "väntar på perrongen åker hem snö kö biljett → ✓ 🙂 ☕ Ωmega Привет"
).split()
_STAGES = ("Awareness", "Consideration", "Purchase", "Onboarding", "Use", "Service upkeep", "Return",
           "Leave", "Renewal", "Advocacy")
_TAGS = ("pain point", "idea", "quick win", "IT", "sales", "service", "legal", "data")
_AUTHORS = ("Sales", "Service", "IT", "Backoffice", "Anna", "Jonas", "Priya", "Olle")
_COLOURS = ("#fff176", "#ffcc80", "#f8bbd0", "#c5e1a5", "#b3e5fc", "#d1c4e9", "#e0e0e0")


def _sentence(rng: random.Random, low: int, high: int) -> str:
    # Mostly short notes, with a long tail of full sentences.
    count = min(high, max(low, int(rng.lognormvariate(1.8, 0.5))))
    words = [rng.choice(_WORDS) for _ in range(count)]
    words[0] = words[0].capitalize()
    return " ".join(words)


def make_project(cards: int = 2000, steps: int = 100, lanes: int = 5, seed: int = 0) -> Project:
    """A project with one journey of ``steps`` steps, ``lanes`` lanes and ``cards`` cards."""
    rng = random.Random(seed)
    stage_count = max(1, min(len(_STAGES), round(steps / 8) or 1))
    stages = [Stage(name=_STAGES[i]) for i in range(stage_count)]
    step_list: list[Step] = []
    score = 6
    for index in range(steps):
        score = max(0, min(10, score + rng.choice((-3, -2, -1, 0, 1, 1, 2))))
        kpis = [Kpi(name="NPS", value=str(rng.randint(-40, 70)))] if rng.random() < 0.15 else []
        step_list.append(Step(
            title=_sentence(rng, 2, 7),
            stage_id=stages[min(stage_count - 1, index * stage_count // max(1, steps))].id,
            emotion=score if rng.random() < 0.9 else None,
            emotion_reason=_sentence(rng, 3, 12) if rng.random() < 0.4 else "",
            moment_of_truth=rng.random() < 0.08,
            kpis=kpis,
        ))
    lane_list = standard_lanes()[:lanes]
    for extra in range(max(0, lanes - len(lane_list))):
        lane_list.append(Lane(name=f"Custom lane {extra + 1}", kind=LaneKind.CUSTOM))
    card_list: list[Card] = []
    for index in range(cards):
        step = step_list[index % steps] if steps else None
        if step is None:
            break
        lane = lane_list[rng.randrange(len(lane_list))]
        card_list.append(Card(
            text=_sentence(rng, 1, 40),
            lane_id=lane.id,
            step_id=step.id,
            order=index,
            colour=rng.choice(_COLOURS),
            tags=rng.sample(_TAGS, rng.choice((0, 0, 0, 1, 2))),
            author=rng.choice(_AUTHORS) if rng.random() < 0.3 else "",
            votes=rng.choice((0, 0, 0, 0, 1, 2, 5)),
        ))
    persona = Persona(name="Sam Synthetic", segment="Frequent traveller")
    journey = Journey(name=f"Synthetic journey ({steps} steps, {cards} cards)", persona_id=persona.id,
                      stages=stages, steps=step_list, lanes=lane_list, cards=card_list,
                      impression_words=["Slow", "Friendly", "Confusing"])
    return Project(
        title="Synthetic benchmark map",
        personas=[persona],
        desired_outcome=DesiredOutcome(customer="Get there on time without stress.",
                                       business="Fewer complaints, more repeat customers."),
        journeys=[journey],
    )
