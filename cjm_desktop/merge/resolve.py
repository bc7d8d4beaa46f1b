"""The facilitator's decision per conflicting card: keep mine, keep theirs, or keep both."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from ..model import Card, Journey, Project
from .engine import CONFLICT_TAG
from .report import Conflict, ConflictKind


class Choice(StrEnum):
    KEEP_BOTH = "both"  # the default: both versions stay, the marks are removed
    KEEP_MINE = "mine"
    KEEP_THEIRS = "theirs"


# Fields a "keep theirs" copies onto the original card; id, position in the list, votes and
# the merge's own bookkeeping stay with the original.
_CONTENT_FIELDS = ("text", "lane_id", "step_id", "order", "colour", "tags", "author", "stakeholder_ids")


def _unmark(card: Card) -> None:
    card.conflict_of = None
    card.merge_note = ""
    card.tags = [t for t in card.tags if t != CONFLICT_TAG]


def _drop(journey: Journey, card_id: str) -> None:
    journey.cards = [c for c in journey.cards if c.id != card_id]


def _apply(journey: Journey, conflict: Conflict, choice: Choice) -> None:
    card = journey.card(conflict.card_id)
    if conflict.kind is ConflictKind.EDITED_BOTH:
        twin = journey.card(conflict.copy_id or "")
        if twin is None or card is None:
            return  # already resolved by hand on the map
        if choice is Choice.KEEP_BOTH:
            _unmark(twin)
            return
        if choice is Choice.KEEP_THEIRS:
            for name in _CONTENT_FIELDS:
                setattr(card, name, getattr(twin, name))
            _unmark(card)
        _drop(journey, twin.id)
        return
    if card is None:
        return
    mine_deleted = conflict.kind is ConflictKind.DELETED_HERE
    delete = choice is (Choice.KEEP_MINE if mine_deleted else Choice.KEEP_THEIRS)
    if delete:
        _drop(journey, card.id)
    else:
        _unmark(card)


def resolve_conflicts(project: Project, conflicts: list[Conflict],
                      choices: Mapping[int, Choice]) -> Project:
    """A copy of ``project`` with each conflict (by its index in ``conflicts``) settled.

    Conflicts without a choice are left as merged: both versions on the map, marked.
    """
    result = project.model_copy(deep=True)
    for index, conflict in enumerate(conflicts):
        choice = choices.get(index)
        journey = result.journey(conflict.journey_id)
        if choice is not None and journey is not None:
            _apply(journey, conflict, choice)
    return result
