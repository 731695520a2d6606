"""The KPI export of docs/DATA_CONTRACT.md: one row per indicator for a year and a unit or the town."""

from __future__ import annotations

import duckdb
import pandas as pd

from etl.units import resolve_unit
from queries.indicators import BOUNDARY_REPORTED, BY_CODE, INDICATORS, indicators_by_year
from queries.status import years_loaded

KPI_COLUMNS = ["indicator", "target", "label", "year", "unit", "numerator", "denominator", "rate"]


def kpi_table(con: duckdb.DuckDBPyConnection, year: int | None = None, unit: str | None = None) -> pd.DataFrame:
    """Every indicator, in contract order; `unit` is a name or code resolved for `year`.

    Raises ValueError (Vietnamese) when nothing is loaded; UnitNotFound for an unknown unit.
    """
    years = years_loaded(con)
    if not years:
        raise ValueError("Chưa có dữ liệu nào được nạp.")
    year = year if year is not None else years[-1]
    units, unit_label = None, "Toàn thị xã"
    if unit is not None:
        resolved = resolve_unit(unit, year)
        units, unit_label = [resolved.unit_id], resolved.full_name
    figures = indicators_by_year(con, BOUNDARY_REPORTED, units, year, year).set_index("indicator")
    rows = []
    for ind in INDICATORS:
        numerator = int(figures.at[ind.code, "numerator"]) if ind.code in figures.index else 0
        denominator = int(figures.at[ind.code, "denominator"]) if ind.code in figures.index else 0
        rate = round(numerator / denominator, 6) if denominator else None
        rows.append([ind.code, ind.target, BY_CODE[ind.code].label, year, unit_label, numerator, denominator, rate])
    return pd.DataFrame(rows, columns=KPI_COLUMNS)
