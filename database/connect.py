"""Every DuckDB connection the product opens, with the same optimizer settings."""

from __future__ import annotations

from pathlib import Path

import duckdb

# Join filter pushdown builds, from each hash join's build side, a filter for the scan of its probe side. On the
# small tables every query here joins (the units, a unit's cells, a year's submissions) building it costs more
# than the join itself: 25 units joined to 25 take 4,3 ms of CPU with it and 1,1 ms without, indicators.sql on the
# samples 23 ms against 18 ms, the town's 13 pages warm 1,21 s against 1,09 s. At national scale it saves nothing:
# the named queries 25,7 s of CPU with it and 24,8 s without (every answer identical), the slowest warm page
# 0,41-0,44 s against 0,36-0,37 s (benchmarks/RESULTS.md). Set, not passed to `duckdb.connect`: a file opened twice
# in one process must be opened with the same options, and the setting is the database's (GLOBAL).
DISABLED_OPTIMIZERS = "join_filter_pushdown"


def connect(path: Path | str = ":memory:", read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """`duckdb.connect` with the product's optimizer settings."""
    con = duckdb.connect(str(path), read_only=read_only)
    con.execute("SET disabled_optimizers = ?", [DISABLED_OPTIMIZERS])
    return con
