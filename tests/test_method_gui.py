"""The method's parts driven through the real main window (menus, dialogs, mouse on items)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel

from cjm_desktop.model import JourneyState, Kpi
from cjm_desktop.storage import load_project
from cjm_desktop.ui import messages
from cjm_desktop.ui.main_window import MainWindow
from cjm_desktop.ui.method import questions
from cjm_desktop.ui.method.links import LinkStakeholdersDialog
from cjm_desktop.ui.method.outcome import OutcomeDialog
from cjm_desktop.ui.method.persona import PersonaDialog
from cjm_desktop.ui.method.stakeholder_map import RING_RADII, token_position
from cjm_desktop.ui.method.voting import StartRoundDialog

from .gui_helpers import answer_dialog, change_future_and_compare, find_action


@pytest.fixture
def window(sample_window: MainWindow) -> MainWindow:
    return sample_window


def _action(window: MainWindow, text: str):
    return find_action(window, text)


def _click_item(view, item, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    centre = item.mapToScene(item.boundingRect().center())
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, modifiers,
                     view.mapFromScene(centre))


def test_create_persona_with_picture_undo_and_save(window: MainWindow, monkeypatch,
                                                   tmp_path: Path) -> None:
    picture = tmp_path / "anna.png"
    image = QImage(1200, 900, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.darkCyan)
    assert image.save(str(picture))
    monkeypatch.setattr(questions, "ask_open_file", lambda *_a: picture)

    def fill(dialog: PersonaDialog) -> None:
        dialog.add_button.click()
        dialog.name.setText("Björn <&> 🙂")
        dialog.segment.setText("Commuter, Uppsala")
        dialog.texts["goals"].setPlainText("Get a seat")
        dialog.texts["future_ambitions"].setPlainText("مرحبا — works on the train")
        dialog.picture_button.click()
        dialog.use_for_journey.setChecked(True)

    doc = window.document
    count = len(doc.project.personas)
    answer_dialog(monkeypatch, PersonaDialog, fill)
    _action(window, "Personas…").trigger()
    assert len(doc.project.personas) == count + 1
    persona = doc.project.personas[-1]
    assert persona.name == "Björn <&> 🙂" and persona.goals == "Get a seat"
    assert persona.picture_base64 and len(persona.picture_base64) < 1_000_000
    assert doc.journey.persona_id == persona.id
    assert "Persona: Björn <&> 🙂 — Commuter, Uppsala" in window.method.header_bar.text.text()
    window.act_undo.trigger()
    assert len(doc.project.personas) == count and doc.journey.persona_id != persona.id
    window.act_redo.trigger()
    assert window.save()
    again = load_project(doc.path)
    assert again.persona(again.journeys[0].persona_id).name == "Björn <&> 🙂"


def test_outcome_and_impression_words(window: MainWindow, monkeypatch) -> None:
    def fill(dialog: OutcomeDialog) -> None:
        dialog.customer.setPlainText("Arrive warm 🙂")
        dialog.business.setPlainText("Fewer complaints <&>")
        for edit, word in zip(dialog.words, ["calm", "", "warm"], strict=True):
            edit.setText(word)
        # The row label is a real mnemonic for the first word, not a visible "&".
        labels = [w for w in dialog.findChildren(QLabel) if w.buddy() is dialog.words[0]]
        assert len(labels) == 1 and labels[0].text().startswith("&Impression of “")

    answer_dialog(monkeypatch, OutcomeDialog, fill)
    _action(window, "Desired Outcome & Impression Words…").trigger()
    doc = window.document
    assert doc.project.desired_outcome.customer == "Arrive warm 🙂"
    assert doc.journey.impression_words == ["calm", "warm"]
    header = window.method.header_bar.text.text()
    assert "Customer wants: Arrive warm 🙂" in header and "calm · warm" in header
    assert not window.method.header_bar.isVisible()  # the canvas title block shows it already
    _action(window, "Persona and Outcome Bar").trigger()
    assert window.method.header_bar.isVisible()
    assert window.isWindowModified()
    window.act_undo.trigger()
    assert doc.project.desired_outcome.customer.startswith("Travel to Stockholm")
    assert not window.isWindowModified()


def test_drag_stakeholder_between_rings_and_link_a_card(window: MainWindow, qtbot,
                                                        monkeypatch) -> None:
    _action(window, "Stakeholder Map…").trigger()
    map_window = window.method.stakeholder_window
    qtbot.waitExposed(map_window)
    doc = window.document
    stakeholder = next(s for s in doc.project.stakeholders if s.ring == 3)
    token = map_window.scene.tokens[stakeholder.id]
    view = map_window.view
    start = view.mapFromScene(token.pos())
    target_scene = token_position(1, 90.0)  # straight up, into the inner ring
    target = view.mapFromScene(target_scene)
    QTest.mousePress(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     start)
    for step in range(1, 11):
        point = start + (target - start) * step / 10
        QTest.mouseMove(view.viewport(), QPoint(int(point.x()), int(point.y())))
    QTest.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier, target)
    assert stakeholder.ring == 1
    assert 60 < stakeholder.angle < 120
    assert window.act_undo.text().startswith("&Undo Move to ring 1")
    qtbot.waitUntil(lambda: f"{stakeholder.name} — ring 1" in [
        map_window.list.item(i).text() for i in range(map_window.list.count())])
    moved = map_window.scene.tokens[stakeholder.id]
    assert (moved.pos() - token_position(1, stakeholder.angle)).manhattanLength() < 1
    assert abs(QPointF(moved.pos()).y()) < RING_RADII[0]
    window.act_undo.trigger()
    assert stakeholder.ring == 3
    window.act_redo.trigger()

    # Link a backoffice card to the stakeholder through the card's menu action.
    backoffice = next(lane for lane in doc.journey.lanes if lane.kind.value == "backoffice")
    card = next(c for c in doc.journey.cards if c.lane_id == backoffice.id)
    window.scene.clearSelection()
    window.scene.cards[card.id].setSelected(True)
    before = list(card.stakeholder_ids)
    answer_dialog(monkeypatch, LinkStakeholdersDialog,
                  lambda d: d.set_checked(stakeholder.id, True))
    assert window.card_context_actions[0].text().replace("&", "") == "Link to Stakeholder…"
    window.card_context_actions[0].trigger()
    assert card.stakeholder_ids == [*before, stakeholder.id] or stakeholder.id in card.stakeholder_ids
    map_window.select(stakeholder.id)
    links = [map_window.links.item(i).text() for i in range(map_window.links.count())]
    assert any(" ".join(card.text.split())[:40] in text for text in links)
    window.act_undo.trigger()
    assert card.stakeholder_ids == before


def test_stakeholder_map_exports_a_pdf_page(window: MainWindow, qtbot, monkeypatch,
                                            tmp_path: Path) -> None:
    target = tmp_path / "stakeholders ☔.pdf"
    monkeypatch.setattr(questions, "ask_save_file", lambda *_a: target)
    map_window = window.method.show_stakeholder_map()
    map_window.export_button.click()
    data = target.read_bytes()
    assert data.startswith(b"%PDF") and data.count(b"/Type /Page") >= 1
    assert not target.with_name(target.name + ".part").exists()


def test_long_stakeholder_descriptions_continue_on_a_new_page(window: MainWindow, qtbot,
                                                               monkeypatch, tmp_path: Path) -> None:
    doc = window.document
    long_text = "Weekly check-ins <&> 🙂 " * 300  # far more than one page holds
    for stakeholder in doc.project.stakeholders:
        stakeholder.we_do_for_them = long_text
    target = tmp_path / "long.pdf"
    monkeypatch.setattr(questions, "ask_save_file", lambda *_a: target)
    map_window = window.method.show_stakeholder_map()
    token = next(iter(map_window.scene.tokens.values()))
    token.setSelected(True)
    map_window.export_button.click()
    data = target.read_bytes()
    pages = data.count(b"/Type /Page\n") + data.count(b"/Type /Page ") + data.count(b"/Type /Page/")
    assert pages >= 2, pages  # wrapped and continued, not cut off at the page edge
    assert token.isSelected()  # the on-screen selection comes back after printing


def test_a_voting_round_ends_when_the_view_leaves_its_journey(window: MainWindow) -> None:
    """Undoing "Duplicate as future" moves the view back; the round was on the other cards."""
    window.method.voting.start(["Anna"], 3)
    _action(window, "Duplicate as Future Journey").trigger()
    assert not window.method.voting.active  # the switch itself ends it
    window.method.voting.start(["Anna"], 3)
    window.act_undo.trigger()
    assert not window.method.voting.active


def test_voting_round_by_clicks(window: MainWindow, qtbot, monkeypatch) -> None:
    doc = window.document
    cards = doc.journey.cards[:3]
    start_votes = {c.id: c.votes for c in doc.journey.cards}

    def fill(dialog: StartRoundDialog) -> None:
        dialog.names.setText("Anna, Ben")
        dialog.votes.setValue(2)

    answer_dialog(monkeypatch, StartRoundDialog, fill)
    _action(window, "Start Voting Round…").trigger()
    assert window.method.voting.active and window.method.opportunities.isVisible()
    view = window.view
    for card in (cards[0], cards[0], cards[1]):
        item = window.scene.cards[card.id]
        view.centerOn(item)
        _click_item(view, item)
        window.scene.flush()
    assert cards[0].votes == start_votes[cards[0].id] + 2  # Anna's two votes
    assert cards[1].votes == start_votes[cards[1].id] + 1  # then Ben's first
    assert window.method.voting.round.participant == "Ben"
    assert not window.scene.selected_card_ids()  # voting clicks do not select
    rows = window.method.opportunities.rows()
    assert rows and int(rows[0][0]) == max(c.votes for c in doc.journey.cards)
    # Shift+click takes Ben's vote back; undo restores it.
    item = window.scene.cards[cards[1].id]
    view.centerOn(item)
    _click_item(view, item, Qt.KeyboardModifier.ShiftModifier)
    assert cards[1].votes == start_votes[cards[1].id]
    window.act_undo.trigger()
    assert cards[1].votes == start_votes[cards[1].id] + 1
    assert window.method.voting.round.used == {"Anna": 2, "Ben": 1}
    _action(window, "Reset Votes").trigger()
    assert all(c.votes == 0 for c in doc.journey.cards)
    window.act_undo.trigger()
    assert cards[0].votes == start_votes[cards[0].id] + 2
    _action(window, "End Voting Round").trigger()
    assert not window.method.voting.active
    item = window.scene.cards[cards[2].id]
    view.centerOn(item)
    _click_item(view, item)
    assert cards[2].votes == start_votes[cards[2].id]
    assert window.scene.selected_card_ids() == [cards[2].id]


def test_add_opportunity_from_panel(window: MainWindow, monkeypatch) -> None:
    doc = window.document
    window.method.opportunities.show()
    panel = window.method.opportunities
    assert any(kind.startswith("pain point (score") for _v, kind, _s, _t in panel.rows())
    panel.tree.setCurrentItem(panel.tree.topLevelItem(0))
    step_title = panel.tree.topLevelItem(0).text(2)
    monkeypatch.setattr(questions, "ask_text", lambda *_a, **_k: "Heated waiting room 🔥")
    lanes = len(doc.journey.lanes)
    panel.add_button.click()
    card = doc.journey.cards[-1]
    assert card.text == "Heated waiting room 🔥" and card.tags == ["opportunity"]
    assert doc.journey.step(card.step_id).title == step_title
    assert len(doc.journey.lanes) == lanes + 1 and doc.journey.lanes[-1].name == "Opportunities"
    window.act_undo.trigger()
    assert len(doc.journey.lanes) == lanes and card.id not in {c.id for c in doc.journey.cards}


def test_duplicate_as_future_and_compare(window: MainWindow, qtbot) -> None:
    doc = window.document
    current = doc.journey
    # Make the future better: a step scores higher, a card changes, one is added, one removed.
    dialog = change_future_and_compare(window, qtbot)
    future = next(j for j in doc.project.journeys if j is not current)
    assert future.state == JourneyState.FUTURE
    assert len(future.cards) == len(current.cards)  # one removed, one added
    assert {c.id for c in future.cards}.isdisjoint({c.id for c in current.cards})
    current_scores, future_scores = dialog.chart.series()
    assert current_scores == [s.emotion for s in current.steps]
    assert future_scores[3] == 8 and current_scores[3] != 8
    statuses = {(c.status, c.text) for row in dialog.rows for c in row.changes}
    assert ("changed", "Books in one tap") in statuses
    assert ("added", "Doors open 10 min before departure") in statuses
    assert ("removed", current.cards[1].text) in statuses
    assert "1 changed, 1 added, 1 removed" in dialog.summary.text()
    assert not dialog.chart.grab().isNull()
    # Undo the duplication: back on the current journey, the future one is gone.
    while window.act_undo.isEnabled():
        window.act_undo.trigger()
    assert doc.journey is current and len(doc.project.journeys) == 1


def test_new_journey_and_switch(window: MainWindow, monkeypatch) -> None:
    doc = window.document
    first = doc.journey
    monkeypatch.setattr(questions, "ask_choice", lambda *_a: 1)  # employee
    monkeypatch.setattr(questions, "ask_text", lambda *_a, **_k: "Train host's shift")
    _action(window, "New Journey…").trigger()
    assert doc.journey.name == "Train host's shift" and doc.journey.kind.value == "employee"
    window.method.switch_journey(first.id)
    assert doc.journey is first and set(window.scene.cards) == {c.id for c in first.cards}
    assert "Göteborg" in window.windowTitle()


def test_import_csv_bad_row_imports_nothing(window: MainWindow, monkeypatch,
                                            tmp_path: Path) -> None:
    bad = tmp_path / "plan.csv"
    bad.write_text("journey,step,lane,text,emotion\nPlan,Buy,Actions,Pays,5\n"
                   "Plan,Wait,Actions,Freezes,cold\n", encoding="utf-8")
    errors: list[tuple[str, str]] = []
    monkeypatch.setattr(messages, "show_error", lambda _p, title, text: errors.append((title, text)))
    monkeypatch.setattr(questions, "ask_open_file", lambda *_a: bad)
    doc = window.document
    before = doc.project.model_dump()
    _action(window, "Import CSV…").trigger()
    assert errors and "row 3, column emotion" in errors[0][1]
    assert "Nothing was imported" in errors[0][1]
    assert doc.project.model_dump() == before and doc.undo_stack.count() == 0
    good = tmp_path / "good.csv"
    good.write_text("journey,step,lane,text\nPlan ☔,Buy,Actions,Pays <&>\n", encoding="utf-8")
    monkeypatch.setattr(questions, "ask_open_file", lambda *_a: good)
    _action(window, "Import CSV…").trigger()
    assert doc.journey.name == "Plan ☔" and doc.journey.cards[0].text == "Pays <&>"
    window.act_undo.trigger()
    assert doc.project.model_dump() == before


def test_export_csv_and_new_from_template(window: MainWindow, monkeypatch, tmp_path: Path) -> None:
    target = tmp_path / "out"
    monkeypatch.setattr(questions, "ask_save_file", lambda *_a: target)
    _action(window, "Export CSV…").trigger()
    assert (tmp_path / "out.csv").read_text(encoding="utf-8-sig").startswith("journey,stage,step")
    opened = []
    window.new_window_requested.connect(opened.append)
    monkeypatch.setattr(questions, "ask_choice", lambda *_a: 3)  # employee onboarding
    _action(window, "New From Template…").trigger()
    assert opened and opened[0].project.title == "Employee onboarding"


def test_empty_window_gets_template_and_csv_maps(qtbot, monkeypatch, tmp_path: Path) -> None:
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    monkeypatch.setattr(questions, "ask_choice", lambda *_a: 1)  # ten-step workshop
    _action(win, "New From Template…").trigger()
    assert win.document is not None and len(win.document.journey.steps) == 10
    assert "Persona: Our persona" in win.method.header_bar.text.text()
    assert win.method.voting._scene is win.scene
    # A CSV opened into an untouched window becomes the map itself.
    source = tmp_path / "Workshop prep.csv"
    source.write_text("\ufeffstep;lane;text;emotion\nBuy;Actions;Pays;2\n", encoding="utf-8")
    monkeypatch.setattr(questions, "ask_open_file", lambda *_a: source)
    _action(win, "Import CSV…").trigger()
    assert win.document.project.title == "Workshop prep"
    assert win.method.voting._scene is win.scene
    assert win.method.opportunities.rows()[0][1] == "pain point (score 2)"


def test_persona_picture_that_is_not_a_picture(window: MainWindow, monkeypatch,
                                               tmp_path: Path) -> None:
    fake = tmp_path / "notes.png"
    fake.write_text("not a picture", encoding="utf-8")
    monkeypatch.setattr(questions, "ask_open_file", lambda *_a: fake)
    seen: list[str] = []

    def fill(dialog: PersonaDialog) -> None:
        dialog.picture_button.click()
        seen.append(dialog.error.text())

    answer_dialog(monkeypatch, PersonaDialog, fill)
    _action(window, "Personas…").trigger()
    assert "'notes.png' is not a picture" in seen[0]
    assert window.document.undo_stack.count() == 0


def test_step_kpis_through_the_dialog(window: MainWindow, monkeypatch) -> None:
    from cjm_desktop.ui.method.kpis import KpiDialog

    doc = window.document
    step = doc.journey.steps[1]
    window.scene.clearSelection()
    window.scene.points[step.id].setSelected(True)

    def fill(dialog: KpiDialog) -> None:
        dialog.add_row(Kpi())
        row = dialog.table.rowCount() - 1
        for column, value in enumerate(["Drop-off", "18", "%", "Web analytics <GA>", "2026-10"]):
            dialog.table.item(row, column).setText(value)

    answer_dialog(monkeypatch, KpiDialog, fill)
    _action(window, "Step KPIs…").trigger()
    kpi = step.kpis[-1]
    assert (kpi.name, kpi.value, kpi.unit, kpi.source) == ("Drop-off", "18", "%", "Web analytics <GA>")
    window.scene.flush()
    assert "Drop-off: 18 %" in window.scene.map_layout.steps[1].kpi_text
    window.act_undo.trigger()
    assert all(k.name != "Drop-off" for k in step.kpis)


def test_an_opportunity_never_lands_on_a_step_removed_a_moment_ago(window: MainWindow,
                                                                    monkeypatch) -> None:
    from cjm_desktop import commands
    from cjm_desktop.model import reference_problems

    doc = window.document
    panel = window.method.opportunities
    panel.show()
    panel.refresh()
    row = panel.tree.topLevelItem(0)
    panel.tree.setCurrentItem(row)
    gone = row.data(2, Qt.ItemDataRole.UserRole)
    assert gone
    window._push(commands.delete_step(doc, gone))  # the panel has not refreshed yet
    monkeypatch.setattr(questions, "ask_text", lambda *_a, **_k: "Quiet coach booking")
    panel.ask_and_add()
    added = [c for c in doc.journey.cards if c.text == "Quiet coach booking"]
    assert len(added) == 1 and added[0].step_id != gone
    assert reference_problems(doc.project) == []
