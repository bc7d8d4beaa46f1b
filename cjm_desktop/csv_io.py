"""CSV import and export of steps and cards, for teams that prepared in a spreadsheet.

Pure Python (no Qt). One row is one card; a row with an empty lane and text is a step
without cards. Step-level columns (stage, emotion, moment_of_truth) may repeat on every
card row of the step, but must then agree. Import checks every row before it builds
anything, so a bad row means nothing at all is imported.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from .model import (
    CARD_COLOURS,
    DEFAULT_CARD_COLOUR,
    MAX_LONG_TEXT,
    MAX_SHORT_TEXT,
    STANDARD_LANE_NAMES,
    Card,
    Journey,
    Lane,
    LaneKind,
    Project,
    Stage,
    Step,
)
from .translate import tr

_C = "csv_io"  # translation context of this module

COLUMNS = ("journey", "stage", "step", "lane", "text", "colour", "tags", "emotion",
           "moment_of_truth")
DEFAULT_JOURNEY = "Customer journey"
MAX_CSV_BYTES = 50 * 1024 * 1024
MAX_ROWS = 200_000
_TRUE = {"yes", "y", "true", "1", "x", "✓"}
_FALSE = {"", "no", "n", "false", "0"}
# Spreadsheets run cells starting with these as formulas; a leading apostrophe defuses that
# on export and is taken off again on import.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class CsvError(Exception):
    """A problem with a CSV file, phrased for the person who made the spreadsheet."""

    def __init__(self, source: str, problem: str, row: int | None = None,
                 column: str | None = None) -> None:
        self.source, self.problem, self.row, self.column = source, problem, row, column
        super().__init__(self.message)

    @property
    def message(self) -> str:
        where = f"'{self.source}'"
        if self.row is not None:
            where += " " + tr(_C, "row {row}").format(row=self.row)
        if self.column is not None:
            where += ", " + tr(_C, "column {column}").format(column=self.column)
        return tr(_C, "{where}: {problem}. Nothing was imported; fix the file and import it "
                      "again.").format(where=where, problem=self.problem)


@dataclass
class CsvImport:
    journeys: list[Journey]
    rows: int
    warnings: list[str] = field(default_factory=list)

    @property
    def cards(self) -> int:
        return sum(len(j.cards) for j in self.journeys)


# ----- export ---------------------------------------------------------------------
def _cell(text: str) -> str:
    if text.startswith(_FORMULA_START) or (text[:1] == "'" and text[1:2] in _FORMULA_START):
        return "'" + text
    return text


def _colour_name(colour: str) -> str:
    for name, value in CARD_COLOURS.items():
        if value == colour.lower():
            return name
    return colour


def journeys_to_csv(journeys: list[Journey]) -> str:
    """CSV text (header included) for the given journeys, cards in reading order."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for journey in journeys:
        stages = {s.id: s.name for s in journey.stages}
        for step in journey.steps:
            stage = stages.get(step.stage_id or "", "")
            emotion = "" if step.emotion is None else str(step.emotion)
            mot = "yes" if step.moment_of_truth else ""
            base = [_cell(journey.name), _cell(stage), _cell(step.title)]
            rows = 0
            for lane in journey.lanes:
                for card in journey.cards_in_cell(lane.id, step.id):
                    writer.writerow(base + [_cell(lane.name), _cell(card.text),
                                            _colour_name(card.colour),
                                            _cell(", ".join(card.tags)), emotion, mot])
                    rows += 1
            if rows == 0:
                writer.writerow(base + ["", "", "", "", emotion, mot])
    return out.getvalue()


def export_csv(project: Project, path: Path | str, journey_ids: list[str] | None = None) -> int:
    """Atomically write the project's journeys (or the chosen ones); returns the row count."""
    from .storage import write_atomically

    journeys = [j for j in project.journeys if journey_ids is None or j.id in journey_ids]
    text = journeys_to_csv(journeys)
    # UTF-8 with BOM: spreadsheet programs otherwise guess a legacy code page and mangle å/ä/ö.
    write_atomically(path, ("\ufeff" + text).encode("utf-8"), backup=False)
    return text.count("\r\n") - 1


# ----- import ---------------------------------------------------------------------
def _uncell(text: str) -> str:
    # Mirrors _cell: one apostrophe comes off when it guards a formula start (or a guard).
    guarded = text[1:2] in _FORMULA_START or (text[1:2] == "'" and text[2:3] in _FORMULA_START)
    if text[:1] == "'" and guarded and text[1:2]:
        return text[1:]
    return text


