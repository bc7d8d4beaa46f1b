"""The export dialog driven through pytest-qt: preview, export in a thread, cancel, errors."""

from __future__ import annotations

from pypdf import PdfReader

from cjm_desktop.storage import load_project


def _dialog(qtbot, sample_file):
    from cjm_desktop.ui.export_dialog import ExportDialog

    project = load_project(sample_file)
    dialog = ExportDialog(None, project, project.journeys[0].id, sample_file)
    qtbot.addWidget(dialog)
    return dialog


def test_preview_and_export_of_the_sample(qtbot, sample_file, tmp_path):
    dialog = _dialog(qtbot, sample_file)
    dialog.show()
    assert not dialog.preview.pixmap().isNull()
    assert "A0" in dialog.info.text() and "pt" in dialog.info.text()
    target = tmp_path / "poster.pdf"
    dialog.target_edit.setText(str(target))
    with qtbot.waitSignal(dialog.exported, timeout=20_000) as blocker:
        qtbot.mouseClick(dialog.export_button, qtbot_button())
    result = blocker.args[0]
    assert result.path == target
    assert len(PdfReader(target).pages) == 1
    qtbot.waitUntil(lambda: not dialog.busy, timeout=5_000)
    assert "Saved poster.pdf" in dialog.status.text()
    assert dialog.export_button.isEnabled()


def qtbot_button():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_tiled_choice_shows_sheet_count_and_writes_pdf(qtbot, sample_file, tmp_path):
    dialog = _dialog(qtbot, sample_file)
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("tiles"))
    dialog.update_preview()
    assert "A4 sheets" in dialog.info.text()
    assert dialog.target_edit.text().endswith(".pdf")
    target = tmp_path / "tiles.pdf"
    dialog.target_edit.setText(str(target))
    with qtbot.waitSignal(dialog.exported, timeout=20_000):
        dialog.start_export()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=5_000)
    assert len(PdfReader(target).pages) > 2


def test_cancel_leaves_existing_file_and_window_usable(qtbot, sample_file, tmp_path):
    dialog = _dialog(qtbot, sample_file)
    target = tmp_path / "poster.pdf"
    target.write_bytes(b"old")
    dialog.target_edit.setText(str(target))
    dialog.start_export()
    assert dialog.busy and dialog.close_button.text() == "Cancel"
    dialog.reject()  # the Cancel button while busy
    qtbot.waitUntil(lambda: not dialog.busy, timeout=20_000)
    text = dialog.status.text()
    # Cancel can land after the last check on a small map; either way nothing half-written remains.
    assert "cancelled" in text or "Saved" in text
    if "cancelled" in text:
        assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["poster.pdf"]


def test_errors_are_shown_in_the_dialog(qtbot, sample_file, tmp_path):
    dialog = _dialog(qtbot, sample_file)
    dialog.target_edit.setText(str(tmp_path / "missing" / "poster.pdf"))
    dialog.start_export()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=20_000)
    assert "does not exist" in dialog.status.text()
    dialog.paper_box.setCurrentIndex(dialog.paper_box.findData("custom"))
    dialog.custom_w.setValue(60)
    dialog.custom_h.setValue(60)
    dialog.update_preview()
    assert "pt" in dialog.info.text()


def test_run_export_dialog_takes_a_document(qtbot, sample_file, monkeypatch):
    from cjm_desktop.document import MapDocument
    from cjm_desktop.ui import export_dialog

    seen = {}

    def fake_exec(self):
        seen["journey"] = self.journey_box.currentData()
        seen["target"] = self.target_edit.text()
        return 0

    monkeypatch.setattr(export_dialog.ExportDialog, "exec", fake_exec)
    document = MapDocument(load_project(sample_file), sample_file)
    assert export_dialog.run_export_dialog(None, document) is None
    assert seen["journey"] == document.journey_id
    assert seen["target"].endswith("rail-journey.pdf")


def test_small_paper_warns_with_choices_found_in_the_dialog(qtbot, sample_file):
    from cjm_desktop.model import Card
    from cjm_desktop.ui.export_dialog import ExportDialog

    project = load_project(sample_file)
    journey = project.journeys[0]
    lane, step = journey.lanes[0], journey.steps[0]
    journey.cards += [Card(text=f"Idea {i} with a few words", lane_id=lane.id, step_id=step.id,
                           order=100 + i) for i in range(300)]
    dialog = ExportDialog(None, project, journey.id, sample_file)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.paper_box.setCurrentIndex(dialog.paper_box.findData("A4"))
    dialog.update_preview()
    info = dialog.info.text()
    assert "too large for A4" in info and "office sheets (tiled)" in info
    assert "--" not in info  # command-line options mean nothing in the window
