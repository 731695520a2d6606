"""The benchmark's loader ratios when the bare decode is too quick for the CPU clock (a few small files)."""

from __future__ import annotations

from benchmarks.loader import LoaderFigures
from benchmarks.machine import Timing
from benchmarks.report import targets


def figures(bare_cpu: float) -> LoaderFigures:
    return LoaderFigures(files=3, megabytes=0.1, rows=100, rejected=0, loader=Timing(0.5, 0.4, 1.0),
                         bare=Timing(0.02, bare_cpu, 1.0), openpyxl=Timing(1.0, 1.0, 1.0),
                         checks_free=Timing(0.3, 0.2, 1.0), decoder_start_s=0.1)


def test_a_bare_decode_below_the_clock_tick_gives_no_cpu_ratio_and_no_target_row():
    assert figures(0.1).loader_cpu_over_bare == 4.0
    assert figures(0.0).loader_cpu_over_bare is None
    assert figures(0.1).checks_free_cpu_over_bare == 2.0
    assert figures(0.0).checks_free_cpu_over_bare is None
    loader = {"files": 3, "loader": {"load": 1.0}, "loader_over_bare": 25.0, "loader_cpu_over_bare": None,
              "openpyxl_over_loader": 2.0}
    found = targets({"town": {"loader": loader}})
    assert "loader CPU / bare decode CPU" not in found and found["loader / bare decode"][0] == 25.0


def test_the_cpu_target_row_says_the_ratio_with_the_checks_free():
    loader = {"files": 240, "loader": {"load": 1.2}, "loader_over_bare": 3.2, "loader_cpu_over_bare": 4.34,
              "checks_free_cpu_over_bare": 3.32, "openpyxl_over_loader": 11.3}
    measured, where = targets({"province": {"loader": loader}})["loader CPU / bare decode CPU"]
    assert measured == 4.34 and where == "240 files, load 1.2; 3.32 with the checks free"
