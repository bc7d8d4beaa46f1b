"""Colours of the poster, and their conversion for print shops that ask for CMYK."""

from __future__ import annotations

from functools import cache


@cache
def hex_to_rgb(colour: str) -> tuple[float, float, float]:
    value = colour.lstrip("#")
    if len(value) != 6:
        return (0.0, 0.0, 0.0)
    try:
        return tuple(int(value[i:i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]
    except ValueError:
        return (0.0, 0.0, 0.0)


@cache
def rgb_to_cmyk(rgb: tuple[float, float, float]) -> tuple[float, float, float, float]:
    """Naive device conversion with pure black on the K plate.

    Without an ICC profile this is what shops expect from office software: neutral
    greys and black text go to K only, so type stays crisp with no registration fringe.
    """
    r, g, b = rgb
    k = 1 - max(r, g, b)
    if k >= 1 - 1e-9:
        return (0.0, 0.0, 0.0, 1.0)
    if abs(r - g) < 1e-3 and abs(g - b) < 1e-3:
        return (0.0, 0.0, 0.0, k)
    return ((1 - r - k) / (1 - k), (1 - g - k) / (1 - k), (1 - b - k) / (1 - k), k)


def mix(colour: str, other: str, amount: float) -> str:
    """``colour`` moved ``amount`` (0..1) of the way towards ``other``, as #rrggbb."""
    a, b = hex_to_rgb(colour), hex_to_rgb(other)
    parts = (round(255 * (x + (y - x) * amount)) for x, y in zip(a, b, strict=True))
    return "#" + "".join(f"{p:02x}" for p in parts)


# The poster's palette. Text colours keep WCAG 4.5:1 on the backgrounds they sit on.
INK = "#1d2329"
MUTED = "#4a5560"
PAPER = "#fbfaf7"
HEADER = "#1f3a4d"
HEADER_TEXT = "#ffffff"
HEADER_MUTED = "#c9d6df"
RULE = "#c5ccd3"
STAGE_FILLS = ("#dfe9f0", "#e9e4f0")
LANE_FILLS = ("#ffffff", "#f3f4f1")
EMOTION_FILL = "#ffffff"
PAIN_ZONE = "#fbe3e0"
PAIN = "#b3261e"
LINE = "#1f3a4d"
MOMENT = "#8a5a00"
MOMENT_FILL = "#ffc940"
VOTE = "#1f3a4d"
STANDARD_LANE_BARS: dict[str, str] = {
    "actions": "#2e7d32",
    "touchpoints": "#1565c0",
    "service_delivery": "#6a1b9a",
    "backoffice": "#5d4037",
}
CUSTOM_LANE_BAR = "#78909c"