def _delimiter(first_line: str) -> str:
    # Spreadsheets in many European locales write ';' instead of ','.
    counts = {d: first_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _decode(data: bytes, source: str) -> str:
    if len(data) > MAX_CSV_BYTES:
        raise CsvError(source, tr(_C, "the file is larger than {size} MB").format(
            size=MAX_CSV_BYTES // (1024 * 1024)))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise CsvError(source, tr(_C, "the file is not UTF-8 text (save it as 'CSV UTF-8' in your "
                                      "spreadsheet program)"), row=line) from None


@dataclass
class _StepDraft:
    step: Step
    stage_name: str
    stage_row: int
    emotion_row: int | None
    mot_row: int | None


class _JourneyDraft:
    def __init__(self, name: str) -> None:
        self.journey = Journey(name=name, lanes=[])
        self.steps: dict[str, _StepDraft] = {}
        self.stages: dict[str, Stage] = {}
        self.lanes: dict[str, Lane] = {}


def _lane_for(draft: _JourneyDraft, name: str) -> Lane:
    key = name.casefold()
    lane = draft.lanes.get(key)
    if lane is None:
        kind = next((k for k, n in STANDARD_LANE_NAMES.items()
                     if key in (n.casefold(), k.value)), LaneKind.CUSTOM)
        lane = Lane(name=name, kind=kind)
        draft.lanes[key] = lane
        draft.journey.lanes.append(lane)
    return lane


def _parse_colour(value: str, source: str, row: int) -> str:
    value = value.strip()
    if not value:
        return DEFAULT_CARD_COLOUR
    if value.lower() in CARD_COLOURS:
        return CARD_COLOURS[value.lower()]
    if len(value) == 7 and value[0] == "#" and all(c in "0123456789abcdefABCDEF" for c in value[1:]):
        return value.lower()
    raise CsvError(source, tr(_C, "'{value}' is not a colour; use one of {colours} or #rrggbb")
                   .format(value=_clip(value), colours=", ".join(CARD_COLOURS)), row, "colour")


def _parse_emotion(value: str, source: str, row: int) -> int | None:
    value = value.strip()
    if not value:
        return None
    try:
        score = int(value)
    except ValueError:
        score = -1
    if not 0 <= score <= 10:
        raise CsvError(source, tr(_C, "'{value}' is not a score from 0 to 10").format(
            value=_clip(value)), row, "emotion")
    return score


def _parse_bool(value: str, source: str, row: int) -> bool | None:
    value = value.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return None if value == "" else False
    raise CsvError(source, tr(_C, "'{value}' is not yes or no").format(value=_clip(value)), row,
                   "moment_of_truth")


def _clip(text: str, limit: int = 30) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _check_length(value: str, limit: int, source: str, row: int, column: str) -> str:
    if len(value) > limit:
        raise CsvError(source, tr(_C, "the text is {length} characters long; at most {limit} fit")
                       .format(length=len(value), limit=limit), row, column)
    return value


def parse_csv(data: bytes, source: str = "CSV file") -> CsvImport:
    """Journeys built from CSV bytes; CsvError (row and column named) on the first bad cell."""
    text = _decode(data, source)
    if not text.strip():
        raise CsvError(source, tr(_C, "the file is empty; it needs a header row with at least a "
                                      "'step' column"))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text.split("\n", 1)[0]))
    try:
        header = next(reader)
    except csv.Error as exc:
        raise CsvError(source, tr(_C, "the header row cannot be read ({problem})").format(
            problem=exc), 1) from None
    names = [h.strip().lower().replace(" ", "_") for h in header]
    if "step" not in names:
        raise CsvError(source, tr(_C, "there is no 'step' column; the header row must name the "
                                      "columns ({columns})").format(columns=", ".join(COLUMNS)), 1)
    for name in set(names):
        if name and name in COLUMNS and names.count(name) > 1:
            raise CsvError(source, tr(_C, "the column '{name}' appears twice").format(name=name),
                           1, name)
    index = {name: names.index(name) for name in COLUMNS if name in names}
    warnings = [tr(_C, "column '{name}' is not known and was ignored").format(name=h)
                for h, n in zip(header, names, strict=True) if n not in COLUMNS and h.strip()]
    drafts: dict[str, _JourneyDraft] = {}
    rows = 0
    row_number = 1
    try:
        for row_number, record in enumerate(reader, start=2):
            if not any(cell.strip() for cell in record):
                continue  # blank lines between blocks are common in hand-made sheets
            rows += 1
            if rows > MAX_ROWS:
                raise CsvError(source, tr(_C, "the file has more than {count} rows").format(
                    count=MAX_ROWS), row_number)
            _read_row(record, index, drafts, source, row_number)
    except csv.Error as exc:
        raise CsvError(source, tr(_C, "the row cannot be read ({problem})").format(problem=exc),
                       row_number) from None
    journeys = [_finish(d) for d in drafts.values()]
    return CsvImport(journeys, rows, warnings)


