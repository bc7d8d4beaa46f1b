"""Journeys menu: switch journey, new journey of a kind, duplicate as future, compare."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QActionGroup
from PySide6.QtWidgets import QMenu

from ...commands import method as cmd
from ...i18n import tr
from ...labels import journey_choice_label, journey_kind_name, journey_kinds
from ...model import JourneyState
from .. import messages
from . import questions
from .compare import CompareDialog

_C = "ui.method.journeys"  # translation context of this module

if TYPE_CHECKING:
    from . import MethodTools



def fill_switch_menu(menu: QMenu, tools: MethodTools) -> None:
    """Rebuilt each time the menu opens: one checkable entry per journey of the project."""
    menu.clear()
    doc = tools.window.document
    if doc is None:
        menu.addAction(tr(_C, "No map open")).setEnabled(False)
        return
    group = QActionGroup(menu)
    for journey in doc.project.journeys:
        label = journey_choice_label(journey.name, journey.kind, journey.state)
        action = menu.addAction(label.replace("&", "&&"))
        action.setCheckable(True)
        action.setChecked(journey.id == doc.journey_id)
        group.addAction(action)
        action.triggered.connect(lambda _c=False, jid=journey.id: tools.switch_journey(jid))


def new_journey(tools: MethodTools) -> None:
    doc = tools.window.document
    if doc is None or doc.read_only:
        return
    kinds = journey_kinds()
    choice = questions.ask_choice(tools.window, tr(_C, "New journey"), tr(_C, "Whose journey?"),
                                  [journey_kind_name(k) for k in kinds])
    if choice is None:
        return
    kind = kinds[choice]
    name = questions.ask_text(tools.window, tr(_C, "New journey"), tr(_C, "Name of the journey:"),
                              journey_kind_name(kind))
    if not name:
        return
    command, _journey = cmd.add_journey(doc, name[:500], kind)
    tools.push(command)


def duplicate_as_future(tools: MethodTools) -> None:
    doc = tools.window.document
    if doc is None or doc.read_only:
        return
    if doc.journey.state == JourneyState.FUTURE:
        messages.show_error(tools.window, tr(_C, "Already a future journey"),
                   tr(_C, "“{name}” is a future journey. Switch to the current journey (Journeys → "
                          "Switch Journey) and duplicate that one.").format(
                           name=doc.journey.name))
        return
    command, journey = cmd.duplicate_as_future(doc)
    tools.push(command)
    tools.window.statusBar().showMessage(
        tr(_C, "Now showing “{name}”: change it into the ideal journey, then use Journeys → Compare "
               "Current vs Future").format(
                name=journey.name), 8000)


def compare(tools: MethodTools) -> CompareDialog | None:
    doc = tools.window.document
    if doc is None:
        return None
    journey = doc.journey
    if journey.state == JourneyState.FUTURE:
        origin = doc.project.journey(getattr(journey, cmd.COPIED_FROM, None) or "")
        current, future = (origin or journey), journey
    else:
        current, future = journey, cmd.future_of(doc.project.journeys, journey)
    if future is None and len(doc.project.journeys) < 2:
        messages.show_error(tools.window, tr(_C, "Nothing to compare"),
                   tr(_C, "This map has one journey. Use Journeys → Duplicate as Future Journey first."))
        return None
    dialog = CompareDialog(tools.window, doc.project, current, future)
    dialog.show()
    tools.compare_dialog = dialog
    return dialog
