"""Indicator facts kept per (unit, year) as `indicator_definition` (views.sql) computes them.

The definition stays one view; `indicator_facts_store` only remembers its rows, so a page sums
660,000 stored rows at national scale instead of joining 5 million cadres to their cells on
every query. Whoever writes submissions refreshes the pairs it wrote in the same transaction
(`etl.loading.loader.write_submissions`, through `database.store.refresh_facts`, which installs the views instead
when the database's come from another views.sql); installing views refreshes every pair, since
views.sql, and with it the definition, may have changed. Code that changes the tables by hand (tests) calls
`refresh_all` afterwards. Each refresh is a new generation of the facts, with the pairs it changed
(`fact_changes`): the frames stored for the pages (queries/precompute.py) are kept per generation.
"""

from __future__ import annotations

from collections.abc import Iterable

import duckdb
import pyarrow as pa

_COLUMNS = "unit_id, year, indicator, numerator, denominator, not_reported"


def refresh_all(con: duckdb.DuckDBPyConnection) -> None:
    """Every stored fact anew from the definition."""
    con.execute("DELETE FROM indicator_facts_store")
    con.execute(f"INSERT INTO indicator_facts_store SELECT {_COLUMNS} FROM indicator_definition")
    _changed(con, None)


def refresh(con: duckdb.DuckDBPyConnection, keys: Iterable[tuple[str, int]]) -> None:
    """The stored facts of these (unit id, year) pairs anew from the definition.

    The range of the pairs bounds the definition's scan (DuckDB skips the row groups outside it),
    the pairs themselves select exactly: one pair costs milliseconds, whatever the database size.
    """
    keys = sorted(set(keys))
    if not keys:
        return
    units, years = [k[0] for k in keys], [k[1] for k in keys]
    con.register("fact_keys", pa.table({"unit_id": units, "year": years}))
    try:
        con.execute("DELETE FROM indicator_facts_store USING fact_keys k "
                    "WHERE indicator_facts_store.unit_id = k.unit_id AND indicator_facts_store.year = k.year")
        con.execute(
            f"""INSERT INTO indicator_facts_store
                SELECT {", ".join("d." + c for c in _COLUMNS.split(", "))}
                FROM indicator_definition d JOIN fact_keys USING (unit_id, year)
                WHERE d.unit_id BETWEEN $first_unit AND $last_unit AND d.year BETWEEN $first_year AND $last_year""",
            {"first_unit": min(units), "last_unit": max(units), "first_year": min(years), "last_year": max(years)},
        )
        _changed(con, "fact_keys")
    finally:
        con.unregister("fact_keys")


def _changed(con: duckdb.DuckDBPyConnection, keys: str | None) -> None:
    """A new generation of the facts (queries/precompute.py): the (unit_id, year) pairs of the relation
    `keys`, or every pair (None)."""
    generation = "(SELECT coalesce(max(generation), 0) + 1 FROM fact_changes)"
    if keys is None:
        con.execute(f"INSERT INTO fact_changes VALUES ({generation}, NULL, NULL)").fetchall()
    else:
        con.execute(f"INSERT INTO fact_changes SELECT {generation}, unit_id, year FROM {keys}").fetchall()

