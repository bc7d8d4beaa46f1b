"""Translation: the catalogue translator, language choice, locale, and catalogue completeness."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QDialogButtonBox

from cjm_desktop import i18n
from cjm_desktop.i18n import CatalogueTranslator, install_translator, system_language, tr

ROOT = Path(__file__).resolve().parent.parent


def _tool():
    """packaging/i18n_tool.py, the same checker translators run by hand."""
    if "i18n_tool" in sys.modules:
        return sys.modules["i18n_tool"]
    spec = importlib.util.spec_from_file_location("i18n_tool", ROOT / "packaging" / "i18n_tool.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    sys.modules["i18n_tool"] = module  # its dataclass needs the module to be registered
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def english_afterwards(qapp):
    yield
    install_translator("en")


def test_translator_looks_up_by_context_and_text() -> None:
    translator = CatalogueTranslator("sv", {"Menu": {"&Save": "&Spara"}, "Other": {"Save": "x"}})
    assert translator.translate("Menu", "&Save") == "&Spara"
    assert translator.translate("Other", "&Save") is None  # same text, other context: no match
    assert translator.translate("Menu", "Unknown") is None
    assert not translator.isEmpty()
    assert translator.language() == "sv"


def test_plural_forms_follow_n() -> None:
    translator = CatalogueTranslator("sv", {"C": {"%n cards": ["%n kort", "%n kort totalt"]}})
    assert translator.translate("C", "%n cards", None, 1) == "%n kort"
    assert translator.translate("C", "%n cards", None, 5) == "%n kort totalt"


def test_swedish_through_qt(english_afterwards) -> None:
    assert install_translator("sv") == "sv"
    assert tr("Preferences", "Preferences") == "Inställningar"
    assert tr("Help", "&Help") == "&Hjälp"
    # Qt's own buttons come from Qt's Swedish translation.
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert box.buttons()[0].text() == "Avbryt"
    # Numbers follow the Swedish locale (decimal comma), whatever the machine's locale is.
    assert QLocale().toString(2.5, "f", 1) == "2,5"
    install_translator("en")
    assert tr("Preferences", "Preferences") == "Preferences"
    assert QLocale().language() == QLocale.Language.English


def test_untranslated_text_falls_back_to_english(english_afterwards) -> None:
    install_translator("sv")
    assert tr("Nowhere", "Text nobody translated <&> 🙂") == "Text nobody translated <&> 🙂"


@pytest.mark.parametrize(("languages", "expected"), [
    (["sv-SE", "en-US"], "sv"), (["sv"], "sv"), (["de-DE", "sv-FI"], "sv"),
    (["en-GB", "sv-SE"], "en"), (["fr-FR"], "en"), ([], "en"), (["sv_SE"], "sv"),
])
def test_system_language_picks_first_supported(languages: list[str], expected: str) -> None:
    assert system_language(languages) == expected


def test_unreadable_catalogue_means_english(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            english_afterwards) -> None:
    broken = tmp_path / "sv.json"
    broken.write_text("{ not json", encoding="utf-8")
    monkeypatch.setattr(i18n, "catalogue_path", lambda _lang: broken)
    assert i18n.load_catalogue("sv") == {}
    install_translator("sv")  # must not raise
    assert tr("Preferences", "Preferences") == "Preferences"
    broken.write_text(json.dumps(["a list"]), encoding="utf-8")
    assert i18n.load_catalogue("sv") == {}


def test_every_ui_text_has_a_swedish_translation() -> None:
    """Fails for any tr()/translate() text in cjm_desktop/ without a Swedish entry."""
    problems = _tool().problems("sv")
    assert problems == [], "\n".join(problems[:40])


def test_catalogue_has_no_stale_entries() -> None:
    messages, _dynamic = _tool().extract()
    used = {(m.context, m.text) for m in messages}
    catalogue = json.loads((ROOT / "resources" / "i18n" / "sv.json").read_text(encoding="utf-8"))
    stale = [(ctx, text) for ctx, entries in catalogue.items() for text in entries
             if (ctx, text) not in used]
    assert stale == [], "run: python packaging/i18n_tool.py update"


def test_extractor_understands_the_call_forms(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "mod.py").write_text(
        '_C = "Ctx"\n'
        'class Dialog:\n'
        '    def f(self, name):\n'
        '        self.tr("From class")\n'
        '        tr(_C, "Via constant")\n'
        '        QCoreApplication.translate("Direct", "Literal")\n'
        '        painter.translate(10, 20)\n'  # not a translation call
        '        tr("Ctx", name)\n',  # a variable: cannot be checked
        encoding="utf-8")
    messages, dynamic = _tool().extract(package)
    assert {(m.context, m.text) for m in messages} == {
        ("Dialog", "From class"), ("Ctx", "Via constant"), ("Direct", "Literal")}
    assert dynamic == ["pkg/mod.py:8"]


def test_placeholders_must_survive_translation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tool = _tool()
    assert tool.placeholders("Saved {path} at {time:%H}") == ["{path}", "{time:%H}"]
    package = tmp_path / "src"
    package.mkdir()
    (package / "m.py").write_text('tr("C", "Saved {path}")\ntr("C", "%n cards")\n', encoding="utf-8")
    (tmp_path / "sv.json").write_text(json.dumps(
        {"C": {"Saved {path}": "Sparade {sökväg}", "%n cards": ["ett kort", "%n kort"]}}),
        encoding="utf-8")
    monkeypatch.setattr(tool, "SOURCE", package)
    monkeypatch.setattr(tool, "CATALOGUES", tmp_path)
    found = tool.problems("sv")
    assert len(found) == 1 and "{path}" in found[0]  # "ett kort" without %n is fine for n == 1


def test_wrap_tool_wraps_visible_texts_only(tmp_path: Path) -> None:
    """packaging/i18n_wrap.py: labels and f-strings wrapped, data and shortcuts left alone."""
    spec = importlib.util.spec_from_file_location("i18n_wrap", ROOT / "packaging" / "i18n_wrap.py")
    wrap = importlib.util.module_from_spec(spec)
    sys.modules["i18n_wrap"] = wrap
    spec.loader.exec_module(wrap)
    module = tmp_path / "cjm_desktop" / "ui" / "demo.py"
    module.parent.mkdir(parents=True)
    module.write_text(
        "from PySide6.QtWidgets import QLabel\n"
        "\n"
        "def build(box, path, count):\n"
        "    box.addItem(\"Landscape\", \"landscape\")\n"
        "    QLabel(f\"Saved {path} ({count:d} cards)\")\n"
        "    box.setObjectName(\"paper_box\")\n",
        encoding="utf-8")
    wrapper = wrap.Wrapper(module)
    wrapper.collect()
    result = wrapper.rewrite()
    assert 'box.addItem(tr(_C, "Landscape"), "landscape")' in result
    assert 'QLabel(tr(_C, "Saved {path} ({count:d} cards)").format(path=path, count=count))' in result
    assert 'setObjectName("paper_box")' in result
    assert "from ..i18n import tr" in result and '_C = "ui.demo"' in result
    compile(result, str(module), "exec")


def test_numbers_dates_and_sizes_follow_the_ui_language(english_afterwards) -> None:
    from datetime import datetime

    from cjm_desktop.i18n import format_datetime, format_number, format_percent, format_size

    moment = datetime(2026, 11, 23, 18, 5)
    install_translator("sv")
    assert format_number(1234.5, 1) == "1\u00a0234,5"
    assert format_percent(0.53) == "53\u00a0%"
    assert format_datetime(moment) == "2026-11-23 18:05"
    assert format_size(1_648_138) == "1,6 MB" and format_size(65_257) == "64 KB"
    install_translator("en")
    assert format_number(1234.5, 1) == "1,234.5"
    assert format_percent(0.53) == "53%"
    english = format_datetime(moment)  # en_GB here; an en_US machine writes "11/23/26 6:05 PM"
    assert "23" in english and ("18:05" in english or "6:05" in english)
    assert format_size(1_648_138) == "1.6 MB"
