"""UI language: a Qt translator backed by a JSON catalogue, plus Qt's own Swedish strings.

Every visible string goes through Qt's translation system (``tr(context, text)`` below, or
``QCoreApplication.translate``). The Swedish catalogue is plain JSON in
``resources/i18n/sv.json`` (``{context: {English: Swedish}}``) so it diffs well and needs no
compile step; a list value holds plural forms ``[one, other]`` for texts with ``%n``.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDateTime, QLibraryInfo, QLocale, QTranslator

from . import translate as _hooks
from .resources import resource_path
from .translate import english_plural as _english_plural

log = logging.getLogger(__name__)

# Language codes the user can pick in Preferences; "system" follows the desktop's locale.
LANGUAGE_NAMES: dict[str, str] = {"system": "System language", "en": "English", "sv": "Svenska"}
SUPPORTED = ("en", "sv")
DEFAULT_LANGUAGE = "system"

Catalogue = dict[str, dict[str, str | list[str]]]


def tr(context: str, text: str, n: int = -1) -> str:
    """Translate ``text`` in ``context``; ``%n`` in the text is replaced by ``n``.

    English source texts write plurals as "%n card(s)"; without a translation, "(s)" becomes
    "" for one and "s" otherwise, so English needs no catalogue of its own.
    """
    return _english_plural(QCoreApplication.translate(context, text, None, n), n)


def _translate(context: str, text: str, n: int) -> str:
    return QCoreApplication.translate(context, text, None, n)


def mark(context: str, text: str) -> str:
    """Mark a text for translation without translating it yet.

    For texts kept in module-level tables (built before a translator is installed):
    write ``LABELS = {KEY: mark(_C, "Restore")}`` and show ``tr_marked(_C, LABELS[key])``.
    The extractor finds the text here; ``tr_marked`` translates it at display time.
    """
    del context  # only read by packaging/i18n_tool.py
    return text


def tr_marked(context: str, text: str, n: int = -1) -> str:
    """Translate a text that was marked with :func:`mark` (same context)."""
    return _english_plural(QCoreApplication.translate(context, text, None, n), n)


def catalogue_path(language: str) -> Path:
    return resource_path("i18n", f"{language}.json")


def load_catalogue(language: str) -> Catalogue:
    """The catalogue of ``language``; an unreadable file means English, never a crash."""
    path = catalogue_path(language)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        log.warning("translation catalogue %s unusable: %s", path, exc)
        return {}
    if not isinstance(data, dict):
        return {}
    return {ctx: entries for ctx, entries in data.items()
            if isinstance(ctx, str) and isinstance(entries, dict)}


class CatalogueTranslator(QTranslator):
    """Looks texts up in a catalogue; an empty answer lets Qt fall back to the English source."""

    def __init__(self, language: str, catalogue: Catalogue) -> None:
        super().__init__()
        self._language = language
        self._catalogue = catalogue

    def language(self) -> str:
        return self._language

    def isEmpty(self) -> bool:
        return not self._catalogue

    def translate(self, context: str, source_text: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:
        entry = self._catalogue.get(context, {}).get(source_text)
        if isinstance(entry, list):
            # Swedish and English share the plural rule: one for n == 1, the other form else.
            if not entry:
                return None
            return entry[0] if n == 1 or len(entry) == 1 else entry[1]
        return entry or None


def system_language(ui_languages: list[str] | None = None) -> str:
    """The first supported language in the desktop's preferred UI languages, else English."""
    names = QLocale.system().uiLanguages() if ui_languages is None else ui_languages
    for name in names:
        code = name.replace("_", "-").split("-")[0].lower()
        if code in SUPPORTED:
            return code
    return "en"


def resolve_language(choice: str | None) -> str:
    if choice in SUPPORTED:
        return str(choice)
    return system_language()


def locale_for(language: str) -> QLocale:
    """Dates and numbers: the system locale if it speaks the UI language, else its main one."""
    system = QLocale.system()
    wanted = QLocale.Language.Swedish if language == "sv" else QLocale.Language.English
    if system.language() == wanted:
        return system
    return QLocale(QLocale.Language.Swedish, QLocale.Country.Sweden) if language == "sv" \
        else QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)


class _Installed:
    """The translators currently installed, so switching language replaces them."""

    translators: list[QTranslator] = []
    language: str = "en"


def install_translator(choice: str | None = None) -> str:
    """Install the translators for ``choice`` ("system", "en", "sv"); returns the language used.

    Texts created afterwards use the new language; windows already built keep their texts
    until they are rebuilt (Preferences asks the window manager to rebuild them).
    """
    app = QCoreApplication.instance()
    language = resolve_language(choice)
    _hooks.set_hook(_translate)  # storage messages shown in the window follow the language
    if app is not None:
        for old in _Installed.translators:
            QCoreApplication.removeTranslator(old)
        _Installed.translators = []
        if language != "en":
            ours = CatalogueTranslator(language, load_catalogue(language))
            ours.setParent(app)
            QCoreApplication.installTranslator(ours)
            _Installed.translators.append(ours)
            qt_own = QTranslator(app)
            # Qt's standard buttons and dialogs (Cancel, Yes, file dialogs) in the same language.
            folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            if qt_own.load(f"qtbase_{language}", folder):
                QCoreApplication.installTranslator(qt_own)
                _Installed.translators.append(qt_own)
    QLocale.setDefault(locale_for(language))
    _Installed.language = language
    return language


def current_language() -> str:
    return _Installed.language


# ----- numbers and dates in the UI language's locale (file contents stay neutral) -------------
def format_number(value: float, decimals: int = 0) -> str:
    """``2.5`` → "2.5" in English, "2,5" in Swedish; thousands get the locale's separator."""
    return QLocale().toString(float(value), "f", decimals)


def format_percent(fraction: float) -> str:
    """``0.53`` → "53%" in English, "53 %" in Swedish (the locale's own percent style)."""
    locale = QLocale()
    number = locale.toString(round(fraction * 100))
    sign = locale.percent()
    # Swedish (and French, German…) put a no-break space before the sign; English does not.
    gap = "\u00a0" if locale.language() not in (QLocale.Language.English,) else ""
    return f"{number}{gap}{sign}"


def format_datetime(moment: datetime) -> str:
    """A date and time as the UI's locale writes it in short form."""
    return QLocale().toString(QDateTime(moment), QLocale.FormatType.ShortFormat)


def format_size(size_bytes: int) -> str:
    """File sizes for messages: "64 KB", "1.6 MB" (decimal comma in Swedish)."""
    if size_bytes < 1024 * 1024:
        return f"{format_number(size_bytes / 1024)} KB"
    return f"{format_number(size_bytes / (1024 * 1024), 1)} MB"
