"""Merge participants' copies of a map by object id; pure Python, no Qt.

`merge_projects` folds every incoming file into the map; `resolve_conflicts` applies the
facilitator's per-card choices; `share_my_cards` makes a participant's small delta file;
`emotion_spread` summarises per-participant emotion scores for drawing.
"""

from .api import Incoming, MergeResult, check_related, incoming_from, load_incoming, merge_projects
from .canonical import canonical
from .delta import delta_size, share_my_cards
from .engine import CONFLICT_TAG
from .report import Conflict, ConflictKind, FileReport, MergeReport
from .resolve import Choice, resolve_conflicts
from .spread import emotion_spread

__all__ = [
    "CONFLICT_TAG",
    "Choice",
    "Conflict",
    "ConflictKind",
    "FileReport",
    "Incoming",
    "MergeReport",
    "MergeResult",
    "canonical",
    "check_related",
    "delta_size",
    "emotion_spread",
    "incoming_from",
    "load_incoming",
    "merge_projects",
    "resolve_conflicts",
    "share_my_cards",
]
