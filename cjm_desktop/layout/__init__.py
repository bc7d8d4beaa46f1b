"""Pure geometry of a journey map, used by both the canvas and the poster export."""

from .engine import LayoutStyle, layout_journey
from .geometry import (
    CardBox,
    EmotionChart,
    EmotionPoint,
    LaneBox,
    MapLayout,
    Rect,
    StageBand,
    StepBox,
)
from .text import wrap_text

__all__ = [
    "CardBox",
    "EmotionChart",
    "EmotionPoint",
    "LaneBox",
    "LayoutStyle",
    "MapLayout",
    "Rect",
    "StageBand",
    "StepBox",
    "layout_journey",
    "wrap_text",
]
