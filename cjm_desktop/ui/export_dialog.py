"""File → Export…: poster choices, a live page preview, and a cancellable export in a thread."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSize, Qt, QThread, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..export import ExportCancelled, ExportError, ExportOptions, ExportResult, export_to_file, prepare
from ..i18n import format_number, format_size, mark, tr, tr_marked
from ..model import Project

_C = "ui.export_dialog"  # translation context of this module

if TYPE_CHECKING:
    from ..document import MapDocument

PAPERS = ("A0", "A1", "A2", "A3", "A4")
FORMATS = (("pdf", mark(_C, "PDF poster (print shop)")),
           ("tiles", mark(_C, "PDF on office sheets (tiled)")),
           ("png", mark(_C, "PNG image (slides)")), ("svg", mark(_C, "SVG drawing (slides)")))
PREVIEW_SIZE = QSize(560, 400)
TARGET_MIN_WIDTH = 360  # px, the "Save to" path field
# Running export threads, kept alive here rather than by the dialog: Qt aborts the
# process if a QThread object is destroyed while its thread still runs, which would
# happen if the dialog went away mid-export.
_RUNNING: list[tuple[QThread, QObject]] = []


class _ExportWorker(QObject):
    """Runs one export off the GUI thread; reports through queued signals."""

    progress = Signal(float)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, project: Project, target: Path, options: ExportOptions, source_name: str) -> None:
        super().__init__()
        self.project, self.target, self.options, self.source_name = project, target, options, source_name
        self.stop = threading.Event()

    def run(self) -> None:
        try:
            result = export_to_file(self.project, self.target, self.options, self.source_name,
                                    progress=self.progress.emit, cancel=self.stop.is_set)
        except ExportCancelled:
            self.cancelled.emit()
        except ExportError as exc:
            self.failed.emit(exc.message)
        except Exception as exc:  # noqa: BLE001 - a bug must reach the user as a message, not kill the app
            self.failed.emit(tr(_C, "The export failed unexpectedly ({problem}); no file was "
                                "written").format(problem=f"{type(exc).__name__}: {exc}"))
        else:
            self.succeeded.emit(result)


class ExportDialog(QDialog):
    exported = Signal(object)  # ExportResult

    def __init__(self, parent: QWidget | None, project: Project, journey_id: str,
                 source_path: Path | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr(_C, "Export poster"))
        # A snapshot: the room may keep editing while a long export runs.
        self.project = project.model_copy(deep=True)
        self.source_path = source_path
        self.result: ExportResult | None = None
        self._thread: QThread | None = None
        self._worker: _ExportWorker | None = None
        self._build(journey_id)
        self._preview_timer = QTimer(self, singleShot=True, interval=150)
        self._preview_timer.timeout.connect(self.update_preview)
        for signal in (self.journey_box.currentIndexChanged, self.stage_box.currentIndexChanged,
                       self.format_box.currentIndexChanged, self.paper_box.currentIndexChanged,
                       self.orientation_box.currentIndexChanged, self.tile_box.currentIndexChanged,
                       self.custom_w.valueChanged, self.custom_h.valueChanged, self.overlap.valueChanged):
            signal.connect(self._options_changed)
        self._options_changed()
        self.update_preview()

    # ----- widgets -----------------------------------------------------------------------
    def _build(self, journey_id: str) -> None:
        form = QFormLayout()
        self.journey_box = QComboBox()
        for journey in self.project.journeys:
            self.journey_box.addItem(journey.name or tr(_C, "(unnamed journey)"), journey.id)
        self.journey_box.setCurrentIndex(max(0, self.journey_box.findData(journey_id)))
        self.journey_box.currentIndexChanged.connect(self._fill_stages)
        form.addRow(tr(_C, "&Journey:"), self.journey_box)
        self.stage_box = QComboBox()
        form.addRow(tr(_C, "&Stages:"), self.stage_box)
        self._fill_stages()
        self.format_box = QComboBox()
        for key, label in FORMATS:
            self.format_box.addItem(tr_marked(_C, label), key)
        form.addRow(tr(_C, "&Output:"), self.format_box)
        self.paper_box = QComboBox()
        for name in PAPERS:
            self.paper_box.addItem(name, name)
        self.paper_box.addItem(tr(_C, "Custom size"), "custom")
        paper = self.project.settings.paper.upper()
        self.paper_box.setCurrentIndex(max(0, self.paper_box.findData(paper)))
        form.addRow(tr(_C, "&Paper:"), self.paper_box)
        self.custom_w, self.custom_h = QSpinBox(), QSpinBox()
        for box, value in ((self.custom_w, 1000), (self.custom_h, 700)):
            box.setRange(50, 5000)
            box.setSuffix(tr(_C, " mm"))
            box.setValue(value)
        custom = QHBoxLayout()
        custom.addWidget(self.custom_w)
        custom.addWidget(QLabel("×"))
        custom.addWidget(self.custom_h)
        self.custom_row = QWidget()
        self.custom_row.setLayout(custom)
        custom.setContentsMargins(0, 0, 0, 0)
        form.addRow(tr(_C, "Custom size:"), self.custom_row)
        self.orientation_box = QComboBox()
        self.orientation_box.addItem(tr(_C, "Landscape"), "landscape")
        self.orientation_box.addItem(tr(_C, "Portrait"), "portrait")
        if self.project.settings.orientation == "portrait":
            self.orientation_box.setCurrentIndex(1)
        form.addRow(tr(_C, "&Orientation:"), self.orientation_box)
        self.bleed = QDoubleSpinBox()
        self.bleed.setRange(0, 20)
        self.bleed.setSuffix(tr(_C, " mm"))
        self.bleed.setToolTip(tr(_C, "Print shops often ask for 3 mm; the background runs into it"))
        form.addRow(tr(_C, "&Bleed:"), self.bleed)
        self.crop_marks = QCheckBox(tr(_C, "Crop marks"))
        self.cmyk = QCheckBox(tr(_C, "CMYK colours"))
        marks = QHBoxLayout()
        marks.addWidget(self.crop_marks)
        marks.addWidget(self.cmyk)
        form.addRow("", marks)
        self.tile_box = QComboBox()
        self.tile_box.addItem(tr(_C, "A4 sheets"), "A4")
        self.tile_box.addItem(tr(_C, "A3 sheets"), "A3")
        form.addRow(tr(_C, "&Tiles:"), self.tile_box)
        self.overlap = QDoubleSpinBox()
        self.overlap.setRange(0, 40)
        self.overlap.setValue(10)
        self.overlap.setSuffix(tr(_C, " mm"))
        form.addRow(tr(_C, "O&verlap:"), self.overlap)
        self.dpi = QSpinBox()
        self.dpi.setRange(10, 600)
        self.dpi.setValue(150)
        self.dpi.setSuffix(tr(_C, " dpi"))
        form.addRow(tr(_C, "&Resolution:"), self.dpi)

        self.target_edit = QLineEdit()
        # Wide enough for a usual folder and file name; the whole path is always the tooltip.
        self.target_edit.setMinimumWidth(TARGET_MIN_WIDTH)
        self.target_edit.textChanged.connect(lambda text: self.target_edit.setToolTip(
            tr(_C, "The poster is saved as {path}").format(path=text) if text.strip() else ""))
        self.target_edit.setText(str(self._default_target("pdf")))
        browse = QPushButton(tr(_C, "Browse…"))
        browse.clicked.connect(self._browse)
        target_row = QHBoxLayout()
        target_row.addWidget(self.target_edit, 1)
        target_row.addWidget(browse)
        form.addRow(tr(_C, "Save to:"), target_row)

        self.info = QLabel()
        self.info.setWordWrap(True)
        self.info.setTextFormat(Qt.TextFormat.PlainText)  # map names are user text, never markup
        self.preview = QLabel()
        self.preview.setMinimumSize(PREVIEW_SIZE)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setAccessibleName(tr(_C, "Page preview"))
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setVisible(False)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.export_button = QPushButton(tr(_C, "&Export"))
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start_export)
        self.close_button = QPushButton(tr(_C, "Close"))
        self.close_button.clicked.connect(self.reject)

        left = QVBoxLayout()
        left.addLayout(form)
        left.addWidget(self.info)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.preview, 1)
        top = QHBoxLayout()
        top.addLayout(left)
        top.addLayout(right, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.progress, 1)
        buttons.addWidget(self.status, 2)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addLayout(buttons)

    def _fill_stages(self) -> None:
        self.stage_box.blockSignals(True)
        self.stage_box.clear()
        self.stage_box.addItem(tr(_C, "Whole journey"), None)
        journey = self.project.journey(self.journey_box.currentData())
        for stage in journey.stages if journey else []:
            self.stage_box.addItem(tr(_C, "Only “{name}”").format(name=stage.name), stage.id)
        self.stage_box.blockSignals(False)

    def _default_target(self, fmt: str) -> Path:
        suffix = "pdf" if fmt == "tiles" else fmt
        if self.source_path is not None:
            return self.source_path.with_suffix(f".{suffix}")
        safe = "".join(c if c.isalnum() or c in " -_" else "_" for c in self.project.title).strip()
        return Path.home() / f"{safe or tr(_C, 'journey map')}.{suffix}"

    def _browse(self) -> None:
        fmt = self.format_box.currentData()
        pattern = {"png": tr(_C, "PNG image (*.png)"),
                   "svg": tr(_C, "SVG drawing (*.svg)")}.get(fmt, tr(_C, "PDF (*.pdf)"))
        name, _ = QFileDialog.getSaveFileName(self, tr(_C, "Export poster"), self.target_edit.text(), pattern)
        if name:
            self.target_edit.setText(name)

    # ----- options and preview -----------------------------------------------------------
    def options(self) -> ExportOptions:
        fmt = self.format_box.currentData()
        paper = self.paper_box.currentData()
        if paper == "custom":
            paper = f"{self.custom_w.value()}x{self.custom_h.value()}mm"
        return ExportOptions(
            paper=paper, orientation=self.orientation_box.currentData(), bleed_mm=self.bleed.value(),
            crop_marks=self.crop_marks.isChecked(), cmyk=self.cmyk.isChecked(),
            tile=self.tile_box.currentData() if fmt == "tiles" else None,
            overlap_mm=self.overlap.value(), dpi=self.dpi.value(),
            journey=self.journey_box.currentData(), stage=self.stage_box.currentData(),
            format="pdf" if fmt == "tiles" else fmt)

    def _options_changed(self) -> None:
        fmt = self.format_box.currentData()
        self.custom_row.setEnabled(self.paper_box.currentData() == "custom")
        for widget in (self.bleed, self.crop_marks, self.cmyk):
            widget.setEnabled(fmt == "pdf")
        self.tile_box.setEnabled(fmt == "tiles")
        self.overlap.setEnabled(fmt == "tiles")
        self.dpi.setEnabled(fmt == "png")
        current = Path(self.target_edit.text())
        wanted = ".pdf" if fmt == "tiles" else f".{fmt}"
        if current.suffix.lower() != wanted:
            self.target_edit.setText(str(current.with_suffix(wanted)))
        self._preview_timer.start()

    def update_preview(self) -> None:
        """Draw the page small (and the sheet grid when tiling); says what is wrong otherwise."""
        options = self.options()
        try:
            journey, paper, plan = prepare(self.project, options)
        except ExportError as exc:
            self.preview.setPixmap(QPixmap())
            self.preview.setText(exc.message)
            self.info.setText("")
            return
        from ..export.painter import PosterInfo
        from ..export.raster import paint_to_image

        dpi = 72 * min(PREVIEW_SIZE.width() / plan.width, PREVIEW_SIZE.height() / plan.height)
        name = self.source_path.name if self.source_path else tr(_C, "unsaved map")
        # Text under 4 px cannot be read in a thumbnail; bars keep big maps' previews quick.
        image = paint_to_image(plan, self.project, journey, PosterInfo("", name), dpi, greek_px=4.0)
        assert isinstance(image, QImage)
        lines = [tr(_C, "{paper}: card text prints at {size} pt.").format(
            paper=paper.label, size=format_number(plan.card_pt, 1))]
        if options.tile:
            from ..export import plan_tiles

            grid = plan_tiles(options.tile, plan.width, plan.height, options.overlap_mm)
            self._draw_grid(image, grid, dpi / 72)
            lines.append(tr(_C, "%n {sheet} sheet(s) ({rows} × {columns}) plus an assembly "
                            "guide.", n=grid.count).format(
                sheet=grid.sheet.name, rows=tr(_C, "%n row(s)", n=grid.rows),
                columns=tr(_C, "%n column(s)", n=grid.cols)))
        if plan.card_pt < plan.target_card_pt - 0.05:
            # The plan's own warning names command-line options; here the choices are widgets.
            lines.append(tr(_C, "The map is too large for {paper}: card text would print at "
                                "{size} pt (at least {target} pt reads well). Choose a larger "
                                "paper, PDF on office sheets (tiled) with a larger paper, or one "
                                "stage per poster.").format(
                paper=paper.label, size=format_number(plan.card_pt, 1),
                target=format_number(plan.target_card_pt)))
        self.info.setText("\n".join(lines))
        self.preview.setPixmap(QPixmap.fromImage(image))

    @staticmethod
    def _draw_grid(image: QImage, grid: object, scale: float) -> None:
        painter = QPainter(image)
        pen = QPen(QColor("#b3261e"))
        pen.setWidthF(1.0)
        painter.setPen(pen)
        for row in range(grid.rows):  # type: ignore[attr-defined]
            for col in range(grid.cols):  # type: ignore[attr-defined]
                x = col * grid.step_x * scale  # type: ignore[attr-defined]
                y = row * grid.step_y * scale  # type: ignore[attr-defined]
                painter.drawRect(round(x), round(y), round(grid.content_w * scale),  # type: ignore[attr-defined]
                                 round(grid.content_h * scale))  # type: ignore[attr-defined]
        painter.end()

    # ----- export ------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self._thread is not None

    def start_export(self) -> None:
        if self.busy:
            return
        text = self.target_edit.text().strip()
        if not text:
            self._finish_message(tr(_C, "Choose where to save the poster first."), error=True)
            return
        self.status.setText(tr(_C, "Exporting…"))
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.export_button.setEnabled(False)
        self.close_button.setText(tr(_C, "Cancel"))
        source = self.source_path.name if self.source_path else ""
        worker = _ExportWorker(self.project, Path(text).expanduser(), self.options(), source)
        # Python owns both objects (no deleteLater): they are dropped only once finished.
        _RUNNING[:] = [(t, w) for t, w in _RUNNING if not t.isFinished()]
        thread = QThread()
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        # Bound methods of the dialog, not lambdas: Qt then queues the calls to the GUI thread.
        worker.progress.connect(self._on_progress)
        worker.succeeded.connect(self._succeeded)
        worker.failed.connect(self._on_failed)
        worker.cancelled.connect(self._on_cancelled)
        for signal in (worker.succeeded, worker.failed, worker.cancelled):
            signal.connect(thread.quit)
        thread.finished.connect(self._thread_done)
        _RUNNING.append((thread, worker))
        self._thread, self._worker = thread, worker
        thread.start()

    def cancel_export(self) -> None:
        if self._worker is not None:
            self._worker.stop.set()

    def _on_progress(self, fraction: float) -> None:
        self.progress.setValue(round(fraction * 100))

    def _on_failed(self, message: str) -> None:
        self._finish_message(message, error=True)

    def _on_cancelled(self) -> None:
        self._finish_message(tr(_C, "Export cancelled; no file was written."))

    def _succeeded(self, result: ExportResult) -> None:
        self.result = result
        size = format_size(result.size_bytes)
        what = tr(_C, "%n pages", n=result.pages) if result.pages > 1 else result.paper.label
        self._finish_message(tr(_C, "Saved {name} ({what}, {size}).").format(
            name=result.path.name if result.path else "", what=what, size=size))
        self.exported.emit(result)

    def _finish_message(self, text: str, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet("color: #b3261e;" if error else "")

    def _thread_done(self) -> None:
        self._thread = self._worker = None
        self.progress.setVisible(False)
        self.export_button.setEnabled(True)
        self.close_button.setText(tr(_C, "Close"))

    def reject(self) -> None:
        # While exporting, the button (and Esc) means Cancel; the dialog stays to report it.
        if self.busy:
            self.cancel_export()
            return
        super().reject()

    def wait_for_export(self, timeout_ms: int = 30_000) -> None:
        """Cancel a running export and block until its thread has ended (closing, tests)."""
        thread = self._thread
        if thread is not None:
            self.cancel_export()
            thread.wait(timeout_ms)

    def closeEvent(self, event: object) -> None:  # noqa: ANN001
        self.wait_for_export()
        super().closeEvent(event)  # type: ignore[arg-type]


def run_export_dialog(parent: QWidget | None, document: MapDocument) -> ExportResult | None:
    """Open the dialog for a MapDocument's current journey; returns the last export, if any."""
    dialog = ExportDialog(parent, document.project, document.journey_id, document.path)
    dialog.exec()
    return dialog.result


__all__ = ["ExportDialog", "run_export_dialog"]
