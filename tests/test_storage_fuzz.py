"""Fuzzing the loader: any input gives a Project or one ProjectFileError, never a crash or hang."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cjm_desktop.model import Card, new_project
from cjm_desktop.storage import ProjectFileError, dumps, loads

EXAMPLES = 300
# The deadline bounds the time per input: a hang or quadratic blow-up fails the test.
FUZZ = settings(max_examples=EXAMPLES, deadline=2000, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _valid_bytes() -> bytes:
    project = new_project("Fuzz <&> 🙂")
    journey = project.journeys[0]
    journey.steps[0].emotion = 7
    journey.steps[1].moment_of_truth = True
    for i in range(6):
        journey.cards.append(Card(text=f"card {i} مرحبا", lane_id=journey.lanes[i % 4].id,
                                  step_id=journey.steps[i % 5].id, tags=["x"], votes=i))
    return dumps(project)


VALID = _valid_bytes()
VALID_DOC = json.loads(VALID)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True)
    | st.text(max_size=30),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=10), children,
                                                                       max_size=5),
    max_leaves=30,
)


def _load_or_clear_error(raw: bytes) -> None:
    try:
        project = loads(raw, "fuzz.cjm")
    except ProjectFileError as exc:
        assert exc.message.startswith("'fuzz.cjm': ")
        assert "Traceback" not in exc.message
        return
    # Whatever loads must save and load again.
    assert loads(dumps(project)) == project


@FUZZ
@given(st.binary(max_size=4000))
def test_random_bytes(raw: bytes) -> None:
    _load_or_clear_error(raw)


@FUZZ
@given(json_values)
def test_random_json(value: Any) -> None:
    _load_or_clear_error(json.dumps(value).encode())


@FUZZ
@given(json_values)
def test_random_json_inside_a_map_header(value: Any) -> None:
    doc = {"format": "cjm-desktop", "format_version": 1, "journeys": value}
    _load_or_clear_error(json.dumps(doc).encode())


@FUZZ
@given(st.lists(st.tuples(st.sampled_from(["flip", "cut", "insert", "truncate"]),
                          st.integers(min_value=0, max_value=len(VALID)), st.binary(min_size=1, max_size=8)),
                min_size=1, max_size=6))
def test_mutated_valid_file_bytes(edits: list[tuple[str, int, bytes]]) -> None:
    raw = bytearray(VALID)
    for kind, at, blob in edits:
        at = min(at, len(raw))
        if kind == "flip" and at < len(raw):
            raw[at] ^= blob[0] or 1
        elif kind == "cut":
            del raw[at:at + len(blob)]
        elif kind == "insert":
            raw[at:at] = blob
        else:
            del raw[at:]
    _load_or_clear_error(bytes(raw))


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(node, dict):
        for key, child in node.items():
            found += _paths(child, prefix + (key,))
    elif isinstance(node, list):
        for index, child in enumerate(node):
            found += _paths(child, prefix + (index,))
    return found


VALID_PATHS = _paths(VALID_DOC)[1:]


@FUZZ
@given(st.lists(st.tuples(st.sampled_from(VALID_PATHS), json_values | st.sampled_from(["__delete__"])),
                min_size=1, max_size=4))
def test_mutated_valid_file_structure(edits: list[tuple[tuple[Any, ...], Any]]) -> None:
    doc = json.loads(VALID)
    for path, value in edits:
        parent: Any = doc
        try:
            for key in path[:-1]:
                parent = parent[key]
            if value == "__delete__":
                del parent[path[-1]]
            else:
                parent[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue  # an earlier edit removed or replaced this spot
    _load_or_clear_error(json.dumps(doc).encode())


def test_edge_cases_the_fuzzers_rarely_reach() -> None:
    header = b'{"format": "cjm-desktop", "format_version": 1'
    for raw, expected in [
        (header + b', "x": NaN}', "NaN"),
        (header + b', "settings": {"y": -Infinity}}', "-Infinity"),
        (header + b', "n": ' + b"9" * 5000 + b"}", "number too long"),
        (b'{"format": "cjm-desktop", "format_version": ' + b"9" * 5000 + b"}", "number too long"),
        (b'{"format": "cjm-desktop", "format_version": "' + b"v" * 10_000 + b'"}', "format version"),
        (b"\xef\xbb\xbf" + b"[" * 100 + b"]" * 100, "nested too deeply"),
        (b'"' + b"[" * 1000, "JSON"),
    ]:
        try:
            loads(raw, "fuzz.cjm")
        except ProjectFileError as exc:
            assert expected in exc.message and len(exc.message) < 300
        else:
            raise AssertionError(f"{raw[:60]!r} loaded")
