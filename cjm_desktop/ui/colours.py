"""The names of the sticky-note colours, as the user reads them in menus and dialogs."""

from __future__ import annotations

from ..i18n import mark, tr_marked

_C = "ui.colours"  # translation context of this module

_NAMES = {
    "yellow": mark(_C, "Yellow"), "orange": mark(_C, "Orange"), "pink": mark(_C, "Pink"),
    "green": mark(_C, "Green"), "blue": mark(_C, "Blue"), "purple": mark(_C, "Purple"),
    "grey": mark(_C, "Grey"),
}


def colour_name(key: str) -> str:
    """"Yellow" for "yellow" (translated); an unknown key is shown as it is."""
    name = _NAMES.get(key)
    return tr_marked(_C, name) if name else key
