"""DuckDB's memory is capped in the app's process (its default is 80 % of the machine): the read connections
and the writer of the stored frames (which the app runs on a thread of its own) each by their own setting."""

from __future__ import annotations

from database.db import cursor
from database.store import published_file
from queries.precompute import writer
from settings import settings


def _limit_bytes(con) -> int:
    return con.execute("SELECT value::BIGINT FROM (SELECT current_setting('memory_limit') AS v), "
                       "LATERAL (SELECT CASE WHEN v LIKE '%GiB' THEN replace(v, ' GiB', '')::DOUBLE * 2 ** 30 "
                       "ELSE replace(v, ' MiB', '')::DOUBLE * 2 ** 20 END AS value)").fetchone()[0]


def test_reader_connections_use_the_configured_memory_limit(sample_env, monkeypatch):
    monkeypatch.setenv("DP_READER_MEMORY", "300MB")
    monkeypatch.setenv("DP_FRAMES_MEMORY", "200MB")
    assert 280 * 2 ** 20 < _limit_bytes(cursor()) <= 300 * 10 ** 6


def test_the_frames_writer_uses_its_own_memory_limit(sample_env, monkeypatch):
    monkeypatch.setenv("DP_READER_MEMORY", "300MB")
    monkeypatch.setenv("DP_FRAMES_MEMORY", "200MB")
    cfg = settings()
    con = writer(cfg, published_file(cfg))
    try:
        assert 180 * 2 ** 20 < _limit_bytes(con) <= 200 * 10 ** 6
        assert con.execute("SELECT current_setting('threads')").fetchone()[0] == 1
    finally:
        con.close()


def test_both_limits_default_to_what_the_national_benchmark_was_measured_with(monkeypatch):
    monkeypatch.delenv("DP_READER_MEMORY", raising=False)
    monkeypatch.delenv("DP_FRAMES_MEMORY", raising=False)
    cfg = settings()
    assert (cfg.reader_memory_limit, cfg.frames_memory_limit) == ("256MB", "256MB")
