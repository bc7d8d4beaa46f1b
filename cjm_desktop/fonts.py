"""Bundled fonts and text measurement shared by the layout, the canvas and the poster.

Measuring with the real glyph advances of the bundled TrueType fonts (read through
reportlab, which needs no display) keeps line breaks identical on screen and on paper.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .resources import resource_path


@dataclass(frozen=True)
class FontFace:
    name: str
    file: str


REGULAR = FontFace("CJM-Sans", "DejaVuSans.ttf")
BOLD = FontFace("CJM-Sans-Bold", "DejaVuSans-Bold.ttf")
# Tried in order for characters the main face lacks (emoji, rare symbols).
FALLBACKS: tuple[FontFace, ...] = (FontFace("CJM-Symbols", "Symbola.ttf"),)


def font_path(face: FontFace) -> Path:
    return resource_path("fonts", face.file)


def available_fallbacks() -> tuple[FontFace, ...]:
    return tuple(face for face in FALLBACKS if font_path(face).is_file())


@cache
def _ttfont(face: FontFace):  # noqa: ANN202 - reportlab's TTFont has no stubs
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    try:
        return pdfmetrics.getFont(face.name)
    except KeyError:
        font = TTFont(face.name, str(font_path(face)))
        pdfmetrics.registerFont(font)
        return font


@cache
def _widths(face: FontFace) -> tuple[dict[int, float], float]:
    font = _ttfont(face)
    return dict(font.face.charWidths), float(font.face.defaultWidth)


def face_for_char(char: str, base: FontFace = REGULAR) -> FontFace:
    """The first face in the chain that has a real glyph for ``char``."""
    code = ord(char)
    if code in _widths(base)[0] or code < 32:
        return base
    for face in available_fallbacks():
        if code in _widths(face)[0]:
            return face
    return base


def has_glyph(face: FontFace, char: str) -> bool:
    return ord(char) in _widths(face)[0]


def all_faces() -> tuple[FontFace, ...]:
    return (REGULAR, BOLD, *available_fallbacks())


def register_all() -> tuple[str, ...]:
    """Register every bundled face with reportlab; returns their names for embedding checks."""
    return tuple(_ttfont(face).fontName for face in all_faces())


# Characters that only steer rendering (emoji presentation, joiners, bidi marks, tag
# characters); no font draws them, so they are dropped before drawing instead of
# turning into .notdef boxes.
_INVISIBLE = frozenset(
    [*range(0xFE00, 0xFE10), *range(0x200B, 0x2010), *range(0x202A, 0x202F),
     *range(0x2060, 0x2070), 0xFEFF, *range(0xE0000, 0xE0080)]
)
REPLACEMENT = "\ufffd"


def drawable_text(text: str, base: FontFace = REGULAR) -> str:
    """Text as it can be drawn: invisible controls dropped, glyphs no bundled face has replaced.

    The replacement is U+FFFD (a real glyph in the main face), so a character
    outside every font shows up as a visible question mark, never as an empty box.
    """
    out: list[str] = []
    for char in text:
        code = ord(char)
        if code in _INVISIBLE or code < 32 or 0x7F <= code < 0xA0:
            continue
        face = face_for_char(char, base)
        out.append(char if has_glyph(face, char) else REPLACEMENT)
    return "".join(out)


def split_runs(text: str, base: FontFace = REGULAR) -> list[tuple[FontFace, str]]:
    """Cut text into runs that one face can draw, for per-glyph fallback."""
    runs: list[tuple[FontFace, str]] = []
    for char in text:
        face = face_for_char(char, base)
        if runs and runs[-1][0] == face:
            runs[-1] = (face, runs[-1][1] + char)
        else:
            runs.append((face, char))
    return runs


@cache
def _char_width(char: str, base: FontFace) -> float:
    """Advance of one character at size 1, taken from whichever face will draw it."""
    face = face_for_char(char, base)
    widths, default = _widths(face)
    return widths.get(ord(char), default) / 1000.0


def text_width(text: str, size: float, bold: bool = False) -> float:
    base = BOLD if bold else REGULAR
    return sum(_char_width(c, base) for c in text) * size
