"""Pseudo-translation sweep: every text the window shows must come through Qt's translator.

A pseudo-translator wraps every translated text in ⟦…⟧. The test then opens the sample map,
triggers every menu action (answering each dialog, message box and file chooser by recording
its texts instead of waiting for a person) and walks every widget and canvas item. A visible
text without ⟦…⟧ never went through ``tr()``, so it can have no Swedish translation, even
when the catalogue check passes. User data (the map's own texts, file names), shortcuts,
numbers and Qt's standard buttons (translated by Qt's own catalogue) are exempt.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QFileDialog,
    QGraphicsSimpleTextItem,
    QGraphicsTextItem,
    QGraphicsView,
    QGroupBox,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QTableWidget,
    QTabWidget,
    QTextEdit,
    QTreeWidget,
    QWidget,
)

from cjm_desktop.document import MapDocument
from cjm_desktop.i18n import install_translator
from cjm_desktop.storage import load_project
from cjm_desktop.ui.main_window import MainWindow

OPEN, CLOSE = "⟦", "⟧"
SHORTCUT = re.compile(
    r"((Ctrl|Shift|Alt|Meta)\+)*(F\d{1,2}|Space|Esc|Del|Ins|Home|End|PgUp|PgDown|Up|Down|Left"
    r"|Right|Return|Enter|Backspace|Tab|Backtab|Print|[A-Z0-9]|[^\w\s])")
# Actions that would end the test's window.
SKIPPED_KEYS = (QKeySequence.StandardKey.Quit, QKeySequence.StandardKey.Close)


class PseudoTranslator(QTranslator):
    """Answers every text of our own contexts with ⟦text⟧; Qt's contexts keep Qt's catalogue."""

    def translate(self, context: str, source_text: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:
        if not source_text or context.startswith("Q"):
            return None
        return f"{OPEN}{source_text}{CLOSE}"


class Recorder:
    """Texts of questions, errors and choosers that the sweep answered without showing."""

    def __init__(self) -> None:
        self.texts: list[tuple[str, str]] = []

    def add(self, where: str, *texts: object) -> None:
        for text in texts:
            if isinstance(text, str):
                self.texts.append((where, text))
            elif isinstance(text, list | tuple):
                self.add(where, *text)


def _user_strings(path: Path) -> list[str]:
    """Every string in the map file: the user's own words are never translated."""
    found: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(json.loads(path.read_text(encoding="utf-8")))
    return sorted({s for s in found if len(s) > 1}, key=len, reverse=True)


# Names shown as themselves in every language: language names, fonts, the app, initials.
PROPER_NAMES = {"English", "Svenska", "DejaVu", "Symbola", "cjm-desktop", "Qt", "PySide6",
                "Python"}
INITIALS = re.compile(r"[A-ZÅÄÖ]{1,3}")
# Qt's own widgets inside ours, named by Qt and translated by Qt's catalogue.
QT_INTERNAL = {"ScrollLeftButton", "ScrollRightButton", "qt_spinbox_lineedit"}


def _needs_translation(text: str, user: list[str]) -> bool:
    if OPEN in text or not re.search(r"[^\W\d_]", text):
        return False
    if text in PROPER_NAMES or INITIALS.fullmatch(text):
        return False
    if all(SHORTCUT.fullmatch(part.strip()) for part in text.split(",")):
        return False
    rest = text
    for value in user:
        rest = rest.replace(value, " ")
    rest = re.sub(r"<[^>]+>", " ", rest)  # markup around user data
    return bool(re.search(r"[^\W\d_]{2,}", rest))


def _widget_texts(root: QWidget) -> Iterator[tuple[str, str]]:
    standard: set[int] = set()
    for box in [root, *root.findChildren(QWidget)]:
        if isinstance(box, QDialogButtonBox):
            standard |= {id(b) for b in box.buttons()
                         if box.standardButton(b) != QDialogButtonBox.StandardButton.NoButton}
        if isinstance(box, QMessageBox):
            standard |= {id(b) for b in box.buttons()
                         if box.standardButton(b) != QMessageBox.StandardButton.NoButton}
    for widget in [root, *root.findChildren(QWidget)]:
        if widget.objectName() in QT_INTERNAL or widget.objectName().startswith("qt_"):
            continue
        name = f"{type(widget).__name__}({widget.objectName()})"
        if widget.isWindow() or isinstance(widget, QDockWidget):
            yield name + ".windowTitle", widget.windowTitle()
        yield name + ".toolTip", widget.toolTip()
        yield name + ".statusTip", widget.statusTip()
        yield name + ".accessibleName", widget.accessibleName()
        if isinstance(widget, QLabel):
            yield name + ".text", widget.text()
        if isinstance(widget, QAbstractButton) and id(widget) not in standard:
            yield name + ".text", widget.text()
        if isinstance(widget, QGroupBox):
            yield name + ".title", widget.title()
        if isinstance(widget, QLineEdit | QTextEdit | QPlainTextEdit):
            yield name + ".placeholder", widget.placeholderText()
        if isinstance(widget, QAbstractSpinBox):
            yield name + ".specialValueText", widget.specialValueText()
            for attr in ("suffix", "prefix"):
                if hasattr(widget, attr):
                    yield name + "." + attr, getattr(widget, attr)()
        if isinstance(widget, QTabWidget):
            for i in range(widget.count()):
                yield name + ".tab", widget.tabText(i)
        if isinstance(widget, QComboBox):
            for i in range(widget.count()):
                yield name + ".item", widget.itemText(i)
        if isinstance(widget, QListWidget):
            for i in range(widget.count()):
                yield name + ".item", widget.item(i).text()
        if isinstance(widget, QTableWidget):
            for i in range(widget.columnCount()):
                header = widget.horizontalHeaderItem(i)
                if header is not None:
                    yield name + ".header", header.text()
        if isinstance(widget, QTreeWidget):
            header = widget.headerItem()
            for i in range(header.columnCount()):
                yield name + ".header", header.text(i)
        if isinstance(widget, QGraphicsView) and widget.scene() is not None:
            for item in widget.scene().items():
                yield f"{name}.{type(item).__name__}.toolTip", item.toolTip()
                if isinstance(item, QGraphicsSimpleTextItem):
                    yield f"{name}.{type(item).__name__}.text", item.text()
                if isinstance(item, QGraphicsTextItem):
                    yield f"{name}.{type(item).__name__}.text", item.toPlainText()
    for action in root.findChildren(QAction):
        if action.isSeparator() or action.parent() is getattr(root, "recent_menu", None):
            continue  # recent files are file names
        yield f"QAction({action.objectName()}).text", action.text()
        yield f"QAction({action.objectName()}).toolTip", action.toolTip()
        yield f"QAction({action.objectName()}).statusTip", action.statusTip()


