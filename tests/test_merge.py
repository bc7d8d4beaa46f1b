"""Each merge rule on small hand-made maps: additions, edits, conflicts, deletions, scores, votes."""

from __future__ import annotations

import time

import pytest

from cjm_desktop.merge import (
    CONFLICT_TAG,
    Choice,
    ConflictKind,
    canonical,
    emotion_spread,
    incoming_from,
    merge_projects,
    resolve_conflicts,
)
from cjm_desktop.model import Card, Step
from cjm_desktop.storage import ProjectFileError, dumps, loads
from tests.merge_helpers import card_ids, copy_of, small_map


def merge(base, *files, **kwargs):
    return merge_projects(base, incoming_from((f, f"{f.participant or 'p'}.cjm") for f in files), **kwargs)


def test_cards_added_on_two_laptops_are_all_kept():
    base = small_map()
    anna, bob = copy_of(base, "Anna"), copy_of(base, "Bob")
    j = base.journeys[0]
    anna.journeys[0].cards.append(Card(text="Anna <&> 🙂", lane_id=j.lanes[0].id, step_id=j.steps[0].id))
    bob.journeys[0].cards.append(Card(text="שלום עולם", lane_id=j.lanes[1].id, step_id=j.steps[2].id))
    result = merge(base, anna, bob)
    texts = {c.text for c in result.project.journeys[0].cards}
    assert {"Anna <&> 🙂", "שלום עולם"} <= texts
    assert card_ids(result.project) == card_ids(base) | card_ids(anna) | card_ids(bob)
    assert result.report.files[0].added == ["card 'Anna <&> 🙂'"]
    assert not result.conflicts
    loads(dumps(result.project))  # the merged map is a valid file


def test_an_edit_on_one_side_is_taken_field_by_field():
    base = small_map()
    anna, bob = copy_of(base, "Anna"), copy_of(base, "Bob")
    anna.journeys[0].cards[0].text = "Anna's words"
    bob.journeys[0].cards[0].colour = "#b3e5fc"
    bob.journeys[0].steps[1].title = "Renamed by Bob"
    card = merge(base, anna, bob).project.journeys[0].cards[0]
    assert (card.text, card.colour) == ("Anna's words", "#b3e5fc")
    assert merge(base, anna, bob).project.journeys[0].steps[1].title == "Renamed by Bob"


def test_tags_added_by_two_people_are_united_not_a_conflict():
    base = small_map()
    anna, bob = copy_of(base, "Anna"), copy_of(base, "Bob")
    anna.journeys[0].cards[0].tags = ["pain"]
    bob.journeys[0].cards[0].tags = ["idea"]
    result = merge(base, anna, bob)
    assert result.project.journeys[0].cards[0].tags == ["pain", "idea"]
    assert not result.conflicts


def test_same_card_edited_differently_keeps_both_side_by_side():
    base = small_map()
    anna, bob = copy_of(base, "Anna"), copy_of(base, "Bob")
    anna.journeys[0].cards[2].text = "Anna version"
    bob.journeys[0].cards[2].text = "Bob version"
    result = merge(base, anna, bob)
    journey = result.project.journeys[0]
    original = journey.card(base.journeys[0].cards[2].id)
    assert original is not None and original.text == "Anna version"
    [conflict] = result.conflicts
    assert conflict.kind is ConflictKind.EDITED_BOTH and conflict.participant == "Bob"
    twin = journey.card(conflict.copy_id or "")
    assert twin is not None and twin.text == "Bob version" and twin.conflict_of == original.id
    assert CONFLICT_TAG in twin.tags and "Bob" in twin.merge_note
    assert (twin.lane_id, twin.step_id) == (original.lane_id, original.step_id)  # same cell
    ids = [c.id for c in journey.cards]
    assert ids.index(twin.id) == ids.index(original.id) + 1
    assert "both versions kept" in result.report.to_text()


@pytest.mark.parametrize(("choice", "texts"), [
    (Choice.KEEP_MINE, ["Anna version"]),
    (Choice.KEEP_THEIRS, ["Bob version"]),
    (Choice.KEEP_BOTH, ["Anna version", "Bob version"]),
])
def test_resolving_an_edit_conflict(choice, texts):
    base = small_map()
    anna, bob = copy_of(base, "Anna"), copy_of(base, "Bob")
    anna.journeys[0].cards[2].text = "Anna version"
    bob.journeys[0].cards[2].text = "Bob version"
    result = merge(base, anna, bob)
    fixed = resolve_conflicts(result.project, result.conflicts, {0: choice})
    where = base.journeys[0].cards[2]
    cell = fixed.journeys[0].cards_in_cell(where.lane_id, where.step_id)
    assert [c.text for c in cell if "version" in c.text] == texts
    assert all(CONFLICT_TAG not in c.tags and c.conflict_of is None for c in fixed.journeys[0].cards)
    assert len(result.project.journeys[0].cards) == 7  # the merge result itself is untouched


