"""queries.sql.arrow_frame gives the frame `.df()` gives, column for column and type for type: texts
(some missing, all missing, none at all), integers and booleans with and without a missing value,
floats, NULL, and the types it hands back to `.df()` (HUGEINT sums, decimals, dates, lists)."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from queries.sql import arrow_frame

ROWS = """FROM (VALUES (1, 'a', true, 1.5, NULL::VARCHAR), (2, NULL, NULL, NULL, NULL::VARCHAR),
                  (NULL, 'c', false, 2.5, NULL::VARCHAR)) t(i, s, b, f, n)"""
QUERIES = [
    f"SELECT * {ROWS}",
    f"SELECT i, s, b, f, n {ROWS} WHERE i IS NOT NULL",  # no integer or boolean missing: numpy's types
    f"SELECT * {ROWS} WHERE i = 1",
    f"SELECT * {ROWS} WHERE false",  # no row
    f"SELECT n, NULL AS nothing {ROWS}",
    f"SELECT i::TINYINT AS a, i::SMALLINT AS b, i::BIGINT AS c, i::UINTEGER AS d {ROWS}",
    f"SELECT sum(i) AS total, sum(f)::DECIMAL(6, 2) AS money {ROWS}",
    f"SELECT DATE '2025-01-01' + i AS day, [i, 2] AS list {ROWS}",
    "SELECT s FROM (VALUES ('x'), ($text)) t(s)",
]


@pytest.mark.parametrize("sql", QUERIES)
def test_the_frame_is_the_one_df_gives(sql):
    con = duckdb.connect()
    params = {"text": "Phường Phổ Hòa"} if "$text" in sql else {}
    pd.testing.assert_frame_equal(arrow_frame(con, sql, params), con.execute(sql, params).df(), check_exact=True)
