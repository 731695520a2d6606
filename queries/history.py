"""What has been loaded: every file that changed the database, and what a template starts from."""

from __future__ import annotations

import duckdb
import pandas as pd

from queries.scope import reported_params
from queries.sql import arrow_frame, read_sql


def load_history(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """load_id, loaded_at, loaded_by, file_name, unit, unit_code, year, outcome, cells, members, cadres,
    warnings: the loads newest first, with the unit named as it reported."""
    return arrow_frame(con, read_sql("load_history"), reported_params())


def prefill_sources(con: duckdb.DuckDBPyConnection, unit_id: str, year: int) -> pd.DataFrame:
    """unit_id, year, code, committee_members: the reports a template for (unit, year) starts from."""
    return con.execute(read_sql("prefill_sources"), reported_params(unit_id=unit_id, year=year)).df()


NAMED_QUERIES = {"load_history": load_history, "prefill_sources": prefill_sources}
