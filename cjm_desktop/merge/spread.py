"""Spread of the participants' emotion scores for one step, for the canvas to draw."""

from __future__ import annotations

from ..model import Step


def emotion_spread(step: Step) -> tuple[int, int, float] | None:
    """(lowest, highest, mean) of the per-participant scores, or None when nobody scored.

    The agreed score (``step.emotion``) is not included: the band shows how far the room
    is apart, the agreed point is drawn on its own.
    """
    scores = list(step.emotion_scores.values())
    if not scores:
        return None
    return min(scores), max(scores), sum(scores) / len(scores)
