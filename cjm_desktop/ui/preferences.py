"""Preferences: autosave interval, new-map paper, theme, language and the author's name and colour.

Values live in the settings file (``settings.get_value``/``set_value``); ``apply_*`` functions
push them into the running app, so a change shows at once in every open window.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QColor,
    QGuiApplication,
    QKeySequence,
    QPixmap,
)
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QSpinBox,
    QStyleFactory,
    QWidget,
)

from ..canvas.theme import DARK, LIGHT, THEMES, Theme
from ..document import MapDocument
from ..export.paper import ISO_SIZES_MM
from ..i18n import LANGUAGE_NAMES, current_language, install_translator, resolve_language, tr
from ..labels import colour_name, lane_title
from ..model import (
    CARD_COLOURS,
    DEFAULT_CARD_COLOUR,
    MAX_SHORT_TEXT,
    STANDARD_LANE_NAMES,
    Project,
)
from .dark_style import DarkFusionStyle, dark_palette
from .settings import get_value, set_value

AUTOSAVE_KEY = "autosave_seconds"
DEFAULT_AUTOSAVE_SECONDS = 30
MIN_AUTOSAVE_SECONDS = 5
MAX_AUTOSAVE_SECONDS = 3600
THEME_KEY = "theme"
THEME_CHOICES = ("system", "light", "dark", "projector")
LANGUAGE_KEY = "language"
PAPER_KEY = "default_paper"
ORIENTATION_KEY = "default_orientation"
AUTHOR_KEY = "author_name"
COLOUR_KEY = "author_colour"
_CONTEXT = "Preferences"


# ----- reading preferences ---------------------------------------------------------------
def autosave_seconds() -> int:
    value = get_value(AUTOSAVE_KEY, DEFAULT_AUTOSAVE_SECONDS)
    seconds = value if isinstance(value, int) else DEFAULT_AUTOSAVE_SECONDS
    return min(MAX_AUTOSAVE_SECONDS, max(MIN_AUTOSAVE_SECONDS, seconds))


def theme_choice() -> str:
    value = str(get_value(THEME_KEY, "system"))
    return value if value in THEME_CHOICES else "system"


def system_prefers_dark() -> bool:
    app = QGuiApplication.instance()
    if not isinstance(app, QGuiApplication):
        return False
    return app.styleHints().colorScheme() == Qt.ColorScheme.Dark


def canvas_theme(choice: str | None = None) -> Theme:
    """The canvas theme for a choice; "system" follows the desktop's light or dark mode."""
    choice = choice or theme_choice()
    if choice == "system":
        return DARK if system_prefers_dark() else LIGHT
    return THEMES.get(choice, LIGHT)


def default_paper() -> tuple[str, str]:
    paper = str(get_value(PAPER_KEY, "A0")).upper()
    orientation = str(get_value(ORIENTATION_KEY, "landscape"))
    return (paper if paper in ISO_SIZES_MM else "A0",
            orientation if orientation in ("landscape", "portrait") else "landscape")


def author_colour() -> str:
    """The card colour from Preferences as the map stores colours: "#rrggbb"."""
    colour = QColor(str(get_value(COLOUR_KEY, DEFAULT_CARD_COLOUR)))
    # "red", "#abc" or "#80ff0000" (a hand-edited or older settings file) become "#rrggbb".
    return colour.name().lower() if colour.isValid() else DEFAULT_CARD_COLOUR


# ----- applying them -----------------------------------------------------------------------
class _StyleMemo:
    """The platform's own style, so leaving the dark theme restores exactly what was there."""

    style_name: str | None = None


def apply_app_theme(choice: str | None = None) -> None:
    """Widgets follow the canvas: a dark palette for the dark theme, the platform's otherwise."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    if _StyleMemo.style_name is None:
        _StyleMemo.style_name = app.style().name()
    if canvas_theme(choice).name == "dark" and not system_prefers_dark():
        # Fusion draws every widget from the palette, so the dark colours reach all of them;
        # the proxy lets its outlines follow the palette's Mid role (see DarkFusionStyle).
        app.setStyle(DarkFusionStyle())
        app.setPalette(dark_palette())
    else:
        style = QStyleFactory.create(_StyleMemo.style_name) or QStyleFactory.create("Fusion")
        app.setStyle(style)
        app.setPalette(app.style().standardPalette())


def apply_app_preferences() -> None:
    """At start: language (with its locale) and theme; later, follow the desktop's dark mode."""
    install_translator(str(get_value(LANGUAGE_KEY, "system")))
    apply_app_theme()
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication) and not app.property("cjm_follows_scheme"):
        app.setProperty("cjm_follows_scheme", True)
        app.styleHints().colorSchemeChanged.connect(_system_scheme_changed)


def _system_scheme_changed(*_args: object) -> None:
    if theme_choice() == "system":
        apply_everywhere()


def _main_windows() -> list[QMainWindow]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, QMainWindow) and hasattr(w, "scene")]


