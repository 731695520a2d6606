"""The stored frames read back equal the same frames computed on request, on the scale's own data.

tests/database/test_precomputed.py does this on the samples; here the scale's database is compared
frame by frame (pandas' assert_frame_equal: values, order and types): the named queries that read the
frames, the meeting report's frames and the KPI export, under both boundaries for every year (the
country: its last year, one boundary, each frame computed on request there costing seconds).
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd
from pandas.testing import assert_frame_equal

from benchmarks.synthetic import Scale
from database.db import cursor
from database.store import published_file
from queries.admissions import cells_without_admission
from queries.indicators import indicators_by_unit, indicators_by_year
from queries.kpi import kpi_table
from queries.precomputed import frames_file
from queries.programme import programme
from queries.progress import pace_by_unit
from queries.report_data import meeting_data
from queries.scope import BOUNDARIES
from queries.scorecard import headline_cells, ranking_and_scorecard
from queries.status import years_loaded
from queries.targets import indicator_units
from queries.warnings import all_warnings
from settings import settings

MEETING = ("cards", "indicators", "trend", "by_unit", "scorecard", "ranking", "pace", "pace_paths", "warnings")


@dataclass
class IdenticalFigures:
    compared: int = 0  # frames compared
    rows: int = 0  # rows in them
    different: list[str] = field(default_factory=list)  # the first lines of each difference


def _frames(con: duckdb.DuckDBPyConnection, boundary: str, year: int, first: int) -> dict[str, pd.DataFrame]:
    found = {
        "indicators_by_year": indicators_by_year(con, boundary, None, first, year, paced=True),
        "indicators_by_unit": indicators_by_unit(con, boundary, None, year, year, as_of=year, paced=True),
        "headline_cells": headline_cells(con, boundary, None, year - 1, year),
        "pace_by_unit": pace_by_unit(con, boundary, None, year),
        "cells_without_admission": cells_without_admission(con, boundary, None, year, 3, False),
        "all_warnings": all_warnings(con, boundary, None, year),
        "indicator_units": indicator_units(con, boundary, None, year, year, programme().codes),
        "kpi": kpi_table(con, year, None, boundary),
    }
    found["ranking"], found["scorecard"] = ranking_and_scorecard(con, boundary, None, year)
    report = meeting_data(con, boundary, None, year, "x")
    found |= {f"meeting {name}": getattr(report, name) for name in MEETING}
    return found


def bench_identical(scale: Scale, latest_year: bool = False) -> IdenticalFigures:
    """Every frame read from the stored frames against the same computed from a copy without them (`latest_year`:
    the latest year's only, under both boundaries: the runner's smoke test)."""
    figures = IdenticalFigures()
    stored_con = cursor()
    if not frames_file(stored_con).exists():
        figures.different.append("no stored frames for this database and stamp")
        return figures
    with tempfile.TemporaryDirectory(prefix="bench-identical-", dir=settings().db_path.parent.parent) as scratch:
        copy = Path(scratch) / "computing.duckdb"  # no frames beside it: every frame computed on request
        shutil.copyfile(published_file(settings()), copy)
        computing = duckdb.connect(str(copy), read_only=True)
        computing.execute("SET memory_limit = ?", [settings().reader_memory_limit])
        years = years_loaded(stored_con)
        cases = [(b, y) for b in BOUNDARIES for y in (years[-1:] if latest_year else years)] \
            if scale.units is None or scale.units < 1000 else [(BOUNDARIES[0], years[-1])]
        for boundary, year in cases:
            stored_frames = _frames(stored_con, boundary, year, years[0])
            computed = _frames(computing, boundary, year, years[0])
            for name, frame in stored_frames.items():
                figures.compared += 1
                figures.rows += len(frame)
                try:
                    assert_frame_equal(frame, computed[name])
                except AssertionError as error:
                    figures.different.append(f"{name} {boundary} {year}: {str(error).splitlines()[0]}"[:200])
        computing.close()
    return figures
