"""What has been loaded: every file that changed the database, and what a template starts from."""

from __future__ import annotations

from collections.abc import Sequence

import duckdb
import pandas as pd

from database.units import units_by_id
from queries.scope import NO_UNITS, area_label, reported_params
from queries.sql import arrow_frame, read_sql


def load_history(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """load_id, loaded_at, loaded_by, file_name, unit, unit_code, year, outcome, cells, members, cadres,
    warnings: the loads newest first, with the unit named as it reported."""
    return arrow_frame(con, read_sql("load_history"), reported_params())


def history_scope(allowed: Sequence[str] | None, year: int) -> str:
    """Whose loads `load_history` lists, every year's (it follows no filter): the whole area as the programme
    names it in `year`, or for a reader restricted to `allowed`, each of those units, whatever its years (an
    officer's ward and the ward it merged into)."""
    if allowed is None:
        return area_label(None, year)
    known = units_by_id()
    return ", ".join(known[unit_id].full_name for unit_id in allowed if unit_id in known) or NO_UNITS


def prefill_sources(con: duckdb.DuckDBPyConnection, unit_id: str, year: int) -> pd.DataFrame:
    """unit_id, year, code, committee_members: the reports a template for (unit, year) starts from."""
    return con.execute(read_sql("prefill_sources"), reported_params(unit_id=unit_id, year=year)).df()


NAMED_QUERIES = {"load_history": load_history, "prefill_sources": prefill_sources}