def _busy_in_the_room(window: QMainWindow) -> bool:
    """Presenting, timing or voting: not the moment to swap the window under the facilitator."""
    parts = (getattr(window, "presentation", None), getattr(window, "workshop_timer", None),
             getattr(getattr(window, "method", None), "voting", None))
    return any(getattr(part, "active", False) for part in parts)


def reopen_windows_in_current_language() -> int:
    """Ask each main window to be rebuilt in the language just installed; returns how many."""
    reopened = 0
    for window in _main_windows():
        if not _busy_in_the_room(window) and window.isVisible():
            window.reopen_requested.emit(window)
            reopened += 1
    return reopened


def apply_to_window(window: QMainWindow) -> None:
    """Theme and autosave interval for the window's current map."""
    scene = getattr(window, "scene", None)
    if scene is not None:
        scene.set_theme(canvas_theme())
        scene.new_card_colour = author_colour()
    document = getattr(window, "document", None)
    if document is not None:
        _apply_autosave_interval(document)


def _apply_autosave_interval(document: MapDocument) -> None:
    from .safety import safety_for  # safety pulls in storage threads; only when a map is open

    guard = safety_for(document)
    if guard is not None:
        guard.set_interval(autosave_seconds())


def apply_everywhere() -> None:
    apply_app_theme()
    for window in _main_windows():
        apply_to_window(window)


def apply_new_map_defaults(document: MapDocument) -> None:
    """A blank new map starts on the preferred paper; opened files keep their own."""
    if document.property("cjm_defaults_applied"):
        return
    document.setProperty("cjm_defaults_applied", True)
    # A map never saved, never edited and without cards is new; a recovered one is dirty.
    untouched = document.path is None and document.undo_stack.count() == 0 \
        and not document.is_dirty
    if untouched and not any(journey.cards for journey in document.project.journeys):
        paper, orientation = default_paper()
        # Before the first edit, like choosing another template: no undo step, not dirty.
        document.project.settings.paper = paper
        document.project.settings.orientation = orientation
        name_defaults_in_ui_language(document.project)
        document.redraw_views()  # the canvas and title bar were drawn with the English names


def name_defaults_in_ui_language(project: Project) -> None:
    """A new map's placeholder names ("Untitled map", "Step 1", "Actions"…) in the UI language.

    Only names still exactly as the app made them change; the file keeps whatever results.
    """
    if project.title == "Untitled map":
        project.title = tr(_CONTEXT, "Untitled map")
    lanes = {name: lane_title(kind) for kind, name in STANDARD_LANE_NAMES.items()}
    for journey in project.journeys:
        if journey.name == "Customer journey":
            journey.name = tr(_CONTEXT, "Customer journey")
        for lane in journey.lanes:
            lane.name = lanes.get(lane.name, lane.name)
        for stage in journey.stages:
            if match := re.fullmatch(r"Stage (\d+)", stage.name):
                stage.name = tr(_CONTEXT, "Stage {number}").format(number=match[1])
        for step in journey.steps:
            if match := re.fullmatch(r"Step (\d+)", step.title):
                step.title = tr(_CONTEXT, "Step {number}").format(number=match[1])


# ----- the dialog ---------------------------------------------------------------------------
def _colour_box(current: str) -> QComboBox:
    box = QComboBox()
    for key, value in CARD_COLOURS.items():
        swatch = QPixmap(16, 16)
        swatch.fill(QColor(value))
        box.addItem(swatch, colour_name(key), value)
    index = box.findData(current.lower())
    box.setCurrentIndex(max(0, index))
    return box


