"""CSV import/export of steps and cards: round trips, hostile text, bad rows, big files, CLI."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from cjm_desktop.cli import main
from cjm_desktop.csv_io import (
    COLUMNS,
    CsvError,
    export_csv,
    import_csv,
    journeys_to_csv,
    parse_csv,
)
from cjm_desktop.model import CARD_COLOURS, Card, LaneKind, reference_problems
from cjm_desktop.storage import load_project
from cjm_desktop.templates import build_template

HEADER = ",".join(COLUMNS) + "\n"


def _cards_by_cell(journey) -> list[tuple[str, str, str, str, tuple[str, ...], int]]:
    steps = {s.id: s.title for s in journey.steps}
    lanes = {lane.id: lane.name for lane in journey.lanes}
    return sorted((steps[c.step_id], lanes[c.lane_id], c.text, c.colour, tuple(c.tags), c.order)
                  for c in journey.cards)


def test_sample_round_trips(sample_file: Path, tmp_path: Path) -> None:
    project = load_project(sample_file)
    target = tmp_path / "rail.csv"
    rows = export_csv(project, target)
    assert rows == len(project.journeys[0].cards)
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")  # spreadsheet programs need the BOM
    result = import_csv(target)
    original, again = project.journeys[0], result.journeys[0]
    assert again.name == original.name
    assert [(s.title, s.emotion, s.moment_of_truth) for s in again.steps] == [
        (s.title, s.emotion, s.moment_of_truth) for s in original.steps]
    assert [s.name for s in again.stages] == [s.name for s in original.stages]
    assert [(lane.name, lane.kind) for lane in again.lanes][:4] == [
        (lane.name, lane.kind) for lane in original.lanes][:4]
    assert _cards_by_cell(again) == _cards_by_cell(original)
    assert journeys_to_csv(result.journeys) == journeys_to_csv(project.journeys)


def test_hostile_text_survives(tmp_path: Path) -> None:
    project = build_template("blank")
    journey = project.journeys[0]
    journey.name = "Resa <&> \"quoted\", comma"
    actions = journey.lanes[0]
    texts = ["<b>&amp;</b> & <script>", "🙂 emoji → arrow, å ä ö", "مرحبا بالعالم RTL עברית",
             "=SUM(A1:A3)", "-minus first", "'=already quoted", "line one\nline two; semi",
             "  spaced  "]
    for order, text in enumerate(texts):
        journey.cards.append(Card(text=text, lane_id=actions.id, step_id=journey.steps[0].id,
                                  order=order, tags=["pain point", "idé 💡"]))
    journey.steps[1].title = "@step"
    target = tmp_path / "hostile.csv"
    export_csv(project, target)
    raw = target.read_text(encoding="utf-8-sig")
    assert "'=SUM(A1:A3)" in raw and "\n=SUM" not in raw  # no live formula for a spreadsheet
    again = import_csv(target).journeys[0]
    assert again.name == journey.name
    assert [c.text for c in again.cards] == texts
    assert again.cards[0].tags == ["pain point", "idé 💡"]
    assert again.steps[1].title == "@step"
    assert len(again.steps) == len(journey.steps)  # steps without cards kept as bare rows


@pytest.mark.parametrize(("body", "row", "column", "words"), [
    ("J,S,Buy,Actions,Pays,,,eleven,\n", 2, "emotion", "score from 0 to 10"),
    ("J,S,Buy,Actions,Pays,,,,\nJ,S,Sit,Actions,Waits,mauve,,,\n", 3, "colour", "not a colour"),
    ("J,S,Buy,,Pays,,,,\n", 2, "lane", "needs a lane"),
    ("J,S,,Actions,Pays,,,,\n", 2, "step", "step is empty"),
    ("J,S,Buy,Actions,,,,,\n", 2, "text", "text is empty"),
    ("J,S,Buy,Actions,Pays,,,3,\nJ,S,Buy,Touchpoints,App,,,4,\n", 3, "emotion", "row 2"),
    ("J,S,Buy,Actions,Pays,,,,\nJ,T,Buy,Touchpoints,App,,,,\n", 3, "stage", "stage 'S'"),
    ("J,S,Buy,Actions,Pays,,,,maybe\n", 2, "moment_of_truth", "yes or no"),
    ("J,S,Buy,Actions," + "x" * 10_001 + ",,,,\n", 2, "text", "at most 10000"),
])
def test_bad_row_names_row_and_column(body: str, row: int, column: str, words: str) -> None:
    with pytest.raises(CsvError) as caught:
        parse_csv((HEADER + "J,S,Fine,Actions,ok,,,,\n" * 0 + body).encode(), "plan.csv")
    error = caught.value
    assert (error.row, error.column) == (row, column)
    assert words in error.message
    assert error.message.startswith(f"'plan.csv' row {row}, column {column}: ")
    assert "Nothing was imported" in error.message


def test_empty_and_headless_files(tmp_path: Path) -> None:
    with pytest.raises(CsvError, match="empty"):
        parse_csv(b"", "e.csv")
    with pytest.raises(CsvError, match="empty"):
        parse_csv(b"\xef\xbb\xbf \n", "e.csv")
    with pytest.raises(CsvError, match="no 'step' column"):
        parse_csv(b"text,lane\nhello,Actions\n", "e.csv")
    with pytest.raises(CsvError, match="not UTF-8") as caught:
        parse_csv(HEADER.encode() + "J,S,Köp,Actions,x,,,,\n".encode("latin-1"), "e.csv")
    assert caught.value.row == 2
    assert parse_csv(HEADER.encode(), "h.csv").journeys == []
    with pytest.raises(CsvError, match="does not exist"):
        import_csv(tmp_path / "missing.csv")


def test_spreadsheet_variants() -> None:
    data = ("Step;Lane;Text;Tags;Colour;Notes\r\n"
            "Buy;actions;Pays;a, b;BLUE;ignored\r\n\r\n"
            "Buy;Queue;Waits;;#AbCdEf;\r\n").encode("utf-8-sig")
    result = parse_csv(data)
    journey = result.journeys[0]
    assert journey.name == "Customer journey"
    assert [lane.kind for lane in journey.lanes] == [
        LaneKind.ACTIONS, LaneKind.TOUCHPOINTS, LaneKind.SERVICE_DELIVERY, LaneKind.BACKOFFICE,
        LaneKind.CUSTOM]
    assert journey.cards[0].tags == ["a", "b"] and journey.cards[0].colour == CARD_COLOURS["blue"]
    assert journey.cards[1].colour == "#abcdef"
    assert result.warnings == ["column 'Notes' is not known and was ignored"]
    assert reference_problems_ok(journey)


def reference_problems_ok(journey) -> bool:
    from cjm_desktop.model import Project

    return reference_problems(Project(journeys=[journey])) == []


def test_ten_thousand_rows_import_quickly(tmp_path: Path) -> None:
    lines = [HEADER]
    for i in range(10_000):
        lines.append(f"Big,Stage {i // 500},Step {i // 50},Lane {i % 4},Card {i} 🙂 <&>,green,"
                     f"\"t{i % 7}, pain point\",{i // 50 % 11},{'yes' if i % 50 == 0 else ''}\n")
    path = tmp_path / "big.csv"
    path.write_text("".join(lines), encoding="utf-8")
    start = time.perf_counter()
    result = import_csv(path)
    elapsed = time.perf_counter() - start
    journey = result.journeys[0]
    assert len(journey.cards) == 10_000 and len(journey.steps) == 200 and len(journey.stages) == 20
    assert reference_problems_ok(journey)
    assert elapsed < 5.0, f"10,000 rows took {elapsed:.2f} s"
    print(f"\n10,000-row CSV import: {elapsed * 1000:.0f} ms")
    # A bad cell at the very end still means nothing is built.
    path.write_text("".join(lines) + "Big,Stage 0,Step 0,Lane 0,x,,,,nope\n", encoding="utf-8")
    with pytest.raises(CsvError) as caught:
        import_csv(path)
    assert caught.value.row == 10_002


def test_cli_import_and_export(sample_file: Path, tmp_path: Path,
                               capsys: pytest.CaptureFixture[str]) -> None:
    out_csv = tmp_path / "rail.csv"
    assert main(["export", str(sample_file), "-o", str(out_csv)]) == 0
    out_map = tmp_path / "rail.cjm"
    assert main(["import-csv", str(out_csv), "-o", str(out_map)]) == 0
    assert len(load_project(out_map).journeys[0].cards) == len(
        load_project(sample_file).journeys[0].cards)
    assert main(["import-csv", str(out_csv), "-o", str(out_map)]) == 1  # exists
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "J,S,Buy,Actions,Pays,,,12,\n", encoding="utf-8")
    target = tmp_path / "never.cjm"
    assert main(["import-csv", str(bad), "-o", str(target)]) == 1
    assert not target.exists()
    err = capsys.readouterr().err
    assert "row 2, column emotion" in err and "Traceback" not in err
    assert main(["import-csv", str(bad), "-o", str(tmp_path / "x.pdf")]) == 2
    assert main(["export", str(sample_file), "-o", str(tmp_path / "x.csv"),
                 "--journey", "no such"]) == 2
    assert main(["export", str(tmp_path / "missing.cjm"), "-o", str(tmp_path / "y.csv")]) == 1
