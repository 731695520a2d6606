"""The KPI export of docs/DATA_CONTRACT.md: one row per indicator for a year and a unit or the whole area,
with the goal in force and the verdict of `queries.judgement` (the pages' own)."""

from __future__ import annotations

import duckdb
import pandas as pd

from core.numbers import RateLevels
from core.rounding import round_half_up
from core.wording import in_quotes
from database.units import Unit, UnitNotFound, find_unit, load_units, units_by_id
from queries.indicators import nothing_reported
from queries.rate_text import rate_levels
from queries.scope import BOUNDARY_CURRENT, BOUNDARY_REPORTED, allowed_param, area_label
from queries.status import years_loaded
from queries.targets import year_figures

KPI_COLUMNS = ["indicator", "target", "label", "year", "unit", "numerator", "denominator", "rate", "goal", "status",
               "not_reported"]
RATE_DECIMALS = 6  # of the fraction; more where the pages show more (queries.rate_text): never on a level it is not on


def exported_rate(rate: float, levels: RateLevels) -> float:
    """The rate as a fraction with RATE_DECIMALS, or with the page's decimals where it shows more (19/634 against
    3%: 0.029968, `2,997%`; 0.9999998 against 100%: 0.9999998, never 1.0 beside `below`)."""
    return round_half_up(rate, max(RATE_DECIMALS, levels.decimals(rate) + 2))


def display_unit(text: str, year: int, boundary: str) -> Unit:
    """The display unit `text` (a name, statistics code or unit id) names for `year`: under the reported boundary the unit of that year;
    under the current one the unit of today that it is (or was merged into), for any year."""
    if boundary == BOUNDARY_REPORTED:
        return find_unit(text, year)
    try:
        unit = find_unit(text, year)
    except UnitNotFound:
        unit = find_unit(text, max(u.valid_from for u in load_units()))
    return units_by_id()[unit.current_id]


def kpi_table(con: duckdb.DuckDBPyConnection, year: int | None = None, unit: str | None = None,
              boundary: str = BOUNDARY_REPORTED) -> pd.DataFrame:
    """Every indicator, in the programme's order; `unit` is a name or code resolved for `year` under
    `boundary` ('reported' or 'current'). `not_reported`: what an indicator of the format v2 fields
    left out of numerator and denominator as "chưa báo cáo" (cells, units or secretaries), 0 otherwise.

    Raises ValueError (Vietnamese) when nothing is loaded; UnitNotFound for an unknown unit.
    """
    if boundary not in (BOUNDARY_REPORTED, BOUNDARY_CURRENT):
        raise ValueError(f"Địa giới không hợp lệ: {in_quotes(boundary)} (chọn reported hoặc current).")
    years = years_loaded(con)
    if not years:
        raise ValueError("Chưa có dữ liệu nào được nạp.")
    year = year if year is not None else years[-1]
    units, label = None, area_label(allowed_param(), year)
    if unit is not None:
        resolved = display_unit(unit, year, boundary)
        units, label = [resolved.unit_id], resolved.full_name
    figures = year_figures(con, boundary, units, year)
    unknown = nothing_reported(figures)  # blank, as on the pages: nothing counted was reported
    rows, levels = [], rate_levels()
    for row, blank in zip(figures.to_dict("records"), unknown, strict=True):
        rate = exported_rate(row["numerator"] / row["denominator"], levels) if row["denominator"] else None
        goal = None if pd.isna(row["goal"]) else row["goal"]
        rows.append([row["indicator"], row["group"], row["label"], year, label, None if blank else int(row["numerator"]),
                     None if blank else int(row["denominator"]), rate, goal, row["status"], int(row["not_reported"])])
    return pd.DataFrame(rows, columns=KPI_COLUMNS).astype({"numerator": "Int64", "denominator": "Int64"})
