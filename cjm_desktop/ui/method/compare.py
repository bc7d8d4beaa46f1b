"""Compare current vs future: both emotion lines on one chart, card changes per step."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...i18n import mark, tr, tr_marked
from ...labels import journey_choice_label
from ...model import Journey, JourneyState, Project
from .comparison import StepComparison, compare_journeys

_C = "ui.method.compare"  # translation context of this module

CURRENT_COLOUR = "#7a7a7a"
FUTURE_COLOUR = "#1565c0"
STATUS_COLOURS = {"added": "#2e7d32", "removed": "#c62828", "changed": "#ef6c00"}
# Statuses of steps and cards from comparison.py, as the dialog names them.
STATUS_NAMES = {"added": mark(_C, "added"), "removed": mark(_C, "removed"),
                "changed": mark(_C, "changed"), "same": mark(_C, "same"),
                "added step": mark(_C, "added step"), "removed step": mark(_C, "removed step")}


class EmotionChart(QWidget):
    """Two emotion lines over the compared steps; dashed grey is current, solid blue future."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[StepComparison] = []
        self.setMinimumHeight(240)

    def set_rows(self, rows: list[StepComparison]) -> None:
        self.rows = rows
        self.update()

    def series(self) -> tuple[list[int | None], list[int | None]]:
        """Scores of the current and the future journey, one per compared step."""
        return ([r.current.emotion if r.current else None for r in self.rows],
                [r.future.emotion if r.future else None for r in self.rows])

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        plot = QRectF(self.rect()).adjusted(40, 30, -20, -50)
        painter.setPen(QPen(QColor("#dddddd"), 1))
        for score in (0, 5, 10):
            y = plot.bottom() - plot.height() * score / 10
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(QColor("#555555"))
            painter.drawText(QRectF(0, y - 8, 34, 16), Qt.AlignmentFlag.AlignRight, str(score))
            painter.setPen(QPen(QColor("#dddddd"), 1))
        count = max(1, len(self.rows))
        step_w = plot.width() / count

        def x_at(index: int) -> float:
            return plot.left() + step_w * (index + 0.5)

        current, future = self.series()
        for scores, colour, style in ((current, CURRENT_COLOUR, Qt.PenStyle.DashLine),
                                      (future, FUTURE_COLOUR, Qt.PenStyle.SolidLine)):
            path = QPainterPath()
            started = False
            pen = QPen(QColor(colour), 3, style)
            for index, score in enumerate(scores):
                if score is None:
                    continue
                point = QPointF(x_at(index), plot.bottom() - plot.height() * score / 10)
                if started:
                    path.lineTo(point)
                else:
                    path.moveTo(point)
                    started = True
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(path)
            painter.setBrush(QBrush(QColor(colour)))
            for index, score in enumerate(scores):
                if score is not None:
                    painter.drawEllipse(QPointF(x_at(index), plot.bottom()
                                                - plot.height() * score / 10), 5, 5)
        painter.setPen(QColor("#1b1b1b"))
        small = QFont(self.font())
        small.setPointSizeF(8)
        painter.setFont(small)
        for index, row in enumerate(self.rows):
            painter.drawText(QRectF(x_at(index) - step_w / 2, plot.bottom() + 6, step_w, 40),
                             Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap, row.title)
        painter.setPen(QPen(QColor(CURRENT_COLOUR), 3, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(plot.left(), 12), QPointF(plot.left() + 30, 12))
        painter.setPen(QColor("#1b1b1b"))
        painter.drawText(QPointF(plot.left() + 36, 16), tr(_C, "current"))
        painter.setPen(QPen(QColor(FUTURE_COLOUR), 3))
        painter.drawLine(QPointF(plot.left() + 110, 12), QPointF(plot.left() + 140, 12))
        painter.setPen(QColor("#1b1b1b"))
        painter.drawText(QPointF(plot.left() + 146, 16), tr(_C, "future"))
        painter.end()


class CompareDialog(QDialog):
    """Non-modal: pick the current and the future journey; chart and change list update."""

    def __init__(self, parent: QWidget | None, project: Project, current: Journey,
                 future: Journey | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr(_C, "Compare current and future journey"))
        self.resize(1000, 720)
        self.project = project
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.current_box = QComboBox()
        self.future_box = QComboBox()
        for journey in project.journeys:
            label = journey_choice_label(journey.name, journey.kind, journey.state)
            self.current_box.addItem(label, journey.id)
            self.future_box.addItem(label, journey.id)
        self.current_box.setCurrentIndex(max(0, self.current_box.findData(current.id)))
        fallback = future or next((j for j in project.journeys
                                   if j.state == JourneyState.FUTURE and j.id != current.id), None)
        if fallback is not None:
            self.future_box.setCurrentIndex(max(0, self.future_box.findData(fallback.id)))
        form.addRow(tr(_C, "&Current"), self.current_box)
        form.addRow(tr(_C, "&Future"), self.future_box)
        layout.addLayout(form)
        self.summary = QLabel("")
        layout.addWidget(self.summary)
        splitter = QSplitter(Qt.Orientation.Vertical)
        self.chart = EmotionChart()
        splitter.addWidget(self.chart)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([tr(_C, "Step / change"), tr(_C, "Lane"), tr(_C, "Card")])
        self.tree.setColumnWidth(0, 260)
        self.tree.setColumnWidth(1, 140)
        splitter.addWidget(self.tree)
        layout.addWidget(splitter)
        self.current_box.currentIndexChanged.connect(self.refresh)
        self.future_box.currentIndexChanged.connect(self.refresh)
        self.rows: list[StepComparison] = []
        self.refresh()

    def refresh(self) -> None:
        current = self.project.journey(self.current_box.currentData() or "")
        future = self.project.journey(self.future_box.currentData() or "")
        self.tree.clear()
        if current is None or future is None:
            self.rows = []
            self.chart.set_rows([])
            return
        self.rows = compare_journeys(current, future)
        self.chart.set_rows(self.rows)
        counts = {"added": 0, "removed": 0, "changed": 0}
        for row in self.rows:
            score = (f"{_score(row.current)} → {_score(row.future)}")
            status = tr_marked(_C, STATUS_NAMES.get(row.status, row.status))
            parent = QTreeWidgetItem([f"{row.title}  [{status}]", "",
                                      tr(_C, "emotion {score}").format(score=score)])
            font = parent.font(0)
            font.setBold(True)
            parent.setFont(0, font)
            for change in row.changes:
                counts[change.status] += 1
                text = " ".join(change.text.split())[:200]
                if change.status == "changed":
                    text = f"{' '.join(change.before.split())[:90]} → {text}"
                child = QTreeWidgetItem([tr_marked(_C, STATUS_NAMES.get(change.status,
                                                                        change.status)),
                                         change.lane, text])
                # Colour plus the word itself: colour is never the only signal.
                child.setForeground(0, QColor(STATUS_COLOURS[change.status]))
                parent.addChild(child)
            self.tree.addTopLevelItem(parent)
            parent.setExpanded(bool(row.changes))
        self.summary.setText(tr(_C, "{value} changed, {value2} added, {value3} removed cards across "
                                    "{len} steps").format(
                value=counts['changed'], value2=counts['added'], value3=counts['removed'],
                len=len(self.rows)))


def _score(step: object) -> str:
    emotion = getattr(step, "emotion", None) if step is not None else None
    return "–" if emotion is None else str(emotion)