def test_deleted_and_untouched_is_deleted_and_reported():
    base = small_map()
    anna = copy_of(base, "Anna")
    gone = anna.journeys[0].cards.pop(4)
    result = merge(base, anna)
    assert gone.id not in card_ids(result.project)
    assert result.report.files[0].removed == ["card 'Card 4'"]


@pytest.mark.parametrize("deleter_first", [True, False])
def test_deleted_on_one_side_edited_on_the_other_is_kept_and_marked(deleter_first):
    base = small_map()
    anna, bob = copy_of(base, "Anna"), copy_of(base, "Bob")
    anna.journeys[0].cards.pop(4)
    bob.journeys[0].cards[4].text = "Bob still needs this"
    files = (anna, bob) if deleter_first else (bob, anna)
    result = merge(base, *files)
    card = result.project.journeys[0].card(base.journeys[0].cards[4].id)
    assert card is not None and card.text == "Bob still needs this"
    assert CONFLICT_TAG in card.tags and card.merge_note
    [conflict] = result.conflicts
    expected = ConflictKind.DELETED_HERE if deleter_first else ConflictKind.DELETED_THERE
    assert conflict.kind is expected
    # Whoever deleted it, "keep mine"/"keep theirs" mean the same thing for the deleted side.
    delete_choice = Choice.KEEP_MINE if deleter_first else Choice.KEEP_THEIRS
    assert card.id not in card_ids(resolve_conflicts(result.project, result.conflicts, {0: delete_choice}))
    kept = resolve_conflicts(result.project, result.conflicts, {0: Choice.KEEP_BOTH})
    assert CONFLICT_TAG not in (kept.journeys[0].card(card.id) or card).tags


def test_a_step_deleted_in_one_file_stays_while_another_file_puts_a_card_on_it():
    base = small_map(cards=0)
    anna, bob = copy_of(base, "Anna"), copy_of(base, "Bob")
    doomed = base.journeys[0].steps[1]
    anna.journeys[0].steps.pop(1)
    bob.journeys[0].cards.append(Card(text="on the step", lane_id=base.journeys[0].lanes[0].id,
                                      step_id=doomed.id))
    for order in ((anna, bob), (bob, anna)):
        result = merge(base, *order)
        assert [s.id for s in result.project.journeys[0].steps] == [s.id for s in base.journeys[0].steps]
        assert "on the step" in {c.text for c in result.project.journeys[0].cards}


def test_a_conflicting_step_title_keeps_the_map_value_and_reports_the_other():
    base = small_map()
    anna, bob = copy_of(base, "Anna"), copy_of(base, "Bob")
    anna.journeys[0].steps[0].title = "Anna's title"
    bob.journeys[0].steps[0].title = "Bob's title"
    result = merge(base, anna, bob)
    assert result.project.journeys[0].steps[0].title == "Anna's title"
    assert any("Bob's title" in line for line in result.report.files[1].conflicts)


def test_emotion_scores_are_kept_per_participant_and_the_agreed_score_stays():
    base = small_map()
    anna, bob, cem = copy_of(base, "Anna"), copy_of(base, "Bob"), copy_of(base, "Cem")
    anna.journeys[0].steps[0].emotion = 2
    bob.journeys[0].steps[0].emotion = 9
    cem.journeys[0].steps[0].emotion = 4
    step = merge(base, anna, bob, cem).project.journeys[0].steps[0]
    assert step.emotion == 5
    assert step.emotion_scores == {"Anna": 2, "Bob": 9, "Cem": 4}
    assert emotion_spread(step) == (2, 9, 5.0)
    assert emotion_spread(Step()) is None


def test_a_new_step_brings_its_score_as_the_participants_score():
    base = small_map()
    anna = copy_of(base, "Anna")
    anna.journeys[0].steps.insert(1, Step(title="Coffee", emotion=8))
    steps = merge(base, anna).project.journeys[0].steps
    assert [s.title for s in steps] == ["Step 0", "Coffee", "Step 1", "Step 2"]
    assert steps[1].emotion_scores == {"Anna": 8}


def test_votes_are_summed_and_never_counted_twice():
    base = small_map()
    base.journeys[0].cards[0].votes = 1
    anna, bob = copy_of(base, "Anna"), copy_of(base, "Bob")
    anna.journeys[0].cards[0].votes = 3
    bob.journeys[0].cards[0].votes = 2
    result = merge(base, anna, bob)
    card = result.project.journeys[0].cards[0]
    assert card.votes == 4 and card.vote_deltas == {"Anna": 2, "Bob": 1}
    again = merge(base, anna, ours=result.project)
    assert again.project.journeys[0].cards[0].votes == 4


def test_votes_removed_by_a_participant_are_reported_not_applied():
    base = small_map()
    base.journeys[0].cards[0].votes = 2
    anna = copy_of(base, "Anna")
    anna.journeys[0].cards[0].votes = 0
    result = merge(base, anna)
    assert result.project.journeys[0].cards[0].votes == 2
    assert "removed 2 votes" in result.report.to_text()


