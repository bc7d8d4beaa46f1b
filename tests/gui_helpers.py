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
