"""Compare current vs future: both emotion lines on one chart, card changes per step."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHeaderView,
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

# Line and status colours for a light and a dark base; each status word reaches 4.5:1 on its base
# (white / #1e1f22), each line 3:1. The chart itself is drawn from the widget's palette.
CURRENT_COLOUR = {"light": "#7a7a7a", "dark": "#a0a0a0"}
FUTURE_COLOUR = {"light": "#1565c0", "dark": "#64b5f6"}
STATUS_COLOURS = {
    "light": {"added": "#2e7d32", "removed": "#c62828", "changed": "#b35000"},
    "dark": {"added": "#81c784", "removed": "#ef9a9a", "changed": "#ffb74d"},
}
STATUS_COLUMN, LANE_COLUMN, CARD_COLUMN = 1, 2, 3
MAX_STEP_COLUMN = 420  # px; longer step titles are elided, their tooltip holds the whole title
# Statuses of steps and cards from comparison.py, as the dialog names them.
STATUS_NAMES = {"added": mark(_C, "added"), "removed": mark(_C, "removed"),
                "changed": mark(_C, "changed"), "same": mark(_C, "same"),
                "added step": mark(_C, "added step"), "removed step": mark(_C, "removed step")}


def palette_shade(palette: QPalette) -> str:
    """"dark" when the palette's base (where the chart and the list are drawn) is dark."""
    return "dark" if palette.color(QPalette.ColorRole.Base).lightness() < 128 else "light"


def status_colour(status: str, palette: QPalette) -> QColor:
    """The colour of a status word on the palette's base (light red/green on a dark one)."""
    return QColor(STATUS_COLOURS[palette_shade(palette)][status])


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

    def colours(self) -> dict[str, QColor]:
        """What the chart is painted with, from the widget's palette (light, dark, projector)."""
        palette = self.palette()
        shade = palette_shade(palette)
        base, text = palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text)
        grid = QColor(palette.color(QPalette.ColorRole.Mid))
        grid.setAlpha(110)
        return {"background": base, "text": text, "grid": grid,
                "current": QColor(CURRENT_COLOUR[shade]), "future": QColor(FUTURE_COLOUR[shade])}

    def paintEvent(self, event: QPaintEvent) -> None:
        colours = self.colours()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), colours["background"])
        plot = QRectF(self.rect()).adjusted(40, 30, -20, -50)
        for score in (0, 5, 10):
            y = plot.bottom() - plot.height() * score / 10
            painter.setPen(QPen(colours["grid"], 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(colours["text"])
            painter.drawText(QRectF(0, y - 8, 34, 16), Qt.AlignmentFlag.AlignRight, str(score))
        count = max(1, len(self.rows))
        step_w = plot.width() / count

        def x_at(index: int) -> float:
            return plot.left() + step_w * (index + 0.5)

        current, future = self.series()
        for scores, colour, style in ((current, colours["current"], Qt.PenStyle.DashLine),
                                      (future, colours["future"], Qt.PenStyle.SolidLine)):
            path = QPainterPath()
            started = False
            pen = QPen(colour, 3, style)
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
            painter.setBrush(QBrush(colour))
            for index, score in enumerate(scores):
                if score is not None:
                    painter.drawEllipse(QPointF(x_at(index), plot.bottom()
                                                - plot.height() * score / 10), 5, 5)
        painter.setPen(colours["text"])
        small = QFont(self.font())
        small.setPointSizeF(8)
        painter.setFont(small)
        for index, row in enumerate(self.rows):
            painter.drawText(QRectF(x_at(index) - step_w / 2, plot.bottom() + 6, step_w, 40),
                             Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap, row.title)
        x = plot.left()
        for label, colour, style in ((tr(_C, "current"), colours["current"], Qt.PenStyle.DashLine),
                                     (tr(_C, "future"), colours["future"], Qt.PenStyle.SolidLine)):
            painter.setPen(QPen(colour, 3, style))
            painter.drawLine(QPointF(x, 12), QPointF(x + 30, 12))
            painter.setPen(colours["text"])
            painter.drawText(QPointF(x + 36, 16), label)
            x += 36 + painter.fontMetrics().horizontalAdvance(label) + 24
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
        # Status in a column of its own, sized to the words: a long step title never hides it.
        self.tree.setHeaderLabels([tr(_C, "Step"), tr(_C, "Status"), tr(_C, "Lane"),
                                   tr(_C, "Card")])
        header = self.tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        for column in (STATUS_COLUMN, LANE_COLUMN):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        splitter.addWidget(self.tree)
        layout.addWidget(splitter)
        self.current_box.currentIndexChanged.connect(self.refresh)
        self.future_box.currentIndexChanged.connect(self.refresh)
        self.rows: list[StepComparison] = []
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        # A theme switch while the dialog is open: status words take the new base's colours.
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "rows"):
            self._recolour()
        super().changeEvent(event)

    def _recolour(self) -> None:
        palette = self.palette()  # the list inherits it; during a PaletteChange only this is new
        for index in range(self.tree.topLevelItemCount()):
            parent = self.tree.topLevelItem(index)
            for child_index in range(parent.childCount()):
                child = parent.child(child_index)
                status = child.data(STATUS_COLUMN, Qt.ItemDataRole.UserRole)
                if status in STATUS_COLOURS["light"]:
                    child.setForeground(STATUS_COLUMN, status_colour(status, palette))

    def refresh(self) -> None:
        current = self.project.journey(self.current_box.currentData() or "")
        future = self.project.journey(self.future_box.currentData() or "")
        self.tree.clear()
        palette = self.palette()  # the list inherits it; during a PaletteChange only this is new
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
            parent = QTreeWidgetItem([row.title, status, "",
                                      tr(_C, "emotion {score}").format(score=score)])
            parent.setToolTip(0, row.title)
            font = parent.font(0)
            font.setBold(True)
            for column in (0, STATUS_COLUMN):
                parent.setFont(column, font)
            for change in row.changes:
                counts[change.status] += 1
                text = " ".join(change.text.split())[:200]
                if change.status == "changed":
                    text = f"{' '.join(change.before.split())[:90]} → {text}"
                child = QTreeWidgetItem(["", tr_marked(_C, STATUS_NAMES.get(change.status,
                                                                            change.status)),
                                         change.lane, text])
                child.setToolTip(CARD_COLUMN, text)
                # Colour plus the word itself: colour is never the only signal.
                child.setForeground(STATUS_COLUMN, status_colour(change.status, palette))
                child.setData(STATUS_COLUMN, Qt.ItemDataRole.UserRole, change.status)
                parent.addChild(child)
            self.tree.addTopLevelItem(parent)
            parent.setExpanded(bool(row.changes))
        self._fit_step_column()
        self.summary.setText(tr(_C, "{value} changed, {value2} added, {value3} removed cards across "
                                    "{len} steps").format(
                value=counts['changed'], value2=counts['added'], value3=counts['removed'],
                len=len(self.rows)))

    def _fit_step_column(self) -> None:
        """The step column as wide as its longest (bold) title, up to MAX_STEP_COLUMN."""
        widest = self.tree.header().sectionSizeFromContents(0).width()
        for index in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(index)
            metrics = QFontMetrics(item.font(0))
            widest = max(widest, metrics.horizontalAdvance(item.text(0))
                         + self.tree.indentation() + 16)
        self.tree.setColumnWidth(0, min(widest, MAX_STEP_COLUMN))


def _score(step: object) -> str:
    emotion = getattr(step, "emotion", None) if step is not None else None
    return "–" if emotion is None else str(emotion)
