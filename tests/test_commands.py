"""Every command as push → assert → undo → assert restored → redo, on a bare document."""

from __future__ import annotations

from pathlib import Path

import pytest

from cjm_desktop.commands import (
    add_card,
    add_lane,
    add_step,
    delete_cards,
    delete_lane,
    delete_step,
    edit_card,
    edit_step,
    move_cards,
    move_step,
)
from cjm_desktop.document import MapDocument
from cjm_desktop.storage import dumps, load_project


@pytest.fixture
def doc(qapp, sample_file: Path) -> MapDocument:
    return MapDocument(load_project(sample_file), sample_file)


def _snapshot(doc: MapDocument) -> bytes:
    return dumps(doc.project)


def _cycle(doc: MapDocument, command) -> tuple[bytes, bytes]:
    before = _snapshot(doc)
    doc.undo_stack.push(command)
    after = _snapshot(doc)
    assert after != before
    doc.undo_stack.undo()
    assert _snapshot(doc) == before
    doc.undo_stack.redo()
    assert _snapshot(doc) == after
    return before, after


def test_add_card_lands_in_cell_at_index(doc: MapDocument) -> None:
    lane, step = doc.journey.lanes[1], doc.journey.steps[0]
    first_before = doc.journey.cards_in_cell(lane.id, step.id)[0].id
    command, card = add_card(doc, lane.id, step.id, "New idea", index=0)
    _cycle(doc, command)
    cell = doc.journey.cards_in_cell(lane.id, step.id)
    assert [c.id for c in cell][:2] == [card.id, first_before]
    assert doc.undo_stack.undoText().startswith("Add card")
    assert doc.is_dirty


def test_edit_card_text_and_colour(doc: MapDocument) -> None:
    card = doc.journey.cards[0]
    _cycle(doc, edit_card(doc, card.id, text="Changed <&> 🙂", colour="#b3e5fc"))
    assert doc.journey.card(card.id).text == "Changed <&> 🙂"


def test_delete_cards_restores_original_positions(doc: MapDocument) -> None:
    ids = [doc.journey.cards[3].id, doc.journey.cards[10].id]
    order = [c.id for c in doc.journey.cards]
    _cycle(doc, delete_cards(doc, ids))
    assert all(doc.journey.card(i) is None for i in ids)
    doc.undo_stack.undo()
    assert [c.id for c in doc.journey.cards] == order


def test_move_card_to_other_cell(doc: MapDocument) -> None:
    card = doc.journey.cards[0]
    lane, step = doc.journey.lanes[2], doc.journey.steps[4]
    _cycle(doc, move_cards(doc, [card.id], lane.id, step.id, 0))
    moved = doc.journey.card(card.id)
    assert (moved.lane_id, moved.step_id) == (lane.id, step.id)
    assert doc.journey.cards_in_cell(lane.id, step.id)[0].id == card.id


def test_delete_step_takes_cards_and_undo_restores_them(doc: MapDocument) -> None:
    step = doc.journey.steps[3]
    n_cards = len(doc.journey.cards)
    on_step = [c.id for c in doc.journey.cards if c.step_id == step.id]
    assert on_step
    _cycle(doc, delete_step(doc, step.id))
    assert doc.journey.step(step.id) is None
    assert not any(c.step_id == step.id for c in doc.journey.cards)
    doc.undo_stack.undo()
    assert len(doc.journey.cards) == n_cards
    assert doc.journey.steps[3].id == step.id
    assert sorted(c.id for c in doc.journey.cards if c.step_id == step.id) == sorted(on_step)


def test_add_move_step_and_lanes(doc: MapDocument) -> None:
    command, step = add_step(doc, 2, "Check the weather")
    _cycle(doc, command)
    assert doc.journey.steps[2].id == step.id
    _cycle(doc, move_step(doc, step.id, 0))
    assert doc.journey.steps[0].id == step.id
    command, lane = add_lane(doc, "Feelings")
    _cycle(doc, command)
    assert doc.journey.lanes[-1].id == lane.id
    _cycle(doc, delete_lane(doc, doc.journey.lanes[0].id))


def test_emotion_nudges_merge_into_one_undo_step(doc: MapDocument) -> None:
    step = doc.journey.steps[0]
    start = step.emotion
    count = doc.undo_stack.count()
    for score in (6, 5, 4, 3):
        doc.undo_stack.push(edit_step(doc, step.id, "Score step", merge_key=f"emo:{step.id}",
                                      emotion=score))
    assert doc.undo_stack.count() == count + 1
    assert doc.journey.step(step.id).emotion == 3
    doc.undo_stack.undo()
    assert doc.journey.step(step.id).emotion == start


def test_save_marks_clean(doc: MapDocument, tmp_path: Path) -> None:
    doc.undo_stack.push(edit_card(doc, doc.journey.cards[0].id, text="x"))
    assert doc.is_dirty
    doc.mark_saved(tmp_path / "a.cjm")
    assert not doc.is_dirty
    doc.undo_stack.undo()
    assert doc.is_dirty
