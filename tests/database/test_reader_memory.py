"""The app's read connections cap DuckDB's memory (its default is 80 % of the machine)."""

from __future__ import annotations

from database.db import cursor


def _limit_bytes(con) -> int:
    return con.execute("SELECT value::BIGINT FROM (SELECT current_setting('memory_limit') AS v), "
                       "LATERAL (SELECT CASE WHEN v LIKE '%GiB' THEN replace(v, ' GiB', '')::DOUBLE * 2 ** 30 "
                       "ELSE replace(v, ' MiB', '')::DOUBLE * 2 ** 20 END AS value)").fetchone()[0]


def test_reader_connections_use_the_configured_memory_limit(sample_env, monkeypatch):
    monkeypatch.setenv("DP_READER_MEMORY", "256MB")
    assert 200 * 2 ** 20 < _limit_bytes(cursor()) <= 256 * 10 ** 6
