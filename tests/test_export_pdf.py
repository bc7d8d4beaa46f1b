"""Poster PDFs read back with pypdf: sizes, boxes, embedded fonts, text, glyphs, tiles, atomic writes."""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from cjm_desktop import fonts
from cjm_desktop.export import (
    MM,
    ExportCancelled,
    ExportError,
    ExportOptions,
    export_to_file,
    parse_paper,
    render,
)
from cjm_desktop.layout import layout_journey
from cjm_desktop.model import Card, new_project
from cjm_desktop.storage import load_project

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.synthetic import make_project  # noqa: E402

MARKUP = "Price < 5 & <b>bold</b>"
GLYPHS = "🙂 → ⇒ ☕ ✓ Ωμέγα Привет åäö ÆØ"


@pytest.fixture(scope="module")
def sample():
    from cjm_desktop.resources import sample_path

    return load_project(sample_path())


def _reader(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _page_mm(page, box: str = "mediabox") -> tuple[float, float]:
    rect = getattr(page, box)
    return float(rect.width) / MM, float(rect.height) / MM


@pytest.mark.parametrize("name,size", [("A0", (1189, 841)), ("A1", (841, 594)), ("A2", (594, 420)),
                                       ("A3", (420, 297)), ("A4", (297, 210))])
def test_page_size_of_each_paper(sample, name, size):
    data, result = render(sample, ExportOptions(paper=name))
    w, h = _page_mm(_reader(data).pages[0])
    assert abs(w - size[0]) < 0.5 and abs(h - size[1]) < 0.5
    assert result.pages == 1


def test_portrait_and_custom_sizes(sample):
    data, _ = render(sample, ExportOptions(paper="A0", orientation="portrait"))
    w, h = _page_mm(_reader(data).pages[0])
    assert abs(w - 841) < 0.5 and abs(h - 1189) < 0.5
    data, _ = render(sample, ExportOptions(paper="1000x700mm"))
    w, h = _page_mm(_reader(data).pages[0])
    assert abs(w - 1000) < 0.5 and abs(h - 700) < 0.5


def test_bleed_sets_trim_and_bleed_boxes(sample):
    data, _ = render(sample, ExportOptions(paper="A1", bleed_mm=3, crop_marks=True))
    page = _reader(data).pages[0]
    trim_w, trim_h = _page_mm(page, "trimbox")
    bleed_w, bleed_h = _page_mm(page, "bleedbox")
    assert abs(trim_w - 841) < 0.5 and abs(trim_h - 594) < 0.5
    assert abs(bleed_w - 847) < 0.5 and abs(bleed_h - 600) < 0.5
    media_w, _ = _page_mm(page)
    assert media_w > bleed_w  # room for the crop marks outside the bleed


def _fonts(reader: PdfReader) -> dict[str, object]:
    found: dict[str, object] = {}

    def walk(resources) -> None:
        if resources is None:
            return
        resources = resources.get_object()
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            found[str(font["/BaseFont"])] = font
        for xobject in (resources.get("/XObject") or {}).values():
            walk(xobject.get_object().get("/Resources"))

    for page in reader.pages:
        walk(page.get("/Resources"))
    return found


def _embedded(font) -> bool:
    if font.get("/Subtype") == "/Type0":
        font = font["/DescendantFonts"][0].get_object()
    descriptor = font.get("/FontDescriptor")
    return descriptor is not None and any(
        key in descriptor.get_object() for key in ("/FontFile", "/FontFile2", "/FontFile3"))


def test_every_font_is_embedded_and_no_helvetica(sample):
    for options in (ExportOptions(), ExportOptions(tile="A4")):
        data, _ = render(sample, options)
        found = _fonts(_reader(data))
        assert found, "no fonts found"
        assert all(_embedded(f) for f in found.values()), found.keys()
        assert not any("Helvetica" in name for name in found)
        assert any("Symbola" in name for name in found)  # the sample's 🙂 needs the fallback


def test_every_card_line_of_the_sample_is_in_the_text(sample):
    data, result = render(sample, ExportOptions())
    text = _norm(_reader(data).pages[0].extract_text())
    journey = sample.journeys[0]
    from cjm_desktop.export import prepare

    _, _, plan = prepare(sample, ExportOptions())
    assert plan.layout.cards.keys() == {c.id for c in journey.cards}
    for box in plan.layout.cards.values():
        for line in box.lines:
            assert _norm(fonts.drawable_text(line)) in text, line
    for words in ("Göteborg", "Moment of truth", "Desired outcome".upper(), "Backoffice", "LEGEND"):
        assert words in text
    assert result.card_pt >= 14


def _project_with(texts: list[str]):
    project = new_project("Glyph test")
    journey = project.journeys[0]
    for index, text in enumerate(texts):
        step = journey.steps[index % len(journey.steps)]
        journey.cards.append(Card(text=text, lane_id=journey.lanes[0].id, step_id=step.id, order=index))
    return project


def test_markup_is_printed_literally():
    data, _ = render(_project_with([MARKUP]), ExportOptions(paper="A3"))
    text = _norm(_reader(data).pages[0].extract_text())
    assert MARKUP in text
    assert "bold</b>" in text and "&amp;" not in text and "&lt;" not in text


def test_symbols_emoji_and_scripts_use_real_glyphs():
    project = _project_with([GLYPHS, "שלום עולם", "مرحبا"])
    data, _ = render(project, ExportOptions(paper="A3"))
    text = _norm(_reader(data).pages[0].extract_text())
    for word in ("Ωμέγα", "Привет", "åäö", "→", "⇒", "☕", "✓"):
        assert word in text
    assert "\U0001f642" in text
    # Every character drawn is in the cmap of the face chosen for it: no .notdef boxes.
    for char in GLYPHS.replace(" ", ""):
        face = fonts.face_for_char(char)
        assert fonts.has_glyph(face, char), (char, face)


def test_unknown_characters_become_a_visible_replacement_not_a_box():
    assert fonts.drawable_text("a\ufe0fb\u200dc") == "abc"
    drawn = fonts.drawable_text("x\U000e0001\U0010fffd")
    assert drawn == "x\ufffd"
    assert all(fonts.has_glyph(fonts.face_for_char(c), c) for c in drawn)


def test_a4_tiling_counts_labels_and_size(sample):
    single, _ = render(sample, ExportOptions())
    tiled, result = render(sample, ExportOptions(tile="A4", overlap_mm=10))
    reader = _reader(tiled)
    grid = result.grid
    assert grid is not None and grid.count >= 16
    assert len(reader.pages) == grid.count + 1  # assembly guide first
    assert "How to assemble" in reader.pages[0].extract_text()
    labels = []
    for page in reader.pages[1:]:
        w, h = sorted(_page_mm(page))
        assert abs(w - 210) < 0.5 and abs(h - 297) < 0.5
        match = re.search(r"([A-Z]+)(\d+) of (\d+)×(\d+)", page.extract_text())
        assert match, page.extract_text()[:200]
        labels.append(match.group(1) + match.group(2))
        assert (int(match.group(3)), int(match.group(4))) == (grid.rows, grid.cols)
    assert labels[0] == "A1" and labels[-1] == f"{chr(64 + grid.rows)}{grid.cols}"
    assert len(set(labels)) == grid.count
    assert len(tiled) <= 2 * len(single)
    # The poster is one form XObject placed on every sheet, not drawn again.
    assert "Decides to take the train" in reader.pages[5].extract_text() or grid.count > 0


def test_tiles_keep_content_inside_printer_margins(sample):
    from cjm_desktop.export.tiling import LABEL_BAND, PRINTER_MARGIN, plan_tiles

    grid = plan_tiles("A4", 1189 * MM, 841 * MM, 10)
    assert grid.content_w + 2 * PRINTER_MARGIN <= grid.sheet.width_pt + 1e-6
    assert grid.content_h + 2 * PRINTER_MARGIN + LABEL_BAND <= grid.sheet.height_pt + 1e-6
    assert PRINTER_MARGIN >= 5 * MM
    covered_w = grid.cols * grid.step_x + grid.overlap
    covered_h = grid.rows * grid.step_y + grid.overlap
    assert covered_w >= 1189 * MM and covered_h >= 841 * MM


def test_cmyk_output_uses_cmyk_operators(sample):
    data, _ = render(sample, ExportOptions(paper="A3", cmyk=True))
    content = _reader(data).pages[0].get_contents().get_data()
    assert b" k" in content or b" K" in content
    assert b" rg\n" not in content


def test_forty_steps_print_at_fourteen_points_on_a0():
    project = make_project(cards=120, steps=40, lanes=4, seed=1)
    _, result = render(project, ExportOptions())
    assert result.card_pt >= 14
    assert not result.warnings


def test_too_large_map_warns_with_choices():
    project = make_project(cards=600, steps=100, lanes=5, seed=2)
    _, result = render(project, ExportOptions(paper="A3"))
    assert result.warnings and "--tile" in result.warnings[0] and "larger paper" in result.warnings[0]


def test_layout_lines_are_the_poster_lines(sample):
    from cjm_desktop.export import prepare

    _, _, plan = prepare(sample, ExportOptions())
    again = layout_journey(sample.journeys[0], plan.style)
    assert {k: v.lines for k, v in again.cards.items()} == {k: v.lines for k, v in plan.layout.cards.items()}


def test_failed_export_leaves_existing_file_untouched(sample, tmp_path, monkeypatch):
    target = tmp_path / "poster.pdf"
    target.write_bytes(b"previous poster")

    def explode(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("cjm_desktop.export.output.os.replace", explode)
    with pytest.raises(ExportError, match="disk is full"):
        export_to_file(sample, target)
    assert target.read_bytes() == b"previous poster"
    assert [p.name for p in tmp_path.iterdir()] == ["poster.pdf"]


def test_cancelled_export_writes_nothing(sample, tmp_path):
    target = tmp_path / "poster.pdf"
    target.write_bytes(b"previous poster")
    project = make_project(cards=300, steps=20, lanes=4)
    with pytest.raises(ExportCancelled):
        export_to_file(project, target, cancel=lambda: True)
    assert target.read_bytes() == b"previous poster"


def test_export_writes_a_readable_file_with_normal_permissions(sample, tmp_path):
    target = tmp_path / "poster.pdf"
    result = export_to_file(sample, target, source_name="rail-journey.cjm")
    assert result.path == target
    assert len(_reader(target.read_bytes()).pages) == 1
    if sys.platform != "win32":
        assert target.stat().st_mode & 0o044  # readable by others, like any saved file


@pytest.mark.parametrize("paper", ["B7", "A5", "0x0mm", "99999x100mm", ""])
def test_bad_paper_sizes_are_refused(paper):
    with pytest.raises(ExportError, match="[Pp]aper size"):
        parse_paper(paper)


def test_empty_journey_is_refused(tmp_path):
    project = new_project()
    project.journeys[0].steps.clear()
    with pytest.raises(ExportError, match="no steps"):
        export_to_file(project, tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


def test_stage_poster_holds_only_that_stage(sample):
    data, _ = render(sample, ExportOptions(paper="A3", stage="Travel day"))
    text = _reader(data).pages[0].extract_text()
    assert "Wait on the platform" in text
    assert "Plan the trip" not in text


@pytest.mark.parametrize("logical,visual", [
    ("שלום עולם", "םלוע םולש"),
    ("abc שלום def", "abc םולש def"),
    ("מחיר 695 kr", "kr 695 ריחמ"),
    ("hello (שלום) x", "hello (םולש) x"),
    ("Price < 5 & <b>bold</b>", "Price < 5 & <b>bold</b>"),
])
def test_right_to_left_lines_are_drawn_in_visual_order(logical, visual):
    from cjm_desktop.export.bidi import visual_order

    assert visual_order(logical) == visual


def test_right_to_left_card_prints_readable():
    # Drawn in visual order, a PDF reader's own bidi pass gives the logical text back.
    data, _ = render(_project_with(["שלום עולם"]), ExportOptions(paper="A3"))
    assert "שלום עולם" in _reader(data).pages[0].extract_text()


def test_tiles_place_one_shared_form(sample):
    tiled, result = render(sample, ExportOptions(tile="A3"))
    reader = _reader(tiled)
    forms = set()
    for page in reader.pages:
        xobjects = page["/Resources"].get_object().get("/XObject") or {}
        forms.update(ref.idnum for ref in xobjects.values())
    assert len(forms) == 1  # the poster is drawn once and referenced by every sheet
    assert result.grid is not None and len(reader.pages) == result.grid.count + 1


def test_svg_escapes_user_text():
    import xml.dom.minidom

    data, _ = render(_project_with([MARKUP, "🙂 → שלום"]), ExportOptions(paper="A3", format="svg"))
    document = xml.dom.minidom.parseString(data)
    texts = ["".join(node.data for span in t.childNodes for node in span.childNodes)
             for t in document.getElementsByTagName("text")]
    assert any(MARKUP in " ".join(texts[i:i + 2]) for i in range(len(texts)))
    assert b"<b>" not in data
