"""Help: the keyboard shortcut sheet (F1), the About box and the first-run hint on the sample.

The shortcut sheet is built from the window's real actions when it opens, so it never lists
a shortcut the window does not have and never misses one a module added later.
"""

from __future__ import annotations

import html
import json
import platform
from functools import cache

import PySide6
from PySide6.QtCore import QModelIndex, QObject, QRect, QSize, Qt, QTimer, qVersion
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTabWidget,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .. import __version__
from ..i18n import tr
from ..resources import resource_path, sample_path
from .settings import get_value, set_value

_CONTEXT = "Help"
HINT_KEY = "first_run_hint_shown"


# ----- shortcut sheet ------------------------------------------------------------------------
def plain_text(text: str) -> str:
    """Menu text without mnemonics ("&Save" → "Save", "&&" stays one "&")."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _shortcut_text(action: QAction) -> str:
    keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()]
    return ", ".join(k for k in keys if k)


def shortcut_rows(window: QMainWindow) -> list[tuple[str, str, str]]:
    """(menu, action, shortcut) for every menu action with a shortcut, in menu order."""
    rows: list[tuple[str, str, str]] = []
    # The wrappers are kept, not their id(): a freed wrapper's id can be reused by the next one.
    seen: list[QAction] = []

    def walk(menu: QMenu, path: str) -> None:
        for action in menu.actions():
            if action.isSeparator() or any(action is old for old in seen):
                continue
            seen.append(action)
            sub = action.menu()
            if isinstance(sub, QMenu):
                walk(sub, f"{path} › {plain_text(sub.title())}")
            elif _shortcut_text(action):
                rows.append((path, plain_text(action.text()), _shortcut_text(action)))

    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            walk(menu, plain_text(top.text()))
    return rows


def conflicts(rows: list[tuple[str, str, str]]) -> dict[str, list[str]]:
    """Key sequences bound to more than one action: Qt then runs neither of them."""
    users: dict[str, list[str]] = {}
    for menu, action, keys in rows:
        for key in keys.split(", "):
            users.setdefault(key, []).append(f"{menu} › {action}")
    return {key: names for key, names in users.items() if len(names) > 1}


def gesture_rows() -> list[tuple[str, str]]:
    """Mouse and touch gestures of the canvas, which have no menu entry."""
    return [
        (tr(_CONTEXT, "Zoom"), tr(_CONTEXT, "Ctrl + mouse wheel, or pinch")),
        (tr(_CONTEXT, "Pan"), tr(_CONTEXT, "Space + drag, middle button drag, or two fingers")),
        (tr(_CONTEXT, "Add a card"), tr(_CONTEXT, "Double-click an empty cell")),
        (tr(_CONTEXT, "Edit a card"), tr(_CONTEXT, "Double-click the card")),
        (tr(_CONTEXT, "Move a card"), tr(_CONTEXT, "Drag it to another cell")),
        (tr(_CONTEXT, "Score a step"), tr(_CONTEXT, "Drag its point on the emotion line")),
        (tr(_CONTEXT, "More actions"), tr(_CONTEXT, "Right-click a card, step, lane or cell")),
    ]


class _WrappingDelegate(QStyledItemDelegate):
    """Measures wrapped text at its column's width; QTreeView asks without any width, which
    gives every row one line however long its text is."""

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self._tree = tree

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        header = self._tree.header()
        if header.sectionResizeMode(index.column()) == QHeaderView.ResizeMode.ResizeToContents:
            return super().sizeHint(option, index)  # sized to its text, so it never wraps
        width = header.sectionSize(index.column())
        if index.column() == 0:
            depth, parent = 0, index.parent()
            while parent.isValid():
                depth, parent = depth + 1, parent.parent()
            width -= self._tree.indentation() * (depth + int(self._tree.rootIsDecorated()))
        if width <= 0:
            return super().sizeHint(option, index)
        sized = QStyleOptionViewItem(option)
        sized.rect = QRect(0, 0, width, max(1, option.rect.height()))
        return super().sizeHint(sized, index)


class ShortcutSheet(QDialog):
    """A non-modal list of the window's shortcuts, grouped by menu, plus canvas gestures."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setObjectName("shortcut_sheet")
        self.setWindowTitle(tr(_CONTEXT, "Keyboard Shortcuts"))
        self.resize(620, 640)
        layout = QVBoxLayout(self)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([tr(_CONTEXT, "Action"), tr(_CONTEXT, "Shortcut")])
        self.tree.setRootIsDecorated(False)
        # Actions are short, gestures' descriptions long: the action column fits its text and
        # the shortcut column takes the rest and wraps, so no value is cut off at 620 px.
        self.tree.setWordWrap(True)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.tree.setUniformRowHeights(False)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.tree.setItemDelegate(_WrappingDelegate(self.tree))
        # Row heights depend on the column width: lay the rows out again when it changes.
        header.sectionResized.connect(lambda *_: self.tree.scheduleDelayedItemsLayout())
        groups: dict[str, QTreeWidgetItem] = {}
        rows = shortcut_rows(window)
        clashes = conflicts(rows)
        for menu, action, keys in rows:
            group = groups.get(menu)
            if group is None:
                group = QTreeWidgetItem(self.tree, [menu])
                group.setFirstColumnSpanned(True)
                font = group.font(0)
                font.setBold(True)
                group.setFont(0, font)
                groups[menu] = group
            item = QTreeWidgetItem(group, [action, keys])
            shared = [k for k in keys.split(", ") if k in clashes]
            if shared:
                item.setText(1, f"{keys}  ⚠")
                item.setToolTip(1, tr(_CONTEXT, "The same keys are bound to: {actions}").format(
                    actions="; ".join(n for k in shared for n in clashes[k])))
        gestures = QTreeWidgetItem(self.tree, [tr(_CONTEXT, "Mouse and touch")])
        gestures.setFirstColumnSpanned(True)
        font = gestures.font(0)
        font.setBold(True)
        gestures.setFont(0, font)
        for what, how in gesture_rows():
            QTreeWidgetItem(gestures, [what, how])
        self.tree.expandAll()
        layout.addWidget(self.tree)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)

    def rows(self) -> list[tuple[str, str, str]]:
        """What the sheet shows, as (group, action, shortcut) — for tests and accessibility."""
        out: list[tuple[str, str, str]] = []
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            for j in range(group.childCount()):
                child = group.child(j)
                out.append((group.text(0), child.text(0), child.text(1)))
        return out


