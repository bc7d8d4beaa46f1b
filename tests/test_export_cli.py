"""`cjm-desktop export`: exit codes, one-line messages, no tracebacks, no Qt for PDF."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from cjm_desktop.cli import main


def _run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["export", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_exports_a0_pdf(sample_file, tmp_path, capsys):
    target = tmp_path / "poster.pdf"
    code, out, err = _run(capsys, str(sample_file), "-o", str(target))
    assert code == 0, err
    assert "A0" in out and "card text" in out
    assert len(PdfReader(target).pages) == 1


def test_tiled_export_reports_sheets(sample_file, tmp_path, capsys):
    target = tmp_path / "tiles.pdf"
    code, out, _ = _run(capsys, str(sample_file), "-o", str(target), "--tile", "a4", "--overlap", "12")
    assert code == 0
    assert "A4 sheets" in out and "assembly guide" in out


def test_svg_export_is_escaped_xml(sample_file, tmp_path, capsys):
    import xml.dom.minidom

    target = tmp_path / "poster.svg"
    code, _, err = _run(capsys, str(sample_file), "-o", str(target), "--paper", "A3")
    assert code == 0, err
    xml.dom.minidom.parse(str(target))
    assert "Stockholm" in target.read_text(encoding="utf-8")


@pytest.mark.parametrize("extra,message", [
    (["--paper", "B7"], "Unknown paper size 'B7'"),
    (["--journey", "nope"], "No journey called 'nope'"),
    (["--bleed", "50"], "Bleed must be between"),
    (["--stage", "nope"], "No stage called 'nope'"),
])
def test_bad_options_give_one_line_and_exit_2(sample_file, tmp_path, capsys, extra, message):
    code, out, err = _run(capsys, str(sample_file), "-o", str(tmp_path / "x.pdf"), *extra)
    assert code == 2
    assert err.startswith("error: ") and message in err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert not (tmp_path / "x.pdf").exists()


def test_unwritable_path(sample_file, tmp_path, capsys):
    code, _, err = _run(capsys, str(sample_file), "-o", str(tmp_path / "missing" / "x.pdf"))
    assert code == 2 and "does not exist" in err


def test_unknown_extension(sample_file, tmp_path, capsys):
    code, _, err = _run(capsys, str(sample_file), "-o", str(tmp_path / "x.docx"))
    assert code == 2 and ".pdf, .png or .svg" in err


def test_missing_map_file(tmp_path, capsys):
    code, _, err = _run(capsys, str(tmp_path / "none.cjm"), "-o", str(tmp_path / "x.pdf"))
    assert code == 1 and "does not exist" in err


def test_empty_journey(tmp_path, capsys):
    from cjm_desktop.model import new_project
    from cjm_desktop.storage import save_project

    project = new_project("Empty")
    project.journeys[0].steps.clear()
    source = tmp_path / "empty.cjm"
    save_project(project, source)
    code, _, err = _run(capsys, str(source), "-o", str(tmp_path / "x.pdf"))
    assert code == 2 and "no steps" in err


def test_pdf_export_imports_no_qt(sample_file, tmp_path):
    script = (
        "import sys\n"
        "from cjm_desktop.cli import main\n"
        f"code = main(['export', {str(sample_file)!r}, '-o', {str(tmp_path / 'p.pdf')!r}, '--paper', 'A2'])\n"
        "assert code == 0\n"
        "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt imported'\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True, timeout=60)
    assert Path(tmp_path / "p.pdf").stat().st_size > 10_000


def test_png_export(sample_file, tmp_path, capsys):
    target = tmp_path / "poster.png"
    code, _, err = _run(capsys, str(sample_file), "-o", str(target), "--paper", "A4", "--dpi", "40")
    assert code == 0, err
    data = target.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width = int.from_bytes(data[16:20], "big")
    assert abs(width - round(297 / 25.4 * 40)) <= 1


def test_png_too_large_is_refused(sample_file, tmp_path, capsys):
    code, _, err = _run(capsys, str(sample_file), "-o", str(tmp_path / "x.png"), "--dpi", "1200")
    assert code == 2 and "dpi or less" in err and "too large to render" in err


@pytest.mark.parametrize("suffix", [".pdf", ".csv"])
def test_a_file_name_too_long_for_the_disk_is_one_clear_line(sample_file, tmp_path, capsys,
                                                             suffix):
    target = tmp_path / ("poster-" * 60 + suffix)  # over 255 bytes
    code, _, err = _run(capsys, str(sample_file), "-o", str(target))
    assert code != 0 and "too long" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
