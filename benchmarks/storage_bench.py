"""Save, load and autosave timings for 2,000- and 10,000-card maps.

Run: python benchmarks/storage_bench.py  (prints one line per size, best of three)
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from cjm_desktop.storage import dumps, load_project, save_project
from cjm_desktop.storage.autosave import AutosaveMeta, AutosaveSlot

try:
    from .synthetic import make_project
except ImportError:  # run as a script from inside benchmarks/
    from synthetic import make_project  # type: ignore[no-redef]


def _best_ms(job, repeats: int = 3) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        job()
        best = min(best, time.perf_counter() - start)
    return round(best * 1000, 1)


def bench_storage(cards: int) -> dict:
    """Serialize (GUI-thread part of autosave), autosave write, save with backup, load."""
    project = make_project(cards=cards)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.cjm"
        slot = AutosaveSlot(folder=Path(folder) / "autosave")
        data = dumps(project)
        meta = AutosaveMeta.describe(slot.session, project, None)
        result = {
            "cards": cards,
            "file_mb": round(len(data) / 1e6, 2),
            "serialize_ms": _best_ms(lambda: dumps(project)),
            "autosave_write_ms": _best_ms(lambda: slot.write(data, meta)),
            "save_ms": _best_ms(lambda: save_project(project, path)),
        }
        result["load_ms"] = _best_ms(lambda: load_project(path))
    return result


if __name__ == "__main__":
    for size in (2000, 10_000):
        print(bench_storage(size))