class PreferencesDialog(QDialog):
    """Edits the preferences; ``save()`` stores them and applies them to the running app."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preferences")
        self.setWindowTitle(tr(_CONTEXT, "Preferences"))
        self.setMinimumWidth(440)
        form = QFormLayout(self)

        self.autosave = QSpinBox()
        self.autosave.setRange(MIN_AUTOSAVE_SECONDS, MAX_AUTOSAVE_SECONDS)
        self.autosave.setSuffix(tr(_CONTEXT, " s"))
        self.autosave.setValue(autosave_seconds())
        self.autosave.setToolTip(tr(_CONTEXT, "How soon unsaved changes are copied to the "
                                               "autosave folder, in seconds"))
        form.addRow(tr(_CONTEXT, "&Autosave every:"), self.autosave)

        paper, orientation = default_paper()
        self.paper = QComboBox()
        for name in ISO_SIZES_MM:
            self.paper.addItem(name, name)
        self.paper.setCurrentIndex(max(0, self.paper.findData(paper)))
        self.paper.setToolTip(tr(_CONTEXT, "Paper of new maps; a saved map keeps its own"))
        form.addRow(tr(_CONTEXT, "Default &paper:"), self.paper)
        self.orientation = QComboBox()
        self.orientation.addItem(tr(_CONTEXT, "Landscape"), "landscape")
        self.orientation.addItem(tr(_CONTEXT, "Portrait"), "portrait")
        self.orientation.setCurrentIndex(max(0, self.orientation.findData(orientation)))
        form.addRow(tr(_CONTEXT, "&Orientation:"), self.orientation)

        self.theme = QComboBox()
        theme_names = {
            "system": tr(_CONTEXT, "Follow the system (light or dark)"),
            "light": tr(_CONTEXT, "Light"),
            "dark": tr(_CONTEXT, "Dark"),
            "projector": tr(_CONTEXT, "Projector (high contrast)"),
        }
        for key in THEME_CHOICES:
            self.theme.addItem(theme_names[key], key)
        self.theme.setCurrentIndex(max(0, self.theme.findData(theme_choice())))
        form.addRow(tr(_CONTEXT, "&Theme:"), self.theme)

        self.language = QComboBox()
        for key, name in LANGUAGE_NAMES.items():
            # Language names stay in their own language, so anyone can find theirs.
            label = tr(_CONTEXT, "System language") if key == "system" else name
            self.language.addItem(label, key)
        self.language.setCurrentIndex(
            max(0, self.language.findData(str(get_value(LANGUAGE_KEY, "system")))))
        form.addRow(tr(_CONTEXT, "&Language:"), self.language)
        self.language_note = QLabel(tr(_CONTEXT, "Open windows switch when you press OK, with "
                                                 "their unsaved changes and undo history; one "
                                                 "that is presenting, timing or voting switches "
                                                 "when you next open its map."))
        self.language_note.setWordWrap(True)
        self.language_note.setVisible(False)
        self.language.currentIndexChanged.connect(self._language_changed)
        form.addRow("", self.language_note)

        self.author = QLineEdit(str(get_value(AUTHOR_KEY, "")))
        self.author.setMaxLength(MAX_SHORT_TEXT)
        self.author.setPlaceholderText(tr(_CONTEXT, "name or team, written on your new cards"))
        form.addRow(tr(_CONTEXT, "Your &name:"), self.author)
        self.colour = _colour_box(author_colour())
        self.colour.setToolTip(tr(_CONTEXT, "Colour of the cards you add, so a group can see "
                                             "who wrote what"))
        form.addRow(tr(_CONTEXT, "Your card &colour:"), self.colour)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _language_changed(self) -> None:
        chosen = resolve_language(str(self.language.currentData()))
        self.language_note.setVisible(chosen != current_language())

    def values(self) -> dict[str, object]:
        return {
            AUTOSAVE_KEY: self.autosave.value(),
            PAPER_KEY: self.paper.currentData(),
            ORIENTATION_KEY: self.orientation.currentData(),
            THEME_KEY: self.theme.currentData(),
            LANGUAGE_KEY: self.language.currentData(),
            AUTHOR_KEY: self.author.text().strip(),
            COLOUR_KEY: self.colour.currentData(),
        }

    def save(self) -> None:
        old_language = str(get_value(LANGUAGE_KEY, "system"))
        for key, value in self.values().items():
            set_value(key, value)
        if self.values()[LANGUAGE_KEY] != old_language:
            install_translator(str(self.values()[LANGUAGE_KEY]))
            # After this dialog has closed: the window it belongs to is among those replaced.
            QTimer.singleShot(0, reopen_windows_in_current_language)
        apply_everywhere()

    def accept(self) -> None:
        self.save()
        super().accept()


def open_preferences(parent: QWidget | None) -> bool:
    """Show the dialog; True if the user saved changes."""
    dialog = PreferencesDialog(parent)
    return dialog.exec() == QDialog.DialogCode.Accepted


# ----- wiring into a window -------------------------------------------------------------------
class _WindowHook(QObject):
    """Re-applies theme and defaults whenever the window switches to another map."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self._window = window

    def map_shown(self, *_args: object) -> None:
        document = getattr(self._window, "document", None)
        if document is not None:
            apply_new_map_defaults(document)
        apply_to_window(self._window)
        # The window may set up its autosave guard after switching maps; catch up then.
        QTimer.singleShot(0, self, self._autosave_later)

    def _autosave_later(self) -> None:
        document = getattr(self._window, "document", None)
        if document is not None:
            _apply_autosave_interval(document)


def install_preferences(window: QMainWindow) -> QAction:
    """Add Edit → Preferences… to ``window`` and keep its canvas in the chosen theme."""
    action = QAction(QCoreApplication.translate(_CONTEXT, "Prefere&nces…"), window)
    action.setObjectName("preferences_action")
    action.setMenuRole(QAction.MenuRole.PreferencesRole)
    shortcut = QKeySequence(QKeySequence.StandardKey.Preferences)
    action.setShortcut(shortcut if not shortcut.isEmpty() else QKeySequence("Ctrl+,"))
    action.setStatusTip(tr(_CONTEXT, "Autosave, paper, theme, language and your name"))
    action.triggered.connect(lambda _checked=False: open_preferences(window))
    menu = getattr(window, "edit_menu", None)
    if menu is not None:
        menu.addSeparator()
        menu.addAction(action)
    else:
        window.addAction(action)
    hook = _WindowHook(window)
    stack = getattr(window, "stack", None)
    if stack is not None:
        stack.currentChanged.connect(hook.map_shown)
    hook.map_shown()
    return action
