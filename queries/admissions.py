"""Admissions of new members (T3): the rate from `indicator_facts`, the groups admitted, and
the cells that have admitted nobody for years."""

from __future__ import annotations

from collections.abc import Iterable

import duckdb
import pandas as pd

from queries.indicators import indicators_by_unit, indicators_by_year
from queries.judgement import VERDICT_COLUMNS, goal_text, judge_frame
from queries.precomputed import stored
from queries.programme import Indicator, programme
from queries.scope import scope_params
from queries.sql import read_sql

ADMISSION_CODE = "T3_admission_rate"
QUOTA_CODE = "T3_admission_quota"  # admitted against the quota the committee above set (Đề án: Mục tiêu)
NEVER_ADMITTED = "chưa kết nạp lần nào trong số liệu"
VILLAGE_CELLS = ("Thôn", "Tổ dân phố")  # the cells the Đề án names; others admit through their own lines


def admission_indicator() -> Indicator:
    return programme().indicator(ADMISSION_CODE)


def quota_indicator() -> Indicator | None:
    """The admissions against the quota, when the programme in force follows them."""
    return programme().indicator(QUOTA_CODE) if programme().has(QUOTA_CODE) else None


def admission_target(year: int) -> tuple[tuple[float, float], str]:
    """The band (floor, upper; a level alone: both the same) in force in `year` and its label."""
    ind = admission_indicator()
    goal = ind.level(programme().deadline_for(year))
    return (goal, ind.upper if ind.upper is not None else goal), f"Mục tiêu {goal_text(ind, goal)}"


def _t3(frame: pd.DataFrame) -> pd.DataFrame:
    """The T3 rows of an indicator frame, judged, numerator and denominator named for what they count."""
    frame = judge_frame(frame[frame["indicator"] == ADMISSION_CODE].reset_index(drop=True))
    keep = [c for c in frame.columns if c not in ("indicator", "basis", "observed_per_year") and not
            c.startswith("base_")]
    return frame[keep].rename(columns={"numerator": "admitted", "denominator": "start_count"})


def admission_rate_by_year(
    con: duckdb.DuckDBPyConnection, boundary: str, units: Iterable[str] | None, year_from: int, year_to: int
) -> pd.DataFrame:
    """year, admitted, start_count, rate and the verdict: T3 for the selected units summed, per year."""
    units = list(units) if units else None
    return _t3(indicators_by_year(con, boundary, units, year_from, year_to, codes=(ADMISSION_CODE,)))


def admission_rate_by_unit(
    con: duckdb.DuckDBPyConnection, boundary: str, units: Iterable[str] | None, year: int
) -> pd.DataFrame:
    """display_id, unit, year, admitted, start_count, rate and the verdict: T3 per display unit in `year`."""
    units = list(units) if units else None
    frame = _t3(indicators_by_unit(con, boundary, units, year, year, codes=(ADMISSION_CODE,)))
    frame.insert(1, "unit", frame["display_label"])
    return frame[["display_id", "unit", "year", "admitted", "start_count", "rate", *VERDICT_COLUMNS]]


def admission_groups_by_year(
    con: duckdb.DuckDBPyConnection, boundary: str, units: Iterable[str] | None, year_from: int, year_to: int
) -> pd.DataFrame:
    """year, group_order, admission_group, admitted, all_admitted, share: students, workers, owners."""
    params = scope_params(boundary, units, year_from=year_from, year_to=year_to)
    return con.execute(read_sql("admission_groups_by_year"), params).df()


def admission_groups_by_unit(
    con: duckdb.DuckDBPyConnection, boundary: str, units: Iterable[str] | None, year: int
) -> pd.DataFrame:
    """display_id, unit, year, group_order, admission_group, admitted, all_admitted, share in `year`."""
    return con.execute(read_sql("admission_groups_by_unit"), scope_params(boundary, units, year=year)).df()


def cells_without_admission(
    con: duckdb.DuckDBPyConnection, boundary: str, units: Iterable[str] | None, year: int, min_years: int,
    every_kind: bool = False,
) -> pd.DataFrame:
    """Village and residential cells (`every_kind`: every cell) with no admission in each of the last
    `min_years` or more years up to `year`, their history followed through the merger of their unit.

    display_id, unit, cell_code, cell_name, cell_type, run_years, run_from, run_to,
    last_admitted_year (NA when never in the data) and last_admission (that year, or words).
    """
    cell_types = None if every_kind else list(VILLAGE_CELLS)
    frame = stored(con, "idle_cells", boundary, year, units, min_years=int(min_years), cell_types=cell_types)
    if frame is None:
        frame = idle_cell_rows(con, boundary, units, year, int(min_years), cell_types)
    frame["last_admitted_year"] = frame["last_admitted_year"].astype("Int64")
    frame["last_admission"] = [NEVER_ADMITTED if pd.isna(y) else str(y) for y in frame["last_admitted_year"]]
    return frame


def idle_cell_rows(con: duckdb.DuckDBPyConnection, boundary: str, units: Iterable[str] | None, year: int,
                   min_years: int, cell_types: list[str] | None) -> pd.DataFrame:
    """cells_without_admission.sql's rows, computed now (a write session stores those of every cell
    type from one year on: queries.precomputed)."""
    params = scope_params(boundary, units, year=year, min_years=min_years, cell_types=cell_types)
    return con.execute(read_sql("cells_without_admission"), params).df()


NAMED_QUERIES = {
    "admission_rate_by_year": admission_rate_by_year,
    "admission_rate_by_unit": admission_rate_by_unit,
    "admission_groups_by_year": admission_groups_by_year,
    "admission_groups_by_unit": admission_groups_by_unit,
    "cells_without_admission": cells_without_admission,
}
