"""`cjm-desktop merge` and `cjm-desktop share`: exit codes, messages, atomic output, no Qt."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from cjm_desktop.cli import main
from cjm_desktop.model import Card
from cjm_desktop.storage import load_project, save_project
from tests.merge_helpers import copy_of, small_map


@pytest.fixture
def workshop(tmp_path: Path) -> dict[str, Path]:
    base = small_map()
    anna, bob = copy_of(base), copy_of(base)
    journey = base.journeys[0]
    anna.journeys[0].cards.append(Card(text="Anna <&> 🙂", lane_id=journey.lanes[0].id,
                                       step_id=journey.steps[0].id))
    anna.journeys[0].cards[0].text = "Anna's edit"
    bob.journeys[0].cards[0].text = "Bob's edit"
    bob.journeys[0].steps[0].emotion = 2
    paths = {"base": tmp_path / "base.cjm", "anna": tmp_path / "anna.cjm", "bob": tmp_path / "bob.cjm"}
    for name, project in (("base", base), ("anna", anna), ("bob", bob)):
        save_project(project, paths[name])
    return paths


def test_merge_writes_the_map_and_the_report(workshop, tmp_path, capsys):
    out, report = tmp_path / "out.cjm", tmp_path / "report.txt"
    code = main(["merge", str(workshop["base"]), str(workshop["anna"]), str(workshop["bob"]),
                 "-o", str(out), "--report", str(report)])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "anna (" in captured.out and "1 conflict to review" in captured.out
    merged = load_project(out)
    texts = {c.text for c in merged.journeys[0].cards}
    assert {"Anna <&> 🙂", "Anna's edit", "Bob's edit"} <= texts
    assert merged.journeys[0].steps[0].emotion_scores == {"bob": 2}
    text = report.read_text(encoding="utf-8")
    assert "card 'Anna <&> 🙂'" in text and "bob scored 2" in text and str(workshop["base"]) in text


def test_merge_output_replaces_atomically_with_a_backup(workshop, tmp_path):
    out = tmp_path / "out.cjm"
    out.write_text("previous content", encoding="utf-8")
    assert main(["merge", str(workshop["base"]), str(workshop["anna"]), "-o", str(out)]) == 0
    assert (tmp_path / "out.cjm.bak").read_text(encoding="utf-8") == "previous content"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    load_project(out)


@pytest.mark.parametrize(("content", "expected"), [
    (b"{not json", "is not valid JSON"),
    (b'{"format": "something-else"}', "not a cjm-desktop map"),
])
def test_a_bad_participant_file_fails_with_one_clear_line(workshop, tmp_path, capsys, content, expected):
    bad = tmp_path / "broken.cjm"
    bad.write_bytes(content)
    out = tmp_path / "out.cjm"
    assert main(["merge", str(workshop["base"]), str(workshop["anna"]), str(bad), "-o", str(out)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: ") and "broken.cjm" in err and expected in err
    assert "\n" not in err and "Traceback" not in err
    assert not out.exists()


def test_a_missing_file_and_a_foreign_map_are_refused(workshop, tmp_path, capsys):
    out = tmp_path / "out.cjm"
    assert main(["merge", str(workshop["base"]), str(tmp_path / "nope.cjm"), "-o", str(out)]) == 1
    assert "does not exist" in capsys.readouterr().err
    stranger = small_map()
    stranger.id = "another-map"
    save_project(stranger, tmp_path / "stranger.cjm")
    assert main(["merge", str(workshop["base"]), str(tmp_path / "stranger.cjm"), "-o", str(out)]) == 1
    assert "not a copy of this map" in capsys.readouterr().err
    assert not out.exists()


def test_an_output_under_a_file_is_reported(workshop, tmp_path, capsys):
    # Works for root as well: no permission bits are involved.
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    assert main(["merge", str(workshop["base"]), str(workshop["anna"]),
                 "-o", str(blocker / "out.cjm")]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: ") and "could not be saved" in err and "Traceback" not in err


def test_a_missing_output_folder_is_reported(workshop, tmp_path, capsys):
    target = tmp_path / "gone" / "out.cjm"
    assert main(["merge", str(workshop["base"]), str(workshop["anna"]), "-o", str(target)]) == 1
    err = capsys.readouterr().err
    assert "out.cjm" in err and "Traceback" not in err


def test_share_exports_a_small_file_that_merge_accepts(workshop, tmp_path, capsys):
    share = tmp_path / "anna-cards.cjm"
    assert main(["share", str(workshop["anna"]), "--base", str(workshop["base"]), "-o", str(share),
                 "--name", "Anna"]) == 0
    assert "2 cards" in capsys.readouterr().out
    delta = load_project(share)
    assert delta.delta_of == delta.id and delta.participant == "Anna"
    assert {c.text for c in delta.journeys[0].cards} == {"Anna <&> 🙂", "Anna's edit"}
    assert share.stat().st_size < workshop["anna"].stat().st_size
    out = tmp_path / "out.cjm"
    assert main(["merge", str(workshop["base"]), str(share), "-o", str(out)]) == 0
    assert "Anna (" in capsys.readouterr().out
    assert len(load_project(out).journeys[0].cards) == 7  # nothing deleted by a delta


def test_share_with_nothing_changed_and_with_the_wrong_base(workshop, tmp_path, capsys):
    out = tmp_path / "empty.cjm"
    assert main(["share", str(workshop["base"]), "--base", str(workshop["base"]), "-o", str(out)]) == 0
    assert "Nothing changed" in capsys.readouterr().out
    assert load_project(out).journeys == []
    stranger = small_map()
    stranger.id = "another-map"
    save_project(stranger, tmp_path / "stranger.cjm")
    assert main(["share", str(workshop["anna"]), "--base", str(tmp_path / "stranger.cjm"),
                 "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "anna.cjm" in err and "stranger.cjm" in err and "different map ids" in err


def test_merge_and_share_run_without_qt(workshop, tmp_path):
    script = (
        "import sys\n"
        "from cjm_desktop.cli import main\n"
        f"assert main(['share', {str(workshop['anna'])!r}, '--base', {str(workshop['base'])!r},"
        f" '-o', {str(tmp_path / 's.cjm')!r}]) == 0\n"
        f"assert main(['merge', {str(workshop['base'])!r}, {str(tmp_path / 's.cjm')!r},"
        f" '-o', {str(tmp_path / 'o.cjm')!r}]) == 0\n"
        "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt was imported'\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
