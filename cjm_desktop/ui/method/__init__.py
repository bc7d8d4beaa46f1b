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
from .. import messages

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
            self.window.statusBar().showMessage("This map is open read-only", 4000)
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
                messages.show_error(self.window, "No step selected",
                           "Select a step (its emotion point) or a card on it, then try again.")
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
            messages.show_error(self.window, "Select one card",
                       "Select the card (usually backoffice or service delivery work) to link.")
            return
        if not doc.project.stakeholders:
            messages.show_error(self.window, "No stakeholders yet",
                       "Add stakeholders on the stakeholder map (Method → Stakeholder Map…) first.")
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
                       if a.text().replace("&", "") == "Open…"), None)
    template = QAction("New From &Template…", window)
    template.setStatusTip("Start a map from the workshop, lifecycle, onboarding or sample template")
    template.triggered.connect(lambda _c=False: files.new_from_template(tools))
    if new_action is not None:
        window.file_menu.insertAction(new_action, template)
    else:
        window.file_menu.addAction(template)
    csv_menu = QMenu("&CSV", window)
    act(csv_menu, "&Import CSV…", lambda: files.import_csv_file(tools), None,
        "Add steps and cards prepared in a spreadsheet", needs_document=False)
    act(csv_menu, "&Export CSV…", lambda: files.export_csv_file(tools), None,
        "Save every journey's steps and cards as a spreadsheet")
    window.file_menu.insertMenu(window.export_separator, csv_menu)

    method = QMenu("Me&thod", window)
    window.menuBar().insertMenu(window.view_menu.menuAction(), method)
    act(method, "&Personas…", tools.edit_personas, "Ctrl+Shift+P",
        "Who the journey is drawn for: name, picture, goals, frustrations")
    act(method, "Desired &Outcome && Impression Words…", tools.edit_outcome, None,
        "What customer and business want to achieve; three words for the lasting impression")
    act(method, "&Stakeholder Map…", tools.show_stakeholder_map, "Ctrl+Shift+K",
        "Rings of influence around the customer; drag stakeholders between rings")
    act(method, "Step &KPIs…", tools.edit_step_kpis, None,
        "Data points for the selected step: name, value, unit, source, date")
    link = act(method, "&Link to Stakeholder…", tools.link_card, "Ctrl+L",
               "Link the selected card to the stakeholders responsible for it")
    window.card_context_actions = [link]  # type: ignore[attr-defined]
    method.addSeparator()
    panel = tools.opportunities.toggleViewAction()
    panel.setText("Opp&ortunities Panel")
    panel.setShortcut("Ctrl+Shift+O")
    method.addAction(panel)
    act(method, "Start &Voting Round…", tools.start_voting, "Ctrl+Shift+V",
        "Each participant places N dot votes by clicking cards")
    act(method, "&End Voting Round", tools.voting.stop, None, "Clicks on cards select them again")
    act(method, "&Reset Votes", tools.voting.reset_votes, None,
        "Remove every vote on this journey (undoable)")
    method.addSeparator()
    header = tools.header_bar.toggleViewAction()
    header.setText("Persona and Outcome &Bar")
    header.triggered.connect(tools.set_header_wanted)
    method.addAction(header)
    tools.refresh_header()

    menu = QMenu("&Journeys", window)
    window.menuBar().insertMenu(window.view_menu.menuAction(), menu)
    switch = menu.addMenu("&Switch Journey")
    switch.aboutToShow.connect(lambda: journeys.fill_switch_menu(switch, tools))
    act(menu, "&New Journey…", lambda: journeys.new_journey(tools), None,
        "A customer, employee or vendor journey in the same project")
    act(menu, "&Duplicate as Future Journey", lambda: journeys.duplicate_as_future(tools), None,
        "Copy this journey as the start of the ideal future journey")
    act(menu, "&Compare Current vs Future…", lambda: journeys.compare(tools), None,
        "Both emotion lines on one chart and the card changes per step")
    window.method_menu, window.journeys_menu = method, menu  # type: ignore[attr-defined]
    window._update_actions()
