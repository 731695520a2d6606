"""Extracts of the loaded tables for the current filter, headed as the submission workbook is."""

from __future__ import annotations

from collections.abc import Iterable

import duckdb
import pandas as pd

from etl.checking import contract as c
from queries.scope import scope_params
from queries.sql import read_sql

COMMON_HEADERS = {
    "display_unit": "Đơn vị",
    "unit": "Đơn vị báo cáo",
    "unit_code": "Mã đơn vị báo cáo",
    "year": "Năm",
}
EXTRA_HEADERS = {
    "row_no": "Dòng trong tệp",
    "has_thpt": "Tốt nghiệp THPT (quy đổi)",
    "file_name": "Tệp báo cáo",
    "loaded_at": "Thời điểm nạp",
    "format_version": "Mẫu báo cáo",
}
HEADERS = {
    **{col.field: col.name for cols in (c.INFO_KEYS, *c.SHEET_COLUMNS.values()) for col in cols},
    "cell_name": "Tên chi bộ",
    "cell_type": "Loại chi bộ",
    **EXTRA_HEADERS,
    **COMMON_HEADERS,
}
# NULL stays NULL (a blank cell in the files, `—` on screen): format v2 fields not reported are not 0
NULLABLE_WHOLE_NUMBERS = {"committee_members", "committee_trained", "birth_year", "admission_quota", "founded_year",
                          "founded_month", "regular_meetings", "thematic_meetings", "inspections", "supervisions",
                          "rules_revised_year", "reprimanded", "warned", "removed_from_post",
                          "expelled_by_discipline", "disciplined", "candidates_trained"}
EXTRACTS = {  # name → (Vietnamese title, SQL file)
    "submissions": ("Thông tin đơn vị", "extract_submissions"),
    "cells": ("Chi bộ", "extract_cells"),
    "member_figures": ("Đảng viên", "extract_member_figures"),
    "cadres": ("Cán bộ chi bộ", "extract_cadres"),
}


def extract(
    con: duckdb.DuckDBPyConnection, table: str, boundary: str, units: Iterable[str] | None, year: int,
    limit: int | None = None,
) -> pd.DataFrame:
    """One table (a key of EXTRACTS) for the filter, with the workbook's Vietnamese headers;
    its first `limit` rows when given (a preview: the country has 900,000 cadres a year)."""
    sql = read_sql(EXTRACTS[table][1]) + ("" if limit is None else "\nLIMIT $limit")
    params = scope_params(boundary, units, year=year, **({} if limit is None else {"limit": int(limit)}))
    frame = con.execute(sql, params).df()
    for column in NULLABLE_WHOLE_NUMBERS.intersection(frame.columns):  # NULLs made them floats
        frame[column] = frame[column].astype("Int64")
    return frame.rename(columns=HEADERS)


def extract_rows(con: duckdb.DuckDBPyConnection, table: str, boundary: str, units: Iterable[str] | None,
                 year: int) -> int:
    """How many rows `extract` gives for the filter."""
    rows = con.sql(read_sql(EXTRACTS[table][1]), params=scope_params(boundary, units, year=year))
    return rows.aggregate("count(*)").fetchall()[0][0]


NAMED_QUERIES = {"extract": extract, "extract_rows": extract_rows}