def _read_row(record: list[str], index: dict[str, int], drafts: dict[str, _JourneyDraft],
              source: str, row: int) -> None:
    def get(column: str) -> str:
        position = index.get(column)
        if position is None or position >= len(record):
            return ""
        return _uncell(record[position])

    journey_name = _check_length(get("journey").strip() or DEFAULT_JOURNEY, MAX_SHORT_TEXT,
                                 source, row, "journey")
    draft = drafts.get(journey_name)
    if draft is None:
        draft = drafts[journey_name] = _JourneyDraft(journey_name)
    title = _check_length(get("step").strip(), MAX_SHORT_TEXT, source, row, "step")
    if not title:
        raise CsvError(source, tr(_C, "the step is empty; every row needs the step it belongs to"),
                       row, "step")
    stage_name = _check_length(get("stage").strip(), MAX_SHORT_TEXT, source, row, "stage")
    emotion = _parse_emotion(get("emotion"), source, row)
    mot = _parse_bool(get("moment_of_truth"), source, row)
    step = draft.steps.get(title)
    if step is None:
        step = draft.steps[title] = _StepDraft(Step(title=title), stage_name, row, None, None)
        draft.journey.steps.append(step.step)
    elif stage_name and step.stage_name and stage_name != step.stage_name:
        raise CsvError(source, tr(_C, "step '{step}' was in stage '{stage}' on row {row}").format(
            step=_clip(title), stage=_clip(step.stage_name), row=step.stage_row), row, "stage")
    elif stage_name and not step.stage_name:
        step.stage_name, step.stage_row = stage_name, row
    if emotion is not None:
        if step.emotion_row is not None and step.step.emotion != emotion:
            raise CsvError(source, tr(_C, "step '{step}' has emotion {score} on row {row}").format(
                step=_clip(title), score=step.step.emotion, row=step.emotion_row), row, "emotion")
        step.step.emotion, step.emotion_row = emotion, row
    if mot is not None:
        if step.mot_row is not None and step.step.moment_of_truth != mot:
            raise CsvError(source, tr(_C, "step '{step}' has a different moment_of_truth on row "
                                          "{row}").format(step=_clip(title), row=step.mot_row),
                           row, "moment_of_truth")
        step.step.moment_of_truth, step.mot_row = mot, row
    lane_name = _check_length(get("lane").strip(), MAX_SHORT_TEXT, source, row, "lane")
    card_text = _check_length(get("text"), MAX_LONG_TEXT, source, row, "text")
    if not lane_name and not card_text.strip():
        return  # a step without cards
    if not lane_name:
        raise CsvError(source, tr(_C, "the lane is empty; a card needs a lane (Actions, "
                                      "Touchpoints, Service delivery, Backoffice or your own)"),
                       row, "lane")
    if not card_text.strip():
        raise CsvError(source, tr(_C, "the text is empty; leave the lane empty too for a step "
                                      "without cards"), row, "text")
    colour = _parse_colour(get("colour"), source, row)
    tags = [t.strip() for t in get("tags").replace(";", ",").split(",") if t.strip()]
    for tag in tags:
        _check_length(tag, MAX_SHORT_TEXT, source, row, "tags")
    lane = _lane_for(draft, lane_name)
    draft.journey.cards.append(Card(text=card_text, lane_id=lane.id, step_id=step.step.id,
                                    colour=colour, tags=tags))


def _finish(draft: _JourneyDraft) -> Journey:
    journey = draft.journey
    # The four standard lanes always exist, in their usual order, before any custom lane.
    standard = {lane.kind: lane for lane in journey.lanes if lane.kind != LaneKind.CUSTOM}
    ordered = [standard.get(kind) or Lane(name=name, kind=kind)
               for kind, name in STANDARD_LANE_NAMES.items()]
    journey.lanes = ordered + [lane for lane in journey.lanes if lane.kind == LaneKind.CUSTOM]
    for step_draft in draft.steps.values():
        if step_draft.stage_name:
            stage = draft.stages.get(step_draft.stage_name)
            if stage is None:
                stage = draft.stages[step_draft.stage_name] = Stage(name=step_draft.stage_name)
                journey.stages.append(stage)
            step_draft.step.stage_id = stage.id
    counters: dict[tuple[str, str], int] = {}
    for card in journey.cards:
        key = (card.lane_id, card.step_id)
        card.order = counters.get(key, 0)
        counters[key] = card.order + 1
    return journey


def import_csv(path: Path | str) -> CsvImport:
    """Read a CSV file; every failure is a CsvError naming the file (and row and column)."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_CSV_BYTES + 1)
    except FileNotFoundError:
        raise CsvError(str(path), tr(_C, "the file does not exist")) from None
    except IsADirectoryError:
        raise CsvError(str(path), tr(_C, "it is a folder, not a file")) from None
    except OSError as exc:
        raise CsvError(str(path), tr(_C, "it could not be read ({reason})").format(
            reason=exc.strerror or exc)) from None
    return parse_csv(data, str(path))


def project_from_csv(result: CsvImport, title: str) -> Project:
    return Project(title=title[:MAX_SHORT_TEXT] or "Imported map", journeys=result.journeys)
