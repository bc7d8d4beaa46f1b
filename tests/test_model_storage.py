"""Model round trips, schema-free file checks and the clear errors for bad files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cjm_desktop.model import Card, new_project
from cjm_desktop.storage import (
    NewerFormatError,
    ProjectFileError,
    dumps,
    load_project,
    loads,
    save_project,
)


def test_sample_loads_with_method_content(sample_file: Path) -> None:
    project = load_project(sample_file)
    journey = project.journeys[0]
    assert len(journey.steps) >= 8
    assert len({s.stage_id for s in journey.steps}) >= 3
    assert sum(s.moment_of_truth for s in journey.steps) == 2
    assert all(s.emotion is not None for s in journey.steps)
    lanes_used = {c.lane_id for c in journey.cards}
    assert lanes_used == {lane.id for lane in journey.lanes}
    text = " ".join(c.text for c in journey.cards) + " ".join(s.title for s in journey.steps)
    for needle in ("ö", "→", "🙂"):
        assert needle in text or needle in dumps(project).decode()


def test_round_trip_is_identical(tmp_path: Path, sample_file: Path) -> None:
    project = load_project(sample_file)
    out = tmp_path / "copy.cjm"
    save_project(project, out)
    again = load_project(out)
    assert again == project
    assert out.read_bytes() == dumps(again)


def test_unknown_fields_survive_round_trip(tmp_path: Path) -> None:
    doc = json.loads(dumps(new_project()))
    doc["from_the_future"] = {"x": 1}
    doc["journeys"][0]["steps"][0]["mood_colour"] = "teal"
    project = loads(json.dumps(doc).encode())
    again = json.loads(dumps(project))
    assert again["from_the_future"] == {"x": 1}
    assert again["journeys"][0]["steps"][0]["mood_colour"] == "teal"


def _write(tmp_path: Path, content: bytes | str) -> Path:
    path = tmp_path / "bad.cjm"
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return path


def _valid_doc() -> dict:
    return json.loads(dumps(new_project()))


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("{not json", "not valid JSON"),
        (b"\xff\xfe\x00garbage", "not text"),
        ("[1, 2, 3]", "not a cjm-desktop map"),
        ('{"format": "other"}', "not a cjm-desktop map"),
        ('{"format": "cjm-desktop", "format_version": "one"}', "format version"),
        ("[" * 10_000 + "]" * 10_000, "nested too deeply"),
        ("", "not valid JSON"),
    ],
)
def test_bad_files_give_one_clear_message(tmp_path: Path, content, expected: str) -> None:
    path = _write(tmp_path, content)
    with pytest.raises(ProjectFileError) as info:
        load_project(path)
    message = info.value.message
    assert expected in message
    assert str(path) in message
    assert "Traceback" not in message and "\n" not in message


def test_newer_version_is_refused(tmp_path: Path) -> None:
    doc = _valid_doc()
    doc["format_version"] = 99
    with pytest.raises(NewerFormatError) as info:
        load_project(_write(tmp_path, json.dumps(doc)))
    assert "newer" in info.value.message and "99" in info.value.message


def test_missing_and_wrong_fields_name_the_location(tmp_path: Path) -> None:
    doc = _valid_doc()
    del doc["journeys"][0]["lanes"][0]["id"]
    doc["journeys"][0]["lanes"][0]["id"] = None
    with pytest.raises(ProjectFileError) as info:
        load_project(_write(tmp_path, json.dumps(doc)))
    assert "journeys → #1 → lanes → #1 → id" in info.value.message
    doc = _valid_doc()
    doc["journeys"][0]["steps"][0]["emotion"] = 42
    with pytest.raises(ProjectFileError) as info:
        load_project(_write(tmp_path, json.dumps(doc)))
    assert "steps → #1 → emotion" in info.value.message


def test_dangling_references_are_named(tmp_path: Path) -> None:
    project = new_project()
    journey = project.journeys[0]
    journey.cards.append(Card(text="Buy ticket", lane_id=journey.lanes[0].id, step_id="gone"))
    path = tmp_path / "dangling.cjm"
    path.write_bytes(dumps(project))
    with pytest.raises(ProjectFileError) as info:
        load_project(path)
    assert "card 'Buy ticket'" in info.value.message
    assert "step that does not exist" in info.value.message


def test_absurdly_large_text_is_refused(tmp_path: Path) -> None:
    doc = _valid_doc()
    doc["title"] = "x" * 1_000_000
    with pytest.raises(ProjectFileError) as info:
        load_project(_write(tmp_path, json.dumps(doc)))
    assert "too long" in info.value.message


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(ProjectFileError, match="does not exist"):
        load_project(tmp_path / "nope.cjm")
    with pytest.raises(ProjectFileError, match="folder"):
        load_project(tmp_path)


def test_markup_emoji_and_rtl_text_round_trip(tmp_path: Path) -> None:
    project = new_project()
    journey = project.journeys[0]
    texts = ["Price < 5 & <b>bold</b>", "🙂🚆 → ✓", "مرحبا بالعالم", "Ågren säger ö"]
    for text in texts:
        journey.cards.append(
            Card(text=text, lane_id=journey.lanes[0].id, step_id=journey.steps[0].id))
    out = tmp_path / "odd.cjm"
    save_project(project, out)
    assert [c.text for c in load_project(out).journeys[0].cards] == texts
