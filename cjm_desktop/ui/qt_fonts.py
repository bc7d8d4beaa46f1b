"""Register the bundled fonts with Qt so the canvas uses the poster's type and fallbacks."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QFont, QFontDatabase

from ..resources import resource_path


@cache
def register_fonts() -> tuple[str, ...]:
    """Load every bundled TTF once; returns the families Qt now knows from them."""
    families: list[str] = []
    for path in sorted(resource_path("fonts").glob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families.extend(QFontDatabase.applicationFontFamilies(font_id))
    return tuple(dict.fromkeys(families))


def map_font(pixel_size: float, bold: bool = False) -> QFont:
    """The map's font at a pixel size; cached, because paint() asks for it many times a frame."""
    return QFont(_map_font(max(1, round(pixel_size)), bold))


@cache
def _map_font(pixel_size: int, bold: bool) -> QFont:
    families = register_fonts()
    main = "DejaVu Sans" if "DejaVu Sans" in families else QFont().family()
    font = QFont(main)
    # Fallback families (emoji, symbols) come after the main one, as on the poster.
    font.setFamilies([main, *[f for f in families if f != main]])
    font.setPixelSize(pixel_size)
    font.setBold(bold)
    # Kerning off and no hinting keep glyph advances equal to the layout's measurements.
    font.setKerning(False)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font
