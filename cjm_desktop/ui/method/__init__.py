"""The rest of the workshop method in the main window: personas, outcome, stakeholders,
opportunities and dot voting, several journeys, KPIs, templates and CSV.

``install_method(window)`` adds the menus, actions and docks; everything else in this
package is reached from there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QMenu

from ...commands import method as cmd
from ...document import MapDocument
from ...i18n import tr
from .. import messages

_C = "ui.method.__init__"  # translation context of this module

if TYPE_CHECKING:
    from ..main_window import MainWindow
    from .compare import CompareDialog
    from .stakeholder_map import StakeholderMapWindow


class MethodTools(QObject):
    """Holds the method's panels and controllers for one window (``window.method``)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        from .header_bar import JourneyHeaderBar
        from .opportunities import OpportunitiesPanel
        from .voting import VotingController

        self.window = window
        self._doc: MapDocument | None = None
        self.stakeholder_window: StakeholderMapWindow | None = None
        self.compare_dialog: CompareDialog | None = None
        self.voting = VotingController(self, lambda: window.document, self.push,
                                       lambda text: window.statusBar().showMessage(text, 10000))
        self.opportunities = OpportunitiesPanel(
            window, lambda: window.document, self.voting, self.push,
            window._current_step_id, lambda card_id: window._select_cards([card_id]))
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.opportunities)
        self.opportunities.hide()
        self.header_bar = JourneyHeaderBar(window)
        window.addDockWidget(Qt.DockWidgetArea.TopDockWidgetArea, self.header_bar)
        self._header_timer = QTimer(self)
        self._header_timer.setSingleShot(True)
        self._header_timer.setInterval(0)
        self._header_timer.timeout.connect(self.refresh_header)
        window.stack.currentChanged.connect(lambda _i: self.document_changed())
        self.document_changed()

    # ----- plumbing -----------------------------------------------------------------
    def push(self, command: object) -> None:
        self.window._push(command)
        self.refresh_header()  # at once, so the header never shows the old persona for a frame

    def document_changed(self) -> None:
        """Follow the window onto a new document (new map, template, CSV import)."""
        doc = self.window.document
        if doc is not self._doc:
            self.voting.stop()
            self._doc = doc
            if doc is not None:
                doc.changed.connect(self._header_timer.start)
                doc.journey_switched.connect(self._header_timer.start)
                doc.journey_switched.connect(self.voting.journey_shown)
            if self.stakeholder_window is not None:
                self.stakeholder_window.close()
                self.stakeholder_window = None
        self.voting.attach(self.window.scene)
        self.opportunities.watch(doc)
        self.refresh_header()

    def refresh_header(self) -> None:
        doc = self.window.document
        self.header_bar.show_document(doc)
        self.header_bar.setVisible(doc is not None and self._header_wanted)
        self.window._update_title()

    # The canvas draws persona and outcome in its own title block; the bar (which adds the
    # persona's picture) is off until the facilitator turns it on.
    _header_wanted = False

    def set_header_wanted(self, wanted: bool) -> None:
        self._header_wanted = wanted
        self.refresh_header()

    def _editable(self) -> MapDocument | None:
        doc = self.window.document
        if doc is None:
            return None
        if doc.read_only:
            self.window.statusBar().showMessage(tr(_C, "This map is open read-only"), 4000)
            return None
        return doc

    # ----- actions --------------------------------------------------------------------
    def edit_personas(self) -> None:
        from .persona import edit_personas

        doc = self._editable()
        if doc is not None:
            command = edit_personas(self.window, doc)
            if command is not None:
                self.push(command)

    def edit_outcome(self) -> None:
        from .outcome import edit_outcome

        doc = self._editable()
        if doc is not None:
            command = edit_outcome(self.window, doc)
            if command is not None:
                self.push(command)

    def show_stakeholder_map(self) -> StakeholderMapWindow | None:
        from .stakeholder_map import StakeholderMapWindow

        doc = self.window.document
        if doc is None:
            return None
        if self.stakeholder_window is None:
            self.stakeholder_window = StakeholderMapWindow(self.window, doc, self.push)
        self.stakeholder_window.refresh()
        self.stakeholder_window.show()
        self.stakeholder_window.raise_()
        return self.stakeholder_window

    def edit_step_kpis(self) -> None:
        from .kpis import KpiDialog

        doc = self._editable()
        step_id = self.window._current_step_id() if doc is not None else None
        step = doc.journey.step(step_id) if doc is not None and step_id else None
        if step is None:
            if doc is not None:
                messages.show_error(self.window, tr(_C, "No step selected"),
                           tr(_C, "Select a step (its emotion point) or a card on it, then try again."))
            return
        dialog = KpiDialog(self.window, step)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            kpis = dialog.kpis()
            if kpis != step.kpis:
                self.push(cmd.set_step_kpis(doc, step.id, kpis))

    def link_card(self) -> None:
        from .links import LinkStakeholdersDialog

        doc = self._editable()
        if doc is None or self.window.scene is None:
            return
        cards = self.window.scene.selected_card_ids()
        card = doc.journey.card(cards[0]) if len(cards) == 1 else None
        if card is None:
            messages.show_error(self.window, tr(_C, "Select one card"),
                       tr(_C, "Select the card (usually backoffice or service delivery work) to link."))
            return
        if not doc.project.stakeholders:
            messages.show_error(self.window, tr(_C, "No stakeholders yet"),
                       tr(_C, "Add stakeholders on the stakeholder map (Method → Stakeholder Map…) first."))
            return
        dialog = LinkStakeholdersDialog(self.window, card, doc.project.stakeholders)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            chosen = dialog.selected_ids()
            if chosen != card.stakeholder_ids:
                self.push(cmd.link_card_stakeholders(doc, card.id, chosen))

    def start_voting(self) -> None:
        if self._editable() is None:
            return
        self.voting.attach(self.window.scene)
        self.opportunities.show()
        self.voting.start_with_dialog(self.window)

    def switch_journey(self, journey_id: str) -> None:
        doc = self.window.document
        if doc is not None:
            self.voting.stop()  # a round belongs to one journey's cards
            cmd.switch_journey(doc, journey_id)
            self.refresh_header()
            self.window.scene.flush()
            self.window.view.fit_map()


