"""Questions the method features put to the user, in one place so tests can answer them.

Like ui/messages.py: a real modal box blocks an offscreen test forever, so tests replace
these functions instead.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QInputDialog, QWidget


def ask_text(parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
    value, ok = QInputDialog.getText(parent, title, label, text=text)
    return value.strip() if ok and value.strip() else None


def ask_choice(parent: QWidget | None, title: str, label: str, choices: list[str],
               current: int = 0) -> int | None:
    """Index of the chosen item, or None when cancelled."""
    value, ok = QInputDialog.getItem(parent, title, label, choices, current, False)
    return choices.index(value) if ok and value in choices else None


def ask_open_file(parent: QWidget | None, title: str, file_filter: str) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, title, "", file_filter)
    return Path(name) if name else None


def ask_save_file(parent: QWidget | None, title: str, suggested: str,
                  file_filter: str) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(parent, title, suggested, file_filter)
    return Path(name) if name else None
