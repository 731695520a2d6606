"""A unit's party cells and the cadres behind its figures: the page a unit's bar leads to.

Figures per cell read the same facts as the indicators (`member_figures`; the cadre standards of
views.sql `village_cadres`, which T4–T6 count), through `scoped_units` like every query: an officer
sees the cells and cadres of their own units only.
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb
import pandas as pd

from queries.indicators import with_rate
from queries.programme import programme
from queries.scope import scope_params
from queries.sql import read_sql

# The standard of each target a cell cadre is held to (views.sql `village_cadres`), by indicator.
STANDARDS = {"thpt_and_so_cap_llct": "T4_thpt_and_so_cap_llct", "trung_cap_chuyen_mon": "T5_trung_cap_chuyen_mon",
             "trung_cap_llct": "T6_trung_cap_llct"}
ADMISSION_CODE = "T3_admission_rate"


def standard_name(code: str) -> str:
    """`T4: THPT và sơ cấp LLCT`: a standard by the target's short name and its compact label."""
    ind = programme().indicator(code)
    return f"{ind.short}: {ind.compact}"


def unit_cells(con: duckdb.DuckDBPyConnection, boundary: str, units: Sequence[str] | None,
               year: int) -> pd.DataFrame:
    """display_id, unit, year, cell_code, cell_name, cell_type, rating, four_good, start_count, admitted,
    end_count, admission_rate, cadres, and for each standard of STANDARDS its count and `<name>_rate`
    (village and residential cells; other cells have none)."""
    frame = con.execute(read_sql("unit_cells"), scope_params(boundary, units, year=year)).df()
    for column in ("start_count", "admitted", "end_count", "cadres", *STANDARDS):
        frame[column] = frame[column].astype("Int64")
    frame["four_good"] = frame["four_good"].map({True: "Có", False: "Không"})  # read, and written to files, in words
    frame = with_rate(frame, "admitted", "start_count", "admission_rate")
    for column in STANDARDS:
        frame = with_rate(frame, column, "cadres", f"{column}_rate")
    return frame


def cadres_short(con: duckdb.DuckDBPyConnection, boundary: str, units: Sequence[str] | None,
                 year: int) -> pd.DataFrame:
    """The village and residential cells' cadres of `year` who lack a standard of T4, T5 or T6: display_id,
    unit, year, cell_code, cell_name, full_name, birth_year, role, education, professional, political,
    `lacking` (`T4: THPT và sơ cấp LLCT; T6: Trung cấp LLCT`)."""
    frame = con.execute(read_sql("cadres_short"), scope_params(boundary, units, year=year)).df()
    flags = [f"meets_{column}" for column in STANDARDS]
    names = [standard_name(code) for code in STANDARDS.values()]
    frame["lacking"] = ["; ".join(n for n, met in zip(names, row, strict=True) if not met)
                        for row in zip(*(frame[f].tolist() for f in flags), strict=True)] if len(frame) else []
    frame["birth_year"] = frame["birth_year"].astype("Int64")
    return frame.drop(columns=flags)


def totals(cells: pd.DataFrame, short: pd.DataFrame) -> dict[str, int]:
    """What the page counts above its tables: cells, members at year end, village cell cadres, and
    those of them short of a standard (from `unit_cells` and `cadres_short` of the same unit and year)."""
    return {"chi bộ": len(cells), "đảng viên cuối năm": int(cells["end_count"].fillna(0).sum()),
            "cán bộ chi bộ thôn, tổ dân phố": int(cells["cadres"].fillna(0).sum()),
            "cán bộ chưa đạt chuẩn T4–T6": len(short)}


NAMED_QUERIES = {
    "unit_cells": unit_cells,
    "cadres_short": cadres_short,
}
