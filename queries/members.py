"""Membership over the year: the flow from 1 January to 31 December, exits, members away."""

from __future__ import annotations

from collections.abc import Iterable

import duckdb
import pandas as pd

from queries.scope import scope_params
from queries.sql import read_sql


def membership_flow(
    con: duckdb.DuckDBPyConnection, boundary: str, units: Iterable[str] | None, year: int
) -> pd.DataFrame:
    """year, step, label, axis_label, measure, members: Đầu năm, the changes (decreases negative), Cuối năm."""
    return con.execute(read_sql("membership_flow"), scope_params(boundary, units, year=year)).df()


def membership_exits_by_year(
    con: duckdb.DuckDBPyConnection, boundary: str, units: Iterable[str] | None, year_from: int, year_to: int
) -> pd.DataFrame:
    """year, exit_order, exit_kind, members: struck off and resigned per year."""
    params = scope_params(boundary, units, year_from=year_from, year_to=year_to)
    return con.execute(read_sql("membership_exits_by_year"), params).df()


def membership_away_by_unit(
    con: duckdb.DuckDBPyConnection, boundary: str, units: Iterable[str] | None, year: int
) -> pd.DataFrame:
    """display_id, unit, year, group_order, member_group, numerator, denominator, rate.

    Members exempted from activity and working away, as shares of the members at year end.
    """
    params = scope_params(boundary, units, year_from=year, year_to=year, by_unit=True)
    return con.execute(read_sql("membership_away"), params).df()


def membership_away_by_year(
    con: duckdb.DuckDBPyConnection, boundary: str, units: Iterable[str] | None, year_from: int, year_to: int
) -> pd.DataFrame:
    """year, group_order, member_group, numerator, denominator, rate: members exempted from activity
    and working away per year, as shares of the members at year end, the selected units summed."""
    params = scope_params(boundary, units, year_from=year_from, year_to=year_to, by_unit=False)
    return con.execute(read_sql("membership_away"), params).df().drop(columns=["display_id", "unit"])


NAMED_QUERIES = {
    "membership_away_by_year": membership_away_by_year,
    "membership_flow": membership_flow,
    "membership_exits_by_year": membership_exits_by_year,
    "membership_away_by_unit": membership_away_by_unit,
}