def test_merging_the_same_file_twice_in_one_go_changes_nothing_more():
    base = small_map()
    anna = copy_of(base, "Anna")
    anna.journeys[0].cards[0].votes = 3
    anna.journeys[0].cards.append(Card(text="x", lane_id=base.journeys[0].lanes[0].id,
                                       step_id=base.journeys[0].steps[0].id))
    once = merge(base, anna)
    assert canonical(merge(base, anna, anna).project) == canonical(once.project)
    assert [f.participant for f in merge(base, anna, anna).report.files] == ["Anna", "Anna"]


def test_two_different_files_with_the_same_name_get_distinct_participants():
    base = small_map()
    one, two = copy_of(base), copy_of(base)
    one.journeys[0].steps[0].emotion = 1
    two.journeys[0].steps[0].emotion = 2
    result = merge_projects(base, incoming_from([(one, "a/map.cjm"), (two, "b/map.cjm")]))
    assert result.project.journeys[0].steps[0].emotion_scores == {"map": 1, "map (2)": 2}


def test_a_file_from_another_map_is_refused_with_a_clear_message():
    base = small_map()
    stranger = copy_of(base)
    stranger.id = "another-map"
    with pytest.raises(ProjectFileError, match="not a copy of this map"):
        merge_projects(base, incoming_from([(stranger, "stranger.cjm")]))


def test_journey_added_in_a_file_comes_in_whole():
    base = small_map()
    anna = copy_of(base, "Anna")
    extra = small_map().journeys[0].model_copy(deep=True, update={"id": "new-journey", "name": "Future"})
    anna.journeys.append(extra)
    result = merge(base, anna)
    assert [j.name for j in result.project.journeys] == ["Journey", "Future"]


def test_report_text_names_every_file_and_every_change():
    base = small_map()
    anna, bob = copy_of(base, "Anna"), copy_of(base, "Bob")
    anna.journeys[0].cards.append(Card(text="Anna's idea", lane_id=base.journeys[0].lanes[0].id,
                                       step_id=base.journeys[0].steps[0].id))
    bob.journeys[0].steps[2].emotion = 1
    text = merge(base, anna, bob, base_label="workshop.cjm").report.to_text()
    for expected in ("workshop.cjm", "Anna (Anna.cjm", "Bob (Bob.cjm", "card 'Anna's idea'",
                     "step 'Step 2': Bob scored 1", "No conflicts."):
        assert expected in text


def test_nothing_changes_when_a_file_brings_nothing_new():
    base = small_map()
    result = merge(base, copy_of(base, "Anna"))
    assert canonical(result.project) == canonical(base)
    assert not result.report.changed_anything
    assert "nothing new" in result.report.summary()


def test_a_big_map_merges_quickly():
    base = small_map(cards=3000)
    anna, bob = copy_of(base, "Anna"), copy_of(base, "Bob")
    for i in range(0, 3000, 7):
        anna.journeys[0].cards[i].text += " (Anna)"
        bob.journeys[0].cards[i + 1].votes = 1
    started = time.perf_counter()
    result = merge(base, anna, bob)
    assert time.perf_counter() - started < 5
    assert len(result.project.journeys[0].cards) == 3000


def test_with_deletions_off_a_missing_card_is_kept_and_named_in_the_report():
    base = small_map()
    anna = copy_of(base, "Anna")
    anna.journeys[0].cards.pop(4)
    result = merge(base, anna, apply_deletions=False)
    assert card_ids(result.project) == card_ids(base)
    [line] = result.report.files[0].kept
    assert line == "card 'Card 4': missing from the file, kept (removals are not applied)"


def test_two_different_sortings_of_a_cell_are_not_a_conflict():
    base = small_map()
    anna, bob = copy_of(base, "Anna"), copy_of(base, "Bob")
    anna.journeys[0].cards[0].order = 5
    bob.journeys[0].cards[0].order = 9
    result = merge(base, anna, bob)
    assert not result.conflicts and len(result.project.journeys[0].cards) == len(base.journeys[0].cards)
    assert result.project.journeys[0].cards[0].order == 5
    assert "sorted it differently" in result.report.files[1].kept[0]


def test_votes_never_go_below_zero_after_the_facilitator_lowers_them():
    base = small_map()
    anna = copy_of(base, "Anna")
    anna.journeys[0].cards[0].votes = 3
    first = merge(base, anna).project
    first.journeys[0].cards[0].votes = 0  # the facilitator cleared the dots on the map
    anna.journeys[0].cards[0].votes = 1  # and Anna hands in a newer file with fewer
    assert merge(base, anna, ours=first).project.journeys[0].cards[0].votes == 0


def test_changed_lines_show_the_new_words():
    base = small_map()
    anna = copy_of(base, "Anna")
    anna.journeys[0].cards[1].text = "Platform   was\nfreezing"
    assert merge(base, anna).report.files[0].changed == ["card 'Card 1': text → 'Platform was freezing'"]
