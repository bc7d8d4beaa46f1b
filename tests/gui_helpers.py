"""Helpers for GUI tests: answer modal dialogs by filling their real widgets."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog

from cjm_desktop.model import Project
from cjm_desktop.storage import dumps
from cjm_desktop.storage.autosave import AutosaveMeta, AutosaveSlot


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


def crash_leftover(project: Project, original: Path | None) -> AutosaveSlot:
    """An autosave left behind by a process that has died, as a crash leaves it."""
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    slot = AutosaveSlot()
    meta = json.loads(AutosaveMeta.describe(slot.session, project, original).to_bytes())
    meta["pid"] = dead.pid
    slot.write(dumps(project), AutosaveMeta(**meta))
    return slot


def change_future_and_compare(window: object, qtbot: object):  # noqa: ANN201 - CompareDialog
    """Make the current journey's future copy better in four ways, then open Compare."""
    from cjm_desktop import commands

    doc = window.document
    find_action(window, "Duplicate as Future Journey").trigger()
    future = doc.journey
    window._push(commands.edit_step(doc, future.steps[3].id, emotion=8))
    window._push(commands.edit_card(doc, future.cards[0].id, text="Books in one tap"))
    window._push(commands.delete_cards(doc, [future.cards[1].id]))
    command, _card = commands.add_card(doc, future.lanes[0].id, future.steps[3].id,
                                       "Doors open 10 min before departure")
    window._push(command)
    find_action(window, "Compare Current vs Future…").trigger()
    dialog = window.method.compare_dialog
    qtbot.waitExposed(dialog)
    return dialog
