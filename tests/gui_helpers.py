"""Helpers for GUI tests: answer modal dialogs by filling their real widgets."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QDialog


def answer_dialog(monkeypatch: pytest.MonkeyPatch, dialog_class: type[QDialog],
                  fill: Callable[[QDialog], None], accept: bool = True) -> list[QDialog]:
    """Make ``dialog_class.exec`` fill the dialog's widgets and accept (or cancel) it."""
    shown: list[QDialog] = []

    def fake_exec(self: QDialog) -> int:
        shown.append(self)
        fill(self)
        return QDialog.DialogCode.Accepted if accept else QDialog.DialogCode.Rejected

    monkeypatch.setattr(dialog_class, "exec", fake_exec)
    return shown


def find_action(window: object, text: str):  # noqa: ANN201 - QAction
    """A window action by its menu text without the '&' mnemonic marks."""
    from PySide6.QtGui import QAction

    for action in window.findChildren(QAction):
        if action.text().replace("&&", "\0").replace("&", "").replace("\0", "&") == text:
            return action
    raise AssertionError(f"no action {text!r}")
