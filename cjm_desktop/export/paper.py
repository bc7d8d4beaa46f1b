"""Paper sizes: ISO A-series by name or a custom WIDTHxHEIGHTmm, in either orientation."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import ExportError

MM = 72 / 25.4  # PDF points per millimetre

ISO_SIZES_MM: dict[str, tuple[float, float]] = {
    "A0": (841, 1189),
    "A1": (594, 841),
    "A2": (420, 594),
    "A3": (297, 420),
    "A4": (210, 297),
}
TILE_SHEETS = ("A4", "A3")
ORIENTATIONS = ("landscape", "portrait")
# PDF viewers and RIPs refuse pages above 200 inches (14,400 pt) per side.
MIN_SIDE_MM = 50.0
MAX_SIDE_MM = 5000.0
_CUSTOM = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*[x×*]\s*(\d+(?:\.\d+)?)\s*(mm)?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Paper:
    name: str
    width_mm: float
    height_mm: float

    @property
    def width_pt(self) -> float:
        return self.width_mm * MM

    @property
    def height_pt(self) -> float:
        return self.height_mm * MM

    @property
    def label(self) -> str:
        size = f"{self.width_mm:g} × {self.height_mm:g} mm"
        return f"{self.name} ({size})" if self.name in ISO_SIZES_MM else size


def _oriented(width: float, height: float, orientation: str | None) -> tuple[float, float]:
    if orientation is None:
        return width, height
    if orientation not in ORIENTATIONS:
        raise ExportError(f"Unknown orientation '{orientation}': use landscape or portrait")
    long_side, short_side = max(width, height), min(width, height)
    return (long_side, short_side) if orientation == "landscape" else (short_side, long_side)


def parse_paper(text: str, orientation: str | None = None) -> Paper:
    """A named size (landscape unless told otherwise) or a custom size taken as written."""
    name = text.strip().upper()
    if name in ISO_SIZES_MM:
        short_side, long_side = ISO_SIZES_MM[name]
        width, height = _oriented(short_side, long_side, orientation or "landscape")
        return Paper(name, width, height)
    match = _CUSTOM.match(text)
    if not match:
        raise ExportError(
            f"Unknown paper size '{text}': use A0, A1, A2, A3, A4 or WIDTHxHEIGHTmm such as 1000x700mm")
    width, height = float(match.group(1)), float(match.group(2))
    for side in (width, height):
        if not MIN_SIDE_MM <= side <= MAX_SIDE_MM:
            raise ExportError(
                f"Paper size '{text}' is out of range: each side must be "
                f"{MIN_SIDE_MM:g} to {MAX_SIDE_MM:g} mm")
    width, height = _oriented(width, height, orientation)
    return Paper("custom", width, height)
