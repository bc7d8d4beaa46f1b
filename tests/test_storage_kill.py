"""Proof of atomic saves: a child process saves in a loop and is SIGKILLed at random moments.

After every kill the map file must load and be exactly the state before or after the save
that was running; the .bak backup must always be a whole earlier version.
"""

from __future__ import annotations

import os
import random
import signal
import time
from pathlib import Path

import pytest

from cjm_desktop.model import Card, Journey, Lane, Project, Stage, Step
from cjm_desktop.storage import dumps, load_project, save_project

KILLS = 200
MIN_SAVES = 200

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork() to start savers quickly")


def _state(index: int) -> Project:
    """Save number ``index``: fixed ids, so any state can be rebuilt and compared byte for byte."""
    stage = Stage(id="stage", name="Stage")
    steps = [Step(id=f"step{i}", title=f"Step {i}", stage_id="stage") for i in range(6)]
    lanes = [Lane(id=f"lane{i}", name=f"Lane {i}") for i in range(4)]
    # The size varies from save to save, so a torn write could not pass for a whole file.
    cards = [Card(id=f"card{j}", text=f"save {index} card {j} <&> 🙂 مرحبا " * (1 + index % 3),
                  lane_id=f"lane{j % 4}", step_id=f"step{j % 6}", order=j)
             for j in range(40 + (index * 37) % 160)]
    journey = Journey(id="journey", name="Journey", stages=[stage], steps=steps, lanes=lanes, cards=cards)
    return Project(id="project", title=f"Save {index}", journeys=[journey])


def _index_of(path: Path) -> int:
    project = load_project(path)  # raises if the file were torn or empty
    index = int(project.title.removeprefix("Save "))
    assert dumps(project) == dumps(_state(index)), f"{path.name} is not exactly save {index}"
    return index


def _run_saver(path: Path, start: int, report_fd: int) -> None:
    """Child: save states start, start+1, ... forever, reporting each finished save."""
    try:
        index = start
        while True:
            save_project(_state(index), path)
            os.write(report_fd, f"{index}\n".encode())
            index += 1
    finally:
        os._exit(0)


def test_random_sigkills_never_tear_the_file(tmp_path: Path) -> None:
    path = tmp_path / "map.cjm"
    save_project(_state(0), path)
    on_disk = 0
    rng = random.Random(20261123)
    kills = saves = mid_write = 0
    started = time.monotonic()
    while kills < KILLS or saves < MIN_SAVES:
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - child
            os.close(read_fd)
            _run_saver(path, on_disk + 1, write_fd)
        os.close(write_fd)
        time.sleep(rng.uniform(0.0, 0.03))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        kills += 1
        with os.fdopen(read_fd, "rb") as reports:
            finished = [int(line) for line in reports.read().split()]
        saves += len(finished)
        last = finished[-1] if finished else on_disk
        # Killed after save `last` finished, during save `last + 1`: the file is one of the two.
        index = _index_of(path)
        assert index in (last, last + 1), f"kill {kills}: save {index} on disk, expected {last} or {last + 1}"
        saves += index == last + 1  # that save completed before the kill landed
        on_disk = index
        backup = path.with_name("map.cjm.bak")
        if backup.exists():
            assert _index_of(backup) <= on_disk
        debris = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
        mid_write += bool(debris)
        for stray in debris:  # what a killed save leaves; never the map itself
            stray.unlink()
        assert time.monotonic() - started < 60, "the kill test is far slower than it should be"
    assert kills >= KILLS and saves >= MIN_SAVES
    # Some kills must have hit a save mid-write, or the test proves nothing.
    assert mid_write >= 10, f"only {mid_write} of {kills} kills landed during a write"
    print(f"\nkill test: {kills} kills, {saves} saves, {mid_write} kills mid-write, no torn file")