def install_method(window: MainWindow) -> None:
    """Add the Method and Journeys menus, the File additions and the docks to ``window``."""
    from . import files, journeys

    tools = MethodTools(window)
    window.method = tools  # type: ignore[attr-defined]
    act = window._action

    new_action = next((a for a in window.file_menu.actions()
                       if a.text() == tr("ui.main_window", "&Open…")), None)
    template = QAction(tr(_C, "New From &Template…"), window)
    template.setStatusTip(tr(_C, "Start a map from the workshop, lifecycle, onboarding or sample template"))
    template.triggered.connect(lambda _c=False: files.new_from_template(tools))
    if new_action is not None:
        window.file_menu.insertAction(new_action, template)
    else:
        window.file_menu.addAction(template)
    csv_menu = QMenu(tr(_C, "&CSV"), window)
    act(csv_menu, tr(_C, "&Import CSV…"), lambda: files.import_csv_file(tools), None,
        tr(_C, "Add steps and cards prepared in a spreadsheet"), needs_document=False)
    act(csv_menu, tr(_C, "&Export CSV…"), lambda: files.export_csv_file(tools), None,
        tr(_C, "Save every journey's steps and cards as a spreadsheet"))
    window.file_menu.insertMenu(window.export_separator, csv_menu)

    method = QMenu(tr(_C, "Meth&od"), window)
    window.menuBar().insertMenu(window.view_menu.menuAction(), method)
    act(method, tr(_C, "&Personas…"), tools.edit_personas, "Ctrl+Shift+P",
        tr(_C, "Who the journey is drawn for: name, picture, goals, frustrations"))
    act(method, tr(_C, "Desired &Outcome && Impression Words…"), tools.edit_outcome, None,
        tr(_C, "What customer and business want to achieve; three words for the lasting impression"))
    act(method, tr(_C, "&Stakeholder Map…"), tools.show_stakeholder_map, "Ctrl+Shift+K",
        tr(_C, "Rings of influence around the customer; drag stakeholders between rings"))
    act(method, tr(_C, "Step &KPIs…"), tools.edit_step_kpis, None,
        tr(_C, "Data points for the selected step: name, value, unit, source, date"))
    link = act(method, tr(_C, "&Link to Stakeholder…"), tools.link_card, "Ctrl+L",
               tr(_C, "Link the selected card to the stakeholders responsible for it"))
    window.card_context_actions = [link]  # type: ignore[attr-defined]
    method.addSeparator()
    panel = tools.opportunities.toggleViewAction()
    panel.setText(tr(_C, "Opportu&nities Panel"))
    panel.setShortcut("Ctrl+Shift+O")
    method.addAction(panel)
    act(method, tr(_C, "Start &Voting Round…"), tools.start_voting, "Ctrl+Shift+V",
        tr(_C, "Each participant places N dot votes by clicking cards"))
    act(method, tr(_C, "&End Voting Round"), tools.voting.stop, None,
        tr(_C, "Clicks on cards select them again"))
    act(method, tr(_C, "&Reset Votes"), tools.voting.reset_votes, None,
        tr(_C, "Remove every vote on this journey (undoable)"))
    method.addSeparator()
    header = tools.header_bar.toggleViewAction()
    header.setText(tr(_C, "Persona and Outcome &Bar"))
    header.triggered.connect(tools.set_header_wanted)
    method.addAction(header)
    tools.refresh_header()

    menu = QMenu(tr(_C, "&Journeys"), window)
    window.menuBar().insertMenu(window.view_menu.menuAction(), menu)
    switch = menu.addMenu(tr(_C, "&Switch Journey"))
    switch.aboutToShow.connect(lambda: journeys.fill_switch_menu(switch, tools))
    act(menu, tr(_C, "&New Journey…"), lambda: journeys.new_journey(tools), None,
        tr(_C, "A customer, employee or vendor journey in the same project"))
    act(menu, tr(_C, "&Duplicate as Future Journey"), lambda: journeys.duplicate_as_future(tools), None,
        tr(_C, "Copy this journey as the start of the ideal future journey"))
    act(menu, tr(_C, "&Compare Current vs Future…"), lambda: journeys.compare(tools), None,
        tr(_C, "Both emotion lines on one chart and the card changes per step"))
    window.method_menu, window.journeys_menu = method, menu  # type: ignore[attr-defined]
    window._update_actions()
