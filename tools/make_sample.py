"""Regenerate resources/samples/rail-journey.cjm (run by hand; ids stay stable via uuid5)."""

from __future__ import annotations

import uuid
from pathlib import Path

from cjm_desktop.model import (
    CARD_COLOURS,
    Card,
    DesiredOutcome,
    Journey,
    Kpi,
    Lane,
    LaneKind,
    Persona,
    Project,
    Stage,
    Stakeholder,
    Step,
)
from cjm_desktop.storage import save_project

NS = uuid.UUID("6f1d3c1e-2b7a-4f0e-9a51-0c3b7d2e9f10")


def sid(name: str) -> str:
    return str(uuid.uuid5(NS, name))


STAGES = ["Before the trip", "Travel day", "On board", "Arrival"]
# title, stage index, emotion, reason, moment of truth
STEPS = [
    ("Plan the trip", 0, 7, "Excited about the meeting in Stockholm", False),
    ("Compare trains and prices", 0, 6, "Too many fare types", False),
    ("Buy the ticket", 0, 7, "Quick in the app 🙂", False),
    ("Text: “this is not your ticket”", 1, 2, "Confused: is my ticket valid?", True),
    ("Travel to Göteborg C", 1, 5, "", False),
    ("Wait on the platform", 1, 1, "Freezing on the platform, coach doors locked", True),
    ("Board late and cold", 2, 3, "No seat reservation shown", False),
    ("The journey", 2, 6, "Wi-Fi works, coffee is warm", False),
    ("Arrive in Stockholm", 3, 8, "On time after all → relief", False),
]
LANES = [
    ("Actions", LaneKind.ACTIONS),
    ("Touchpoints", LaneKind.TOUCHPOINTS),
    ("Service delivery", LaneKind.SERVICE_DELIVERY),
    ("Backoffice", LaneKind.BACKOFFICE),
]
Y, OR, P, G, B, U = (CARD_COLOURS[c] for c in ("yellow", "orange", "pink", "green", "blue", "purple"))
# step index -> lane index -> [(text, colour, tags)]
CARDS: dict[int, dict[int, list[tuple[str, str, list[str]]]]] = {
    0: {0: [("Decides to take the train to Stockholm", Y, [])],
        1: [("Colleague's tip over lunch", B, []), ("Journey planner on the web", B, [])],
        2: [("Website and app", G, [])],
        3: [("Timetable data from Trafikverket", U, [])]},
    1: {0: [("Compares fast train, night train and flight", Y, [])],
        1: [("SJ app", B, []), ("Price comparison site", B, [])],
        2: [("Fare engine shows 6 ticket types", G, ["pain point"])],
        3: [("Dynamic pricing rules", U, [])]},
    2: {0: [("Pays 695 kr with card, gets a booking number", Y, [])],
        1: [("App checkout", B, []), ("E-mail receipt", B, [])],
        2: [("Payment provider", G, [])],
        3: [("Ticket issued in the booking system", U, [])]},
    3: {0: [("Reads the text twice: ”Detta är inte din biljett”", Y, ["pain point"])],
        1: [("SMS from an unknown number", B, [])],
        2: [("Automated SMS service", G, [])],
        3: [("Template text never reviewed with customers", U, ["pain point"]),
            ("SMS gateway vendor", U, [])]},
    4: {0: [("Takes the tram to the central station", Y, [])],
        1: [("Västtrafik tram", B, []), ("Departure boards", B, [])],
        2: [("Station staff at the information desk", G, [])]},
    5: {0: [("Waits 25 min in −12 °C; doors stay locked", Y, ["pain point"]),
            ("Asks other travellers what is going on", Y, [])],
        1: [("Platform speakers (inaudible)", B, []), ("Other travellers", B, [])],
        2: [("Train host arrives late to open doors", G, ["pain point"])],
        3: [("Cleaning shift overran; no door release routine", U, ["pain point"])]},
    6: {0: [("Boards, looks for seat 42", Y, [])],
        1: [("Seat display is blank", B, [])],
        2: [("Train host checks tickets", G, [])],
        3: [("Reservation feed to the train delayed", U, [])]},
    7: {0: [("Works on the laptop, buys coffee ☕", Y, [])],
        1: [("On-board Wi-Fi", B, []), ("Café coach", B, [])],
        2: [("Café staff", G, [])]},
    8: {0: [("Steps off at Stockholm C → meeting", Y, [])],
        1: [("Arrival announcement", B, [])],
        2: [("Conductor says goodbye", G, [])],
        3: [("Punctuality report to Trafikverket", U, [])]},
}


def build() -> Project:
    stages = [Stage(id=sid(f"stage:{n}"), name=n) for n in STAGES]
    steps = [
        Step(
            id=sid(f"step:{t}"),
            title=t,
            stage_id=stages[si].id,
            emotion=e,
            emotion_reason=r,
            moment_of_truth=m,
        )
        for t, si, e, r, m in STEPS
    ]
    steps[5].kpis.append(Kpi(id=sid("kpi:complaints"), name="Complaints", value="41", unit="per month"))
    lanes = [Lane(id=sid(f"lane:{n}"), name=n, kind=k) for n, k in LANES]
    stakeholders = [
        Stakeholder(id=sid("sh:host"), name="Train hosts", ring=1,
                    we_do_for_them="Clear routines and tools", they_do_for_us="Welcome travellers"),
        Stakeholder(id=sid("sh:it"), name="Booking IT", ring=2,
                    we_do_for_them="Prioritised backlog", they_do_for_us="Tickets and SMS"),
        Stakeholder(id=sid("sh:tv"), name="Trafikverket", ring=3,
                    we_do_for_them="Punctuality data", they_do_for_us="Timetables and tracks"),
    ]
    cards: list[Card] = []
    for step_index, by_lane in CARDS.items():
        for lane_index, entries in by_lane.items():
            for order, (text, colour, tags) in enumerate(entries):
                cards.append(Card(
                    id=sid(f"card:{step_index}:{lane_index}:{order}"),
                    text=text,
                    lane_id=lanes[lane_index].id,
                    step_id=steps[step_index].id,
                    order=order,
                    colour=colour,
                    tags=tags,
                ))
    for card in cards:
        if "SMS" in card.text and card.lane_id == lanes[3].id:
            card.stakeholder_ids = [stakeholders[1].id]
    persona = Persona(
        id=sid("persona:anna"),
        name="Anna Lindqvist",
        segment="Business traveller, 38, Göteborg",
        goals="Arrive rested and on time for meetings",
        frustrations="Unclear messages, waiting in the cold",
        present_situation="Travels to Stockholm twice a month",
        future_ambitions="Work the whole trip without worrying about the ticket",
    )
    journey = Journey(
        id=sid("journey:rail"),
        name="Göteborg → Stockholm by train",
        persona_id=persona.id,
        stages=stages,
        steps=steps,
        lanes=lanes,
        cards=cards,
        impression_words=["Confusing", "Cold", "Relieved"],
    )
    return Project(
        id=sid("project"),
        title="Rail journey: Göteborg → Stockholm",
        personas=[persona],
        stakeholders=stakeholders,
        desired_outcome=DesiredOutcome(
            customer="Travel to Stockholm calmly, knowing the ticket is valid.",
            business="Fewer complaints and more repeat business travellers.",
        ),
        journeys=[journey],
    )


if __name__ == "__main__":
    out = Path(__file__).resolve().parent.parent / "resources" / "samples" / "rail-journey.cjm"
    save_project(build(), out, backup=False)
    print(out)