def show_shortcut_sheet(window: QMainWindow) -> ShortcutSheet:
    """Open (or bring forward) the window's sheet; non-modal so it can stay open while working."""
    sheet = window.findChild(ShortcutSheet, "shortcut_sheet")
    if sheet is not None:
        sheet.close()
        sheet.deleteLater()
    sheet = ShortcutSheet(window)
    sheet.show()
    sheet.raise_()
    return sheet


# ----- about box ------------------------------------------------------------------------------
def versions() -> list[tuple[str, str]]:
    import reportlab

    return [
        ("cjm-desktop", __version__),
        ("Qt", qVersion()),
        ("PySide6", PySide6.__version__),
        ("Python", platform.python_version()),
        ("reportlab", str(reportlab.Version)),
    ]


def licence_files() -> list[tuple[str, str]]:
    """(title, text) of each bundled licence: fonts, then icons."""
    found: list[tuple[str, str]] = []
    for folder in ("fonts", "icons"):
        for path in sorted(resource_path(folder).glob("LICENSE-*")):
            try:
                text = path.read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue  # a damaged install still shows the rest of the box
            name = path.stem.removeprefix("LICENSE-")
            # Font licences are named after their font; the icons' one after what it covers.
            found.append((tr(_CONTEXT, "Icons") if name == "icons" else name, text))
    return found


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("about")
        self.setWindowTitle(tr(_CONTEXT, "About cjm-desktop"))
        self.resize(640, 520)
        layout = QVBoxLayout(self)
        rows = "".join(f"<tr><td>{html.escape(name)}</td><td>&nbsp;&nbsp;{html.escape(ver)}</td></tr>"
                       for name, ver in versions())
        intro = html.escape(tr(_CONTEXT, "Customer journey maps for workshops, offline."))
        licence = html.escape(tr(_CONTEXT, "cjm-desktop is free software under the MIT licence. "
                                           "Bundled fonts and icons keep their own licences, "
                                           "shown below."))
        self.summary = QLabel(f"<h2>cjm-desktop</h2><p>{intro}</p><table>{rows}</table>"
                              f"<p>{licence}</p>")
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.licences = QTabWidget()
        for title, text in licence_files():
            view = QTextBrowser()
            view.setPlainText(text)
            self.licences.addTab(view, title)
        layout.addWidget(self.licences, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def show_about(parent: QWidget | None) -> None:
    AboutDialog(parent).exec()


# ----- first-run hint -------------------------------------------------------------------------
@cache
def sample_project_id() -> str:
    try:
        data = json.loads(sample_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ""
    return str(data.get("id", "")) if isinstance(data, dict) else ""


def hint_text() -> str:
    return tr(_CONTEXT, "<b>Welcome to the sample map.</b> Double-click an empty cell to add a "
                        "card, drag cards between cells, and drag the points on the emotion line "
                        "to score a step. Right-click anything for more. Press F1 for every "
                        "shortcut.")


class FirstRunHint(QFrame):
    """A small non-modal panel over the top of the map; it goes away with “Got it”."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setObjectName("first_run_hint")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setStyleSheet("#first_run_hint { background: palette(tool-tip-base); "
                           "color: palette(tool-tip-text); border: 1px solid palette(mid); "
                           "border-radius: 6px; }")
        row = QHBoxLayout(self)
        self.label = QLabel(hint_text())
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        row.addWidget(self.label, 1)
        self.dismiss = QPushButton(tr(_CONTEXT, "Got it"))
        self.dismiss.clicked.connect(self.close)
        row.addWidget(self.dismiss, 0, Qt.AlignmentFlag.AlignTop)
        self.setMaximumWidth(560)
        self._window = window
        window.installEventFilter(self)
        self._place()

    def _place(self) -> None:
        self.adjustSize()
        width = min(560, max(320, self._window.width() - 40))
        self.resize(width, self.heightForWidth(width) if self.hasHeightForWidth() else self.height())
        central = self._window.centralWidget()
        top = central.geometry().top() if central is not None else 0
        self.move(self._window.width() - self.width() - 20, top + 12)

    def eventFilter(self, watched: QObject, event: object) -> bool:
        from PySide6.QtCore import QEvent

        if watched is self._window and isinstance(event, QEvent) \
                and event.type() == QEvent.Type.Resize:
            self._place()
        return False


def maybe_show_hint(window: QMainWindow) -> FirstRunHint | None:
    """Show the hint once per user, the first time the sample map is on screen."""
    if get_value(HINT_KEY, False):
        return None
    document = getattr(window, "document", None)
    if document is None or document.project.id != sample_project_id():
        return None
    set_value(HINT_KEY, True)  # once, even if the window is closed without “Got it”
    hint = FirstRunHint(window)
    hint.show()
    hint.raise_()
    return hint


# ----- wiring into a window -------------------------------------------------------------------
def install_help(window: QMainWindow) -> QMenu:
    """Add the Help menu (F1 shortcut sheet, About) and the first-run hint to ``window``."""
    menu = window.menuBar().addMenu(tr(_CONTEXT, "&Help"))
    menu.setObjectName("help_menu")
    sheet = QAction(tr(_CONTEXT, "&Keyboard Shortcuts"), window)
    sheet.setObjectName("shortcuts_action")
    sheet.setShortcut(QKeySequence("F1"))
    sheet.setStatusTip(tr(_CONTEXT, "Every shortcut and gesture of this window"))
    sheet.triggered.connect(lambda _checked=False: show_shortcut_sheet(window))
    menu.addAction(sheet)
    about = QAction(tr(_CONTEXT, "&About cjm-desktop"), window)
    about.setObjectName("about_action")
    about.setMenuRole(QAction.MenuRole.AboutRole)
    about.triggered.connect(lambda _checked=False: show_about(window))
    menu.addAction(about)
    stack = getattr(window, "stack", None)
    if stack is not None:
        # After the switch has finished, so the hint sits above the new map view.
        stack.currentChanged.connect(lambda _i: QTimer.singleShot(0, window,
                                                                  lambda: maybe_show_hint(window)))
    QTimer.singleShot(0, window, lambda: maybe_show_hint(window))
    window.help_menu = menu
    return menu
