"""Admissions of new members (T3): the rate from `indicator_facts`, the groups admitted, and
the cells that have admitted nobody for years."""

from __future__ import annotations

from collections.abc import Iterable

import duckdb
import pandas as pd

from queries.indicators import BY_CODE, indicators_by_unit, indicators_by_year
from queries.scope import scope_params
from queries.sql import read_sql

T3 = BY_CODE["T3_admission_rate"]
NEVER_ADMITTED = "chưa kết nạp lần nào trong số liệu"


def _t3(frame: pd.DataFrame) -> pd.DataFrame:
    """The T3 rows of an indicator frame, numerator and denominator named for what they count."""
    frame = frame[frame["indicator"] == T3.code].drop(columns="indicator").reset_index(drop=True)
    frame = frame.rename(columns={"numerator": "admitted", "denominator": "start_count"})
    frame["met"] = [T3.met(rate, year) for rate, year in zip(frame["rate"], frame["year"], strict=True)]
    return frame


def admission_rate_by_year(
    con: duckdb.DuckDBPyConnection, boundary: str, units: Iterable[str] | None, year_from: int, year_to: int
) -> pd.DataFrame:
    """year, admitted, start_count, rate, met: T3 for the selected units summed, per year."""
    units = list(units) if units else None
    return _t3(indicators_by_year(con, boundary, units, year_from, year_to))


def admission_rate_by_unit(
    con: duckdb.DuckDBPyConnection, boundary: str, units: Iterable[str] | None, year: int
) -> pd.DataFrame:
    """display_id, unit, year, admitted, start_count, rate, met: T3 per display unit in `year`."""
    units = list(units) if units else None
    frame = _t3(indicators_by_unit(con, boundary, units, year, year))
    frame.insert(1, "unit", frame["display_kind"] + " " + frame["display_name"])
    return frame.drop(columns=["display_code", "display_kind", "display_name"])


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
    con: duckdb.DuckDBPyConnection, boundary: str, units: Iterable[str] | None, year: int, min_years: int
) -> pd.DataFrame:
    """Cells with no admission in each of the last `min_years` or more years up to `year`.

    display_id, unit, cell_code, cell_name, cell_type, run_years, run_from, run_to,
    last_admitted_year (NA when never in the data) and last_admission (that year, or words).
    """
    params = scope_params(boundary, units, year=year, min_years=int(min_years))
    frame = con.execute(read_sql("cells_without_admission"), params).df()
    frame["last_admitted_year"] = frame["last_admitted_year"].astype("Int64")
    frame["last_admission"] = [NEVER_ADMITTED if pd.isna(y) else str(y) for y in frame["last_admitted_year"]]
    return frame


NAMED_QUERIES = {
    "admission_rate_by_year": admission_rate_by_year,
    "admission_rate_by_unit": admission_rate_by_unit,
    "admission_groups_by_year": admission_groups_by_year,
    "admission_groups_by_unit": admission_groups_by_unit,
    "cells_without_admission": cells_without_admission,
}
