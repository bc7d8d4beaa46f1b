"""Poster export timings: the sample map and a 2,000-card map to A0 PDF."""

from __future__ import annotations

import time

from cjm_desktop.export import ExportOptions, render
from cjm_desktop.storage import load_project

try:
    from .synthetic import make_project
except ImportError:  # run as a script from inside benchmarks/
    from synthetic import make_project  # type: ignore[no-redef]


def _time_export(project, repeats: int = 3) -> tuple[float, int]:
    best = float("inf")
    size = 0
    for _ in range(repeats):
        start = time.perf_counter()
        data, _result = render(project, ExportOptions(paper="A0"), source_name="bench.cjm")
        best = min(best, time.perf_counter() - start)
        size = len(data)
    return best * 1000, size


def bench_export() -> dict:
    """Best-of-three wall time in ms and PDF bytes; the first (font-loading) run is timed apart."""
    from cjm_desktop.resources import sample_path

    sample = load_project(sample_path())
    start = time.perf_counter()
    render(sample, ExportOptions(paper="A0"))
    cold_ms = (time.perf_counter() - start) * 1000
    sample_ms, sample_bytes = _time_export(sample)
    big = make_project(cards=2000, steps=40, lanes=5, seed=0)
    big_ms, big_bytes = _time_export(big, repeats=2)
    return {
        "export_a0_ms": round(big_ms, 1),
        "export_pdf_bytes": big_bytes,
        "export_a0_sample_ms": round(sample_ms, 1),
        "export_a0_sample_cold_ms": round(cold_ms, 1),
        "export_sample_pdf_bytes": sample_bytes,
    }


if __name__ == "__main__":
    import json

    print(json.dumps(bench_export(), indent=2))