def _menu_actions(window: MainWindow) -> list[QAction]:
    found: list[QAction] = []

    def walk(actions: list[QAction]) -> None:
        for action in actions:
            menu = action.menu()
            if isinstance(menu, QMenu):
                menu.aboutToShow.emit()  # menus filled on demand
                walk(menu.actions())
            elif not action.isSeparator():
                found.append(action)

    walk(window.menuBar().actions())
    return found


@pytest.fixture
def pseudo() -> Iterator[None]:
    install_translator("en")
    translator = PseudoTranslator()
    QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)
    install_translator("en")


def _answer_everything(monkeypatch: pytest.MonkeyPatch, recorder: Recorder) -> None:
    from cjm_desktop.ui import messages, safety

    def rejecting_exec(dialog: QDialog) -> int:
        recorder.add("dialog", *[f"{w}\0{t}" for w, t in _widget_texts(dialog)])
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(QDialog, "exec", rejecting_exec)
    monkeypatch.setattr(QMessageBox, "exec", rejecting_exec)
    for name in ("information", "warning", "critical", "question", "about"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(
            lambda _p, title, text, *_a, **_k: recorder.add("message box", title, text)
            or QMessageBox.StandardButton.Cancel))
    for name in ("getText", "getInt", "getDouble", "getItem", "getMultiLineText"):
        monkeypatch.setattr(QInputDialog, name, staticmethod(
            lambda _p, title, label, *rest, **_k: recorder.add(
                "input", title, label, *[r for r in rest if isinstance(r, list)]) or ("", False)))
    for name in ("getOpenFileName", "getSaveFileName", "getOpenFileNames"):
        monkeypatch.setattr(QFileDialog, name, staticmethod(
            lambda _p=None, caption="", _d="", filters="", *_a, **_k: recorder.add(
                "file chooser", caption, filters) or ("", "")))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(
        lambda _p=None, caption="", *_a, **_k: recorder.add("folder chooser", caption) or ""))
    monkeypatch.setattr(messages, "show_error",
                        lambda _p, title, text: recorder.add("error", title, text))
    monkeypatch.setattr(messages, "confirm",
                        lambda _p, title, text, action: recorder.add("confirm", title, text, action)
                        or False)
    monkeypatch.setattr(safety, "show_error",
                        lambda _p, title, text: recorder.add("error", title, text))
    monkeypatch.setattr(safety, "ask", lambda _p, title, text, choices: recorder.add(
        "question", title, text, choices) or choices[-1])


def _untranslated(pairs: list[tuple[str, str]], user: list[str]) -> list[str]:
    return sorted({f"{where}: {text!r}" for where, text in pairs
                   if _needs_translation(text, user)})


def test_every_visible_text_goes_through_the_translator(
        qtbot, pseudo: None, sample_file: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    copy = tmp_path / "rail.cjm"
    copy.write_bytes(sample_file.read_bytes())
    user = [*_user_strings(sample_file), copy.name, "rail"]
    recorder = Recorder()
    _answer_everything(monkeypatch, recorder)
    fresh = MainWindow(MapDocument(load_project(copy), copy))
    qtbot.addWidget(fresh)
    fresh.show()
    next(item for item in fresh.scene.items() if hasattr(item, "card_id")).setSelected(True)
    pairs = list(_widget_texts(fresh))
    for action in _menu_actions(fresh):
        skipped = {k for key in SKIPPED_KEYS for k in QKeySequence.keyBindings(key)}
        if action.shortcut() in skipped or not action.isEnabled():
            continue
        before = set(QApplication.topLevelWidgets())
        action.trigger()
        QApplication.processEvents()
        for top in set(QApplication.topLevelWidgets()) - before:
            if top.isVisible():
                pairs.extend(_widget_texts(top))
                top.close()
    pairs.extend(_widget_texts(fresh))
    for entry, text in recorder.texts:
        where, _, value = text.partition("\0") if "\0" in text else (entry, "", text)
        pairs.append((where, value))
    problems = _untranslated(pairs, user)
    assert problems == [], f"{len(problems)} texts bypass tr():\n" + "\n".join(problems)
