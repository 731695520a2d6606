"""What has been loaded: every file that changed the database, and what a template starts from."""

from __future__ import annotations

import duckdb
import pandas as pd

from queries.scope import reported_params
from queries.sql import read_sql

HISTORY_HEADERS = {
    "load_id": "Lượt nạp",
    "loaded_at": "Thời điểm nạp",
    "loaded_by": "Người nạp",
    "file_name": "Tệp",
    "unit": "Đơn vị",
    "unit_code": "Mã đơn vị",
    "year": "Năm",
    "outcome": "Kết quả",
    "cells": "Số chi bộ",
    "members": "Đảng viên cuối năm",
    "cadres": "Cán bộ chi bộ",
    "warnings": "Cảnh báo",
}


def load_history(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Loads newest first, with the unit named as it reported and Vietnamese headers."""
    return con.execute(read_sql("load_history"), reported_params()).df().rename(columns=HISTORY_HEADERS)


def prefill_sources(con: duckdb.DuckDBPyConnection, unit_id: str, year: int) -> pd.DataFrame:
    """unit_id, year, code, committee_members: the reports a template for (unit, year) starts from."""
    return con.execute(read_sql("prefill_sources"), reported_params(unit_id=unit_id, year=year)).df()


NAMED_QUERIES = {"load_history": load_history, "prefill_sources": prefill_sources}
