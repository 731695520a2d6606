"""What is loaded: years, units, freshness."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import duckdb
import pandas as pd

from queries.scope import allowed_param, reported_params
from queries.sql import query_sql, read_sql


@dataclass(frozen=True)
class DataStatus:
    last_load: datetime | None
    any_sample: bool


def years_loaded(con: duckdb.DuckDBPyConnection) -> list[int]:
    return [row[0] for row in con.execute(read_sql("years_loaded"), reported_params()).fetchall()]


def display_units(con: duckdb.DuckDBPyConnection, boundary: str, year: int | None = None) -> pd.DataFrame:
    """display_id, display_code, display_rank, display_label, first_year, last_year of units with data."""
    return con.execute(read_sql("display_units"), {"boundary": boundary, "year": year, "allowed": allowed_param()}).df()


def unit_menu(con: duckdb.DuckDBPyConnection, boundary: str) -> pd.DataFrame:
    """The units the filter offers: `display_units` of every year, and the units expected to report that have sent
    nothing yet (first_year, last_year NULL; first_awaited, last_awaited the years awaited), in the official order."""
    params = {"boundary": boundary, "year": None, "units": None, "allowed": allowed_param()}
    return con.execute(query_sql("unit_menu"), params).df()


def data_status(con: duckdb.DuckDBPyConnection) -> DataStatus:
    row = con.execute(read_sql("data_status"), reported_params()).fetchone()
    return DataStatus(*row) if row else DataStatus(None, False)


NAMED_QUERIES = {
    "years_loaded": years_loaded,
    "display_units": display_units,
    "unit_menu": unit_menu,
    "data_status": data_status,
}
