"""Hypothesis: merging never loses a card, is idempotent, and is order-free without conflicts."""

from __future__ import annotations

import os
from collections.abc import Callable

from hypothesis import given, settings
from hypothesis import strategies as st

from cjm_desktop.merge import canonical, incoming_from, merge_projects, share_my_cards
from cjm_desktop.model import CARD_COLOURS, Card, Project, Step
from cjm_desktop.storage import dumps, loads
from tests.merge_helpers import card_ids, copy_of, small_map

# Raise for a deeper search: CJM_MERGE_EXAMPLES=2000 pytest tests/test_merge_properties.py
EXAMPLES = int(os.environ.get("CJM_MERGE_EXAMPLES", "150"))
BASE = small_map(cards=8)
BASE_INDEX = {card.id: i for i, card in enumerate(BASE.journeys[0].cards)}
TEXT = st.one_of(
    st.sampled_from(["<&>", "🙂 → 🚆", "שלום", "Åäö", "", "x" * 300]),
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=20),
)


def participant(data: st.DataObject, name: str, may_touch: Callable[[int], bool],
                deletions: bool = True) -> Project:
    """A copy of BASE after a random workshop session; it only edits base cards that
    ``may_touch`` allows (by index), so two participants can be kept conflict-free."""
    project = copy_of(BASE, name)
    journey = project.journeys[0]
    for _ in range(data.draw(st.integers(0, 8), label="edits")):
        op = data.draw(st.sampled_from(["add", "text", "colour", "vote", "delete", "score",
                                        "step", "tag"]))
        base_cards = [c for c in journey.cards if c.id in BASE_INDEX and may_touch(BASE_INDEX[c.id])]
        if op == "add":
            journey.cards.append(Card(
                text=data.draw(TEXT), lane_id=data.draw(st.sampled_from(journey.lanes)).id,
                step_id=data.draw(st.sampled_from(journey.steps)).id, author=name))
        elif op == "score":
            data.draw(st.sampled_from(journey.steps)).emotion = data.draw(st.integers(0, 10))
        elif op == "step":
            score = data.draw(st.none() | st.integers(0, 10))
            journey.steps.insert(data.draw(st.integers(0, len(journey.steps))),
                                 Step(title=data.draw(TEXT), emotion=score))
        elif base_cards:
            card = data.draw(st.sampled_from(base_cards))
            if op == "text":
                card.text = data.draw(TEXT)
            elif op == "colour":
                card.colour = data.draw(st.sampled_from(sorted(CARD_COLOURS.values())))
            elif op == "vote":
                card.votes += data.draw(st.integers(1, 3))
            elif op == "tag":
                card.tags = [*card.tags, data.draw(st.sampled_from(["pain", "idea", "🙂"]))]
            elif op == "delete" and deletions:
                journey.cards.remove(card)
    return project


def merged(*files: Project, ours: Project | None = None) -> Project:
    return merge_projects(BASE, incoming_from((f, f"{f.participant}.cjm") for f in files), ours=ours).project


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.data())
def test_merging_never_loses_a_card(data):
    anna = participant(data, "Anna", lambda i: True)
    bob = participant(data, "Bob", lambda i: True)
    result = merged(anna, bob)
    kept = card_ids(result)
    base_ids = card_ids(BASE)
    assert (card_ids(anna) | card_ids(bob)) - base_ids <= kept  # everything added
    for card in BASE.journeys[0].cards:
        deleted = any(card.id not in card_ids(f) for f in (anna, bob))
        edited = any(f.journeys[0].card(card.id) not in (None, card) for f in (anna, bob))
        if not deleted or edited:
            assert card.id in kept
    loads(dumps(result))  # and the result is always a valid map file


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.data())
def test_merging_the_same_file_twice_changes_nothing_the_second_time(data):
    anna = participant(data, "Anna", lambda i: True)
    bob = participant(data, "Bob", lambda i: True)
    once = merged(anna, bob)
    assert canonical(merged(bob, ours=once)) == canonical(once)
    assert canonical(merged(anna, bob, anna)) == canonical(once)


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.data())
def test_non_conflicting_merges_give_the_same_map_in_any_order(data):
    anna = participant(data, "Anna", lambda i: i % 2 == 0)
    bob = participant(data, "Bob", lambda i: i % 2 == 1)
    cem = participant(data, "Cem", lambda i: False)
    first = merge_projects(BASE, incoming_from([(anna, "a.cjm"), (bob, "b.cjm"), (cem, "c.cjm")]))
    assert not first.conflicts
    for order in ([cem, bob, anna], [bob, anna, cem]):
        again = merge_projects(BASE, incoming_from((f, f"{f.participant[0].lower()}.cjm") for f in order))
        assert canonical(again.project) == canonical(first.project)


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.data())
def test_sharing_my_cards_merges_like_the_whole_file(data):
    anna = participant(data, "Anna", lambda i: True, deletions=False)
    delta = loads(dumps(share_my_cards(anna, BASE)))  # a valid file on its own
    assert delta.delta_of == BASE.id
    base_cards = {c.id: c for c in BASE.journeys[0].cards}
    for journey in delta.journeys:  # only what Anna added or changed travels
        assert all(base_cards.get(card.id) != card for card in journey.cards)
    assert canonical(merged(delta)) == canonical(merged(anna))


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.data())
def test_the_facilitators_own_additions_survive_any_merge(data):
    facilitator = participant(data, "", lambda i: True)  # the open map moved on, too
    anna = participant(data, "Anna", lambda i: True)
    delta = share_my_cards(participant(data, "Bob", lambda i: True), BASE, "Bob")
    result = merged(anna, delta, ours=facilitator)
    assert card_ids(facilitator) - card_ids(BASE) <= card_ids(result)
    assert (card_ids(anna) | card_ids(delta)) - card_ids(BASE) <= card_ids(result)
    # A delta never removes anything: what the map and Anna's full file both still have stays.
    assert card_ids(facilitator) & card_ids(anna) <= card_ids(result)
    loads(dumps(result))
