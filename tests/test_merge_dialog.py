"""Merge From… in the GUI: two participants' files into the sample map, a conflict settled
through the dialog's own widgets, and the whole merge undone in one step."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget

from cjm_desktop.document import MapDocument
from cjm_desktop.merge import CONFLICT_TAG, canonical, load_incoming, merge_projects
from cjm_desktop.model import Card
from cjm_desktop.storage import load_project, save_project
from cjm_desktop.ui import merge_dialog
from cjm_desktop.ui.merge_dialog import MergeDialog, merge_from_files, share_my_cards_to_file
from tests.gui_helpers import answer_dialog


@pytest.fixture
def room(tmp_path: Path, sample_file: Path, qtbot) -> tuple[MapDocument, QWidget, dict[str, Path]]:
    sample = load_project(sample_file)
    journey = sample.journeys[0]
    anna, bob = sample.model_copy(deep=True), sample.model_copy(deep=True)
    anna.participant, bob.participant = "Anna", "Bob"
    anna.journeys[0].cards.append(Card(text="Anna: kiosk 🙂 <&>", lane_id=journey.lanes[1].id,
                                       step_id=journey.steps[0].id))
    anna.journeys[0].cards[0].text = "Anna's wording"
    bob.journeys[0].cards[0].text = "Bob's wording"
    bob.journeys[0].steps[3].emotion = 0
    anna.journeys[0].steps[3].emotion = 4
    paths = {"anna": tmp_path / "anna.cjm", "bob": tmp_path / "bob.cjm"}
    save_project(anna, paths["anna"])
    save_project(bob, paths["bob"])
    parent = QWidget()
    qtbot.addWidget(parent)
    return MapDocument(sample), parent, paths


def test_merging_two_files_resolving_a_conflict_and_undoing_in_one_step(room, monkeypatch):
    document, parent, paths = room
    before = canonical(document.project)
    conflicted_id = document.journey.cards[0].id

    def keep_theirs(dialog: MergeDialog) -> None:
        assert "Anna (" in dialog.report_view.toPlainText() and "Bob (" in dialog.report_view.toPlainText()
        assert dialog.conflicts.topLevelItemCount() == 1
        row = dialog.conflicts.topLevelItem(0)
        assert (row.text(0), row.text(1), row.text(2)) == ("Anna's wording", "Bob's wording", "Bob")
        box = dialog.choice_box(0)
        box.setCurrentIndex(box.findText("Keep theirs"))

    shown = answer_dialog(monkeypatch, MergeDialog, keep_theirs)
    changed: list[bool] = []
    document.changed.connect(lambda: changed.append(True))
    assert merge_from_files(parent, document, [paths["anna"], paths["bob"]])
    assert len(shown) == 1 and changed
    journey = document.journey
    assert journey.card(conflicted_id).text == "Bob's wording"
    assert not [c for c in journey.cards if CONFLICT_TAG in c.tags]
    assert "Anna: kiosk 🙂 <&>" in {c.text for c in journey.cards}
    assert journey.steps[3].emotion_scores == {"Anna": 4, "Bob": 0}
    assert document.undo_stack.count() == 1 and document.undo_stack.undoText() == "Merge 2 files"
    assert document.is_dirty

    document.undo_stack.undo()
    assert canonical(document.project) == before
    document.undo_stack.redo()
    assert document.journey.card(conflicted_id).text == "Bob's wording"


def test_keep_both_leaves_both_versions_side_by_side_unmarked(room, monkeypatch):
    document, parent, paths = room
    answer_dialog(monkeypatch, MergeDialog, lambda dialog: None)  # the default is "Keep both"
    assert merge_from_files(parent, document, [paths["anna"], paths["bob"]])
    texts = [c.text for c in document.journey.cards]
    assert "Anna's wording" in texts and "Bob's wording" in texts
    assert not [c for c in document.journey.cards if c.conflict_of or CONFLICT_TAG in c.tags]


def test_files_merged_one_after_another_do_not_undo_each_other(room, monkeypatch):
    document, parent, paths = room
    answer_dialog(monkeypatch, MergeDialog, lambda dialog: None)
    assert merge_from_files(parent, document, [paths["anna"]])
    assert merge_from_files(parent, document, [paths["bob"]])
    texts = {c.text for c in document.journey.cards}
    assert {"Anna's wording", "Bob's wording", "Anna: kiosk 🙂 <&>"} <= texts
    assert document.undo_stack.count() == 2
    assert not merge_from_files(parent, document, [paths["bob"]])  # nothing new the second time
    assert document.undo_stack.count() == 2


def test_removals_apply_only_when_the_box_is_ticked(room, monkeypatch, tmp_path):
    document, parent, _ = room
    carol = document.project.model_copy(deep=True)
    gone = carol.journeys[0].cards.pop(5)
    save_project(carol, tmp_path / "carol.cjm")

    def tick(dialog: MergeDialog) -> None:
        assert "missing from the file, kept" in dialog.report_view.toPlainText()
        dialog.apply_deletions.setChecked(True)
        assert "Removed:" in dialog.report_view.toPlainText()

    answer_dialog(monkeypatch, MergeDialog, tick)
    assert merge_from_files(parent, document, [tmp_path / "carol.cjm"])
    assert document.journey.card(gone.id) is None


def test_a_broken_file_is_named_and_nothing_changes(room, monkeypatch, tmp_path):
    document, parent, paths = room
    broken = tmp_path / "broken.cjm"
    broken.write_text("{oops", encoding="utf-8")
    errors: list[str] = []
    monkeypatch.setattr(merge_dialog.messages, "show_error", lambda _p, _t, text: errors.append(text))
    shown = answer_dialog(monkeypatch, MergeDialog, lambda dialog: None)
    assert not merge_from_files(parent, document, [paths["anna"], broken])
    assert len(errors) == 1 and "broken.cjm" in errors[0] and not shown
    assert document.undo_stack.count() == 0


def test_cancel_changes_nothing(room, monkeypatch):
    document, parent, paths = room
    before = canonical(document.project)
    answer_dialog(monkeypatch, MergeDialog, lambda dialog: None, accept=False)
    assert not merge_from_files(parent, document, [paths["anna"]])
    assert canonical(document.project) == before and document.undo_stack.count() == 0


def test_the_report_can_be_saved(room, monkeypatch, tmp_path):
    document, parent, paths = room
    target = tmp_path / "report.txt"
    monkeypatch.setattr(merge_dialog.QFileDialog, "getSaveFileName",
                        lambda *args, **kwargs: (str(target), ""))
    answer_dialog(monkeypatch, MergeDialog, lambda dialog: dialog.save_button.click())
    assert merge_from_files(parent, document, [paths["anna"], paths["bob"]])
    text = target.read_text(encoding="utf-8")
    assert "Anna: kiosk 🙂 <&>" in text and "Bob scored 0" in text


def test_a_report_that_cannot_be_written_is_named_as_a_report(room, monkeypatch, tmp_path):
    document, parent, paths = room
    target = tmp_path / "gone" / "report.txt"  # the folder does not exist (USB stick pulled)
    monkeypatch.setattr(merge_dialog.QFileDialog, "getSaveFileName",
                        lambda *args, **kwargs: (str(target), ""))
    errors: list[str] = []
    monkeypatch.setattr(merge_dialog.messages, "show_error", lambda _p, _t, text: errors.append(text))
    answer_dialog(monkeypatch, MergeDialog, lambda dialog: dialog.save_button.click())
    assert merge_from_files(parent, document, [paths["anna"], paths["bob"]])
    assert len(errors) == 1 and str(target) in errors[0]
    assert "the report could not be saved: its folder is no longer there" in errors[0]
    assert "map could not" not in errors[0] and not target.exists()


def test_share_my_cards_from_the_window_writes_a_delta_the_facilitator_can_merge(
        room, monkeypatch, tmp_path, sample_file):
    document, parent, paths = room
    mine = MapDocument(load_project(paths["anna"]))
    target = tmp_path / "anna-cards.cjm"
    monkeypatch.setattr(merge_dialog.QFileDialog, "getOpenFileName", lambda *a, **k: (str(sample_file), ""))
    monkeypatch.setattr(merge_dialog.QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    assert share_my_cards_to_file(parent, mine)
    delta = load_project(target)
    assert delta.delta_of == document.project.id
    assert {c.text for c in delta.journeys[0].cards} == {"Anna: kiosk 🙂 <&>", "Anna's wording"}
    answer_dialog(monkeypatch, MergeDialog, lambda dialog: None)
    assert merge_from_files(parent, document, [target])
    assert "Anna: kiosk 🙂 <&>" in {c.text for c in document.journey.cards}


def test_share_with_a_map_that_is_not_the_received_one_is_refused(room, monkeypatch, tmp_path):
    document, parent, paths = room
    stranger = load_project(paths["anna"])
    stranger.id = "another-map"
    save_project(stranger, tmp_path / "stranger.cjm")
    errors: list[str] = []
    monkeypatch.setattr(merge_dialog.messages, "show_error", lambda _p, _t, text: errors.append(text))
    assert not share_my_cards_to_file(parent, document, tmp_path / "stranger.cjm", tmp_path / "out.cjm")
    assert "stranger.cjm" in errors[0] and "different map ids" in errors[0]
    assert not (tmp_path / "out.cjm").exists()


def test_a_swedish_facilitator_reads_the_merge_in_swedish(room, monkeypatch, tmp_path):
    from cjm_desktop.i18n import install_translator

    document, parent, paths = room
    seen: dict[str, str] = {}

    def read(dialog: MergeDialog) -> None:
        seen["summary"] = dialog.summary.text()
        seen["report"] = dialog.report_view.toPlainText()

    answer_dialog(monkeypatch, MergeDialog, read)
    install_translator("sv")
    try:
        assert merge_from_files(parent, document, [paths["anna"], paths["bob"]])
    finally:
        install_translator("en")
    assert seen["summary"].splitlines()[0].endswith("anna.cjm, hela kartan): 1 tillagd, 1 ändrad, 1 betyg")
    assert seen["summary"].splitlines()[-1] == (
        "1 konflikt att granska (alla versioner finns på kartan)")
    report = seen["report"]
    assert report.startswith("Sammanslagningsrapport – grundkarta:")
    assert "Konflikter:" in report and "båda versionerna ligger sida vid sida" in report
    assert "Bob gav betyget 0" in report and "Anna: kiosk 🙂 <&>" in report
    for english in ("full map", "conflict", "Added", "scored", "card '"):
        assert english not in report, english
    # The command line, which installs no translator, still writes English.
    result = merge_projects(load_project(paths["anna"]), load_incoming([paths["bob"]]))
    assert "full map" in result.report.to_text()


def test_unsaved_edits_here_are_not_overwritten_by_a_participant(qtbot, monkeypatch,
                                                                 tmp_path, sample_file):
    """The facilitator reworded a card before merging; a participant reworded it too."""
    from cjm_desktop.commands import edit_card

    handed_out = tmp_path / "map.cjm"
    handed_out.write_bytes(sample_file.read_bytes())
    participant = load_project(handed_out)
    participant.participant = "Bo"
    participant.journeys[0].cards[0].text = "PARTICIPANT"
    theirs = tmp_path / "bo.cjm"
    save_project(participant, theirs)
    document = MapDocument(load_project(handed_out), handed_out)
    card_id = document.journey.cards[0].id
    document.undo_stack.push(edit_card(document, card_id, text="FACILITATOR"))
    parent = QWidget()
    qtbot.addWidget(parent)
    rows: list[int] = []
    answer_dialog(monkeypatch, MergeDialog,
                  lambda dialog: rows.append(dialog.conflicts.topLevelItemCount()))
    assert merge_from_files(parent, document, [theirs])
    texts = {c.text for c in document.journey.cards}
    assert rows == [1] and {"FACILITATOR", "PARTICIPANT"} <= texts


def test_the_map_as_handed_out_can_be_chosen_as_the_base(qtbot, monkeypatch, tmp_path,
                                                         sample_file):
    """The facilitator saved their own rewording after handing the map out; a participant's
    untouched copy must not look like a change back."""
    from cjm_desktop.commands import edit_card

    handed_out = tmp_path / "handed-out.cjm"
    handed_out.write_bytes(sample_file.read_bytes())
    participant = load_project(handed_out)
    participant.participant = "Bo"
    card_id = participant.journeys[0].cards[0].id
    participant.journeys[0].cards[0].text = "PARTICIPANT"
    theirs = tmp_path / "bo.cjm"
    save_project(participant, theirs)
    working = tmp_path / "working.cjm"
    working.write_bytes(handed_out.read_bytes())
    document = MapDocument(load_project(working), working)
    document.undo_stack.push(edit_card(document, card_id, text="FACILITATOR"))
    save_project(document.project, working)
    document.undo_stack.setClean()
    parent = QWidget()
    qtbot.addWidget(parent)
    seen: list[tuple[str, int]] = []

    def choose_the_handed_out_file(dialog: MergeDialog) -> None:
        seen.append((dialog.base_label.text(), dialog.conflicts.topLevelItemCount()))
        monkeypatch.setattr(merge_dialog.QFileDialog, "getOpenFileName",
                            lambda *a, **k: (str(sample_file.with_name("nope")), ""))
        errors: list[str] = []
        monkeypatch.setattr(merge_dialog.messages, "show_error",
                            lambda _p, _t, text: errors.append(text))
        dialog.base_button.click()  # a file that is not there: told, nothing changes
        assert len(errors) == 1 and dialog.conflicts.topLevelItemCount() == seen[0][1]
        monkeypatch.setattr(merge_dialog.QFileDialog, "getOpenFileName",
                            lambda *a, **k: (str(handed_out), ""))
        dialog.base_button.click()
        seen.append((dialog.base_label.text(), dialog.conflicts.topLevelItemCount()))

    answer_dialog(monkeypatch, MergeDialog, choose_the_handed_out_file)
    assert merge_from_files(parent, document, [theirs])
    assert seen[0][1] == 0  # against the open map, Bo's card looks like his change alone
    assert seen[1] == ("Compared with: handed-out.cjm (as handed out)", 1)
    assert {"FACILITATOR", "PARTICIPANT"} <= {c.text for c in document.journey.cards}
