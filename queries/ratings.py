"""Annual ratings (T1, T2): of members, of grassroots organisations, of cells; "chi bộ bốn tốt"."""

from __future__ import annotations

from collections.abc import Sequence

import duckdb
import pandas as pd

from etl.checking.contract import RATINGS
from queries.indicators import with_rate
from queries.programme import programme
from queries.scope import scope_params
from queries.sql import arrow_frame, read_sql
from queries.targets import label_units

ORG_CODE, MEMBER_CODE = "T1_org_rating", "T2_member_rating"
RATED_CODES = (ORG_CODE, MEMBER_CODE)
CELL_FACT = "T1_cell_rating"  # T1 counted on the party cells (views.sql), from the year data/programme.toml says
UNRATED = "Chưa xếp loại"
RATING_LEVELS = (*RATINGS, UNRATED)  # the order of every rating chart, best first
RATING_NAMES = {
    "HTXSNV": "Hoàn thành xuất sắc nhiệm vụ",
    "HTTNV": "Hoàn thành tốt nhiệm vụ",
    "HTNV": "Hoàn thành nhiệm vụ",
    "KHTNV": "Không hoàn thành nhiệm vụ",
    UNRATED: "Chưa xếp loại",
}


def cells_counted_from() -> int | None:
    """The first year T1 counts the party cells as the grassroots organisations (None: never)."""
    if not programme().has(ORG_CODE):
        return None
    return next((b.from_year for b in programme().indicator(ORG_CODE).bases if b.fact == CELL_FACT), None)


def _years(boundary: str, units: Sequence[str] | None, year_from: int, year_to: int) -> dict:
    return scope_params(boundary, units, year_from=year_from, year_to=year_to, ratings=list(RATING_LEVELS))


def _counts(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    for column in columns:
        frame[column] = frame[column].astype("int64")
    return frame


def member_ratings_by_year(
    con: duckdb.DuckDBPyConnection, boundary: str, units: Sequence[str] | None, year_from: int, year_to: int
) -> pd.DataFrame:
    """year, rank, rating, members, share: members at year end by rating, the selection summed."""
    frame = con.execute(read_sql("member_ratings_by_year"), _years(boundary, units, year_from, year_to)).df()
    return _counts(frame, "members")


def org_ratings_by_year(
    con: duckdb.DuckDBPyConnection, boundary: str, units: Sequence[str] | None, year_from: int, year_to: int
) -> pd.DataFrame:
    """year, rank, rating, organisations, share: the grassroots organisations T1 counts, by rating."""
    params = {**_years(boundary, units, year_from, year_to), "cells_from": cells_counted_from()}
    frame = con.execute(read_sql("org_ratings_by_year"), params).df()
    return _counts(frame, "organisations")


def org_ratings_list(
    con: duckdb.DuckDBPyConnection, boundary: str, units: Sequence[str] | None, year: int
) -> pd.DataFrame:
    """display_id, unit, reporting_unit, year, rating, organisation (a cell, or an organisation of the
    town, once T1 counts them; empty for the unit's own): each organisation T1 counts in `year`."""
    params = scope_params(boundary, units, year=year, unrated=UNRATED, cells_from=cells_counted_from())
    return arrow_frame(con, read_sql("org_ratings_list"), params)  # 300,000 rows at national scale


def cell_ratings(
    con: duckdb.DuckDBPyConnection, boundary: str, units: Sequence[str] | None, year: int
) -> pd.DataFrame:
    """display_id, unit, is_total, year, rank, rating, cells, share: cells by rating, per unit."""
    params = scope_params(boundary, units, year=year, ratings=list(RATING_LEVELS))
    frame = _counts(con.execute(read_sql("cell_ratings"), params).df(), "cells")
    return label_units(frame, units, year)[["display_id", "unit", "is_total", "year", "rank", "rating", "cells",
                                             "share"]]


def four_good_cells(
    con: duckdb.DuckDBPyConnection, boundary: str, units: Sequence[str] | None, year: int
) -> pd.DataFrame:
    """display_id, unit, is_total, year, four_good, cells, rate: "chi bộ bốn tốt" per unit."""
    params = scope_params(boundary, units, year=year)
    frame = _counts(con.execute(read_sql("four_good_cells"), params).df(), "four_good", "cells")
    frame = with_rate(label_units(frame, units, year), "four_good", "cells")
    return frame[["display_id", "unit", "is_total", "year", "four_good", "cells", "rate"]]


NAMED_QUERIES = {
    "member_ratings_by_year": member_ratings_by_year,
    "org_ratings_by_year": org_ratings_by_year,
    "org_ratings_list": org_ratings_list,
    "cell_ratings": cell_ratings,
    "four_good_cells": four_good_cells,
}
